//! The annual plan (kế hoạch thanh tra, kiểm tra năm): items per outlet or group, approved by a
//! leader (which issues the KH document), amended as new versions; and the overlap warning.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::db::schema::{external_inspections, inspection_plans, plan_items};
use crate::db::{DbConnection, write_tx};
use crate::domain::OutletId;
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::files::FileStore;
use crate::inspections::model::*;
use crate::inspections::queries as q;
use crate::inspections::state::Kind;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    /// From last year to two years ahead; an agency has one plan a year.
    #[schema(pattern = "^[0-9]{4}$", examples(this_year))]
    pub year: String,
    /// At most 300 characters; empty: a title naming the year.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub title: String,
}

fn this_year() -> String {
    crate::time::today_vn().year().to_string()
}

pub fn create(conn: &mut DbConnection, actor: &Actor, agency_id: &str, input: &PlanInput) -> Result<PlanRow, AppError> {
    let this_year = crate::time::today_vn().year();
    let year = input
        .year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (this_year - 1..=this_year + 2).contains(y))
        .ok_or_else(|| FieldErrors::one("year", Code::OutOfRange))?;
    let mut title = text::clean(&input.title);
    if title.chars().count() > 300 {
        return Err(FieldErrors(vec![FieldError::with_arg("title", Code::TooLong, 300)]).into());
    }
    if title.is_empty() {
        title = format!("Thanh tra, kiểm tra năm {year}");
    }
    write_tx(conn, |conn| {
        let exists: i64 = inspection_plans::table
            .filter(inspection_plans::agency_id.eq(agency_id))
            .filter(inspection_plans::year.eq(year))
            .count()
            .get_result(conn)?;
        if exists > 0 {
            return Err(FieldErrors::one("year", Code::PlanExists).into());
        }
        let now = crate::time::now();
        let row = PlanRow {
            id: uuid::Uuid::now_v7().to_string(),
            agency_id: agency_id.into(),
            year,
            version: 1,
            title,
            status: PlanStatus::Draft,
            previous_id: None,
            amend_reason: String::new(),
            document_id: None,
            approved_by: None,
            approved_at: None,
            created_by: actor.name.clone(),
            created_at: now,
            updated_at: now,
        };
        diesel::insert_into(inspection_plans::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    /// One outlet of the registry, or empty with a group label.
    #[serde(default)]
    pub outlet_id: String,
    /// Required without an outlet.
    #[serde(default)]
    pub group_label: String,
    /// A sector code, needed with a group; an outlet's sector is used otherwise.
    #[serde(default)]
    pub sector_code: String,
    #[schema(value_type = Kind)]
    pub kind: String,
    /// Not blank, at most 500 characters.
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    pub scope: String,
    /// 1–4; may be left empty when `month` is given.
    #[serde(default)]
    #[schema(pattern = "^[1-4]?$")]
    pub quarter: String,
    /// 1–12 (optional); when given, it sets the quarter.
    #[serde(default)]
    #[schema(pattern = "^(?:[1-9]|1[0-2])?$")]
    pub month: String,
    #[serde(default)]
    pub lead_unit: String,
}

impl ItemInput {
    /// An outlet or else a group with its sector; a quarter or else a month (the schema's `allOf`
    /// in the document).
    pub fn dependencies() -> Vec<serde_json::Value> {
        use crate::domain::openapi::{either, filled};
        vec![
            either(vec![filled(&["outlet_id"]), filled(&["group_label", "sector_code"])]),
            either(vec![filled(&["quarter"]), filled(&["month"])]),
        ]
    }
}

pub fn add_item(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    plan_id: &str,
    input: &ItemInput,
    overlap_months: u32,
) -> Result<(PlanItemRow, Vec<Notice>), AppError> {
    let mut e = FieldErrors::new();
    let outlet_id: Option<OutletId> =
        Some(input.outlet_id.trim().to_string()).filter(|s| !s.is_empty()).map(OutletId::from);
    let group_label = text::clean(&input.group_label);
    if outlet_id.is_none() && group_label.is_empty() {
        e.add("outlet_id", Code::Required);
    }
    let kind = Kind::parse(&input.kind);
    if kind.is_none() {
        e.add("kind", Code::InvalidChoice);
    }
    let scope = text::clean(&input.scope);
    if scope.is_empty() {
        e.add("scope", Code::Required);
    } else if scope.chars().count() > 500 {
        e.push(FieldError::with_arg("scope", Code::TooLong, 500));
    }
    let month = match input.month.trim() {
        "" => None,
        m => match m.parse::<i32>() {
            Ok(m) if (1..=12).contains(&m) => Some(m),
            _ => {
                e.add("month", Code::OutOfRange);
                None
            }
        },
    };
    let quarter = match (input.quarter.trim(), month) {
        (_, Some(m)) => (m - 1) / 3 + 1,
        ("", None) => {
            e.add("quarter", Code::Required);
            1
        }
        (q, None) => match q.parse::<i32>() {
            Ok(q) if (1..=4).contains(&q) => q,
            _ => {
                e.add("quarter", Code::OutOfRange);
                1
            }
        },
    };
    let lead_unit = text::clean(&input.lead_unit);
    e.into_result()?;
    write_tx(conn, |conn| {
        let plan = q::plan(conn, plan_id, agency_id)?;
        if plan.status != PlanStatus::Draft {
            return Err(AppError::from(Code::PlanApprovedAmendInstead));
        }
        let sector_code = match &outlet_id {
            Some(o) => {
                crate::outlets::queries::find(conn, o)
                    .map_err(|_| AppError::from(FieldErrors::one("outlet_id", Code::InvalidChoice)))?
                    .sector_code
            }
            None => {
                let s = input.sector_code.trim().to_string();
                if crate::sectors::queries::all(conn)?.iter().all(|x| x.code != s) {
                    return Err(FieldErrors::one("sector_code", Code::InvalidChoice).into());
                }
                s
            }
        };
        let position: Option<i32> = plan_items::table
            .filter(plan_items::plan_id.eq(plan_id))
            .select(diesel::dsl::max(plan_items::position))
            .first(conn)?;
        let row = PlanItemRow {
            id: uuid::Uuid::now_v7().to_string(),
            plan_id: plan_id.into(),
            position: position.unwrap_or(0) + 1,
            outlet_id: outlet_id.clone(),
            group_label: group_label.clone(),
            sector_code,
            kind: kind.unwrap_or(Kind::KiemTra),
            scope: scope.clone(),
            planned_quarter: quarter,
            planned_month: month,
            lead_unit: lead_unit.clone(),
        };
        diesel::insert_into(plan_items::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        let warnings = match &outlet_id {
            Some(o) => {
                let mid = NaiveDate::from_ymd_opt(plan.year, (quarter as u32 - 1) * 3 + 2, 15).unwrap_or_default();
                q::overlaps(conn, o, mid, overlap_months, None, Some(&row.id))?
            }
            None => Vec::new(),
        };
        Ok((row, warnings))
    })
}

pub fn remove_item(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    plan_id: &str,
    item_id: &str,
) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        let plan = q::plan(conn, plan_id, agency_id)?;
        if plan.status != PlanStatus::Draft {
            return Err(AppError::from(Code::PlanApprovedAmendInstead));
        }
        let item: PlanItemRow = plan_items::table
            .find(item_id)
            .filter(plan_items::plan_id.eq(plan_id))
            .select(PlanItemRow::as_select())
            .first(conn)?;
        diesel::delete(plan_items::table.find(item_id)).execute(conn)?;
        audit::record(conn, actor, AuditEntry::deleted(&item))?;
        Ok(())
    })
}

/// Approves a draft: issues the plan document (KH) and supersedes the previous version.
pub fn approve(
    conn: &mut DbConnection,
    files: &dyn FileStore,
    actor: &Actor,
    agency_id: &str,
    plan_id: &str,
    signer_id: &str,
    base_url: &str,
) -> Result<PlanRow, AppError> {
    if signer_id.trim().is_empty() {
        return Err(FieldErrors(vec![crate::agencies::queries::missing_signer(conn, agency_id, "signer_id")?]).into());
    }
    write_tx(conn, |conn| {
        let before = q::plan(conn, plan_id, agency_id)?;
        if before.status != PlanStatus::Draft {
            return Err(AppError::from(Code::PlanAlreadyApproved));
        }
        let list = q::plan_items(conn, plan_id)?;
        if list.is_empty() {
            return Err(FieldErrors::one("items", Code::Required).into());
        }
        let mut input = crate::inspections::compose::plan(&before, &list);
        input.signer_id = signer_id.trim().into();
        if before.version > 1 {
            input.summary = format!("{} (điều chỉnh lần {})", before.title, before.version - 1);
            input.bases = format!("Lý do điều chỉnh: {}", before.amend_reason);
        }
        let doc = crate::documents::steps::draft::create_draft(conn, actor, agency_id, input.validate()?)?;
        let doc = crate::documents::steps::issue::issue(conn, files, actor, &doc.id, agency_id, base_url)?;
        let mut after = before.clone();
        after.status = PlanStatus::Approved;
        after.document_id = Some(doc.id);
        after.approved_by = Some(actor.name.clone());
        after.approved_at = Some(crate::time::now());
        after.updated_at = crate::time::now();
        diesel::update(inspection_plans::table.find(plan_id)).set(&after).execute(conn)?;
        audit::record(conn, actor, AuditEntry::transition(&before, &after, AuditAction::Approve))?;
        if let Some(prev) = &before.previous_id {
            let p = q::plan(conn, prev, agency_id)?;
            let mut q = p.clone();
            q.status = PlanStatus::Superseded;
            diesel::update(inspection_plans::table.find(prev))
                .set(inspection_plans::status.eq("superseded"))
                .execute(conn)?;
            audit::record(conn, actor, AuditEntry::transition(&p, &q, AuditAction::Update))?;
        }
        Ok(after)
    })
}

/// Starts an amendment: a new draft version with the items copied.
pub fn amend(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    plan_id: &str,
    reason: &str,
) -> Result<PlanRow, AppError> {
    let reason = text::clean(reason);
    if reason.is_empty() {
        return Err(FieldErrors::one("reason", Code::Required).into());
    }
    write_tx(conn, |conn| {
        let base = q::plan(conn, plan_id, agency_id)?;
        if base.status != PlanStatus::Approved {
            return Err(AppError::from(Code::PlanAmendOnlyApproved));
        }
        let pending: i64 = inspection_plans::table
            .filter(inspection_plans::agency_id.eq(agency_id))
            .filter(inspection_plans::year.eq(base.year))
            .filter(inspection_plans::status.eq("draft"))
            .count()
            .get_result(conn)?;
        if pending > 0 {
            return Err(AppError::from(Code::PlanAmendmentExists));
        }
        let now = crate::time::now();
        let row = PlanRow {
            id: uuid::Uuid::now_v7().to_string(),
            version: base.version + 1,
            status: PlanStatus::Draft,
            previous_id: Some(base.id.clone()),
            amend_reason: reason.clone(),
            document_id: None,
            approved_by: None,
            approved_at: None,
            created_by: actor.name.clone(),
            created_at: now,
            updated_at: now,
            ..base.clone()
        };
        diesel::insert_into(inspection_plans::table).values(&row).execute(conn)?;
        for (it, _) in q::plan_items(conn, &base.id)? {
            let copy = PlanItemRow { id: uuid::Uuid::now_v7().to_string(), plan_id: row.id.clone(), ..it };
            diesel::insert_into(plan_items::table).values(&copy).execute(conn)?;
        }
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalInput {
    /// The body that inspected: not blank.
    #[schema(min_length = 1, pattern = "\\S")]
    pub body: String,
    /// YYYY-MM-DD.
    #[schema(format = Date)]
    pub inspected_on: String,
    #[serde(default)]
    pub note: String,
}

pub fn add_external(
    conn: &mut DbConnection,
    actor: &Actor,
    outlet_id: &str,
    input: &ExternalInput,
) -> Result<ExternalInspectionRow, AppError> {
    let mut e = FieldErrors::new();
    let body = text::clean(&input.body);
    if body.is_empty() {
        e.add("body", Code::Required);
    }
    let on = NaiveDate::parse_from_str(input.inspected_on.trim(), "%Y-%m-%d").ok();
    if on.is_none() {
        e.add("inspected_on", Code::DateInvalid);
    }
    e.into_result()?;
    write_tx(conn, |conn| {
        crate::outlets::queries::find(conn, outlet_id)?;
        let row = ExternalInspectionRow {
            id: uuid::Uuid::now_v7().to_string(),
            outlet_id: outlet_id.into(),
            body: body.clone(),
            inspected_on: on.unwrap_or_default(),
            note: text::clean(&input.note),
            created_by: actor.name.clone(),
            created_at: crate::time::now(),
        };
        diesel::insert_into(external_inspections::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RelationInput {
    /// A user of the caller's agency.
    pub user_id: String,
    /// How they are related to the outlet: not blank.
    #[schema(min_length = 1, pattern = "\\S")]
    pub relation: String,
}

pub fn add_relation(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    outlet_id: &str,
    input: &RelationInput,
) -> Result<RelationRow, AppError> {
    let relation = text::clean(&input.relation);
    if relation.is_empty() {
        return Err(FieldErrors::one("relation", Code::Required).into());
    }
    write_tx(conn, |conn| {
        crate::outlets::queries::find(conn, outlet_id)?;
        crate::users::queries::find_in_agency(conn, input.user_id.trim(), agency_id)
            .map_err(|_| AppError::from(FieldErrors::one("user_id", Code::NotAUser)))?;
        let row = RelationRow {
            id: uuid::Uuid::now_v7().to_string(),
            outlet_id: outlet_id.into(),
            user_id: input.user_id.trim().into(),
            relation: relation.clone(),
            created_by: actor.name.clone(),
            created_at: crate::time::now(),
        };
        diesel::insert_into(crate::db::schema::outlet_relations::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}
