//! The figures of inspections and checks the department reports for a period ("01 cuộc kiểm tra
//! việc chấp hành pháp luật về bưu chính, không phát hiện vi phạm hành chính"): by sector and kind,
//! the engagements announced, ended on site and concluded; the violations detected, the sanction
//! decisions issued with their fines (and how many are paid by now); the fines paid in the period,
//! whatever period decided them; the recommendations due and followed. Computed the same way on both backends; the reports build on them.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConnection;
use crate::db::schema::{
    documents, engagement_day_counts, engagements, inspection_plans, plan_items, recommendations, violations,
};
use crate::error::AppError;
use crate::inspections::choices::{PaymentStatus, PlanStatus, RecStatus};

/// One sector and kind's engagements in the period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = InspectionSectorFigures)]
pub struct Row {
    pub sector_code: String,
    /// `thanh_tra` or `kiem_tra`.
    pub kind: String,
    /// Items of the approved plan planned for the period (their month, or their quarter when no
    /// month is set, lies in it), and of those how many have begun.
    pub planned: i64,
    pub planned_begun: i64,
    /// Decisions announced (direct work began).
    pub announced: i64,
    pub ended_on_site: i64,
    /// Conclusions (or check reports) signed.
    pub concluded: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = InspectionFigures)]
pub struct Figures {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// By sector and kind, those with anything in the period.
    pub by_sector: Vec<Row>,
    pub planned: i64,
    pub planned_begun: i64,
    pub announced: i64,
    pub ended_on_site: i64,
    pub concluded: i64,
    pub violations_detected: i64,
    /// Sanction decisions issued in the period.
    pub sanctions: i64,
    /// Their fines, VND.
    pub fines: i64,
    /// Of those decisions, how many are paid by the day the figures are read.
    pub sanctions_paid: i64,
    /// Fines paid in the period (by the day on their receipt), whichever period decided them, and
    /// the amount paid, VND: what went to the State Treasury in the period.
    pub fines_paid_count: i64,
    pub fines_collected: i64,
    /// Recommendations due in the period, and of those done or closed.
    pub recommendations_due: i64,
    pub recommendations_followed: i64,
}

/// The figures of `agency_id` from `from` to `to`, both included.
pub fn figures(conn: &mut DbConnection, agency_id: &str, from: NaiveDate, to: NaiveDate) -> Result<Figures, AppError> {
    // From the day counts the database keeps (migration 30): a few rows per day of the period.
    let days: Vec<(String, String, String, i64)> = engagement_day_counts::table
        .filter(engagement_day_counts::agency_id.eq(agency_id))
        .filter(engagement_day_counts::day.between(from, to))
        .filter(engagement_day_counts::n.gt(0))
        .select((
            engagement_day_counts::event,
            engagement_day_counts::sector_code,
            engagement_day_counts::kind,
            engagement_day_counts::n,
        ))
        .load(conn)?;
    let of = |event: &str| -> Counts {
        let mut out: Counts = Vec::new();
        for (_, sector, kind, n) in days.iter().filter(|d| d.0 == event) {
            match out.iter_mut().find(|(s, k, _)| s == sector && k == kind) {
                Some(x) => x.2 += n,
                None => out.push((sector.clone(), kind.clone(), *n)),
            }
        }
        out
    };
    let (announced, ended, concluded) = (of("announced"), of("ended"), of("concluded"));
    let planned = planned(conn, agency_id, from, to)?;
    let mut by_sector: Vec<Row> = Vec::new();
    for (list, which) in [(&planned.0, 3), (&planned.1, 4), (&announced, 0), (&ended, 1), (&concluded, 2)] {
        for (sector, kind, n) in list {
            let at = match by_sector.iter().position(|r| &r.sector_code == sector && &r.kind == kind) {
                Some(i) => i,
                None => {
                    by_sector.push(Row { sector_code: sector.clone(), kind: kind.clone(), ..Row::default() });
                    by_sector.len() - 1
                }
            };
            let r = &mut by_sector[at];
            match which {
                0 => r.announced += n,
                1 => r.ended_on_site += n,
                3 => r.planned += n,
                4 => r.planned_begun += n,
                _ => r.concluded += n,
            }
        }
    }
    by_sector.sort_by(|a, b| (&a.sector_code, &a.kind).cmp(&(&b.sector_code, &b.kind)));
    let violations_detected: i64 = violations::table
        .filter(violations::agency_id.eq(agency_id))
        .filter(violations::detected_on.between(from, to))
        .count()
        .get_result(conn)?;
    let decided_in_period = documents::table
        .filter(documents::agency_id.eq(agency_id))
        .filter(documents::issued_on.between(from, to))
        .select(documents::id.nullable());
    let sanctions: Vec<(Option<i64>, PaymentStatus)> = violations::table
        .filter(violations::agency_id.eq(agency_id))
        .filter(violations::decision_id.eq_any(decided_in_period))
        .select((violations::fine_amount, violations::payment_status))
        .load(conn)?;
    let collected: Vec<Option<i64>> = violations::table
        .filter(violations::agency_id.eq(agency_id))
        .filter(violations::payment_status.eq(PaymentStatus::Paid))
        .filter(violations::paid_on.between(from, to))
        .select(violations::paid_amount)
        .load(conn)?;
    // From the index on due_date, each checked against its engagement's agency by primary key (not
    // `IN (every engagement of the agency)`, which reads them all).
    let recs: Vec<RecStatus> = recommendations::table
        .inner_join(engagements::table.on(engagements::id.eq(recommendations::engagement_id)))
        .filter(engagements::agency_id.eq(agency_id))
        .filter(recommendations::due_date.between(from, to))
        .select(recommendations::status)
        .load(conn)?;
    Ok(Figures {
        from,
        to,
        planned: by_sector.iter().map(|r| r.planned).sum(),
        planned_begun: by_sector.iter().map(|r| r.planned_begun).sum(),
        announced: by_sector.iter().map(|r| r.announced).sum(),
        ended_on_site: by_sector.iter().map(|r| r.ended_on_site).sum(),
        concluded: by_sector.iter().map(|r| r.concluded).sum(),
        by_sector,
        violations_detected,
        sanctions: sanctions.len() as i64,
        fines: sanctions.iter().filter_map(|(f, _)| *f).sum(),
        sanctions_paid: sanctions.iter().filter(|(_, p)| *p == PaymentStatus::Paid).count() as i64,
        fines_paid_count: collected.len() as i64,
        fines_collected: collected.iter().flatten().sum(),
        recommendations_due: recs.len() as i64,
        recommendations_followed: recs.iter().filter(|s| s.settled()).count() as i64,
    })
}

/// The span an item is planned for: its month, or its quarter when it names none.
pub fn planned_span(year: i32, quarter: i32, month: Option<i32>) -> Option<(NaiveDate, NaiveDate)> {
    let (first, months) = match month {
        Some(m) => (u32::try_from(m).ok()?, 1),
        None => (u32::try_from(quarter).ok()?.checked_sub(1)? * 3 + 1, 3),
    };
    let start = NaiveDate::from_ymd_opt(year, first, 1)?;
    let end = start.checked_add_months(chrono::Months::new(months))?.pred_opt()?;
    Some((start, end))
}

type Counts = Vec<(String, String, i64)>;

/// The approved plans' items planned for a span inside `from..=to`, by sector and kind, and of those
/// the ones an engagement has begun (its decision announced, whenever that was).
fn planned(
    conn: &mut DbConnection,
    agency_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Counts, Counts), AppError> {
    use chrono::Datelike;
    let items: Vec<(String, String, String, i32, i32, Option<i32>)> = plan_items::table
        .inner_join(inspection_plans::table)
        .filter(inspection_plans::agency_id.eq(agency_id))
        .filter(inspection_plans::status.eq(PlanStatus::Approved))
        .filter(inspection_plans::year.between(from.year(), to.year()))
        .select((
            plan_items::id,
            plan_items::sector_code,
            plan_items::kind,
            inspection_plans::year,
            plan_items::planned_quarter,
            plan_items::planned_month,
        ))
        .load(conn)?;
    let inside: Vec<_> = items
        .into_iter()
        .filter(|(_, _, _, y, q, m)| planned_span(*y, *q, *m).is_some_and(|(a, b)| from <= a && b <= to))
        .collect();
    let ids: Vec<&String> = inside.iter().map(|i| &i.0).collect();
    let begun: Vec<String> = engagements::table
        .filter(engagements::agency_id.eq(agency_id))
        .filter(engagements::plan_item_id.eq_any(ids.iter().map(|s| Some(s.as_str()))))
        .filter(engagements::announced_on.is_not_null())
        .select(engagements::plan_item_id.assume_not_null())
        .load(conn)?;
    let (mut all, mut started): (Counts, Counts) = (Vec::new(), Vec::new());
    for (id, sector, kind, ..) in &inside {
        let bump = |list: &mut Counts| match list.iter_mut().find(|(s, k, _)| s == sector && k == kind) {
            Some(x) => x.2 += 1,
            None => list.push((sector.clone(), kind.clone(), 1)),
        };
        bump(&mut all);
        if begun.contains(id) {
            bump(&mut started);
        }
    }
    Ok((all, started))
}

/// How many of the agency's inspections and checks began (their decision announced) from `from`
/// to `to`: from the day counts the database keeps; the reports' trend by month.
pub fn begun_between(
    conn: &mut DbConnection,
    agency_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i64, AppError> {
    let n: Vec<i64> = engagement_day_counts::table
        .filter(engagement_day_counts::agency_id.eq(agency_id))
        .filter(engagement_day_counts::event.eq("announced"))
        .filter(engagement_day_counts::day.between(from, to))
        .select(engagement_day_counts::n)
        .load(conn)?;
    Ok(n.iter().sum())
}
