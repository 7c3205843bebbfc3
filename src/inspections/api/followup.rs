//! Recommendations, sending and publication through the API.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, post, web};
use serde::{Deserialize, Serialize};

use super::run;
use crate::auth::{ApiUser, Permission};
use crate::error::ApiResult;
use crate::inspections::model::*;
use crate::inspections::steps::advance::Ctx;
use crate::inspections::steps::publication::{self, PublicationInput, RemovalInput};
use crate::inspections::steps::recommendations::{self, RecStatusInput, RecommendationInput};
use crate::inspections::steps::sending;
use crate::state::AppState;
use crate::web::IdPath;

/// Adds a recommendation (kiến nghị) with its responsible party and due date.
#[utoipa::path(post, path = "/engagements/{id}/recommendations", tag = "inspections", params(("id" = String, Path)), request_body = RecommendationInput, responses((status = 201, body = RecommendationRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/recommendations")]
pub async fn rec_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<RecommendationInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let r = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        recommendations::add_recommendation(c, a, ag, &id, &b)
    })
    .await?;
    Ok(HttpResponse::Created().json(r))
}

/// Sets a recommendation's status (closing without doing it needs a reason).
#[utoipa::path(post, path = "/engagements/{id}/recommendations/{rid}/status", tag = "inspections", params(("id" = String, Path), ("rid" = String, Path)), request_body = RecStatusInput, responses((status = 200, body = RecommendationRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/recommendations/{rid}/status")]
pub async fn rec_status(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<RecStatusInput>,
) -> ApiResult<HttpResponse> {
    let (id, rid) = path.into_inner();
    let b = body.into_inner();
    let r = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        recommendations::set_status(c, a, ag, &id, &rid, &b)
    })
    .await?;
    Ok(HttpResponse::Ok().json(r))
}

/// Sends a reminder to the responsible party by email (through the outbox).
#[utoipa::path(post, path = "/engagements/{id}/recommendations/{rid}/remind", tag = "inspections", params(("id" = String, Path), ("rid" = String, Path)), responses((status = 200, body = RecommendationRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/recommendations/{rid}/remind")]
pub async fn rec_remind(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, rid) = path.into_inner();
    let from = state.config.settings.mail_from.clone();
    let base = state.public_address().await?;
    let r = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        recommendations::remind(c, a, ag, &id, &rid, &from, &base)
    })
    .await?;
    Ok(HttpResponse::Ok().json(r))
}

/// The part of an evidence upload (described for the document; the handler reads it itself).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct EvidenceUpload {
    /// A PDF, JPEG, PNG or WebP file, recognised by its content.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Attaches evidence (multipart `file`: PDF or photo, checked by content).
#[utoipa::path(post, path = "/engagements/{id}/recommendations/{rid}/evidence", tag = "inspections", params(("id" = String, Path), ("rid" = String, Path)), request_body(content = EvidenceUpload, content_type = "multipart/form-data"), responses((status = 200, body = RecommendationRow), (status = 413), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/recommendations/{rid}/evidence")]
pub async fn rec_evidence(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    payload: Multipart,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::InspectionWrite)?;
    let up = crate::web::upload::read(payload, state.config.settings.max_upload_kib * 1024).await?;
    let (id, rid) = path.into_inner();
    let files = state.files.clone();
    let r = run(&state, &u, &[], move |c, a, ag| {
        recommendations::attach_evidence(c, files.as_ref(), a, ag, (&id, &rid), (&up.file_name, &up.bytes))
    })
    .await?;
    Ok(HttpResponse::Ok().json(r))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendConclusion {
    /// At most 20 different addresses, each with a dotted domain. Empty: the outlet's notice
    /// addresses.
    #[serde(default)]
    #[schema(format = Email, max_length = 254, max_items = 20)]
    pub recipients: Vec<String>,
    /// A cover note: at most 4000 characters, line breaks kept.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub message: String,
}

/// Sends the issued conclusion (or result notice) to the business by email, PDF attached.
#[utoipa::path(post, path = "/engagements/{id}/send", tag = "inspections", params(("id" = String, Path)), request_body = SendConclusion, responses((status = 202, body = crate::documents::api::MessageView), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/send")]
pub async fn engagement_send(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<SendConclusion>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let recipients = if b.recipients.is_empty() {
        Vec::new()
    } else {
        crate::documents::steps::send::parse_recipients(&b.recipients.join("\n"))?
    };
    let id = path.into_inner();
    let from = state.config.settings.mail_from.clone();
    let base = state.public_address().await?;
    let (m, r) = run(&state, &user.0, &[Permission::InspectionWrite, Permission::DocumentIssue], move |c, a, ag| {
        let out =
            crate::documents::steps::send::Outgoing { recipients, cover: &b.message, from: &from, base_url: &base };
        let m = sending::send_conclusion(c, a, ag, &id, out)?;
        crate::mail::outbox::message(c, &m.id, ag)
    })
    .await?;
    Ok(HttpResponse::Accepted().json(crate::documents::api::MessageView::new(m, r)))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Published {
    pub engagement: EngagementRow,
    pub publication: PublicationRow,
}

/// Records a publication of the signed conclusion (portal first); the published version, with
/// business secrets left out, is rendered and kept.
#[utoipa::path(post, path = "/engagements/{id}/publications", tag = "inspections", params(("id" = String, Path)), request_body = PublicationInput, responses((status = 201, body = Published), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/publications")]
pub async fn publication_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<PublicationInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let base = state.public_address().await?;
    let files = state.files.clone();
    let (engagement, publication) = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        publication::publish(c, &Ctx { files: files.as_ref(), base_url: &base }, a, ag, &id, &b)
    })
    .await?;
    Ok(HttpResponse::Created().json(Published { engagement, publication }))
}

/// Records that a posting came down (refused before 15 consecutive days).
#[utoipa::path(post, path = "/engagements/{id}/publications/{pid}/removal", tag = "inspections", params(("id" = String, Path), ("pid" = String, Path)), request_body = RemovalInput, responses((status = 200, body = PublicationRow), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/publications/{pid}/removal")]
pub async fn publication_removal(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<RemovalInput>,
) -> ApiResult<HttpResponse> {
    let (id, pid) = path.into_inner();
    let b = body.into_inner();
    let p = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        publication::record_removal(c, a, ag, &id, &pid, &b)
    })
    .await?;
    Ok(HttpResponse::Ok().json(p))
}
