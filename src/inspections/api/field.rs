//! Findings, visits, photos and violations through the API.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, post, put, web};

use super::run;
use crate::auth::{ApiUser, Permission};
use crate::error::ApiResult;
use crate::inspections::model::*;
use crate::inspections::steps::advance::Ctx;
use crate::inspections::steps::findings::{self, FindingInput, VisitInput};
use crate::inspections::steps::payment::{self, PaymentInput};
use crate::inspections::steps::violations::{self as violation_steps, SanctionInput, ViolationInput};
use crate::state::AppState;
use crate::web::IdPath;

/// Records a checklist item's result (on site).
#[utoipa::path(put, path = "/engagements/{id}/findings/{finding_id}", tag = "inspections", params(("id" = String, Path), ("finding_id" = String, Path)), request_body = FindingInput, responses((status = 200, body = FindingRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[put("/engagements/{id}/findings/{finding_id}")]
pub async fn finding_put(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<FindingInput>,
) -> ApiResult<HttpResponse> {
    let (id, fid) = path.into_inner();
    let b = body.into_inner();
    let f = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        findings::record_finding(c, a, ag, &id, &fid, &b)
    })
    .await?;
    Ok(HttpResponse::Ok().json(f))
}

/// Records a visit: time now, the phone's position if given.
#[utoipa::path(post, path = "/engagements/{id}/visits", tag = "inspections", params(("id" = String, Path)), request_body = VisitInput, responses((status = 201, body = VisitRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/visits")]
pub async fn visit_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<VisitInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let v =
        run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| findings::add_visit(c, a, ag, &id, &b))
            .await?;
    Ok(HttpResponse::Created().json(v))
}

/// The parts of a photo upload (described for the document; the handler reads the parts itself).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct PhotoUpload {
    /// A JPEG, PNG or WebP image, recognised by its content.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// A finding of this engagement that the photo shows.
    finding_id: Option<String>,
    /// At most 300 characters.
    #[schema(max_length = 300)]
    caption: Option<String>,
}

/// Uploads a photo (multipart: `file`, optional `finding_id` and `caption`). JPEG, PNG or WebP,
/// checked by content; anything else is 422.
#[utoipa::path(post, path = "/engagements/{id}/photos", tag = "inspections", params(("id" = String, Path)), request_body(content = PhotoUpload, content_type = "multipart/form-data"), responses((status = 201, body = PhotoRow), (status = 413), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/photos")]
pub async fn photo_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    payload: Multipart,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::InspectionWrite)?;
    let limit = state.config.settings.max_upload_kib * 1024;
    let (mut fields, photo) = crate::web::upload::photo(payload, limit, None).await?;
    let photo = photo?;
    let id = path.into_inner();
    let finding = fields.remove("finding_id").map(|f| f.trim().to_string()).filter(|s| !s.is_empty());
    let caption = fields.remove("caption").unwrap_or_default();
    let files = state.files.clone();
    let p = run(&state, &u, &[], move |c, a, ag| {
        findings::add_photo(
            c,
            files.as_ref(),
            a,
            ag,
            &id,
            findings::NewPhoto { finding_id: finding.as_deref(), caption: &caption, photo },
        )
    })
    .await?;
    Ok(HttpResponse::Created().json(p))
}

/// Raises a violation from a finding; its record (BB VPHC) is drafted and its deadline tracked.
#[utoipa::path(post, path = "/engagements/{id}/violations", tag = "inspections", params(("id" = String, Path)), request_body = ViolationInput, responses((status = 201, body = ViolationRecRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/violations")]
pub async fn violation_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<ViolationInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let v = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        violation_steps::create(c, a, ag, &id, &b)
    })
    .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Issues the violation record (numbered) and starts the sanction-decision deadline. A member of
/// the engagement's team may do it (any official on duty makes records); others need to issue
/// documents for the agency.
#[utoipa::path(post, path = "/violations/{id}/record", tag = "inspections", params(("id" = String, Path)), responses((status = 200, body = ViolationRecRow), (status = 409)), security(("bearer" = [])))]
#[post("/violations/{id}/record")]
pub async fn violation_record(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let base = state.public_address().await?;
    let files = state.files.clone();
    // An official on duty (a member of the team) may make the record, as may those who issue.
    let team_only = !user.0.can(Permission::DocumentIssue);
    let v = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        violation_steps::issue_record(c, &Ctx { files: files.as_ref(), base_url: &base }, a, ag, &id, team_only)
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}

/// Issues the sanction decision; the fine is checked against the range and the signer's authority.
/// 409 when the decision could not be complete: `article_not_identified`, `treasury_missing`, or
/// `delegation_missing` for a deputy signing "KT." without the head's delegation of sanctioning
/// power on record (its `sanction_delegation`, saved with `PUT /agencies/{id}/signers`).
#[utoipa::path(post, path = "/violations/{id}/sanction", tag = "inspections", params(("id" = String, Path)), request_body = SanctionInput, responses((status = 200, body = ViolationRecRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/violations/{id}/sanction")]
pub async fn violation_sanction(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<SanctionInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let base = state.public_address().await?;
    let files = state.files.clone();
    let v = run(&state, &user.0, &[Permission::InspectionApprove, Permission::DocumentIssue], move |c, a, ag| {
        violation_steps::sanction(c, &Ctx { files: files.as_ref(), base_url: &base }, a, ag, &id, &b)
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}

/// Records payment of the fine and the remedies' status.
#[utoipa::path(post, path = "/violations/{id}/payment", tag = "inspections", params(("id" = String, Path)), request_body = PaymentInput, responses((status = 200, body = ViolationRecRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/violations/{id}/payment")]
pub async fn violation_payment(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<PaymentInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let v = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        payment::record_payment(c, a, ag, &id, &b)
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}
