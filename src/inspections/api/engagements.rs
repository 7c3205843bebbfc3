//! `/api/v1/engagements`: open, list, read, and every step of the state machine.

use actix_web::{HttpResponse, get, post, web};
use serde::Serialize;

use super::run;
use crate::auth::{ApiUser, Permission};
use crate::error::ApiResult;
use crate::inspections::model::*;
use crate::inspections::queries::{self as q, EngagementDetail, EngagementFilter};
use crate::inspections::steps::advance::{self, Ctx, StepInput};
use crate::inspections::steps::open::{self, EngagementInput};
use crate::state::AppState;
use crate::web::IdPath;

#[derive(Serialize, utoipa::ToSchema)]
pub struct EngagementCreated {
    pub engagement: EngagementRow,
    /// Overlaps and conflicts of interest: shown, not blocking.
    pub warnings: Vec<Warning>,
}

/// Opens an engagement from a plan item or ad hoc; its decision is drafted.
#[utoipa::path(post, path = "/engagements", tag = "inspections", request_body = EngagementInput, responses((status = 201, body = EngagementCreated), (status = 422)), security(("bearer" = [])))]
#[post("/engagements")]
pub async fn engagement_create(
    user: ApiUser,
    state: web::Data<AppState>,
    body: web::Json<EngagementInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let months = state.config.settings.overlap_months;
    let (engagement, warnings) = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        let v = open::check(c, ag, &input)?;
        open::create(c, a, ag, v, months)
    })
    .await?;
    let warnings = Warning::all(&warnings, user.0.lang);
    Ok(HttpResponse::Created().json(EngagementCreated { engagement, warnings }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EngagementList {
    /// How many engagements match, counted up to 1,000.
    pub total: i64,
    /// The count stopped at `total`: more match.
    pub more: bool,
    pub items: Vec<EngagementRow>,
}

/// Engagements of the caller's agency, newest activity first.
#[utoipa::path(get, path = "/engagements", tag = "inspections", params(EngagementFilter), responses((status = 200, body = EngagementList)), security(("bearer" = [])))]
#[get("/engagements")]
pub async fn engagement_list(
    user: ApiUser,
    state: web::Data<AppState>,
    filter: web::Query<EngagementFilter>,
) -> ApiResult<HttpResponse> {
    let f = filter.into_inner();
    let (rows, total) = run(&state, &user.0, &[Permission::InspectionRead], move |c, _, ag| {
        q::engagements(c, ag, &f, &crate::web::Paging::new(f.page, Some(100), 100))
    })
    .await?;
    Ok(HttpResponse::Ok().json(EngagementList {
        total: total.n,
        more: total.more,
        items: rows.into_iter().map(|(e, _)| e).collect(),
    }))
}

/// Everything recorded on one engagement.
#[utoipa::path(get, path = "/engagements/{id}", tag = "inspections", params(("id" = String, Path)), responses((status = 200, body = EngagementDetail), (status = 404)), security(("bearer" = [])))]
#[get("/engagements/{id}")]
pub async fn engagement_get(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let (months, lang) = (state.config.settings.overlap_months, user.0.lang);
    let d = run(&state, &user.0, &[Permission::InspectionRead], move |c, _, ag| q::detail(c, &id, ag, months, lang))
        .await?;
    Ok(HttpResponse::Ok().json(d))
}

/// One step of the state machine (decide, announce, start_on_site, suspend, resume, extend,
/// end_on_site, submit_report, compose_conclusion, appraise, sign_conclusion, start_follow_up, archive, cancel).
/// A step out of order is refused with 409 and nothing changes.
#[utoipa::path(post, path = "/engagements/{id}/steps", tag = "inspections", params(("id" = String, Path)), request_body = StepInput, responses((status = 200, body = EngagementRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/steps")]
pub async fn engagement_step(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<StepInput>,
) -> ApiResult<HttpResponse> {
    let step = body.into_inner().parse()?;
    let mut perms = vec![Permission::InspectionWrite];
    if step.needs_approval() {
        perms.extend([Permission::InspectionApprove, Permission::DocumentIssue]);
    }
    let id = path.into_inner();
    let base = state.public_address().await?;
    let files = state.files.clone();
    let e = run(&state, &user.0, &perms, move |c, a, ag| {
        advance::step(c, &Ctx { files: files.as_ref(), base_url: &base }, a, &id, ag, None, step)
    })
    .await?;
    Ok(HttpResponse::Ok().json(e))
}
