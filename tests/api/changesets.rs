//! Every field of an edited record is stored: updates write the whole typed row (a changeset), never a
//! hand-listed set of columns that can forget one (as `drafter_name` once was).

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thanhtra::auth::Role;

use crate::builders::{OutletBuilder, agency_with_signer};
use crate::helpers::{TestApp, spawn_app};

fn stored(app: &TestApp, id: &str) -> thanhtra::documents::model::DocumentRow {
    let agency = app.default_agency();
    app.with_conn(|c| thanhtra::documents::queries::find(c, id, &agency).unwrap())
}

/// The draft fields as the API returns them, for comparison.
fn fields(v: &Value) -> Value {
    json!({
        "doc_type": v["doc_type"], "title": v["title"], "summary": v["summary"], "addressees": v["addressees"],
        "bases": v["bases"], "body": v["body"], "signer_id": v["signer_id"], "unit_code": v["unit_code"],
        "recipients": v["recipients"], "outlet_id": v["outlet_id"], "drafter_name": v["drafter_name"],
    })
}

#[actix_web::test]
async fn every_draft_field_round_trips_through_the_api_the_form_and_a_redraft() {
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    let leader = app.login_as(Role::Leader).await;
    let token = app.token_for(&leader);
    let a = OutletBuilder::postal(11).build(&app, &token).await;
    let b = OutletBuilder::printing(12).build(&app, &token).await;

    // Created through the API with every field.
    let (s, d) = app
        .api(
            Method::POST,
            "/api/v1/documents",
            &token,
            Some(json!({
                "doc_type": "minutes", "title": "BIÊN BẢN", "summary": "Làm việc với cơ sở", "addressees": "Công ty A",
                "bases": "Căn cứ Quyết định số 1/QĐ-TTr.", "body": "Nội dung một.", "signer_id": signer,
                "unit_code": "TTr", "recipients": "Lưu: VT.", "outlet_id": a, "drafter_name": "Trần Thị Lập",
            })),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{d}");
    let id = d["id"].as_str().unwrap().to_string();
    assert_eq!(stored(&app, &id).drafter_name, "Trần Thị Lập");

    // Every field changed through PATCH: the answer and the stored row both carry the new values.
    let (s, after) = app
        .api(
            Method::PATCH,
            &format!("/api/v1/documents/{id}"),
            &token,
            Some(json!({
                "doc_type": "notice", "title": "THÔNG BÁO", "summary": "Kết quả kiểm tra", "addressees": "Công ty B",
                "bases": "Căn cứ Kế hoạch số 2/KH-TTr.", "body": "Nội dung hai.", "signer_id": signer,
                "unit_code": "VP", "recipients": "Như trên;\nLưu: VT.", "outlet_id": b, "drafter_name": "Lê Văn Soạn",
            })),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{after}");
    let (_, read) = app.api(Method::GET, &format!("/api/v1/documents/{id}"), &token, None).await;
    assert_eq!(fields(&after), fields(&read), "what the API answered is what it stored");
    assert_eq!(read["doc_type"], "notice");
    assert_eq!(read["summary"], "Kết quả kiểm tra");
    assert_eq!(read["addressees"], json!(["Công ty B"]));
    assert_eq!(read["unit_code"], "VP");
    assert_eq!(read["recipients"], json!(["Như trên;", "Lưu: VT."]));
    assert_eq!(read["outlet_id"], b.as_str());
    let row = stored(&app, &id);
    assert_eq!(
        (row.drafter_name.as_str(), row.register.as_str(), row.title.as_str()),
        ("Lê Văn Soạn", "TB", "THÔNG BÁO")
    );
    assert!(row.body.contains("Nội dung hai."), "{}", row.body);

    // The page's form.
    let r = app
        .post_form(
            &format!("/documents/{id}"),
            &[
                ("doc_type", "minutes"),
                ("title", "BIÊN BẢN LÀM VIỆC"),
                ("summary", "Làm việc lần hai"),
                ("addressees", ""),
                ("bases", "Căn cứ Quyết định số 3/QĐ-TTr."),
                ("body", "Nội dung ba."),
                ("signer_id", &signer),
                ("unit_code", "TTr"),
                ("recipients", "Lưu: VT, TTr."),
                ("outlet_id", &a),
                ("drafter_name", "Phạm Thị Ghi"),
                ("version", &row.version.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let row = stored(&app, &id);
    assert_eq!(row.drafter_name, "Phạm Thị Ghi", "the form's drafter is stored");
    assert_eq!(
        (row.summary.as_str(), row.outlet_id.as_deref(), row.addressee_list().len()),
        ("Làm việc lần hai", Some(a.as_str()), 0)
    );

    // A redraft (what an engagement step does to the minutes it owns) goes through the same write.
    let agency = app.default_agency();
    let input = thanhtra::documents::model::DraftInput {
        doc_type: "minutes".into(),
        summary: "Làm việc lần ba".into(),
        signer_id: signer.clone(),
        drafter_name: "Đỗ Văn Lại".into(),
        ..Default::default()
    };
    app.with_conn(|c| {
        thanhtra::documents::steps::draft::update_draft(
            c,
            &thanhtra::audit::Actor::system("test"),
            &id,
            &agency,
            input.validate().unwrap(),
            Some(row.version),
        )
        .unwrap()
    });
    let row = stored(&app, &id);
    assert_eq!((row.drafter_name.as_str(), row.summary.as_str()), ("Đỗ Văn Lại", "Làm việc lần ba"));
    assert_eq!(row.outlet_id, None, "an emptied field is stored empty too");
}
