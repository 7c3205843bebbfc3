//! Fills the holiday rules, the 2026 schedule and the deadline rules on a fresh database.

use chrono::NaiveDate;
use diesel::prelude::*;

pub mod deadlines;
pub mod deadlines_citizens;
pub mod deadlines_permits;
pub mod holidays;

use crate::audit::{self, Actor, AuditEntry};
use crate::calendar::model::{DeadlineRuleRow, HolidayRuleRow, OverrideRow};
use crate::db::DbConnection;
use crate::db::schema::{calendar_overrides, deadline_rules, holiday_rules};
use crate::error::AppError;
use deadlines::DEADLINES;
use deadlines_citizens::CITIZEN_DEADLINES;
use deadlines_permits::PERMIT_DEADLINES;
use holidays::{HOLIDAYS, OVERRIDES_2026};

fn date(s: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| AppError::Internal(anyhow::anyhow!("seed date {s}: {e}")))
}

/// The calendar a fresh installation starts with, without a database (the engine's tests and the
/// fuzz targets). The seed is static and checked by those tests.
pub fn builtin_calendar() -> crate::calendar::engine::Calendar {
    use crate::calendar::engine::{Calendar, HolidayRule, Override, OverrideKind, RuleKind};
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
    let rules = HOLIDAYS
        .iter()
        .filter_map(|(code, vi, en, kind, month, d, days, before, from, to, src, ver)| {
            Some(HolidayRule {
                code: (*code).into(),
                name_vi: (*vi).into(),
                name_en: (*en).into(),
                kind: RuleKind::parse(kind)?,
                month: *month,
                day: *d,
                days: *days,
                days_before: *before,
                compensate: true,
                valid_from: day(from),
                valid_to: to.map(day),
                legal_source: (*src).into(),
                verified: *ver,
            })
        })
        .collect();
    let overrides = OVERRIDES_2026
        .iter()
        .filter_map(|(d, kind, name, src)| {
            Some(Override {
                day: day(d),
                kind: OverrideKind::parse(kind)?,
                name: (*name).into(),
                legal_source: (*src).into(),
            })
        })
        .collect();
    Calendar::new(rules, overrides)
}

/// Call inside a write transaction.
pub fn ensure(conn: &mut DbConnection, actor: &Actor) -> Result<(), AppError> {
    let now = crate::time::now();
    let n: i64 = holiday_rules::table.count().get_result(conn)?;
    if n == 0 {
        for (code, vi, en, kind, month, day, days, before, from, to, source, verified) in HOLIDAYS {
            let row = HolidayRuleRow {
                id: uuid::Uuid::now_v7().to_string(),
                code: (*code).into(),
                name_vi: (*vi).into(),
                name_en: (*en).into(),
                kind: (*kind).into(),
                month: *month as i32,
                day: *day as i32,
                days: *days as i32,
                days_before: *before as i32,
                compensate: true,
                valid_from: date(from)?,
                valid_to: to.map(date).transpose()?,
                legal_source: (*source).into(),
                verified: *verified,
                created_at: now,
                updated_at: now,
            };
            diesel::insert_into(holiday_rules::table).values(&row).execute(conn)?;
            audit::record(conn, actor, AuditEntry::created(&row))?;
        }
        for (day, kind, name, source) in OVERRIDES_2026 {
            let row = OverrideRow {
                id: uuid::Uuid::now_v7().to_string(),
                day: date(day)?,
                kind: (*kind).into(),
                name: (*name).into(),
                legal_source: (*source).into(),
                created_at: now,
            };
            diesel::insert_into(calendar_overrides::table).values(&row).execute(conn)?;
            audit::record(conn, actor, AuditEntry::created(&row))?;
        }
    }
    // Rules a release adds reach existing installations: a code not yet known is inserted; a known
    // one is left as administrators keep it.
    for (code, vi, en, duration, unit, start, ext_max, ext_dur, pausable, source, verified, from, notes) in
        CITIZEN_DEADLINES.iter().chain(DEADLINES).chain(PERMIT_DEADLINES)
    {
        let known: i64 = deadline_rules::table.filter(deadline_rules::code.eq(*code)).count().get_result(conn)?;
        if known == 0 {
            let row = DeadlineRuleRow {
                id: uuid::Uuid::now_v7().to_string(),
                code: (*code).into(),
                name_vi: (*vi).into(),
                name_en: (*en).into(),
                duration: *duration as i32,
                unit: (*unit).into(),
                start_event: (*start).into(),
                extension_max: *ext_max as i32,
                extension_duration: *ext_dur as i32,
                pausable: *pausable,
                legal_source: (*source).into(),
                verified: *verified,
                valid_from: date(from)?,
                valid_to: None,
                notes: (*notes).into(),
                created_at: now,
                updated_at: now,
            };
            diesel::insert_into(deadline_rules::table).values(&row).execute(conn)?;
            audit::record(conn, actor, AuditEntry::created(&row))?;
        }
    }
    Ok(())
}
