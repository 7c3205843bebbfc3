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

/// The half-year today falls in, as the API names it (`2026-H2`).
fn this_half() -> (String, thanhtra::reports::period::Period) {
    use thanhtra::reports::period::{Period, Span};
    let p = Period::current(Span::Half, thanhtra::time::today_vn());
    (p.code().unwrap(), p)
}

#[actix_web::test]
async fn a_six_month_report_counts_sanctions_fines_and_mail_and_is_drafted_issued_and_exported() {
    use crate::builders::{DELEGATION, delegate};
    // No worker: the mail stays queued and no monthly report is drafted behind the test's back.
    let app = crate::helpers::spawn_app_with(|s| s.mail_worker = false).await;
    let signer = agency_with_signer(&app);
    delegate(&app, &signer, DELEGATION).await;
    crate::builders::with_treasury(&app);
    let (leader_id, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let first = OutletBuilder::printing(51).build(&app, &leader).await;
    let second = OutletBuilder::printing(52).build(&app, &leader).await;
    // Two checks this half: one on site with two violations, one sanctioned with a 4,000,000 fine;
    // one ended on site.
    let on_site =
        EngagementBuilder::check(&first, &leader_id, &signer).state(EngagementState::OnSite).build(&app, &leader).await;
    EngagementBuilder::check(&second, &leader_id, &signer).state(EngagementState::Report).build(&app, &leader).await;
    let rule = crate::builders::colour_copier_rule(&app);
    let mut ids = Vec::new();
    for what in ["Sử dụng máy photocopy màu chưa đăng ký", "Máy photocopy màu thứ hai chưa đăng ký"] {
        let body = json!({"rule_id": rule, "offender": "organisation", "description": what});
        let v =
            call(&app, &leader, &format!("/api/v1/engagements/{on_site}/violations"), Some(body), StatusCode::CREATED)
                .await;
        let vid = v["id"].as_str().unwrap().to_string();
        call(&app, &leader, &format!("/api/v1/violations/{vid}/record"), Some(json!({})), StatusCode::OK).await;
        ids.push(vid);
    }
    let sanction = json!({"amount": "4000000", "signer_id": signer, "authority": "chief_provincial_inspector"});
    call(&app, &leader, &format!("/api/v1/violations/{}/sanction", ids[0]), Some(sanction), StatusCode::OK).await;

    // The hand count of this half-year, before the fine is paid and after (4,200,000 on the receipt).
    let (half, p) = this_half();
    let paid = |i: &serde_json::Value| {
        [i["sanctions_paid"].clone(), i["fines_paid_count"].clone(), i["fines_collected"].clone()]
    };
    let r = call(&app, &leader, &format!("/api/v1/reports?period={half}"), None, StatusCode::OK).await;
    assert_eq!(paid(&r["current"]["inspections"]), [json!(0), json!(0), json!(0)]);
    let payment = json!({"payment_status": "paid", "amount": "4.200.000", "receipt_no": "0001234"});
    call(&app, &leader, &format!("/api/v1/violations/{}/payment", ids[0]), Some(payment), StatusCode::OK).await;
    let r = call(&app, &leader, &format!("/api/v1/reports?period={half}"), None, StatusCode::OK).await;
    let i = &r["current"]["inspections"];
    assert_eq!(
        [&i["announced"], &i["ended_on_site"], &i["violations_detected"], &i["sanctions"], &i["fines"]],
        [&json!(2), &json!(1), &json!(2), &json!(1), &json!(4_000_000)],
        "{i}"
    );
    assert_eq!(paid(i), [json!(1), json!(1), json!(4_200_000)], "{i}");
    assert_eq!(r["a_year_earlier"]["inspections"]["fines"], 0);
    assert_eq!(r["a_year_earlier"]["inspections"]["fines_collected"], 0);
    // A period that ends before the day of the receipt collected nothing, whatever it decided.
    let yesterday = thanhtra::time::today_vn().pred_opt().unwrap();
    let before = call(
        &app,
        &leader,
        &format!("/api/v1/reports?from={}&to={yesterday}", p.from.min(yesterday)),
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(before["current"]["inspections"]["fines_collected"], 0, "{before}");
    // The trend ends with this month and counts the two checks begun; the split puts them under printing.
    let trend = r["trend"].as_array().unwrap();
    assert_eq!(trend.len(), 12);
    assert_eq!(trend[11]["month"], thanhtra::time::today_vn().format("%Y-%m").to_string());
    assert_eq!(trend.iter().map(|m| m["inspections_begun"].as_i64().unwrap()).sum::<i64>(), 2);
    assert_eq!(
        (r["by_sector"][0]["sector_code"].as_str(), r["by_sector"][0]["inspections_begun"].as_i64()),
        (Some("printing"), Some(2))
    );

    // The report (BC) drafted from those figures, in the seeds' words.
    let d =
        call(&app, &leader, &format!("/api/v1/reports/drafts?period={half}"), Some(json!({})), StatusCode::OK).await;
    assert_eq!(d["outcome"], "created", "{d}");
    let doc = d["document"]["id"].as_str().unwrap().to_string();
    let body = d["document"]["body"].to_string();
    assert!(body.contains("đã triển khai 02 cuộc thanh tra, kiểm tra (00 cuộc thanh tra, 02 cuộc kiểm tra)"), "{body}");
    assert!(body.contains("phát hiện 02 hành vi vi phạm; ban hành 01 quyết định xử phạt vi phạm hành chính với tổng số tiền 4.000.000 đồng"), "{body}");
    assert!(body.contains("Lĩnh vực in: 02 cuộc kiểm tra"), "{body}");
    assert!(
        body.contains(
            "Trong kỳ đã thu 4.200.000 đồng tiền phạt vi phạm hành chính (01 quyết định xử phạt đã nộp phạt)"
        ),
        "{body}"
    );
    assert!(body.contains("Tiền phạt đã thu trong kỳ (đồng)"), "{body}");
    assert_eq!(d["document"]["addressees"][0], "Ủy ban nhân dân tỉnh Hà Tĩnh", "{d}");
    // Drafting again rewrites the same draft; once issued it is never touched.
    let again =
        call(&app, &leader, &format!("/api/v1/reports/drafts?period={half}"), Some(json!({})), StatusCode::OK).await;
    assert_eq!((again["outcome"].as_str(), again["document"]["id"].as_str()), (Some("replaced"), Some(doc.as_str())));
    call(&app, &leader, &format!("/api/v1/documents/{doc}/issue"), Some(json!({})), StatusCode::OK).await;
    let issued =
        call(&app, &leader, &format!("/api/v1/reports/drafts?period={half}"), Some(json!({})), StatusCode::OK).await;
    assert_eq!(issued["outcome"], "issued");
    let text = crate::helpers::pdf_text_words(&crate::helpers::pdf_bytes(&app, &leader, &doc).await);
    for want in ["BÁO CÁO", "Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh", "I. KẾT QUẢ CÔNG TÁC", "Chỉ tiêu", "4.000.000"]
    {
        assert!(text.contains(want), "{want} in {text}");
    }
    // Mailed to a business: counted as sent and waiting, and the number opens that document.
    call(
        &app,
        &leader,
        &format!("/api/v1/documents/{doc}/send"),
        Some(json!({"recipients": ["nhanvien@congtyin.vn"]})),
        StatusCode::ACCEPTED,
    )
    .await;
    let r = call(&app, &leader, &format!("/api/v1/reports?period={half}"), None, StatusCode::OK).await;
    assert_eq!(r["current"]["mail"], json!({"sent": 1, "accepted": 0, "failed": 0, "waiting": 1}));

    // The page: charts drawn on the server, the alerts, the drafted report; the workbook.
    app.login("lanhdao", crate::helpers::PASSWORD).await;
    let (_, page) = app.get_html(&format!("/reports?period={half}")).await;
    assert!(page.contains("<svg class=\"chart-svg\"") && page.contains("<polyline points="), "the trend");
    assert!(page.contains(&format!("href=\"/documents/{doc}\"")), "the drafted report opens");
    let mailed = format!("/documents?mail=waiting&from={}&to={}", p.from, p.to);
    assert!(page.contains(&mailed.replace('&', "&#38;")), "the mail figure opens its documents");
    let (_, list) = app.get_html(&mailed).await;
    assert!(list.contains(&format!("/documents/{doc}")), "{list}");
    let (_, none) = app.get_html(&format!("/documents?mail=failed&from={}&to={}", p.from, p.to)).await;
    assert!(!none.contains(&format!("/documents/{doc}\"")), "nothing failed");
    // The inspections numbers open the engagements of the period.
    let insp = format!("/inspections?by=announced&from={}&to={}", p.from, p.to);
    assert!(page.contains(&format!("href=\"{}\">2</a>", insp.replace('&', "&#38;"))), "{page}");
    let (_, list) = app.get_html(&insp).await;
    assert!(list.contains(&format!("/inspections/{on_site}\"")) && list.contains("class=\"alert info\""), "{list}");
    for (by, n) in [("violations", "2"), ("sanctioned", "1"), ("paid", "4.200.000 đ")] {
        let link = format!("/inspections?by={by}&from={}&to={}", p.from, p.to);
        assert!(page.contains(&format!("href=\"{}\">{n}</a>", link.replace('&', "&#38;"))), "{by}: {page}");
        let (_, list) = app.get_html(&link).await;
        assert!(list.contains(&format!("/inspections/{on_site}\"")), "{by}: {list}");
    }
    let (_, list) = app.get_html("/inspections?by=concluded&from=2020-01-01&to=2020-12-31").await;
    assert!(!list.contains(&format!("/inspections/{on_site}\"")), "nothing concluded in 2020");
    let r = app.get(&format!("/reports/export.xlsx?period={half}")).await;
    assert_eq!(r.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let bytes = r.bytes().await.unwrap().to_vec();
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names, ["Số liệu", "Kỳ báo cáo", "Theo tháng", "Theo lĩnh vực"]);
    let figures = wb.worksheet_range("Số liệu").unwrap();
    let row = figures.rows().find(|r| r[1] == Data::String("Tổng tiền phạt".into())).expect("the fines");
    assert_eq!(row[2], Data::Float(4_000_000.0), "a number, not text");
    let period = wb.worksheet_range("Kỳ báo cáo").unwrap();
    assert!(matches!(period.get_value((3, 1)), Some(Data::DateTime(_))), "the period's first day is a date");
    let months = wb.worksheet_range("Theo tháng").unwrap();
    assert_eq!(months.height(), 13, "a header and twelve months");
}

#[actix_web::test]
async fn the_monthly_report_is_drafted_once_on_the_first_working_day_and_its_deadline_closes_when_issued() {
    let app = crate::helpers::spawn_app_with(|s| s.mail_worker = false).await;
    agency_with_signer(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let prepare = |on: &str| app.with_conn(|c| thanhtra::reports::steps::monthly::prepare(c, day(on)).unwrap());
    // An agency set up today has no report for last month or before.
    assert_eq!(prepare("2026-11-02"), 0, "the agency was not here in October");
    app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::agencies;
        let then = day("2026-09-15").and_hms_opt(1, 0, 0).unwrap();
        diesel::update(agencies::table).set(agencies::created_at.eq(then)).execute(c).unwrap();
    });
    // 1 November 2026 is a Sunday: nothing yet; Monday the 2nd drafts October's report, once.
    assert_eq!(prepare("2026-11-01"), 0);
    assert_eq!(prepare("2026-11-02"), 1);
    assert_eq!(prepare("2026-11-03"), 0, "drafted once");
    let (doc, deadline) = app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::{deadlines, report_drafts};
        let (doc, code, deadline): (String, String, Option<String>) = report_drafts::table
            .select((report_drafts::document_id, report_drafts::period_code, report_drafts::deadline_id))
            .first(c)
            .unwrap();
        assert_eq!(code, "2026-10");
        let (rule, start, due, closed): (
            Option<String>,
            chrono::NaiveDate,
            chrono::NaiveDate,
            Option<chrono::NaiveDateTime>,
        ) = deadlines::table
            .find(deadline.clone().unwrap())
            .select((deadlines::rule_code, deadlines::start_date, deadlines::due_date, deadlines::closed_at))
            .first(c)
            .unwrap();
        assert_eq!((rule.as_deref(), start, closed), (Some("report.monthly"), day("2026-11-02"), None));
        assert_eq!(due, day("2026-11-09"), "five working days from Monday 2 November");
        (doc, deadline.unwrap())
    });
    // Past its day, the report is among today's alerts, and the page links them to their deadlines.
    let r = call(&app, &leader, "/api/v1/reports", None, StatusCode::OK).await;
    assert_eq!(r["alerts"], json!([{"kind": "report_draft", "overdue": 1, "due_soon": 0}]), "{r}");
    app.login("lanhdao", crate::helpers::PASSWORD).await;
    let (_, page) = app.get_html("/reports").await;
    assert!(page.contains("href=\"/deadlines?kind=report_draft\">Báo cáo định kỳ</a>"), "{page}");
    let (_, list) = app.get_html("/deadlines?kind=report_draft").await;
    assert!(list.contains("Gửi báo cáo công tác tháng 10 năm 2026"), "{list}");
    let d = call(&app, &leader, &format!("/api/v1/documents/{doc}"), None, StatusCode::OK).await;
    assert!(d["summary"].as_str().unwrap().contains("tháng 10 năm 2026"), "{d}");
    call(&app, &leader, &format!("/api/v1/documents/{doc}/issue"), Some(json!({})), StatusCode::OK).await;
    prepare("2026-11-04");
    let closed = app.with_conn(|c| {
        use diesel::prelude::*;
        thanhtra::db::schema::deadlines::table
            .find(&deadline)
            .select(thanhtra::db::schema::deadlines::closed_at)
            .first::<Option<chrono::NaiveDateTime>>(c)
            .unwrap()
    });
    assert!(closed.is_some(), "issued: the deadline closes");
    let r = call(&app, &leader, "/api/v1/reports", None, StatusCode::OK).await;
    assert_eq!(r["alerts"], json!([]));
}

#[actix_web::test]
async fn each_agency_reads_its_own_report_and_the_installation_administrator_any() {
    let app = crate::helpers::spawn_app_with(|s| s.mail_worker = false).await;
    let a = app.default_agency();
    let b = app.add_agency("SVHTTDL", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH");
    let root = app.create_user("root", Role::InstallationAdmin, &a);
    let root_token = app.token_for(&root);
    let (_, leader_a) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let b_user = app.create_user("lanhdao_b", Role::Leader, &b);
    let b_token = app.token_for(&b_user);
    let printer = OutletBuilder::printing(61).build(&app, &leader_a).await;
    call(
        &app,
        &leader_a,
        "/api/v1/complaints",
        Some(submission("petition", "2026-07-20", &printer)),
        StatusCode::CREATED,
    )
    .await;
    let received = |v: &Value| v["current"]["complaints"]["total"]["received"].as_i64();

    assert_eq!(received(&call(&app, &leader_a, "/api/v1/reports?period=2026-07", None, StatusCode::OK).await), Some(1));
    assert_eq!(received(&call(&app, &b_token, "/api/v1/reports?period=2026-07", None, StatusCode::OK).await), Some(0));
    // Another agency's figures: forbidden to its neighbour, open to the installation administrator.
    let of_a = format!("/api/v1/reports?period=2026-07&agency={a}");
    let (s, _) = app.api(Method::GET, &of_a, &b_token, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(received(&call(&app, &root_token, &of_a, None, StatusCode::OK).await), Some(1));
    let of_b = format!("/api/v1/reports?period=2026-07&agency={b}");
    assert_eq!(received(&call(&app, &root_token, &of_b, None, StatusCode::OK).await), Some(0));
    // The page offers every agency to the installation administrator; another agency's numbers open
    // no list (the lists are the reader's own agency's), and its report is not drafted from here.
    app.login("root", crate::helpers::PASSWORD).await;
    let (s, page) = app.get_html(&format!("/reports?period=2026-07&agency={b}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(&format!("<option value=\"{b}\" selected>")), "{page}");
    assert!(!page.contains("href=\"/complaints?") && !page.contains("action=\"/reports/draft\""), "{page}");
    assert!(page.contains(&format!("agency={b}")), "the exports keep the agency");
    app.post_form("/logout", &[]).await;
    app.login("lanhdao_b", crate::helpers::PASSWORD).await;
    assert_eq!(app.get(&format!("/reports?agency={a}")).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.get(&format!("/reports/export.xlsx?agency={a}")).await.status(), StatusCode::FORBIDDEN);
}
