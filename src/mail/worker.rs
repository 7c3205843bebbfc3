//! The delivery worker: claims due deliveries, builds each message (text + HTML, attachments read
//! from the file store), sends it, and records the outcome. Runs on its own thread in every instance.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};

use super::outbox::{self, MessageRow, Outcome, RecipientRow};
use super::transport::Mailer;
use crate::config::Settings;
use crate::db::Db;
use crate::error::AppError;
use crate::files::FileStore;

pub fn build(
    conn: &mut crate::db::DbConnection,
    files: &dyn FileStore,
    m: &MessageRow,
    to: &str,
) -> Result<Message, String> {
    let from: Mailbox = m.from_addr.parse().map_err(|e| format!("from: {e}"))?;
    let to: Mailbox = to.parse().map_err(|e| format!("to: {e}"))?;
    let mut mixed =
        MultiPart::mixed().multipart(MultiPart::alternative_plain_html(m.body_text.clone(), m.body_html.clone()));
    for a in m.attachment_refs() {
        let bytes =
            files.get(conn, &a.sha256).map_err(|e| format!("attachment: {e:?}"))?.ok_or("attachment missing")?;
        let ct = ContentType::parse(&a.content_type)
            .unwrap_or(ContentType::parse("application/octet-stream").map_err(|e| e.to_string())?);
        mixed = mixed.singlepart(Attachment::new(a.file_name.clone()).body(bytes, ct));
    }
    Message::builder()
        .from(from)
        .to(to)
        .subject(m.subject.clone())
        .message_id(Some(m.message_id.clone()))
        .multipart(mixed)
        .map_err(|e| e.to_string())
}

/// One pass: claims and sends up to `batch` deliveries; returns how many were attempted.
pub fn run_once(db: &Db, files: &dyn FileStore, mailer: &Mailer, s: &Settings, batch: i64) -> Result<usize, AppError> {
    let mut conn = db.get()?;
    let claimed: Vec<(RecipientRow, MessageRow)> = outbox::claim(&mut conn, batch, s.mail_lock_seconds)?;
    let n = claimed.len();
    for (r, m) in claimed {
        let outcome = match build(&mut conn, files, &m, &r.address) {
            Ok(msg) => mailer.send(&msg),
            Err(e) => Outcome::Permanent(e),
        };
        match &outcome {
            Outcome::Accepted(_) => {
                tracing::info!(mail.id = %m.id, to = %crate::domain::email::mask_email(&r.address), "mail accepted")
            }
            Outcome::Temporary(e) => {
                tracing::warn!(mail.id = %m.id, to = %crate::domain::email::mask_email(&r.address), error = %e, "mail deferred")
            }
            Outcome::Permanent(e) => {
                tracing::warn!(mail.id = %m.id, to = %crate::domain::email::mask_email(&r.address), error = %e, "mail failed")
            }
        }
        outbox::record(&mut conn, &r, outcome, s.mail_retry_base_seconds, s.mail_max_attempts)?;
    }
    Ok(n)
}

/// Starts the worker thread; it stops when `stop` is set.
pub fn spawn(
    db: Db,
    files: Arc<dyn FileStore>,
    settings: Settings,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<std::thread::JoinHandle<()>> {
    let mailer = Mailer::from_settings(&settings)?;
    Ok(std::thread::Builder::new().name("mail-worker".into()).spawn(move || {
        let mut pass: u64 = 0;
        while !stop.load(Ordering::Relaxed) {
            pass += 1;
            if let Some(dir) = &settings.bounce_dir
                && pass % 20 == 1
                && let Err(e) = super::bounces::scan(&db, dir)
            {
                tracing::error!(error = ?e, "bounce scan failed");
            }
            match run_once(&db, files.as_ref(), &mailer, &settings, 20) {
                Ok(0) => std::thread::sleep(Duration::from_millis(500)),
                Ok(_) => {}
                Err(e) => {
                    tracing::error!(error = ?e, "mail worker pass failed");
                    std::thread::sleep(Duration::from_secs(2));
                }
            }
        }
    })?)
}
