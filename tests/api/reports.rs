//! Reports upward: a month's and a half-year's figures from a known data set match the hand count,
//! beside the same period a year earlier; each reader sees the sections their role may see.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thanhtra::auth::Role;

use crate::builders::{EngagementBuilder, EngagementState, OutletBuilder, UserBuilder, agency_with_signer};
use crate::helpers::TestApp;

async fn call(app: &TestApp, token: &str, path: &str, body: Option<Value>, want: StatusCode) -> Value {
    let method = if body.is_some() { Method::POST } else { Method::GET };
    let (s, v) = app.api(method, path, token, body).await;
    assert_eq!(s, want, "{path}: {v}");
    v
}

fn submission(kind: &str, received_on: &str, outlet: &str) -> Value {
    json!({
        "received_on": received_on, "channel": "walk_in", "kind": kind,
        "kind_reason": "Phân loại theo nội dung đơn", "competence": "within",
        "subject": "Phản ánh cơ sở in hoạt động quá giờ", "content": "Cơ sở in hoạt động quá giờ, gây ồn.",
        "people": [{"full_name": "Nguyễn Văn Khiếu", "phone": "0912 345 678"}], "outlet_ids": outlet,
    })
}

#[actix_web::test]
async fn a_month_and_a_half_year_report_match_the_hand_count_beside_the_year_before() {
    let app = crate::helpers::spawn_app().await;
    let signer = agency_with_signer(&app);
    let (leader_id, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let (_, officer) = UserBuilder::new("motcua", Role::PermitOfficer).build_with_token(&app);
    let printer = OutletBuilder::printing(1).build(&app, &leader).await;
    let game = app.api_create_outlet(&leader, OutletBuilder::game().body()).await;
    let game = game["id"].as_str().unwrap();

    // July 2026: a complaint and a petition; a game-shop dossier. July 2025: one petition.
    for (kind, day) in [("complaint", "2026-07-06"), ("petition", "2026-07-20"), ("petition", "2025-07-15")] {
        call(&app, &leader, "/api/v1/complaints", Some(submission(kind, day, &printer)), StatusCode::CREATED).await;
    }
    call(
        &app,
        &officer,
        "/api/v1/permits/dossiers",
        Some(json!({"type": "game_shop", "outlet_id": game, "received_on": "2026-07-10", "documents": ["application", "owner_id"]})),
        StatusCode::CREATED,
    )
    .await;
    // Today: a check of the printer announced and ended on site.
    EngagementBuilder::check(&printer, &leader_id, &signer).state(EngagementState::Report).build(&app, &leader).await;

    let july = call(&app, &leader, "/api/v1/reports?period=2026-07", None, StatusCode::OK).await;
    assert_eq!((july["period"].as_str(), july["title"].as_str()), (Some("2026-07"), Some("tháng 7 năm 2026")));
    let c = &july["current"];
    assert_eq!(c["complaints"]["total"]["received"], 2, "{c}");
    let by_kind = |f: &Value, kind: &str| {
        f["complaints"]["by_kind"].as_array().unwrap().iter().find(|k| k["kind"] == kind).unwrap()["received"].clone()
    };
    assert_eq!((by_kind(c, "complaint"), by_kind(c, "petition")), (json!(1), json!(1)));
    assert_eq!(c["permits"]["total"]["received"], 1);
    assert_eq!(c["inspections"]["announced"], 0, "the check is this month's");
    let before = &july["a_year_earlier"];
    assert_eq!((before["from"].as_str(), before["to"].as_str()), (Some("2025-07-01"), Some("2025-07-31")));
    assert_eq!(
        (before["complaints"]["total"]["received"].as_i64(), before["permits"]["total"]["received"].as_i64()),
        (Some(1), Some(0))
    );

    let h2 = call(&app, &leader, "/api/v1/reports?period=2026-H2", None, StatusCode::OK).await;
    assert_eq!(h2["title"], "6 tháng cuối năm 2026");
    let c = &h2["current"];
    assert_eq!(c["complaints"]["total"]["received"], 2);
    assert_eq!(
        (c["inspections"]["announced"].as_i64(), c["inspections"]["ended_on_site"].as_i64()),
        (Some(1), Some(1))
    );
    let row = &c["inspections"]["by_sector"][0];
    assert_eq!(
        (row["sector_code"].as_str(), row["kind"].as_str(), row["announced"].as_i64()),
        (Some("printing"), Some("kiem_tra"), Some(1))
    );
    assert_eq!(c["inspections"]["concluded"], 0);
    // The same figures a range names.
    let range = call(&app, &leader, "/api/v1/reports?from=2026-07-01&to=2026-12-31", None, StatusCode::OK).await;
    assert_eq!(range["current"], h2["current"]);
    assert_eq!(range["period"], "");

    // Permit staff do not read citizens' submissions, not even as counts.
    let theirs = call(&app, &officer, "/api/v1/reports?period=2026-07", None, StatusCode::OK).await;
    assert!(theirs["current"]["complaints"].is_null() && theirs["current"]["permits"]["total"]["received"] == 1);

    // The page: the period chosen by name, each figure beside the year before, the period's
    // numbers opening the records behind them; permit staff see no complaints section.
    app.login("lanhdao", crate::helpers::PASSWORD).await;
    let (s, page) = app.get_html("/reports?period=2026-07").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("Số liệu tháng 7 năm 2026") && page.contains("tháng 7 năm 2025"), "titles");
    assert!(page.contains("href=\"/complaints?by=received&#38;from=2026-07-01&#38;to=2026-07-31\">2</a>"), "{page}");
    assert!(page.contains("<option value=\"2026-H2\""), "the half-year offered by name");
    // The same as CSV: a BOM, numbers as numbers, one line per figure.
    assert!(page.contains("/reports/export.csv?period=2026-07"), "the page offers its CSV");
    let r = app.get("/reports/export.csv?period=2026-07").await;
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains("bao-cao-2026-07.csv"));
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for spreadsheets");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("Lĩnh vực,Chỉ tiêu,tháng 7 năm 2026,tháng 7 năm 2025"), "{text}");
    assert!(text.contains("\"Khiếu nại, tố cáo, kiến nghị, phản ánh\",Đơn tiếp nhận,2,1"), "{text}");
    assert!(text.contains("Cấp phép,Hồ sơ tiếp nhận,1,0"), "{text}");
    let (_, page) = app.get_html("/reports?period=2026-13").await;
    assert!(page.contains("role=\"alert\""), "a bad period is said, this month shown");
    app.post_form("/logout", &[]).await;
    app.login("motcua", crate::helpers::PASSWORD).await;
    let (_, page) = app.get_html("/reports?period=2026-07").await;
    assert!(page.contains("Hồ sơ tiếp nhận") && !page.contains("Đơn tiếp nhận"), "no complaints for permit staff");

    // A period that is not one, refused beside its field.
    for (q, field) in [("period=2026-13", "period"), ("from=2026-07-01", "to"), ("from=x&to=2026-01-01", "from")] {
        let e = call(&app, &leader, &format!("/api/v1/reports?{q}"), None, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(e["errors"][0]["field"], field, "{q}: {e}");
    }
}
