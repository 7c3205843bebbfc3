//! Changes to the calendar itself: yearly overrides, holiday rules and their new versions. Every change
//! recomputes the open deadlines in its own transaction, each with a history entry naming the cause.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde_json::Value;

use crate::audit::{self, Actor, AuditAction, AuditEntry, model::change};
use crate::calendar::engine::OverrideKind;
use crate::db::schema::{calendar_overrides, deadlines, holiday_rules};
use crate::db::{DbConnection, write_tx};
use crate::error::AppError;

use crate::calendar::model::*;
use crate::calendar::queries::*;

/// Adds or replaces the override of one day; due dates of open deadlines are recomputed in the same
/// transaction.
pub fn set_override(
    conn: &mut DbConnection,
    actor: &Actor,
    day: NaiveDate,
    kind: OverrideKind,
    name: &str,
    legal_source: &str,
) -> Result<usize, AppError> {
    write_tx(conn, |conn| {
        let before: Option<OverrideRow> = calendar_overrides::table
            .filter(calendar_overrides::day.eq(day))
            .select(OverrideRow::as_select())
            .first(conn)
            .optional()?;
        let row = OverrideRow {
            id: uuid::Uuid::now_v7().to_string(),
            day,
            kind: kind.code().into(),
            name: name.into(),
            legal_source: legal_source.into(),
            created_at: crate::time::now(),
        };
        diesel::delete(calendar_overrides::table.filter(calendar_overrides::day.eq(day))).execute(conn)?;
        diesel::insert_into(calendar_overrides::table).values(&row).execute(conn)?;
        let entry = match &before {
            Some(b) => AuditEntry::updated(b, &row).unwrap_or_else(|| AuditEntry::created(&row)),
            None => AuditEntry::created(&row),
        };
        audit::record(conn, actor, entry)?;
        recompute_open(conn, actor, &format!("lịch nghỉ ngày {} thay đổi", day.format("%d/%m/%Y")))
    })
}

pub fn remove_override(conn: &mut DbConnection, actor: &Actor, day: NaiveDate) -> Result<usize, AppError> {
    write_tx(conn, |conn| {
        let before: OverrideRow = calendar_overrides::table
            .filter(calendar_overrides::day.eq(day))
            .select(OverrideRow::as_select())
            .first(conn)?;
        diesel::delete(calendar_overrides::table.filter(calendar_overrides::day.eq(day))).execute(conn)?;
        audit::record(conn, actor, AuditEntry::deleted(&before))?;
        recompute_open(conn, actor, &format!("bỏ ngày {} khỏi lịch nghỉ", day.format("%d/%m/%Y")))
    })
}

pub fn update_holiday_rule(conn: &mut DbConnection, actor: &Actor, row: HolidayRuleRow) -> Result<usize, AppError> {
    write_tx(conn, |conn| {
        let before: HolidayRuleRow =
            holiday_rules::table.find(&row.id).select(HolidayRuleRow::as_select()).first(conn)?;
        // What the form may change; the rest of the row stays as stored.
        let edited = HolidayRuleRow {
            name_vi: row.name_vi,
            name_en: row.name_en,
            days: row.days,
            days_before: row.days_before,
            compensate: row.compensate,
            valid_from: row.valid_from,
            valid_to: row.valid_to,
            legal_source: row.legal_source,
            verified: row.verified,
            updated_at: crate::time::now(),
            ..before.clone()
        };
        diesel::update(holiday_rules::table.find(&edited.id)).set(&edited).execute(conn)?;
        let after: HolidayRuleRow =
            holiday_rules::table.find(&edited.id).select(HolidayRuleRow::as_select()).first(conn)?;
        match AuditEntry::updated(&before, &after) {
            Some(e) => {
                audit::record(conn, actor, e)?;
                recompute_open(conn, actor, &format!("quy tắc ngày nghỉ \"{}\" thay đổi", after.name_vi))
            }
            None => Ok(0),
        }
    })
}

/// Adds a statutory holiday rule (the list itself changes, e.g. 24/11 from 2026); open deadlines are
/// recomputed.
pub fn add_holiday_rule(conn: &mut DbConnection, actor: &Actor, row: HolidayRuleRow) -> Result<usize, AppError> {
    write_tx(conn, |conn| {
        diesel::insert_into(holiday_rules::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        recompute_open(conn, actor, &format!("thêm ngày nghỉ \"{}\"", row.name_vi))
    })
}

/// Recomputes the due date of every open deadline (after a calendar change); each one that moves
/// gets an audit entry naming the cause. Call inside the transaction that changed the calendar.
pub fn recompute_open(conn: &mut DbConnection, actor: &Actor, cause: &str) -> Result<usize, AppError> {
    let cal = load_calendar(conn)?;
    let today = crate::time::today_vn();
    let open: Vec<DeadlineRow> =
        deadlines::table.filter(deadlines::closed_at.is_null()).select(DeadlineRow::as_select()).load(conn)?;
    let mut moved = 0;
    for d in open {
        let due = d.explain(&cal, today)?.due;
        if due != d.due_date {
            diesel::update(deadlines::table.find(&d.id))
                .set((deadlines::due_date.eq(due), deadlines::updated_at.eq(crate::time::now())))
                .execute(conn)?;
            let actor = Actor { agency_id: Some(d.agency_id.clone()), ..actor.clone() };
            audit::record(
                conn,
                &actor,
                AuditEntry::state(
                    &d,
                    AuditAction::Recompute,
                    vec![
                        change("due_date", d.due_date.to_string(), due.to_string()),
                        change("cause", Value::Null, cause),
                    ],
                ),
            )?;
            moved += 1;
        }
    }
    Ok(moved)
}
