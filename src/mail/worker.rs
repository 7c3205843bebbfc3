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

/// One pass by a claimant of its own: claims and sends up to `batch` deliveries; returns how many
/// were attempted.
pub fn run_once(db: &Db, files: &dyn FileStore, mailer: &Mailer, s: &Settings, batch: i64) -> Result<usize, AppError> {
    let claimant = uuid::Uuid::now_v7().to_string();
    run_pass(db, files, mailer, s, batch, &claimant, &AtomicBool::new(false))
}

/// One pass for `claimant`: claims up to `batch` deliveries and sends them one by one until
/// `stop` is set; what it claimed and did not attempt stays claimed for the caller to release.
pub fn run_pass(
    db: &Db,
    files: &dyn FileStore,
    mailer: &Mailer,
    s: &Settings,
    batch: i64,
    claimant: &str,
    stop: &AtomicBool,
) -> Result<usize, AppError> {
    let mut conn = db.get()?;
    let claimed: Vec<(RecipientRow, MessageRow)> = outbox::claim(&mut conn, batch, s.mail_lock_seconds, claimant)?;
    let mut attempted = 0;
    for (r, m) in claimed {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        attempted += 1;
        let outcome = match build(&mut conn, files, &m, &r.address) {
            Ok(msg) => mailer.send(&msg),
            Err(e) => Outcome::Permanent(e),
        };
        let to = crate::domain::email::mask_email(&r.address);
        match &outcome {
            Outcome::Accepted(_) => tracing::info!(mail.id = %m.id, to = %to, "mail accepted"),
            Outcome::Temporary(e) => tracing::warn!(mail.id = %m.id, to = %to, error = %e, "mail deferred"),
            Outcome::Permanent(e) => tracing::warn!(mail.id = %m.id, to = %to, error = %e, "mail failed"),
        }
        outbox::record(&mut conn, &r, outcome, s.mail_retry_base_seconds, s.mail_max_attempts)?;
    }
    Ok(attempted)
}

/// The delivery worker of this instance: its thread, and a heartbeat thread renewing its claims
/// every third of `mail_lock_seconds`, so that a crash delays a claimed delivery by seconds.
pub struct WorkerHandle {
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl WorkerHandle {
    /// Another background thread stopped by the same flag and joined with these.
    pub fn with(mut self, thread: std::thread::JoinHandle<()>) -> WorkerHandle {
        self.threads.push(thread);
        self
    }

    /// Waits (at most `limit`) for the threads to finish after `stop` was set.
    pub fn join(self, limit: Duration) -> bool {
        let deadline = std::time::Instant::now() + limit;
        while std::time::Instant::now() < deadline {
            if self.threads.iter().all(|t| t.is_finished()) {
                for t in self.threads {
                    let _ = t.join();
                }
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

/// Starts the worker; it stops when `stop` is set, giving back what it claimed and did not send.
pub fn spawn(
    db: Db,
    files: Arc<dyn FileStore>,
    settings: Settings,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<WorkerHandle> {
    let mailer = Mailer::from_settings(&settings)?;
    let claimant = uuid::Uuid::now_v7().to_string();
    let beat = {
        let (db, stop, claimant) = (db.clone(), stop.clone(), claimant.clone());
        let lock = settings.mail_lock_seconds;
        let every = Duration::from_millis(u64::from(lock) * 1000 / 3).max(Duration::from_millis(100));
        std::thread::Builder::new().name("mail-heartbeat".into()).spawn(move || {
            let mut last = std::time::Instant::now();
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(50).min(every));
                if last.elapsed() < every {
                    continue;
                }
                last = std::time::Instant::now();
                if let Err(e) = db.get().and_then(|mut c| outbox::renew(&mut c, &claimant, lock)) {
                    tracing::warn!(error = ?e, "mail claims not renewed");
                }
            }
        })?
    };
    let work = std::thread::Builder::new().name("mail-worker".into()).spawn(move || {
        let mut pass: u64 = 0;
        while !stop.load(Ordering::Relaxed) {
            pass += 1;
            if let Some(dir) = &settings.bounce_dir
                && pass % 20 == 1
                && let Err(e) = super::bounces::scan(&db, dir)
            {
                tracing::error!(error = ?e, "bounce scan failed");
            }
            // Nothing is in flight between passes: a claim still held is one a failed pass left
            // (the database went away while it recorded); give it back rather than renew it forever.
            if let Err(e) = db.get().and_then(|mut c| outbox::release(&mut c, &claimant)) {
                tracing::debug!(error = ?e, "mail claims not released");
            }
            match run_pass(&db, files.as_ref(), &mailer, &settings, 20, &claimant, &stop) {
                Ok(0) => sleep_unless(&stop, Duration::from_millis(500)),
                Ok(_) => {}
                Err(e) => {
                    tracing::error!(error = ?e, "mail worker pass failed");
                    sleep_unless(&stop, Duration::from_secs(2));
                }
            }
        }
        match db.get().and_then(|mut c| outbox::release(&mut c, &claimant)) {
            Ok(0) => {}
            Ok(released) => tracing::info!(released, "mail worker stopped: unsent claims given back"),
            Err(e) => tracing::warn!(error = ?e, "mail claims not released"),
        }
    })?;
    Ok(WorkerHandle { threads: vec![beat, work] })
}

fn sleep_unless(stop: &AtomicBool, total: Duration) {
    let until = std::time::Instant::now() + total;
    while !stop.load(Ordering::Relaxed) && std::time::Instant::now() < until {
        std::thread::sleep(Duration::from_millis(50));
    }
}
