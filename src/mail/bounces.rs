//! Bounces: when `bounce_dir` is configured (a folder the bounce mailbox is delivered into, e.g. by
//! the mail server or fetchmail, one message per file), each delivery status notification is matched
//! back to its message by our Message-ID and to the recipient by `Final-Recipient`, and the delivery
//! is marked failed with the reported status. Handled files move to `processed/`, the others to
//! `unmatched/`.

use std::path::Path;
use std::sync::LazyLock;

use diesel::prelude::*;
use regex::Regex;

use crate::db::schema::{outbox_messages, outbox_recipients};
use crate::db::{Db, DbConnection, write_tx};
use crate::error::AppError;

static MESSAGE_ID: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"<[0-9a-f]{32}@[^>\s]+>").ok());
static FINAL_RECIPIENT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?im)^(?:Final|Original)-Recipient:\s*rfc822;\s*<?([^\s>]+)>?").ok());
static DIAGNOSTIC: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(?im)^Diagnostic-Code:\s*(.+)$").ok());
static STATUS: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(?im)^Status:\s*([245]\.\d+\.\d+)").ok());

/// Matches one bounce; returns the delivery it was about, once recorded.
pub fn apply(conn: &mut DbConnection, raw: &str) -> Result<Option<String>, AppError> {
    let (Some(mid_re), Some(rcpt_re)) = (MESSAGE_ID.as_ref(), FINAL_RECIPIENT.as_ref()) else {
        return Ok(None);
    };
    let recipient = rcpt_re.captures(raw).map(|c| c[1].trim().to_lowercase());
    let status = STATUS.as_ref().and_then(|r| r.captures(raw)).map(|c| c[1].to_string()).unwrap_or_default();
    let diag = DIAGNOSTIC.as_ref().and_then(|r| r.captures(raw)).map(|c| c[1].trim().to_string()).unwrap_or_default();
    if status.starts_with('2') {
        return Ok(None);
    }
    for m in mid_re.find_iter(raw) {
        let found: Option<String> = outbox_messages::table
            .filter(outbox_messages::message_id.eq(m.as_str()))
            .select(outbox_messages::id)
            .first(conn)
            .optional()?;
        let Some(message) = found else { continue };
        let rows: Vec<(String, String)> = outbox_recipients::table
            .filter(outbox_recipients::message_id.eq(&message))
            .select((outbox_recipients::id, outbox_recipients::address))
            .load(conn)?;
        let target = match &recipient {
            Some(r) => rows.iter().find(|(_, a)| a == r),
            None if rows.len() == 1 => rows.first(),
            None => None,
        };
        if let Some((id, _)) = target {
            let error = format!("bounced: {} {}", status, diag).trim().chars().take(500).collect::<String>();
            write_tx(conn, |conn| {
                diesel::update(outbox_recipients::table.find(id))
                    .set((outbox_recipients::status.eq("perm_failed"), outbox_recipients::error.eq(&error)))
                    .execute(conn)?;
                Ok::<_, AppError>(())
            })?;
            return Ok(Some(id.clone()));
        }
    }
    Ok(None)
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
        let raw = String::from_utf8_lossy(&bytes);
        let sub = match apply(&mut conn, &raw)? {
            Some(_) => {
                matched += 1;
                "processed"
            }
            None => "unmatched",
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
