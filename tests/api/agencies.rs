use reqwest::{Method, StatusCode};
use thanhtra::auth::Role;

use crate::helpers::{PASSWORD, duc_huy, spawn_app};

#[actix_web::test]
async fn a_fresh_install_has_one_agency() {
    let app = spawn_app().await;
    let id = app.create_user("xem", Role::Viewer, &app.default_agency());
    let token = app.token_for(&id);
    let (s, v) = app.api(Method::GET, "/api/v1/agencies", &token, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["name"], "THANH TRA TỈNH");
    assert_eq!(v[0]["governing_body"], "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH");
}

#[actix_web::test]
async fn one_agency_cannot_read_or_change_anothers_records() {
    let app = spawn_app().await;
    let a = app.default_agency();
    let b = app.add_agency("SVHTTDL", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH");
    let a_admin = app.create_user("admin_a", Role::Admin, &a);
    let a_user = app.create_user("insp_a", Role::Inspector, &a);
    let b_admin = app.create_user("admin_b", Role::Admin, &b);
    let a_token = app.token_for(&a_admin);
    let b_token = app.token_for(&b_admin);

    // A change by agency A is in A's audit trail only.
    let outlet = app.api_create_outlet(&a_token, duc_huy()).await;

    // API: B's admin sees only B's users, and A's user is "not found".
    let (s, v) = app.api(Method::GET, "/api/v1/users", &b_token, None).await;
    assert_eq!(s, StatusCode::OK);
    let names: Vec<&str> = v.as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["admin_b"]);
    for (m, path) in [
        (Method::GET, format!("/api/v1/users/{a_user}")),
        (Method::POST, format!("/api/v1/users/{a_user}/disable")),
        (Method::POST, format!("/api/v1/users/{a_user}/enable")),
    ] {
        let (s, _) = app.api(m, &path, &b_token, None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}");
    }
    let (s, v) = app.api(Method::GET, "/api/v1/audit", &b_token, None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        v["items"].as_array().unwrap().iter().all(|e| e["record_type"] != "outlet"),
        "B does not see A's entries: {v}"
    );
    let (_, v) = app.api(Method::GET, "/api/v1/audit?record_type=outlet", &a_token, None).await;
    assert!(!v["items"].as_array().unwrap().is_empty());

    // Pages: the same refusals.
    app.login("admin_b", PASSWORD).await;
    let (s, html) = app.get_html("/admin/users").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!html.contains("insp_a"));
    assert_eq!(app.get(&format!("/admin/users/{a_user}")).await.status(), StatusCode::NOT_FOUND);
    for path in [
        format!("/admin/users/{a_user}"),
        format!("/admin/users/{a_user}/disable"),
        format!("/admin/users/{a_user}/enable"),
        format!("/admin/users/{a_user}/password"),
    ] {
        let r = app.post_form(&path, &[("role", "viewer"), ("password", "mot-mat-khau-khac")]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let (_, html) = app.get_html("/admin/audit").await;
    assert!(!html.contains("Đức Huy"), "A's outlet change is not in B's audit page");

    // Nothing of A's changed.
    let u = app.with_conn(|c| thanhtra::users::queries::find(c, &a_user).unwrap());
    assert!(!u.disabled);
    assert_eq!(u.role, "inspector");

    // The registry itself is shared: B reads A's outlet.
    let (s, v) =
        app.api(Method::GET, &format!("/api/v1/outlets/{}", outlet["id"].as_str().unwrap()), &b_token, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["name"], "Điểm trò chơi điện tử Đức Huy");
}

#[actix_web::test]
async fn the_2025_reorganisation_is_recorded_and_the_agency_in_force_can_be_asked_for() {
    let app = spawn_app().await;
    app.login_as(Role::InstallationAdmin).await;
    let r = app
        .post_form(
            "/admin/agencies",
            &[
                ("code", "STTTT"),
                ("governing_body", "Ủy ban nhân dân tỉnh Hà Tĩnh"),
                ("name", "Sở Thông tin và Truyền thông"),
                ("abbreviation", "STTTT"),
                ("place_name", "Hà Tĩnh"),
                ("province", "Hà Tĩnh"),
                ("valid_from", "2008-04-01"),
                ("valid_to", "2025-02-28"),
                ("units", "TTr|Thanh tra Sở\nVP|Văn phòng"),
                ("sector.postal", "1"),
                ("sector.printing", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let old = app.agency_id("STTTT");
    // Its signers on their own page.
    let r = app
        .post_form(
            &format!("/admin/agencies/{old}/signers"),
            &[
                ("signers.0.prefix", "KT."),
                ("signers.0.authority_title", "Giám đốc"),
                ("signers.0.title", "Phó Giám đốc"),
                ("signers.0.full_name", "Nguyễn Văn A"),
                ("signers.0.valid_from", "2019-01-01"),
                ("signers.0.valid_to", "2025-02-28"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let khcn = app.add_agency("SKHCN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    let (_, html) = app.get_html(&format!("/admin/agencies/{old}/signers")).await;
    assert!(html.contains("value=\"PHÓ GIÁM ĐỐC\"") && html.contains("value=\"2025-02-28\""), "{html}");
    // Link the successor through the edit form.
    let (_, html) = app.get_html(&format!("/admin/agencies/{old}/edit")).await;
    assert!(!html.contains("name=\"signers\""), "the agency form no longer carries the signers");
    let r = app
        .post_form(
            &format!("/admin/agencies/{old}"),
            &[
                ("code", "STTTT"),
                ("governing_body", "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"),
                ("name", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
                ("abbreviation", "STTTT"),
                ("place_name", "Hà Tĩnh"),
                ("province", "Hà Tĩnh"),
                ("valid_from", "2008-04-01"),
                ("valid_to", "2025-02-28"),
                ("successor_id", &khcn),
                ("units", "TTr|Thanh tra Sở\nVP|Văn phòng"),
                ("sector.postal", "1"),
                ("sector.printing", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let a = app.with_conn(|c| thanhtra::agencies::queries::full(c, &old).unwrap());
    assert_eq!(a.agency.successor_id.as_deref(), Some(khcn.as_str()));
    assert_eq!(a.signers[0].block_lines(), vec!["KT. GIÁM ĐỐC".to_string(), "PHÓ GIÁM ĐỐC".to_string()]);

    let admin = app.create_user("api_admin", Role::Admin, &app.default_agency());
    let token = app.token_for(&admin);
    let (s, v) = app.api(Method::GET, "/api/v1/agencies/in-force?date=2024-05-01&sector=postal", &token, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v[0]["name"], "SỞ THÔNG TIN VÀ TRUYỀN THÔNG");
    let (_, v) = app.api(Method::GET, "/api/v1/agencies/in-force?date=2026-01-10", &token, None).await;
    assert!(v.as_array().unwrap().iter().all(|a| a["code"] != "STTTT"));
    let (s, v) = app.api(Method::GET, "/api/v1/agencies/in-force?date=2026-02-30", &token, None).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");

    // The edit is in the history with before and after.
    let (_, html) = app.get_html(&format!("/admin/agencies/{old}")).await;
    assert!(html.contains("<td>Cơ quan kế nhiệm</td>"), "the history names the changed field");
    assert!(html.contains("Sở Thông tin và Truyền thông") || html.contains("SỞ THÔNG TIN VÀ TRUYỀN THÔNG"));
}

#[actix_web::test]
async fn a_bad_agency_form_shows_errors_beside_fields() {
    let app = spawn_app().await;
    app.login_as(Role::InstallationAdmin).await;
    let r = app
        .post_form("/admin/agencies", &[("code", "x y"), ("name", ""), ("valid_from", "2025-13-01"), ("units", "TTr")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("Ngày không hợp lệ"));
    assert!(html.contains("Dòng 1 không đúng định dạng"));
    assert!(html.contains("value=\"x y\""));
}
