//! The head's reception days: a new version of the schedule (from a date, with its source), who
//! presides and who is on duty on a day, and the notice publishing a year's days, drafted in the
//! document engine.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditEntry};
use crate::db::schema::{reception_duties, reception_schedules};
use crate::db::{DbConnection, write_tx};
use crate::domain::input as forms;
use crate::error::{AppError, Code, FieldError, FieldErrors, Refusal};
use crate::reception::model::*;
use crate::reception::queries as q;

/// A version of the schedule as an administrator or leader enters it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ReceptionScheduleInput)]
pub struct ScheduleInput {
    /// In force from this day (YYYY-MM-DD or DD/MM/YYYY).
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub valid_from: String,
    #[serde(default)]
    #[schema(value_type = Pattern, required = true)]
    pub pattern: String,
    /// monthly: 1–31 (a shorter month takes its last day).
    #[serde(default)]
    pub day_of_month: String,
    /// weekly: 1 = Monday … 7 = Sunday.
    #[serde(default)]
    pub weekday: String,
    #[serde(default)]
    pub place: String,
    /// The text that sets it (the legal minimum, the agency's regulation).
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub legal_source: String,
}

fn number(field: &str, s: &str, range: std::ops::RangeInclusive<i32>, needed: bool, e: &mut FieldErrors) -> i32 {
    match (needed, s.trim().parse::<i32>()) {
        (false, _) => *range.start(),
        (true, Ok(n)) if range.contains(&n) => n,
        _ => {
            e.push(FieldError::with_arg(field, Code::OutOfRange, format!("{}–{}", range.start(), range.end())));
            *range.start()
        }
    }
}

fn any_day(field: &str, s: &str, e: &mut FieldErrors) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        e.add(field, Code::Required);
        return None;
    }
    match NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y")) {
        Ok(d) if (2000..=2100).contains(&chrono::Datelike::year(&d)) => Some(d),
        _ => {
            e.add(field, Code::DateInvalid);
            None
        }
    }
}

/// Adds a version of the schedule: everything or nothing.
pub fn add_schedule(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    input: &ScheduleInput,
) -> Result<ScheduleRow, AppError> {
    let mut e = FieldErrors::new();
    let valid_from = any_day("valid_from", &input.valid_from, &mut e);
    let pattern = match input.pattern.trim() {
        "" => {
            e.add("pattern", Code::Required);
            None
        }
        p => Pattern::parse(p).or_else(|| {
            e.add("pattern", Code::InvalidChoice);
            None
        }),
    };
    let day_of_month = number("day_of_month", &input.day_of_month, 1..=31, pattern == Some(Pattern::Monthly), &mut e);
    let weekday = number("weekday", &input.weekday, 1..=7, pattern == Some(Pattern::Weekly), &mut e);
    let place = forms::line("place", &input.place, false, 300, &mut e);
    let legal_source = forms::line("legal_source", &input.legal_source, true, 500, &mut e);
    e.into_result()?;
    let (Some(valid_from), Some(pattern)) = (valid_from, pattern) else {
        return Err(FieldErrors::one("pattern", Code::Required).into());
    };
    write_tx(conn, |conn| {
        let taken: i64 = reception_schedules::table
            .filter(reception_schedules::agency_id.eq(agency_id))
            .filter(reception_schedules::valid_from.eq(valid_from))
            .count()
            .get_result(conn)?;
        if taken > 0 {
            return Err(FieldErrors::one("valid_from", Code::Duplicate).into());
        }
        let row = ScheduleRow {
            id: uuid::Uuid::now_v7().to_string(),
            agency_id: agency_id.to_string(),
            valid_from,
            pattern,
            day_of_month,
            weekday,
            place,
            legal_source,
            created_by: actor.name.clone(),
            created_at: crate::time::now(),
        };
        diesel::insert_into(reception_schedules::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

/// Who presides and who is on duty on a reception day.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ReceptionDutyInput)]
pub struct DutyInput {
    /// Who presides, with the title.
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub host: String,
    /// The officer on duty: a user of the agency, or empty.
    #[serde(default)]
    pub officer_id: String,
    #[serde(default)]
    pub note: String,
}

/// Sets the duty of a reception day (one of the calendar's days): everything or nothing.
pub fn set_duty(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    day: NaiveDate,
    input: &DutyInput,
) -> Result<DutyRow, AppError> {
    let mut e = FieldErrors::new();
    let host = forms::line("host", &input.host, true, 200, &mut e);
    let note = forms::line("note", &input.note, false, 300, &mut e);
    e.into_result()?;
    let officer_id = Some(input.officer_id.trim().to_string()).filter(|s| !s.is_empty());
    write_tx(conn, |conn| {
        if !q::is_reception_day(conn, agency_id, day)? {
            return Err(AppError::Conflict(
                Refusal::new(Code::ReceptionNotScheduled).with("day", crate::time::show_date(&day)),
            ));
        }
        if let Some(o) = &officer_id {
            crate::users::queries::find_in_agency(conn, o, agency_id)
                .map_err(|_| AppError::from(FieldErrors::one("officer_id", Code::NotFound)))?;
        }
        let before: Option<DutyRow> = reception_duties::table
            .filter(reception_duties::agency_id.eq(agency_id))
            .filter(reception_duties::day.eq(day))
            .select(DutyRow::as_select())
            .first(conn)
            .optional()?;
        let row = DutyRow {
            agency_id: agency_id.to_string(),
            day,
            host,
            officer_id,
            note,
            updated_by: actor.name.clone(),
            updated_at: crate::time::now(),
        };
        match &before {
            Some(b) => {
                diesel::update(reception_duties::table.find((agency_id, day))).set(&row).execute(conn)?;
                if let Some(entry) = AuditEntry::updated(b, &row) {
                    audit::record(conn, actor, entry)?;
                }
            }
            None => {
                diesel::insert_into(reception_duties::table).values(&row).execute(conn)?;
                audit::record(conn, actor, AuditEntry::created(&row))?;
            }
        }
        Ok(row)
    })
}

/// Drafts the notice publishing the reception days of `year`.
pub fn draft_notice(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    year: i32,
) -> Result<crate::documents::model::DocumentRow, AppError> {
    write_tx(conn, |conn| {
        let cal = q::calendar(conn, agency_id, year)?;
        if cal.days.is_empty() {
            return Err(AppError::Conflict(Code::ReceptionNoSchedule.into()));
        }
        let agency = crate::agencies::queries::find(conn, agency_id)?.name;
        let signer = crate::agencies::queries::signer_in_force(conn, agency_id)?;
        let draft = crate::reception::compose::calendar_notice(&agency, year, &cal.place, &cal.lines(), &signer);
        crate::documents::steps::draft::create_draft(conn, actor, agency_id, draft.validate()?)
    })
}
