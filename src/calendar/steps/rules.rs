//! Deadline rules: editing one in place (before any deadline uses it) or starting a new version by date.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::audit::{self, Actor, AuditEntry};
use crate::db::schema::deadline_rules;
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldError, FieldErrors};

// ---------- loading the calendar ----------

use crate::calendar::model::*;
use crate::calendar::queries::*;

pub fn update_deadline_rule(conn: &mut DbConnection, actor: &Actor, row: DeadlineRuleRow) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        let before = find_rule(conn, &row.id)?;
        diesel::update(deadline_rules::table.find(&row.id))
            .set((
                deadline_rules::name_vi.eq(&row.name_vi),
                deadline_rules::name_en.eq(&row.name_en),
                deadline_rules::duration.eq(row.duration),
                deadline_rules::unit.eq(&row.unit),
                deadline_rules::start_event.eq(&row.start_event),
                deadline_rules::extension_max.eq(row.extension_max),
                deadline_rules::extension_duration.eq(row.extension_duration),
                deadline_rules::pausable.eq(row.pausable),
                deadline_rules::legal_source.eq(&row.legal_source),
                deadline_rules::verified.eq(row.verified),
                deadline_rules::valid_from.eq(row.valid_from),
                deadline_rules::valid_to.eq(row.valid_to),
                deadline_rules::notes.eq(&row.notes),
                deadline_rules::updated_at.eq(crate::time::now()),
            ))
            .execute(conn)?;
        let after = find_rule(conn, &row.id)?;
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
