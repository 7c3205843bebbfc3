//! Bounces: when `bounce_dir` is configured (a folder the bounce mailbox is delivered into, e.g. by
//! the mail server or fetchmail, one message per file), each delivery status notification is read as
//! MIME (`dsn`) and matched back to its message by our Message-ID and to each failed recipient by
//! `Final-Recipient`; those deliveries are marked failed with the reported status. Delay warnings
//! change nothing. Handled files move to `processed/`, the others to
//! `unmatched/`.

use std::path::Path;

use diesel::prelude::*;

use super::dsn;
use crate::db::schema::{outbox_messages, outbox_recipients};
use crate::db::{Db, DbConnection, write_tx};
use crate::error::AppError;

/// Matches one notification (read as MIME by [`dsn::read`]); returns the deliveries it marked
/// failed. A delay warning marks nothing.
pub fn apply(conn: &mut DbConnection, raw: &[u8]) -> Result<Vec<String>, AppError> {
    let Some(report) = dsn::read(raw) else { return Ok(Vec::new()) };
    if report.failures.is_empty() {
        return Ok(Vec::new());
    }
    for mid in &report.message_ids {
        let found: Option<String> = outbox_messages::table
            .filter(outbox_messages::message_id.eq(mid))
            .select(outbox_messages::id)
            .first(conn)
            .optional()?;
        let Some(message) = found else { continue };
        let rows: Vec<(String, String)> = outbox_recipients::table
            .filter(outbox_recipients::message_id.eq(&message))
            .select((outbox_recipients::id, outbox_recipients::address))
            .load(conn)?;
        let mut marked = Vec::new();
        for failure in &report.failures {
            let target = match &failure.recipient {
                Some(r) => rows.iter().find(|(_, a)| a.eq_ignore_ascii_case(r)),
                None if rows.len() == 1 => rows.first(),
                None => None,
            };
            if let Some((id, _)) = target {
                let error = format!("bounced: {} {}", failure.status, failure.diagnostic);
                marked.push((id.clone(), error.trim().chars().take(500).collect::<String>()));
            }
        }
        if marked.is_empty() {
            continue;
        }
        write_tx(conn, |conn| {
            for (id, error) in &marked {
                diesel::update(outbox_recipients::table.find(id))
                    .set((outbox_recipients::status.eq("perm_failed"), outbox_recipients::error.eq(error)))
                    .execute(conn)?;
            }
            Ok::<_, AppError>(())
        })?;
        return Ok(marked.into_iter().map(|(id, _)| id).collect());
    }
    Ok(Vec::new())
}

/// Reads every file of `dir` once.
pub fn scan(db: &Db, dir: &Path) -> Result<usize, AppError> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(0) };
    let mut conn = db.get()?;
    let mut matched = 0;
    for e in entries.flatten() {
        let path = e.path();
        if !path.is_file() {
            continue;
        }
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let sub = if apply(&mut conn, &bytes)?.is_empty() {
            "unmatched"
        } else {
            matched += 1;
            "processed"
        };
        let to = dir.join(sub);
        if std::fs::create_dir_all(&to).is_ok()
            && let Some(name) = path.file_name()
        {
            let _ = std::fs::rename(&path, to.join(name));
        }
    }
    Ok(matched)
}
