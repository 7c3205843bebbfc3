//! Reading who came about a denunciation: allowed to the officer who received them and to leaders,
//! and recorded in the audit trail every time.

use crate::audit::model::change;
use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::auth::Role;
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, Refusal};
use crate::reception::model::*;
use crate::reception::queries as q;

/// The visitors of a reception, for a reader who may see them; a secret one's reading is audited.
pub fn reveal(
    conn: &mut DbConnection,
    actor: &Actor,
    role: Role,
    id: &str,
    agency_id: &str,
) -> Result<Vec<VisitorRow>, AppError> {
    write_tx(conn, |conn| {
        let s = q::session(conn, id, agency_id)?;
        if !q::may_read(&s, role, actor.user_id.as_deref().unwrap_or_default()) {
            return Err(AppError::Conflict(Refusal::new(Code::SubmissionSecret)));
        }
        let visitors = q::visitors(conn, id)?;
        if s.is_secret() {
            let entry = AuditEntry::state(
                &s,
                AuditAction::Reveal,
                vec![change("visitors", serde_json::Value::Null, visitors.len())],
            );
            audit::record(conn, actor, entry)?;
        }
        Ok(visitors)
    })
}
