//! Merging a duplicate (gộp đơn trùng): the later submission is filed as a duplicate of the one
//! being handled, its handling clock closed; both records stay.

use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::model::change;
use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::calendar::steps::deadlines as dl;
use crate::complaints::model::*;
use crate::complaints::queries as q;
use crate::complaints::state::{self, Event, State};
use crate::complaints::steps::intake::HANDLING_LABEL;
use crate::db::schema::submissions;
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldErrors};

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeInput {
    /// The submission this one repeats: of the same agency, not itself a merged duplicate.
    pub into_id: String,
}

pub fn merge(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    input: &MergeInput,
) -> Result<SubmissionRow, AppError> {
    let into = input.into_id.trim().to_string();
    if into.is_empty() || into == id || !crate::domain::text::is_plausible_id(&into) {
        return Err(FieldErrors::one("into_id", Code::InvalidChoice).into());
    }
    write_tx(conn, |conn| {
        let before = q::submission(conn, id, agency_id)?;
        let target = q::submission(conn, &into, agency_id)
            .map_err(|_| AppError::from(FieldErrors::one("into_id", Code::InvalidChoice)))?;
        if target.duplicate_of.is_some() {
            return Err(FieldErrors::one("into_id", Code::InvalidChoice).into());
        }
        let f = q::facts(conn, &before)?;
        let to = state::next(before.kind, before.state, Event::File, f).map_err(AppError::Conflict)?;
        debug_assert_eq!(to, State::Filed);
        if let Some(d) = q::open_deadline(conn, id, HANDLING_LABEL)? {
            dl::close(conn, actor, &d, agency_id)?;
        }
        let today = crate::time::today_vn();
        let mut after = before.clone();
        after.state = to;
        after.duplicate_of = Some(target.id.clone());
        after.closed_on = Some(today.max(before.received_on));
        after.version += 1;
        after.updated_at = crate::time::now();
        diesel::update(submissions::table.find(id)).set(&after).execute(conn)?;
        let mut entry = AuditEntry::transition(&before, &after, AuditAction::Transition);
        entry.changes.push(change("on", serde_json::Value::Null, today.to_string()));
        audit::record(conn, actor, entry)?;
        Ok(after)
    })
}
