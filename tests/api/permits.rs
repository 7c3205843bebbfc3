//! The permit desk end to end through the API: a game-shop certificate from receipt, across Tết,
//! through the site survey to issue and mail; its renewal replacing it; an incomplete dossier
//! returned and resumed, then refused; bad input refused with nothing saved.

use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thanhtra::auth::Role;

use crate::builders::{OutletBuilder, UserBuilder, agency_with_signer};
use crate::engagements::{phone_jpeg, upload};
use crate::helpers::{TestApp, pdf_bytes, pdf_text_words};

async fn call(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>, want: StatusCode) -> Value {
    let (s, v) = app.api(method, path, token, body).await;
    assert_eq!(s, want, "{path}: {v}");
    v
}

async fn step(app: &TestApp, token: &str, id: &str, body: Value, want: StatusCode) -> Value {
    call(app, token, Method::POST, &format!("/api/v1/permits/dossiers/{id}/steps"), Some(body), want).await
}

async fn detail(app: &TestApp, token: &str, id: &str) -> Value {
    call(app, token, Method::GET, &format!("/api/v1/permits/dossiers/{id}"), None, StatusCode::OK).await
}

fn clock<'a>(d: &'a Value, label: &str, open: bool) -> &'a Value {
    d["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|c| c["label"].as_str().unwrap().ends_with(label) && c["closed_at"].is_null() == open)
        .unwrap_or_else(|| panic!("a {label} clock (open: {open}) in {}", d["clocks"]))
}

fn outbox_count(app: &TestApp, dossier: &str) -> i64 {
    use thanhtra::db::schema::{dossier_documents, outbox_messages};
    let dossier = dossier.to_string();
    app.with_conn(move |c| {
        let docs: Vec<String> = dossier_documents::table
            .filter(dossier_documents::dossier_id.eq(&dossier))
            .select(dossier_documents::document_id)
            .load(c)
            .unwrap();
        outbox_messages::table
            .filter(outbox_messages::record_type.eq("document"))
            .filter(outbox_messages::record_id.eq_any(docs))
            .count()
            .get_result(c)
            .unwrap()
    })
}

/// The last day a game-shop certificate issued today may run to, as the refusal says it.
fn until_max() -> String {
    let today = thanhtra::time::today_vn();
    today.checked_add_months(chrono::Months::new(36)).unwrap().pred_opt().unwrap().format("%d/%m/%Y").to_string()
}

fn refusal(v: &Value) -> &str {
    v["errors"][0]["code"].as_str().unwrap_or_default()
}

#[actix_web::test]
async fn a_game_shop_certificate_goes_from_receipt_across_tet_through_the_survey_to_issue_and_renewal() {
    let app = crate::helpers::spawn_app().await;
    agency_with_signer(&app);
    let (_, officer) = UserBuilder::new("motcua", Role::PermitOfficer).build_with_token(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let (_, viewer) = UserBuilder::new("xem", Role::Viewer).build_with_token(&app);
    let outlet = app.api_create_outlet(&officer, OutletBuilder::game().body()).await;
    let outlet = outlet["id"].as_str().unwrap();

    let types = call(&app, &officer, Method::GET, "/api/v1/permits/types", None, StatusCode::OK).await;
    let game = types.as_array().unwrap().iter().find(|t| t["code"] == "game_shop").expect("the game-shop type");
    assert_eq!((game["validity_months"].as_i64(), game["site_survey"].as_bool()), (Some(36), Some(true)));
    assert!(game["legal_source"].as_str().unwrap().contains("147/2024"));

    // Received on Thursday 5 February 2026: 15 days end on 20/2, inside Tết, so the result is due
    // on the first working day after it, Monday 23/2.
    let d = call(
        &app,
        &officer,
        Method::POST,
        "/api/v1/permits/dossiers",
        Some(json!({"type": "game_shop", "outlet_id": outlet, "received_on": "2026-02-05",
            "contact_email": "saomai@example.vn", "contact_phone": "0912 345 678",
            "documents": ["application", "owner_id"]})),
        StatusCode::CREATED,
    )
    .await;
    let id = d["id"].as_str().unwrap().to_string();
    let code = d["tracking_code"].as_str().unwrap().to_string();
    assert_eq!(d["state"], "received");
    let v = detail(&app, &officer, &id).await;
    assert_eq!(clock(&v, "dossier_legal", true)["due_date"], "2026-02-23", "{}", v["clocks"]);
    assert_eq!(clock(&v, "dossier_published", true)["due_date"], "2026-02-23");
    assert!(clock(&v, "dossier_completeness", true)["due_date"].as_str().is_some());
    let slip = &v["documents"][0];
    assert_eq!((slip["role"].as_str(), slip["symbol"].as_str()), (Some("receipt"), Some("01/TNHS")));
    let text = pdf_text_words(&pdf_bytes(&app, &officer, slip["document_id"].as_str().unwrap()).await);
    for words in
        ["GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", &code, "23/02/2026", "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"]
    {
        assert!(text.contains(words), "{words} in the slip: {text}");
    }
    assert_eq!(outbox_count(&app, &id), 1, "the slip is mailed to the applicant");

    // The desk finds it by the applicant's name typed without diacritics, by a short word, and by
    // its tracking code however it is typed.
    let outlet_name = v["applicant"].as_str().unwrap().to_string();
    let folded = thanhtra::domain::text::fold(&outlet_name);
    let second_word = folded.split_whitespace().nth(1).unwrap().to_string();
    for q in [folded.clone(), second_word, code.to_lowercase().replace('-', " "), "zzqq".to_string()] {
        let path = format!("/api/v1/permits/dossiers?q={}", thanhtra::auth::session::urlencode(&q));
        let found = call(&app, &officer, Method::GET, &path, None, StatusCode::OK).await;
        let want = if q == "zzqq" { 0 } else { 1 };
        assert_eq!(found["total"].as_i64(), Some(want), "{q:?} finds {outlet_name:?}: {found}");
    }

    // What the public status page will show (state and promised day, nothing else).
    let s = app.with_conn(|c| thanhtra::permits::queries::public_status(c, &code.to_lowercase()).unwrap().unwrap());
    assert_eq!((s.state.code(), s.promised.map(|d| d.to_string())), ("received", Some("2026-02-23".to_string())));
    assert!(app.with_conn(|c| thanhtra::permits::queries::public_status(c, "HSXXXX-XXXX").unwrap().is_none()));

    step(&app, &officer, &id, json!({"step": "complete"}), StatusCode::OK).await;
    let e = step(&app, &leader, &id, json!({"step": "issue"}), StatusCode::CONFLICT).await;
    assert_eq!(refusal(&e), "dossier_not_appraised");
    step(
        &app,
        &officer,
        &id,
        json!({"step": "appraise", "reason": "Hồ sơ hợp lệ, đủ điều kiện theo NĐ 147/2024."}),
        StatusCode::OK,
    )
    .await;
    let e = step(&app, &leader, &id, json!({"step": "issue"}), StatusCode::CONFLICT).await;
    assert_eq!(refusal(&e), "dossier_survey_missing");
    let survey_path = format!("/api/v1/permits/dossiers/{id}/surveys");
    let bad = call(
        &app,
        &officer,
        Method::POST,
        &survey_path,
        Some(
            json!({"surveyed_on": "2026-02-10", "surveyors": "Lê Văn Khảo", "meets": "true", "fire_safety_ok": "true"}),
        ),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(bad["errors"][0]["field"], "meets", "a shop without its sign does not meet the conditions");
    let survey = call(
        &app,
        &officer,
        Method::POST,
        &survey_path,
        Some(json!({"surveyed_on": "2026-02-10", "surveyors": "Lê Văn Khảo\nTrần Thị Sát", "opening_hours": "08:00–22:00",
            "signboard_ok": "true", "fire_safety_ok": "true", "school_distance_m": "350", "meets": "true"})),
        StatusCode::CREATED,
    )
    .await;
    // The survey's photos: checked by content, with the phone's time and position kept.
    let photos_path = format!("{survey_path}/{}/photos", survey["id"].as_str().unwrap());
    let jpeg = phone_jpeg();
    let (st, p) =
        upload(&app, &officer, &photos_path, jpeg.clone(), "bien-hieu.jpg", &[("caption", "Biển hiệu")]).await;
    assert_eq!(st, StatusCode::CREATED, "{p}");
    assert_eq!((p["caption"].as_str(), p["width"].as_i64()), (Some("Biển hiệu"), Some(640)));
    assert_eq!(p["sha256"].as_str().unwrap(), thanhtra::files::sha256_hex(&jpeg));
    assert!((p["latitude"].as_f64().unwrap() - 18.34).abs() < 0.01, "{p}");
    let (st, v) = upload(&app, &officer, &photos_path, b"%PDF-1.4 not a photo".to_vec(), "anh.jpg", &[]).await;
    assert_eq!((st, v["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("photo")), "{v}");
    let (st, _) = upload(&app, &officer, &format!("{survey_path}/{id}/photos"), jpeg.clone(), "x.jpg", &[]).await;
    assert_eq!(st, StatusCode::NOT_FOUND, "not a survey of this dossier");
    let (st, _) = upload(&app, &viewer, &photos_path, jpeg.clone(), "x.jpg", &[]).await;
    assert_eq!(st, StatusCode::FORBIDDEN, "reading the desk is not writing to it");
    let photos = detail(&app, &leader, &id).await["photos"].clone();
    assert_eq!(photos.as_array().unwrap().len(), 1, "{photos}");
    // Issuing is a leader's decision.
    step(&app, &officer, &id, json!({"step": "issue"}), StatusCode::FORBIDDEN).await;
    let e = step(
        &app,
        &leader,
        &id,
        json!({"step": "issue", "valid_until": "2035-01-01"}),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(e["errors"][0]["code"], "permit_validity", "beyond the 3 years: {e}");
    let said = e["errors"][0]["detail"].as_str().unwrap();
    assert!(said.contains(&until_max()) && !said.contains('{'), "the latest day said: {said}");
    let issued = step(
        &app,
        &leader,
        &id,
        json!({"step": "issue", "scope": "Điểm cung cấp dịch vụ trò chơi điện tử công cộng, 20 máy"}),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (issued["state"].as_str(), issued["on_time"].as_str()),
        (Some("issued"), Some("late")),
        "decided after 23/2"
    );
    let e = step(&app, &leader, &id, json!({"step": "issue"}), StatusCode::CONFLICT).await;
    assert_eq!(refusal(&e), "dossier_already_decided");
    let (st, _) = upload(&app, &officer, &photos_path, jpeg, "muon.jpg", &[]).await;
    assert_eq!(st, StatusCode::CONFLICT, "the survey closed with the decision");
    let v = detail(&app, &leader, &id).await;
    let permit = &v["permit"];
    let today = thanhtra::time::today_vn();
    let until = today.checked_add_months(chrono::Months::new(36)).unwrap().pred_opt().unwrap();
    assert_eq!(permit["valid_until"], until.to_string());
    assert!(permit["symbol"].as_str().unwrap().starts_with("01/GP-"), "{permit}");
    let cert = v["documents"].as_array().unwrap().iter().find(|d| d["role"] == "certificate").unwrap();
    let text = pdf_text_words(&pdf_bytes(&app, &leader, cert["document_id"].as_str().unwrap()).await);
    assert!(
        text.contains("GIẤY CHỨNG NHẬN ĐỦ ĐIỀU KIỆN HOẠT ĐỘNG ĐIỂM CUNG CẤP DỊCH VỤ TRÒ CHƠI ĐIỆN TỬ CÔNG CỘNG"),
        "{text}"
    );
    assert!(text.contains(&until.format("%d/%m/%Y").to_string()) && text.contains("147/2024"), "{text}");
    assert_eq!(outbox_count(&app, &id), 2, "slip and certificate mailed");
    assert!(v["clocks"].as_array().unwrap().iter().all(|c| !c["closed_at"].is_null()), "every clock closed");

    // A renewal before expiry, complete at the desk: issued early, the old permit replaced.
    let r = call(
        &app,
        &officer,
        Method::POST,
        "/api/v1/permits/dossiers",
        Some(
            json!({"type": "game_shop", "purpose": "renewal", "original_permit_id": permit["id"], "outlet_id": outlet,
            "documents": ["application", "owner_id"], "complete": "true"}),
        ),
        StatusCode::CREATED,
    )
    .await;
    let rid = r["id"].as_str().unwrap();
    assert_eq!(r["state"], "appraising");
    step(
        &app,
        &officer,
        rid,
        json!({"step": "appraise", "reason": "Gia hạn, điều kiện không thay đổi."}),
        StatusCode::OK,
    )
    .await;
    call(
        &app,
        &officer,
        Method::POST,
        &format!("/api/v1/permits/dossiers/{rid}/surveys"),
        Some(json!({"surveyed_on": today.to_string(), "surveyors": "Lê Văn Khảo", "signboard_ok": "true", "fire_safety_ok": "true", "meets": "true"})),
        StatusCode::CREATED,
    )
    .await;
    let renewed = step(&app, &leader, rid, json!({"step": "issue"}), StatusCode::OK).await;
    assert_eq!(renewed["on_time"], "early");
    let reg = call(&app, &leader, Method::GET, "/api/v1/permits/register?type=game_shop", None, StatusCode::OK).await;
    let statuses: Vec<&str> = reg["items"].as_array().unwrap().iter().map(|p| p["status"].as_str().unwrap()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == "valid").count(), 1, "{reg}");
    assert_eq!(statuses.iter().filter(|s| **s == "replaced").count(), 1, "{reg}");
    // Thirty days before the renewed permit ends (its type reminds 60 days ahead), the holder is
    // reminded once through the outbox, however often the hourly job runs.
    let valid = reg["items"].as_array().unwrap().iter().find(|p| p["status"] == "valid").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let remind = |today: chrono::NaiveDate| {
        app.with_conn(|c| {
            let mail =
                thanhtra::permits::steps::remind::Mail { from: "Thanh tra <tt@example.vn>", domain: "example.vn" };
            thanhtra::permits::steps::remind::remind_due(c, &mail, today).unwrap()
        })
    };
    let ends = today + chrono::Days::new(30);
    {
        use thanhtra::db::schema::permits;
        let valid = valid.clone();
        app.with_conn(move |c| {
            diesel::update(permits::table.find(valid)).set(permits::valid_until.eq(ends)).execute(c).unwrap()
        });
    }
    assert_eq!(remind(today - chrono::Days::new(31)), 0, "61 days before: not yet");
    assert_eq!(remind(today), 1);
    assert_eq!(remind(today), 0, "once");
    let reminders: i64 = app.with_conn(|c| {
        use thanhtra::db::schema::outbox_messages;
        outbox_messages::table
            .filter(outbox_messages::record_type.eq("permit"))
            .filter(outbox_messages::record_id.eq(&valid))
            .count()
            .get_result(c)
            .unwrap()
    });
    assert_eq!(reminders, 1);
    // A leader suspends it by decision; permit staff may not; past its last day it is marked
    // expired, once, and an expired permit is not revoked.
    let status_path = format!("/api/v1/permits/register/{valid}/status");
    call(
        &app,
        &officer,
        Method::POST,
        &status_path,
        Some(json!({"status": "suspended", "reason": "QĐ 12/QĐ-XPHC"})),
        StatusCode::FORBIDDEN,
    )
    .await;
    let e = call(
        &app,
        &leader,
        Method::POST,
        &status_path,
        Some(json!({"status": "suspended"})),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(e["errors"][0]["field"], "reason");
    let p = call(
        &app,
        &leader,
        Method::POST,
        &status_path,
        Some(json!({"status": "suspended", "reason": "Quyết định số 12/QĐ-XPHC ngày 05/12/2026"})),
        StatusCode::OK,
    )
    .await;
    assert_eq!(p["status"], "suspended");
    // The public verify page of the suspended permit's certificate says so.
    let renewed_doc =
        call(&app, &leader, Method::GET, &format!("/api/v1/permits/dossiers/{rid}"), None, StatusCode::OK).await;
    let cert_id = renewed_doc["permit"]["document_id"].as_str().unwrap().to_string();
    let doc = call(&app, &leader, Method::GET, &format!("/api/v1/documents/{cert_id}"), None, StatusCode::OK).await;
    let code =
        doc["verify_code"].as_str().or(doc["document"]["verify_code"].as_str()).expect("a verify code").to_string();
    let (_, page) = app.get_html(&format!("/verify/{code}")).await;
    assert!(page.contains("Đình chỉ"), "the verify page gives the register's standing");
    let expire =
        |day: chrono::NaiveDate| app.with_conn(|c| thanhtra::permits::steps::register::expire(c, day).unwrap());
    assert_eq!(expire(ends), 0, "its last day is still in force");
    assert_eq!(expire(ends + chrono::Days::new(1)), 1);
    assert_eq!(expire(ends + chrono::Days::new(1)), 0, "once");
    let e = call(
        &app,
        &leader,
        Method::POST,
        &status_path,
        Some(json!({"status": "revoked", "reason": "Thu hồi"})),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(refusal(&e), "permit_status_change");
    // The period's figures: two received, two issued, one late (decided long after 23/2), one
    // early: 50 % on time; each number opens the dossiers behind it.
    let f = call(
        &app,
        &leader,
        Method::GET,
        &format!("/api/v1/permits/figures?from=2026-02-01&to={today}"),
        None,
        StatusCode::OK,
    )
    .await;
    let g = f["by_type"].as_array().unwrap().iter().find(|x| x["type"] == "game_shop").expect("game shops").clone();
    assert_eq!(
        (
            g["received"].as_i64(),
            g["issued"].as_i64(),
            g["late"].as_i64(),
            g["early"].as_i64(),
            g["on_time_rate"].as_f64()
        ),
        (Some(2), Some(2), Some(1), Some(1), Some(50.0)),
        "{f}"
    );
    let month = today.format("%Y-%m").to_string();
    let m = f["issued_by_month"].as_array().unwrap().iter().find(|m| m["month"] == month).unwrap();
    assert_eq!(m["total"], 2);
    let late = call(
        &app,
        &leader,
        Method::GET,
        &format!("/api/v1/permits/dossiers?by=decided&from=2026-02-01&to={today}&timeliness=late"),
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!((late["total"].as_i64(), late["items"][0]["id"].as_str()), (Some(1), Some(id.as_str())));
    // A replaced permit is not renewed again.
    let e = call(
        &app,
        &officer,
        Method::POST,
        "/api/v1/permits/dossiers",
        Some(
            json!({"type": "game_shop", "purpose": "renewal", "original_permit_id": permit["id"], "outlet_id": outlet}),
        ),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(refusal(&e), "permit_not_renewable");
}

#[actix_web::test]
async fn an_incomplete_dossier_is_returned_resumed_with_its_clock_restarted_and_refused() {
    let app = crate::helpers::spawn_app().await;
    agency_with_signer(&app);
    let (_, officer) = UserBuilder::new("motcua", Role::PermitOfficer).build_with_token(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let outlet = app.api_create_outlet(&officer, OutletBuilder::printing(8101).body()).await;
    let outlet = outlet["id"].as_str().unwrap();
    let received = (thanhtra::time::today_vn() - chrono::Days::new(10)).to_string();
    let d = call(
        &app,
        &officer,
        Method::POST,
        "/api/v1/permits/dossiers",
        Some(json!({"type": "printing_registration", "outlet_id": outlet, "received_on": received})),
        StatusCode::CREATED,
    )
    .await;
    let id = d["id"].as_str().unwrap();
    let e = step(&app, &officer, id, json!({"step": "complete"}), StatusCode::CONFLICT).await;
    assert_eq!(refusal(&e), "dossier_documents_missing");
    let e = step(&app, &officer, id, json!({"step": "return"}), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(e["errors"][0]["field"], "reason");
    let r = step(
        &app,
        &officer,
        id,
        json!({"step": "return", "reason": "Tờ khai đăng ký hoạt động cơ sở in\nBản sao giấy phép kinh doanh"}),
        StatusCode::OK,
    )
    .await;
    assert_eq!(r["state"], "incomplete");
    let v = detail(&app, &officer, id).await;
    assert!(
        v["clocks"].as_array().unwrap().iter().all(|c| !c["closed_at"].is_null()),
        "the clocks stop while it waits"
    );
    let request = v["documents"].as_array().unwrap().iter().find(|d| d["role"] == "request").expect("a request");
    assert_eq!(request["symbol"], "01/BSHS");
    let text = pdf_text_words(&pdf_bytes(&app, &officer, request["document_id"].as_str().unwrap()).await);
    assert!(
        text.contains("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ") && text.contains("- Bản sao giấy phép kinh doanh"),
        "{text}"
    );
    // Resumed without the required form: refused; with it, complete from today and the clocks
    // counted again from today, with a new slip.
    let e = step(&app, &officer, id, json!({"step": "resume"}), StatusCode::CONFLICT).await;
    assert_eq!(refusal(&e), "dossier_documents_missing");
    let today = thanhtra::time::today_vn();
    step(&app, &officer, id, json!({"step": "resume", "documents": ["declaration"]}), StatusCode::OK).await;
    let v = detail(&app, &officer, id).await;
    assert_eq!(v["complete_on"], today.to_string());
    assert_eq!(clock(&v, "dossier_legal", true)["start_date"], today.to_string());
    let slips = v["documents"].as_array().unwrap().iter().filter(|d| d["role"] == "receipt").count();
    assert_eq!(slips, 2, "a new slip with the new promised day");
    // Refused by the leader, in writing, with reasons.
    let e = step(&app, &leader, id, json!({"step": "refuse"}), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(e["errors"][0]["field"], "reason");
    let r = step(
        &app,
        &leader,
        id,
        json!({"step": "refuse", "reason": "Cơ sở không có thiết bị in theo tờ khai."}),
        StatusCode::OK,
    )
    .await;
    assert_eq!((r["state"].as_str(), r["on_time"].as_str()), (Some("refused"), Some("early")));
    let v = detail(&app, &leader, id).await;
    let letter = v["documents"].as_array().unwrap().iter().find(|d| d["role"] == "refusal").expect("a refusal");
    let text = pdf_text_words(&pdf_bytes(&app, &leader, letter["document_id"].as_str().unwrap()).await);
    assert!(
        text.contains("không cấp xác nhận đăng ký hoạt động cơ sở in") && text.contains("không có thiết bị in"),
        "{text}"
    );
    assert_eq!(outbox_count(&app, id), 0, "no address given: printed and handed over, nothing mailed");
}

#[actix_web::test]
async fn bad_dossiers_are_refused_beside_their_fields_and_nothing_is_saved() {
    let app = crate::helpers::spawn_app().await;
    let (_, officer) = UserBuilder::new("motcua", Role::PermitOfficer).build_with_token(&app);
    let (_, viewer) = UserBuilder::new("xem", Role::Viewer).build_with_token(&app);
    let outlet = app.api_create_outlet(&officer, OutletBuilder::postal(8201).body()).await;
    let outlet = outlet["id"].as_str().unwrap();
    let post = |body: Value, want: StatusCode| {
        let (app, officer) = (&app, &officer);
        async move { call(app, officer, Method::POST, "/api/v1/permits/dossiers", Some(body), want).await }
    };
    let e = post(json!({"type": "no_such", "outlet_id": outlet}), StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!((e["errors"][0]["field"].as_str(), refusal(&e)), (Some("type"), "permit_type_not_in_force"));
    let e = post(
        json!({"type": "postal_notice", "outlet_id": "0192f000-0000-7000-8000-000000000000"}),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(e["errors"][0]["field"], "outlet_id");
    let e = post(
        json!({"type": "postal_notice", "outlet_id": outlet, "contact_email": "not mail", "received_on": "2099-01-01"}),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let fields: Vec<&str> = e["errors"].as_array().unwrap().iter().map(|x| x["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"contact_email") && fields.contains(&"received_on"), "{e}");
    let e = post(
        json!({"type": "postal_notice", "outlet_id": outlet, "complete": "true"}),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!((e["errors"][0]["field"].as_str(), refusal(&e)), (Some("complete"), "dossier_documents_missing"));
    let e = post(
        json!({"type": "postal_notice", "outlet_id": outlet, "purpose": "renewal"}),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(e["errors"][0]["field"], "original_permit_id");
    call(
        &app,
        &viewer,
        Method::POST,
        "/api/v1/permits/dossiers",
        Some(json!({"type": "postal_notice", "outlet_id": outlet})),
        StatusCode::FORBIDDEN,
    )
    .await;
    let list = call(&app, &viewer, Method::GET, "/api/v1/permits/dossiers", None, StatusCode::OK).await;
    assert_eq!(list["total"], 0, "nothing half-saved");
}

#[actix_web::test]
async fn the_desk_receives_through_its_form_and_the_public_page_shows_state_and_promised_day_only() {
    let app = crate::helpers::spawn_app().await;
    let (_, officer) = UserBuilder::new("motcua", Role::PermitOfficer).build_with_token(&app);
    let outlet = app.api_create_outlet(&officer, OutletBuilder::game().body()).await;
    let outlet = outlet["id"].as_str().unwrap();
    app.login("motcua", crate::helpers::PASSWORD).await;
    let (s, page) = app.get_html("/permits/new").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("/permits/new?type=game_shop"), "the procedures to choose from");
    let (_, page) = app.get_html("/permits/new?type=game_shop").await;
    assert!(page.contains("Mẫu 51a") && page.contains("name=\"documents\""), "the game-shop checklist");
    // A bad address is refused beside its field, with what was typed kept.
    let r = app
        .post_form(
            "/permits/new",
            &[
                ("type", "game_shop"),
                ("outlet_id", outlet),
                ("purpose", "new"),
                ("channel", "desk"),
                ("received_on", "2026-12-01"),
                ("contact_email", "khong-phai-email"),
                ("documents", "application"),
            ],
        )
        .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("aria-invalid=\"true\"") && html.contains("khong-phai-email"), "error beside the field");
    assert!(html.contains("value=\"application\" checked"), "the ticked document stays ticked");
    let r = app
        .post_form(
            "/permits/new",
            &[
                ("type", "game_shop"),
                ("outlet_id", outlet),
                ("purpose", "new"),
                ("channel", "desk"),
                ("received_on", "2026-12-01"),
                ("contact_phone", "0912 345 678"),
                ("documents", "application"),
                ("documents", "owner_id"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    let (_, page) = app.get_html(&to).await;
    assert!(page.contains("Giấy tiếp nhận hồ sơ và hẹn trả kết quả") && page.contains("16/12/2026"), "slip and clocks");
    let code = page.split("class=\"code\">").nth(1).unwrap().split('<').next().unwrap().to_string();
    // The survey through the page, with a photo sent by its form (CSRF in the multipart body).
    let id = to.trim_start_matches("/permits/").split(['?', '#']).next().unwrap().to_string();
    step(&app, &officer, &id, json!({"step": "complete"}), StatusCode::OK).await;
    step(&app, &officer, &id, json!({"step": "appraise", "reason": "Đủ điều kiện"}), StatusCode::OK).await;
    let r = app
        .post_form(
            &format!("/permits/{id}/surveys"),
            &[("surveyed_on", "2026-12-02"), ("surveyors", "Lê Văn Khảo"), ("signboard_ok", "true")],
        )
        .await;
    assert!(!r.headers()["location"].to_str().unwrap().contains("err="));
    let (_, page) = app.get_html(&format!("/permits/{id}")).await;
    let survey = page.split("name=\"survey_id\" value=\"").nth(1).expect("a photo form per survey");
    let survey = survey.split('"').next().unwrap().to_string();
    let csrf = app.csrf().await;
    let send = |bytes: Vec<u8>| {
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", csrf.clone())
            .text("survey_id", survey.clone())
            .text("caption", "Phòng máy")
            .part("file", reqwest::multipart::Part::bytes(bytes).file_name("a.jpg"));
        app.client.post(app.url(&format!("/permits/{id}/photos"))).multipart(form).send()
    };
    let r = send(b"GIF89a not really".to_vec()).await.unwrap();
    assert!(r.headers()["location"].to_str().unwrap().contains("err="), "not a photo");
    let r = send(phone_jpeg()).await.unwrap();
    assert!(!r.headers()["location"].to_str().unwrap().contains("err="));
    let (_, page) = app.get_html(&format!("/permits/{id}")).await;
    let doc = scraper::Html::parse_document(&page);
    let img = doc.select(&scraper::Selector::parse(".thumbs img").unwrap()).next().expect("a thumbnail");
    assert_eq!(img.value().attr("alt"), Some("Phòng máy"));
    let r = app.get(img.value().attr("src").unwrap()).await;
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    assert_eq!(image::load_from_memory(&r.bytes().await.unwrap()).unwrap().width(), 320);
    let history = page.split("id=\"history\"").nth(1).unwrap();
    assert!(
        history.contains("Ảnh kiểm tra thực tế")
            && history.contains("Phòng máy")
            && history.contains("Kiểm tra thực tế"),
        "the survey and its photo are in the dossier's history: {history}"
    );
    let (_, figures) = app.get_html("/permits/figures?from=2026-12-01&to=2026-12-31").await;
    assert!(figures.contains("Số liệu cấp phép") && figures.contains("by=received"), "the figures link to their lists");
    // Signed out, the code alone shows the state and the promised day, and nothing of the applicant.
    app.post_form("/logout", &[]).await;
    let (s, page) = app.get_html(&format!("/permits/status?code={code}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("16/12/2026") && page.contains("Đang thẩm định"), "{page}");
    assert!(!page.contains("Đức Huy") && !page.contains("0912"), "nothing of the applicant");
    let (_, page) = app.get_html("/permits/status?code=HSAAAA-AAAA").await;
    assert!(page.contains("Không tìm thấy hồ sơ"));
}

#[actix_web::test]
async fn an_administrator_adds_a_version_of_a_procedure_and_dossiers_keep_the_one_they_were_received_under() {
    let app = crate::helpers::spawn_app().await;
    agency_with_signer(&app);
    let (_, officer) = UserBuilder::new("motcua", Role::PermitOfficer).build_with_token(&app);
    let (_, root) = UserBuilder::new("quantri", Role::InstallationAdmin).build_with_token(&app);
    let outlet = app.api_create_outlet(&officer, OutletBuilder::game().body()).await;
    let outlet = outlet["id"].as_str().unwrap();
    let yesterday = (thanhtra::time::today_vn() - chrono::Days::new(1)).to_string();
    let old = call(
        &app,
        &officer,
        Method::POST,
        "/api/v1/permits/dossiers",
        Some(json!({"type": "game_shop", "outlet_id": outlet, "received_on": yesterday, "documents": ["application"]})),
        StatusCode::CREATED,
    )
    .await;
    let old_id = old["id"].as_str().unwrap();
    let before = detail(&app, &officer, old_id).await;
    let today = thanhtra::time::today_vn().to_string();
    let version = json!({
        "code": "game_shop", "valid_from": today,
        "name_vi": "Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        "sector_code": "game", "issuer": "Ủy ban nhân dân cấp xã",
        "legal_rule": "permit.game_shop", "completeness_rule": "permit.completeness",
        "documents": "application | Đơn đề nghị | Application\nSơ đồ bố trí phòng máy\nowner_id | Bản sao giấy tờ tùy thân | Owner's ID | optional",
        "appraisal_fee": "500.000", "validity_months": "36", "remind_days": "60", "site_survey": "true",
        "certificate_title": "GIẤY CHỨNG NHẬN ĐỦ ĐIỀU KIỆN HOẠT ĐỘNG ĐIỂM CUNG CẤP DỊCH VỤ TRÒ CHƠI ĐIỆN TỬ CÔNG CỘNG",
        "legal_source": "Nghị định 147/2024/NĐ-CP; Quyết định của UBND tỉnh (giả định cho kiểm thử)"
    });
    // Only an installation administrator changes the shared procedures.
    call(&app, &officer, Method::POST, "/api/v1/permits/types", Some(version.clone()), StatusCode::FORBIDDEN).await;
    // Bad input is refused beside its fields, nothing saved.
    let mut bad = version.clone();
    bad["legal_rule"] = json!("permit.khong_co");
    bad["documents"] = json!("a | b | c | có lẽ");
    bad["valid_from"] = json!("2025-03-01");
    let e = call(&app, &root, Method::POST, "/api/v1/permits/types", Some(bad), StatusCode::UNPROCESSABLE_ENTITY).await;
    let fields: Vec<&str> = e["errors"].as_array().unwrap().iter().map(|x| x["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"documents"), "{e}");
    let mut bad = version.clone();
    bad["legal_rule"] = json!("permit.khong_co");
    bad["valid_from"] = json!("2025-07-01");
    let e = call(&app, &root, Method::POST, "/api/v1/permits/types", Some(bad), StatusCode::UNPROCESSABLE_ENTITY).await;
    let said = e["errors"][0]["detail"].as_str().unwrap();
    assert!(said.contains("permit.khong_co") && !said.contains('{'), "{said}");
    let codes: Vec<(&str, &str)> = e["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["field"].as_str().unwrap(), x["code"].as_str().unwrap()))
        .collect();
    assert!(codes.contains(&("legal_rule", "permit_type_rule_unknown")), "{e}");
    assert!(codes.contains(&("valid_from", "permit_type_version_exists")), "{e}");
    let versions =
        call(&app, &officer, Method::GET, "/api/v1/permits/types/game_shop/versions", None, StatusCode::OK).await;
    assert_eq!(versions.as_array().unwrap().len(), 1, "nothing saved");

    // A version from today: the seeded one ends today.
    let v = call(&app, &root, Method::POST, "/api/v1/permits/types", Some(version), StatusCode::CREATED).await;
    assert_eq!((v["appraisal_fee"].as_i64(), v["documents"].as_array().unwrap().len()), (Some(500_000), 3));
    assert_eq!(v["documents"][1]["code"], "so_do_bo_tri_phong_may", "a code made from the name");
    assert_eq!(v["documents"][2]["optional"], true);
    let versions =
        call(&app, &officer, Method::GET, "/api/v1/permits/types/game_shop/versions", None, StatusCode::OK).await;
    let versions = versions.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(
        (versions[1]["valid_from"].as_str(), versions[1]["valid_to"].as_str()),
        (Some("2025-07-01"), Some(today.as_str()))
    );
    // The dossier received yesterday keeps its checklist; one received today gets the new one.
    let after = detail(&app, &officer, old_id).await;
    assert_eq!(after["items"], before["items"]);
    let new = call(
        &app,
        &officer,
        Method::POST,
        "/api/v1/permits/dossiers",
        Some(json!({"type": "game_shop", "outlet_id": outlet, "documents": ["application", "so_do_bo_tri_phong_may"], "complete": "true"})),
        StatusCode::CREATED,
    )
    .await;
    let new = detail(&app, &officer, new["id"].as_str().unwrap()).await;
    assert_eq!(new["items"].as_array().unwrap().len(), 3, "{new}");

    // A new procedure on existing rules, then in the desk's list; its page and the form.
    let website = json!({
        "code": "website_licence", "valid_from": "2026-01-01", "name_vi": "Giấy phép thiết lập trang thông tin điện tử tổng hợp",
        "name_en": "General website licence", "sector_code": "online_info", "issuer": "Sở Khoa học và Công nghệ",
        "legal_rule": "permit.newsletter", "published_rule": "permit.newsletter.published", "completeness_rule": "permit.completeness",
        "documents": "Đơn đề nghị cấp giấy phép\nĐề án hoạt động", "certificate_title": "GIẤY PHÉP THIẾT LẬP TRANG THÔNG TIN ĐIỆN TỬ TỔNG HỢP",
        "legal_source": "Nghị định 147/2024/NĐ-CP, Điều 24 (thời hạn chưa đối chiếu)"
    });
    call(&app, &root, Method::POST, "/api/v1/permits/types", Some(website), StatusCode::CREATED).await;
    let types = call(&app, &officer, Method::GET, "/api/v1/permits/types", None, StatusCode::OK).await;
    assert!(types.as_array().unwrap().iter().any(|t| t["code"] == "website_licence" && t["verified"] == false));

    app.login("motcua", crate::helpers::PASSWORD).await;
    let (s, page) = app.get_html("/permits/types").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Sơ đồ bố trí phòng máy") && page.contains("id=\"t-website_licence\""), "both shown");
    assert!(!page.contains("/permits/types/new"), "an officer is not offered the form");
    let (s, _) = app.get_html("/permits/types/new?from=game_shop").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    app.post_form("/logout", &[]).await;
    app.login("quantri", crate::helpers::PASSWORD).await;
    let (s, page) = app.get_html("/permits/types/new?from=game_shop").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("so_do_bo_tri_phong_may | Sơ đồ bố trí phòng máy"), "filled with the version in force");
    let r =
        app.post_form("/permits/types/new", &[("code", "game_shop"), ("valid_from", &today), ("name_vi", "")]).await;
    let html = r.text().await.unwrap();
    assert!(html.contains("aria-invalid=\"true\"") && html.contains("value=\"game_shop\""), "errors beside the fields");
}
