//! The inspection chain end to end, through the API: plan → decision → findings with a photo →
//! violation → sanction → conclusion → email → publication → follow-up → archive.

use std::io::Cursor;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thanhtra::auth::Role;

use crate::builders::{
    DELEGATION, EngagementBuilder, EngagementState, OutletBuilder, UserBuilder, agency_with_signer, delegate,
    engagement_step as step,
};
use crate::helpers::TestApp;
use crate::mail::{Inbox, app_with_smtp, smtp_server};

/// A JPEG as a phone takes it: EXIF time and GPS (Hà Tĩnh) in an APP1 segment.
pub fn phone_jpeg() -> Vec<u8> {
    use exif::experimental::Writer;
    use exif::{Field, In, Rational, Tag, Value as X};
    let img = image::RgbImage::from_fn(640, 480, |x, y| image::Rgb([(x / 3) as u8, (y / 2) as u8, 120]));
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(img).write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg).unwrap();
    let r = |n: u32, d: u32| Rational { num: n, denom: d };
    let fields = [
        Field {
            tag: Tag::DateTimeOriginal,
            ifd_num: In::PRIMARY,
            value: X::Ascii(vec![b"2026:11:18 09:41:07".to_vec()]),
        },
        Field { tag: Tag::GPSLatitudeRef, ifd_num: In::PRIMARY, value: X::Ascii(vec![b"N".to_vec()]) },
        Field { tag: Tag::GPSLatitude, ifd_num: In::PRIMARY, value: X::Rational(vec![r(18, 1), r(20, 1), r(24, 1)]) },
        Field { tag: Tag::GPSLongitudeRef, ifd_num: In::PRIMARY, value: X::Ascii(vec![b"E".to_vec()]) },
        Field { tag: Tag::GPSLongitude, ifd_num: In::PRIMARY, value: X::Rational(vec![r(105, 1), r(54, 1), r(36, 1)]) },
    ];
    let mut w = Writer::new();
    for f in &fields {
        w.push_field(f);
    }
    let mut tiff = Cursor::new(Vec::new());
    w.write(&mut tiff, false).unwrap();
    let tiff = tiff.into_inner();
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

pub struct Setup {
    pub token: String,
    pub signer: String,
    pub leader: String,
    pub inspector: String,
    pub outlet: String,
}

pub async fn setup(app: &TestApp) -> Setup {
    let signer = agency_with_signer(app);
    let leader = UserBuilder::leader("truongdoan").build(app);
    let inspector = UserBuilder::inspector("thanhtravien").build(app);
    let token = app.token_for(&leader);
    let outlet = OutletBuilder::printing(5151).build(app, &token).await;
    Setup { token, signer, leader, inspector, outlet }
}

async fn ok(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>, want: StatusCode) -> Value {
    let (s, v) = app.api(method, path, token, body).await;
    assert_eq!(s, want, "{path}: {v}");
    v
}

/// Everything the API shows of one engagement.
async fn detail(app: &TestApp, token: &str, id: &str) -> Value {
    ok(app, token, Method::GET, &format!("/api/v1/engagements/{id}"), None, StatusCode::OK).await
}

/// The checklist item codes an engagement copied.
async fn finding_codes(app: &TestApp, token: &str, id: &str) -> Vec<String> {
    detail(app, token, id).await["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["item_code"].as_str().unwrap().to_string())
        .collect()
}

pub async fn upload(
    app: &TestApp,
    token: &str,
    path: &str,
    bytes: Vec<u8>,
    name: &str,
    extra: &[(&str, &str)],
) -> (StatusCode, Value) {
    let mut form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    for (k, v) in extra {
        form = form.text(k.to_string(), v.to_string());
    }
    let r = reqwest::Client::new().post(app.url(path)).bearer_auth(token).multipart(form).send().await.unwrap();
    let s = r.status();
    (s, serde_json::from_str(&r.text().await.unwrap()).unwrap_or(Value::Null))
}

use crate::helpers::pdf_bytes;

fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap_or_default()
}

fn rule_id(app: &TestApp, code: &str) -> String {
    app.with_conn(|c| {
        thanhtra::inspections::catalogue::violations(c).unwrap().into_iter().find(|v| v.code == code).unwrap().id
    })
}

/// What the steps of the chain hand on to one another: the app and its fixtures, the mailbox, and the
/// records each step makes that a later one works on.
struct Chain {
    app: TestApp,
    s: Setup,
    inbox: Arc<Mutex<Inbox>>,
    /// The plan item, as the API answered when it was added.
    plan_item: Value,
    /// The engagement.
    id: String,
    /// The finding recorded as non-compliant.
    finding: String,
    /// The conclusion document.
    conclusion: String,
    /// The portal publication and its public PDF.
    publication: String,
    public_pdf: Vec<u8>,
    /// The recommendation followed up.
    recommendation: String,
}

#[actix_web::test]
async fn an_inspection_goes_from_the_plan_to_the_archive() {
    let (port, inbox) = smtp_server();
    let app = app_with_smtp(port, true).await;
    let s = setup(&app).await;
    let mut c = Chain {
        app,
        s,
        inbox,
        plan_item: Value::Null,
        id: String::new(),
        finding: String::new(),
        conclusion: String::new(),
        publication: String::new(),
        public_pdf: Vec::new(),
        recommendation: String::new(),
    };

    plan_is_approved(&mut c).await;
    engagement_is_opened_from_the_plan(&mut c).await;
    decision_is_issued_and_announced(&c).await;
    period_is_extended_and_suspended(&c).await;
    findings_and_photo_are_recorded(&mut c).await;
    violation_is_recorded_and_sanctioned(&c).await;
    report_and_conclusion_are_drafted(&mut c).await;
    conclusion_is_appraised_signed_and_sent(&c).await;
    conclusion_is_published(&mut c).await;
    recommendations_are_followed_up_and_archived(&mut c).await;
    evidence_and_public_copy_are_served(&c).await;
    the_dossier_is_printable_and_downloaded_whole(&c).await;
    audit_trail_verifies_and_reminder_went_out(&c).await;
}

/// At archive: the contents (mục lục hồ sơ) list every issued document with its number, date and
/// sheets, and the whole dossier downloads as one file (contents first, then each document).
async fn the_dossier_is_printable_and_downloaded_whole(c: &Chain) {
    let app = &c.app;
    let id = c.id.clone();
    let r = app.get(&format!("/inspections/{id}/dossier/index.pdf")).await;
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let index = r.bytes().await.unwrap().to_vec();
    let text = pdf_text(&index).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("MỤC LỤC HỒ SƠ") && text.contains("Tờ số") && !text.contains("Số: "), "{text}");
    // Each document named as a sentence names it: its own title, the summary continuing it.
    assert!(
        text.contains("Biên bản vi phạm hành chính về") && text.contains("Quyết định xử phạt vi phạm hành chính"),
        "{text}"
    );
    let issued: Vec<String> = app.with_conn(|conn| {
        use diesel::prelude::*;
        use thanhtra::db::schema::documents;
        documents::table
            .filter(documents::status.eq("issued"))
            .filter(documents::doc_type.ne("plan"))
            .select(documents::symbol.assume_not_null())
            .load(conn)
            .unwrap()
    });
    for symbol in &issued {
        assert!(text.contains(symbol.as_str()), "{symbol} listed: {text}");
    }
    let r = app.get(&format!("/inspections/{id}/dossier")).await;
    assert_eq!(r.headers()["content-type"], "application/zip");
    let bytes = r.bytes().await.unwrap().to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().to_string()).collect();
    assert_eq!(names[0], "00-muc-luc.pdf");
    let stamp = zip.by_index(0).unwrap().last_modified().unwrap();
    assert_eq!(stamp.year(), chrono::Datelike::year(&thanhtra::time::today_vn()) as u16, "dated when put together");
    assert!(names.len() > issued.len(), "every document (and its signed copy) after the contents: {names:?}");
    assert!(names[1].starts_with("01-") && names.iter().all(|n| n.ends_with(".pdf")), "{names:?}");
}

/// Plan: a draft with one item, approved (the KH document is issued).
async fn plan_is_approved(c: &mut Chain) {
    let app = &c.app;
    let s = &c.s;
    let t = s.token.as_str();
    let year = thanhtra::time::today_vn().format("%Y").to_string();
    let plan = ok(app, t, Method::POST, "/api/v1/plans", Some(json!({"year": year})), StatusCode::CREATED).await;
    let pid = plan["id"].as_str().unwrap();
    let item = ok(app, t, Method::POST, &format!("/api/v1/plans/{pid}/items"), Some(json!({"outlet_id": s.outlet, "kind": "thanh_tra", "scope": "Việc chấp hành pháp luật về hoạt động in", "quarter": "4", "lead_unit": "Phòng Thanh tra 1"})), StatusCode::CREATED).await;
    assert_eq!(item["warnings"].as_array().unwrap().len(), 0, "nothing overlaps yet");
    let approved = ok(
        app,
        t,
        Method::POST,
        &format!("/api/v1/plans/{pid}/approve"),
        Some(json!({"signer_id": s.signer})),
        StatusCode::OK,
    )
    .await;
    assert_eq!(approved["status"], "approved");
    let plans = ok(app, t, Method::GET, "/api/v1/plans", None, StatusCode::OK).await;
    assert_eq!(
        plans.as_array().unwrap().iter().map(|p| (p["id"].as_str(), p["status"].as_str())).collect::<Vec<_>>(),
        [(Some(pid), Some("approved"))],
        "the agency's plans: {plans}"
    );
    let kh = pdf_text(&pdf_bytes(app, t, approved["document_id"].as_str().unwrap()).await);
    assert!(kh.contains("KẾ HOẠCH") && kh.contains("Hồng Lam") && kh.contains("\nTT\n"), "{kh}");
    c.plan_item = item;
}

/// Engagement from the plan item, with a team.
async fn engagement_is_opened_from_the_plan(c: &mut Chain) {
    let app = &c.app;
    let s = &c.s;
    let t = s.token.as_str();
    let item = &c.plan_item;
    let created = ok(app, t, Method::POST, "/api/v1/engagements", Some(json!({"plan_item_id": item["item"]["id"], "period_covered": "từ ngày 01/01/2025 đến ngày 30/9/2026", "leader_id": s.leader, "member_ids": s.inspector, "signer_id": s.signer})), StatusCode::CREATED).await;
    let e = created["engagement"].clone();
    let id = e["id"].as_str().unwrap().to_string();
    assert_eq!(e["state"], "planned");
    assert_eq!(e["duration"], 45, "Luật Thanh tra 2025 Art. 20: Thanh tra tỉnh ≤ 45 days");

    // Bad input before anything runs: out of order, nothing changes.
    let (st, v) = app
        .api(Method::POST, &format!("/api/v1/engagements/{id}/steps"), t, Some(json!({"step": "sign_conclusion"})))
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    c.id = id;
}

/// The decision (QĐ) is issued, once only, and announced.
async fn decision_is_issued_and_announced(c: &Chain) {
    let app = &c.app;
    let s = &c.s;
    let t = s.token.as_str();
    let id = c.id.clone();
    let e = step(app, t, &id, json!({"step": "decide"})).await;
    assert_eq!(e["state"], "preparation");
    let qd = pdf_text(&pdf_bytes(app, t, e["decision_id"].as_str().unwrap()).await);
    assert!(qd.contains("QUYẾT ĐỊNH") && qd.contains("Người dùng truongdoan") && qd.contains("Trưởng đoàn"), "{qd}");
    let (st, _) =
        app.api(Method::POST, &format!("/api/v1/engagements/{id}/steps"), t, Some(json!({"step": "decide"}))).await;
    assert_eq!(st, StatusCode::CONFLICT, "deciding twice is refused");

    let e = step(app, t, &id, json!({"step": "announce"})).await;
    assert_eq!(e["state"], "announced");
}

/// The period is extended; direct work starts, is suspended once and resumes; it cannot end without findings.
async fn period_is_extended_and_suspended(c: &Chain) {
    let app = &c.app;
    let s = &c.s;
    let t = s.token.as_str();
    let id = c.id.clone();
    let period = |d: &Value| {
        d["deadlines"].as_array().unwrap().iter().find(|x| x["label"] == "Thời hạn thanh tra").unwrap()["due_date"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let due0 = period(&detail(app, t, &id).await);
    step(app, t, &id, json!({"step": "extend", "days": "10", "reason": "Đối tượng có nhiều chi nhánh"})).await;
    let due1 = period(&detail(app, t, &id).await);
    assert!(due1 > due0, "the extension moved the period's end: {due0} → {due1}");
    let e = step(app, t, &id, json!({"step": "start_on_site"})).await;
    assert_eq!(e["state"], "on_site");
    // Suspension at the inspected party's request: once only (Luật Thanh tra 2025 Art. 30).
    let e =
        step(app, t, &id, json!({"step": "suspend", "reason": "Công ty đề nghị do người đại diện đi công tác"})).await;
    assert_eq!(e["state"], "suspended");
    let e = step(app, t, &id, json!({"step": "resume"})).await;
    assert_eq!(e["state"], "on_site");
    let (st, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/engagements/{id}/steps"),
            t,
            Some(json!({"step": "suspend", "reason": "lần hai"})),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "a second suspension is refused");
    let (st, v) = app
        .api(Method::POST, &format!("/api/v1/engagements/{id}/steps"), t, Some(json!({"step": "end_on_site"})))
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "no findings yet: {v}");
}

/// Findings, a visit, a photo.
async fn findings_and_photo_are_recorded(c: &mut Chain) {
    let app = &c.app;
    let s = &c.s;
    let t = s.token.as_str();
    let id = c.id.clone();
    let d = detail(app, t, &id).await;
    let findings = d["findings"].as_array().unwrap().clone();
    assert!(findings.len() >= 2, "the printing checklist was copied in");
    let f0 = findings[0]["id"].as_str().unwrap();
    let f1 = findings[1]["id"].as_str().unwrap();
    ok(
        app,
        t,
        Method::PUT,
        &format!("/api/v1/engagements/{id}/findings/{f0}"),
        Some(json!({"result": "compliant"})),
        StatusCode::OK,
    )
    .await;
    let (st, v) = app
        .api(
            Method::PUT,
            &format!("/api/v1/engagements/{id}/findings/{f1}"),
            t,
            Some(json!({"result": "non_compliant"})),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "a non-compliance needs a description: {v}");
    ok(
        app,
        t,
        Method::PUT,
        &format!("/api/v1/engagements/{id}/findings/{f1}"),
        Some(json!({"result": "non_compliant", "note": "Không lập sổ quản lý ấn phẩm nhận in từ tháng 6/2026"})),
        StatusCode::OK,
    )
    .await;
    ok(
        app,
        t,
        Method::POST,
        &format!("/api/v1/engagements/{id}/visits"),
        Some(json!({"latitude": "18.3401", "longitude": "105.9101", "note": "Xưởng in số 25 Nguyễn Du"})),
        StatusCode::CREATED,
    )
    .await;
    let jpeg = phone_jpeg();
    let (st, p) = upload(
        app,
        t,
        &format!("/api/v1/engagements/{id}/photos"),
        jpeg.clone(),
        "IMG_0412.jpg",
        &[("finding_id", f1), ("caption", "Sổ quản lý ấn phẩm bỏ trống")],
    )
    .await;
    assert_eq!(st, StatusCode::CREATED, "{p}");
    assert_eq!(p["taken_at"], "2026-11-18T09:41:07+07:00", "the camera's local time, with its offset");
    assert!(
        (p["latitude"].as_f64().unwrap() - 18.34).abs() < 0.001
            && (p["longitude"].as_f64().unwrap() - 105.91).abs() < 0.001
    );
    assert_eq!(p["sha256"].as_str().unwrap(), thanhtra::files::sha256_hex(&jpeg));
    let (st, v) =
        upload(app, t, &format!("/api/v1/engagements/{id}/photos"), b"%PDF-1.4 not a photo".to_vec(), "anh.jpg", &[])
            .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "a PDF named .jpg is not a photo: {v}");
    c.finding = f1.to_string();
}

/// Violation → record → sanction, with the fine checked, as NĐ 118/2021 lays the two documents out.
async fn violation_is_recorded_and_sanctioned(c: &Chain) {
    let app = &c.app;
    let s = &c.s;
    let t = s.token.as_str();
    let id = c.id.clone();
    let f1 = c.finding.as_str();
    // A rule whose article the catalogue has not identified can be recorded, never sanctioned.
    let unknown = ok(app, t, Method::POST, &format!("/api/v1/engagements/{id}/violations"), Some(json!({"rule_id": rule_id(app, "printing.register_not_kept"), "offender": "organisation", "description": "Không ghi chép sổ quản lý ấn phẩm nhận in"})), StatusCode::CREATED).await;
    let uid = unknown["id"].as_str().unwrap().to_string();
    ok(app, t, Method::POST, &format!("/api/v1/violations/{uid}/record"), None, StatusCode::OK).await;
    let (st, err) = app
        .api(
            Method::POST,
            &format!("/api/v1/violations/{uid}/sanction"),
            t,
            Some(json!({"amount": "2000000", "signer_id": s.signer, "authority": "chief_provincial_inspector"})),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{err}");
    assert_eq!(err["errors"][0]["code"], "article_not_identified", "{err}");

    let yesterday = thanhtra::time::today_vn().pred_opt().unwrap();
    let record = json!({
        "made_at": format!("{}T09:40", yesterday),
        "representative_title": "Giám đốc",
        "witnesses": "Lê Văn Chứng | Công chức UBND phường Thành Sen | Phường Thành Sen, tỉnh Hà Tĩnh",
        "opinion": "Công ty thừa nhận chưa đăng ký máy photocopy màu và sẽ đăng ký ngay.",
        "explanation": "written"
    });
    let v = ok(app, t, Method::POST, &format!("/api/v1/engagements/{id}/violations"), Some(json!({"finding_id": f1, "rule_id": rule_id(app, "printing.colour_copier_unregistered"), "offender": "organisation", "description": "Sử dụng máy photocopy màu chưa đăng ký với cơ quan nhà nước có thẩm quyền", "detected_on": yesterday.to_string(), "record": record})), StatusCode::CREATED).await;
    let vid = v["id"].as_str().unwrap().to_string();
    let (st, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/violations/{vid}/sanction"),
            t,
            Some(json!({"amount": "4000000", "signer_id": s.signer, "authority": "chief_provincial_inspector"})),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "no sanction before the record");
    let v = ok(app, t, Method::POST, &format!("/api/v1/violations/{vid}/record"), None, StatusCode::OK).await;
    assert_eq!(v["status"], "recorded");
    let bb = pdf_text(&pdf_bytes(app, t, v["record_id"].as_str().unwrap()).await);
    let flat = bb.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "BIÊN BẢN VI PHẠM HÀNH CHÍNH",
        "/BB-VPHC",
        "hồi 09 giờ 40 phút",
        "1. Người có thẩm quyền lập biên bản: Họ và tên: Người dùng truongdoan; chức vụ: Phó Chánh Thanh tra.",
        "2. Với sự chứng kiến của: Họ và tên: Lê Văn Chứng",
        "Người đại diện theo pháp luật: Trần Văn Lam; chức danh: Giám đốc.",
        "3. Quy định tại: điểm a khoản 1 Điều 28c Nghị định số 119/2020/NĐ-CP ngày 07 tháng 10 năm 2020",
        "5. Ý kiến trình bày của người đại diện của tổ chức vi phạm: Công ty thừa nhận",
        "Trong thời hạn 05 ngày làm việc kể từ ngày lập biên bản này",
        "văn bản giải trình đến Chánh Thanh tra tỉnh",
        "NGƯỜI LẬP BIÊN BẢN",
        "NGƯỜI CHỨNG KIẾN",
        "CÁ NHÂN/NGƯỜI ĐẠI DIỆN",
    ] {
        assert!(flat.contains(part), "{part}: {flat}");
    }
    assert!(!flat.contains("Hà Tĩnh, ngày"), "no place and date in a record's header: {flat}");
    assert!(!flat.contains("(chưa"), "no internal note in a record: {flat}");
    // The decision says where the fine is paid: without the agency's treasury it is refused.
    let (st, err) = app
        .api(
            Method::POST,
            &format!("/api/v1/violations/{vid}/sanction"),
            t,
            Some(json!({"amount": "4000000", "signer_id": s.signer, "authority": "chief_provincial_inspector"})),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{err}");
    assert_eq!(err["errors"][0]["code"], "treasury_missing", "{err}");
    app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::agencies;
        diesel::update(agencies::table)
            .set((
                agencies::treasury_name.eq("Kho bạc Nhà nước khu vực XIII"),
                agencies::treasury_account.eq("7111.1058.1234"),
            ))
            .execute(c)
            .unwrap();
    });
    let (st, err) = app
        .api(
            Method::POST,
            &format!("/api/v1/violations/{vid}/sanction"),
            t,
            Some(json!({"amount": "6000000", "signer_id": s.signer, "authority": "chief_provincial_inspector"})),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "6 m is outside 3–5 m: {err}");
    assert!(err.to_string().contains("3.000.000 – 5.000.000"), "{err}");
    let (st, err) = app
        .api(
            Method::POST,
            &format!("/api/v1/violations/{vid}/sanction"),
            t,
            Some(json!({"amount": "4000000", "signer_id": s.signer, "authority": "department_check_team_leader"})),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "a department's check-team leader cannot sanction: {err}");
    // The signer is the deputy ("KT. CHÁNH THANH TRA"): he signs under the head's delegation.
    delegate(app, &s.signer, DELEGATION).await;
    let v = ok(
        app,
        t,
        Method::POST,
        &format!("/api/v1/violations/{vid}/sanction"),
        Some(json!({"amount": "4.000.000", "signer_id": s.signer, "authority": "chief_provincial_inspector", "remedy_days": "10"})),
        StatusCode::OK,
    )
    .await;
    assert_eq!(v["status"], "decided");
    assert_eq!(v["fine_amount"], 4_000_000);
    let qdxp = pdf_text(&pdf_bytes(app, t, v["decision_id"].as_str().unwrap()).await);
    let flat = qdxp.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in [
        "/QĐ-XPHC",
        "Xử phạt vi phạm hành chính",
        "CHÁNH THANH TRA TỈNH",
        "Căn cứ Điều 57, Điều 68, Điều 70, Điều 78, Điều 85 Luật Xử lý vi phạm hành chính",
        "Căn cứ Nghị định số 119/2020/NĐ-CP ngày 07 tháng 10 năm 2020 của Chính phủ quy định xử phạt vi phạm hành chính trong hoạt động báo chí, hoạt động xuất bản",
        "Căn cứ Biên bản vi phạm hành chính số: 02/BB-VPHC lập ngày",
        "Căn cứ Quyết định số 05/QĐ-GQXP ngày 02/01/2026 của Chánh Thanh tra tỉnh về việc giao quyền xử phạt vi phạm hành chính. QUYẾT ĐỊNH:",
        "3. Quy định tại: điểm a khoản 1 Điều 28c Nghị định số 119/2020/NĐ-CP.",
        "Cụ thể: 4.000.000 đồng (Bằng chữ: Bốn triệu đồng).",
        "nộp tiền phạt vào tài khoản số: 7111.1058.1234 của Kho bạc Nhà nước khu vực XIII",
        "Điều 3. Quyết định này được:",
    ] {
        assert!(flat.contains(part), "{part}: {flat}");
    }
    let v = ok(
        app,
        t,
        Method::POST,
        &format!("/api/v1/violations/{vid}/payment"),
        Some(json!({"payment_status": "paid", "amount": "3.000.000", "receipt_no": "0001234"})),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(v["errors"][0]["code"], "payment_short", "less than the fine: {v}");
    // The decision made a recommendation to pay the fine within 10 days; paying settles it.
    let d = detail(app, t, &id).await;
    let fine_rec = d["recommendations"].as_array().unwrap().iter().find(|r| r["violation_id"] == vid.as_str()).cloned();
    let fine_rec = fine_rec.expect("a recommendation to pay the fine");
    assert_eq!(fine_rec["kind"], "fine");
    assert_eq!(fine_rec["status"], "pending");
    assert!(
        fine_rec["text"].as_str().unwrap().contains("4.000.000")
            && fine_rec["text"].as_str().unwrap().contains("/QĐ-XPHC")
    );
    let v = ok(
        app,
        t,
        Method::POST,
        &format!("/api/v1/violations/{vid}/payment"),
        Some(json!({"payment_status": "paid", "amount": "4.000.000", "receipt_no": "0001234", "paid_on": thanhtra::time::today_vn().to_string()})),
        StatusCode::OK,
    )
    .await;
    assert_eq!(v["payment_status"], "paid");
    assert_eq!(v["paid_amount"], 4_000_000);
    assert_eq!(v["receipt_no"], "0001234");
    let d = detail(app, t, &id).await;
    let settled =
        d["recommendations"].as_array().unwrap().iter().find(|r| r["violation_id"] == vid.as_str()).cloned().unwrap();
    assert_eq!(settled["status"], "done", "the payment settles the fine's recommendation");
}

/// End of direct work: working minutes drafted; report; conclusion drafted from what was found.
async fn report_and_conclusion_are_drafted(c: &mut Chain) {
    let app = &c.app;
    let s = &c.s;
    let t = s.token.as_str();
    let id = c.id.clone();
    let e = step(app, t, &id, json!({"step": "end_on_site"})).await;
    assert_eq!(e["state"], "report");
    let bblv = pdf_text(&pdf_bytes(app, t, e["minutes_id"].as_str().unwrap()).await);
    assert!(bblv.contains("BIÊN BẢN LÀM VIỆC") && bblv.contains("Trần Văn Lam") && bblv.contains("6/2026"), "{bblv}");
    // The minutes are signed for the team by its leader, and cite the decision they carry out.
    let flat = bblv.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("ĐẠI DIỆN ĐOÀN THANH TRA TRƯỞNG ĐOÀN"), "{bblv}");
    assert!(flat.contains("thực hiện Quyết định số ") && flat.contains("của Chánh Thanh tra tỉnh."), "{bblv}");
    // The team's report is drafted with them: addressed to the decision-maker, signed by the leader.
    let rid = e["report_id"].as_str().expect("a report draft").to_string();
    let bc = pdf_text(&pdf_bytes(app, t, &rid).await).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        bc.contains("BÁO CÁO") && bc.contains("Kính gửi: Chánh Thanh tra tỉnh") && bc.contains("TRƯỞNG ĐOÀN"),
        "{bc}"
    );
    assert!(bc.contains("IV. Ý KIẾN KHÁC NHAU GIỮA CÁC THÀNH VIÊN ĐOÀN THANH TRA"), "{bc}");
    ok(app, t, Method::POST, &format!("/api/v1/engagements/{id}/recommendations"), Some(json!({"kind": "management", "text": "Lập và ghi chép đầy đủ sổ quản lý ấn phẩm nhận in; báo cáo kết quả bằng văn bản", "responsible": "Công ty TNHH In Hồng Lam", "responsible_email": "giamdoc@inhonglam.vn", "due_date": "2027-01-31"})), StatusCode::CREATED).await;
    let e = step(app, t, &id, json!({"step": "submit_report"})).await;
    assert_eq!(e["state"], "draft_conclusion");
    // Submitting numbers and signs the report.
    let report = ok(app, t, Method::GET, &format!("/api/v1/documents/{rid}"), None, StatusCode::OK).await;
    let report_symbol = report["symbol"].as_str().expect("the report is issued").to_string();
    assert!(report_symbol.contains("/BC-"), "{report_symbol}");
    let cid = e["conclusion_id"].as_str().unwrap().to_string();
    let draft = ok(app, t, Method::GET, &format!("/api/v1/documents/{cid}"), None, StatusCode::OK).await;
    let body = draft["body"].as_str().unwrap();
    assert!(
        body.contains("Không lập sổ quản lý ấn phẩm")
            && body.contains("đã xử phạt 4.000.000 đồng")
            && body.contains("Lập và ghi chép"),
        "{body}"
    );
    // Every section of the template, the decision cited by number, date and issuer, the report by
    // number and date, and the recipients the law expects.
    for heading in [
        "# 1. Khái quát chung",
        "# 2. Kết quả kiểm tra, xác minh",
        "# 3. Kết luận",
        "# 4. Các biện pháp xử lý theo thẩm quyền đã áp dụng",
        "# 5. Kiến nghị biện pháp xử lý",
    ] {
        assert!(body.contains(heading), "{heading}: {body}");
    }
    assert!(body.contains("Thực hiện Quyết định số ") && body.contains(" ngày ") && body.contains(" của "), "{body}");
    assert!(body.contains(&format!("Báo cáo kết quả thanh tra số {report_symbol}")), "{body}");
    let recipients: Vec<&str> = draft["recipients"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert_eq!(
        recipients,
        [
            "Công ty TNHH In Hồng Lam",
            "Chủ tịch UBND tỉnh (để b/c)",
            "Thanh tra Chính phủ (để b/c)",
            "Lưu: VT, hồ sơ thanh tra"
        ]
    );
    // A passage marked as a business secret stays in the signed text and out of the published one.
    let mut edited = draft.clone();
    let new_body = format!("{body}\n[BMKD] Doanh thu in năm 2025 của Công ty: 1.204.311.000 đồng.");
    let patch = json!({"doc_type": "conclusion", "title": edited["title"].take(), "summary": draft["summary"], "body": new_body, "signer_id": draft["signer_id"], "recipients": draft["recipients"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect::<Vec<_>>().join("\n"), "outlet_id": draft["outlet_id"]});
    ok(app, t, Method::PATCH, &format!("/api/v1/documents/{cid}"), Some(patch), StatusCode::OK).await;
    c.conclusion = cid;
}

/// The conclusion is appraised, then signed (once only), then sent by email.
async fn conclusion_is_appraised_signed_and_sent(c: &Chain) {
    let app = &c.app;
    let s = &c.s;
    let t = s.token.as_str();
    let id = c.id.clone();
    let cid = c.conclusion.clone();
    let inbox = &c.inbox;
    let (st, v) = app
        .api(Method::POST, &format!("/api/v1/engagements/{id}/steps"), t, Some(json!({"step": "sign_conclusion"})))
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "no signing before the appraisal (Art. 35): {v}");
    step(
        app,
        t,
        &id,
        json!({"step": "appraise", "reason": "Phòng Giám sát, kiểm tra và xử lý sau thanh tra: thống nhất dự thảo"}),
    )
    .await;
    let e = step(app, t, &id, json!({"step": "sign_conclusion"})).await;
    assert_eq!(e["state"], "concluded");
    let (st, _) = app
        .api(Method::POST, &format!("/api/v1/engagements/{id}/steps"), t, Some(json!({"step": "sign_conclusion"})))
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "issuing twice is refused");
    let kl_bytes = pdf_bytes(app, t, &cid).await;
    let kl = pdf_text(&kl_bytes);
    assert!(kl.contains("KẾT LUẬN THANH TRA") && kl.contains("1.204.311") && !kl.contains("[BMKD]"), "{kl}");

    // Sent to the business: the PDF arrives byte-identical.
    let m = ok(
        app,
        t,
        Method::POST,
        &format!("/api/v1/engagements/{id}/send"),
        Some(json!({"recipients": ["inhonglam@gmail.com"], "message": "Đề nghị Công ty thực hiện Kết luận."})),
        StatusCode::ACCEPTED,
    )
    .await;
    let mut got = false;
    for _ in 0..100 {
        if !inbox.lock().unwrap().messages.is_empty() {
            got = true;
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(got, "the SMTP server received the conclusion");
    let raw = inbox.lock().unwrap().messages[0].1.clone();
    let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
    let att = parsed.attachments().next().expect("the PDF is attached");
    assert!(att.contents() == kl_bytes.as_slice(), "attachment byte-identical to the issued conclusion");
    assert_eq!(format!("<{}>", parsed.message_id().unwrap()), m["message_id"].as_str().unwrap());
}

/// Publication: portal (moves to published), then a meeting; the public version withholds secrets.
async fn conclusion_is_published(c: &mut Chain) {
    let app = &c.app;
    let s = &c.s;
    let t = s.token.as_str();
    let id = c.id.clone();
    let (st, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/engagements/{id}/publications"),
            t,
            Some(json!({"channel": "billboard", "location": "x"})),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    let p = ok(
        app,
        t,
        Method::POST,
        &format!("/api/v1/engagements/{id}/publications"),
        Some(json!({"channel": "portal", "location": "https://thanhtra.hatinh.gov.vn/ket-luan"})),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(p["engagement"]["state"], "published");
    let sha = p["publication"]["public_sha256"].as_str().unwrap().to_string();
    let public = app.with_conn(|c| {
        use thanhtra::files::FileStore;
        thanhtra::files::DbFileStore.get(c, &sha).unwrap().unwrap()
    });
    let public_text = pdf_text(&public);
    assert!(!public_text.contains("1.204.311") && public_text.contains("bí mật kinh doanh"), "{public_text}");
    let pid = p["publication"]["id"].as_str().unwrap();
    let today = thanhtra::time::today_vn().to_string();
    let (st, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/engagements/{id}/publications/{pid}/removal"),
            t,
            Some(json!({"removed_on": today})),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "not before 15 consecutive days: {v}");
    // One "kept until" date, computed by the deadline engine, in every place it is shown: the API,
    // the refusal, the warning and the publication's line on the page.
    let d = detail(app, t, &id).await;
    let kept = d["publications"][0]["kept_until"].as_str().unwrap().to_string();
    let kept = chrono::NaiveDate::parse_from_str(&kept, "%Y-%m-%d").unwrap();
    assert!(kept >= thanhtra::time::today_vn() + chrono::Days::new(14), "the posting day is the first of 15: {kept}");
    let shown = kept.format("%d/%m/%Y").to_string();
    assert!(v.to_string().contains(&shown), "{v}");
    assert!(
        d["warnings"].as_array().unwrap().iter().any(|w| w.as_str().unwrap().contains(&shown)),
        "{}",
        d["warnings"]
    );
    ok(
        app,
        t,
        Method::POST,
        &format!("/api/v1/engagements/{id}/publications"),
        Some(json!({"channel": "meeting", "location": "Hội trường Thanh tra tỉnh"})),
        StatusCode::CREATED,
    )
    .await;
    c.publication = pid.to_string();
    c.public_pdf = public;
}

/// Follow-up: a reminder by email, then settle and archive.
async fn recommendations_are_followed_up_and_archived(c: &mut Chain) {
    let app = &c.app;
    let s = &c.s;
    let t = s.token.as_str();
    let id = c.id.clone();
    let e = step(app, t, &id, json!({"step": "start_follow_up"})).await;
    assert_eq!(e["state"], "follow_up");
    let d = detail(app, t, &id).await;
    // The management recommendation (the fine's was settled by its payment).
    let rec = d["recommendations"].as_array().unwrap().iter().find(|r| r["kind"] == "management").cloned().unwrap();
    let rid = rec["id"].as_str().unwrap().to_string();
    let (st, _) =
        app.api(Method::POST, &format!("/api/v1/engagements/{id}/steps"), t, Some(json!({"step": "archive"}))).await;
    assert_eq!(st, StatusCode::CONFLICT, "a recommendation is still open");
    let r = ok(
        app,
        t,
        Method::POST,
        &format!("/api/v1/engagements/{id}/recommendations/{rid}/remind"),
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(r["reminders"], 1);
    let (st, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/engagements/{id}/recommendations/{rid}/status"),
            t,
            Some(json!({"status": "closed"})),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "closing without doing it needs a reason");
    let (st, _) = upload(
        app,
        t,
        &format!("/api/v1/engagements/{id}/recommendations/{rid}/evidence"),
        b"%PDF-1.4\n% bao cao khac phuc\n".to_vec(),
        "bao-cao.pdf",
        &[],
    )
    .await;
    assert_eq!(st, StatusCode::OK);
    ok(
        app,
        t,
        Method::POST,
        &format!("/api/v1/engagements/{id}/recommendations/{rid}/status"),
        Some(json!({"status": "done"})),
        StatusCode::OK,
    )
    .await;
    // Archiving names the documents still in draft (the working minutes) and asks.
    let (st, v) =
        app.api(Method::POST, &format!("/api/v1/engagements/{id}/steps"), t, Some(json!({"step": "archive"}))).await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    assert_eq!(v["errors"][0]["code"], "drafts_at_archive", "{v}");
    assert!(v["errors"][0]["params"]["documents"].as_str().unwrap().starts_with("Biên bản"), "{v}");
    let minutes = detail(app, t, &id).await["engagement"]["minutes_id"].as_str().unwrap().to_string();
    let m = ok(app, t, Method::POST, &format!("/api/v1/documents/{minutes}/issue"), None, StatusCode::OK).await;
    assert!(m["symbol"].as_str().unwrap().contains("/BB-"), "the minutes are numbered: {m}");
    let e = step(app, t, &id, json!({"step": "archive"})).await;
    assert_eq!(e["state"], "archived");
    let d = detail(app, t, &id).await;
    assert!(
        d["deadlines"].as_array().unwrap().iter().all(|x| x["closed"] == true),
        "every deadline closed: {}",
        d["deadlines"]
    );
    c.recommendation = rid;
}

/// The evidence and the published version are served on the engagement's pages.
async fn evidence_and_public_copy_are_served(c: &Chain) {
    let app = &c.app;
    let id = c.id.clone();
    let rid = c.recommendation.clone();
    let pid = c.publication.as_str();
    let public = &c.public_pdf;
    app.login("truongdoan", crate::helpers::PASSWORD).await;
    let r = app.get(&format!("/inspections/{id}/recommendations/{rid}/evidence")).await;
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(r.bytes().await.unwrap().starts_with(b"%PDF-1.4\n% bao cao"));
    let r = app.get(&format!("/inspections/{id}/publications/{pid}/pdf")).await;
    assert_eq!(r.bytes().await.unwrap().as_ref(), public.as_slice());
    // The field page shows the visit in Vietnam time (as the API's +07:00 says), never UTC.
    let d = detail(app, &c.s.token, &id).await;
    let at = d["visits"][0]["visited_at"].as_str().unwrap().to_string();
    assert!(at.ends_with("+07:00"), "{at}");
    let vn = chrono::DateTime::parse_from_rfc3339(&at).unwrap().format("%d/%m/%Y %H:%M").to_string();
    let (_, field) = app.get_html(&format!("/inspections/{id}/field")).await;
    assert!(field.contains(&vn) && !field.contains(" UTC"), "{vn}");
    // The published version verifies as what it is: the published version of the conclusion, with
    // its own hash, not a mismatch with the signed original.
    let text = pdf_text(public).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Bản công khai — mã xác thực"), "{text}");
    let conclusion =
        app.with_conn(|conn| thanhtra::documents::queries::find(conn, &c.conclusion, &app.default_agency()).unwrap());
    let code = conclusion.verify_code.clone().unwrap();
    let visitor = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let html = visitor.get(app.url(&format!("/verify/{code}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains(&thanhtra::files::sha256_hex(public)), "the published version's hash is listed");
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", crate::helpers::csrf_in(&html))
        .part("file", reqwest::multipart::Part::bytes(public.clone()).file_name("kl-cong-khai.pdf"));
    let r = visitor.post(app.url(&format!("/verify/{code}"))).multipart(form).send().await.unwrap();
    let html = r.text().await.unwrap();
    let symbol = conclusion.symbol.clone().unwrap();
    assert!(html.contains("trùng khớp từng byte với bản công khai") && html.contains(&symbol), "{html}");
    assert!(!html.contains("KHÔNG trùng khớp"), "{html}");
}

/// Every step is in the audit trail, and the chain verifies.
async fn audit_trail_verifies_and_reminder_went_out(c: &Chain) {
    let app = &c.app;
    let id = c.id.clone();
    let inbox = &c.inbox;
    let n = app.with_conn(|c| thanhtra::audit::repo::entries_of(c, "engagement", &id, None).unwrap().len());
    assert!(n >= 10, "{n} entries");
    assert!(matches!(
        app.with_conn(|c| thanhtra::audit::repo::verify(c).unwrap()),
        thanhtra::audit::repo::VerifyOutcome::Ok { .. }
    ));
    // The reminder went out too.
    for _ in 0..50 {
        if inbox.lock().unwrap().messages.len() >= 2 {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(inbox.lock().unwrap().messages.iter().any(|(to, _)| to.iter().any(|a| a.contains("giamdoc@inhonglam.vn"))));
}

#[actix_web::test]
async fn bad_input_changes_nothing() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let t = s.token.as_str();
    // A team member who is not a user of the agency.
    let (st, v) = app.api(Method::POST, "/api/v1/engagements", t, Some(json!({"outlet_id": s.outlet, "kind": "kiem_tra", "reason": "Phản ánh của người dân", "scope": "Hoạt động in", "leader_id": s.leader, "member_ids": "khong-ton-tai", "signer_id": s.signer}))).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v.to_string().contains("member_ids"), "{v}");
    // Ad hoc without a reason.
    let (st, v) = app.api(Method::POST, "/api/v1/engagements", t, Some(json!({"outlet_id": s.outlet, "kind": "kiem_tra", "scope": "x", "leader_id": s.leader, "signer_id": s.signer}))).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    // A duration over the rule (NĐ 217/2025: ≤ 10 days for a department's check).
    let (st, v) = app.api(Method::POST, "/api/v1/engagements", t, Some(json!({"outlet_id": s.outlet, "kind": "kiem_tra", "reason": "Phản ánh", "scope": "x", "duration": "20", "leader_id": s.leader, "signer_id": s.signer}))).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let count = |app: &TestApp| {
        app.with_conn(|c| {
            use diesel::prelude::*;
            thanhtra::db::schema::engagements::table.count().get_result::<i64>(c).unwrap()
        })
    };
    assert_eq!(count(&app), 0, "nothing half-saved");
    // A check: no suspension, no publication.
    let (_, created) = app.api(Method::POST, "/api/v1/engagements", t, Some(json!({"outlet_id": s.outlet, "kind": "kiem_tra", "reason": "Phản ánh của người dân", "scope": "Hoạt động in", "leader_id": s.leader, "member_ids": s.inspector, "signer_id": s.signer}))).await;
    let id = created["engagement"]["id"].as_str().unwrap().to_string();
    assert_eq!(created["engagement"]["duration"], 10);
    for st in ["decide", "announce", "start_on_site"] {
        step(&app, t, &id, json!({"step": st})).await;
    }
    let (st, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/engagements/{id}/steps"),
            t,
            Some(json!({"step": "suspend", "reason": "Đề nghị của cơ sở"})),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "NĐ 217 has no suspension");
    let (st, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/engagements/{id}/steps"),
            t,
            Some(json!({"step": "extend", "days": "9", "reason": "x"})),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "extension over 5 days refused");
    let (st, _) =
        app.api(Method::POST, &format!("/api/v1/engagements/{id}/steps"), t, Some(json!({"step": "fly"}))).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    // An inspector may record but not sign.
    let inspector_token = app.token_for(&s.inspector);
    let (st, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/engagements/{id}/steps"),
            &inspector_token,
            Some(json!({"step": "cancel", "reason": "x"})),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let before = app.with_conn(|c| thanhtra::audit::repo::entries_of(c, "engagement", &id, None).unwrap().len());
    let (st, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/engagements/{id}/publications"),
            t,
            Some(json!({"channel": "portal", "location": "https://x"})),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "a check is not published");
    assert_eq!(before, app.with_conn(|c| thanhtra::audit::repo::entries_of(c, "engagement", &id, None).unwrap().len()));
}

#[actix_web::test]
async fn plans_warn_about_overlaps_and_keep_their_versions() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let t = s.token.as_str();
    let year = thanhtra::time::today_vn().format("%Y").to_string();
    // An outside body inspected the outlet three months ago.
    let three_months_ago = (thanhtra::time::today_vn() - chrono::Days::new(90)).to_string();
    ok(
        &app,
        t,
        Method::POST,
        &format!("/api/v1/outlets/{}/external-inspections", s.outlet),
        Some(json!({"body": "Cục Bưu điện Trung ương", "inspected_on": three_months_ago})),
        StatusCode::CREATED,
    )
    .await;
    // Another agency of the installation plans it too.
    let other = app.add_agency("SVHTTDL", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH");
    let (_, other_token) = UserBuilder::leader("sovh").agency(&other).build_with_token(&app);
    let op =
        ok(&app, &other_token, Method::POST, "/api/v1/plans", Some(json!({"year": year})), StatusCode::CREATED).await;
    ok(
        &app,
        &other_token,
        Method::POST,
        &format!("/api/v1/plans/{}/items", op["id"].as_str().unwrap()),
        Some(json!({"outlet_id": s.outlet, "kind": "kiem_tra", "scope": "Quảng cáo", "quarter": "4"})),
        StatusCode::CREATED,
    )
    .await;

    let plan = ok(&app, t, Method::POST, "/api/v1/plans", Some(json!({"year": year})), StatusCode::CREATED).await;
    let pid = plan["id"].as_str().unwrap().to_string();
    let (st, _) = app.api(Method::POST, "/api/v1/plans", t, Some(json!({"year": year}))).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "one plan per year; changes are amendments");
    let item = ok(
        &app,
        t,
        Method::POST,
        &format!("/api/v1/plans/{pid}/items"),
        Some(json!({"outlet_id": s.outlet, "kind": "thanh_tra", "scope": "Hoạt động in", "quarter": "4"})),
        StatusCode::CREATED,
    )
    .await;
    let w = item["warnings"].to_string();
    assert!(w.contains("Cục Bưu điện Trung ương") && w.contains("SỞ VĂN HÓA"), "{w}");
    let (st, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/plans/{pid}/items"),
            t,
            Some(json!({"outlet_id": s.outlet, "kind": "thanh_tra", "scope": "x", "quarter": "5"})),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    ok(
        &app,
        t,
        Method::POST,
        &format!("/api/v1/plans/{pid}/approve"),
        Some(json!({"signer_id": s.signer})),
        StatusCode::OK,
    )
    .await;
    let (st, _) = app.api(Method::POST, &format!("/api/v1/plans/{pid}/items"), t, Some(json!({"group_label": "Các cơ sở in xã Thạch Hà", "sector_code": "printing", "kind": "kiem_tra", "scope": "In", "month": "11"}))).await;
    assert_eq!(st, StatusCode::CONFLICT, "an approved plan is amended, not edited");
    let v2 = ok(
        &app,
        t,
        Method::POST,
        &format!("/api/v1/plans/{pid}/amend"),
        Some(json!({"reason": "Bổ sung kiểm tra cơ sở in theo chỉ đạo của UBND tỉnh"})),
        StatusCode::CREATED,
    )
    .await;
    let v2id = v2["id"].as_str().unwrap().to_string();
    assert_eq!(v2["version"], 2);
    ok(&app, t, Method::POST, &format!("/api/v1/plans/{v2id}/items"), Some(json!({"group_label": "Các cơ sở in xã Thạch Hà", "sector_code": "printing", "kind": "kiem_tra", "scope": "Hoạt động in", "month": "12"})), StatusCode::CREATED).await;
    let approved = ok(
        &app,
        t,
        Method::POST,
        &format!("/api/v1/plans/{v2id}/approve"),
        Some(json!({"signer_id": s.signer})),
        StatusCode::OK,
    )
    .await;
    let old = ok(&app, t, Method::GET, &format!("/api/v1/plans/{pid}"), None, StatusCode::OK).await;
    assert_eq!(old["plan"]["status"], "superseded");
    let new = ok(&app, t, Method::GET, &format!("/api/v1/plans/{v2id}"), None, StatusCode::OK).await;
    assert_eq!(new["items"].as_array().unwrap().len(), 2, "items carried over plus the new one");
    let kh = pdf_text(&pdf_bytes(&app, t, approved["document_id"].as_str().unwrap()).await);
    assert!(kh.contains("điều chỉnh lần 1") && kh.contains("Các cơ sở in xã Thạch Hà"), "{kh}");
    // A member with a recorded relation to the outlet is warned about.
    ok(
        &app,
        t,
        Method::POST,
        &format!("/api/v1/outlets/{}/relations", s.outlet),
        Some(json!({"user_id": s.inspector, "relation": "Vợ là kế toán trưởng của Công ty"})),
        StatusCode::CREATED,
    )
    .await;
    let item_id = new["items"][0]["id"].as_str().unwrap();
    let created = ok(
        &app,
        t,
        Method::POST,
        "/api/v1/engagements",
        Some(json!({"plan_item_id": item_id, "leader_id": s.leader, "member_ids": s.inspector, "signer_id": s.signer})),
        StatusCode::CREATED,
    )
    .await;
    assert!(created["warnings"].to_string().contains("Vợ là kế toán trưởng"), "{}", created["warnings"]);
}

/// Drives an engagement to on-site work through the API and returns its id.
pub async fn on_site(app: &TestApp, s: &Setup) -> String {
    EngagementBuilder::check(&s.outlet, &s.leader, &s.signer)
        .members(&s.inspector)
        .state(EngagementState::OnSite)
        .build(app, &s.token)
        .await
}

#[actix_web::test]
async fn the_pages_carry_the_work_from_the_dashboard_to_the_field() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let id = on_site(&app, &s).await;
    app.login("truongdoan", crate::helpers::PASSWORD).await;

    let (st, html) = app.get_html("/inspections?q=hong lam").await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        html.contains("Công ty TNHH In Hồng Lam") && html.contains("Trực tiếp tại cơ sở"),
        "search without diacritics"
    );
    assert!(html.contains("dl-on_track") || html.contains("dl-due_soon"), "the period's deadline is colour-coded");
    let (_, html) = app.get_html("/inspections?q=khong+co").await;
    assert!(!html.contains("Hồng Lam"));

    let (st, html) = app.get_html(&format!("/inspections/{id}")).await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("Kết thúc làm việc trực tiếp") && html.contains("Thời hạn kiểm tra"));

    // The field page: record items by form.
    let (st, html) = app.get_html(&format!("/inspections/{id}/field")).await;
    assert_eq!(st, StatusCode::OK);
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("section.finding").unwrap();
    let ids: Vec<String> =
        doc.select(&sel).map(|e| e.value().attr("id").unwrap().trim_start_matches("f-").to_string()).collect();
    assert!(ids.len() >= 2);
    let r = app
        .post_form(&format!("/inspections/{id}/findings/{}", ids[0]), &[("result", "compliant"), ("note", "")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app
        .post_form(&format!("/inspections/{id}/findings/{}", ids[1]), &[("result", "non_compliant"), ("note", "")])
        .await;
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("err="), "{to}");
    let (_, html) = app.get_html(&to).await;
    assert!(html.contains("Ghi rõ nội dung không đạt."), "the error is shown");
    let (_, html) = app.get_html(&format!("/inspections/{id}/field")).await;
    assert!(html.contains("<strong>1/"), "one item recorded");

    // A photo through the page's form (CSRF in the multipart body), then its thumbnail.
    let csrf = app.csrf().await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf.clone())
        .text("finding_id", ids[0].clone())
        .text("caption", "Biển hiệu")
        .part("file", reqwest::multipart::Part::bytes(phone_jpeg()).file_name("a.jpg"));
    let r = app.client.post(app.url(&format!("/inspections/{id}/photos"))).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(!r.headers()["location"].to_str().unwrap().contains("err="));
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf)
        .part("file", reqwest::multipart::Part::bytes(b"GIF89a not really".to_vec()).file_name("b.jpg"));
    let r = app.client.post(app.url(&format!("/inspections/{id}/photos"))).multipart(form).send().await.unwrap();
    assert!(r.headers()["location"].to_str().unwrap().contains("err="), "not a photo");
    let (_, html) = app.get_html(&format!("/inspections/{id}/field")).await;
    let doc = scraper::Html::parse_document(&html);
    let img = doc
        .select(&scraper::Selector::parse(".thumbs img").unwrap())
        .next()
        .expect("a thumbnail")
        .value()
        .attr("src")
        .unwrap()
        .to_string();
    let r = app.get(&img).await;
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    let thumb = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert_eq!(thumb.width(), 320);

    // A step through the page, then a step out of order is refused with a message.
    let r = app.post_form(&format!("/inspections/{id}/step"), &[("step", "end_on_site"), ("date", "")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_html(&format!("/inspections/{id}")).await;
    assert!(html.contains("Báo cáo kết quả"), "now reporting");
    let r = app.post_form(&format!("/inspections/{id}/step"), &[("step", "archive")]).await;
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("err="));
    let (_, html) = app.get_html(&to).await;
    assert!(html.contains("Bước này không thực hiện được khi cuộc đang ở bước"), "refusals are in Vietnamese");

    // The new-engagement form keeps what was typed and shows errors beside the fields.
    let r = app
        .post_form(
            "/inspections/new",
            &[("outlet_id", &s.outlet), ("kind", "kiem_tra"), ("scope", "Hoạt động in lậu"), ("reason", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains(">Hoạt động in lậu</textarea>") && html.contains("field-error"), "input kept, errors shown");

    // Plans page.
    let (st, html) = app.get_html("/inspections/plans").await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("Lập kế hoạch năm"));
    // A viewer reads but cannot act.
    app.create_user("xem", Role::Viewer, &app.default_agency());
    app.post_form("/logout", &[]).await;
    app.login("xem", crate::helpers::PASSWORD).await;
    let (_, html) = app.get_html(&format!("/inspections/{id}")).await;
    assert!(!html.contains("name=\"step\""));
    let r = app.post_form(&format!("/inspections/{id}/step"), &[("step", "submit_report")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn administrators_version_the_catalogue_and_engagements_keep_what_they_used() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let started = on_site(&app, &s).await;
    let before: Vec<String> = finding_codes(&app, &s.token, &started).await;
    app.login_as(Role::InstallationAdmin).await;
    // A new checklist version for printing.
    let r = app.post_form("/inspections/catalogue/checklists/printing", &[("name", "Kiểm tra cơ sở in (2027)"), ("items", "licence | Có giấy phép hoạt động in còn hiệu lực | NĐ 60/2014/NĐ-CP\nqr_register | Sổ quản lý ấn phẩm điện tử | NĐ 72/2022/NĐ-CP"), ("valid_from", "")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(!r.headers()["location"].to_str().unwrap().contains("err="));
    let r = app
        .post_form(
            "/inspections/catalogue/checklists/printing",
            &[("name", "x"), ("items", "no pipes here"), ("valid_from", "")],
        )
        .await;
    assert!(r.headers()["location"].to_str().unwrap().contains("err="), "a malformed line is refused");
    // A rule under the 2026 postal decree, typed in any order and cited smallest first.
    let decree_174 = app.with_conn(|c| {
        thanhtra::inspections::catalogue::decrees(c)
            .unwrap()
            .into_iter()
            .find(|d| d.number == "174/2026/NĐ-CP")
            .unwrap()
            .id
    });
    let r = app
        .post_form(
            "/inspections/catalogue/violations",
            &[
                ("code", "postal.prohibited_goods_2026"),
                ("sector_code", "postal"),
                ("decree_id", &decree_174),
                ("article", "Điều 9 khoản 4"),
                ("description", "Chấp nhận, vận chuyển vật phẩm, hàng hóa cấm gửi"),
                ("min_org", "20.000.000"),
                ("max_org", "40.000.000"),
                ("valid_from", "2026-07-01"),
                ("legal_source", "NĐ 174/2026/NĐ-CP"),
            ],
        )
        .await;
    assert!(!r.headers()["location"].to_str().unwrap().contains("err="), "{:?}", r.headers()["location"]);
    let r = app
        .post_form(
            "/inspections/catalogue/violations",
            &[
                ("code", "BAD CODE"),
                ("sector_code", "postal"),
                ("decree_id", &decree_174),
                ("article", "x"),
                ("description", "x"),
                ("min_org", "5"),
                ("max_org", "1"),
                ("valid_from", "2026-07-01"),
            ],
        )
        .await;
    assert!(r.headers()["location"].to_str().unwrap().contains("err="));
    let (_, html) = app.get_html("/inspections/catalogue").await;
    assert!(html.contains("NĐ 174/2026/NĐ-CP") && html.contains("20.000.000 – 40.000.000 đ") && html.contains("v2"));
    assert!(html.contains("khoản 4 Điều 9"), "cited clause first");
    let r = app
        .post_form(
            "/inspections/catalogue/violations",
            &[
                ("code", "postal.x"),
                ("sector_code", "postal"),
                ("decree_id", &decree_174),
                ("article", "khoản bốn"),
                ("description", "x"),
                ("min_org", "1"),
                ("max_org", "2"),
                ("valid_from", "2026-07-01"),
            ],
        )
        .await;
    assert!(r.headers()["location"].to_str().unwrap().contains("err="), "an article without a number is refused");
    // The engagement already on site keeps its version; a new one uses v2.
    let after: Vec<String> = finding_codes(&app, &s.token, &started).await;
    assert_eq!(before, after);
    let fresh = on_site(&app, &s).await;
    let codes = finding_codes(&app, &s.token, &fresh).await.join(" ");
    assert!(codes.contains("qr_register"), "{codes}");
    // The outlet page lists its engagements.
    let (_, html) = app.get_html(&format!("/outlets/{}", s.outlet)).await;
    assert!(html.contains(&format!("/inspections/{fresh}")) && html.contains("Hoạt động in"));
    // Inspectors use the catalogue but do not edit it.
    app.post_form("/logout", &[]).await;
    app.login("thanhtravien", crate::helpers::PASSWORD).await;
    let r = app.post_form("/inspections/catalogue/checklists/printing", &[("name", "x"), ("items", "a | b | c")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}
