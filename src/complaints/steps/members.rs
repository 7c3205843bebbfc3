//! Assigning a case: the handling officer and the verification team. Those assigned (and leaders)
//! read what is secret on a denunciation.

use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditEntry};
use crate::complaints::model::*;
use crate::complaints::queries as q;
use crate::complaints::steps::intake::id_list;
use crate::db::schema::{submission_members, submissions};
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldErrors};

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = SubmissionMembersInput)]
pub struct MembersInput {
    /// The handling officer: a user of the agency; empty leaves the case without one.
    #[serde(default)]
    pub officer_id: String,
    /// The verification team's user ids, separated by commas or spaces.
    #[serde(default)]
    pub verifier_ids: String,
}

/// Replaces who is assigned; each one added or removed is an audit entry.
pub fn assign(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    input: &MembersInput,
) -> Result<SubmissionRow, AppError> {
    let officer = Some(input.officer_id.trim().to_string()).filter(|s| !s.is_empty());
    let verifiers: Vec<String> =
        id_list(&input.verifier_ids).into_iter().filter(|v| Some(v) != officer.as_ref()).collect();
    write_tx(conn, |conn| {
        let before = q::submission(conn, id, agency_id)?;
        if before.state.is_final() {
            return Err(AppError::Conflict(
                crate::error::Refusal::new(Code::SubmissionStepNotAllowed)
                    .with_label_lower("step", "assign", "kn.step.assign")
                    .with_label_lower("state", before.state.code(), before.state.label_key()),
            ));
        }
        let mut wanted: Vec<MemberRow> = Vec::new();
        if let Some(o) = &officer {
            wanted.push(MemberRow { submission_id: id.into(), user_id: o.clone(), role: MemberRole::Officer });
        }
        for v in &verifiers {
            wanted.push(MemberRow { submission_id: id.into(), user_id: v.clone(), role: MemberRole::Verifier });
        }
        for m in &wanted {
            let field = if m.role == MemberRole::Officer { "officer_id" } else { "verifier_ids" };
            crate::users::queries::find_in_agency(conn, &m.user_id, agency_id)
                .map_err(|_| AppError::from(FieldErrors::one(field, Code::NotFound)))?;
        }
        let current: Vec<MemberRow> = submission_members::table
            .filter(submission_members::submission_id.eq(id))
            .select(MemberRow::as_select())
            .load(conn)?;
        for m in current.iter().filter(|m| !wanted.iter().any(|w| w.user_id == m.user_id && w.role == m.role)) {
            diesel::delete(
                submission_members::table
                    .filter(submission_members::submission_id.eq(id))
                    .filter(submission_members::user_id.eq(&m.user_id)),
            )
            .execute(conn)?;
            audit::record(conn, actor, AuditEntry::deleted(m))?;
        }
        for m in wanted.iter().filter(|w| !current.iter().any(|m| w.user_id == m.user_id && w.role == m.role)) {
            diesel::insert_into(submission_members::table).values(m).execute(conn)?;
            audit::record(conn, actor, AuditEntry::created(m))?;
        }
        let mut after = before.clone();
        after.officer_id = officer.clone();
        if after.officer_id != before.officer_id {
            after.version += 1;
            after.updated_at = crate::time::now();
            diesel::update(submissions::table.find(id)).set(&after).execute(conn)?;
            if let Some(e) = AuditEntry::updated(&before, &after) {
                audit::record(conn, actor, e)?;
            }
        }
        Ok(after)
    })
}
