//! Read models of the inspection chain: what pages and the API show, and what the steps read.

use chrono::{Months, NaiveDate};
use diesel::prelude::*;
use serde::Deserialize;

use crate::db::DbConnection;
use crate::db::schema::*;
use crate::error::{AppError, Code, FieldErrors};
use crate::inspections::catalogue::ViolationRow;
use crate::inspections::compose::MemberLine;
use crate::inspections::model::*;
use crate::inspections::state::{Kind, State};
use crate::outlets::model::OutletRow;

mod dossier;
pub mod figures;
mod forms;
mod views;
mod work;

pub use dossier::*;
pub use forms::*;
pub use views::*;
pub use work::*;

pub fn engagement(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<EngagementRow, AppError> {
    Ok(engagements::table
        .find(id)
        .filter(engagements::agency_id.eq(agency_id))
        .select(EngagementRow::as_select())
        .first(conn)?)
}

pub fn members(conn: &mut DbConnection, id: &str) -> Result<Vec<(MemberRow, crate::users::model::UserRow)>, AppError> {
    Ok(engagement_members::table
        .inner_join(users::table)
        .filter(engagement_members::engagement_id.eq(id))
        .order((engagement_members::role.asc(), users::full_name.asc()))
        .select((MemberRow::as_select(), crate::users::model::UserRow::as_select()))
        .load(conn)?)
}

pub fn member_lines(conn: &mut DbConnection, e: &EngagementRow) -> Result<Vec<MemberLine>, AppError> {
    Ok(members(conn, &e.id)?
        .into_iter()
        .map(|(m, u)| MemberLine::of(&u.display_name(), &u.official_title, m.role))
        .collect())
}

/// What the engagement's documents cite of its paper trail: the agency, the plan it carries out,
/// its decision and its team's report (each once issued).
pub fn trail(conn: &mut DbConnection, e: &EngagementRow) -> Result<crate::inspections::compose::Trail, AppError> {
    use crate::documents::queries::citation;
    let agency = crate::agencies::queries::find(conn, &e.agency_id)?.name;
    let plan_doc: Option<Option<crate::domain::DocumentId>> = match &e.plan_item_id {
        Some(item) => plan_items::table
            .inner_join(inspection_plans::table)
            .filter(plan_items::id.eq(item))
            .select(inspection_plans::document_id)
            .first(conn)
            .optional()?,
        None => None,
    };
    let plan = match plan_doc.flatten() {
        Some(id) => citation(conn, &id, &e.agency_id)?,
        None => None,
    };
    let decision = match &e.decision_id {
        Some(id) => citation(conn, id, &e.agency_id)?,
        None => None,
    };
    let report = match &e.report_id {
        Some(id) => citation(conn, id, &e.agency_id)?,
        None => None,
    };
    Ok(crate::inspections::compose::Trail { agency, plan, decision, report })
}

/// The engagement's documents still in draft (decision, minutes, report, conclusion, violation
/// records and sanction decisions), in that order.
pub fn drafts_of(
    conn: &mut DbConnection,
    e: &EngagementRow,
) -> Result<Vec<crate::documents::model::DocumentRow>, AppError> {
    let mut ids: Vec<crate::domain::DocumentId> =
        [&e.decision_id, &e.minutes_id, &e.report_id, &e.conclusion_id].into_iter().flatten().cloned().collect();
    for v in violations_of(conn, &e.id)? {
        ids.extend(v.record_id);
        ids.extend(v.decision_id);
    }
    let mut out = Vec::new();
    for id in ids {
        let d = crate::documents::queries::find(conn, &id, &e.agency_id)?;
        if !d.is_issued() {
            out.push(d);
        }
    }
    Ok(out)
}

pub fn findings_of(conn: &mut DbConnection, id: &str) -> Result<Vec<FindingRow>, AppError> {
    Ok(findings::table
        .filter(findings::engagement_id.eq(id))
        .order(findings::position.asc())
        .select(FindingRow::as_select())
        .load(conn)?)
}

pub fn violations_of(conn: &mut DbConnection, id: &str) -> Result<Vec<ViolationRecRow>, AppError> {
    Ok(violations::table
        .filter(violations::engagement_id.eq(id))
        .order(violations::created_at.asc())
        .select(ViolationRecRow::as_select())
        .load(conn)?)
}

pub fn recommendations_of(conn: &mut DbConnection, id: &str) -> Result<Vec<RecommendationRow>, AppError> {
    Ok(recommendations::table
        .filter(recommendations::engagement_id.eq(id))
        .order(recommendations::position.asc())
        .select(RecommendationRow::as_select())
        .load(conn)?)
}

/// Team members with a recorded relation to the outlet (TT 06/2021: they should not sit on the team).
pub fn conflicts(conn: &mut DbConnection, outlet_id: &str, user_ids: &[String]) -> Result<Vec<Notice>, AppError> {
    let rows: Vec<(RelationRow, String, String)> = outlet_relations::table
        .inner_join(users::table)
        .filter(outlet_relations::outlet_id.eq(outlet_id))
        .filter(outlet_relations::user_id.eq_any(user_ids))
        .select((RelationRow::as_select(), users::full_name, users::username))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(r, name, username)| {
            Notice::new(Code::ConflictOfInterest)
                .with("name", crate::users::model::shown_name(&name, &username))
                .with("relation", r.relation)
        })
        .collect())
}

/// Which engagements a list shows: the dashboard and `GET /api/v1/engagements` alike.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct EngagementFilter {
    /// A state code, or "open".
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub kind: String,
    /// Outlet name, without diacritics if you like.
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub outlet_id: String,
    /// A sector code.
    #[serde(default)]
    pub sector: String,
    /// With `from` and `to` (YYYY-MM-DD, both included): the day that falls in them —
    /// `announced` (the decision announced, the default), `ended` (direct work ended),
    /// `concluded` (the conclusion or check report signed), `violations` (a violation detected),
    /// `sanctioned` (a sanction decision issued), `paid` (a fine paid) or `recommendations` (a
    /// recommendation due). The reports' figures open these lists.
    #[serde(default)]
    pub by: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    pub page: Option<i64>,
}

impl EngagementFilter {
    /// The days asked for, when both are real days.
    pub fn period(&self) -> Option<(NaiveDate, NaiveDate)> {
        let day = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        Some((day(&self.from)?, day(&self.to)?))
    }
}

/// How many of the agency's engagements are open (neither archived nor cancelled), exactly: read
/// from the index on (agency, state).
pub fn open_count(conn: &mut DbConnection, agency_id: &str) -> Result<i64, AppError> {
    Ok(engagements::table
        .filter(engagements::agency_id.eq(agency_id))
        .filter(engagements::state.ne_all([State::Archived, State::Cancelled]))
        .count()
        .get_result(conn)?)
}

pub fn engagements(
    conn: &mut DbConnection,
    agency_id: &str,
    f: &EngagementFilter,
    paging: &crate::web::Paging,
) -> Result<(Vec<(EngagementRow, OutletRow)>, crate::db::Total), AppError> {
    use crate::db::schema::outlets;
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    let build =
        || {
            let mut q =
                engagements::table.inner_join(outlets::table).filter(engagements::agency_id.eq(agency_id)).into_boxed();
            if let Some(s) = State::parse(f.state.trim()) {
                q = q.filter(engagements::state.eq(s));
            } else if f.state.trim() == "open" {
                q = q.filter(engagements::state.ne_all([State::Archived, State::Cancelled]));
            }
            if let Some(k) = Kind::parse(&f.kind) {
                q = q.filter(engagements::kind.eq(k));
            }
            if !f.outlet_id.trim().is_empty() {
                q = q.filter(engagements::outlet_id.eq(f.outlet_id.trim().to_string()));
            }
            if !f.sector.trim().is_empty() {
                q = q.filter(engagements::sector_code.eq(f.sector.trim().to_string()));
            }
            if let Some((a, b)) = f.period() {
                use crate::db::schema::{documents, recommendations};
                let found = violations::table.filter(violations::agency_id.eq(agency_id));
                q =
                    match f.by.trim() {
                        "ended" => q.filter(engagements::onsite_ended_on.between(a, b)),
                        "concluded" => q.filter(engagements::signed_on.between(a, b)),
                        // Those with a violation detected, a sanction decision issued or a recommendation
                        // due in the period: the records behind the reports' figures.
                        "violations" => q.filter(engagements::id.eq_any(
                            found.filter(violations::detected_on.between(a, b)).select(violations::engagement_id),
                        )),
                        "sanctioned" => {
                            let issued = documents::table
                                .filter(documents::agency_id.eq(agency_id))
                                .filter(documents::issued_on.between(a, b))
                                .select(documents::id.nullable());
                            q.filter(engagements::id.eq_any(
                                found.filter(violations::decision_id.eq_any(issued)).select(violations::engagement_id),
                            ))
                        }
                        // A fine paid in the period (the reports' "fines collected").
                        "paid" => q.filter(
                            engagements::id.eq_any(
                                found
                                    .filter(violations::payment_status.eq(PaymentStatus::Paid))
                                    .filter(violations::paid_on.between(a, b))
                                    .select(violations::engagement_id),
                            ),
                        ),
                        "recommendations" => q.filter(
                            engagements::id.eq_any(
                                recommendations::table
                                    .filter(recommendations::due_date.between(a, b))
                                    .select(recommendations::engagement_id),
                            ),
                        ),
                        _ => q.filter(engagements::announced_on.between(a, b)),
                    };
            }
            let words = crate::outlets::queries::search_words(&f.q);
            for word in &words {
                q = q.filter(outlets::search_text.like(crate::outlets::queries::like_word(word)).escape('\\'));
            }
            if let (true, Some(fts)) = (sqlite, crate::outlets::queries::fts_filter(&words)) {
                q = q.filter(fts);
            }
            q
        };
    let past_cap = build()
        .select(engagements::id)
        .offset(crate::db::COUNT_CAP)
        .limit(1)
        .first::<String>(conn)
        .optional()?
        .is_some();
    let total = crate::db::Total::bounded(past_cap, || build().count().get_result(conn))?;
    let rows = build()
        .order(engagements::updated_at.desc())
        .limit(paging.per_page)
        .offset(paging.offset())
        .select((EngagementRow::as_select(), OutletRow::as_select()))
        .load(conn)?;
    Ok((rows, total))
}

pub fn visits(conn: &mut DbConnection, engagement_id: &str) -> Result<Vec<VisitRow>, AppError> {
    Ok(field_visits::table
        .filter(field_visits::engagement_id.eq(engagement_id))
        .order(field_visits::visited_at.asc())
        .select(VisitRow::as_select())
        .load(conn)?)
}

pub fn photos(conn: &mut DbConnection, engagement_id: &str) -> Result<Vec<PhotoRow>, AppError> {
    Ok(finding_photos::table
        .filter(finding_photos::engagement_id.eq(engagement_id))
        .order(finding_photos::uploaded_at.asc())
        .select(PhotoRow::as_select())
        .load(conn)?)
}

pub fn photo(conn: &mut DbConnection, engagement_id: &str, photo_id: &str) -> Result<PhotoRow, AppError> {
    Ok(finding_photos::table
        .find(photo_id)
        .filter(finding_photos::engagement_id.eq(engagement_id))
        .select(PhotoRow::as_select())
        .first(conn)?)
}

pub fn violation(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<ViolationRecRow, AppError> {
    Ok(violations::table
        .find(id)
        .filter(violations::agency_id.eq(agency_id))
        .select(ViolationRecRow::as_select())
        .first(conn)?)
}

pub fn violation_rule(conn: &mut DbConnection, id: &str) -> Result<ViolationRow, AppError> {
    Ok(violation_rules::table.find(id).select(ViolationRow::as_select()).first(conn)?)
}

/// The decree a catalogue rule belongs to; none for a rule from before decrees were kept.
pub fn decree_of(
    conn: &mut DbConnection,
    r: &ViolationRow,
) -> Result<Option<crate::inspections::catalogue::DecreeRow>, AppError> {
    match &r.decree_id {
        Some(id) => Ok(sanction_decrees::table
            .find(id)
            .select(crate::inspections::catalogue::DecreeRow::as_select())
            .first(conn)
            .optional()?),
        None => Ok(None),
    }
}

/// The field's maximum fine for an individual on a date (Luật XLVPHC Art. 24), with its source.
pub fn field_cap(conn: &mut DbConnection, sector: &str, on: NaiveDate) -> Result<Option<(i64, String)>, AppError> {
    Ok(sanction_caps::table
        .filter(sanction_caps::sector_code.eq(sector))
        .filter(sanction_caps::valid_from.le(on))
        .order(sanction_caps::valid_from.desc())
        .select((sanction_caps::max_individual, sanction_caps::legal_source))
        .first(conn)
        .optional()?)
}

pub fn of_outlet(conn: &mut DbConnection, agency_id: &str, outlet_id: &str) -> Result<Vec<ViolationRecRow>, AppError> {
    Ok(violations::table
        .filter(violations::agency_id.eq(agency_id))
        .filter(violations::outlet_id.eq(outlet_id))
        .order(violations::detected_on.desc())
        .select(ViolationRecRow::as_select())
        .load(conn)?)
}

pub fn publications_of(conn: &mut DbConnection, engagement_id: &str) -> Result<Vec<PublicationRow>, AppError> {
    Ok(publications::table
        .filter(publications::engagement_id.eq(engagement_id))
        .order(publications::published_on.asc())
        .select(PublicationRow::as_select())
        .load(conn)?)
}

/// The last day a posting must stay up, by the deadline engine and the rule in force when it was
/// posted (`publication.portal`).
pub fn kept_until(conn: &mut DbConnection, p: &PublicationRow) -> Result<NaiveDate, AppError> {
    let days = crate::calendar::queries::rule_in_force(conn, "publication.portal", p.published_on)?
        .map(|r| r.duration as u32)
        .unwrap_or(crate::inspections::publication::PORTAL_MIN_DAYS);
    let cal = crate::calendar::queries::load_calendar(conn)?;
    Ok(crate::inspections::publication::kept_until(&cal, p.published_on, days))
}

/// An engagement's publications, each with the last day it must stay up.
pub fn publications_kept(conn: &mut DbConnection, engagement_id: &str) -> Result<Vec<PublicationView>, AppError> {
    let mut out = Vec::new();
    for p in publications_of(conn, engagement_id)? {
        let until = kept_until(conn, &p)?;
        out.push(PublicationView { publication: p, kept_until: until });
    }
    Ok(out)
}

/// Recommendations past their due date and not settled, across the agency (for the dashboard).
pub fn overdue_count(conn: &mut DbConnection, agency_id: &str, today: NaiveDate) -> Result<i64, AppError> {
    use crate::db::schema::engagements;
    // Read from the recommendations past due, each checked against its engagement: a join let
    // SQLite walk every engagement of the agency (200,000 at a country's scale) to find none.
    let of_agency = engagements::table
        .filter(engagements::id.eq(recommendations::engagement_id))
        .filter(engagements::agency_id.eq(agency_id));
    Ok(recommendations::table
        .filter(recommendations::due_date.lt(today))
        .filter(recommendations::status.ne_all(["done", "closed"]))
        .filter(diesel::dsl::exists(of_agency))
        .count()
        .get_result(conn)?)
}

pub fn plan(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<PlanRow, AppError> {
    Ok(inspection_plans::table
        .find(id)
        .filter(inspection_plans::agency_id.eq(agency_id))
        .select(PlanRow::as_select())
        .first(conn)?)
}

pub fn plans(conn: &mut DbConnection, agency_id: &str) -> Result<Vec<PlanRow>, AppError> {
    Ok(inspection_plans::table
        .filter(inspection_plans::agency_id.eq(agency_id))
        .order((inspection_plans::year.desc(), inspection_plans::version.desc()))
        .select(PlanRow::as_select())
        .load(conn)?)
}

/// Items with the outlet's name (or the group label) for display.
pub fn plan_items(conn: &mut DbConnection, plan_id: &str) -> Result<Vec<(PlanItemRow, String)>, AppError> {
    let rows: Vec<(PlanItemRow, Option<String>)> = plan_items::table
        .left_join(outlets::table.on(plan_items::outlet_id.eq(outlets::id.nullable())))
        .filter(plan_items::plan_id.eq(plan_id))
        .order(plan_items::position.asc())
        .select((PlanItemRow::as_select(), outlets::name.nullable()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(i, name)| {
            let who = match (name, i.group_label.is_empty()) {
                (Some(n), _) => n,
                (None, false) => i.group_label.clone(),
                (None, true) => String::new(),
            };
            (i, who)
        })
        .collect())
}

/// The plan item an engagement carries out: it must belong to an approved plan of the agency.
pub fn item_for_engagement(conn: &mut DbConnection, agency_id: &str, item_id: &str) -> Result<PlanItemRow, AppError> {
    let (item, status): (PlanItemRow, String) = plan_items::table
        .inner_join(inspection_plans::table)
        .filter(plan_items::id.eq(item_id))
        .filter(inspection_plans::agency_id.eq(agency_id))
        .select((PlanItemRow::as_select(), inspection_plans::status))
        .first(conn)
        .optional()?
        .ok_or_else(|| FieldErrors::one("plan_item_id", Code::InvalidChoice))?;
    if status != "approved" {
        return Err(FieldErrors::one("plan_item_id", Code::PlanNotApproved).into());
    }
    Ok(item)
}

fn window(around: NaiveDate, months: u32) -> (NaiveDate, NaiveDate) {
    let m = Months::new(months);
    (around.checked_sub_months(m).unwrap_or(around), around.checked_add_months(m).unwrap_or(around))
}

/// Other inspections of the outlet within `months` of `around`: engagements of any agency of this
/// installation, approved or draft plan items, and inspections by outside bodies recorded against it.
pub fn overlaps(
    conn: &mut DbConnection,
    outlet_id: &str,
    around: NaiveDate,
    months: u32,
    exclude_engagement: Option<&str>,
    exclude_item: Option<&str>,
) -> Result<Vec<Notice>, AppError> {
    let (from, to) = window(around, months);
    let mut out = Vec::new();
    let rows: Vec<(EngagementRow, String)> = engagements::table
        .inner_join(agencies::table)
        .filter(engagements::outlet_id.eq(outlet_id))
        .filter(engagements::state.ne("cancelled"))
        .select((EngagementRow::as_select(), agencies::name))
        .load(conn)?;
    for (e, agency) in rows {
        if Some(e.id.as_str()) == exclude_engagement {
            continue;
        }
        let when = e.announced_on.unwrap_or(e.created_at.date());
        if when >= from && when <= to {
            out.push(
                Notice::new(Code::OverlapEngagement)
                    .with("agency", agency)
                    .with_label_lower("kind", e.kind.code(), e.kind.label_key())
                    .with("date", crate::time::show_date(&when))
                    .with("scope", &e.scope),
            );
        }
    }
    let items: Vec<(PlanItemRow, i32, String, PlanStatus)> = plan_items::table
        .inner_join(inspection_plans::table.inner_join(agencies::table))
        .filter(plan_items::outlet_id.eq(outlet_id))
        .filter(inspection_plans::status.ne("superseded"))
        .select((PlanItemRow::as_select(), inspection_plans::year, agencies::name, inspection_plans::status))
        .load(conn)?;
    let mut seen_plan_items: Vec<String> = Vec::new();
    for (it, year, agency, status) in items {
        let mid =
            NaiveDate::from_ymd_opt(year, (it.planned_quarter.clamp(1, 4) as u32 - 1) * 3 + 2, 15).unwrap_or_default();
        let carried: i64 = engagements::table.filter(engagements::plan_item_id.eq(&it.id)).count().get_result(conn)?;
        if carried > 0 || seen_plan_items.contains(&it.id) || Some(it.id.as_str()) == exclude_item {
            continue;
        }
        seen_plan_items.push(it.id.clone());
        if mid >= from && mid <= to {
            out.push(
                Notice::new(Code::OverlapPlan)
                    .with("agency", agency)
                    .with("year", year)
                    .with_label_lower("status", status.code(), status.label_key())
                    .with_label_lower("kind", it.kind.code(), it.kind.label_key())
                    .with_label("when", it.when_key(), it.when_key()),
            );
        }
    }
    let ext: Vec<ExternalInspectionRow> = external_inspections::table
        .filter(external_inspections::outlet_id.eq(outlet_id))
        .filter(external_inspections::inspected_on.between(from, to))
        .select(ExternalInspectionRow::as_select())
        .load(conn)?;
    for x in ext {
        out.push(
            Notice::new(Code::OverlapOutside)
                .with("body", x.body)
                .with("date", crate::time::show_date(&x.inspected_on)),
        );
    }
    Ok(out)
}

pub struct Choices {
    pub users: Vec<(String, String)>,
    pub signers: Vec<(String, String)>,
}

pub fn choices(conn: &mut crate::db::DbConnection, agency: &str) -> Result<Choices, AppError> {
    let users = crate::users::queries::list(conn, Some(agency))?
        .into_iter()
        .filter(|u| !u.disabled && u.role != "viewer")
        .map(|u| (u.id.clone(), u.display_name()))
        .collect();
    let today = crate::time::today_vn();
    let signers = crate::agencies::queries::full(conn, agency)?
        .signers
        .into_iter()
        .filter(|s| s.in_force_on(today))
        .map(|s| (s.id.clone(), format!("{} — {}", s.full_name, s.block_lines().join(" / "))))
        .collect();
    Ok(Choices { users, signers })
}

/// What the engagement has done that its transitions depend on.
pub fn facts(conn: &mut DbConnection, e: &EngagementRow) -> Result<crate::inspections::state::Facts, AppError> {
    let recorded: i64 = findings::table
        .filter(findings::engagement_id.eq(&e.id))
        .filter(findings::result.ne("pending"))
        .count()
        .get_result(conn)?;
    let open: i64 = recommendations::table
        .filter(recommendations::engagement_id.eq(&e.id))
        .filter(recommendations::status.ne_all(["done", "closed"]))
        .count()
        .get_result(conn)?;
    Ok(crate::inspections::state::Facts {
        has_findings: recorded > 0,
        suspended_before: e.suspended_before,
        recommendations_settled: open == 0,
        appraised: e.appraised_on.is_some(),
        conclusion_drafted: e.conclusion_id.is_some(),
    })
}
