use diesel::RunQueryDsl;
use reqwest::{Method, StatusCode};
use thanhtra::audit::VerifyOutcome;
use thanhtra::auth::Role;
use thanhtra::db::DbConnection;

use crate::helpers::{TestApp, duc_huy, spawn_app};

fn exec(conn: &mut DbConnection, sql: &str) -> Result<usize, diesel::result::Error> {
    diesel::sql_query(sql).execute(conn)
}

fn drop_guards(app: &TestApp) {
    app.with_conn(|c| {
        let pg = matches!(c, DbConnection::Pg(_));
        for t in ["audit_log_no_update", "audit_log_no_delete"] {
            let sql = if pg { format!("DROP TRIGGER {t} ON audit_log") } else { format!("DROP TRIGGER {t}") };
            exec(c, &sql).unwrap();
        }
    });
}

fn cli_verify(app: &TestApp) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thanhtra"))
        .args(["audit", "verify"])
        .env(
            "DATABASE_URL",
            match app.db_target() {
                thanhtra::db::DbTarget::Sqlite(p) => p.display().to_string(),
                thanhtra::db::DbTarget::Postgres(u) => u,
            },
        )
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).to_string())
}

async fn some_history(app: &TestApp) -> String {
    let id = app.create_user("lead", Role::Admin, &app.default_agency());
    let token = app.token_for(&id);
    let o = app.api_create_outlet(&token, duc_huy()).await;
    let oid = o["id"].as_str().unwrap().to_string();
    let (s, _) = app
        .api(Method::PATCH, &format!("/api/v1/outlets/{oid}"), &token, Some(serde_json::json!({"status": "suspended"})))
        .await;
    assert_eq!(s, StatusCode::OK);
    token
}

#[actix_web::test]
async fn every_change_writes_an_entry_with_before_and_after() {
    let app = spawn_app().await;
    let token = some_history(&app).await;
    let (s, v) = app.api(Method::GET, "/api/v1/audit?record_type=outlet", &token, None).await;
    assert_eq!(s, StatusCode::OK);
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{v}");
    assert_eq!(items[0]["action"], "update");
    assert_eq!(items[0]["actor"], "lead");
    assert_eq!(items[0]["changes"], serde_json::json!([{"field": "status", "before": "active", "after": "suspended"}]));
    assert_eq!(items[1]["action"], "create");
    // An agency administrator's verify counts the agency's entries (the user, the outlet twice);
    // the installation administrator's counts the whole chain (the install's own entries too).
    let (s, v) = app.api(Method::GET, "/api/v1/audit/verify", &token, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["status"], "ok");
    let agency_count = v["count"].as_i64().unwrap();
    assert!(agency_count >= 3, "{v}");
    let root = app.create_user("root", Role::InstallationAdmin, &app.default_agency());
    let (_, v) = app.api(Method::GET, "/api/v1/audit/verify", &app.token_for(&root), None).await;
    assert_eq!(v["status"], "ok");
    let whole = app.with_conn(|c| thanhtra::audit::verify(c).unwrap());
    assert_eq!(whole, VerifyOutcome::Ok { count: v["count"].as_i64().unwrap() });
    assert!(v["count"].as_i64().unwrap() > agency_count + 2, "{v}");
}

#[actix_web::test]
async fn the_log_refuses_updates_and_deletes() {
    let app = spawn_app().await;
    some_history(&app).await;
    app.with_conn(|c| {
        assert!(exec(c, "UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 1").is_err());
        assert!(exec(c, "DELETE FROM audit_log WHERE seq = 1").is_err());
    });
}

#[actix_web::test]
async fn verify_reports_the_first_altered_entry() {
    let app = spawn_app().await;
    some_history(&app).await;
    let (code, out) = cli_verify(&app);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("ok: "), "{out}");

    drop_guards(&app);
    app.with_conn(|c| exec(c, "UPDATE audit_log SET changes = '[]' WHERE seq = 3").unwrap());
    let outcome = app.with_conn(|c| thanhtra::audit::verify(c).unwrap());
    assert!(matches!(outcome, VerifyOutcome::Broken { seq: 3, .. }), "{outcome:?}");
    let (code, out) = cli_verify(&app);
    assert_eq!(code, 1);
    assert!(out.contains("broken at entry 3"), "{out}");

    // The admin page says so too.
    app.create_user("boss", Role::Admin, &app.default_agency());
    app.login("boss", crate::helpers::PASSWORD).await;
    let r = app.post_form("/admin/audit/verify", &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("Chuỗi nhật ký bị phá vỡ: #3"), "{html}");
}

#[actix_web::test]
async fn verify_notices_removed_entries_in_the_middle_and_at_the_end() {
    let app = spawn_app().await;
    some_history(&app).await;
    drop_guards(&app);
    let last: i64 = app.with_conn(|c| thanhtra::audit::verify(c).unwrap()).count_ok();
    app.with_conn(|c| exec(c, &format!("DELETE FROM audit_log WHERE seq = {last}")).unwrap());
    let outcome = app.with_conn(|c| thanhtra::audit::verify(c).unwrap());
    assert!(matches!(outcome, VerifyOutcome::Broken { seq, .. } if seq == last), "{outcome:?}");
    app.with_conn(|c| exec(c, "DELETE FROM audit_log WHERE seq = 2").unwrap());
    let outcome = app.with_conn(|c| thanhtra::audit::verify(c).unwrap());
    assert!(matches!(outcome, VerifyOutcome::Broken { seq: 2, .. }), "{outcome:?}");
}

trait CountOk {
    fn count_ok(&self) -> i64;
}
impl CountOk for VerifyOutcome {
    fn count_ok(&self) -> i64 {
        match self {
            VerifyOutcome::Ok { count } => *count,
            other => panic!("chain broken before tampering: {other:?}"),
        }
    }
}

#[actix_web::test]
async fn the_audit_page_filters_by_user_action_type_and_date() {
    let app = spawn_app().await;
    some_history(&app).await;
    app.create_user("boss", Role::Admin, &app.default_agency());
    app.login("boss", crate::helpers::PASSWORD).await;
    let today = thanhtra::time::now().date();
    let (s, html) = app
        .get_html(&format!("/admin/audit?actor=lead&action=update&record_type=outlet&from={today}&to={today}"))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("<p class=\"count\">1 bản ghi"), "{html}");
    let (_, html) = app.get_html("/admin/audit?from=2020-01-01&to=2020-01-02").await;
    assert!(html.contains("<p class=\"count\">0 bản ghi"));
}

#[actix_web::test]
async fn history_names_sectors_and_records_in_words_never_codes_or_ids() {
    use crate::builders::{EngagementBuilder, EngagementState, agency_with_signer};
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    let leader = app.create_user("lead", Role::Leader, &app.default_agency());
    let token = app.token_for(&leader);
    let outlet = app.api_create_outlet(&token, crate::helpers::hong_lam(&crate::helpers::valid_mst(77))).await;
    let oid = outlet["id"].as_str().unwrap().to_string();
    let id =
        EngagementBuilder::check(&oid, &leader, &signer).state(EngagementState::Preparation).build(&app, &token).await;
    app.login("lead", crate::helpers::PASSWORD).await;

    let (_, html) = app.get_html(&format!("/outlets/{oid}")).await;
    let history = html.split("<ol class=\"history\">").nth(1).expect("a history list");
    assert!(history.contains("Lĩnh vực</td>"), "{history}");
    assert!(history.contains(">In</td>") && !history.contains(">printing<"), "the sector in words: {history}");

    let (_, html) = app.get_html(&format!("/inspections/{id}")).await;
    let history = html.split("<ol class=\"history\">").nth(1).expect("a history list");
    assert!(history.contains("Công ty TNHH In Hồng Lam"), "the outlet by its name: {history}");
    assert!(!history.contains(&oid) && !history.contains(&leader), "no ids in the history: {history}");
    for code in [">outlet_id<", ">state<", ">kiem_tra<", ">ad_hoc<", ">planned<", " working<"] {
        assert!(!history.contains(code), "{code} in the history: {history}");
    }
    assert!(
        history.contains(">Kiểm tra<") && history.contains(">Đột xuất<") && history.contains(">Chuẩn bị<"),
        "{history}"
    );

    let (_, html) = app.get_html("/admin/audit?record_type=engagement").await;
    assert!(html.contains(">Cuộc thanh tra, kiểm tra</option>"), "record types in words");
    assert!(html.contains("Cuộc thanh tra, kiểm tra · "), "each entry's record type in words");
}

#[actix_web::test]
async fn a_users_history_names_the_language_in_words() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    app.create_user("quantri", Role::Admin, &agency);
    let someone = app.create_user("canbo", Role::Inspector, &agency);
    app.login("quantri", crate::helpers::PASSWORD).await;
    let (_, html) = app.get_html(&format!("/admin/users/{someone}")).await;
    let history = html.split("<ol class=\"history\">").nth(1).expect("a history list");
    assert!(history.contains(">Tiếng Việt<") && !history.contains(">vi<"), "{history}");
}
