//! Issue 10, hole 5: one agency's administrator changed another agency (`POST /admin/agencies/<other>`
//! added a signer to it). Every administration route either checks that the record is the admin's
//! own agency's, or needs the installation-level permission only an installation administrator has.

use reqwest::{Method, StatusCode};
use serde_json::json;
use thanhtra::auth::Role;

use crate::helpers::{PASSWORD, duc_huy, spawn_app};

fn some_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The agency form's fields, as the edit form would send them.
fn agency_form(code: &str, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("code", code.to_string()),
        ("governing_body", "Ủy ban nhân dân tỉnh Hà Tĩnh".into()),
        ("name", name.to_string()),
        ("abbreviation", code.to_string()),
        ("place_name", "Hà Tĩnh".into()),
        ("province", "Hà Tĩnh".into()),
        ("valid_from", "2025-03-01".into()),
        ("sector.printing", "1".into()),
    ]
}

/// The signers page's fields, adding one signer.
const ONE_MORE_SIGNER: [(&str, &str); 4] = [
    ("signers.0.prefix", "KT."),
    ("signers.0.authority_title", "Giám đốc"),
    ("signers.0.title", "Phó Giám đốc"),
    ("signers.0.full_name", "Kẻ Lạ Mặt"),
];

#[actix_web::test]
async fn an_agency_administrator_changes_only_their_own_agency() {
    let app = spawn_app().await;
    let a = app.default_agency();
    let b = app.add_agency("SVHTTDL", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH");
    let root = app.create_user("root", Role::InstallationAdmin, &a);
    let admin_a = app.create_user("admin_a", Role::Admin, &a);
    let b_user = app.create_user("insp_b", Role::Inspector, &b);
    let signers_of_b = || app.with_conn(|c| thanhtra::agencies::queries::full(c, &b).unwrap().signers.len());
    let before = signers_of_b();

    app.login("admin_a", PASSWORD).await;
    let other_agency = agency_form("SVHTTDL", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH");
    let other_agency: Vec<(&str, &str)> = other_agency.iter().map(|(k, v)| (*k, v.as_str())).collect();

    // Installation-level: another agency, a new agency, what every agency shares, the settings.
    let forbidden_gets = [
        "/admin/agencies/new".to_string(),
        format!("/admin/agencies/{b}/edit"),
        format!("/admin/agencies/{b}/signers"),
        "/admin/sectors/new".into(),
        "/admin/sectors/printing".into(),
        "/admin/settings".into(),
        format!("/calendar/deadline-rules/{}", some_id()),
    ];
    for path in &forbidden_gets {
        assert_eq!(app.get(path).await.status(), StatusCode::FORBIDDEN, "GET {path}");
    }
    let forbidden_posts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (format!("/admin/agencies/{b}"), other_agency.clone()),
        (format!("/admin/agencies/{b}/signers"), ONE_MORE_SIGNER.to_vec()),
        (
            "/admin/agencies".into(),
            other_agency.iter().map(|(k, v)| (*k, if *k == "code" { "MOI" } else { *v })).collect(),
        ),
        ("/admin/sectors".into(), vec![("code", "radio"), ("name_vi", "Phát thanh"), ("name_en", "Radio")]),
        ("/admin/sectors/printing".into(), vec![("name_vi", "In"), ("name_en", "Printing")]),
        ("/admin/settings".into(), vec![("public_address", "https://evil.example")]),
        ("/calendar/overrides".into(), vec![("day", "2026-12-24"), ("kind", "off"), ("note", "x")]),
        ("/calendar/overrides/2026-12-24/delete".into(), vec![]),
        ("/calendar/holiday-rules".into(), vec![("name", "x")]),
        (format!("/calendar/holiday-rules/{}", some_id()), vec![("name", "x")]),
        (format!("/calendar/deadline-rules/{}", some_id()), vec![("name", "x")]),
        (format!("/calendar/deadline-rules/{}/versions", some_id()), vec![("name", "x")]),
        (
            "/inspections/catalogue/violations".into(),
            vec![
                ("code", "X1"),
                ("sector_code", "printing"),
                ("decree_id", "x"),
                ("article", "Điều 1"),
                ("description", "x"),
                ("min_org", "1000"),
                ("max_org", "2000"),
                ("valid_from", "2026-01-01"),
            ],
        ),
        (format!("/inspections/catalogue/violations/{}/end", some_id()), vec![("valid_to", "2026-12-31")]),
        ("/inspections/catalogue/checklists/printing".into(), vec![("name", "x"), ("items", "a|b|c")]),
    ];
    for (path, fields) in &forbidden_posts {
        assert_eq!(app.post_form(path, fields).await.status(), StatusCode::FORBIDDEN, "POST {path}");
    }

    // Another agency's users are "not found".
    for path in [
        format!("/admin/users/{b_user}"),
        format!("/admin/users/{b_user}/disable"),
        format!("/admin/users/{b_user}/enable"),
        format!("/admin/users/{b_user}/password"),
    ] {
        let r = app.post_form(&path, &[("role", "admin"), ("password", "mot-mat-khau-khac")]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "POST {path}");
    }
    assert_eq!(app.get(&format!("/admin/users/{b_user}")).await.status(), StatusCode::NOT_FOUND);

    // An installation administrator of one's own agency is seen but not changed, disabled or reset.
    let (s, html) = app.get_html(&format!("/admin/users/{root}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains(&format!("action=\"/admin/users/{root}/password\"")), "no reset form");
    for path in [
        format!("/admin/users/{root}"),
        format!("/admin/users/{root}/disable"),
        format!("/admin/users/{root}/password"),
    ] {
        let r = app.post_form(&path, &[("role", "viewer"), ("password", "mot-mat-khau-khac")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "POST {path}");
    }

    // Nor made: not in another agency, not with the installation role (each refused beside its field).
    let (_, form) = app.get_html("/admin/users/new").await;
    assert!(!form.contains("installation_admin"), "the role is not offered");
    assert!(!form.contains("name=\"agency_id\""), "no agency choice for an agency administrator");
    let r = app
        .post_form(
            "/admin/users",
            &[("username", "gian"), ("role", "admin"), ("password", "mot-mat-khau-tot"), ("agency_id", &b)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_form(
            "/admin/users",
            &[("username", "gian"), ("role", "installation_admin"), ("password", "mot-mat-khau-tot")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("Chỉ quản trị hệ thống mới giao"), "the refusal is beside the role");

    // One's own agency: allowed.
    assert_eq!(app.get(&format!("/admin/agencies/{a}/edit")).await.status(), StatusCode::OK);
    assert_eq!(app.get(&format!("/admin/agencies/{a}/signers")).await.status(), StatusCode::OK);

    // The same through the API.
    let token = app.token_for(&admin_a);
    for (m, path, body) in [
        (
            Method::POST,
            "/api/v1/calendar/overrides".to_string(),
            Some(json!({"day": "2026-12-24", "kind": "day_off", "name": "x", "legal_source": "x"})),
        ),
        (Method::DELETE, format!("/api/v1/calendar/overrides/{}", some_id()), None),
        (Method::POST, format!("/api/v1/users/{root}/disable"), None),
        (
            Method::PUT,
            format!("/api/v1/agencies/{b}/signers"),
            Some(json!([{"title": "GIÁM ĐỐC", "full_name": "Kẻ Lạ Mặt"}])),
        ),
    ] {
        let (s, v) = app.api(m.clone(), &path, &token, body).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{m} {path}: {v}");
    }
    for (m, path) in
        [(Method::GET, format!("/api/v1/users/{b_user}")), (Method::POST, format!("/api/v1/users/{b_user}/disable"))]
    {
        let (s, _) = app.api(m.clone(), &path, &token, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{m} {path}");
    }
    for body in [
        json!({"username": "gian", "role": "installation_admin", "password": "mot-mat-khau-tot"}),
        json!({"username": "gian", "role": "admin", "password": "mot-mat-khau-tot", "agency_id": b}),
    ] {
        let (s, v) = app.api(Method::POST, "/api/v1/users", &token, Some(body)).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert_eq!(v["errors"][0]["code"], "role_not_grantable", "{v}");
    }

    // Nothing of B's changed; nobody was made.
    assert_eq!(signers_of_b(), before);
    assert!(app.with_conn(|c| thanhtra::users::queries::find_by_username(c, "gian").unwrap()).is_none());
    assert!(!app.with_conn(|c| thanhtra::users::queries::find(c, &root).unwrap()).disabled);

    // The installation administrator may do what the agency administrator may not.
    app.post_form("/logout", &[]).await;
    app.login("root", PASSWORD).await;
    assert_eq!(app.post_form(&format!("/admin/agencies/{b}"), &other_agency).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(signers_of_b(), before, "the agency form leaves the signers alone");
    let r = app.post_form(&format!("/admin/agencies/{b}/signers"), &ONE_MORE_SIGNER).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(signers_of_b(), before + 1);
    let r = app
        .post_form(
            "/admin/users",
            &[("username", "quantri_b"), ("role", "admin"), ("password", "mot-mat-khau-tot"), ("agency_id", &b)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the first administrator of a new agency is made from the pages");
    let made = app.with_conn(|c| thanhtra::users::queries::find_by_username(c, "quantri_b").unwrap().unwrap());
    assert_eq!(made.agency_id, b);
    let (_, list) = app.get_html("/admin/users").await;
    assert!(list.contains("quantri_b") && list.contains("SỞ VĂN HÓA"), "the list shows every agency's users");
}

#[actix_web::test]
async fn the_last_installation_administrator_stays() {
    let app = spawn_app().await;
    let a = app.default_agency();
    let root = app.create_user("root", Role::InstallationAdmin, &a);
    app.create_user("admin_a", Role::Admin, &a);
    app.login("root", PASSWORD).await;
    let r = app.post_form(&format!("/admin/users/{root}"), &[("role", "admin"), ("locale", "vi")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("quản trị hệ thống cuối cùng"));
    let u = app.with_conn(|c| thanhtra::users::queries::find(c, &root).unwrap());
    assert_eq!(u.role, "installation_admin");
}

#[actix_web::test]
async fn each_agency_sees_only_its_own_people_in_shared_histories() {
    let app = spawn_app().await;
    let a = app.default_agency();
    let b = app.add_agency("SVHTTDL", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH");
    let a_insp = app.create_user("insp_a", Role::Inspector, &a);
    let b_insp = app.create_user("insp_b", Role::Inspector, &b);
    let root = app.create_user("root", Role::InstallationAdmin, &a);
    let outlet = app.api_create_outlet(&app.token_for(&a_insp), duc_huy()).await;
    let id = outlet["id"].as_str().unwrap();
    let (s, _) = app
        .api(
            Method::PATCH,
            &format!("/api/v1/outlets/{id}"),
            &app.token_for(&b_insp),
            Some(json!({"phone": "0239 3855 555"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);

    let actors = |v: &serde_json::Value| -> Vec<String> {
        v.as_array().unwrap().iter().map(|e| e["actor"].as_str().unwrap().to_string()).collect()
    };
    let (_, v) = app.api(Method::GET, &format!("/api/v1/outlets/{id}/history"), &app.token_for(&a_insp), None).await;
    assert_eq!(actors(&v), vec!["SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH".to_string(), "Người dùng insp_a".into()], "{v}");
    let (_, v) = app.api(Method::GET, &format!("/api/v1/outlets/{id}/history"), &app.token_for(&b_insp), None).await;
    assert_eq!(actors(&v), vec!["Người dùng insp_b".to_string(), "THANH TRA TỈNH".into()], "{v}");
    let (_, v) = app.api(Method::GET, &format!("/api/v1/outlets/{id}/history"), &app.token_for(&root), None).await;
    assert_eq!(
        actors(&v),
        vec!["Người dùng insp_b".to_string(), "Người dùng insp_a".into()],
        "the installation sees everyone by name: {v}"
    );

    // The page says the same.
    app.login("insp_a", PASSWORD).await;
    let (_, html) = app.get_html(&format!("/outlets/{id}")).await;
    assert!(!html.contains("insp_b"), "another agency's user name is not shown");
    assert!(html.contains("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"));
}
