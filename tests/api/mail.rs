//! Mail through a real SMTP server on 127.0.0.1 (mailin-embedded), started by each test.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailin_embedded::response::{self, Response};
use mailin_embedded::{Handler, Server};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::builders::{OutletBuilder, UserBuilder, agency_with_signer, issued_document_with};
use crate::helpers::{TestApp, spawn_app_with};

#[derive(Default)]
pub struct Inbox {
    pub messages: Vec<(Vec<String>, Vec<u8>)>,
    /// Answer 451 (greylisting) to this many RCPT commands.
    pub refuse_next: u32,
    /// Answer 550 to these recipients.
    pub reject: Vec<String>,
    /// Take this long to accept each message.
    pub delay_ms: u64,
}

#[derive(Clone)]
struct Sink {
    inbox: Arc<Mutex<Inbox>>,
    to: Vec<String>,
    buf: Vec<u8>,
}

impl Handler for Sink {
    fn rcpt(&mut self, to: &str) -> Response {
        let mut inbox = self.inbox.lock().unwrap();
        if inbox.refuse_next > 0 {
            inbox.refuse_next -= 1;
            return Response::custom(451, "Greylisted, try again later".into());
        }
        if inbox.reject.iter().any(|r| r == to) { response::NO_MAILBOX } else { response::OK }
    }
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.buf.clear();
        response::START_DATA
    }
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.buf.extend_from_slice(buf);
        Ok(())
    }
    fn data_end(&mut self) -> Response {
        let delay = self.inbox.lock().unwrap().delay_ms;
        std::thread::sleep(Duration::from_millis(delay));
        let mut inbox = self.inbox.lock().unwrap();
        inbox.messages.push((self.to.clone(), std::mem::take(&mut self.buf)));
        response::OK
    }
}

/// Starts an SMTP server on a random local port.
pub fn smtp_server() -> (u16, Arc<Mutex<Inbox>>) {
    let inbox = Arc::new(Mutex::new(Inbox::default()));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut server = Server::new(Sink { inbox: inbox.clone(), to: vec![], buf: vec![] });
    server.with_name("test.smtp.local").with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    (port, inbox)
}

/// Settings for a worker run by the test itself against the SMTP server on `port`.
pub fn worker_settings(port: u16, lock_seconds: u32) -> thanhtra::config::Settings {
    thanhtra::config::Settings {
        smtp: Some(thanhtra::config::SmtpSettings {
            host: "127.0.0.1".into(),
            port: Some(port),
            security: "none".into(),
            username: None,
            password: None,
        }),
        mail_lock_seconds: lock_seconds,
        mail_retry_base_seconds: 0,
        ..thanhtra::config::Settings::default()
    }
}

pub async fn app_with_smtp(port: u16, worker: bool) -> TestApp {
    spawn_app_with(move |s| {
        s.smtp = Some(thanhtra::config::SmtpSettings {
            host: "127.0.0.1".into(),
            port: Some(port),
            security: "none".into(),
            username: None,
            password: None,
        });
        s.mail_from = "Thanh tra tỉnh Hà Tĩnh <thanhtra@hatinh.gov.vn>".into();
        s.mail_retry_base_seconds = 0;
        s.mail_lock_seconds = 1;
        s.mail_worker = worker;
    })
    .await
}

/// An issued conclusion about an outlet with a notice address; returns (token, document id).
pub async fn issued_document(app: &TestApp) -> (String, String) {
    let signer = agency_with_signer(app);
    let (_, token) = UserBuilder::leader("lanhdao").build_with_token(app);
    let outlet = OutletBuilder::postal(4242).build(app, &token).await;
    let d = issued_document_with(app, &token, &signer, json!({"doc_type": "conclusion", "title": "KẾT LUẬN THANH TRA", "summary": "Về việc chấp hành pháp luật về bưu chính", "body": "Công ty chấp hành tốt.", "recipients": "Công ty GHTK;\nLưu: VT.", "outlet_id": outlet})).await;
    (token, d["id"].as_str().unwrap().to_string())
}

pub async fn wait_for<F: Fn() -> bool>(f: F) -> bool {
    for _ in 0..100 {
        if f() {
            return true;
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

pub async fn statuses(app: &TestApp, token: &str, message: &str) -> Vec<(String, String, i64)> {
    let (_, v) = app.api(Method::GET, &format!("/api/v1/messages/{message}"), token, None).await;
    v["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["address"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
                r["attempts"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[actix_web::test]
async fn an_issued_document_reaches_the_business_with_its_pdf() {
    let (port, inbox) = smtp_server();
    let app = app_with_smtp(port, true).await;
    let (token, id) = issued_document(&app).await;
    let (s, m) = app.api(Method::POST, &format!("/api/v1/documents/{id}/send"), &token, Some(json!({"recipients": ["hatinh@ghtk.vn", "phaply@ghtk.vn"], "message": "Đề nghị Công ty thực hiện kiến nghị."}))).await;
    assert_eq!(s, StatusCode::ACCEPTED, "{m}");
    let mid = m["id"].as_str().unwrap().to_string();
    assert!(wait_for(|| inbox.lock().unwrap().messages.len() == 2).await, "both recipients receive it");
    let pdf = crate::helpers::pdf_bytes(&app, &token, &id).await;
    let raw = inbox.lock().unwrap().messages[0].1.clone();
    let parsed = mail_parser::MessageParser::default().parse(&raw).unwrap();
    assert_eq!(parsed.subject(), Some("THANH TRA TỈNH: Kết luận số 01/KL-TTr"));
    let text = parsed.body_text(0).unwrap();
    assert!(
        text.contains("Đề nghị Công ty thực hiện kiến nghị.")
            && text.contains("về việc: chấp hành pháp luật về bưu chính")
            && text.contains("/verify/"),
        "{text}"
    );
    assert!(parsed.body_html(0).unwrap().contains("<strong>01/KL-TTr</strong>"));
    let att = parsed.attachments().next().expect("an attachment");
    use chrono::Datelike;
    use mail_parser::MimeHeaders;
    assert_eq!(
        att.attachment_name(),
        Some(format!("KL-01-{}.pdf", thanhtra::time::today_vn().year()).as_str()),
        "an ASCII file name"
    );
    assert!(att.contents() == pdf.as_slice(), "the attachment is byte-identical to the issued PDF");
    assert_eq!(format!("<{}>", parsed.message_id().unwrap()), m["message_id"].as_str().unwrap());
    let mut done = false;
    for _ in 0..50 {
        let st = statuses(&app, &token, &mid).await;
        if st.iter().all(|(_, s, _)| s == "accepted") {
            done = true;
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(done, "both deliveries recorded as accepted");
    let (_, v) = app.api(Method::GET, &format!("/api/v1/messages/{mid}"), &token, None).await;
    assert!(v["recipients"][0]["reply"].as_str().unwrap().starts_with("250"), "{v}");
    // The document page shows the delivery status.
    app.login("lanhdao", crate::helpers::PASSWORD).await;
    let (_, html) = app.get_html(&format!("/documents/{id}")).await;
    assert!(html.contains("Máy chủ đã nhận") && html.contains("phaply@ghtk.vn"));
    // And so does the outlet's page.
    let (_, d) = app.api(Method::GET, &format!("/api/v1/documents/{id}"), &token, None).await;
    let (_, html) = app.get_html(&format!("/outlets/{}", d["outlet_id"].as_str().unwrap())).await;
    assert!(html.contains("01/KL-TTr") && html.contains("Máy chủ đã nhận") && html.contains("hatinh@ghtk.vn"));
}

#[actix_web::test]
async fn a_server_that_refuses_then_accepts_gets_the_message_once() {
    let (port, inbox) = smtp_server();
    inbox.lock().unwrap().refuse_next = 2;
    let app = app_with_smtp(port, true).await;
    let (token, id) = issued_document(&app).await;
    let (_, m) = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{id}/send"),
            &token,
            Some(json!({"recipients": ["hatinh@ghtk.vn"]})),
        )
        .await;
    let mid = m["id"].as_str().unwrap().to_string();
    let ok = wait_for(|| inbox.lock().unwrap().messages.len() == 1).await;
    let (_, v) = app.api(Method::GET, &format!("/api/v1/messages/{mid}"), &token, None).await;
    assert!(ok, "{v}");
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(inbox.lock().unwrap().messages.len(), 1, "delivered once");
    let st = statuses(&app, &token, &mid).await;
    assert_eq!(st, vec![("hatinh@ghtk.vn".to_string(), "accepted".to_string(), 3)]);
}

#[actix_web::test]
async fn a_permanent_refusal_is_shown_and_can_be_resent() {
    let (port, inbox) = smtp_server();
    inbox.lock().unwrap().reject = vec!["sai@ghtk.vn".into()];
    let app = app_with_smtp(port, true).await;
    let (token, id) = issued_document(&app).await;
    let (_, m) = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{id}/send"),
            &token,
            Some(json!({"recipients": ["sai@ghtk.vn", "hatinh@ghtk.vn"]})),
        )
        .await;
    let mid = m["id"].as_str().unwrap().to_string();
    let mut st = vec![];
    for _ in 0..50 {
        st = statuses(&app, &token, &mid).await;
        if st.iter().all(|(_, s, _)| s == "accepted" || s == "perm_failed") {
            break;
        }
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        st,
        vec![("hatinh@ghtk.vn".into(), "accepted".into(), 1), ("sai@ghtk.vn".into(), "perm_failed".into(), 1)]
    );
    app.login("lanhdao", crate::helpers::PASSWORD).await;
    let (_, home) = app.get_html("/").await;
    assert!(home.contains("Thư gửi không thành công") && home.contains("sai@ghtk.vn"), "the sender's dashboard warns");
    // Resend after the address is fixed on the server side.
    inbox.lock().unwrap().reject.clear();
    let (_, html) = app.get_html(&format!("/documents/{id}")).await;
    let rid = html.split("/deliveries/").nth(1).unwrap().split('/').next().unwrap().to_string();
    let r = app.post_form(&format!("/deliveries/{rid}/resend"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        wait_for(|| inbox.lock().unwrap().messages.iter().any(|(to, _)| to.contains(&"sai@ghtk.vn".to_string()))).await
    );
}

#[actix_web::test]
async fn bad_send_requests_are_refused_and_nothing_is_queued() {
    let (port, _inbox) = smtp_server();
    let app = app_with_smtp(port, false).await;
    let (token, id) = issued_document(&app).await;
    for body in [
        json!({"recipients": []}),
        json!({"recipients": ["not-an-address"]}),
        json!({"recipients": ["a@b.vn"], "colour": 1}),
    ] {
        let (s, _) = app.api(Method::POST, &format!("/api/v1/documents/{id}/send"), &token, Some(body.clone())).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
    // A draft cannot be sent.
    let signer = agency_with_signer(&app);
    let (_, d) = app
        .api(
            Method::POST,
            "/api/v1/documents",
            &token,
            Some(
                json!({"doc_type": "notice", "summary": "Nháp", "body": "x", "signer_id": signer, "recipients": "Lưu"}),
            ),
        )
        .await;
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{}/send", d["id"].as_str().unwrap()),
            &token,
            Some(json!({"recipients": ["a@b.vn"]})),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let queued: i64 = app.with_conn(|c| {
        use diesel::prelude::*;
        thanhtra::db::schema::outbox_recipients::table.count().get_result(c).unwrap()
    });
    assert_eq!(queued, 0);
}

#[actix_web::test]
async fn a_worker_killed_mid_send_loses_nothing_and_sends_at_most_once_more() {
    let (port, inbox) = smtp_server();
    let app = app_with_smtp(port, false).await;
    let (token, id) = issued_document(&app).await;
    let (_, m) = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{id}/send"),
            &token,
            Some(json!({"recipients": ["hatinh@ghtk.vn"]})),
        )
        .await;
    let mid = m["id"].as_str().unwrap().to_string();
    let settings = worker_settings(port, 1);
    let mailer = thanhtra::mail::transport::Mailer::from_settings(&settings).unwrap();
    let files = thanhtra::files::DbFileStore;

    // Worker 1 claims the delivery and dies before sending anything.
    let claimed = app.with_conn(|c| thanhtra::mail::outbox::claim(c, 10, 1, "worker-that-dies").unwrap());
    assert_eq!(claimed.len(), 1);
    drop(claimed);
    // While its claim holds, nobody else takes it.
    assert_eq!(thanhtra::mail::worker::run_once(&app.db, &files, &mailer, &settings, 10).unwrap(), 0);
    std::thread::sleep(Duration::from_millis(1100));
    // After the claim expires another worker delivers it.
    assert_eq!(thanhtra::mail::worker::run_once(&app.db, &files, &mailer, &settings, 10).unwrap(), 1);
    assert_eq!(inbox.lock().unwrap().messages.len(), 1);
    assert_eq!(statuses(&app, &token, &mid).await[0].1, "accepted");

    // Worse: a worker dies after the server accepted but before recording it. The message goes out
    // once more, never more than that.
    let (_, m2) = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{id}/send"),
            &token,
            Some(json!({"recipients": ["ketoan@ghtk.vn"]})),
        )
        .await;
    let claimed = app.with_conn(|c| thanhtra::mail::outbox::claim(c, 10, 1, "worker-that-dies").unwrap());
    let (r, msg) = &claimed[0];
    let built = app.with_conn(|c| thanhtra::mail::worker::build(c, &files, msg, &r.address).unwrap());
    assert!(matches!(mailer.send(&built), thanhtra::mail::outbox::Outcome::Accepted(_)));
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(thanhtra::mail::worker::run_once(&app.db, &files, &mailer, &settings, 10).unwrap(), 1);
    assert_eq!(thanhtra::mail::worker::run_once(&app.db, &files, &mailer, &settings, 10).unwrap(), 0);
    let to_ketoan =
        inbox.lock().unwrap().messages.iter().filter(|(to, _)| to.contains(&"ketoan@ghtk.vn".to_string())).count();
    assert_eq!(to_ketoan, 2, "sent at most once more");
    assert_eq!(statuses(&app, &token, m2["id"].as_str().unwrap()).await[0].1, "accepted");
}

#[actix_web::test]
async fn without_smtp_messages_become_eml_files() {
    let app = spawn_app_with(|s| {
        s.mail_retry_base_seconds = 0;
    })
    .await;
    let (token, id) = issued_document(&app).await;
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{id}/send"),
            &token,
            Some(json!({"recipients": ["hatinh@ghtk.vn"]})),
        )
        .await;
    assert_eq!(s, StatusCode::ACCEPTED);
    let dir = app.dir.path().join("data").join("mail");
    assert!(wait_for(|| std::fs::read_dir(&dir).map(|d| d.count() == 1).unwrap_or(false)).await);
    let file = std::fs::read_dir(&dir).unwrap().next().unwrap().unwrap().path();
    let parsed_bytes = std::fs::read(&file).unwrap();
    let parsed = mail_parser::MessageParser::default().parse(&parsed_bytes).unwrap();
    assert_eq!(parsed.subject(), Some("THANH TRA TỈNH: Kết luận số 01/KL-TTr"));
}

#[actix_web::test]
async fn bounces_are_matched_back_to_their_delivery() {
    let (port, inbox) = smtp_server();
    let app = app_with_smtp(port, true).await;
    let (token, id) = issued_document(&app).await;
    let (_, m) = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{id}/send"),
            &token,
            Some(json!({"recipients": ["khongton@ghtk.vn", "hatinh@ghtk.vn"]})),
        )
        .await;
    let mid = m["id"].as_str().unwrap().to_string();
    let message_id = m["message_id"].as_str().unwrap().to_string();
    assert!(wait_for(|| inbox.lock().unwrap().messages.len() == 2).await);
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    // The recipient's server later returns a delivery status notification.
    let dir = app.dir.path().join("bounces");
    std::fs::create_dir_all(&dir).unwrap();
    // Each real notification shape (Postfix, Exim, base64 and quoted-printable report parts) is
    // matched; a delay warning changes nothing.
    for (i, name) in [
        "postfix-delayed.eml",
        "postfix-user-unknown.eml",
        "exim-mailbox-disabled.eml",
        "base64-report.eml",
        "quoted-printable-report.eml",
    ]
    .iter()
    .enumerate()
    {
        let sample =
            std::fs::read_to_string(format!("{}/tests/data/bounces/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        std::fs::write(dir.join(format!("1-{i}.eml")), sample.replace("MESSAGE-ID-HERE", &message_id)).unwrap();
    }
    std::fs::write(dir.join("2.eml"), "Subject: spam\r\n\r\nnothing to do with us").unwrap();
    assert_eq!(thanhtra::mail::bounces::scan(&app.db, &dir).unwrap(), 4);
    let (_, v) = app.api(Method::GET, &format!("/api/v1/messages/{mid}"), &token, None).await;
    let bounced =
        v["recipients"].as_array().unwrap().iter().find(|r| r["address"] == "khongton@ghtk.vn").unwrap().clone();
    assert_eq!(bounced["status"], "perm_failed");
    // The last one read wins; every file is read in directory order, so check for any of them.
    let error = bounced["error"].as_str().unwrap();
    assert!(["5.1.1", "5.0.0", "5.1.10", "5.7.1"].iter().any(|s| error.contains(s)), "{bounced}");
    let other = v["recipients"].as_array().unwrap().iter().find(|r| r["address"] == "hatinh@ghtk.vn").unwrap().clone();
    assert_eq!(other["status"], "accepted");
    assert!(dir.join("processed").join("1-1.eml").exists() && dir.join("processed").join("1-4.eml").exists());
    assert!(dir.join("unmatched").join("1-0.eml").exists() && dir.join("unmatched").join("2.eml").exists());
}
