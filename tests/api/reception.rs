//! Citizen reception end to end: a visit recorded with the submission it handed in (registered in
//! the same transaction) and the notice concluding it; a denouncer's visit masked from an
//! inspector and every reveal audited; the head's reception days moved off days off, with duty
//! assigned and the published notice; bad input refused with nothing saved.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thanhtra::auth::Role;

use crate::builders::UserBuilder;
use crate::helpers::TestApp;

async fn call(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>, want: StatusCode) -> Value {
    let (s, v) = app.api(method, path, token, body).await;
    assert_eq!(s, want, "{path}: {v}");
    v
}

fn today() -> String {
    thanhtra::time::today_vn().to_string()
}

fn visit(officer: &str) -> Value {
    json!({
        "held_on": today(),
        "start_time": "08:30",
        "kind": "regular",
        "host": "Bà Lê Thị Trực, Phó Chánh Thanh tra",
        "officer_id": officer,
        "topic": "complaint",
        "subject": "Khiếu nại việc thu hồi giấy phép in",
        "content": "Hai anh em đến trình bày việc cơ sở in bị thu hồi giấy phép không đúng.",
        "action": "submission",
        "kind_reason": "Đề nghị xem xét lại quyết định hành chính: khiếu nại",
        "competence": "within",
        "visitors": [
            {"full_name": "Phạm Văn Anh", "phone": "0905 111 222", "address": "Phường Thành Sen"},
            {"full_name": "Phạm Văn Em", "id_number": "042190005555"}
        ],
    })
}

fn count(app: &TestApp, table: &str) -> i64 {
    app.with_conn(|c| {
        use diesel::prelude::*;
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let q = format!("SELECT COUNT(*) AS n FROM {table}");
        match c {
            thanhtra::db::DbConnection::Sqlite(c) => diesel::sql_query(q).get_result::<N>(c).unwrap().n,
            thanhtra::db::DbConnection::Pg(c) => diesel::sql_query(q).get_result::<N>(c).unwrap().n,
        }
    })
}

#[actix_web::test]
async fn a_visit_registers_its_submission_and_a_notice_concludes_it() {
    use crate::helpers::{pdf_bytes, pdf_text_words};
    let app = crate::helpers::spawn_app().await;
    crate::builders::agency_with_signer(&app);
    let (officer, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);

    // Bad input: a submission handed in without its classification, nobody named, a bad time.
    let mut bad = visit(&officer);
    bad["kind_reason"] = json!("");
    bad["visitors"] = json!([{"full_name": "", "phone": "abc"}]);
    bad["start_time"] = json!("8h");
    bad["topic"] = json!("");
    let (st, e) = app.api(Method::POST, "/api/v1/reception", &token, Some(bad)).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    let fields: Vec<&str> = e["errors"].as_array().unwrap().iter().map(|x| x["field"].as_str().unwrap()).collect();
    for f in ["start_time", "visitor_1_full_name", "visitor_1_phone", "kind_reason", "topic"] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    assert!(!fields.contains(&"kind"), "the submission's errors are the form's fields: {fields:?}");
    let mut bad = visit(&officer);
    bad["action"] = json!("answered");
    let (st, e) = app.api(Method::POST, "/api/v1/reception", &token, Some(bad)).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "what was done, in words: {e}");
    assert_eq!(e["errors"][0]["field"], "action_text");
    assert_eq!((count(&app, "reception_sessions"), count(&app, "submissions")), (0, 0), "nothing saved");

    // Recorded with the submission: one transaction, the visitors are its people.
    let s = call(&app, &token, Method::POST, "/api/v1/reception", Some(visit(&officer)), StatusCode::CREATED).await;
    let id = s["id"].as_str().unwrap().to_string();
    assert_eq!(s["number"], 1);
    assert_eq!(s["visitor_count"], 2);
    let sub = s["submission_id"].as_str().expect("the submission registered").to_string();
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{sub}"), None, StatusCode::OK).await;
    assert_eq!(d["submission"]["channel"], "walk_in");
    assert_eq!(d["submission"]["kind"], "complaint");
    assert_eq!(d["people"].as_array().unwrap().len(), 2);
    assert_eq!(d["deadlines"][0]["rule_code"], "complaint.acceptance", "its handling clock runs");
    app.login("tiepdan", crate::helpers::PASSWORD).await;
    let (_, page) = app.get_html(&format!("/complaints/{sub}")).await;
    assert!(page.contains(&format!("/reception/{id}")), "the submission links back to its visit");
    app.post_form("/logout", &[]).await;
    let l = call(&app, &token, Method::GET, "/api/v1/reception?q=pham%20van%20anh", None, StatusCode::OK).await;
    assert_eq!(l["total"], 1, "found by a visitor's name without diacritics");

    // The conclusion of whoever presided: the notice is drafted once, issued by a leader.
    let (st, e) = app
        .api(Method::POST, &format!("/api/v1/reception/{id}/conclusion"), &token, Some(json!({"conclusion": ""})))
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    let c = call(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/reception/{id}/conclusion"),
        Some(json!({"conclusion": "Giao Thanh tra xem xét, trả lời bằng văn bản trong 10 ngày làm việc"})),
        StatusCode::CREATED,
    )
    .await;
    let doc = c["document_id"].as_str().unwrap().to_string();
    let e = call(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/reception/{id}/conclusion"),
        Some(json!({"conclusion": "Lần hai"})),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(e["errors"][0]["code"], "reception_concluded");
    let issued =
        call(&app, &leader, Method::POST, &format!("/api/v1/documents/{doc}/issue"), None, StatusCode::OK).await;
    assert!(issued["symbol"].as_str().unwrap().contains("/TB-"), "{issued}");
    let text = pdf_text_words(&pdf_bytes(&app, &leader, &doc).await);
    for want in [
        "THÔNG BÁO",
        "Kết luận tại buổi tiếp công dân ngày",
        "bà Lê Thị Trực, Phó Chánh Thanh tra chủ trì tiếp ông (bà) Phạm Văn Anh",
        "Kính gửi:",
        "trả lời bằng văn bản trong 10 ngày làm việc",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }

    // The page: who came, what was done, the submission and the notice; the history in words.
    app.login("tiepdan", crate::helpers::PASSWORD).await;
    let (st, html) = app.get_html(&format!("/reception/{id}")).await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        html.contains("Phạm Văn Em") && html.contains(&format!("/complaints/{sub}")),
        "visitors and the submission"
    );
    assert!(html.contains("Thông báo kết luận việc tiếp công dân") && html.contains("/TB-"), "the notice, issued");
    assert!(html.contains("Tạo mới") || html.contains("Tiếp nhận đơn"), "history in words");
    let (_, list) = app.get_html("/reception").await;
    assert!(list.contains("Khiếu nại việc thu hồi giấy phép in"));
}

#[actix_web::test]
async fn a_denouncers_visit_is_masked_from_an_outsider_and_each_reveal_is_audited() {
    let app = crate::helpers::spawn_app().await;
    crate::builders::agency_with_signer(&app);
    let (officer, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let (_, outsider) = UserBuilder::new("thanhtravien", Role::Inspector).build_with_token(&app);
    let mut v = visit(&officer);
    v["topic"] = json!("denunciation");
    v["action"] = json!("recorded");
    v["action_text"] = json!("Ghi nhận, báo cáo Chánh Thanh tra");
    v["subject"] = json!("Tố cáo cơ sở in sách lậu");
    v["content"] = json!("Tôi là Phạm Văn Anh, hàng xóm của xưởng in.");
    let s = call(&app, &token, Method::POST, "/api/v1/reception", Some(v), StatusCode::CREATED).await;
    let id = s["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/reception/{id}");
    // The outsider: no names, no content, no reveal; not found by the name either.
    let d = call(&app, &outsider, Method::GET, &path, None, StatusCode::OK).await;
    assert_eq!(d["disclosure"], "masked");
    assert!(d["visitors"].as_array().unwrap().is_empty() && d["session"]["content"] == "", "{d}");
    call(&app, &outsider, Method::GET, &format!("{path}?reveal=true"), None, StatusCode::CONFLICT).await;
    let l = call(&app, &outsider, Method::GET, "/api/v1/reception?q=pham%20van%20anh", None, StatusCode::OK).await;
    assert_eq!(l["total"], 0, "the name is not searchable");
    let l = call(&app, &outsider, Method::GET, "/api/v1/reception", None, StatusCode::OK).await;
    assert_eq!(l["items"][0]["content"], "", "nor in the list");
    // The officer who received them reveals; the reading is audited, the trail holds no name.
    let d = call(&app, &token, Method::GET, &format!("{path}?reveal=true"), None, StatusCode::OK).await;
    assert_eq!(d["visitors"][0]["full_name"], "Phạm Văn Anh");
    let (reveals, named) = app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::audit_log;
        let reveals: Vec<String> = audit_log::table
            .filter(audit_log::record_id.eq(&id))
            .filter(audit_log::action.eq("reveal"))
            .select(audit_log::actor_name)
            .load(c)
            .unwrap();
        let named: i64 = audit_log::table
            .filter(audit_log::changes.like("%Phạm Văn Anh%").or(audit_log::record_label.like("%Phạm Văn Anh%")))
            .count()
            .get_result(c)
            .unwrap();
        (reveals, named)
    });
    assert_eq!(reveals, vec!["tiepdan".to_string()]);
    assert_eq!(named, 0, "the trail never names a denouncer");
    // The notice concluding it names no one.
    let c = call(
        &app,
        &token,
        Method::POST,
        &format!("{path}/conclusion"),
        Some(json!({"conclusion": "Chuyển Thanh tra xác minh theo quy định"})),
        StatusCode::CREATED,
    )
    .await;
    let doc = call(
        &app,
        &token,
        Method::GET,
        &format!("/api/v1/documents/{}", c["document_id"].as_str().unwrap()),
        None,
        StatusCode::OK,
    )
    .await;
    let text = doc.to_string();
    assert!(!text.contains("Phạm Văn") && !text.contains("hàng xóm") && text.contains("2 công dân"), "{text}");
    // The page: masked for the outsider, with no reveal button.
    app.login("thanhtravien", crate::helpers::PASSWORD).await;
    let (_, html) = app.get_html(&format!("/reception/{id}")).await;
    assert!(html.contains("được bảo mật") && !html.contains("Phạm Văn Anh") && !html.contains("/reveal"));
}

#[actix_web::test]
async fn the_heads_reception_days_move_off_days_off_and_carry_who_is_on_duty() {
    let app = crate::helpers::spawn_app().await;
    crate::builders::agency_with_signer(&app);
    let (officer, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    // No schedule yet: no days, and the page says what is missing and where it is set.
    let c = call(&app, &token, Method::GET, "/api/v1/reception/calendar?year=2027", None, StatusCode::OK).await;
    assert!(c["days"].as_array().unwrap().is_empty());
    let monthly = json!({"valid_from": "2020-01-01", "pattern": "monthly", "day_of_month": "15",
        "place": "Trụ sở tiếp công dân tỉnh", "legal_source": "Điều 18 Luật Tiếp công dân 2013; Quy chế tiếp công dân"});
    // Only leaders and administrators set it.
    call(&app, &token, Method::POST, "/api/v1/reception/schedules", Some(monthly.clone()), StatusCode::FORBIDDEN).await;
    let (st, e) = app
        .api(
            Method::POST,
            "/api/v1/reception/schedules",
            &leader,
            Some(json!({"pattern": "monthly", "day_of_month": "32"})),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(count(&app, "reception_schedules"), 0);
    call(&app, &leader, Method::POST, "/api/v1/reception/schedules", Some(monthly.clone()), StatusCode::CREATED).await;
    call(&app, &leader, Method::POST, "/api/v1/reception/schedules", Some(monthly), StatusCode::UNPROCESSABLE_ENTITY)
        .await;
    let c = call(&app, &token, Method::GET, "/api/v1/reception/calendar?year=2027", None, StatusCode::OK).await;
    let days = c["days"].as_array().unwrap();
    assert_eq!(days.len(), 12);
    // 15/8/2027 is a Sunday: the 16th.
    let aug = days.iter().find(|d| d["day"].as_str().unwrap().starts_with("2027-08")).unwrap();
    assert_eq!((aug["day"].as_str(), aug["moved_from"].as_str()), (Some("2027-08-16"), Some("2027-08-15")));
    // Who presides and who is on duty; a day that is not a reception day is refused.
    let duty = json!({"host": "Ông Nguyễn Văn Đạt, Phó Chánh Thanh tra", "officer_id": officer});
    call(&app, &leader, Method::PUT, "/api/v1/reception/duties/2027-08-16", Some(duty.clone()), StatusCode::OK).await;
    let e =
        call(&app, &leader, Method::PUT, "/api/v1/reception/duties/2027-08-15", Some(duty), StatusCode::CONFLICT).await;
    assert_eq!(e["errors"][0]["code"], "reception_not_scheduled");
    let c = call(&app, &token, Method::GET, "/api/v1/reception/calendar?year=2027", None, StatusCode::OK).await;
    let aug = c["days"].as_array().unwrap().iter().find(|d| d["day"] == "2027-08-16").unwrap().clone();
    assert_eq!(aug["host"], "Ông Nguyễn Văn Đạt, Phó Chánh Thanh tra");
    assert_eq!(aug["officer_id"], officer.as_str());
    assert_eq!(aug["officer"], "Người dùng tiepdan", "the officer by name");
    // A new version (weekly, Thursdays) from 1 July 2027: the old one keeps the first half.
    let weekly =
        json!({"valid_from": "2027-07-01", "pattern": "weekly", "weekday": "4", "legal_source": "Quy chế mới"});
    call(&app, &leader, Method::POST, "/api/v1/reception/schedules", Some(weekly), StatusCode::CREATED).await;
    let c = call(&app, &token, Method::GET, "/api/v1/reception/calendar?year=2027", None, StatusCode::OK).await;
    let days = c["days"].as_array().unwrap();
    assert_eq!(days.iter().filter(|d| d["day"].as_str().unwrap() < "2027-07-01").count(), 6);
    assert!(days.len() > 30, "{}", days.len());

    // The page and the published notice.
    app.login("lanhdao", crate::helpers::PASSWORD).await;
    let (st, html) = app.get_html("/reception/calendar?year=2027").await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("Thứ Năm, 01/07/2027") && html.contains("15/06/2027"), "days listed");
    let (_, page) = app.get_html("/reception/calendar?year=2027").await;
    let csrf = crate::helpers::csrf_in(&page);
    let r = app
        .client
        .post(app.url("/reception/calendar/notice?year=2027"))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    assert!(loc.starts_with("/documents/"), "{loc}");
    let doc = call(&app, &leader, Method::GET, &format!("/api/v1{loc}"), None, StatusCode::OK).await;
    assert_eq!(doc["summary"], "Lịch tiếp công dân định kỳ năm 2027");
    assert!(
        doc["body"].as_str().unwrap().contains("- Thứ Hai, ngày 16/08/2027")
            || doc["body"].as_str().unwrap().contains("ngày 15/06/2027"),
        "{doc}"
    );
    // A year with no schedule: the notice is refused in words.
    let r = app
        .client
        .post(app.url("/reception/calendar/notice?year=2019"))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let (_, html) = app.get_html(&loc).await;
    assert!(html.contains("Chưa có lịch tiếp công dân định kỳ cho năm này"), "{loc}");
}
