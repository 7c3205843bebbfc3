//! The figures the seeds report each month ("tiếp nhận, giải quyết 02 đơn kiến nghị"): for a
//! period and by kind, the submissions received, accepted, resolved, forwarded, guided, refused and
//! filed, the cases late at the end of the period, and the receptions held. Computed the same way on
//! both backends; the reports issue builds on them.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use crate::complaints::model::Kind;
use crate::complaints::state::State;
use crate::db::DbConnection;
use crate::db::schema::{deadlines, reception_sessions, submissions};
use crate::error::AppError;

/// One kind's figures (or the total).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = SubmissionFigures)]
pub struct Counts {
    pub received: i64,
    pub accepted: i64,
    /// Decided (complaints), concluded (denunciations) or answered (petitions).
    pub resolved: i64,
    pub forwarded: i64,
    pub guided: i64,
    pub refused: i64,
    pub filed: i64,
    /// Still open at the end of the period with a clock past its due date.
    pub overdue: i64,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.received += o.received;
        self.accepted += o.accepted;
        self.resolved += o.resolved;
        self.forwarded += o.forwarded;
        self.guided += o.guided;
        self.refused += o.refused;
        self.filed += o.filed;
        self.overdue += o.overdue;
    }
}

/// One kind's figures.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = SubmissionKindFigures)]
pub struct KindFigures {
    #[schema(value_type = crate::complaints::model::Kind)]
    pub kind: Kind,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ComplaintFigures)]
pub struct Figures {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// By kind, in `Kind::ALL` order.
    pub by_kind: Vec<KindFigures>,
    pub total: Counts,
    /// Receptions held in the period, and how many of them were group visits.
    pub receptions: i64,
    pub group_receptions: i64,
}

/// The figures of `agency_id` from `from` to `to`, both included.
pub fn figures(conn: &mut DbConnection, agency_id: &str, from: NaiveDate, to: NaiveDate) -> Result<Figures, AppError> {
    use diesel::dsl::count_star;
    let mine = || submissions::table.filter(submissions::agency_id.eq(agency_id.to_string()));
    let received: Vec<(Kind, i64)> = mine()
        .filter(submissions::received_on.between(from, to))
        .group_by(submissions::kind)
        .select((submissions::kind, count_star()))
        .load(conn)?;
    let accepted: Vec<(Kind, i64)> = mine()
        .filter(submissions::accepted_on.between(from, to))
        .group_by(submissions::kind)
        .select((submissions::kind, count_star()))
        .load(conn)?;
    let resolved: Vec<(Kind, i64)> = mine()
        .filter(submissions::decided_on.between(from, to))
        .group_by(submissions::kind)
        .select((submissions::kind, count_star()))
        .load(conn)?;
    let mut outcome = |state: State| -> Result<Vec<(Kind, i64)>, AppError> {
        Ok(mine()
            .filter(submissions::closed_on.between(from, to))
            .filter(submissions::state.eq(state))
            .group_by(submissions::kind)
            .select((submissions::kind, count_star()))
            .load(conn)?)
    };
    let forwarded = outcome(State::Forwarded)?;
    let guided = outcome(State::Guided)?;
    let refused = outcome(State::Refused)?;
    let filed = outcome(State::Filed)?;
    // Late at the end of the period: a clock that started by then, was due before its last day and
    // was not closed by the end of that day (Vietnam time).
    let cutoff = crate::time::vn_day_start(to + chrono::Days::new(1));
    // Two ranges of the index on (agency, closed_at, due_date) rather than one scan of every clock:
    // those still running and those closed after the cutoff.
    let clocks = || {
        deadlines::table
            .inner_join(submissions::table.on(submissions::id.eq(deadlines::record_id)))
            .filter(deadlines::record_type.eq("submission"))
            .filter(deadlines::agency_id.eq(agency_id.to_string()))
            .filter(submissions::agency_id.eq(agency_id.to_string()))
            .filter(deadlines::start_date.le(to))
            .filter(deadlines::due_date.lt(to))
    };
    // Submissions, not clocks: a step recorded after the period but dated within it (acceptance
    // entered late) closes one clock after the cutoff while the next already ran, and must not count
    // the case twice. (One case with a clock in each range would still count twice; that needs a
    // step entered after the period and dated more than a resolution's length before its end.)
    let running: Vec<(Kind, i64)> = clocks()
        .filter(deadlines::closed_at.is_null())
        .group_by(submissions::kind)
        .select((submissions::kind, diesel::dsl::count(submissions::id).aggregate_distinct()))
        .load(conn)?;
    let closed_late: Vec<(Kind, i64)> = clocks()
        .filter(deadlines::closed_at.ge(cutoff))
        .group_by(submissions::kind)
        .select((submissions::kind, diesel::dsl::count(submissions::id).aggregate_distinct()))
        .load(conn)?;
    let get = |v: &[(Kind, i64)], k: Kind| v.iter().find(|(x, _)| *x == k).map(|(_, n)| *n).unwrap_or(0);
    let mut total = Counts::default();
    let by_kind: Vec<KindFigures> = Kind::ALL
        .iter()
        .map(|k| {
            let c = Counts {
                received: get(&received, *k),
                accepted: get(&accepted, *k),
                resolved: get(&resolved, *k),
                forwarded: get(&forwarded, *k),
                guided: get(&guided, *k),
                refused: get(&refused, *k),
                filed: get(&filed, *k),
                overdue: get(&running, *k) + get(&closed_late, *k),
            };
            total.add(&c);
            KindFigures { kind: *k, counts: c }
        })
        .collect();
    let held = || {
        reception_sessions::table
            .filter(reception_sessions::agency_id.eq(agency_id.to_string()))
            .filter(reception_sessions::held_on.between(from, to))
    };
    let receptions: i64 = held().count().get_result(conn)?;
    let group_receptions: i64 = held().filter(reception_sessions::group_visit.eq(true)).count().get_result(conn)?;
    Ok(Figures { from, to, by_kind, total, receptions, group_receptions })
}

/// How many submissions the agency received from `from` to `to`: one count on the index on
/// (agency, received_on); the reports' trend by month.
pub fn received_between(
    conn: &mut DbConnection,
    agency_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i64, AppError> {
    Ok(submissions::table
        .filter(submissions::agency_id.eq(agency_id))
        .filter(submissions::received_on.between(from, to))
        .count()
        .get_result(conn)?)
}
