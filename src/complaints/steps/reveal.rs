//! Reading a denouncer's identity: allowed to the case's members and leaders, and recorded in the
//! audit trail every time (who, when, which case).

use crate::audit::model::change;
use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::auth::Role;
use crate::complaints::model::*;
use crate::complaints::queries as q;
use crate::complaints::secrecy::may_read_secret;
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, Refusal};

/// The people on a secret submission, for a reader who may see them; the reading is audited.
pub fn reveal(
    conn: &mut DbConnection,
    actor: &Actor,
    role: Role,
    id: &str,
    agency_id: &str,
) -> Result<Vec<PersonRow>, AppError> {
    write_tx(conn, |conn| {
        let s = q::submission(conn, id, agency_id)?;
        let user = actor.user_id.clone().unwrap_or_default();
        if !may_read_secret(role, q::is_member(conn, id, &user)?) {
            return Err(AppError::Conflict(Refusal::new(Code::SubmissionSecret)));
        }
        let people = q::people(conn, id)?;
        if s.is_secret() {
            let entry = AuditEntry::state(
                &s,
                AuditAction::Reveal,
                vec![change("people", serde_json::Value::Null, people.len())],
            );
            audit::record(conn, actor, entry)?;
        }
        Ok(people)
    })
}
