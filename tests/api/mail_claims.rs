//! The delivery worker's claims: renewed while it sends, given back when it stops, so that neither
//! a slow server nor a restart delays or doubles a delivery.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::helpers::TestApp;
use crate::mail::{app_with_smtp, issued_document, smtp_server, statuses, wait_for, worker_settings};

async fn send_to(app: &TestApp, token: &str, document: &str, to: &[&str]) -> String {
    let (_, m) = app
        .api(Method::POST, &format!("/api/v1/documents/{document}/send"), token, Some(json!({ "recipients": to })))
        .await;
    m["id"].as_str().unwrap().to_string()
}

#[actix_web::test]
async fn a_worker_that_stops_gives_back_what_it_did_not_send() {
    let (port, inbox) = smtp_server();
    inbox.lock().unwrap().delay_ms = 300;
    let app = app_with_smtp(port, false).await;
    let (token, id) = issued_document(&app).await;
    let to = ["a@ghtk.vn", "b@ghtk.vn", "c@ghtk.vn", "d@ghtk.vn", "e@ghtk.vn", "f@ghtk.vn"];
    let mid = send_to(&app, &token, &id, &to).await;

    // The worker claims all six with a five-minute claim, then is stopped after its first delivery.
    let stop = Arc::new(AtomicBool::new(false));
    let files: Arc<dyn thanhtra::files::FileStore> = Arc::new(thanhtra::files::DbFileStore);
    let worker =
        thanhtra::mail::worker::spawn(app.db.clone(), files, worker_settings(port, 300), stop.clone()).unwrap();
    assert!(wait_for(|| !inbox.lock().unwrap().messages.is_empty()).await);
    stop.store(true, Ordering::Relaxed);
    assert!(worker.join(Duration::from_secs(10)), "the worker stops");

    let after = statuses(&app, &token, &mid).await;
    let sent = after.iter().filter(|r| r.1 == "accepted").count();
    assert!((1..6).contains(&sent), "{after:?}");
    assert!(
        after.iter().all(|r| r.1 == "accepted" || (r.1 == "queued" && r.2 == 0)),
        "given back, not counted: {after:?}"
    );

    // Another worker delivers the rest at once, not five minutes later, and nothing twice.
    let s = worker_settings(port, 300);
    let mailer = thanhtra::mail::transport::Mailer::from_settings(&s).unwrap();
    let n = thanhtra::mail::worker::run_once(&app.db, &thanhtra::files::DbFileStore, &mailer, &s, 20).unwrap();
    assert_eq!(n, 6 - sent);
    assert!(statuses(&app, &token, &mid).await.iter().all(|r| r.1 == "accepted" && r.2 == 1));
    let mut got: Vec<String> = inbox.lock().unwrap().messages.iter().flat_map(|(to, _)| to.clone()).collect();
    got.sort();
    assert_eq!(got, to.map(String::from).to_vec());
}

#[actix_web::test]
async fn a_claim_is_renewed_while_its_worker_is_busy_sending() {
    let (port, inbox) = smtp_server();
    inbox.lock().unwrap().delay_ms = 1500;
    let app = app_with_smtp(port, false).await;
    let (token, id) = issued_document(&app).await;
    let mid = send_to(&app, &token, &id, &["a@ghtk.vn", "b@ghtk.vn"]).await;

    // One-second claims; each delivery takes a second and a half.
    let stop = Arc::new(AtomicBool::new(false));
    let files: Arc<dyn thanhtra::files::FileStore> = Arc::new(thanhtra::files::DbFileStore);
    let worker = thanhtra::mail::worker::spawn(app.db.clone(), files, worker_settings(port, 1), stop.clone()).unwrap();
    actix_web::rt::time::sleep(Duration::from_millis(1300)).await;
    // The second delivery waits behind the first, its claim older than a second: still held.
    let s = worker_settings(port, 1);
    let mailer = thanhtra::mail::transport::Mailer::from_settings(&s).unwrap();
    let stolen = thanhtra::mail::worker::run_once(&app.db, &thanhtra::files::DbFileStore, &mailer, &s, 20).unwrap();
    assert_eq!(stolen, 0, "a live worker's claims are not taken over");
    assert!(wait_for(|| inbox.lock().unwrap().messages.len() == 2).await);
    stop.store(true, Ordering::Relaxed);
    assert!(worker.join(Duration::from_secs(10)));
    assert!(statuses(&app, &token, &mid).await.iter().all(|r| r.1 == "accepted" && r.2 == 1));
    assert_eq!(inbox.lock().unwrap().messages.len(), 2, "each sent once");
}
