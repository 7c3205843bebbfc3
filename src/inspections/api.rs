//! `/api/v1/plans`, `/api/v1/engagements`, `/api/v1/violations`: every step of the inspection chain.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use serde::{Deserialize, Serialize};
use utoipa_actix_web::service_config::ServiceConfig;

use super::engagements::{self as eng, Ctx, EngagementInput, StepInput};
use super::field::{self, FindingInput, VisitInput};
use super::followup::{self, PublicationInput, RecStatusInput, RecommendationInput, RemovalInput};
use super::model::*;
use super::plans::{self, ExternalInput, ItemInput, PlanInput, RelationInput};
use super::violations::{self, PaymentInput, SanctionInput, ViolationInput};
use crate::auth::{ApiUser, Identity, Permission};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, AppError};
use crate::state::AppState;
use crate::web::IdPath;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(plan_create)
        .service(plan_get)
        .service(plan_add_item)
        .service(plan_remove_item)
        .service(plan_approve)
        .service(plan_amend)
        .service(engagement_create)
        .service(engagement_list)
        .service(engagement_get)
        .service(engagement_step)
        .service(finding_put)
        .service(visit_post)
        .service(photo_post)
        .service(violation_post)
        .service(violation_record)
        .service(violation_sanction)
        .service(violation_payment)
        .service(rec_post)
        .service(rec_status)
        .service(rec_remind)
        .service(rec_evidence)
        .service(engagement_send)
        .service(publication_post)
        .service(publication_removal)
        .service(external_post)
        .service(relation_post);
}

/// Runs `f` with the caller's actor and agency after checking the permissions.
async fn run<T, F>(state: &AppState, u: &Identity, perms: &[Permission], f: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, &crate::audit::Actor, &str) -> Result<T, AppError> + Send + 'static,
{
    for p in perms {
        u.require(*p)?;
    }
    let actor = u.actor();
    let agency = u.agency_id().to_string();
    state.db.run(move |conn| f(conn, &actor, &agency)).await.map_err(ApiError::from)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PlanView {
    pub plan: PlanRow,
    pub items: Vec<PlanItemRow>,
}

/// Starts the year's plan (a draft, version 1).
#[utoipa::path(post, path = "/plans", tag = "inspections", request_body = PlanInput, responses((status = 201, body = PlanRow), (status = 422)), security(("bearer" = [])))]
#[post("/plans")]
async fn plan_create(user: ApiUser, state: web::Data<AppState>, body: web::Json<PlanInput>) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let p = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| plans::create(c, a, ag, &b)).await?;
    Ok(HttpResponse::Created().json(p))
}

/// A plan version with its items.
#[utoipa::path(get, path = "/plans/{id}", tag = "inspections", params(("id" = String, Path)), responses((status = 200, body = PlanView), (status = 404)), security(("bearer" = [])))]
#[get("/plans/{id}")]
async fn plan_get(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let v = run(&state, &user.0, &[Permission::InspectionRead], move |c, _, ag| {
        let plan = plans::find(c, &id, ag)?;
        let items = plans::items(c, &id)?.into_iter().map(|(i, _)| i).collect();
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
async fn plan_add_item(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<ItemInput>,
) -> ApiResult<HttpResponse> {
    let (id, b, months) = (path.into_inner(), body.into_inner(), state.config.settings.overlap_months);
    let (item, warnings) = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        plans::add_item(c, a, ag, &id, &b, months)
    })
    .await?;
    Ok(HttpResponse::Created().json(ItemCreated { item, warnings }))
}

/// Removes an item from a draft plan.
#[utoipa::path(delete, path = "/plans/{id}/items/{item_id}", tag = "inspections", params(("id" = String, Path), ("item_id" = String, Path)), responses((status = 204), (status = 409)), security(("bearer" = [])))]
#[delete("/plans/{id}/items/{item_id}")]
async fn plan_remove_item(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, item) = path.into_inner();
    run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| plans::remove_item(c, a, ag, &id, &item))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignerInput {
    pub signer_id: String,
}

/// Approves a draft plan: issues the plan document (KH) and supersedes the previous version.
#[utoipa::path(post, path = "/plans/{id}/approve", tag = "inspections", params(("id" = String, Path)), request_body = SignerInput, responses((status = 200, body = PlanRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/plans/{id}/approve")]
async fn plan_approve(
    req: HttpRequest,
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<SignerInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let base = state.base_url(&req);
    let files = state.files.clone();
    let p = run(&state, &user.0, &[Permission::InspectionApprove, Permission::DocumentIssue], move |c, a, ag| {
        plans::approve(c, files.as_ref(), a, ag, &id, &b.signer_id, &base)
    })
    .await?;
    Ok(HttpResponse::Ok().json(p))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonInput {
    pub reason: String,
}

/// Starts an amendment of an approved plan: a new draft version with the items copied.
#[utoipa::path(post, path = "/plans/{id}/amend", tag = "inspections", params(("id" = String, Path)), request_body = ReasonInput, responses((status = 201, body = PlanRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/plans/{id}/amend")]
async fn plan_amend(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<ReasonInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let p =
        run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| plans::amend(c, a, ag, &id, &b.reason))
            .await?;
    Ok(HttpResponse::Created().json(p))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EngagementCreated {
    pub engagement: EngagementRow,
    /// Overlaps and conflicts of interest: shown, not blocking.
    pub warnings: Vec<Warning>,
}

/// Opens an engagement from a plan item or ad hoc; its decision is drafted.
#[utoipa::path(post, path = "/engagements", tag = "inspections", request_body = EngagementInput, responses((status = 201, body = EngagementCreated), (status = 422)), security(("bearer" = [])))]
#[post("/engagements")]
async fn engagement_create(
    user: ApiUser,
    state: web::Data<AppState>,
    body: web::Json<EngagementInput>,
) -> ApiResult<HttpResponse> {
    let v = body.into_inner().validate()?;
    let months = state.config.settings.overlap_months;
    let (engagement, warnings) =
        run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| eng::create(c, a, ag, v, months)).await?;
    Ok(HttpResponse::Created().json(EngagementCreated { engagement, warnings }))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
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

#[derive(Serialize, utoipa::ToSchema)]
pub struct EngagementList {
    pub total: i64,
    pub items: Vec<EngagementRow>,
}

/// Engagements of the caller's agency, newest activity first.
#[utoipa::path(get, path = "/engagements", tag = "inspections", params(ListQuery), responses((status = 200, body = EngagementList)), security(("bearer" = [])))]
#[get("/engagements")]
async fn engagement_list(
    user: ApiUser,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let f = eng::EngagementFilter { state: q.state, kind: q.kind, q: q.q, outlet_id: q.outlet_id, page: q.page };
    let (rows, total) = run(&state, &user.0, &[Permission::InspectionRead], move |c, _, ag| {
        eng::list(c, ag, &f, &crate::web::Paging::new(f.page, Some(100), 100))
    })
    .await?;
    Ok(HttpResponse::Ok().json(EngagementList { total, items: rows.into_iter().map(|(e, _)| e).collect() }))
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
    let e = eng::find(conn, id, agency)?;
    let members = eng::members(conn, id)?
        .into_iter()
        .map(|(m, u)| MemberView { user_id: u.id, full_name: u.full_name, role: m.role })
        .collect();
    let dl: Vec<(String, String, chrono::NaiveDate, Option<chrono::NaiveDateTime>)> = deadlines::table
        .filter(deadlines::record_type.eq("engagement"))
        .filter(deadlines::record_id.eq(id))
        .order(deadlines::created_at.asc())
        .select((deadlines::id, deadlines::label, deadlines::due_date, deadlines::closed_at))
        .load(conn)?;
    let pubs = followup::publications_of(conn, id)?;
    let today = crate::time::today_vn();
    let mut warnings = followup::publication_warnings(&e, &pubs, today);
    if !matches!(e.state(), super::state::State::Archived | super::state::State::Cancelled) {
        let around = e.announced_on.unwrap_or(today);
        warnings.extend(
            super::plans::overlaps(conn, &e.outlet_id, around, overlap_months, Some(id), e.plan_item_id.as_deref())?
                .into_iter()
                .map(|w| w.message),
        );
        let ids: Vec<String> = eng::members(conn, id)?.into_iter().map(|(m, _)| m.user_id).collect();
        warnings.extend(eng::conflicts(conn, &e.outlet_id, &ids)?.into_iter().map(|w| w.message));
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
        members,
        findings: eng::findings_of(conn, id)?,
        visits: field::visits(conn, id)?,
        photos: field::photos(conn, id)?,
        violations: eng::violations_of(conn, id)?,
        recommendations: eng::recommendations_of(conn, id)?,
        publications: pubs,
        deadlines: dl
            .into_iter()
            .map(|(id, label, due_date, closed)| DeadlineView { id, label, due_date, closed: closed.is_some() })
            .collect(),
        warnings,
        engagement: e,
    })
}

/// Everything recorded on one engagement.
#[utoipa::path(get, path = "/engagements/{id}", tag = "inspections", params(("id" = String, Path)), responses((status = 200, body = EngagementDetail), (status = 404)), security(("bearer" = [])))]
#[get("/engagements/{id}")]
async fn engagement_get(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let months = state.config.settings.overlap_months;
    let d = run(&state, &user.0, &[Permission::InspectionRead], move |c, _, ag| detail(c, &id, ag, months)).await?;
    Ok(HttpResponse::Ok().json(d))
}

/// One step of the state machine (decide, announce, start_on_site, suspend, resume, extend,
/// end_on_site, submit_report, compose_conclusion, appraise, sign_conclusion, start_follow_up, archive, cancel).
/// A step out of order is refused with 409 and nothing changes.
#[utoipa::path(post, path = "/engagements/{id}/steps", tag = "inspections", params(("id" = String, Path)), request_body = StepInput, responses((status = 200, body = EngagementRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/steps")]
async fn engagement_step(
    req: HttpRequest,
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
    let base = state.base_url(&req);
    let files = state.files.clone();
    let e = run(&state, &user.0, &perms, move |c, a, ag| {
        eng::step(c, &Ctx { files: files.as_ref(), base_url: &base }, a, &id, ag, None, step)
    })
    .await?;
    Ok(HttpResponse::Ok().json(e))
}

/// Records a checklist item's result (on site).
#[utoipa::path(put, path = "/engagements/{id}/findings/{finding_id}", tag = "inspections", params(("id" = String, Path), ("finding_id" = String, Path)), request_body = FindingInput, responses((status = 200, body = FindingRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[put("/engagements/{id}/findings/{finding_id}")]
async fn finding_put(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<FindingInput>,
) -> ApiResult<HttpResponse> {
    let (id, fid) = path.into_inner();
    let b = body.into_inner();
    let f = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        field::record_finding(c, a, ag, &id, &fid, &b)
    })
    .await?;
    Ok(HttpResponse::Ok().json(f))
}

/// Records a visit: time now, the phone's position if given.
#[utoipa::path(post, path = "/engagements/{id}/visits", tag = "inspections", params(("id" = String, Path)), request_body = VisitInput, responses((status = 201, body = VisitRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/visits")]
async fn visit_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<VisitInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let v = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| field::add_visit(c, a, ag, &id, &b))
        .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Uploads a photo (multipart: `file`, optional `finding_id` and `caption`). JPEG, PNG or WebP,
/// checked by content; anything else is 422.
#[utoipa::path(post, path = "/engagements/{id}/photos", tag = "inspections", params(("id" = String, Path)), responses((status = 201, body = PhotoRow), (status = 413), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/photos")]
async fn photo_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    payload: Multipart,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::InspectionWrite)?;
    let limit = state.config.settings.max_upload_kib * 1024;
    let up = crate::web::upload::read(payload, limit).await?;
    let id = path.into_inner();
    let finding = Some(up.field("finding_id").trim().to_string()).filter(|s| !s.is_empty());
    let caption = up.field("caption").to_string();
    let photo = web::block(move || field::check_photo(up.bytes, limit))
        .await
        .map_err(|e| ApiError::from(AppError::Internal(anyhow::anyhow!("{e}"))))??;
    let files = state.files.clone();
    let p = run(&state, &u, &[], move |c, a, ag| {
        field::add_photo(
            c,
            files.as_ref(),
            a,
            ag,
            &id,
            field::NewPhoto { finding_id: finding.as_deref(), caption: &caption, photo },
        )
    })
    .await?;
    Ok(HttpResponse::Created().json(p))
}

/// Raises a violation from a finding; its record (BB VPHC) is drafted and its deadline tracked.
#[utoipa::path(post, path = "/engagements/{id}/violations", tag = "inspections", params(("id" = String, Path)), request_body = ViolationInput, responses((status = 201, body = ViolationRecRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/violations")]
async fn violation_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<ViolationInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let v = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| violations::create(c, a, ag, &id, &b))
        .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Issues the violation record (numbered) and starts the sanction-decision deadline.
#[utoipa::path(post, path = "/violations/{id}/record", tag = "inspections", params(("id" = String, Path)), responses((status = 200, body = ViolationRecRow), (status = 409)), security(("bearer" = [])))]
#[post("/violations/{id}/record")]
async fn violation_record(
    req: HttpRequest,
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let base = state.base_url(&req);
    let files = state.files.clone();
    let v = run(&state, &user.0, &[Permission::InspectionWrite, Permission::DocumentIssue], move |c, a, ag| {
        violations::issue_record(c, &Ctx { files: files.as_ref(), base_url: &base }, a, ag, &id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}

/// Issues the sanction decision; the fine is checked against the range and the signer's authority.
#[utoipa::path(post, path = "/violations/{id}/sanction", tag = "inspections", params(("id" = String, Path)), request_body = SanctionInput, responses((status = 200, body = ViolationRecRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/violations/{id}/sanction")]
async fn violation_sanction(
    req: HttpRequest,
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<SanctionInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let base = state.base_url(&req);
    let files = state.files.clone();
    let v = run(&state, &user.0, &[Permission::InspectionApprove, Permission::DocumentIssue], move |c, a, ag| {
        violations::sanction(c, &Ctx { files: files.as_ref(), base_url: &base }, a, ag, &id, &b)
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}

/// Records payment of the fine and the remedies' status.
#[utoipa::path(post, path = "/violations/{id}/payment", tag = "inspections", params(("id" = String, Path)), request_body = PaymentInput, responses((status = 200, body = ViolationRecRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/violations/{id}/payment")]
async fn violation_payment(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<PaymentInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let v = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        violations::record_payment(c, a, ag, &id, &b)
    })
    .await?;
    Ok(HttpResponse::Ok().json(v))
}

/// Adds a recommendation (kiến nghị) with its responsible party and due date.
#[utoipa::path(post, path = "/engagements/{id}/recommendations", tag = "inspections", params(("id" = String, Path)), request_body = RecommendationInput, responses((status = 201, body = RecommendationRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/recommendations")]
async fn rec_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<RecommendationInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let r = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        followup::add_recommendation(c, a, ag, &id, &b)
    })
    .await?;
    Ok(HttpResponse::Created().json(r))
}

/// Sets a recommendation's status (closing without doing it needs a reason).
#[utoipa::path(post, path = "/engagements/{id}/recommendations/{rid}/status", tag = "inspections", params(("id" = String, Path), ("rid" = String, Path)), request_body = RecStatusInput, responses((status = 200, body = RecommendationRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/recommendations/{rid}/status")]
async fn rec_status(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<RecStatusInput>,
) -> ApiResult<HttpResponse> {
    let (id, rid) = path.into_inner();
    let b = body.into_inner();
    let r = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        followup::set_status(c, a, ag, &id, &rid, &b)
    })
    .await?;
    Ok(HttpResponse::Ok().json(r))
}

/// Sends a reminder to the responsible party by email (through the outbox).
#[utoipa::path(post, path = "/engagements/{id}/recommendations/{rid}/remind", tag = "inspections", params(("id" = String, Path), ("rid" = String, Path)), responses((status = 200, body = RecommendationRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/recommendations/{rid}/remind")]
async fn rec_remind(
    req: HttpRequest,
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (id, rid) = path.into_inner();
    let from = state.config.settings.mail_from.clone();
    let base = state.base_url(&req);
    let r = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        followup::remind(c, a, ag, &id, &rid, &from, &base)
    })
    .await?;
    Ok(HttpResponse::Ok().json(r))
}

/// Attaches evidence (multipart `file`: PDF or photo, checked by content).
#[utoipa::path(post, path = "/engagements/{id}/recommendations/{rid}/evidence", tag = "inspections", params(("id" = String, Path), ("rid" = String, Path)), responses((status = 200, body = RecommendationRow), (status = 413), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/recommendations/{rid}/evidence")]
async fn rec_evidence(
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
        followup::attach_evidence(c, files.as_ref(), a, ag, (&id, &rid), (&up.file_name, &up.bytes))
    })
    .await?;
    Ok(HttpResponse::Ok().json(r))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendConclusion {
    /// Empty: the outlet's notice addresses.
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default)]
    pub message: String,
}

/// Sends the issued conclusion (or result notice) to the business by email, PDF attached.
#[utoipa::path(post, path = "/engagements/{id}/send", tag = "inspections", params(("id" = String, Path)), request_body = SendConclusion, responses((status = 202, body = crate::documents::api::MessageView), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/send")]
async fn engagement_send(
    req: HttpRequest,
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<SendConclusion>,
) -> ApiResult<HttpResponse> {
    let b = body.into_inner();
    let recipients = if b.recipients.is_empty() {
        Vec::new()
    } else {
        crate::documents::send::parse_recipients(&b.recipients.join("\n"))?
    };
    let id = path.into_inner();
    let from = state.config.settings.mail_from.clone();
    let base = state.base_url(&req);
    let (m, r) = run(&state, &user.0, &[Permission::InspectionWrite, Permission::DocumentIssue], move |c, a, ag| {
        let out = crate::documents::send::Outgoing { recipients, cover: &b.message, from: &from, base_url: &base };
        let m = followup::send_conclusion(c, a, ag, &id, out)?;
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
async fn publication_post(
    req: HttpRequest,
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<PublicationInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let base = state.base_url(&req);
    let files = state.files.clone();
    let (engagement, publication) = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        followup::publish(c, &Ctx { files: files.as_ref(), base_url: &base }, a, ag, &id, &b)
    })
    .await?;
    Ok(HttpResponse::Created().json(Published { engagement, publication }))
}

/// Records that a posting came down (refused before 15 consecutive days).
#[utoipa::path(post, path = "/engagements/{id}/publications/{pid}/removal", tag = "inspections", params(("id" = String, Path), ("pid" = String, Path)), request_body = RemovalInput, responses((status = 200, body = PublicationRow), (status = 422)), security(("bearer" = [])))]
#[post("/engagements/{id}/publications/{pid}/removal")]
async fn publication_removal(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<RemovalInput>,
) -> ApiResult<HttpResponse> {
    let (id, pid) = path.into_inner();
    let b = body.into_inner();
    let p = run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, ag| {
        followup::record_removal(c, a, ag, &id, &pid, &b)
    })
    .await?;
    Ok(HttpResponse::Ok().json(p))
}

/// Records an inspection of the outlet by an outside body (for overlap warnings).
#[utoipa::path(post, path = "/outlets/{id}/external-inspections", tag = "inspections", params(("id" = String, Path)), request_body = ExternalInput, responses((status = 201, body = ExternalInspectionRow), (status = 422)), security(("bearer" = [])))]
#[post("/outlets/{id}/external-inspections")]
async fn external_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<ExternalInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let r =
        run(&state, &user.0, &[Permission::InspectionWrite], move |c, a, _| plans::add_external(c, a, &id, &b)).await?;
    Ok(HttpResponse::Created().json(r))
}

/// Records a staff member's relation to an outlet (warned about when they join its team).
#[utoipa::path(post, path = "/outlets/{id}/relations", tag = "inspections", params(("id" = String, Path)), request_body = RelationInput, responses((status = 201, body = RelationRow), (status = 422)), security(("bearer" = [])))]
#[post("/outlets/{id}/relations")]
async fn relation_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<RelationInput>,
) -> ApiResult<HttpResponse> {
    let (id, b) = (path.into_inner(), body.into_inner());
    let r =
        run(&state, &user.0, &[Permission::InspectionApprove], move |c, a, ag| plans::add_relation(c, a, ag, &id, &b))
            .await?;
    Ok(HttpResponse::Created().json(r))
}
