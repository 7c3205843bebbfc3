use reqwest::{Method, StatusCode};
use thanhtra::auth::Role;

use crate::helpers::{duc_huy, spawn_app};

#[actix_web::test]
async fn a_viewer_reads_but_cannot_write() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let viewer = app.create_user("xem", Role::Viewer, &agency);
    let token = app.token_for(&viewer);
    let (s, _) = app.api(Method::GET, "/api/v1/outlets", &token, None).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = app.api(Method::POST, "/api/v1/outlets", &token, Some(duc_huy())).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");

    app.login("xem", crate::helpers::PASSWORD).await;
    assert_eq!(app.get("/outlets").await.status(), StatusCode::OK);
    assert_eq!(app.get("/outlets/new").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get("/outlets/import").await.status(), StatusCode::FORBIDDEN);
    let r = app.post_form("/outlets", &[("name", "X"), ("sector", "game"), ("province", "Hà Tĩnh")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.with_conn(|c| thanhtra::outlets::queries::count(c).unwrap()), 0);
}

#[actix_web::test]
async fn an_inspector_cannot_manage_users_or_agencies() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let insp = app.create_user("tra", Role::Inspector, &agency);
    let token = app.token_for(&insp);
    let (s, _) = app.api(Method::GET, "/api/v1/users", &token, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .api(
            Method::POST,
            "/api/v1/users",
            &token,
            Some(serde_json::json!({"username": "moi", "role": "admin", "password": "abcdefghijkl"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    app.login("tra", crate::helpers::PASSWORD).await;
    assert_eq!(app.get("/admin/users").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get("/admin/agencies/new").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get("/admin/audit").await.status(), StatusCode::FORBIDDEN);
    let r =
        app.post_form("/admin/users", &[("username", "moi"), ("role", "admin"), ("password", "abcdefghijkl")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // An inspector may write outlets but not delete them.
    let (s, v) = app.api(Method::POST, "/api/v1/outlets", &token, Some(duc_huy())).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = app.api(Method::DELETE, &format!("/api/v1/outlets/{}", v["id"].as_str().unwrap()), &token, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn an_admin_manages_users_of_their_agency() {
    let app = spawn_app().await;
    app.login_as(Role::Admin).await;
    let r = app
        .post_form(
            "/admin/users",
            &[("username", "Bad Name"), ("role", "nope"), ("password", "short"), ("email", "x@")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("value=\"Bad Name\""), "the form keeps what was typed");
    assert!(html.contains("Tên đăng nhập gồm 3–32 ký tự"));
    assert!(html.contains("Mật khẩu cần ít nhất 10 ký tự"));
    let r = app
        .post_form(
            "/admin/users",
            &[
                ("username", "hoa"),
                ("full_name", "Trần Thị Hoa"),
                ("role", "permit_officer"),
                ("password", "mot-mat-khau-tot"),
                ("locale", "vi"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_html("/admin/users").await;
    assert!(html.contains("Trần Thị Hoa"));
    app.post_form("/logout", &[]).await;
    assert_eq!(app.login("hoa", "mot-mat-khau-tot").await.status(), StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn every_permission_page_refuses_anonymous_visitors() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/outlets",
        "/outlets/new",
        "/outlets/import",
        "/outlets/export.csv",
        "/admin/users",
        "/admin/agencies",
        "/admin/sectors",
        "/admin/audit",
        "/admin/permissions",
        "/account",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(r.headers()["location"].to_str().unwrap().starts_with("/login?next="), "{path}");
    }
}
