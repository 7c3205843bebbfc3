//! Every page in English: a reader who chose English meets no interface text that exists only in
//! Vietnamese. What the records themselves hold (names, addresses, legal texts, what people typed) is
//! data and stays as written; the test reads every text column of the database to tell the two apart.

use std::collections::BTreeSet;

use diesel::RunQueryDsl;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::builders::issued_document_with;
use crate::engagements::{on_site, setup};
use crate::helpers::TestApp;

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    t: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    c: String,
}

#[derive(diesel::QueryableByName)]
struct Cell {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    v: Option<String>,
}

/// Every text value stored anywhere in the database: what the pages may show as data.
fn stored_texts(app: &TestApp) -> Vec<String> {
    app.with_conn(|c| {
        let columns: Vec<Name> = match app.db_url {
            None => diesel::sql_query(
                "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND upper(p.type) = 'TEXT'",
            )
            .load(c)
            .unwrap(),
            Some(_) => diesel::sql_query(
                "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
                 WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')",
            )
            .load(c)
            .unwrap(),
        };
        let mut out = BTreeSet::new();
        for Name { t, c: col } in columns {
            let rows: Vec<Cell> =
                diesel::sql_query(format!("SELECT \"{col}\" AS v FROM \"{t}\"")).load(c).unwrap_or_default();
            for v in rows.into_iter().flatten_values() {
                collect(&v, &mut out);
            }
        }
        let mut v: Vec<String> = out.into_iter().filter(|s| s.chars().count() > 1).collect();
        v.sort_by_key(|s| std::cmp::Reverse(s.len()));
        v
    })
}

trait FlattenValues {
    fn flatten_values(self) -> Vec<String>;
}

impl FlattenValues for std::vec::IntoIter<Cell> {
    fn flatten_values(self) -> Vec<String> {
        self.filter_map(|c| c.v).collect()
    }
}

/// A stored value, and the strings inside it when it holds JSON (lists, bodies, audit changes).
fn collect(v: &str, out: &mut BTreeSet<String>) {
    out.insert(v.trim().to_string());
    for line in v.lines() {
        out.insert(line.trim().to_string());
    }
    if let Ok(j) = serde_json::from_str::<Value>(v) {
        walk_json(&j, out);
    }
}

fn walk_json(j: &Value, out: &mut BTreeSet<String>) {
    match j {
        Value::String(s) => {
            out.insert(s.trim().to_string());
            for line in s.lines() {
                out.insert(line.trim().to_string());
            }
        }
        Value::Array(a) => a.iter().for_each(|x| walk_json(x, out)),
        Value::Object(o) => o.values().for_each(|x| walk_json(x, out)),
        _ => {}
    }
}

fn vietnamese(s: &str) -> bool {
    s.chars().any(|c| {
        "ăâđêôơưĂÂĐÊÔƠƯ".contains(c)
            || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
            || "àáãèéìíòóõùúýỳÀÁÃÈÉÌÍÒÓÕÙÚÝ".contains(c)
    })
}

/// The visible text of a page: text nodes outside scripts and form values, and placeholders.
fn visible_texts(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut out = Vec::new();
    for node in doc.tree.nodes() {
        if let scraper::Node::Text(t) = node.value() {
            // Text marked as Vietnamese (a document's header shown as it prints, a file's column
            // names) is meant to be read in Vietnamese.
            let hidden = node.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| {
                    matches!(e.name(), "script" | "style" | "textarea" | "title") || e.attr("lang") == Some("vi")
                })
            });
            let s = t.trim();
            if !hidden && !s.is_empty() {
                out.push(s.to_string());
            }
        }
        if let scraper::Node::Element(e) = node.value()
            && let Some(p) = e.attr("placeholder")
        {
            out.push(p.trim().to_string());
        }
    }
    out
}

/// What is left of a text once the data in it and the names of legal sources are taken out.
fn interface_part(text: &str, data: &[String], legal: &regex::Regex) -> String {
    if data.iter().any(|d| d.contains(text)) {
        return String::new();
    }
    let mut rest = text.to_string();
    for d in data {
        if rest.contains(d.as_str()) {
            rest = rest.replace(d.as_str(), " ");
        }
    }
    legal.replace_all(&rest, " ").into_owned()
}

async fn ok(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>) -> Value {
    let (s, v) = app.api(method, path, token, body).await;
    assert!(s.is_success(), "{path}: {s} {v}");
    v
}

#[actix_web::test]
async fn every_page_in_english_shows_no_interface_text_that_exists_only_in_vietnamese() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let t = s.token.as_str();
    // Work on every screen: a plan with an item, an engagement on site with a finding, a violation,
    // a recommendation, a document issued, a deadline tracked by hand.
    let year = thanhtra::time::today_vn().format("%Y").to_string();
    let plan = ok(&app, t, Method::POST, "/api/v1/plans", Some(json!({"year": year}))).await;
    let pid = plan["id"].as_str().unwrap().to_string();
    ok(
        &app,
        t,
        Method::POST,
        &format!("/api/v1/plans/{pid}/items"),
        Some(json!({"outlet_id": s.outlet, "kind": "thanh_tra", "scope": "Hoạt động in", "quarter": "4"})),
    )
    .await;
    let id = on_site(&app, &s).await;
    let d = ok(&app, t, Method::GET, &format!("/api/v1/engagements/{id}"), None).await;
    let f0 = d["findings"][0]["id"].as_str().unwrap().to_string();
    ok(
        &app,
        t,
        Method::PUT,
        &format!("/api/v1/engagements/{id}/findings/{f0}"),
        Some(json!({"result": "non_compliant", "note": "Không lập sổ"})),
    )
    .await;
    let issued = issued_document_with(&app, t, &s.signer, json!({"outlet_id": s.outlet})).await;
    let doc_id = issued["id"].as_str().unwrap().to_string();
    let verify = issued["verify_code"].as_str().unwrap().to_string();
    let dl = ok(
        &app,
        t,
        Method::POST,
        "/api/v1/deadlines",
        Some(json!({"label": "Trả lời công văn", "start": "2026-11-02", "days": 10, "unit": "working"})),
    )
    .await;
    let dl_id = dl["id"].as_str().unwrap().to_string();
    let submission = ok(
        &app,
        t,
        Method::POST,
        "/api/v1/complaints",
        Some(json!({
            "received_on": "2026-11-02", "channel": "walk_in", "kind": "complaint",
            "kind_reason": "Khiếu nại quyết định hành chính", "competence": "within",
            "subject": "Khiếu nại quyết định xử phạt", "content": "Không đồng ý.",
            "people": [{"full_name": "Nguyễn Văn Khiếu", "phone": "0912345678"}], "outlet_ids": s.outlet,
        })),
    )
    .await;
    let sub_id = submission["id"].as_str().unwrap().to_string();
    let visit = ok(
        &app,
        t,
        Method::POST,
        "/api/v1/reception",
        Some(json!({
            "held_on": "2026-11-02", "kind": "regular", "host": "Ông Trưởng Đoàn", "topic": "petition",
            "subject": "Phản ánh tiếng ồn", "content": "Điểm trò chơi mở khuya.", "action": "answered",
            "action_text": "Đã giải thích", "visitors": [{"full_name": "Nguyễn Văn Khiếu"}],
        })),
    )
    .await;
    let visit_id = visit["id"].as_str().unwrap().to_string();
    let dossier = ok(
        &app,
        t,
        Method::POST,
        "/api/v1/permits/dossiers",
        Some(json!({"type": "game_shop", "outlet_id": s.outlet, "received_on": "2026-11-02", "documents": ["application"]})),
    )
    .await;
    let dossier_id = dossier["id"].as_str().unwrap().to_string();
    let dossier_code = dossier["tracking_code"].as_str().unwrap().to_string();
    ok(
        &app,
        t,
        Method::POST,
        "/api/v1/reception/schedules",
        Some(json!({"valid_from": "2026-01-01", "pattern": "monthly", "day_of_month": "15", "legal_source": "Điều 18 Luật Tiếp công dân"})),
    )
    .await;

    app.login("truongdoan", crate::helpers::PASSWORD).await;
    let r = app.post_form("/account/lang", &[("lang", "en"), ("next", "/")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let data = stored_texts(&app);
    // Names of legal sources and the language's own name stay as they are written.
    let legal = regex::Regex::new(
        r"(Luật|Nghị định|Nghị quyết|Thông tư|Quyết định|Bộ luật|NĐ|TT|BLDS|Điều|khoản|điểm|Tiếng Việt)[^,;()]*",
    )
    .unwrap();
    let agency = app.default_agency();
    let pages = [
        "/".to_string(),
        "/account".into(),
        "/outlets".into(),
        format!("/outlets/{}", s.outlet),
        format!("/outlets/{}/edit", s.outlet),
        "/outlets/new".into(),
        "/outlets/import".into(),
        "/inspections".into(),
        format!("/inspections/new?outlet_id={}", s.outlet),
        format!("/inspections/{id}"),
        format!("/inspections/{id}/field"),
        format!("/inspections/{id}/violations/new"),
        "/inspections/plans".into(),
        format!("/inspections/plans/{pid}"),
        "/inspections/catalogue".into(),
        "/documents".into(),
        "/documents/new".into(),
        format!("/documents/{doc_id}"),
        format!("/documents/{doc_id}/send"),
        "/deadlines".into(),
        format!("/deadlines/{dl_id}"),
        "/deadlines/calculator?start=2026-11-02&days=10&unit=working".into(),
        "/calendar".into(),
        "/calendar/rules".into(),
        format!("/verify/{verify}"),
        "/complaints".into(),
        "/complaints/new".into(),
        "/complaints/due".into(),
        "/complaints/figures".into(),
        format!("/complaints/{sub_id}"),
        format!("/complaints/{sub_id}/receipt"),
        "/status".into(),
        "/reception".into(),
        "/reception/new".into(),
        format!("/reception/{visit_id}"),
        "/reception/calendar?year=2027".into(),
        "/permits".into(),
        "/permits/new".into(),
        "/permits/new?type=game_shop".into(),
        format!("/permits/{dossier_id}"),
        "/permits/register".into(),
        "/permits/figures".into(),
        "/permits/types".into(),
        "/reports?period=2026-H1".into(),
        format!("/permits/status?code={dossier_code}"),
    ];
    let admin_pages = [
        "/admin/users".to_string(),
        format!("/admin/users/{}", s.inspector),
        "/admin/users/new".into(),
        "/admin/agencies".into(),
        format!("/admin/agencies/{agency}"),
        format!("/admin/agencies/{agency}/edit"),
        format!("/admin/agencies/{agency}/signers"),
        "/admin/sectors".into(),
        "/admin/sectors/printing".into(),
        "/admin/permissions".into(),
        "/admin/audit".into(),
        "/admin/settings".into(),
    ];
    let mut found = Vec::new();
    found.extend(english_failures(&app, &pages, &data, &legal).await);
    app.create_user("quantri", thanhtra::auth::Role::InstallationAdmin, &agency);
    app.post_form("/logout", &[]).await;
    app.login("quantri", crate::helpers::PASSWORD).await;
    app.post_form("/account/lang", &[("lang", "en"), ("next", "/")]).await;
    let data = stored_texts(&app);
    found.extend(english_failures(&app, &admin_pages, &data, &legal).await);
    found.dedup();
    assert!(found.is_empty(), "Vietnamese-only interface text on English pages:\n{}", found.join("\n"));
}

async fn english_failures(app: &TestApp, pages: &[String], data: &[String], legal: &regex::Regex) -> Vec<String> {
    let mut found = Vec::new();
    for p in pages {
        let (status, html) = app.get_html(p).await;
        assert_eq!(status, StatusCode::OK, "{p}");
        assert!(html.contains("lang=\"en\""), "{p} is not in English");
        for text in visible_texts(&html) {
            let rest = interface_part(&text, data, legal);
            if vietnamese(&rest) {
                found.push(format!("{p}: {text:?}"));
            }
        }
    }
    found
}

/// A fresh install (no signer, no public address, nobody with a position yet) read in English: the
/// start page's checklist, the signers page and the notes beside the signer choices.
#[actix_web::test]
async fn a_fresh_install_says_what_to_set_up_in_english() {
    let app = crate::helpers::spawn_app_with(|s| s.base_url = None).await;
    let agency = app.default_agency();
    let root = app.create_user("quantri", thanhtra::auth::Role::InstallationAdmin, &agency);
    let token = app.token_for(&root);
    let outlet = crate::builders::OutletBuilder::printing(6161).build(&app, &token).await;
    let year = thanhtra::time::today_vn().format("%Y").to_string();
    let plan = ok(&app, &token, Method::POST, "/api/v1/plans", Some(json!({"year": year}))).await;
    let pid = plan["id"].as_str().unwrap().to_string();
    let item = json!({"outlet_id": outlet, "kind": "thanh_tra", "scope": "Hoạt động in", "quarter": "4"});
    ok(&app, &token, Method::POST, &format!("/api/v1/plans/{pid}/items"), Some(item)).await;
    app.login("quantri", crate::helpers::PASSWORD).await;
    app.post_form("/account/lang", &[("lang", "en"), ("next", "/")]).await;
    let (_, home) = app.get_html("/").await;
    assert!(home.contains("Getting the installation ready"), "the checklist is shown");
    let (_, plan) = app.get_html(&format!("/inspections/plans/{pid}")).await;
    assert!(
        plan.contains("public address is not set")
            && plan.contains("href=\"/admin/settings\">Set it on the settings page"),
        "approving issues the plan: the missing address is said beside the button"
    );
    let pages = [
        "/".to_string(),
        format!("/admin/agencies/{agency}/signers"),
        format!("/inspections/plans/{pid}"),
        format!("/inspections/new?outlet_id={outlet}"),
        "/documents/new".into(),
    ];
    let legal = regex::Regex::new(
        r"(Luật|Nghị định|Nghị quyết|Thông tư|Quyết định|Bộ luật|NĐ|TT|BLDS|Điều|khoản|điểm|Tiếng Việt)[^,;()]*",
    )
    .unwrap();
    let found = english_failures(&app, &pages, &stored_texts(&app), &legal).await;
    assert!(found.is_empty(), "Vietnamese-only interface text on English pages:\n{}", found.join("\n"));
}

#[test]
fn the_check_tells_interface_text_from_data() {
    let data = vec!["Công ty TNHH In Hồng Lam".to_string()];
    let legal = regex::Regex::new(r"(Luật|NĐ)[^,;()]*").unwrap();
    assert!(interface_part("Công ty TNHH In Hồng Lam", &data, &legal).trim().is_empty());
    assert!(interface_part("Outlet: Công ty TNHH In Hồng Lam", &data, &legal).trim() == "Outlet:");
    assert!(vietnamese(&interface_part("Trạng thái", &data, &legal)), "an untranslated label is caught");
    assert!(!vietnamese(&interface_part("Check (NĐ 217/2025)", &data, &legal)));
}
