//! Reads of the calendar and the deadlines: the calendar in force (rules and overrides), the rules,
//! tracked deadlines, and the calculator that pages and API share.

use chrono::Datelike;
use chrono::NaiveDate;
use diesel::prelude::*;

use super::engine::DeadlineStatus;
use crate::i18n::Tr;

use super::engine::{self, Calendar, Override, OverrideKind, Unit};
use crate::db::DbConnection;
use crate::db::schema::{calendar_overrides, deadline_rules, deadlines, holiday_rules};
use crate::error::{AppError, Code, FieldError, FieldErrors};

// ---------- loading the calendar ----------

use super::model::*;
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

// ---------- tracked deadlines ----------

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

/// The running deadline of a record with this label, if it has one (at most one runs per label).
pub fn running(
    conn: &mut DbConnection,
    record_type: &str,
    record_id: &str,
    label: &str,
) -> Result<Option<DeadlineRow>, AppError> {
    Ok(deadlines::table
        .filter(deadlines::record_type.eq(record_type))
        .filter(deadlines::record_id.eq(record_id))
        .filter(deadlines::label.eq(label))
        .filter(deadlines::closed_at.is_null())
        .select(DeadlineRow::as_select())
        .first(conn)
        .optional()?)
}

/// How many of the agency's deadlines run, and how many of those are past their due day: two counts
/// from the index on (agency, closed_at, due_date), no rows read.
pub fn open_counts(conn: &mut DbConnection, agency_id: &str, today: NaiveDate) -> Result<(i64, i64), AppError> {
    let open = || deadlines::table.filter(deadlines::agency_id.eq(agency_id)).filter(deadlines::closed_at.is_null());
    let all: i64 = open().count().get_result(conn)?;
    let overdue: i64 = open().filter(deadlines::due_date.lt(today)).count().get_result(conn)?;
    Ok((all, overdue))
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CalcQuery {
    #[serde(default)]
    pub start: String,
    #[serde(default)]
    pub days: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub rule: String,
}

/// A computed deadline and the rule it came from.
pub struct Computed {
    pub explanation: engine::Explanation,
    pub rule: Option<DeadlineRuleRow>,
}

/// Checks calculator input (page, API and CLI share it) and computes.
pub fn compute_query(conn: &mut DbConnection, q: &CalcQuery) -> Result<Computed, AppError> {
    let mut e = FieldErrors::new();
    let start = match NaiveDate::parse_from_str(q.start.trim(), "%Y-%m-%d") {
        Ok(d) if (1990..=2100).contains(&d.year()) => Some(d),
        _ => {
            e.add("start", if q.start.trim().is_empty() { Code::Required } else { Code::DateInvalid });
            None
        }
    };
    let rule_code = crate::domain::text::param(&q.rule);
    let rule = match (&start, rule_code.is_empty()) {
        (Some(s), false) => match rule_in_force(conn, &rule_code, *s)? {
            Some(r) => Some(r),
            None => {
                e.push(FieldError::with_arg("rule", Code::UnknownRule, &rule_code));
                None
            }
        },
        _ => None,
    };
    let days = match (q.days.trim(), &rule) {
        ("", Some(r)) => Some(r.duration as u32),
        ("", None) => {
            e.add("days", Code::Required);
            None
        }
        (s, _) => match s.parse::<i64>() {
            Ok(n) if (0..=i64::from(engine::MAX_DAYS)).contains(&n) => Some(n as u32),
            Ok(_) => {
                e.push(FieldError::with_arg("days", Code::OutOfRange, format!("0–{}", engine::MAX_DAYS)));
                None
            }
            Err(_) => {
                e.add("days", Code::NotInteger);
                None
            }
        },
    };
    let unit = match (q.unit.trim(), &rule) {
        ("", Some(r)) => Some(r.unit()),
        ("", None) => Some(Unit::WorkingDays),
        (s, _) => match Unit::parse(s) {
            Some(u) => Some(u),
            None => {
                e.add("unit", Code::UnknownUnit);
                None
            }
        },
    };
    e.clone().into_result()?;
    let (Some(start), Some(days), Some(unit)) = (start, days, unit) else {
        return Err(e.into());
    };
    let cal = load_calendar(conn)?;
    let explanation = engine::compute(&cal, start, days, unit, &[], crate::time::today_vn())
        .map_err(|err| FieldErrors(vec![FieldError::with_arg("days", Code::OutOfRange, err.to_string())]))?;
    Ok(Computed { explanation, rule })
}

pub struct DeadlineItem {
    pub id: String,
    pub label: String,
    pub rule: String,
    pub start: String,
    pub due: String,
    pub status: DeadlineStatus,
    pub status_label: &'static str,
    pub left: i64,
}

pub fn items(cal: &engine::Calendar, rows: &[DeadlineRow], t: Tr, soon: u32) -> Vec<DeadlineItem> {
    let today = crate::time::today_vn();
    rows.iter()
        .map(|d| {
            let status = if d.closed_at.is_some() {
                DeadlineStatus::Closed
            } else {
                DeadlineStatus::of(cal, d.due_date, today, soon)
            };
            DeadlineItem {
                id: d.id.to_string(),
                label: d.label_in(t.lang),
                rule: d.rule_code.clone().unwrap_or_default(),
                start: d.start_date.format("%d/%m/%Y").to_string(),
                due: d.due_date.format("%d/%m/%Y").to_string(),
                status,
                status_label: t.t(status.label_key()),
                left: if today <= d.due_date {
                    cal.working_days_between(today, d.due_date)
                } else {
                    -(today - d.due_date).num_days()
                },
            }
        })
        .collect()
}

/// The last day of the warning window: `soon` working days from today.
pub fn soon_until(cal: &engine::Calendar, soon: u32) -> chrono::NaiveDate {
    let mut d = crate::time::today_vn();
    let mut left = soon;
    while left > 0 {
        d = d.succ_opt().unwrap_or(d);
        if cal.is_working(d) {
            left -= 1;
        }
    }
    d
}

/// The agency's running deadlines by kind of record (`engagement`, `submission`, `dossier`…):
/// (kind, past their due day, due from today to `soon_until`). Two grouped counts on the index on
/// (agency, closed_at, due_date).
pub fn alerts(
    conn: &mut DbConnection,
    agency_id: &str,
    today: NaiveDate,
    soon_until: NaiveDate,
) -> Result<Vec<(String, i64, i64)>, AppError> {
    use diesel::dsl::count_star;
    let open = || deadlines::table.filter(deadlines::agency_id.eq(agency_id)).filter(deadlines::closed_at.is_null());
    let overdue: Vec<(String, i64)> = open()
        .filter(deadlines::due_date.lt(today))
        .group_by(deadlines::record_type)
        .select((deadlines::record_type, count_star()))
        .load(conn)?;
    let soon: Vec<(String, i64)> = open()
        .filter(deadlines::due_date.between(today, soon_until))
        .group_by(deadlines::record_type)
        .select((deadlines::record_type, count_star()))
        .load(conn)?;
    let mut out: Vec<(String, i64, i64)> = overdue.into_iter().map(|(k, n)| (k, n, 0)).collect();
    for (k, n) in soon {
        match out.iter_mut().find(|x| x.0 == k) {
            Some(x) => x.2 = n,
            None => out.push((k, 0, n)),
        }
    }
    out.sort();
    Ok(out)
}
