//! Tracked deadlines: start tracking, extend or pause (as the rule allows), close.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::calendar::engine::{self, Adjustment, Unit};
use crate::db::schema::deadlines;
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldError, FieldErrors};

// ---------- loading the calendar ----------

use crate::calendar::model::*;
use crate::calendar::queries::*;

/// The actions `adjustment_from_input` takes.
pub const ADJUST_ACTIONS: [&str; 3] = ["extend", "pause", "resume"];

/// Builds an adjustment from what a person typed: `extend` (duration 1–365 and a reason), `pause`
/// (first paused day and a reason) or `resume` (last paused day).
pub fn adjustment_from_input(
    action: &str,
    duration: &str,
    date: &str,
    reason: &str,
    by: &str,
) -> Result<Adjustment, FieldErrors> {
    let reason = crate::domain::text::clean(reason);
    let at = crate::time::show_vn(&crate::time::now());
    let by = by.to_string();
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok();
    let err = |field: &str, code: Code| FieldErrors(vec![FieldError::new(field, code)]);
    let need_reason = |r: &str| if r.is_empty() { Err(err("reason", Code::Required)) } else { Ok(()) };
    match action {
        "extend" => {
            let n = duration
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=365).contains(n))
                .ok_or_else(|| err("duration", Code::OutOfRange))?;
            need_reason(&reason)?;
            Ok(Adjustment::Extension { duration: n, by, at, reason })
        }
        "pause" => {
            let from = date.ok_or_else(|| err("date", Code::DateInvalid))?;
            need_reason(&reason)?;
            Ok(Adjustment::Pause { from, to: None, by, at, reason })
        }
        "resume" => {
            let to = date.ok_or_else(|| err("date", Code::DateInvalid))?;
            Ok(Adjustment::Pause { from: to, to: Some(to), by, at, reason })
        }
        _ => Err(err("action", Code::InvalidChoice)),
    }
}

/// What a workflow asks to track.
#[derive(Debug, Clone)]
pub struct NewDeadline {
    pub agency_id: String,
    pub record_type: String,
    pub record_id: String,
    pub label: String,
    /// A rule code (its duration and unit are used), or an explicit duration and unit.
    pub rule_code: Option<String>,
    pub start: NaiveDate,
    pub duration: Option<u32>,
    pub unit: Option<Unit>,
}

/// Starts tracking a deadline, inside the caller's transaction.
pub fn track(conn: &mut DbConnection, actor: &Actor, new: NewDeadline) -> Result<DeadlineRow, AppError> {
    let (duration, unit) = match &new.rule_code {
        Some(code) => {
            let rule = rule_in_force(conn, code, new.start)?
                .ok_or_else(|| FieldErrors(vec![FieldError::with_arg("rule", Code::NotFound, code)]))?;
            (new.duration.unwrap_or(rule.duration as u32), new.unit.unwrap_or(rule.unit()))
        }
        None => match (new.duration, new.unit) {
            (Some(d), Some(u)) => (d, u),
            _ => return Err(FieldErrors(vec![FieldError::new("duration", Code::Required)]).into()),
        },
    };
    let cal = load_calendar(conn)?;
    let today = crate::time::today_vn();
    let due =
        engine::compute(&cal, new.start, duration, unit, &[], today).map_err(crate::calendar::model::refused)?.due;
    let now = crate::time::now();
    let row = DeadlineRow {
        id: crate::domain::DeadlineId::generate(),
        agency_id: new.agency_id,
        record_type: new.record_type,
        record_id: new.record_id,
        label: new.label,
        rule_code: new.rule_code,
        start_date: new.start,
        duration: duration as i32,
        unit: unit.code().into(),
        adjustments: "[]".into(),
        due_date: due,
        closed_at: None,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(deadlines::table).values(&row).execute(conn)?;
    audit::record(conn, actor, AuditEntry::created(&row))?;
    Ok(row)
}

/// Adds an extension or a pause (or closes an open pause) and recomputes the due date.
pub fn adjust(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    adj: Adjustment,
) -> Result<DeadlineRow, AppError> {
    write_tx(conn, |conn| {
        let before = find_deadline(conn, id, agency_id)?;
        if before.closed_at.is_some() {
            return Err(AppError::from(Code::DeadlineClosed));
        }
        let mut list = before.adjustments();
        let rule = match &before.rule_code {
            Some(c) => rule_in_force(conn, c, before.start_date)?,
            None => None,
        };
        match &adj {
            Adjustment::Extension { .. } => {
                if let Some(r) = &rule {
                    let used = list.iter().filter(|a| matches!(a, Adjustment::Extension { .. })).count() as i32;
                    if used >= r.extension_max {
                        return Err(FieldErrors(vec![FieldError::with_arg(
                            "extension",
                            Code::ExtensionLimit,
                            r.extension_max,
                        )])
                        .into());
                    }
                }
                list.push(adj.clone());
            }
            Adjustment::Pause { to: None, .. }
                if list.iter().any(|a| matches!(a, Adjustment::Pause { to: None, .. })) =>
            {
                return Err(AppError::from(Code::DeadlinePaused));
            }
            Adjustment::Pause { from, to: Some(to), .. }
                if list.iter().any(|a| matches!(a, Adjustment::Pause { to: None, .. })) =>
            {
                // Resuming: close the open pause.
                for a in list.iter_mut() {
                    if let Adjustment::Pause { to: t @ None, from: f, .. } = a {
                        if to < f {
                            return Err(FieldErrors(vec![FieldError::new("to", Code::DateOrder)]).into());
                        }
                        *t = Some(*to);
                        let _ = from;
                    }
                }
            }
            Adjustment::Pause { .. } => {
                if rule.as_ref().is_some_and(|r| !r.pausable) {
                    return Err(FieldErrors(vec![FieldError::new("pause", Code::NotPausable)]).into());
                }
                list.push(adj.clone());
            }
        }
        let cal = load_calendar(conn)?;
        let mut after = before.clone();
        after.adjustments = serde_json::to_string(&list).map_err(anyhow::Error::from)?;
        after.due_date = after.explain(&cal, crate::time::today_vn())?.due;
        after.updated_at = crate::time::now();
        diesel::update(deadlines::table.find(id)).set(&after).execute(conn)?;
        let action = match adj {
            Adjustment::Extension { .. } => AuditAction::Extend,
            Adjustment::Pause { to: None, .. } => AuditAction::Pause,
            Adjustment::Pause { .. } => AuditAction::Resume,
        };
        audit::record(conn, actor, AuditEntry::transition(&before, &after, action))?;
        Ok(after)
    })
}

pub fn close(conn: &mut DbConnection, actor: &Actor, id: &str, agency_id: &str) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        let before = find_deadline(conn, id, agency_id)?;
        if before.closed_at.is_some() {
            return Ok(());
        }
        let now = crate::time::now();
        diesel::update(deadlines::table.find(id)).set(deadlines::closed_at.eq(Some(now))).execute(conn)?;
        let mut after = before.clone();
        after.closed_at = Some(now);
        audit::record(conn, actor, AuditEntry::transition(&before, &after, AuditAction::Close))?;
        Ok(())
    })
}

/// A deadline a person starts tracking by hand (a rule, or a length and unit, from a start date):
/// the page's form and `POST /api/v1/deadlines` alike.
pub fn track_manual(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    label: &str,
    q: &CalcQuery,
) -> Result<DeadlineRow, AppError> {
    let label = crate::domain::text::clean(label);
    if label.is_empty() || label.chars().count() > 200 {
        return Err(FieldErrors::one("label", Code::Required).into());
    }
    let computed = compute_query(conn, q)?;
    write_tx(conn, |conn| {
        track(
            conn,
            actor,
            NewDeadline {
                agency_id: agency_id.to_string(),
                record_type: "manual".into(),
                record_id: uuid::Uuid::now_v7().to_string(),
                label: label.clone(),
                rule_code: computed.rule.as_ref().map(|r| r.code.clone()),
                start: computed.explanation.start,
                duration: Some(computed.explanation.duration),
                unit: Some(computed.explanation.unit),
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_action_is_understood() {
        for a in ADJUST_ACTIONS {
            let r = adjustment_from_input(a, "5", "2026-03-02", "a reason", "lanhdao");
            assert!(r.is_ok(), "{a}: {r:?}");
        }
        assert!(adjustment_from_input("stretch", "5", "", "a reason", "lanhdao").is_err());
    }
}
