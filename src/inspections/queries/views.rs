//! The composite read models of the pages and the API: the engagement detail (API and page), the
//! dashboard, the engagement page, the plan page, what the outlet page shows.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use super::*;
use crate::db::DbConnection;
use crate::documents::model::DocumentRow;
use crate::error::AppError;
use crate::outlets::model::OutletRow;

#[derive(Serialize, utoipa::ToSchema)]
pub struct MemberView {
    pub user_id: String,
    pub full_name: String,
    /// The official position printed in the decision's team table.
    pub official_title: String,
    pub role: TeamRole,
}

/// A deadline of the engagement (named apart from the calculator's `DeadlineView` in the document).
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = EngagementDeadline)]
pub struct DeadlineView {
    pub id: String,
    pub label: String,
    pub due_date: chrono::NaiveDate,
    pub closed: bool,
}

/// A publication with the one "kept until" date every place shows: the last day it must stay up.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicationView {
    #[serde(flatten)]
    pub publication: PublicationRow,
    pub kept_until: NaiveDate,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EngagementDetail {
    pub engagement: EngagementRow,
    pub members: Vec<MemberView>,
    pub findings: Vec<FindingRow>,
    pub visits: Vec<VisitRow>,
    pub photos: Vec<PhotoRow>,
    pub violations: Vec<ViolationRecRow>,
    pub recommendations: Vec<RecommendationRow>,
    pub publications: Vec<PublicationView>,
    pub deadlines: Vec<DeadlineView>,
    pub warnings: Vec<String>,
    /// The checklist version this engagement copied, e.g. "Kiểm tra cơ sở in (v2)".
    pub checklist: Option<String>,
}

pub fn detail(
    conn: &mut DbConnection,
    id: &str,
    agency: &str,
    overlap_months: u32,
    lang: crate::i18n::Lang,
) -> Result<EngagementDetail, AppError> {
    use crate::db::schema::deadlines;
    use diesel::prelude::*;
    let e = engagement(conn, id, agency)?;
    let team = members(conn, id)?
        .into_iter()
        .map(|(m, u)| MemberView {
            user_id: u.id.clone(),
            full_name: u.display_name(),
            official_title: u.official_title.clone(),
            role: m.role,
        })
        .collect::<Vec<_>>();
    let dl: Vec<(String, String, chrono::NaiveDate, Option<chrono::NaiveDateTime>)> = deadlines::table
        .filter(deadlines::record_type.eq("engagement"))
        .filter(deadlines::record_id.eq(id))
        .order(deadlines::created_at.asc())
        .select((deadlines::id, deadlines::label, deadlines::due_date, deadlines::closed_at))
        .load(conn)?;
    let pubs = publications_kept(conn, id)?;
    let today = crate::time::today_vn();
    let pairs: Vec<(PublicationRow, NaiveDate)> = pubs.iter().map(|p| (p.publication.clone(), p.kept_until)).collect();
    let mut notices = crate::inspections::publication::publication_warnings(&e, &pairs, today);
    if !matches!(e.state(), crate::inspections::state::State::Archived | crate::inspections::state::State::Cancelled) {
        let around = e.announced_on.unwrap_or(today);
        notices.extend(overlaps(conn, &e.outlet_id, around, overlap_months, Some(id), e.plan_item_id.as_deref())?);
        let ids: Vec<String> = members(conn, id)?.into_iter().map(|(m, _)| m.user_id.into()).collect();
        notices.extend(conflicts(conn, &e.outlet_id, &ids)?);
        notices.extend(
            team.iter()
                .filter(|m: &&MemberView| m.official_title.trim().is_empty())
                .map(|m| Notice::new(Code::MemberWithoutTitle).with("name", &m.full_name)),
        );
    }
    let checklist = match &e.checklist_id {
        Some(cid) => crate::db::schema::checklist_templates::table
            .find(cid)
            .select((crate::db::schema::checklist_templates::name, crate::db::schema::checklist_templates::version))
            .first::<(String, i32)>(conn)
            .optional()?
            .map(|(n, v)| format!("{n} (v{v})")),
        None => None,
    };
    Ok(EngagementDetail {
        checklist,
        members: team,
        findings: findings_of(conn, id)?,
        visits: visits(conn, id)?,
        photos: photos(conn, id)?,
        violations: violations_of(conn, id)?,
        recommendations: recommendations_of(conn, id)?,
        publications: pubs,
        deadlines: dl
            .into_iter()
            .map(|(id, label, due_date, closed)| DeadlineView {
                id,
                label: crate::calendar::model::label_text(&label, lang),
                due_date,
                closed: closed.is_some(),
            })
            .collect(),
        warnings: notices.iter().map(|n| n.message(lang)).collect(),
        engagement: e,
    })
}

/// An engagement, its outlet, and its next open deadline (due date, label).
pub type DashboardRow = (EngagementRow, OutletRow, Option<(NaiveDate, String)>);

/// The dashboard: one page of engagements with their outlet and next open deadline (the running
/// step's, else the period's), the count per state, and overdue recommendations.
pub struct Dashboard {
    pub rows: Vec<DashboardRow>,
    pub total: crate::db::Total,
    pub counts: Vec<(String, i64)>,
    pub overdue_recs: i64,
    pub calendar: crate::calendar::engine::Calendar,
}

pub fn dashboard(
    conn: &mut DbConnection,
    agency: &str,
    f: &EngagementFilter,
    paging: &crate::web::Paging,
) -> Result<Dashboard, AppError> {
    let (rows, total) = engagements(conn, agency, f, paging)?;
    // Kept by the database on every change of state (migration 18), not counted per page.
    let counts: Vec<(String, i64)> = engagement_state_counts::table
        .filter(engagement_state_counts::agency_id.eq(agency))
        .filter(engagement_state_counts::n.gt(0))
        .select((engagement_state_counts::state, engagement_state_counts::n))
        .load(conn)?;
    let overdue_recs = overdue_count(conn, agency, crate::time::today_vn())?;
    let calendar = crate::calendar::queries::load_calendar(conn)?;
    // One query for the page's deadlines.
    let wanted: Vec<Option<crate::domain::DeadlineId>> =
        rows.iter().map(|(e, _)| e.step_deadline_id.clone().or_else(|| e.period_deadline_id.clone())).collect();
    let open: Vec<crate::calendar::model::DeadlineRow> = deadlines::table
        .filter(deadlines::agency_id.eq(agency))
        .filter(deadlines::id.eq_any(wanted.iter().flatten().cloned().collect::<Vec<_>>()))
        .filter(deadlines::closed_at.is_null())
        .select(crate::calendar::model::DeadlineRow::as_select())
        .load(conn)?;
    let rows = rows
        .into_iter()
        .zip(wanted)
        .map(|((e, o), w)| {
            let due = w.and_then(|id| open.iter().find(|d| d.id == id)).map(|d| (d.due_date, d.label.clone()));
            (e, o, due)
        })
        .collect();
    Ok(Dashboard { rows, total, counts, overdue_recs, calendar })
}

/// Everything the engagement page shows: the detail the API returns, plus the outlet, the documents
/// (with each violation's record and decision and the rule it cites), every deadline of the
/// engagement and its violations, the rules in force today, the people who can act, what was
/// mailed, and the history.
pub struct EngagementPage {
    pub detail: EngagementDetail,
    pub outlet: OutletRow,
    pub docs: Vec<(&'static str, DocumentRow)>,
    pub vdocs: Vec<(DocumentRow, ViolationRecRow, String)>,
    pub deadlines: Vec<crate::calendar::model::DeadlineRow>,
    pub calendar: crate::calendar::engine::Calendar,
    pub messages: Vec<(crate::mail::outbox::MessageRow, Vec<crate::mail::outbox::RecipientRow>)>,
    pub history: crate::audit::repo::History,
    pub facts: crate::inspections::state::Facts,
}

pub fn engagement_page(
    conn: &mut DbConnection,
    id: &str,
    agency: &str,
    overlap_months: u32,
    lang: crate::i18n::Lang,
) -> Result<EngagementPage, AppError> {
    let d = detail(conn, id, agency, overlap_months, lang)?;
    let outlet = crate::outlets::queries::find(conn, &d.engagement.outlet_id)?;
    let e = &d.engagement;
    let mut docs = Vec::new();
    for (role, did) in [
        ("insp.doc.decision", &e.decision_id),
        ("insp.doc.minutes", &e.minutes_id),
        ("insp.doc.report", &e.report_id),
        ("insp.doc.conclusion", &e.conclusion_id),
    ] {
        if let Some(did) = did {
            docs.push((role, crate::documents::queries::find(conn, did, agency)?));
        }
    }
    let mut vdocs = Vec::new();
    let rules = crate::inspections::catalogue::violations(conn)?;
    let cite = |r: &ViolationRow| match r.provision() {
        Some(p) => format!("{} {}", p.cite(), r.decree),
        None => r.decree.clone(),
    };
    for v in &d.violations {
        let rule = rules.iter().find(|r| r.id == v.rule_id).map(cite).unwrap_or_default();
        if let Some(r) = &v.record_id {
            vdocs.push((crate::documents::queries::find(conn, r, agency)?, v.clone(), rule.clone()));
        }
        if let Some(r) = &v.decision_id {
            vdocs.push((crate::documents::queries::find(conn, r, agency)?, v.clone(), rule));
        }
    }
    let dls: Vec<crate::calendar::model::DeadlineRow> = deadlines::table
        .filter(deadlines::agency_id.eq(agency))
        .filter(
            deadlines::record_id
                .eq(id)
                .or(deadlines::record_id.eq_any(d.violations.iter().map(|v| v.id.clone()).collect::<Vec<_>>())),
        )
        .order(deadlines::created_at.asc())
        .select(crate::calendar::model::DeadlineRow::as_select())
        .load(conn)?;
    let cal = crate::calendar::queries::load_calendar(conn)?;
    let mut msgs = Vec::new();
    if let Some(cid) = &e.conclusion_id {
        msgs = crate::mail::outbox::for_record(conn, "document", cid)?;
    }
    let history = crate::audit::repo::history(conn, "engagement", id, Some(agency))?;
    let facts = facts(conn, &d.engagement)?;
    Ok(EngagementPage { detail: d, outlet, docs, vdocs, deadlines: dls, calendar: cal, messages: msgs, history, facts })
}

/// One plan version as its page shows it: the items (with the outlet or group, and the engagement
/// opened from each, read in one query), the other versions of the year, the signers, the sectors,
/// and the number of the issued plan.
pub struct PlanPage {
    pub plan: PlanRow,
    pub items: Vec<(PlanItemRow, String, Option<String>)>,
    pub versions: Vec<PlanRow>,
    pub choices: Choices,
    pub sectors: Vec<(String, String)>,
    pub doc_symbol: String,
}

pub fn plan_page(
    conn: &mut DbConnection,
    id: &str,
    agency: &str,
    lang: crate::i18n::Lang,
) -> Result<PlanPage, AppError> {
    let p = plan(conn, id, agency)?;
    let rows = plan_items(conn, id)?;
    let opened: Vec<(Option<String>, String)> = engagements::table
        .filter(engagements::plan_item_id.eq_any(rows.iter().map(|(i, _)| i.id.clone()).collect::<Vec<_>>()))
        .order(engagements::created_at.asc())
        .select((engagements::plan_item_id, engagements::id))
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|(i, who)| {
            let e = opened.iter().find(|(item, _)| item.as_deref() == Some(i.id.as_str())).map(|(_, e)| e.clone());
            (i, who, e)
        })
        .collect();
    let versions = plans(conn, agency)?.into_iter().filter(|x| x.year == p.year).collect();
    let sectors =
        crate::sectors::queries::all(conn)?.into_iter().map(|s| (s.code.clone(), s.name(lang).to_string())).collect();
    let doc_symbol = match &p.document_id {
        Some(d) => crate::documents::queries::find(conn, d, agency)?.symbol.unwrap_or_default(),
        None => String::new(),
    };
    Ok(PlanPage { plan: p, items, versions, choices: choices(conn, agency)?, sectors, doc_symbol })
}

/// What the agency knows of inspections at one outlet: its engagements and violations, inspections by
/// outside bodies, and staff with a recorded relation to the outlet (conflicts of interest).
pub struct OutletRecord {
    pub engagements: Vec<EngagementRow>,
    pub violations: Vec<ViolationRecRow>,
    pub external: Vec<ExternalInspectionRow>,
    /// (staff name, relation)
    pub relations: Vec<(String, String)>,
    pub choices: Choices,
}

pub fn outlet_record(conn: &mut DbConnection, agency: &str, outlet_id: &str) -> Result<OutletRecord, AppError> {
    let f = EngagementFilter { outlet_id: outlet_id.into(), ..Default::default() };
    let (rows, _) = engagements(conn, agency, &f, &crate::web::Paging::new(None, Some(100), 100))?;
    let external = external_inspections::table
        .filter(external_inspections::outlet_id.eq(outlet_id))
        .order(external_inspections::inspected_on.desc())
        .select(ExternalInspectionRow::as_select())
        .load(conn)?;
    let relations = outlet_relations::table
        .inner_join(users::table)
        .filter(outlet_relations::outlet_id.eq(outlet_id))
        .filter(users::agency_id.eq(agency))
        .select((users::full_name, users::username, outlet_relations::relation))
        .load::<(String, String, String)>(conn)?
        .into_iter()
        .map(|(name, username, relation)| (crate::users::model::shown_name(&name, &username), relation))
        .collect();
    Ok(OutletRecord {
        engagements: rows.into_iter().map(|(e, _)| e).collect(),
        violations: of_outlet(conn, agency, outlet_id)?,
        external,
        relations,
        choices: choices(conn, agency)?,
    })
}
