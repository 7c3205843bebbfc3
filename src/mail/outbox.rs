//! Outbox rows. A message is written with the action that causes it; each recipient is delivered
//! on its own (so each has its own status and server reply). Claims are safe across instances:
//! `FOR UPDATE SKIP LOCKED` on PostgreSQL, the single writer of `BEGIN IMMEDIATE` on SQLite; a claim
//! expires, so a worker killed mid-send loses nothing and the message is sent at most once more.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::schema::{outbox_messages, outbox_recipients};
use crate::db::{DbConnection, write_tx};
use crate::domain::Email;
use crate::error::{AppError, Code};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AttachmentRef {
    pub sha256: String,
    pub file_name: String,
    pub content_type: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = outbox_messages)]
pub struct MessageRow {
    pub id: String,
    pub agency_id: String,
    pub message_id: String,
    pub record_type: String,
    pub record_id: String,
    pub from_addr: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub attachments: String,
    pub created_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
}

impl MessageRow {
    pub fn attachment_refs(&self) -> Vec<AttachmentRef> {
        serde_json::from_str(&self.attachments).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = outbox_recipients)]
pub struct RecipientRow {
    pub id: String,
    #[serde(skip)]
    pub message_id: String,
    pub address: String,
    /// queued, sending, accepted, temp_failed or perm_failed.
    pub status: String,
    pub attempts: i32,
    #[serde(serialize_with = "crate::time::api")]
    pub next_attempt_at: NaiveDateTime,
    #[serde(skip)]
    #[serde(serialize_with = "crate::time::api_opt")]
    pub locked_until: Option<NaiveDateTime>,
    #[serde(serialize_with = "crate::time::api_opt")]
    pub last_attempt_at: Option<NaiveDateTime>,
    /// The server's reply when it accepted the message.
    pub reply: String,
    pub error: String,
    #[serde(serialize_with = "crate::time::api_opt")]
    pub accepted_at: Option<NaiveDateTime>,
    /// The worker holding the claim while `sending`.
    #[serde(skip)]
    pub claimed_by: Option<String>,
}

pub struct NewMessage {
    pub agency_id: String,
    pub record_type: String,
    pub record_id: String,
    pub from: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub attachments: Vec<AttachmentRef>,
    pub recipients: Vec<Email>,
    pub created_by: String,
    /// Domain for the Message-ID.
    pub domain: String,
}

/// Writes a message and its recipients; call inside the transaction of the action.
pub fn enqueue(conn: &mut DbConnection, m: NewMessage) -> Result<MessageRow, AppError> {
    let now = crate::time::now();
    let id = uuid::Uuid::now_v7();
    let row = MessageRow {
        id: id.to_string(),
        agency_id: m.agency_id,
        message_id: format!("<{}@{}>", id.simple(), m.domain),
        record_type: m.record_type,
        record_id: m.record_id,
        from_addr: m.from,
        subject: m.subject,
        body_text: m.body_text,
        body_html: m.body_html,
        attachments: serde_json::to_string(&m.attachments).map_err(anyhow::Error::from)?,
        created_by: m.created_by,
        created_at: now,
    };
    diesel::insert_into(outbox_messages::table).values(&row).execute(conn)?;
    for r in m.recipients {
        let rec = RecipientRow {
            id: uuid::Uuid::now_v7().to_string(),
            message_id: row.id.clone(),
            address: r.as_str().to_string(),
            status: "queued".into(),
            attempts: 0,
            next_attempt_at: now,
            locked_until: None,
            last_attempt_at: None,
            reply: String::new(),
            error: String::new(),
            accepted_at: None,
            claimed_by: None,
        };
        diesel::insert_into(outbox_recipients::table).values(&rec).execute(conn)?;
    }
    Ok(row)
}

/// Claims up to `limit` deliveries that are due (queued, temporarily failed and due, or claimed by
/// a worker whose claim expired) for the worker `claimant`. The claim lasts `lock_seconds` unless
/// the worker renews it ([`renew`]); a worker that stops cleanly gives back what it did not send
/// ([`release`]).
pub fn claim(
    conn: &mut DbConnection,
    limit: i64,
    lock_seconds: u32,
    claimant: &str,
) -> Result<Vec<(RecipientRow, MessageRow)>, AppError> {
    let now = crate::time::now();
    let until = now + Duration::seconds(i64::from(lock_seconds));
    let ids: Vec<String> = write_tx(conn, |conn| {
        let ids: Vec<String> = match conn {
            DbConnection::Pg(c) => {
                #[derive(QueryableByName)]
                struct Id {
                    #[diesel(sql_type = diesel::sql_types::Text)]
                    id: String,
                }
                diesel::sql_query(
                    "SELECT id FROM outbox_recipients \
                     WHERE (status IN ('queued', 'temp_failed') AND next_attempt_at <= $1) \
                        OR (status = 'sending' AND locked_until < $1) \
                     ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED",
                )
                .bind::<diesel::sql_types::Timestamp, _>(now)
                .bind::<diesel::sql_types::BigInt, _>(limit)
                .load::<Id>(c)?
                .into_iter()
                .map(|i| i.id)
                .collect()
            }
            DbConnection::Sqlite(_) => outbox_recipients::table
                .filter(
                    (outbox_recipients::status
                        .eq_any(["queued", "temp_failed"])
                        .and(outbox_recipients::next_attempt_at.le(now)))
                    .or(outbox_recipients::status.eq("sending").and(outbox_recipients::locked_until.lt(now))),
                )
                .order(outbox_recipients::next_attempt_at.asc())
                .limit(limit)
                .select(outbox_recipients::id)
                .load(conn)?,
        };
        if !ids.is_empty() {
            diesel::update(outbox_recipients::table.filter(outbox_recipients::id.eq_any(&ids)))
                .set((
                    outbox_recipients::status.eq("sending"),
                    outbox_recipients::locked_until.eq(Some(until)),
                    outbox_recipients::attempts.eq(outbox_recipients::attempts + 1),
                    outbox_recipients::last_attempt_at.eq(Some(now)),
                    outbox_recipients::claimed_by.eq(Some(claimant)),
                ))
                .execute(conn)?;
        }
        Ok::<_, AppError>(ids)
    })?;
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(outbox_recipients::table
        .inner_join(outbox_messages::table)
        .filter(outbox_recipients::id.eq_any(&ids))
        .select((RecipientRow::as_select(), MessageRow::as_select()))
        .load(conn)?)
}

/// The heartbeat: extends every claim `claimant` still holds by `lock_seconds` from now.
pub fn renew(conn: &mut DbConnection, claimant: &str, lock_seconds: u32) -> Result<usize, AppError> {
    let until = crate::time::now() + Duration::seconds(i64::from(lock_seconds));
    write_tx(conn, |conn| {
        Ok(diesel::update(held_by(claimant)).set(outbox_recipients::locked_until.eq(Some(until))).execute(conn)?)
    })
}

/// Gives back every delivery `claimant` claimed and did not attempt: due again at once, for any
/// worker, and the claim's attempt not counted.
pub fn release(conn: &mut DbConnection, claimant: &str) -> Result<usize, AppError> {
    let now = crate::time::now();
    write_tx(conn, |conn| {
        Ok(diesel::update(held_by(claimant))
            .set((
                outbox_recipients::status.eq("queued"),
                outbox_recipients::locked_until.eq(None::<NaiveDateTime>),
                outbox_recipients::claimed_by.eq(None::<String>),
                outbox_recipients::attempts.eq(outbox_recipients::attempts - 1),
                outbox_recipients::next_attempt_at.eq(now),
            ))
            .execute(conn)?)
    })
}

type Sending = diesel::dsl::Filter<outbox_recipients::table, diesel::dsl::Eq<outbox_recipients::status, &'static str>>;
type HeldBy<'a> = diesel::dsl::Filter<Sending, diesel::dsl::Eq<outbox_recipients::claimed_by, Option<&'a str>>>;

/// The deliveries `claimant` holds.
fn held_by(claimant: &str) -> HeldBy<'_> {
    outbox_recipients::table
        .filter(outbox_recipients::status.eq("sending"))
        .filter(outbox_recipients::claimed_by.eq(Some(claimant)))
}

pub enum Outcome {
    Accepted(String),
    Temporary(String),
    Permanent(String),
}

/// Records the result of one delivery attempt (only if this worker still holds the claim) and
/// ends the claim.
pub fn record(
    conn: &mut DbConnection,
    r: &RecipientRow,
    outcome: Outcome,
    base_seconds: u32,
    max_attempts: u32,
) -> Result<(), AppError> {
    let now = crate::time::now();
    write_tx(conn, |conn| {
        let q = outbox_recipients::table
            .filter(outbox_recipients::id.eq(&r.id))
            .filter(outbox_recipients::status.eq("sending"))
            .filter(outbox_recipients::claimed_by.eq(r.claimed_by.as_deref()));
        match outcome {
            Outcome::Accepted(reply) => {
                diesel::update(q)
                    .set((
                        outbox_recipients::status.eq("accepted"),
                        outbox_recipients::reply.eq(reply.chars().take(500).collect::<String>()),
                        outbox_recipients::error.eq(""),
                        outbox_recipients::accepted_at.eq(Some(now)),
                        outbox_recipients::locked_until.eq(None::<NaiveDateTime>),
                        outbox_recipients::claimed_by.eq(None::<String>),
                    ))
                    .execute(conn)?;
            }
            Outcome::Temporary(e) if (r.attempts as u32) < max_attempts => {
                let delay = i64::from(base_seconds) * 2_i64.pow((r.attempts.max(1) - 1).min(12) as u32);
                diesel::update(q)
                    .set((
                        outbox_recipients::status.eq("temp_failed"),
                        outbox_recipients::error.eq(e.chars().take(500).collect::<String>()),
                        outbox_recipients::next_attempt_at.eq(now + Duration::seconds(delay)),
                        outbox_recipients::locked_until.eq(None::<NaiveDateTime>),
                        outbox_recipients::claimed_by.eq(None::<String>),
                    ))
                    .execute(conn)?;
            }
            Outcome::Temporary(e) | Outcome::Permanent(e) => {
                diesel::update(q)
                    .set((
                        outbox_recipients::status.eq("perm_failed"),
                        outbox_recipients::error.eq(e.chars().take(500).collect::<String>()),
                        outbox_recipients::locked_until.eq(None::<NaiveDateTime>),
                        outbox_recipients::claimed_by.eq(None::<String>),
                    ))
                    .execute(conn)?;
            }
        }
        Ok(())
    })
}

pub fn message(
    conn: &mut DbConnection,
    id: &str,
    agency_id: &str,
) -> Result<(MessageRow, Vec<RecipientRow>), AppError> {
    let m: MessageRow = outbox_messages::table
        .find(id)
        .filter(outbox_messages::agency_id.eq(agency_id))
        .select(MessageRow::as_select())
        .first(conn)?;
    let r = outbox_recipients::table
        .filter(outbox_recipients::message_id.eq(id))
        .order(outbox_recipients::address.asc())
        .select(RecipientRow::as_select())
        .load(conn)?;
    Ok((m, r))
}

/// Messages about one record, newest first, with their recipients.
pub fn for_record(
    conn: &mut DbConnection,
    record_type: &str,
    record_id: &str,
) -> Result<Vec<(MessageRow, Vec<RecipientRow>)>, AppError> {
    let msgs: Vec<MessageRow> = outbox_messages::table
        .filter(outbox_messages::record_type.eq(record_type))
        .filter(outbox_messages::record_id.eq(record_id))
        .order(outbox_messages::created_at.desc())
        .select(MessageRow::as_select())
        .load(conn)?;
    let mut out = Vec::new();
    for m in msgs {
        let r = outbox_recipients::table
            .filter(outbox_recipients::message_id.eq(&m.id))
            .order(outbox_recipients::address.asc())
            .select(RecipientRow::as_select())
            .load(conn)?;
        out.push((m, r));
    }
    Ok(out)
}

/// Puts a failed delivery back in the queue (the "resend" button).
pub fn resend(conn: &mut DbConnection, recipient_id: &str, agency_id: &str) -> Result<RecipientRow, AppError> {
    write_tx(conn, |conn| {
        let (r, m): (RecipientRow, MessageRow) = outbox_recipients::table
            .inner_join(outbox_messages::table)
            .filter(outbox_recipients::id.eq(recipient_id))
            .filter(outbox_messages::agency_id.eq(agency_id))
            .select((RecipientRow::as_select(), MessageRow::as_select()))
            .first(conn)?;
        let _ = m;
        if !matches!(r.status.as_str(), "perm_failed" | "temp_failed") {
            return Err(AppError::from(Code::DeliveryNotFailed));
        }
        diesel::update(outbox_recipients::table.find(recipient_id))
            .set((
                outbox_recipients::status.eq("queued"),
                outbox_recipients::attempts.eq(0),
                outbox_recipients::next_attempt_at.eq(crate::time::now()),
            ))
            .execute(conn)?;
        Ok(r)
    })
}

/// Failed deliveries of an agency's messages, for the dashboard warning.
pub fn failures(conn: &mut DbConnection, agency_id: &str) -> Result<Vec<(RecipientRow, MessageRow)>, AppError> {
    Ok(outbox_recipients::table
        .inner_join(outbox_messages::table)
        .filter(outbox_messages::agency_id.eq(agency_id))
        .filter(outbox_recipients::status.eq_any(["perm_failed", "temp_failed"]))
        .order(outbox_recipients::last_attempt_at.desc())
        .limit(50)
        .select((RecipientRow::as_select(), MessageRow::as_select()))
        .load(conn)?)
}
