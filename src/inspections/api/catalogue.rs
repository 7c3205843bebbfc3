//! `/api/v1/catalogue`: the violation rules (with the ids a violation names), the sanction decrees
//! and the sector checklists (with the item codes findings carry).

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::run;
use crate::auth::{ApiUser, Permission};
use crate::error::ApiResult;
use crate::inspections::catalogue::{self, ChecklistItem, DecreeRow};
use crate::inspections::sanctions::Offender;
use crate::state::AppState;

/// A violation rule as a client picks it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RuleView {
    pub id: String,
    pub code: String,
    pub sector: String,
    pub decree_id: Option<String>,
    /// "NĐ 119/2020/NĐ-CP".
    pub decree: String,
    /// "điểm a khoản 1 Điều 28c"; null while the catalogue has not identified it (such a rule can
    /// be recorded, not sanctioned).
    pub provision: Option<String>,
    pub description: String,
    /// The fine for an organisation and for an individual, in đồng: [min, max].
    pub range_organisation: [i64; 2],
    pub range_individual: [i64; 2],
    /// Whom the decree's printed figures are for.
    pub fine_basis: Offender,
    pub remedies: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub legal_source: String,
    pub verified: bool,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct RuleQuery {
    /// Only this sector's rules.
    #[serde(default)]
    pub sector: Option<String>,
    /// Only rules in force on this day (YYYY-MM-DD).
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

/// The violation rules, newest first within each code.
#[utoipa::path(get, path = "/catalogue/violations", tag = "inspections", params(RuleQuery), responses((status = 200, body = Vec<RuleView>)), security(("bearer" = [])))]
#[get("/catalogue/violations")]
pub async fn rules(user: ApiUser, state: web::Data<AppState>, query: web::Query<RuleQuery>) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let rows = run(&state, &user.0, &[Permission::InspectionRead], move |c, _, _| catalogue::violations(c)).await?;
    let out: Vec<RuleView> = rows
        .into_iter()
        .filter(|r| q.sector.as_deref().is_none_or(|s| r.sector_code == s))
        .filter(|r| q.on.is_none_or(|d| r.valid_from <= d && r.valid_to.is_none_or(|t| d <= t)))
        .map(|r| {
            let rule = r.rule();
            let (o, i) = (rule.range(Offender::Organisation), rule.range(Offender::Individual));
            RuleView {
                provision: r.provision().map(|p| p.cite()),
                range_organisation: [o.0, o.1],
                range_individual: [i.0, i.1],
                id: r.id,
                code: r.code,
                sector: r.sector_code,
                decree_id: r.decree_id,
                decree: r.decree,
                description: r.description,
                fine_basis: r.fine_basis,
                remedies: r.remedies,
                valid_from: r.valid_from,
                valid_to: r.valid_to,
                legal_source: r.legal_source,
                verified: r.verified,
            }
        })
        .collect();
    Ok(HttpResponse::Ok().json(out))
}

/// The decrees that set fines, cited in full by sanction decisions.
#[utoipa::path(get, path = "/catalogue/decrees", tag = "inspections", responses((status = 200, body = Vec<DecreeRow>)), security(("bearer" = [])))]
#[get("/catalogue/decrees")]
pub async fn decrees(user: ApiUser, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let rows = run(&state, &user.0, &[Permission::InspectionRead], move |c, _, _| catalogue::decrees(c)).await?;
    Ok(HttpResponse::Ok().json(rows))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ChecklistView {
    pub id: String,
    pub sector: String,
    pub version: i32,
    pub name: String,
    pub valid_from: NaiveDate,
    pub items: Vec<ItemView>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ItemView {
    pub code: String,
    pub text: String,
    pub legal_ref: String,
}

impl From<ChecklistItem> for ItemView {
    fn from(i: ChecklistItem) -> Self {
        ItemView { code: i.code, text: i.text, legal_ref: i.legal_ref }
    }
}

/// Each sector's latest checklist, with the item codes findings carry.
#[utoipa::path(get, path = "/catalogue/checklists", tag = "inspections", responses((status = 200, body = Vec<ChecklistView>)), security(("bearer" = [])))]
#[get("/catalogue/checklists")]
pub async fn checklists(user: ApiUser, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let rows = run(&state, &user.0, &[Permission::InspectionRead], move |c, _, _| catalogue::checklists(c)).await?;
    let out: Vec<ChecklistView> = rows
        .into_iter()
        .map(|c| ChecklistView {
            items: c.item_list().into_iter().map(ItemView::from).collect(),
            id: c.id,
            sector: c.sector_code,
            version: c.version,
            name: c.name,
            valid_from: c.valid_from,
        })
        .collect();
    Ok(HttpResponse::Ok().json(out))
}
