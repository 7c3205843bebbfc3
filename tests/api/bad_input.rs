use reqwest::{Method, StatusCode};
use serde_json::json;
use thanhtra::auth::Role;

use crate::helpers::{duc_huy, spawn_app};

#[actix_web::test]
async fn the_api_refuses_bad_bodies_with_clear_statuses() {
    let app = spawn_app().await;
    let id = app.create_user("tra", Role::Inspector, &app.default_agency());
    let token = app.token_for(&id);
    let post = |body: &'static str, ctype: &'static str| {
        let url = app.url("/api/v1/outlets");
        let token = token.clone();
        async move {
            let r = reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .header("content-type", ctype)
                .body(body)
                .send()
                .await
                .unwrap();
            let s = r.status();
            (s, r.json::<serde_json::Value>().await.unwrap_or_default())
        }
    };
    let (s, v) = post("{\"name\": ", "application/json").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "malformed JSON: {v}");
    let (s, v) =
        post("{\"name\": \"X\", \"sector\": \"game\", \"province\": \"Hà Tĩnh\", \"colour\": 1}", "application/json")
            .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "unknown field");
    assert_eq!(v["errors"][0]["field"], "colour");
    let (s, _) = post("{\"name\": 5, \"sector\": \"game\"}", "application/json").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "wrong type");
    let (s, _) = post("name=x", "text/plain").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "not JSON");

    let (s, v) = app.api(Method::POST, "/api/v1/outlets", &token, Some(json!({"name": "", "sector": "nope", "tax_code": "12345", "notice_emails": ["x"], "status": "gone", "province": ""}))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    for f in ["name", "sector", "tax_code", "notice_emails", "status", "province"] {
        assert!(fields.contains(&f), "{f} missing in {v}");
    }
    assert!(v["errors"][0]["detail"].as_str().unwrap().len() > 3);

    let mut big = duc_huy();
    big["notes"] = json!("x".repeat(300 * 1024));
    let (s, _) = app.api(Method::POST, "/api/v1/outlets", &token, Some(big)).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    let mut long = duc_huy();
    long["name"] = json!("Đ".repeat(301));
    let (s, v) = app.api(Method::POST, "/api/v1/outlets", &token, Some(long)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "name");
    assert_eq!(app.with_conn(|c| thanhtra::outlets::queries::count(c).unwrap()), 0, "nothing half-saved");
}

#[actix_web::test]
async fn odd_queries_and_paths_never_give_a_server_error() {
    let app = spawn_app().await;
    let id = app.create_user("tra", Role::Inspector, &app.default_agency());
    let token = app.token_for(&id);
    for path in [
        "/api/v1/outlets?page=abc&per_page=-1&sort=%00&dir=sideways",
        "/api/v1/outlets?q=%27%3B%20DROP%20TABLE%20outlets%3B--",
        "/api/v1/outlets?page=99999999999999999999",
        "/api/v1/outlets/does-not-exist",
        "/api/v1/outlets/%E2%82%AB/history",
        "/api/v1/agencies/in-force?date=yesterday",
        "/api/v1/nothing-here",
    ] {
        let (s, _) = app.api(Method::GET, path, &token, None).await;
        assert!(s.is_client_error() || s.is_success(), "{path}: {s}");
    }
    app.login("tra", crate::helpers::PASSWORD).await;
    for path in [
        "/outlets?page=-5&per_page=7&sort=x",
        "/outlets/nope",
        "/outlets/nope/edit",
        "/admin/audit?from=2026-99-99",
        "/nowhere",
        "/lang/xx",
    ] {
        let r = app.get(path).await;
        assert!(r.status().is_client_error() || r.status().is_success(), "{path}: {}", r.status());
    }
    let r = app.post_form("/outlets", &[("name", "\u{0}\u{202e}"), ("sector", "game"), ("province", "Hà Tĩnh")]).await;
    assert!(r.status().is_client_error() || r.status().is_redirection(), "{}", r.status());
}

#[actix_web::test]
async fn oversized_form_posts_are_refused() {
    let app = spawn_app().await;
    app.login_as(Role::Inspector).await;
    let big = "x".repeat(400 * 1024);
    let r =
        app.post_form("/outlets", &[("name", "X"), ("sector", "game"), ("province", "Hà Tĩnh"), ("notes", &big)]).await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[actix_web::test]
async fn a_bad_configuration_value_stops_start_up_naming_the_key() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thanhtra"))
        .arg("migrate")
        .env("THANHTRA_BIND", "not-an-address")
        .env("THANHTRA_DATA_DIR", std::env::temp_dir().join("thanhtra-bad-config"))
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bind"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thanhtra"))
        .arg("migrate")
        .env("THANHTRA_SESSION_HOURS", "many")
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("session_hours"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[actix_web::test]
async fn api_refusals_come_in_the_callers_language_with_a_stable_code_and_field() {
    let app = spawn_app().await;
    let id = app.create_user("tra", Role::Inspector, &app.default_agency());
    let token = app.token_for(&id);
    let ask = |lang: &'static str| {
        let (url, token) = (app.url("/api/v1/outlets"), token.clone());
        async move {
            let r = reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .header("accept-language", lang)
                .json(&json!({"name": "", "sector": "game", "province": "Hà Tĩnh"}))
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<serde_json::Value>().await.unwrap())
        }
    };
    let (s, en) = ask("en-GB,en;q=0.8").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!((en["errors"][0]["field"].as_str(), en["errors"][0]["code"].as_str()), (Some("name"), Some("required")));
    assert_eq!(en["errors"][0]["detail"], "Required.");
    let (_, vi) = ask("vi").await;
    assert_eq!(vi["errors"][0]["code"], "required", "the code does not depend on the language");
    assert_eq!(vi["errors"][0]["detail"], "Bắt buộc nhập.");
    let (s, v) = app.api(Method::GET, "/api/v1/outlets/0198a3c0-0000-7000-8000-000000000000", &token, None).await;
    assert_eq!((s, v["errors"][0]["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
}

#[actix_web::test]
async fn a_fault_is_a_generic_page_with_the_request_id_and_never_shows_its_cause() {
    let app = spawn_app().await;
    app.login_as(Role::Inspector).await;
    let id = app.create_user("tra", Role::Inspector, &app.default_agency());
    let token = app.token_for(&id);
    // Break the database under the running service: the sectors table disappears.
    app.with_conn(|c| diesel::RunQueryDsl::execute(diesel::sql_query("ALTER TABLE sectors RENAME TO sectors_gone"), c))
        .unwrap();
    let r = app.get("/outlets").await;
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let rid = r.headers()["x-request-id"].to_str().unwrap().to_string();
    let html = r.text().await.unwrap();
    assert!(html.contains(&rid), "the page names the request id to quote");
    assert!(!html.contains("sectors") && !html.to_lowercase().contains("sql"), "no internals: {html}");
    let (s, v) = app.api(Method::GET, "/api/v1/sectors", &token, None).await;
    assert_eq!((s, v["errors"][0]["code"].as_str()), (StatusCode::INTERNAL_SERVER_ERROR, Some("internal")));
    assert!(
        v["request_id"].is_string() && !v.to_string().contains("sectors_gone") && !v.to_string().contains("no such")
    );
}

#[actix_web::test]
async fn error_pages_speak_the_readers_language() {
    let app = spawn_app().await;
    app.login_as(Role::Inspector).await;
    let (s, html) = app.get_html("/outlets/0198a3c0-0000-7000-8000-000000000000").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(html.contains("Không tìm thấy trang hoặc bản ghi.") && html.contains("lang=\"vi\""));
    let r = app.post_form("/account/lang", &[("lang", "en"), ("next", "/")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_html("/outlets/0198a3c0-0000-7000-8000-000000000000").await;
    assert!(html.contains("Page or record not found.") && html.contains("lang=\"en\""), "{html}");
}
