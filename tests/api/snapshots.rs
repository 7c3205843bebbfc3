//! Snapshots (insta) of what the main API resources return and of one page per feature, so that a
//! change of shape or wording shows up in review. Ids, times, dates, hashes and codes that change
//! from run to run are replaced by placeholders first; `cargo insta review` accepts a new snapshot.

use reqwest::Method;
use serde_json::{Value, json};

use crate::engagements::{on_site, setup};
use crate::helpers::TestApp;

fn placeholders() -> Vec<(regex::Regex, &'static str)> {
    [
        (r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "[id]"),
        (r"\b[0-9a-f]{64}\b", "[sha256]"),
        (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?", "[time]"),
        (r"\b\d{4}-\d{2}-\d{2}\b", "[date]"),
        (r"\b\d{2}/\d{2}/\d{4} \d{2}:\d{2}\b", "[time]"),
        (r"\b\d{2}/\d{2}/\d{4}\b", "[date]"),
        (r"\b[A-Z0-9]{5}-[A-Z0-9]{5}\b", "[verify-code]"),
        (r"ngày \d{1,2} tháng \d{1,2} năm \d{4}", "ngày [date]"),
    ]
    .into_iter()
    .map(|(p, r)| (regex::Regex::new(p).unwrap(), r))
    .chain(std::iter::once({
        // This year and the next (plans, numbers) move with the clock; the years of laws do not.
        let y: i32 = thanhtra::time::today_vn().format("%Y").to_string().parse().unwrap();
        (regex::Regex::new(&format!(r"\b({}|{})\b", y, y + 1)).unwrap(), "[year]")
    }))
    .collect()
}

fn normalise_text(s: &str) -> String {
    let mut out = s.to_string();
    for (re, to) in placeholders() {
        out = re.replace_all(&out, to).into_owned();
    }
    out
}

fn normalise(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(normalise_text(s)),
        Value::Array(a) => Value::Array(a.iter().map(normalise).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), normalise(v))).collect()),
        other => other.clone(),
    }
}

/// Every timestamp a body carries says its offset (times are stored in UTC and read anywhere).
fn assert_offsets(path: &str, v: &Value) {
    let naive = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$").unwrap();
    match v {
        Value::String(s) => assert!(!naive.is_match(s), "{path}: a timestamp without its offset: {s}"),
        Value::Array(a) => a.iter().for_each(|x| assert_offsets(path, x)),
        Value::Object(o) => o.values().for_each(|x| assert_offsets(path, x)),
        _ => {}
    }
}

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    let (s, v) = app.api(Method::GET, path, token, None).await;
    assert!(s.is_success(), "{path}: {s} {v}");
    assert_offsets(path, &v);
    normalise(&v)
}

/// The visible text of a page's main part, one line per text node.
fn page_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let main = scraper::Selector::parse("main").unwrap();
    let Some(root) = doc.select(&main).next() else { return String::new() };
    let lines: Vec<String> = root.text().map(str::trim).filter(|t| !t.is_empty()).map(normalise_text).collect();
    lines.join("\n")
}

#[actix_web::test]
async fn the_main_api_resources_keep_their_shape() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let t = s.token.as_str();
    let id = on_site(&app, &s).await;
    let year = thanhtra::time::today_vn().format("%Y").to_string();
    let (_, plan) = app.api(Method::POST, "/api/v1/plans", t, Some(json!({"year": year}))).await;
    let pid = plan["id"].as_str().unwrap().to_string();
    app.api(
        Method::POST,
        &format!("/api/v1/plans/{pid}/items"),
        t,
        Some(json!({"outlet_id": s.outlet, "kind": "thanh_tra", "scope": "Hoạt động in", "quarter": "4"})),
    )
    .await;
    let (_, doc) = app
        .api(
            Method::POST,
            "/api/v1/documents",
            t,
            Some(json!({"doc_type": "notice", "summary": "Về việc chấn chỉnh hoạt động in", "body": "# 1. Nội dung\nCơ sở cần bổ sung sổ quản lý.", "signer_id": s.signer, "outlet_id": s.outlet, "recipients": "Như trên;\nLưu: VT."})),
        )
        .await;
    let doc_id = doc["id"].as_str().unwrap().to_string();
    let (_, dl) = app
        .api(
            Method::POST,
            "/api/v1/deadlines",
            t,
            Some(json!({"label": "Trả lời công văn", "start": "2026-11-02", "days": 10, "unit": "working"})),
        )
        .await;
    let (_, refused) =
        app.api(Method::POST, &format!("/api/v1/engagements/{id}/steps"), t, Some(json!({"step": "archive"}))).await;
    let (_, invalid) =
        app.api(Method::POST, "/api/v1/outlets", t, Some(json!({"name": "", "sector": "game", "province": ""}))).await;

    insta::assert_json_snapshot!("api_outlet", get(&app, t, &format!("/api/v1/outlets/{}", s.outlet)).await);
    insta::assert_json_snapshot!("api_engagement", get(&app, t, &format!("/api/v1/engagements/{id}")).await);
    insta::assert_json_snapshot!("api_plan", get(&app, t, &format!("/api/v1/plans/{pid}")).await);
    insta::assert_json_snapshot!("api_document", get(&app, t, &format!("/api/v1/documents/{doc_id}")).await);
    insta::assert_json_snapshot!(
        "api_deadline",
        get(&app, t, &format!("/api/v1/deadlines/{}", dl["id"].as_str().unwrap())).await
    );
    insta::assert_json_snapshot!("api_me", get(&app, t, "/api/v1/me").await);
    for list in [
        "/api/v1/outlets",
        "/api/v1/engagements",
        "/api/v1/deadlines",
        "/api/v1/agencies",
        "/api/v1/audit",
        "/api/v1/sectors",
    ] {
        get(&app, t, list).await;
    }
    insta::assert_json_snapshot!("api_refusal", normalise(&refused));
    insta::assert_json_snapshot!("api_validation", normalise(&invalid));
}

#[actix_web::test]
async fn one_page_per_feature_keeps_its_content() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let id = on_site(&app, &s).await;
    let t = s.token.as_str();
    let (_, doc) = app
        .api(
            Method::POST,
            "/api/v1/documents",
            t,
            Some(json!({"doc_type": "notice", "summary": "Về việc chấn chỉnh hoạt động in", "body": "Nội dung.", "signer_id": s.signer, "outlet_id": s.outlet, "recipients": "Lưu: VT."})),
        )
        .await;
    let doc_id = doc["id"].as_str().unwrap().to_string();
    let (_, dl) = app
        .api(
            Method::POST,
            "/api/v1/deadlines",
            t,
            Some(json!({"label": "Trả lời công văn", "start": "2026-11-02", "days": 10, "unit": "working"})),
        )
        .await;
    let dl_id = dl["id"].as_str().unwrap().to_string();
    let agency = app.default_agency();
    app.login("truongdoan", crate::helpers::PASSWORD).await;
    for (name, path) in [
        ("page_outlet", format!("/outlets/{}", s.outlet)),
        ("page_engagement", format!("/inspections/{id}")),
        ("page_document", format!("/documents/{doc_id}")),
        ("page_deadline", format!("/deadlines/{dl_id}")),
        ("page_agency", format!("/admin/agencies/{agency}")),
        ("page_home", "/".to_string()),
    ] {
        let (status, html) = app.get_html(&path).await;
        assert!(status.is_success(), "{path}: {status}");
        insta::assert_snapshot!(name, page_text(&html));
    }
}
