//! The monthly report, drafted by the service: on the first working day of a month, each agency in
//! force gets the draft of last month's report (`draft::draft`) and a deadline to send it
//! (rule `report.monthly`, counted from that day). The deadline closes once the report is issued.
//! Run hourly on every instance; the unique key on (agency, period) drafts each report once.

use diesel::prelude::*;

use crate::audit::Actor;
use crate::calendar::steps::deadlines::{self, NewDeadline};
use crate::db::schema::{deadlines as deadline_rows, documents, report_drafts};
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code};
use crate::reports::model::ReportDraftRow;
use crate::reports::period::{Period, Span};
use crate::reports::steps::draft;

/// The code of the deadline rule the monthly report is due by.
pub const RULE: &str = "report.monthly";

/// The first working day of `day`'s month.
pub fn first_working_day(cal: &crate::calendar::engine::Calendar, day: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    let mut d = day.with_day(1).unwrap_or(day);
    while !cal.is_working(d) && d.month() == day.month() {
        d = d.succ_opt().unwrap_or(d);
    }
    d
}

/// Drafts last month's report for every agency in force that has none yet and was set up here
/// before that month ended, once `today` is on or after this month's first working day, and closes
/// the deadlines of reports since issued.
/// Returns how many reports it drafted.
pub fn prepare(conn: &mut DbConnection, today: chrono::NaiveDate) -> Result<usize, AppError> {
    let actor = Actor::system("báo cáo định kỳ");
    close_issued(conn, &actor)?;
    let cal = crate::calendar::queries::load_calendar(conn)?;
    let first = first_working_day(&cal, today);
    if today < first {
        return Ok(0);
    }
    use chrono::Datelike;
    let Some(last_day) = first.with_day0(0).and_then(|d| d.pred_opt()) else { return Ok(0) };
    let p = Period::current(Span::Month, last_day);
    let mut drafted = 0;
    for agency in crate::agencies::queries::in_force(conn, today, None)? {
        // Only months the agency was kept here for: a fresh installation is not greeted with last
        // month's empty report already late.
        if crate::time::vn_wall(&agency.agency.created_at).date() > p.to {
            continue;
        }
        let id = agency.agency.id;
        if draft::existing(conn, &id, &p)?.is_some() {
            continue;
        }
        match one(conn, &actor, &id, p, first) {
            Ok(()) => drafted += 1,
            // Another instance drafted it first.
            Err(AppError::Conflict(r)) if r.code == Code::ReportDraftTaken => {}
            Err(e) => return Err(e),
        }
    }
    Ok(drafted)
}

fn one(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    p: Period,
    first: chrono::NaiveDate,
) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        let (row, _) = draft::draft(conn, actor, agency_id, p)?;
        let d = deadlines::track(
            conn,
            actor,
            NewDeadline {
                agency_id: agency_id.to_string(),
                record_type: ReportDraftRow::RECORD_TYPE.into(),
                record_id: row.id.clone(),
                label: format!("Gửi báo cáo công tác {}", p.title(crate::i18n::Lang::Vi)),
                rule_code: Some(RULE.into()),
                start: first,
                duration: None,
                unit: None,
            },
        )?;
        diesel::update(report_drafts::table.find(&row.id))
            .set(report_drafts::deadline_id.eq(Some(d.id.to_string())))
            .execute(conn)?;
        Ok(())
    })
}

/// Closes the running deadline of every report drafted by the service and issued since.
pub fn close_issued(conn: &mut DbConnection, actor: &Actor) -> Result<usize, AppError> {
    let open: Vec<(String, String)> = report_drafts::table
        .inner_join(documents::table)
        .inner_join(deadline_rows::table.on(deadline_rows::id.nullable().eq(report_drafts::deadline_id)))
        .filter(documents::status.eq("issued"))
        .filter(deadline_rows::closed_at.is_null())
        .select((deadline_rows::id, report_drafts::agency_id))
        .load(conn)?;
    for (id, agency) in &open {
        deadlines::close(conn, actor, id, agency)?;
    }
    Ok(open.len())
}
