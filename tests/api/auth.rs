use reqwest::{Method, StatusCode};
use thanhtra::auth::Role;

use crate::helpers::{PASSWORD, spawn_app, spawn_app_with};

#[actix_web::test]
async fn a_user_signs_in_and_out() {
    let app = spawn_app().await;
    app.create_user("lan", Role::Inspector, &app.default_agency());

    let r = app.login("lan", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        cookie.contains("tt_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let (status, html) = app.get_html("/outlets").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Cơ sở chịu sự quản lý"));

    let r = app.post_form("/logout", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app.get("/outlets").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["location"].to_str().unwrap().starts_with("/login"));
}

#[actix_web::test]
async fn a_wrong_password_is_refused_with_a_message() {
    let app = spawn_app().await;
    app.create_user("lan", Role::Inspector, &app.default_agency());
    let r = app.login("lan", "wrong password here").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.text().await.unwrap().contains("Tên đăng nhập hoặc mật khẩu không đúng"));
    let r = app.login("nobody", "wrong password here").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn repeated_failures_lock_the_account_even_for_the_right_password() {
    let app = spawn_app().await;
    app.create_user("lan", Role::Inspector, &app.default_agency());
    for _ in 0..4 {
        assert_eq!(app.login("lan", "wrong password here").await.status(), StatusCode::UNAUTHORIZED);
    }
    let r = app.login("lan", "wrong password here").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.text().await.unwrap().contains("tạm thời bị khóa"));
    let r = app.login("lan", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "locked accounts refuse even the right password");
}

#[actix_web::test]
async fn one_client_address_trying_many_accounts_is_locked_too() {
    let app = spawn_app_with(|s| s.login_max_failures_per_address = 3).await;
    app.create_user("lan", Role::Inspector, &app.default_agency());
    for name in ["a1x", "b2x"] {
        assert_eq!(app.login(name, "whatever-password").await.status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(app.login("c3x", "whatever-password").await.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.login("lan", PASSWORD).await.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[actix_web::test]
async fn forms_without_the_session_csrf_token_are_refused() {
    let app = spawn_app().await;
    app.login_as(Role::Inspector).await;
    let r = app
        .client
        .post(app.url("/outlets"))
        .form(&[("name", "X"), ("sector", "printing"), ("province", "Hà Tĩnh")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .client
        .post(app.url("/outlets"))
        .form(&[("csrf_token", "forged"), ("name", "X"), ("sector", "printing"), ("province", "Hà Tĩnh")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app.client.post(app.url("/logout")).form(&[("csrf_token", "forged")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The sign-in form has its own token.
    let r = app.client.post(app.url("/login")).form(&[("username", "x"), ("password", "y")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The API with a session cookie needs X-CSRF-Token for writes.
    let r = app.client.post(app.url("/api/v1/outlets")).json(&crate::helpers::duc_huy()).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let csrf = app.csrf().await;
    let r = app
        .client
        .post(app.url("/api/v1/outlets"))
        .header("X-CSRF-Token", csrf)
        .json(&crate::helpers::duc_huy())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(app.with_conn(|c| thanhtra::outlets::queries::count(c).unwrap()), 1);
}

#[actix_web::test]
async fn the_api_needs_a_valid_token() {
    let app = spawn_app().await;
    let (s, v) = app.api(Method::GET, "/api/v1/outlets", "tt_not_a_token", None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(v["errors"][0]["code"], "unauthorized");
    let r = reqwest::get(app.url("/api/v1/outlets")).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let id = app.create_user("lan", Role::Viewer, &app.default_agency());
    let token = app.token_for(&id);
    let (s, _) = app.api(Method::GET, "/api/v1/outlets", &token, None).await;
    assert_eq!(s, StatusCode::OK);
}

#[actix_web::test]
async fn disabling_a_user_ends_their_sessions_and_tokens() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let victim = app.create_user("lan", Role::Inspector, &agency);
    let token = app.token_for(&victim);
    assert_eq!(app.login("lan", PASSWORD).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get("/outlets").await.status(), StatusCode::OK);

    let admin = app.create_user("boss", Role::Admin, &agency);
    let admin_token = app.token_for(&admin);
    let (s, v) = app.api(Method::POST, &format!("/api/v1/users/{victim}/disable"), &admin_token, None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["disabled"], true);

    assert_eq!(app.get("/outlets").await.status(), StatusCode::SEE_OTHER, "the open session has ended");
    let (s, _) = app.api(Method::GET, "/api/v1/outlets", &token, None).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "the token is revoked");
    assert_eq!(app.login("lan", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn a_user_changes_their_password() {
    let app = spawn_app().await;
    app.create_user("lan", Role::Inspector, &app.default_agency());
    app.login("lan", PASSWORD).await;
    let r = app
        .post_form(
            "/account/password",
            &[("current_password", "wrong"), ("new_password", "short"), ("confirm_password", "other")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("Mật khẩu hiện tại không đúng"));
    assert!(html.contains("Mật khẩu cần ít nhất 10 ký tự"));
    assert!(html.contains("Hai lần nhập mật khẩu không khớp"));
    let new = "mat-khau-moi-2027";
    let r = app
        .post_form(
            "/account/password",
            &[("current_password", PASSWORD), ("new_password", new), ("confirm_password", new)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get("/outlets").await.status(), StatusCode::OK, "the current session stays");
    app.post_form("/logout", &[]).await;
    assert_eq!(app.login("lan", PASSWORD).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.login("lan", new).await.status(), StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn the_language_switches_per_user() {
    let app = spawn_app().await;
    app.login_as(Role::Viewer).await;
    let r = app.post_form("/account/lang", &[("lang", "en"), ("next", "/outlets")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_html("/outlets").await;
    assert!(html.contains("Supervised outlets"), "English after switching");
    assert!(html.contains("lang=\"en\""));
}

#[actix_web::test]
async fn healthz_answers_when_the_database_is_reachable() {
    let app = spawn_app().await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().contains_key("x-request-id"));
}
