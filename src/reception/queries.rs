//! Every read of citizen reception, as read models shared by pages and API: the book of visits, one
//! visit with its visitors (masked for a denunciation unless the reader may see them), and the
//! calendar of the head's reception days with who is on duty.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::compose::CalendarLine;
use super::model::*;
use super::schedule::{self, ReceptionDay};
use crate::auth::Role;
use crate::complaints::secrecy::{Disclosure, may_read_secret};
use crate::db::schema::{reception_duties, reception_schedules, reception_sessions, reception_visitors, submissions};
use crate::db::{DbConnection, Total};
use crate::error::AppError;

pub fn session(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<SessionRow, AppError> {
    reception_sessions::table
        .filter(reception_sessions::id.eq(id))
        .filter(reception_sessions::agency_id.eq(agency_id))
        .select(SessionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

pub fn visitors(conn: &mut DbConnection, id: &str) -> Result<Vec<VisitorRow>, AppError> {
    Ok(reception_visitors::table
        .filter(reception_visitors::session_id.eq(id))
        .order(reception_visitors::position.asc())
        .select(VisitorRow::as_select())
        .load(conn)?)
}

/// Whether this reader may see who came: the officer who received them and leaders.
pub fn may_read(s: &SessionRow, role: Role, user_id: &str) -> bool {
    may_read_secret(role, s.officer_id.as_deref() == Some(user_id))
}

/// The filters of the reception book.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
pub struct Filter {
    /// Words of the number, subject, host or content (and the visitors' names unless secret),
    /// without diacritics if you like.
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub action: String,
    /// The year, or empty for all.
    #[serde(default)]
    pub year: String,
    /// With `to`: receptions held from this day to that one (YYYY-MM-DD, both included), as the
    /// reports' figures open them.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub page: Option<i64>,
}

/// The book, newest first.
pub fn list(
    conn: &mut DbConnection,
    agency_id: &str,
    f: &Filter,
    paging: &crate::web::Paging,
) -> Result<(Vec<SessionRow>, Total), AppError> {
    let build = || {
        let mut q = reception_sessions::table.filter(reception_sessions::agency_id.eq(agency_id)).into_boxed();
        if let Some(k) = SessionKind::parse(&f.kind) {
            q = q.filter(reception_sessions::kind.eq(k.code()));
        }
        if let Some(a) = Action::parse(&f.action) {
            q = q.filter(reception_sessions::action.eq(a.code()));
        }
        if let Ok(y) = f.year.trim().parse::<i32>() {
            q = q.filter(reception_sessions::year.eq(y));
        }
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        if let (Some(a), Some(b)) = (day(&f.from), day(&f.to)) {
            q = q.filter(reception_sessions::held_on.between(a, b));
        }
        for word in crate::outlets::queries::search_words(&f.q) {
            q = q.filter(reception_sessions::search_text.like(crate::outlets::queries::like_word(&word)).escape('\\'));
        }
        q
    };
    let past_cap = build()
        .select(reception_sessions::id)
        .offset(crate::db::COUNT_CAP)
        .limit(1)
        .first::<String>(conn)
        .optional()?
        .is_some();
    let total = Total::bounded(past_cap, || build().count().get_result(conn))?;
    let rows = build()
        .order((reception_sessions::held_on.desc(), reception_sessions::id.desc()))
        .limit(paging.per_page)
        .offset(paging.offset())
        .select(SessionRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// One visit as a page or the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ReceptionDetail)]
pub struct Detail {
    pub session: SessionRow,
    /// Empty when secret and not revealed.
    pub visitors: Vec<VisitorRow>,
    #[schema(value_type = String)]
    #[serde(serialize_with = "disclosure_code")]
    pub disclosure: Disclosure,
    /// The officer's name.
    pub officer: String,
    /// The submission it led to: (id, its number in the register).
    pub submission: Option<(String, String)>,
}

fn disclosure_code<S: serde::Serializer>(d: &Disclosure, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(d.code())
}

/// One visit, its visitors shown as `disclosure` says (`revealed`: the reading was audited).
pub fn detail(
    conn: &mut DbConnection,
    id: &str,
    agency_id: &str,
    role: Role,
    user_id: &str,
    revealed: bool,
) -> Result<Detail, AppError> {
    let mut s = session(conn, id, agency_id)?;
    let disclosure = Disclosure::of(s.is_secret(), may_read(&s, role, user_id), revealed);
    let visitors = if disclosure.shows() { visitors(conn, id)? } else { Vec::new() };
    if !disclosure.shows() {
        s.content = String::new();
    }
    let officer = match &s.officer_id {
        Some(o) => crate::users::queries::find(conn, o).map(|u| u.display_name()).unwrap_or_default(),
        None => String::new(),
    };
    let submission = match &s.submission_id {
        Some(sid) => submissions::table
            .find(sid)
            .select((submissions::id, submissions::number, submissions::year))
            .first::<(String, i64, i32)>(conn)
            .optional()?
            .map(|(id, n, y)| (id, format!("{n}/{y}"))),
        None => None,
    };
    Ok(Detail { session: s, visitors, disclosure, officer, submission })
}

/// The visit a submission came from, if any: (id, its number in the book).
pub fn of_submission(conn: &mut DbConnection, submission_id: &str) -> Result<Option<(String, String)>, AppError> {
    Ok(reception_sessions::table
        .filter(reception_sessions::submission_id.eq(submission_id))
        .select((reception_sessions::id, reception_sessions::number, reception_sessions::year))
        .first::<(String, i64, i32)>(conn)
        .optional()?
        .map(|(id, n, y)| (id, format!("{n}/{y}"))))
}

pub fn schedules(conn: &mut DbConnection, agency_id: &str) -> Result<Vec<ScheduleRow>, AppError> {
    Ok(reception_schedules::table
        .filter(reception_schedules::agency_id.eq(agency_id))
        .order(reception_schedules::valid_from.asc())
        .select(ScheduleRow::as_select())
        .load(conn)?)
}

/// The head's reception days of a year, with who presides and who is on duty.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ReceptionCalendar)]
pub struct CalendarView {
    pub year: i32,
    pub days: Vec<DayView>,
    /// The versions of the schedule, oldest first.
    pub schedules: Vec<ScheduleRow>,
    /// Where citizens are received, from the version in force at the end of the year.
    pub place: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ReceptionDay)]
pub struct DayView {
    pub day: NaiveDate,
    /// The day the schedule named, when it fell on a day off.
    pub moved_from: Option<NaiveDate>,
    pub host: String,
    pub officer_id: Option<String>,
    pub officer: String,
    pub note: String,
    /// Visits recorded on that day.
    pub visits: i64,
}

impl CalendarView {
    pub fn lines(&self) -> Vec<CalendarLine> {
        self.days
            .iter()
            .map(|d| CalendarLine {
                day: ReceptionDay { day: d.day, moved_from: d.moved_from },
                host: d.host.clone(),
                officer: d.officer.clone(),
            })
            .collect()
    }
}

pub fn calendar(conn: &mut DbConnection, agency_id: &str, year: i32) -> Result<CalendarView, AppError> {
    let cal = crate::calendar::queries::load_calendar(conn)?;
    let schedules = schedules(conn, agency_id)?;
    let rules: Vec<_> = schedules.iter().map(ScheduleRow::rule).collect();
    let days = schedule::days_of_year(&rules, year, &cal);
    let (from, to) = (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(year + 1, 1, 31).unwrap_or_default(),
    );
    let duties: Vec<DutyRow> = reception_duties::table
        .filter(reception_duties::agency_id.eq(agency_id))
        .filter(reception_duties::day.between(from, to))
        .select(DutyRow::as_select())
        .load(conn)?;
    let held: Vec<(NaiveDate, i64)> = reception_sessions::table
        .filter(reception_sessions::agency_id.eq(agency_id))
        .filter(reception_sessions::held_on.between(from, to))
        .group_by(reception_sessions::held_on)
        .select((reception_sessions::held_on, diesel::dsl::count_star()))
        .load(conn)?;
    let users = crate::complaints::queries::assignable(conn, agency_id)?;
    let name_of = |id: &Option<String>| {
        id.as_ref().and_then(|i| users.iter().find(|(u, _)| u == i)).map(|(_, n)| n.clone()).unwrap_or_default()
    };
    let days = days
        .into_iter()
        .map(|d| {
            let duty = duties.iter().find(|x| x.day == d.day);
            let officer_id = duty.and_then(|x| x.officer_id.clone());
            DayView {
                day: d.day,
                moved_from: d.moved_from,
                host: duty.map(|x| x.host.clone()).unwrap_or_default(),
                officer: name_of(&officer_id),
                officer_id,
                note: duty.map(|x| x.note.clone()).unwrap_or_default(),
                visits: held.iter().find(|(h, _)| *h == d.day).map(|(_, n)| *n).unwrap_or(0),
            }
        })
        .collect();
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    let place = schedules
        .iter()
        .filter(|s| s.valid_from <= end)
        .max_by_key(|s| s.valid_from)
        .map(|s| s.place.clone())
        .unwrap_or_default();
    Ok(CalendarView { year, days, schedules, place })
}

/// Whether `day` is one of the head's reception days (a day the schedule named, or the working day
/// it moved to; one named late in December may move into January).
pub fn is_reception_day(conn: &mut DbConnection, agency_id: &str, day: NaiveDate) -> Result<bool, AppError> {
    let cal = crate::calendar::queries::load_calendar(conn)?;
    let rules: Vec<_> = schedules(conn, agency_id)?.iter().map(ScheduleRow::rule).collect();
    let years = if day.month() == 1 { vec![day.year() - 1, day.year()] } else { vec![day.year()] };
    Ok(years.into_iter().any(|y| schedule::days_of_year(&rules, y, &cal).iter().any(|d| d.day == day)))
}

/// The next reception day on or after `from` (the start page and the book show it).
pub fn next_day(conn: &mut DbConnection, agency_id: &str, from: NaiveDate) -> Result<Option<DayView>, AppError> {
    for y in [from.year(), from.year() + 1] {
        let c = calendar(conn, agency_id, y)?;
        if let Some(d) = c.days.into_iter().find(|d| d.day >= from) {
            return Ok(Some(d));
        }
    }
    Ok(None)
}

/// A visit's history (a secret one's trail holds no content nor names to hide).
pub fn history(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<crate::audit::repo::History, AppError> {
    crate::audit::repo::history(conn, "reception", id, Some(agency_id))
}
