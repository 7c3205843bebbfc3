//! Changes to a permit in the register: suspended (đình chỉ) or revoked (thu hồi) with the decision
//! that ordered it, reinstated after a suspension; and permits past their last day marked expired.

use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::model::change;
use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::db::schema::permits;
use crate::db::{DbConnection, write_tx};
use crate::domain::input as forms;
use crate::error::{AppError, Code, FieldErrors, Refusal};
use crate::permits::model::*;
use crate::permits::queries as q;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = PermitStatusInput)]
pub struct StatusInput {
    /// suspended, revoked or valid (reinstated after a suspension).
    #[serde(default)]
    #[schema(value_type = PermitStatus)]
    pub status: String,
    /// The decision and its grounds (e.g. "Quyết định số 12/QĐ-XPHC ngày 05/12/2026").
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub reason: String,
}

/// Which changes a person may make from `from`.
fn allowed(from: PermitStatus, to: PermitStatus) -> bool {
    matches!(
        (from, to),
        (PermitStatus::Valid, PermitStatus::Suspended)
            | (PermitStatus::Valid | PermitStatus::Suspended, PermitStatus::Revoked)
            | (PermitStatus::Suspended, PermitStatus::Valid)
    )
}

pub fn set_status(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    input: &StatusInput,
) -> Result<PermitRow, AppError> {
    let mut e = FieldErrors::new();
    let to = forms::choice("status", &input.status, PermitStatus::parse, &mut e);
    let reason = forms::block("reason", &input.reason, true, 2000, &mut e);
    e.into_result()?;
    let Some(to) = to else { return Err(FieldErrors::one("status", Code::Required).into()) };
    write_tx(conn, |conn| {
        let before = q::permit(conn, id, agency_id)?;
        if !allowed(before.status, to) {
            return Err(AppError::Conflict(
                Refusal::new(Code::PermitStatusChange)
                    .with_label_lower("from", before.status.code(), before.status.label_key())
                    .with_label_lower("to", to.code(), to.label_key()),
            ));
        }
        let mut after = before.clone();
        after.status = to;
        after.updated_at = crate::time::now();
        diesel::update(permits::table.find(&before.id)).set(&after).execute(conn)?;
        let mut entry = AuditEntry::transition(&before, &after, AuditAction::Transition);
        entry.changes.push(change("reason", serde_json::Value::Null, reason.clone()));
        audit::record(conn, actor, entry)?;
        Ok(after)
    })
}

/// Marks expired every valid or suspended permit whose last day is before `today`; returns how
/// many. Conditional on the status, so instances running it together mark each once.
pub fn expire(conn: &mut DbConnection, today: chrono::NaiveDate) -> Result<usize, AppError> {
    let due: Vec<PermitRow> = permits::table
        .filter(permits::status.eq_any([PermitStatus::Valid, PermitStatus::Suspended]))
        .filter(permits::valid_until.lt(today))
        .select(PermitRow::as_select())
        .load(conn)?;
    let mut n = 0;
    for before in due {
        n += write_tx(conn, |conn| {
            let changed = diesel::update(
                permits::table.filter(permits::id.eq(&before.id)).filter(permits::status.eq(before.status)),
            )
            .set((permits::status.eq(PermitStatus::Expired), permits::updated_at.eq(crate::time::now())))
            .execute(conn)?;
            if changed == 1 {
                let mut after = before.clone();
                after.status = PermitStatus::Expired;
                let actor = Actor { user_id: None, name: "system".into(), agency_id: Some(before.agency_id.clone()) };
                audit::record(conn, &actor, AuditEntry::transition(&before, &after, AuditAction::Transition))?;
            }
            Ok::<usize, AppError>(changed)
        })?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_register_allows() {
        use PermitStatus::*;
        assert!(allowed(Valid, Suspended) && allowed(Suspended, Valid) && allowed(Suspended, Revoked));
        assert!(
            !allowed(Revoked, Valid) && !allowed(Replaced, Valid) && !allowed(Expired, Valid) && !allowed(Valid, Valid)
        );
        assert!(!allowed(Valid, Expired) && !allowed(Valid, Replaced), "those come from the system, not a person");
    }
}
