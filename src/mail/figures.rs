//! What the agency sent to businesses in a period and what became of it: the documents mailed
//! (one per recipient), accepted by the receiving server, refused for good (including bounces that
//! came back after acceptance), and still waiting. Read by the reports.

use chrono::NaiveDate;
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConnection;
use crate::db::schema::{outbox_messages, outbox_recipients};
use crate::error::AppError;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = MailFigures)]
pub struct Figures {
    /// Documents mailed to a business in the period, one per recipient address.
    pub sent: i64,
    pub accepted: i64,
    /// Refused for good, or bounced after acceptance.
    pub failed: i64,
    /// Queued, being sent, or waiting to be tried again.
    pub waiting: i64,
}

/// The recipients' states a figure counts: `sent` (all), `accepted`, `failed`, `waiting`.
pub fn states(figure: &str) -> Option<&'static [&'static str]> {
    match figure {
        "sent" => Some(&["queued", "sending", "temp_failed", "accepted", "perm_failed"]),
        "accepted" => Some(&["accepted"]),
        "failed" => Some(&["perm_failed"]),
        "waiting" => Some(&["queued", "sending", "temp_failed"]),
        _ => None,
    }
}

/// The documents `agency_id` mailed from `from` to `to` (days in Vietnam, both included).
pub fn figures(conn: &mut DbConnection, agency_id: &str, from: NaiveDate, to: NaiveDate) -> Result<Figures, AppError> {
    use crate::time::vn_day_start;
    let end = vn_day_start(to.succ_opt().unwrap_or(to));
    let by_status: Vec<(String, i64)> = outbox_recipients::table
        .inner_join(outbox_messages::table)
        .filter(outbox_messages::agency_id.eq(agency_id))
        .filter(outbox_messages::record_type.eq("document"))
        .filter(outbox_messages::created_at.ge(vn_day_start(from)))
        .filter(outbox_messages::created_at.lt(end))
        .group_by(outbox_recipients::status)
        .select((outbox_recipients::status, count_star()))
        .load(conn)?;
    let of = |figure: &str| {
        let states = states(figure).unwrap_or(&[]);
        by_status.iter().filter(|(x, _)| states.contains(&x.as_str())).map(|(_, n)| n).sum::<i64>()
    };
    Ok(Figures { sent: of("sent"), accepted: of("accepted"), failed: of("failed"), waiting: of("waiting") })
}
