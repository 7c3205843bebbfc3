//! Concluding a reception: the conclusion of whoever presided, and the notice stating it (thông báo
//! kết luận việc tiếp công dân, TT 04/2021/TT-TTCP) drafted in the document engine, where it is
//! numbered, signed, frozen and sent. Once drafted, the conclusion is changed on the draft.

use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditEntry};
use crate::db::schema::reception_sessions;
use crate::db::{DbConnection, write_tx};
use crate::domain::input as forms;
use crate::error::{AppError, Code, FieldErrors};
use crate::reception::compose;
use crate::reception::model::*;
use crate::reception::queries as q;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ReceptionConclusionInput)]
pub struct ConclusionInput {
    /// What whoever presided concluded.
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 8000)]
    pub conclusion: String,
}

impl ConclusionInput {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let mut e = FieldErrors::new();
        let v = forms::block("conclusion", &self.conclusion, true, 8000, &mut e);
        e.into_result()?;
        Ok(v)
    }
}

/// Records the conclusion and drafts the notice: everything or nothing.
pub fn conclude(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    input: &ConclusionInput,
) -> Result<(SessionRow, crate::documents::model::DocumentRow), AppError> {
    let conclusion = input.validate()?;
    write_tx(conn, |conn| {
        let before = q::session(conn, id, agency_id)?;
        if before.notice_id.is_some() {
            return Err(AppError::Conflict(Code::ReceptionConcluded.into()));
        }
        let visitors = if before.is_secret() { Vec::new() } else { q::visitors(conn, id)? };
        let agency = crate::agencies::queries::find(conn, agency_id)?.name;
        let place = q::schedules(conn, agency_id)?
            .into_iter()
            .filter(|s| s.valid_from <= before.held_on)
            .max_by_key(|s| s.valid_from)
            .map(|s| s.place)
            .unwrap_or_default();
        let signer = crate::agencies::queries::signer_in_force(conn, agency_id)?;
        let mut after = before.clone();
        after.conclusion = conclusion;
        let draft = compose::conclusion_notice(&after, &visitors, &agency, &place, &signer);
        let doc = crate::documents::steps::draft::create_draft(conn, actor, agency_id, draft.validate()?)?;
        after.notice_id = Some(doc.id.to_string());
        after.version += 1;
        after.updated_at = crate::time::now();
        diesel::update(reception_sessions::table.find(&before.id)).set(&after).execute(conn)?;
        if let Some(entry) = AuditEntry::updated(&before, &after) {
            audit::record(conn, actor, entry)?;
        }
        Ok((after, doc))
    })
}
