//! Read models of the inspection chain: what pages and the API show, and what the steps read.

use chrono::{Days, Months, NaiveDate};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::DbConnection;
use crate::db::schema::*;
use crate::documents::model::DocumentRow;
use crate::domain::text;
use crate::error::{AppError, Code, FieldErrors};
use crate::inspections::catalogue::ViolationRow;
use crate::inspections::compose::MemberLine;
use crate::inspections::model::*;
use crate::inspections::state::Kind;
use crate::outlets::model::OutletRow;

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
        .map(|(m, u)| MemberLine {
            name: u.full_name.clone(),
            position: match u.role.as_str() {
                "leader" => "Lãnh đạo".into(),
                "inspector" => "Thanh tra viên".into(),
                _ => "Công chức".into(),
            },
            team_role: if m.role == "leader" { "Trưởng đoàn" } else { "Thành viên" }.into(),
        })
        .collect())
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
pub fn conflicts(conn: &mut DbConnection, outlet_id: &str, user_ids: &[String]) -> Result<Vec<Warning>, AppError> {
    let rows: Vec<(RelationRow, String)> = outlet_relations::table
        .inner_join(users::table)
        .filter(outlet_relations::outlet_id.eq(outlet_id))
        .filter(outlet_relations::user_id.eq_any(user_ids))
        .select((RelationRow::as_select(), users::full_name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(r, name)| Warning {
            code: "conflict_of_interest".into(),
            message: format!("{name} có quan hệ với cơ sở được ghi nhận: {}", r.relation),
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
    pub page: Option<i64>,
}

pub fn engagements(
    conn: &mut DbConnection,
    agency_id: &str,
    f: &EngagementFilter,
    paging: &crate::web::Paging,
) -> Result<(Vec<(EngagementRow, OutletRow)>, i64), AppError> {
    use crate::db::schema::outlets;
    let build = || {
        let mut q =
            engagements::table.inner_join(outlets::table).filter(engagements::agency_id.eq(agency_id)).into_boxed();
        if let Some(s) = parse_state(f.state.trim()) {
            q = q.filter(engagements::state.eq(state_code(s)));
        } else if f.state.trim() == "open" {
            q = q.filter(engagements::state.ne_all(["archived", "cancelled"]));
        }
        if let Some(k) = parse_kind(&f.kind) {
            q = q.filter(engagements::kind.eq(kind_code(k)));
        }
        if !f.outlet_id.trim().is_empty() {
            q = q.filter(engagements::outlet_id.eq(f.outlet_id.trim().to_string()));
        }
        for word in text::fold(&f.q).split_whitespace().take(10) {
            q = q.filter(outlets::search_text.like(format!("%{}%", text::escape_like(word))).escape('\\'));
        }
        q
    };
    let total: i64 = build().count().get_result(conn)?;
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

/// Recommendations past their due date and not settled, across the agency (for the dashboard).
pub fn overdue_count(conn: &mut DbConnection, agency_id: &str, today: NaiveDate) -> Result<i64, AppError> {
    use crate::db::schema::engagements;
    Ok(recommendations::table
        .inner_join(engagements::table.on(engagements::id.eq(recommendations::engagement_id)))
        .filter(engagements::agency_id.eq(agency_id))
        .filter(recommendations::status.ne_all(["done", "closed"]))
        .filter(recommendations::due_date.lt(today))
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
) -> Result<Vec<Warning>, AppError> {
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
            out.push(Warning {
                code: "overlap_engagement".into(),
                message: format!(
                    "{} — {} đã {} cơ sở này ({}; {})",
                    agency,
                    kind_label(e.kind()),
                    kind_label(e.kind()).to_lowercase(),
                    crate::time::show_date(&when),
                    e.scope
                ),
            });
        }
    }
    let items: Vec<(PlanItemRow, i32, String, String)> = plan_items::table
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
            out.push(Warning {
                code: "overlap_plan".into(),
                message: format!(
                    "{} — kế hoạch năm {} ({}) có {} cơ sở này, {}",
                    agency,
                    year,
                    if status == "approved" { "đã duyệt" } else { "dự thảo" },
                    kind_label(parse_kind(&it.kind).unwrap_or(crate::inspections::state::Kind::KiemTra)).to_lowercase(),
                    it.when().to_lowercase()
                ),
            });
        }
    }
    let ext: Vec<ExternalInspectionRow> = external_inspections::table
        .filter(external_inspections::outlet_id.eq(outlet_id))
        .filter(external_inspections::inspected_on.between(from, to))
        .select(ExternalInspectionRow::as_select())
        .load(conn)?;
    for x in ext {
        out.push(Warning {
            code: "overlap_external".into(),
            message: format!("{} đã kiểm tra cơ sở này ngày {}", x.body, crate::time::show_date(&x.inspected_on)),
        });
    }
    Ok(out)
}

pub struct Choices {
    pub users: Vec<(String, String)>,
    pub signers: Vec<(String, String)>,
}

pub fn choices(conn: &mut crate::db::DbConnection, agency: &str) -> Result<Choices, AppError> {
    let users = crate::users::repo::list(conn, Some(agency))?
        .into_iter()
        .filter(|u| !u.disabled && u.role != "viewer")
        .map(|u| (u.id, u.full_name))
        .collect();
    let today = crate::time::today_vn();
    let signers = crate::agencies::repo::full(conn, agency)?
        .signers
        .into_iter()
        .filter(|s| s.in_force_on(today))
        .map(|s| (s.id.clone(), format!("{} — {}", s.full_name, s.block_lines().join(" / "))))
        .collect();
    Ok(Choices { users, signers })
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MemberView {
    pub user_id: String,
    pub full_name: String,
    pub role: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DeadlineView {
    pub id: String,
    pub label: String,
    pub due_date: chrono::NaiveDate,
    pub closed: bool,
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
    pub publications: Vec<PublicationRow>,
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
) -> Result<EngagementDetail, AppError> {
    use crate::db::schema::deadlines;
    use diesel::prelude::*;
    let e = engagement(conn, id, agency)?;
    let team = members(conn, id)?
        .into_iter()
        .map(|(m, u)| MemberView { user_id: u.id, full_name: u.full_name, role: m.role })
        .collect();
    let dl: Vec<(String, String, chrono::NaiveDate, Option<chrono::NaiveDateTime>)> = deadlines::table
        .filter(deadlines::record_type.eq("engagement"))
        .filter(deadlines::record_id.eq(id))
        .order(deadlines::created_at.asc())
        .select((deadlines::id, deadlines::label, deadlines::due_date, deadlines::closed_at))
        .load(conn)?;
    let pubs = publications_of(conn, id)?;
    let today = crate::time::today_vn();
    let mut warnings = publication_warnings(&e, &pubs, today);
    if !matches!(e.state(), crate::inspections::state::State::Archived | crate::inspections::state::State::Cancelled) {
        let around = e.announced_on.unwrap_or(today);
        warnings.extend(
            overlaps(conn, &e.outlet_id, around, overlap_months, Some(id), e.plan_item_id.as_deref())?
                .into_iter()
                .map(|w| w.message),
        );
        let ids: Vec<String> = members(conn, id)?.into_iter().map(|(m, _)| m.user_id).collect();
        warnings.extend(conflicts(conn, &e.outlet_id, &ids)?.into_iter().map(|w| w.message));
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
            .map(|(id, label, due_date, closed)| DeadlineView { id, label, due_date, closed: closed.is_some() })
            .collect(),
        warnings,
        engagement: e,
    })
}

/// Days a conclusion stays on the portal at least (NĐ 43/2023 Art. 48; kept under the 2025 law until
/// NĐ 216/2025 is checked: DOMAIN.md §1.5, §9.1).
pub const PORTAL_MIN_DAYS: u64 = 15;

/// The first day a posting may come down: after 15 consecutive days on the portal or premises.
pub fn earliest_removal(p: &PublicationRow) -> NaiveDate {
    p.published_on.checked_add_days(Days::new(PORTAL_MIN_DAYS)).unwrap_or(p.published_on)
}

/// What the publication record still lacks, for the warnings on the engagement page.
pub fn publication_warnings(e: &EngagementRow, pubs: &[PublicationRow], today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    if e.kind() != Kind::ThanhTra || e.signed_on.is_none() {
        return out;
    }
    let portal = pubs.iter().find(|p| p.channel == "portal");
    if portal.is_none() {
        out.push("Chưa công khai trên cổng thông tin điện tử (bắt buộc, trong 10 ngày kể từ ngày ký).".into());
    }
    if !pubs.iter().any(|p| p.channel != "portal") {
        out.push(
            "Chưa công khai bằng ít nhất một hình thức khác (họp công bố, thông tin đại chúng hoặc niêm yết).".into(),
        );
    }
    if let Some(p) = portal
        && p.removed_on.is_none()
    {
        let until = earliest_removal(p);
        if today < until {
            out.push(format!(
                "Giữ trên cổng thông tin đến hết ngày {} (đủ 15 ngày liên tục).",
                crate::time::show_date(&(until - Days::new(1)))
            ));
        }
    }
    out
}

/// An engagement, its outlet, and its next open deadline (due date, label).
pub type DashboardRow = (EngagementRow, OutletRow, Option<(NaiveDate, String)>);

/// The dashboard: one page of engagements with their outlet and next open deadline (the running
/// step's, else the period's), the count per state, and overdue recommendations.
pub struct Dashboard {
    pub rows: Vec<DashboardRow>,
    pub total: i64,
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
    let counts: Vec<(String, i64)> = engagements::table
        .filter(engagements::agency_id.eq(agency))
        .group_by(engagements::state)
        .select((engagements::state, diesel::dsl::count_star()))
        .load(conn)?;
    let overdue_recs = overdue_count(conn, agency, crate::time::today_vn())?;
    let calendar = crate::calendar::queries::load_calendar(conn)?;
    // One query for the page's deadlines.
    let wanted: Vec<Option<String>> =
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
    pub rules: Vec<(String, String)>,
    pub choices: Choices,
    pub messages: Vec<(crate::mail::outbox::MessageRow, Vec<crate::mail::outbox::RecipientRow>)>,
    pub history: Vec<crate::audit::repo::AuditRow>,
    pub facts: crate::inspections::state::Facts,
}

pub fn engagement_page(
    conn: &mut DbConnection,
    id: &str,
    agency: &str,
    overlap_months: u32,
) -> Result<EngagementPage, AppError> {
    let d = detail(conn, id, agency, overlap_months)?;
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
    for v in &d.violations {
        let rule =
            rules.iter().find(|r| r.id == v.rule_id).map(|r| format!("{} {}", r.article, r.decree)).unwrap_or_default();
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
    let today = crate::time::today_vn();
    let in_force: Vec<(String, String)> = rules
        .into_iter()
        .filter(|r| r.valid_from <= today && r.valid_to.is_none_or(|t| today <= t))
        .map(|r| (r.id, format!("{} {} — {}", r.article, r.decree, r.description)))
        .collect();
    let c = choices(conn, agency)?;
    let mut msgs = Vec::new();
    if let Some(cid) = &e.conclusion_id {
        msgs = crate::mail::outbox::for_record(conn, "document", cid)?;
    }
    let history = crate::audit::repo::history(conn, "engagement", id, Some(agency))?;
    let facts = facts(conn, &d.engagement)?;
    Ok(EngagementPage {
        detail: d,
        outlet,
        docs,
        vdocs,
        deadlines: dls,
        calendar: cal,
        rules: in_force,
        choices: c,
        messages: msgs,
        history,
        facts,
    })
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
        crate::sectors::repo::all(conn)?.into_iter().map(|s| (s.code.clone(), s.name(lang).to_string())).collect();
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
        .select((users::full_name, outlet_relations::relation))
        .load(conn)?;
    Ok(OutletRecord {
        engagements: rows.into_iter().map(|(e, _)| e).collect(),
        violations: of_outlet(conn, agency, outlet_id)?,
        external,
        relations,
        choices: choices(conn, agency)?,
    })
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
