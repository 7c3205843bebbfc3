//! Calendar and deadline rows, and their changes (each audited).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::{Value, json};

use super::engine::{self, Adjustment, Calendar, HolidayRule, Override, OverrideKind, RuleKind, Unit};
use crate::audit::{self, Actor, AuditAction, AuditEntry, Auditable, model::change};
use crate::db::schema::{calendar_overrides, deadline_rules, deadlines, holiday_rules};
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldError, FieldErrors};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = holiday_rules)]
pub struct HolidayRuleRow {
    pub id: String,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub kind: String,
    pub month: i32,
    pub day: i32,
    pub days: i32,
    pub days_before: i32,
    pub compensate: bool,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub legal_source: String,
    pub verified: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl HolidayRuleRow {
    pub fn to_rule(&self) -> Option<HolidayRule> {
        Some(HolidayRule {
            code: self.code.clone(),
            name_vi: self.name_vi.clone(),
            name_en: self.name_en.clone(),
            kind: RuleKind::parse(&self.kind)?,
            month: u32::try_from(self.month).ok()?,
            day: u32::try_from(self.day).ok()?,
            days: u32::try_from(self.days).ok()?,
            days_before: u32::try_from(self.days_before).ok()?,
            compensate: self.compensate,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            legal_source: self.legal_source.clone(),
            verified: self.verified,
        })
    }
}

impl Auditable for HolidayRuleRow {
    const RECORD_TYPE: &'static str = "holiday_rule";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        self.name_vi.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("code", json!(self.code)),
            ("name_vi", json!(self.name_vi)),
            ("kind", json!(self.kind)),
            ("month", json!(self.month)),
            ("day", json!(self.day)),
            ("days", json!(self.days)),
            ("days_before", json!(self.days_before)),
            ("compensate", json!(self.compensate)),
            ("valid_from", json!(self.valid_from.to_string())),
            ("valid_to", json!(self.valid_to.map(|d| d.to_string()))),
            ("legal_source", json!(self.legal_source)),
            ("verified", json!(self.verified)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = calendar_overrides)]
pub struct OverrideRow {
    pub id: String,
    pub day: NaiveDate,
    pub kind: String,
    pub name: String,
    pub legal_source: String,
    pub created_at: NaiveDateTime,
}

impl Auditable for OverrideRow {
    const RECORD_TYPE: &'static str = "calendar";
    fn audit_id(&self) -> String {
        self.day.to_string()
    }
    fn audit_label(&self) -> String {
        format!("{} {}", self.day.format("%d/%m/%Y"), self.name)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("day", json!(self.day.to_string())),
            ("kind", json!(self.kind)),
            ("name", json!(self.name)),
            ("legal_source", json!(self.legal_source)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize, utoipa::ToSchema)]
#[diesel(table_name = deadline_rules)]
pub struct DeadlineRuleRow {
    #[serde(skip)]
    pub id: String,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub duration: i32,
    /// calendar, working or months.
    pub unit: String,
    pub start_event: String,
    pub extension_max: i32,
    pub extension_duration: i32,
    pub pausable: bool,
    pub legal_source: String,
    pub verified: bool,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub notes: String,
    #[serde(skip)]
    pub created_at: NaiveDateTime,
    #[serde(skip)]
    pub updated_at: NaiveDateTime,
}

impl DeadlineRuleRow {
    pub fn unit(&self) -> Unit {
        Unit::parse(&self.unit).unwrap_or(Unit::CalendarDays)
    }
}

impl Auditable for DeadlineRuleRow {
    const RECORD_TYPE: &'static str = "deadline_rule";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} {}", self.code, self.name_vi)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("code", json!(self.code)),
            ("name_vi", json!(self.name_vi)),
            ("name_en", json!(self.name_en)),
            ("duration", json!(self.duration)),
            ("unit", json!(self.unit)),
            ("start_event", json!(self.start_event)),
            ("extension_max", json!(self.extension_max)),
            ("extension_duration", json!(self.extension_duration)),
            ("pausable", json!(self.pausable)),
            ("legal_source", json!(self.legal_source)),
            ("verified", json!(self.verified)),
            ("valid_from", json!(self.valid_from.to_string())),
            ("valid_to", json!(self.valid_to.map(|d| d.to_string()))),
            ("notes", json!(self.notes)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = deadlines)]
pub struct DeadlineRow {
    pub id: String,
    pub agency_id: String,
    pub record_type: String,
    pub record_id: String,
    pub label: String,
    pub rule_code: Option<String>,
    pub start_date: NaiveDate,
    pub duration: i32,
    pub unit: String,
    pub adjustments: String,
    pub due_date: NaiveDate,
    pub closed_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl DeadlineRow {
    pub fn adjustments(&self) -> Vec<Adjustment> {
        serde_json::from_str(&self.adjustments).unwrap_or_default()
    }
    pub fn unit(&self) -> Unit {
        Unit::parse(&self.unit).unwrap_or(Unit::CalendarDays)
    }
    pub fn explain(&self, cal: &Calendar, today: NaiveDate) -> Result<engine::Explanation, AppError> {
        engine::compute(
            cal,
            self.start_date,
            u32::try_from(self.duration).unwrap_or(0),
            self.unit(),
            &self.adjustments(),
            today,
        )
        .map_err(refused)
    }
}

impl Auditable for DeadlineRow {
    const RECORD_TYPE: &'static str = "deadline";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        self.label.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("label", json!(self.label)),
            ("record", json!(format!("{}:{}", self.record_type, self.record_id))),
            ("rule_code", json!(self.rule_code)),
            ("start_date", json!(self.start_date.to_string())),
            ("duration", json!(self.duration)),
            ("unit", json!(self.unit)),
            ("adjustments", serde_json::from_str(&self.adjustments).unwrap_or(Value::Null)),
            ("due_date", json!(self.due_date.to_string())),
            ("closed", json!(self.closed_at.is_some())),
        ]
    }
}

// ---------- loading the calendar ----------

pub fn holiday_rules(conn: &mut DbConnection) -> Result<Vec<HolidayRuleRow>, AppError> {
    Ok(holiday_rules::table
        .order((holiday_rules::month.asc(), holiday_rules::day.asc(), holiday_rules::valid_from.asc()))
        .select(HolidayRuleRow::as_select())
        .load(conn)?)
}

pub fn overrides(conn: &mut DbConnection) -> Result<Vec<OverrideRow>, AppError> {
    Ok(calendar_overrides::table.order(calendar_overrides::day.asc()).select(OverrideRow::as_select()).load(conn)?)
}

/// The calendar as configured now.
pub fn load_calendar(conn: &mut DbConnection) -> Result<Calendar, AppError> {
    let rules = holiday_rules(conn)?.iter().filter_map(HolidayRuleRow::to_rule).collect();
    let ovs = overrides(conn)?
        .into_iter()
        .filter_map(|o| {
            Some(Override {
                day: o.day,
                kind: OverrideKind::parse(&o.kind)?,
                name: o.name,
                legal_source: o.legal_source,
            })
        })
        .collect();
    Ok(Calendar::new(rules, ovs))
}

// ---------- overrides ----------

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
        diesel::update(holiday_rules::table.find(&row.id))
            .set((
                holiday_rules::name_vi.eq(&row.name_vi),
                holiday_rules::name_en.eq(&row.name_en),
                holiday_rules::days.eq(row.days),
                holiday_rules::days_before.eq(row.days_before),
                holiday_rules::compensate.eq(row.compensate),
                holiday_rules::valid_from.eq(row.valid_from),
                holiday_rules::valid_to.eq(row.valid_to),
                holiday_rules::legal_source.eq(&row.legal_source),
                holiday_rules::verified.eq(row.verified),
                holiday_rules::updated_at.eq(crate::time::now()),
            ))
            .execute(conn)?;
        let after: HolidayRuleRow =
            holiday_rules::table.find(&row.id).select(HolidayRuleRow::as_select()).first(conn)?;
        match AuditEntry::updated(&before, &after) {
            Some(e) => {
                audit::record(conn, actor, e)?;
                recompute_open(conn, actor, &format!("quy tắc ngày nghỉ \"{}\" thay đổi", after.name_vi))
            }
            None => Ok(0),
        }
    })
}

// ---------- deadline rules ----------

pub fn deadline_rules(conn: &mut DbConnection) -> Result<Vec<DeadlineRuleRow>, AppError> {
    Ok(deadline_rules::table
        .order((deadline_rules::code.asc(), deadline_rules::valid_from.desc()))
        .select(DeadlineRuleRow::as_select())
        .load(conn)?)
}

/// The version of rule `code` in force on `on`.
pub fn rule_in_force(conn: &mut DbConnection, code: &str, on: NaiveDate) -> Result<Option<DeadlineRuleRow>, AppError> {
    Ok(deadline_rules::table
        .filter(deadline_rules::code.eq(code))
        .filter(deadline_rules::valid_from.le(on))
        .filter(deadline_rules::valid_to.is_null().or(deadline_rules::valid_to.ge(on)))
        .order(deadline_rules::valid_from.desc())
        .select(DeadlineRuleRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_rule(conn: &mut DbConnection, id: &str) -> Result<DeadlineRuleRow, AppError> {
    Ok(deadline_rules::table.find(id).select(DeadlineRuleRow::as_select()).first(conn)?)
}

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

// ---------- tracked deadlines ----------

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
    let due = engine::compute(&cal, new.start, duration, unit, &[], today).map_err(refused)?.due;
    let now = crate::time::now();
    let row = DeadlineRow {
        id: uuid::Uuid::now_v7().to_string(),
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

pub fn find_deadline(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<DeadlineRow, AppError> {
    Ok(deadlines::table
        .find(id)
        .filter(deadlines::agency_id.eq(agency_id))
        .select(DeadlineRow::as_select())
        .first(conn)?)
}

pub fn open_deadlines(conn: &mut DbConnection, agency_id: &str) -> Result<Vec<DeadlineRow>, AppError> {
    Ok(deadlines::table
        .filter(deadlines::agency_id.eq(agency_id))
        .filter(deadlines::closed_at.is_null())
        .order(deadlines::due_date.asc())
        .select(DeadlineRow::as_select())
        .load(conn)?)
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
        diesel::update(deadlines::table.find(id))
            .set((
                deadlines::adjustments.eq(&after.adjustments),
                deadlines::due_date.eq(after.due_date),
                deadlines::updated_at.eq(after.updated_at),
            ))
            .execute(conn)?;
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

/// Adds a statutory holiday rule (the list itself changes, e.g. 24/11 from 2026); open deadlines are
/// recomputed.
pub fn add_holiday_rule(conn: &mut DbConnection, actor: &Actor, row: HolidayRuleRow) -> Result<usize, AppError> {
    write_tx(conn, |conn| {
        diesel::insert_into(holiday_rules::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        recompute_open(conn, actor, &format!("thêm ngày nghỉ \"{}\"", row.name_vi))
    })
}

/// A start or a length the engine cannot count, as the caller's refusal.
fn refused(e: engine::DeadlineError) -> AppError {
    AppError::BadRequest(match e {
        engine::DeadlineError::Duration(max) => crate::error::Refusal::new(Code::DeadlineTooLong).with("", max),
        engine::DeadlineError::Start => crate::error::Refusal::new(Code::DeadlineStartInvalid),
    })
}
