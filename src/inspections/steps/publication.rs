//! Publication of a signed conclusion (Luật Thanh tra 2025, Art. 46; NĐ 217/2025): channels, the
//! version without business secrets, the minimum time on the portal.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use super::advance::{Ctx, save};
use crate::audit::{self, Actor, AuditAction, AuditEntry, model::change};
use crate::db::schema::*;
use crate::db::{DbConnection, write_tx};
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::inspections::model::*;
use crate::inspections::queries as q;
use crate::inspections::state::{self, Event, State, Work};

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicationInput {
    #[schema(value_type = Channel)]
    pub channel: String,
    /// The web address, newspaper or place: not blank.
    #[schema(min_length = 1, pattern = "\\S")]
    pub location: String,
    /// YYYY-MM-DD, not after today nor before the conclusion was signed; left out: today.
    #[serde(default)]
    #[schema(format = Date)]
    pub published_on: String,
}

/// Records one publication of the signed conclusion. The published version (secrets withheld) is
/// rendered and stored so what went public can be shown later. The first portal publication moves
/// the engagement to Published and closes the 10-day deadline.
pub fn publish(
    conn: &mut DbConnection,
    ctx: &Ctx,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    input: &PublicationInput,
) -> Result<(EngagementRow, PublicationRow), AppError> {
    let mut e = FieldErrors::new();
    let channel = Channel::parse(&input.channel);
    if channel.is_none() {
        e.add("channel", Code::InvalidChoice);
    }
    let location = text::clean(&input.location);
    if location.is_empty() {
        e.add("location", Code::Required);
    }
    let today = crate::time::today_vn();
    let on = match input.published_on.trim() {
        "" => Some(today),
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().filter(|d| *d <= today),
    };
    if on.is_none() {
        e.add("published_on", Code::DateInvalid);
    }
    e.into_result()?;
    let on = on.unwrap_or(today);
    write_tx(conn, |conn| {
        let before = q::engagement(conn, engagement_id, agency_id)?;
        state::check(before.kind(), before.state(), Work::Publish)?;
        let cid = before.conclusion_id.clone().ok_or_else(|| AppError::from(Code::NoConclusion))?;
        let doc = crate::documents::queries::find(conn, &cid, agency_id)?;
        if doc.issued_on.is_some_and(|s| on < s) {
            return Err(FieldErrors::one("published_on", Code::BeforeSigning).into());
        }
        let spec = crate::documents::queries::spec_for(conn, &doc, None)?.public_version();
        let bytes = crate::documents::render(&spec).map_err(|e| AppError::Internal(anyhow::anyhow!("render: {e}")))?;
        let sha = ctx.files.put(conn, &bytes, "application/pdf")?;
        crate::documents::steps::public_copy::record(conn, &cid, &sha, on)?;
        let row = PublicationRow {
            id: uuid::Uuid::now_v7().to_string(),
            engagement_id: engagement_id.into(),
            document_id: cid.clone(),
            channel: channel.unwrap_or(Channel::Portal),
            location: location.clone(),
            published_on: on,
            removed_on: None,
            public_sha256: Some(sha),
            recorded_by: actor.name.clone(),
            created_at: crate::time::now(),
        };
        diesel::insert_into(publications::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::state(&row, AuditAction::Publish, Vec::new()))?;
        let mut eng = before.clone();
        if row.channel == Channel::Portal && before.state() == State::Concluded {
            let facts = crate::inspections::state::Facts::default();
            eng.state = crate::inspections::state::next(eng.kind(), eng.state(), Event::Publish, facts)
                .map_err(|e| AppError::Conflict(e.refusal(facts)))?;
            if let Some(d) = eng.step_deadline_id.take() {
                crate::calendar::steps::deadlines::close(conn, actor, &d, agency_id)?;
            }
            // Mark the document as published (it shows on /verify as public).
            diesel::update(crate::db::schema::documents::table.find(&cid))
                .set(crate::db::schema::documents::published.eq(true))
                .execute(conn)?;
            eng = save(conn, actor, &before, eng, AuditAction::Publish)?;
        }
        Ok((eng, row))
    })
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RemovalInput {
    /// YYYY-MM-DD, not after today, and at the earliest when the minimum time on the portal is
    /// over.
    #[schema(format = Date)]
    pub removed_on: String,
}

/// Records that a portal posting was taken down; refused before the minimum period has passed.
pub fn record_removal(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    id: &str,
    input: &RemovalInput,
) -> Result<PublicationRow, AppError> {
    let on = NaiveDate::parse_from_str(input.removed_on.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d <= crate::time::today_vn())
        .ok_or_else(|| FieldErrors::one("removed_on", Code::DateInvalid))?;
    write_tx(conn, |conn| {
        q::engagement(conn, engagement_id, agency_id)?;
        let before: PublicationRow = publications::table
            .find(id)
            .filter(publications::engagement_id.eq(engagement_id))
            .select(PublicationRow::as_select())
            .first(conn)?;
        let until = q::kept_until(conn, &before)?;
        if on <= until {
            return Err(FieldErrors(vec![FieldError::with_arg(
                "removed_on",
                Code::TooEarlyRemoval,
                crate::time::show_date(&until),
            )])
            .into());
        }
        let mut after = before.clone();
        after.removed_on = Some(on);
        diesel::update(publications::table.find(id)).set(publications::removed_on.eq(Some(on))).execute(conn)?;
        audit::record(
            conn,
            actor,
            AuditEntry::state(
                &after,
                AuditAction::Update,
                vec![change("removed_on", serde_json::Value::Null, on.to_string())],
            ),
        )?;
        Ok(after)
    })
}
