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

/// Among `rules` (every version, as [`deadline_rules`] reads them), the version of `code` in force on
/// `on`: what [`rule_in_force`] reads from the database, for a list that names many deadlines' rules.
pub fn version_on<'a>(rules: &'a [DeadlineRuleRow], code: &str, on: NaiveDate) -> Option<&'a DeadlineRuleRow> {
    rules
        .iter()
        .filter(|r| r.code == code && r.valid_from <= on && r.valid_to.is_none_or(|to| to >= on))
        .max_by_key(|r| r.valid_from)
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

/// The kinds of record whose deadlines this reader may not see: a complaint's or denunciation's
/// clock only for those who may read complaints (citizens' personal data; `Permission::ComplaintRead`).
pub fn hidden_kinds(u: &crate::auth::Identity) -> Vec<&'static str> {
    if u.can(crate::auth::Permission::ComplaintRead) { Vec::new() } else { vec!["submission"] }
}

/// One of the agency's deadlines that the reader may see (not found otherwise).
pub fn find_visible(
    conn: &mut DbConnection,
    id: &str,
    agency_id: &str,
    hidden: &[&str],
) -> Result<DeadlineRow, AppError> {
    let d = find_deadline(conn, id, agency_id)?;
    if hidden.contains(&d.record_type.as_str()) {
        return Err(AppError::NotFound);
    }
    Ok(d)
}

/// The kinds of record a deadline runs for, in the order the list offers them.
pub const KINDS: [&str; 8] =
    ["engagement", "violation", "recommendation", "submission", "dossier", "permit", "report_draft", "manual"];

/// The words for a kind of record (the reports' alerts and the deadlines list share them).
pub fn kind_label(t: Tr, kind: &str) -> &'static str {
    t.t(match kind {
        "engagement" => "report.alert.engagement",
        "violation" => "report.alert.violation",
        "recommendation" => "report.alert.recommendation",
        "submission" => "report.alert.submission",
        "dossier" => "report.alert.dossier",
        "permit" => "report.alert.permit",
        "report_draft" => "report.alert.report",
        "manual" => "report.alert.manual",
        _ => "report.alert.other",
    })
}

/// The record a deadline runs for, as the list names it: the outlet of an engagement (or of the
/// engagement a violation or recommendation belongs to), a complaint's or a dossier's register
/// number with its subject or applicant; and the page that shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordRef {
    pub name: String,
    pub href: Option<String>,
}

/// The records of `rows`, by deadline id: one query per kind present, none per row. Kinds with no
/// page of their own (a manual deadline, a periodic report, a permit) are left out.
pub fn records(
    conn: &mut DbConnection,
    rows: &[DeadlineRow],
) -> Result<std::collections::HashMap<String, RecordRef>, AppError> {
    use crate::db::schema::{dossiers, engagements, outlets, recommendations, submissions, violations};
    let ids = |kind: &str| -> Vec<String> {
        rows.iter().filter(|d| d.record_type == kind).map(|d| d.record_id.clone()).collect()
    };
    // (kind, record id) -> reference.
    let mut found: std::collections::HashMap<(&str, String), RecordRef> = std::collections::HashMap::new();
    // Violations and recommendations are shown on their engagement's page: (kind, id, engagement).
    let mut on_engagement: Vec<(&str, String, String)> =
        ids("engagement").into_iter().map(|id| ("engagement", id.clone(), id)).collect();
    let wanted = ids("violation");
    if !wanted.is_empty() {
        let got: Vec<(String, String)> = violations::table
            .filter(violations::id.eq_any(&wanted))
            .select((violations::id, violations::engagement_id))
            .load(conn)?;
        on_engagement.extend(got.into_iter().map(|(id, e)| ("violation", id, e)));
    }
    let wanted = ids("recommendation");
    if !wanted.is_empty() {
        let got: Vec<(String, String)> = recommendations::table
            .filter(recommendations::id.eq_any(&wanted))
            .select((recommendations::id, recommendations::engagement_id))
            .load(conn)?;
        on_engagement.extend(got.into_iter().map(|(id, e)| ("recommendation", id, e)));
    }
    if !on_engagement.is_empty() {
        let wanted: Vec<&String> = on_engagement.iter().map(|(_, _, e)| e).collect();
        let outlets: std::collections::HashMap<String, String> = engagements::table
            .inner_join(outlets::table)
            .filter(engagements::id.eq_any(wanted))
            .select((engagements::id, outlets::name))
            .load::<(String, String)>(conn)?
            .into_iter()
            .collect();
        for (kind, id, engagement) in on_engagement {
            if let Some(name) = outlets.get(&engagement) {
                let href = Some(format!("/inspections/{engagement}"));
                found.insert((kind, id), RecordRef { name: name.clone(), href });
            }
        }
    }
    let wanted = ids("submission");
    if !wanted.is_empty() {
        let got: Vec<(String, i64, i32, String)> = submissions::table
            .filter(submissions::id.eq_any(&wanted))
            .select((submissions::id, submissions::number, submissions::year, submissions::subject))
            .load(conn)?;
        for (id, number, year, subject) in got {
            let href = Some(format!("/complaints/{id}"));
            found.insert(("submission", id), RecordRef { name: format!("{number}/{year} — {subject}"), href });
        }
    }
    let wanted = ids("dossier");
    if !wanted.is_empty() {
        let got: Vec<(String, i64, i32, String)> = dossiers::table
            .filter(dossiers::id.eq_any(&wanted))
            .select((dossiers::id, dossiers::number, dossiers::year, dossiers::applicant))
            .load(conn)?;
        for (id, number, year, applicant) in got {
            let href = Some(format!("/permits/{id}"));
            found.insert(("dossier", id), RecordRef { name: format!("{number}/{year} — {applicant}"), href });
        }
    }
    Ok(rows
        .iter()
        .filter_map(|d| {
            let r = found.get(&(d.record_type.as_str(), d.record_id.clone()))?;
            Some((d.id.to_string(), r.clone()))
        })
        .collect())
}

/// The deadlines list's filters, as the page's query string and the API's parameters give them.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeadlineFilter {
    /// The kind of record: engagement, violation, recommendation, submission, dossier, permit,
    /// report_draft or manual; empty: every kind.
    #[serde(default)]
    pub kind: String,
    /// overdue, due_soon (within the warning days, today included) or on_track; empty: all.
    #[serde(default)]
    pub due: String,
    #[serde(default)]
    pub page: Option<i64>,
}

/// One page of the agency's running deadlines, soonest first, and how many there are (counted up
/// to [`crate::db::COUNT_CAP`]). Read from the index on (agency, closed_at, due_date).
pub fn open_page(
    conn: &mut DbConnection,
    agency_id: &str,
    hidden: &[&str],
    f: &DeadlineFilter,
    today: NaiveDate,
    soon_until: NaiveDate,
    paging: &crate::web::Paging,
) -> Result<(Vec<DeadlineRow>, crate::db::Total), AppError> {
    let kind = crate::domain::text::param(&f.kind);
    let build = || {
        let mut q = deadlines::table
            .filter(deadlines::agency_id.eq(agency_id))
            .filter(deadlines::closed_at.is_null())
            .into_boxed();
        if !hidden.is_empty() {
            q = q.filter(deadlines::record_type.ne_all(hidden.to_vec()));
        }
        if !kind.is_empty() {
            q = q.filter(deadlines::record_type.eq(kind.clone()));
        }
        match f.due.trim() {
            "overdue" => q.filter(deadlines::due_date.lt(today)),
            "due_soon" => q.filter(deadlines::due_date.ge(today)).filter(deadlines::due_date.le(soon_until)),
            "on_track" => q.filter(deadlines::due_date.gt(soon_until)),
            _ => q,
        }
    };
    let past_cap =
        build().select(deadlines::id).offset(crate::db::COUNT_CAP).limit(1).first::<String>(conn).optional()?.is_some();
    let total = crate::db::Total::bounded(past_cap, || build().count().get_result(conn))?;
    let rows = build()
        .order((deadlines::due_date.asc(), deadlines::id.asc()))
        .limit(paging.per_page)
        .offset(paging.offset())
        .select(DeadlineRow::as_select())
        .load(conn)?;
    Ok((rows, total))
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

/// How many of the agency's deadlines the reader may see run (`hidden`: [`hidden_kinds`]), and how
/// many of those are past their due day: two counts from the index on (agency, closed_at,
/// due_date), no rows read.
pub fn open_counts(
    conn: &mut DbConnection,
    agency_id: &str,
    hidden: &[&str],
    today: NaiveDate,
) -> Result<(i64, i64), AppError> {
    let open = || {
        let q = deadlines::table
            .filter(deadlines::agency_id.eq(agency_id))
            .filter(deadlines::closed_at.is_null())
            .into_boxed();
        if hidden.is_empty() { q } else { q.filter(deadlines::record_type.ne_all(hidden.to_vec())) }
    };
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
