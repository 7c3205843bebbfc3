use reqwest::{Method, StatusCode};
use serde_json::json;
use thanhtra::auth::Role;

use crate::helpers::{duc_huy, ghtk, spawn_app, spawn_app_with, valid_mst};

#[actix_web::test]
async fn an_outlet_is_created_edited_and_deleted_through_the_pages() {
    let app = spawn_app().await;
    app.login_as(Role::Leader).await;
    let tax = valid_mst(233488);
    let r = app
        .post_form(
            "/outlets",
            &[
                ("name", "Công ty TNHH In Hồng Lam"),
                ("sector", "printing"),
                ("kind", "enterprise"),
                ("tax_code", &tax),
                ("address", "25 Nguyễn Du"),
                ("commune", "Phường Thành Sen"),
                ("province", "Hà Tĩnh"),
                ("notice_emails", "inhonglam@gmail.com, ketoan@honglam.vn"),
                ("status", "active"),
                ("attr.printing.licence_number", "05/GP-STTTT"),
                ("attr.printing.equipment", "Máy in offset Heidelberg\nMáy cắt giấy"),
                ("attr.game.machines", "not used: another sector"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let id = location.trim_start_matches("/outlets/").split('?').next().unwrap().to_string();
    let (s, html) = app.get_html(&location).await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Công ty TNHH In Hồng Lam"));
    assert!(
        html.contains("Máy in offset Heidelberg; Máy cắt giấy")
            || html.contains("Máy in offset Heidelberg | Máy cắt giấy")
    );
    assert!(html.contains("ketoan@honglam.vn"));
    let row = app.with_conn(|c| thanhtra::outlets::queries::find(c, &id).unwrap());
    assert_eq!(row.attrs().len(), 2, "only the chosen sector's fields are kept");

    // Edit: the form shows the stored values and saves changes.
    let (_, html) = app.get_html(&format!("/outlets/{id}/edit")).await;
    assert!(html.contains("value=\"05/GP-STTTT\""));
    let r = app
        .post_form(
            &format!("/outlets/{id}"),
            &[
                ("name", "Công ty TNHH In Hồng Lam"),
                ("sector", "printing"),
                ("kind", "enterprise"),
                ("tax_code", &tax),
                ("province", "Hà Tĩnh"),
                ("status", "suspended"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_html(&format!("/outlets/{id}")).await;
    assert!(html.contains("Tạm ngừng"));
    assert!(
        html.contains("<td class=\"before\">Đang hoạt động</td>")
            && html.contains("<td class=\"after\">Tạm ngừng</td>"),
        "history shows the status change"
    );

    // A stale edit (old version) is refused and nothing changes.
    let r = app
        .post_form(
            &format!("/outlets/{id}"),
            &[("name", "Tên khác"), ("sector", "printing"), ("province", "Hà Tĩnh"), ("version", "1")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(app.with_conn(|c| thanhtra::outlets::queries::find(c, &id).unwrap().name), "Công ty TNHH In Hồng Lam");

    let r = app.post_form(&format!("/outlets/{id}/delete"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.get(&format!("/outlets/{id}")).await.status(), StatusCode::NOT_FOUND);
    let (_, html) = app.get_html("/outlets").await;
    assert!(!html.contains("Hồng Lam"));
}

#[actix_web::test]
async fn the_form_keeps_input_and_shows_each_error_beside_its_field() {
    let app = spawn_app().await;
    app.login_as(Role::Inspector).await;
    let r = app
        .post_form(
            "/outlets",
            &[
                ("name", ""),
                ("sector", "game"),
                ("tax_code", "0100233480"),
                ("phone", "gọi tôi"),
                ("province", "Hà Tĩnh"),
                ("notice_emails", "ok@x.vn, sai-dia-chi"),
                ("attr.game.machines", "-3"),
                ("attr.game.school_distance_m", "nhiều"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    let doc = scraper::Html::parse_document(&html);
    let error_of = |id: &str| {
        let sel = scraper::Selector::parse(&format!("#e-{id}")).unwrap();
        doc.select(&sel).next().map(|e| e.text().collect::<String>()).unwrap_or_default()
    };
    assert!(error_of("name").contains("Bắt buộc"));
    assert!(error_of("tax_code").contains("chữ số kiểm tra"));
    assert!(error_of("phone").contains("Số điện thoại"));
    assert!(error_of("notice_emails").contains("sai-dia-chi"));
    assert!(error_of("attr-game-machines").contains("0–10000"));
    assert!(error_of("attr-game-school_distance_m").contains("số nguyên"));
    assert!(html.contains("value=\"0100233480\""), "typed values are kept");
    assert!(html.contains("ok@x.vn, sai-dia-chi"));
    assert_eq!(app.with_conn(|c| thanhtra::outlets::queries::count(c).unwrap()), 0, "nothing saved");
}

#[actix_web::test]
async fn search_finds_outlets_with_or_without_diacritics() {
    let app = spawn_app().await;
    let id = app.create_user("tra", Role::Inspector, &app.default_agency());
    let token = app.token_for(&id);
    let tax = valid_mst(409058);
    app.api_create_outlet(&token, ghtk(&tax)).await;
    app.api_create_outlet(&token, duc_huy()).await;
    app.api_create_outlet(
        &token,
        json!({"name": "Nhà in Quyết Định", "sector": "printing", "province": "Nghệ An", "commune": "Phường Vinh"}),
    )
    .await;

    let names = |v: &serde_json::Value| {
        v["items"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    for (q, expected) in [
        ("cong ty giao hang", "Công ty Cổ phần Giao Hàng Tiết Kiệm - Chi nhánh Hà Tĩnh"),
        ("Công ty giao hàng", "Công ty Cổ phần Giao Hàng Tiết Kiệm - Chi nhánh Hà Tĩnh"),
        ("GIAO HANG tiet kiem", "Công ty Cổ phần Giao Hàng Tiết Kiệm - Chi nhánh Hà Tĩnh"),
        ("duc huy", "Điểm trò chơi điện tử Đức Huy"),
        ("Đức Huy", "Điểm trò chơi điện tử Đức Huy"),
        ("quyet dinh", "Nhà in Quyết Định"),
        ("tran phu", "Công ty Cổ phần Giao Hàng Tiết Kiệm - Chi nhánh Hà Tĩnh"),
        (&tax[..6], "Công ty Cổ phần Giao Hàng Tiết Kiệm - Chi nhánh Hà Tĩnh"),
    ] {
        let path = format!("/api/v1/outlets?q={}", thanhtra::auth::session::urlencode(q));
        let (s, v) = app.api(Method::GET, &path, &token, None).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(names(&v), vec![expected.to_string()], "query {q:?}");
    }
    let (_, v) = app.api(Method::GET, "/api/v1/outlets?q=100%25_%5C", &token, None).await;
    assert!(names(&v).is_empty(), "LIKE wildcards are literal");

    // The page shows the same.
    app.login("tra", crate::helpers::PASSWORD).await;
    let (_, html) = app.get_html("/outlets?q=duc+huy").await;
    assert!(html.contains("Điểm trò chơi điện tử Đức Huy"));
    assert!(!html.contains("Giao Hàng"));
}

#[actix_web::test]
async fn lists_filter_sort_and_page() {
    let app = spawn_app().await;
    let id = app.create_user("tra", Role::Inspector, &app.default_agency());
    let token = app.token_for(&id);
    for (i, name) in ["Bình Minh", "An Phát", "Đông Á", "Cường Thịnh", "Ánh Dương"].iter().enumerate() {
        let sector = if i % 2 == 0 { "printing" } else { "game" };
        let status = if i == 4 { "closed" } else { "active" };
        app.api_create_outlet(&token, json!({"name": format!("Cơ sở {name}"), "sector": sector, "province": "Hà Tĩnh", "status": status, "commune": if i < 2 { "Xã Cẩm Xuyên" } else { "Phường Bắc Hồng Lĩnh" }})).await;
    }
    let names = |v: &serde_json::Value| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().trim_start_matches("Cơ sở ").to_string())
            .collect::<Vec<_>>()
    };
    let (_, v) = app.api(Method::GET, "/api/v1/outlets?sort=name", &token, None).await;
    assert_eq!(names(&v), vec!["An Phát", "Ánh Dương", "Bình Minh", "Cường Thịnh", "Đông Á"]);
    let (_, v) = app.api(Method::GET, "/api/v1/outlets?sort=name&dir=desc&sector=printing", &token, None).await;
    assert_eq!(names(&v), vec!["Đông Á", "Bình Minh", "Ánh Dương"]);
    let (_, v) = app.api(Method::GET, "/api/v1/outlets?status=closed", &token, None).await;
    assert_eq!(names(&v), vec!["Ánh Dương"]);
    let (_, v) = app
        .api(
            Method::GET,
            &format!("/api/v1/outlets?commune={}", thanhtra::auth::session::urlencode("Xã Cẩm Xuyên")),
            &token,
            None,
        )
        .await;
    assert_eq!(v["total"], 2);
    let (_, v) = app.api(Method::GET, "/api/v1/outlets?per_page=20&page=1&sort=name", &token, None).await;
    assert_eq!(v["total"], 5);
    let (_, v) = app.api(Method::GET, "/api/v1/outlets?page=2&per_page=20", &token, None).await;
    assert!(v["items"].as_array().unwrap().is_empty());

    // CSV export of a filtered list, with a BOM for Excel.
    app.login("tra", crate::helpers::PASSWORD).await;
    let r = app.get("/outlets/export.csv?sector=game").await;
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("name,sector,kind,tax_code"));
    assert!(text.contains("Cơ sở An Phát") && text.contains("Cơ sở Cường Thịnh"));
    assert!(!text.contains("Bình Minh"));
}

#[actix_web::test]
async fn the_api_creates_patches_and_deletes_outlets() {
    let app = spawn_app().await;
    let id = app.create_user("lead", Role::Leader, &app.default_agency());
    let token = app.token_for(&id);
    let tax = valid_mst(1234);
    let v = app.api_create_outlet(&token, ghtk(&tax)).await;
    assert_eq!(v["sector"], "postal");
    assert_eq!(v["tax_code"], tax);
    assert_eq!(v["notice_emails"], json!(["hatinh@ghtk.vn"]));
    assert_eq!(v["status"], "active");
    let oid = v["id"].as_str().unwrap().to_string();

    let (s, v) = app
        .api(
            Method::PATCH,
            &format!("/api/v1/outlets/{oid}"),
            &token,
            Some(json!({"status": "suspended", "notice_emails": ["a@ghtk.vn", "b@ghtk.vn"], "version": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "suspended");
    assert_eq!(v["version"], 2);
    assert_eq!(v["name"], "Công ty Cổ phần Giao Hàng Tiết Kiệm - Chi nhánh Hà Tĩnh", "untouched fields stay");
    let (s, _) = app
        .api(Method::PATCH, &format!("/api/v1/outlets/{oid}"), &token, Some(json!({"status": "closed", "version": 1})))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);

    // A duplicate tax code is refused with a field error.
    let (s, v) = app.api(Method::POST, "/api/v1/outlets", &token, Some(ghtk(&tax))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["field"], "tax_code");

    // A household business's tax code is its owner's 12-digit personal identification number.
    let mut household = crate::helpers::duc_huy();
    household["tax_code"] = json!("042 0 85 012345");
    let (s, v) = app.api(Method::POST, "/api/v1/outlets", &token, Some(household.clone())).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["tax_code"], "042085012345");
    household["tax_code"] = json!("099085012345");
    household["name"] = json!("Điểm trò chơi khác");
    let (s, v) = app.api(Method::POST, "/api/v1/outlets", &token, Some(household)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["errors"][0]["code"], "tax_code_personal", "{v}");

    let (s, v) = app.api(Method::GET, &format!("/api/v1/outlets/{oid}/history"), &token, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().unwrap().len(), 2);

    let (s, _) = app.api(Method::DELETE, &format!("/api/v1/outlets/{oid}"), &token, None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.api(Method::GET, &format!("/api/v1/outlets/{oid}"), &token, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Once deleted, its tax code can be registered again.
    app.api_create_outlet(&token, ghtk(&tax)).await;
}

#[actix_web::test]
async fn press_offices_keep_their_reporters() {
    let app = spawn_app().await;
    let id = app.create_user("tra", Role::Inspector, &app.default_agency());
    let token = app.token_for(&id);
    let v = app
        .api_create_outlet(
            &token,
            json!({"name": "Văn phòng đại diện Báo Lao Động tại Hà Tĩnh", "sector": "press", "kind": "press_office", "province": "Hà Tĩnh",
                   "attributes": {"parent_agency": "Báo Lao Động", "reporters": [{"name": "Nguyễn Văn Bình", "press_card": "HT-0123"}]}}),
        )
        .await;
    assert_eq!(v["attributes"]["reporters"][0]["press_card"], "HT-0123");
    let (s, v) = app
        .api(Method::POST, "/api/v1/outlets", &token, Some(json!({"name": "X", "sector": "press", "province": "Hà Tĩnh", "attributes": {"reporters": [{"name": "A"}], "colour": "red"}})))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"attributes.reporters") && fields.contains(&"attributes.colour"), "{v}");
}

#[actix_web::test]
async fn the_same_tax_code_sent_at_once_is_refused_one_way() {
    // On PostgreSQL several requests pass the check together and the unique index decides; the
    // loser must hear what the check says (422 on tax_code), not a bare 409.
    let app = spawn_app_with(|s| s.db_pool_size = 8).await;
    let id = app.create_user("lead", Role::Leader, &app.default_agency());
    let token = app.token_for(&id);
    for round in 0..3u32 {
        let body = ghtk(&valid_mst(7000 + round * 50));
        let sends = (0..8).map(|_| app.api(Method::POST, "/api/v1/outlets", &token, Some(body.clone())));
        let answers = futures_util::future::join_all(sends).await;
        let created = answers.iter().filter(|(s, _)| *s == StatusCode::CREATED).count();
        assert_eq!(created, 1, "{answers:?}");
        for (s, v) in answers.iter().filter(|(s, _)| *s != StatusCode::CREATED) {
            assert_eq!(*s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
            assert_eq!(v["errors"][0]["field"], "tax_code", "{v}");
            assert_eq!(v["errors"][0]["code"], "tax_code_duplicate", "{v}");
        }
    }
}
