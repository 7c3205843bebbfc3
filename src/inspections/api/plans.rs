//! `/api/v1/plans` and the outlet's outside inspections and staff relations.

use actix_web::{HttpResponse, delete, get, post, web};
use serde::{Deserialize, Serialize};

use super::run;
use crate::auth::{ApiUser, Permission};
use crate::error::ApiResult;
use crate::inspections::model::*;
use crate::inspections::queries::{self as q};
use crate::inspections::steps::plan::{self as plan_steps, ExternalInput, ItemInput, PlanInput, RelationInput};
use crate::state::AppState;
use crate::web::IdPath;

#[derive(Serialize, utoipa::ToSchema)]
pub struct PlanView {
    pub plan: PlanRow,
    pub items: Vec<PlanItemRow>,
}

/// Starts the year's plan (a draft, version 1).
#[utoipa::path(post, path = "/plans", tag = "inspections", request_body = PlanInput, responses((status = 201, body = PlanRow), (status = 422)), security(("bearer" = [])))]
#[post("/plans")]
pub async fn plan_create(
    user: ApiUser,
    state: web::Data<AppState>,
    body: web::Json<PlanInput>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let p =
        run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| plan_steps::create(c, a, ag, &b)).await?;
    Ok(HttpResponse::Created().json(p))
}

/// The agency's plans, every year and version, the newest first (a few a year).
#[utoipa::path(get, path = "/plans", tag = "inspections", responses((status = 200, body = Vec<PlanRow>)), security(("bearer" = [])))]
#[get("/plans")]
pub async fn plan_list(user: ApiUser, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let list = run(&state, &user.0, &[Permission::InspectionRead], move |c, _, ag| q::plans(c, ag)).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// A plan version with its items.
#[utoipa::path(get, path = "/plans/{id}", tag = "inspections", params(("id" = String, Path)), responses((status = 200, body = PlanView), (status = 404)), security(("bearer" = [])))]
#[get("/plans/{id}")]
pub async fn plan_get(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let v = run(&state, &user.0, &[Permission::InspectionRead], move |c, _, ag| {
        let plan = q::plan(c, &id, ag)?;
        let items = q::plan_items(c, &id)?.into_iter().map(|(i, _)| i).collect();
        Ok(PlanView { plan, items })
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ItemCreated {
    pub item: PlanItemRow,
    /// The outlet was inspected or is planned within the overlap window.
    pub warnings: Vec<Warning>,
}

/// Adds an item to a draft plan; overlaps come back as warnings.
#[utoipa::path(post, path = "/plans/{id}/items", tag = "inspections", params(("id" = String, Path)), request_body = ItemInput, responses((status = 201, body = ItemCreated), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/plans/{id}/items")]
pub async fn plan_add_item(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<ItemInput>,
) -> ApiResult<HttpResponse> {
    let (id, b, months) = (path.into_inner(), body.into_inner(), state.config.settings.overlap_months);
    let (item, warnings) = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        plan_steps::add_item(c, a, ag, &id, &b, months)
    })
    .await?;
    let warnings = Warning::all(&warnings, user.0.lang);
    Ok(HttpResponse::Created().json(ItemCreated { item, warnings }))
}

/// Removes an item from a draft plan.
#[utoipa::path(delete, path = "/plans/{id}/items/{item_id}", tag = "inspections", params(("id" = String, Path), ("item_id" = String, Path)), responses((status = 204), (status = 409)), security(("bearer" = [])))]
#[delete("/plans/{id}/items/{item_id}")]
pub async fn plan_remove_item(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, item) = path.into_inner();
    run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| plan_steps::remove_item(c, a, ag, &id, &item))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignerInput {
    /// One of the agency's signers (`GET /api/v1/agencies/{id}`): not blank.
    #[schema(min_length = 1, pattern = "\\S")]
    pub signer_id: String,
}

/// Approves a draft plan: issues the plan document (KH) and supersedes the previous version.
#[utoipa::path(post, path = "/plans/{id}/approve", tag = "inspections", params(("id" = String, Path)), request_body = SignerInput, responses((status = 200, body = PlanRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/plans/{id}/approve")]
pub async fn plan_approve(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<SignerInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let base = state.public_address().await?;
    let files = state.files.clone();
    let p = run(&state, &user.0, &[Permission::InspectionApprove, Permission::DocumentIssue], move |c, a, ag| {
        plan_steps::approve(c, files.as_ref(), a, ag, &id, &b.signer_id, &base)
    })
    .await?;
    Ok(HttpResponse::Ok().json(p))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonInput {
    /// Why the plan changes: not blank.
    #[schema(min_length = 1, pattern = "\\S")]
    pub reason: String,
}

/// Starts an amendment of an approved plan: a new draft version with the items copied.
#[utoipa::path(post, path = "/plans/{id}/amend", tag = "inspections", params(("id" = String, Path)), request_body = ReasonInput, responses((status = 201, body = PlanRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/plans/{id}/amend")]
pub async fn plan_amend(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<ReasonInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let p = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        plan_steps::amend(c, a, ag, &id, &b.reason)
    })
    .await?;
    Ok(HttpResponse::Created().json(p))
}

/// Records an inspection of the outlet by an outside body (for overlap warnings).
#[utoipa::path(post, path = "/outlets/{id}/external-inspections", tag = "inspections", params(("id" = String, Path)), request_body = ExternalInput, responses((status = 201, body = ExternalInspectionRow), (status = 422)), security(("bearer" = [])))]
#[post("/outlets/{id}/external-inspections")]
pub async fn external_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<ExternalInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let r =
        run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, _| plan_steps::add_external(c, a, &id, &b))
            .await?;
    Ok(HttpResponse::Created().json(r))
}

/// Records a staff member's relation to an outlet (warned about when they join its team).
#[utoipa::path(post, path = "/outlets/{id}/relations", tag = "inspections", params(("id" = String, Path)), request_body = RelationInput, responses((status = 201, body = RelationRow), (status = 422)), security(("bearer" = [])))]
#[post("/outlets/{id}/relations")]
pub async fn relation_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<RelationInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let r = run(&state, &user.0, &[Permission::InspectionApprove], move |c, a, ag| {
        plan_steps::add_relation(c, a, ag, &id, &b)
    })
    .await?;
    Ok(HttpResponse::Created().json(r))
}
