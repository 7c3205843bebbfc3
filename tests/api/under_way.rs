//! A case already under way when the team starts using the system: its decision is entered with
//! the day it was signed and its number (and why), its announcement and visits with their real
//! dates, each checked against the one before.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::builders::{EngagementBuilder, OutletBuilder, UserBuilder, agency_with_signer};
use crate::helpers::{TestApp, spawn_app};

async fn step(app: &TestApp, token: &str, id: &str, body: Value) -> (StatusCode, Value) {
    app.api(Method::POST, &format!("/api/v1/engagements/{id}/steps"), token, Some(body)).await
}

#[actix_web::test]
async fn a_case_under_way_is_entered_with_its_real_dates_in_order() {
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    let (leader, token) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let outlet = OutletBuilder::printing(61).build(&app, &token).await;
    let id = EngagementBuilder::check(&outlet, &leader, &signer).build(&app, &token).await;
    let today = thanhtra::time::today_vn();
    let signed = today - chrono::Days::new(12);

    // A past decision needs a reason.
    let (s, v) = step(&app, &token, &id, json!({"step": "decide", "date": signed.to_string(), "number": "37"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["errors"][0]["code"], "backdated_reason");
    let (s, v) = step(
        &app,
        &token,
        &id,
        json!({"step": "decide", "date": signed.to_string(), "number": "37", "reason": "Cuộc kiểm tra đã bắt đầu trên giấy trước khi dùng hệ thống"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let decision = v["decision_id"].as_str().unwrap().to_string();
    let (_, d) = app.api(Method::GET, &format!("/api/v1/documents/{decision}"), &token, None).await;
    assert_eq!(d["issued_on"], signed.to_string());
    assert_eq!(d["number"], 37);
    assert!(d["symbol"].as_str().unwrap().starts_with("37/QĐ-"), "{d}");
    // The register goes on after the paper number; the number cannot be taken twice.
    let other = EngagementBuilder::check(&outlet, &leader, &signer).build(&app, &token).await;
    let (s, v) = step(
        &app,
        &token,
        &other,
        json!({"step": "decide", "date": signed.to_string(), "number": "37", "reason": "Nhập bổ sung"}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["errors"][0]["code"], "number_taken");
    let (s, v) = step(&app, &token, &other, json!({"step": "decide"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, d) =
        app.api(Method::GET, &format!("/api/v1/documents/{}", v["decision_id"].as_str().unwrap()), &token, None).await;
    assert_eq!(d["number"], 38, "today's decision follows the paper one");

    // The announcement cannot come before the decision; the real day after it is taken.
    let (s, _) =
        step(&app, &token, &id, json!({"step": "announce", "date": (signed - chrono::Days::new(1)).to_string()})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let announced = signed + chrono::Days::new(2);
    let (s, v) = step(&app, &token, &id, json!({"step": "announce", "date": announced.to_string()})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, _) = step(&app, &token, &id, json!({"step": "start_on_site"})).await;
    assert_eq!(s, StatusCode::OK);
    // Visits keep their real time, never before the announcement.
    let before = format!("{}T09:00", signed + chrono::Days::new(1));
    let (s, v) =
        app.api(Method::POST, &format!("/api/v1/engagements/{id}/visits"), &token, Some(json!({"at": before}))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let real = format!("{}T09:30", announced + chrono::Days::new(1));
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/engagements/{id}/visits"),
            &token,
            Some(json!({"at": real, "note": "Lần 1"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert!(v["visited_at"].as_str().unwrap().starts_with(&real), "{v}");

    // The history says why the case was entered late, in words.
    app.login("lanhdao", crate::helpers::PASSWORD).await;
    let (_, page) = app.get_html(&format!("/inspections/{id}")).await;
    assert!(page.contains("Nhập cuộc đang tiến hành") && page.contains("Cuộc kiểm tra đã bắt đầu trên giấy"), "{page}");
    // The field page takes a visit's past time too.
    let (_, field) = app.get_html(&format!("/inspections/{id}/field")).await;
    assert!(field.contains("type=\"datetime-local\" id=\"vat\" name=\"at\""), "{field}");
    let earlier = format!("{}T14:00", announced + chrono::Days::new(1));
    let r = app.post_form(&format!("/inspections/{id}/visits"), &[("at", earlier.as_str()), ("note", "Lần 2")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, field) = app.get_html(&format!("/inspections/{id}/field")).await;
    let shown = format!("{} 14:00", (announced + chrono::Days::new(1)).format("%d/%m/%Y"));
    assert!(field.contains(&shown), "{shown} in {field}");
}
