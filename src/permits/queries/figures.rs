//! The figures the department reports ("cấp 14 Giấy phép xuất bản tài liệu không kinh doanh",
//! "100% hồ sơ được giải quyết đúng hạn"): for a period and by procedure, the dossiers received,
//! decided (issued, refused), early, on time and late against the legal deadline, with the on-time
//! rate; the dossiers in progress now by the colour of their legal clock; the permits issued by
//! procedure in each month. Computed the same way on both backends; the reports issue builds on them.

use chrono::{Datelike, NaiveDate};
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;

use crate::calendar::engine::{Calendar, DeadlineStatus};
use crate::db::DbConnection;
use crate::db::schema::{deadlines, dossiers, permits};
use crate::error::AppError;
use crate::permits::model::Timeliness;
use crate::permits::queries::{LEGAL_LABEL, RECORD_TYPE};
use crate::permits::state::State;

/// One procedure's figures for the period (or the total).
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
#[schema(as = PermitFigures)]
pub struct Counts {
    pub received: i64,
    pub issued: i64,
    pub refused: i64,
    /// Decided before the legal due day.
    pub early: i64,
    pub on_time: i64,
    pub late: i64,
    /// Decided early or on time, per cent of those decided (none decided: null).
    pub on_time_rate: Option<f64>,
}

impl Counts {
    fn finish(&mut self) {
        let decided = self.early + self.on_time + self.late;
        self.on_time_rate =
            (decided > 0).then(|| ((self.early + self.on_time) as f64 * 1000.0 / decided as f64).round() / 10.0);
    }
    fn add(&mut self, o: &Counts) {
        self.received += o.received;
        self.issued += o.issued;
        self.refused += o.refused;
        self.early += o.early;
        self.on_time += o.on_time;
        self.late += o.late;
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = PermitTypeFigures)]
pub struct TypeFigures {
    #[serde(rename = "type")]
    pub type_code: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Dossiers in progress today by the colour of their legal clock.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct InProgress {
    pub on_track: i64,
    pub due_soon: i64,
    pub overdue: i64,
    /// Waiting for the applicant's documents (no clock running).
    pub waiting: i64,
}

/// Permits issued in one month, by procedure.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthIssued {
    /// YYYY-MM.
    pub month: String,
    /// (procedure code, permits issued).
    #[schema(value_type = Vec<Object>)]
    pub by_type: Vec<(String, i64)>,
    pub total: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = PermitDeskFigures)]
pub struct Figures {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// By procedure code, those with anything in the period.
    pub by_type: Vec<TypeFigures>,
    pub total: Counts,
    pub in_progress: InProgress,
    pub issued_by_month: Vec<MonthIssued>,
}

/// The dossiers received and decided in a period, by procedure: what a report upward counts.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = PermitPeriodFigures)]
pub struct PeriodFigures {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// By procedure code, those with anything in the period.
    pub by_type: Vec<TypeFigures>,
    pub total: Counts,
}

fn grouped(rows: Vec<(String, i64)>, code: &str) -> i64 {
    rows.iter().find(|(c, _)| c == code).map(|(_, n)| *n).unwrap_or(0)
}

/// The figures of `agency_id` from `from` to `to`, both included; `cal` and `soon` colour the
/// dossiers in progress.
pub fn figures(
    conn: &mut DbConnection,
    agency_id: &str,
    from: NaiveDate,
    to: NaiveDate,
    cal: &Calendar,
    soon: u32,
) -> Result<Figures, AppError> {
    let PeriodFigures { by_type, total, .. } = period(conn, agency_id, from, to)?;
    let mine = || dossiers::table.filter(dossiers::agency_id.eq(agency_id.to_string()));
    // In progress now: each running legal clock by its colour; dossiers waiting have none.
    let today = crate::time::today_vn();
    let dues: Vec<NaiveDate> = deadlines::table
        .filter(deadlines::agency_id.eq(agency_id))
        .filter(deadlines::closed_at.is_null())
        .filter(deadlines::record_type.eq(RECORD_TYPE))
        .filter(deadlines::label.eq(LEGAL_LABEL))
        .select(deadlines::due_date)
        .load(conn)?;
    let mut in_progress = InProgress::default();
    for d in dues {
        match DeadlineStatus::of(cal, d, today, soon) {
            DeadlineStatus::Overdue => in_progress.overdue += 1,
            DeadlineStatus::DueSoon | DeadlineStatus::DueToday => in_progress.due_soon += 1,
            _ => in_progress.on_track += 1,
        }
    }
    in_progress.waiting = mine().filter(dossiers::state.eq(State::Incomplete)).count().get_result(conn)?;
    // Issued by month: one count per month of the period, from the index on (agency, issued_on, type).
    let mut issued_by_month = Vec::new();
    let mut first = from.with_day(1).unwrap_or(from);
    while first <= to && issued_by_month.len() < 120 {
        let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(to);
        let (a, b) = (first.max(from), next.pred_opt().unwrap_or(next).min(to));
        let by_type: Vec<(String, i64)> = permits::table
            .filter(permits::agency_id.eq(agency_id))
            .filter(permits::issued_on.between(a, b))
            .group_by(permits::type_code)
            .select((permits::type_code, count_star()))
            .load(conn)?;
        let total = by_type.iter().map(|(_, n)| n).sum();
        issued_by_month.push(MonthIssued { month: first.format("%Y-%m").to_string(), by_type, total });
        first = next;
    }
    Ok(Figures { from, to, by_type, total, in_progress, issued_by_month })
}

/// The dossiers of `agency_id` received and decided from `from` to `to`, by procedure.
pub fn period(
    conn: &mut DbConnection,
    agency_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<PeriodFigures, AppError> {
    let mine = || dossiers::table.filter(dossiers::agency_id.eq(agency_id.to_string()));
    let received: Vec<(String, i64)> = mine()
        .filter(dossiers::received_on.between(from, to))
        .group_by(dossiers::type_code)
        .select((dossiers::type_code, count_star()))
        .load(conn)?;
    // The decisions of the period in one pass over the (agency, decided_on, type, state, on_time)
    // index, grouped by what the figures count.
    let decisions: Vec<(String, State, Timeliness, i64)> = mine()
        .filter(dossiers::decided_on.between(from, to))
        .group_by((dossiers::type_code, dossiers::state, dossiers::on_time))
        .select((dossiers::type_code, dossiers::state, dossiers::on_time, count_star()))
        .load(conn)?;
    let decided = |keep: &dyn Fn(State, Timeliness) -> bool| -> Vec<(String, i64)> {
        let mut out: Vec<(String, i64)> = Vec::new();
        for (code, _, _, n) in decisions.iter().filter(|(_, st, t, _)| keep(*st, *t)) {
            match out.iter_mut().find(|(c, _)| c == code) {
                Some((_, m)) => *m += n,
                None => out.push((code.clone(), *n)),
            }
        }
        out
    };
    let issued = decided(&|st, _| st == State::Issued);
    let refused = decided(&|st, _| st == State::Refused);
    let early = decided(&|_, t| t == Timeliness::Early);
    let on_time = decided(&|_, t| t == Timeliness::OnTime);
    let late = decided(&|_, t| t == Timeliness::Late);
    let mut codes: Vec<String> = [&received, &issued, &refused, &early, &on_time, &late]
        .iter()
        .flat_map(|v| v.iter().map(|(c, _)| c.clone()))
        .collect();
    codes.sort();
    codes.dedup();
    let mut total = Counts::default();
    let by_type = codes
        .into_iter()
        .map(|code| {
            let mut c = Counts {
                received: grouped(received.clone(), &code),
                issued: grouped(issued.clone(), &code),
                refused: grouped(refused.clone(), &code),
                early: grouped(early.clone(), &code),
                on_time: grouped(on_time.clone(), &code),
                late: grouped(late.clone(), &code),
                on_time_rate: None,
            };
            c.finish();
            total.add(&c);
            TypeFigures { type_code: code, counts: c }
        })
        .collect();
    total.finish();
    Ok(PeriodFigures { from, to, by_type, total })
}

/// How many dossiers the agency received, and how many it decided by issuing the permit, from
/// `from` to `to` (as the period's figures count them): two counts on the indexes on (agency,
/// received_on) and (agency, decided_on, …, state); the reports' trend.
pub fn received_and_issued_between(
    conn: &mut DbConnection,
    agency_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(i64, i64), AppError> {
    let mine = || dossiers::table.filter(dossiers::agency_id.eq(agency_id.to_string()));
    let received = mine().filter(dossiers::received_on.between(from, to)).count().get_result(conn)?;
    let issued = mine()
        .filter(dossiers::decided_on.between(from, to))
        .filter(dossiers::state.eq(State::Issued))
        .count()
        .get_result(conn)?;
    Ok((received, issued))
}

/// Each procedure's sector, for splitting the desk's figures by sector.
pub fn sector_of_types(conn: &mut DbConnection) -> Result<Vec<(String, String)>, AppError> {
    use crate::db::schema::permit_types;
    Ok(permit_types::table.select((permit_types::code, permit_types::sector_code)).distinct().load(conn)?)
}
