//! Deadline rules: editing one in place (before any deadline uses it) or starting a new version by date.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::audit::{self, Actor, AuditEntry};
use crate::db::schema::deadline_rules;
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldError, FieldErrors};

use crate::calendar::model::*;
use crate::calendar::queries::*;

pub fn update_deadline_rule(conn: &mut DbConnection, actor: &Actor, row: DeadlineRuleRow) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        let before = find_rule(conn, &row.id)?;
        // What the form may change; the rest of the row stays as stored.
        let edited = DeadlineRuleRow {
            name_vi: row.name_vi,
            name_en: row.name_en,
            duration: row.duration,
            unit: row.unit,
            start_event: row.start_event,
            extension_max: row.extension_max,
            extension_duration: row.extension_duration,
            pausable: row.pausable,
            legal_source: row.legal_source,
            verified: row.verified,
            valid_from: row.valid_from,
            valid_to: row.valid_to,
            notes: row.notes,
            updated_at: crate::time::now(),
            ..before.clone()
        };
        diesel::update(deadline_rules::table.find(&edited.id)).set(&edited).execute(conn)?;
        let after = find_rule(conn, &edited.id)?;
        if let Some(e) = AuditEntry::updated(&before, &after) {
            audit::record(conn, actor, e)?;
        }
        Ok(())
    })
}

/// Starts a new version of a deadline rule from `from`: the current version ends the day before.
pub fn new_rule_version(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    from: NaiveDate,
) -> Result<DeadlineRuleRow, AppError> {
    write_tx(conn, |conn| {
        let old = find_rule(conn, id)?;
        if from <= old.valid_from || old.valid_to.is_some_and(|t| from > t) {
            return Err(FieldErrors(vec![FieldError::new("valid_from", Code::DateOrder)]).into());
        }
        let end = from.pred_opt().ok_or_else(|| FieldErrors(vec![FieldError::new("valid_from", Code::DateInvalid)]))?;
        let now = crate::time::now();
        let mut new = old.clone();
        new.id = uuid::Uuid::now_v7().to_string();
        new.valid_from = from;
        new.created_at = now;
        new.updated_at = now;
        diesel::update(deadline_rules::table.find(id))
            .set((deadline_rules::valid_to.eq(Some(end)), deadline_rules::updated_at.eq(now)))
            .execute(conn)?;
        let mut ended = old.clone();
        ended.valid_to = Some(end);
        if let Some(e) = AuditEntry::updated(&old, &ended) {
            audit::record(conn, actor, e)?;
        }
        diesel::insert_into(deadline_rules::table).values(&new).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&new))?;
        Ok(new)
    })
}
