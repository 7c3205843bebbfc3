//! `/api/v1/permits`: the permit types in force, receive a dossier, list, read, take a step, record
//! a survey or a fee, and the register.

use actix_web::{HttpResponse, get, post, web};
use serde::Serialize;

use crate::auth::{ApiUser, Permission};
use crate::calendar::model::DeadlineRow;
use crate::error::ApiResult;
use crate::permits::model::*;
use crate::permits::queries::{self as q, Filter, RegisterFilter};
use crate::permits::state::{self, Event};
use crate::permits::steps::Ctx;
use crate::permits::steps::advance::{self, StepInput};
use crate::permits::steps::fees::{self, FeeInput};
use crate::permits::steps::receive::{self, ReceiveInput};
use crate::permits::steps::survey::SurveyInput;
use crate::permits::steps::types::TypeInput;
use crate::state::AppState;
use crate::web::IdPath;
use crate::web::actions::run_api as run;

/// A permit type as the desk uses it: the version in force, with its checklist.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PermitType {
    #[serde(flatten)]
    pub t: PermitTypeRow,
    pub documents: Vec<RequiredDocument>,
}

/// The permit types in force today.
#[utoipa::path(get, path = "/permits/types", tag = "permits", responses((status = 200, body = [PermitType])), security(("bearer" = [])))]
#[get("/permits/types")]
pub async fn types(user: ApiUser, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let rows = run(&state, &user.0, &[Permission::PermitRead], |c, _, _| q::types_in_force(c, crate::time::today_vn()))
        .await?;
    Ok(HttpResponse::Ok()
        .json(rows.into_iter().map(|t| PermitType { documents: t.documents(), t }).collect::<Vec<_>>()))
}

/// Every version of the procedure `code`, newest first.
#[utoipa::path(get, path = "/permits/types/{code}/versions", tag = "permits", params(("code" = String, Path)), responses((status = 200, body = [PermitType]), (status = 404)), security(("bearer" = [])))]
#[get("/permits/types/{code}/versions")]
pub async fn type_versions(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let code = path.into_inner();
    let rows = run(&state, &user.0, &[Permission::PermitRead], move |c, _, _| {
        let rows: Vec<PermitTypeRow> = q::all_types(c)?.into_iter().filter(|t| t.code == code).collect();
        if rows.is_empty() { Err(crate::error::AppError::NotFound) } else { Ok(rows) }
    })
    .await?;
    Ok(HttpResponse::Ok()
        .json(rows.into_iter().map(|t| PermitType { documents: t.documents(), t }).collect::<Vec<_>>()))
}

/// Adds a procedure (a new code) or a version of one from `valid_from`: the version in force then
/// ends that day; dossiers keep the version they were received under. Installation administrators.
#[utoipa::path(post, path = "/permits/types", tag = "permits", request_body = TypeInput, responses((status = 201, body = PermitType), (status = 403), (status = 422)), security(("bearer" = [])))]
#[post("/permits/types")]
pub async fn type_add(
    user: ApiUser,
    state: web::Data<AppState>,
    body: web::Json<TypeInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let t = run(&state, &user.0, &[Permission::CatalogueManage], move |c, a, _| {
        crate::permits::steps::types::add_version(c, a, &input)
    })
    .await?;
    Ok(HttpResponse::Created().json(PermitType { documents: t.documents(), t }))
}

fn ctx_parts(state: &AppState) -> (std::sync::Arc<dyn crate::files::FileStore>, Option<String>, String) {
    (state.files.clone(), state.config.settings.base_url.clone(), state.config.settings.mail_from.clone())
}

/// Receives a dossier: its clocks start and the receipt slip is issued (and mailed to the contact
/// address, when given).
#[utoipa::path(post, path = "/permits/dossiers", tag = "permits", request_body = ReceiveInput, responses((status = 201, body = DossierRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/permits/dossiers")]
pub async fn create(
    user: ApiUser,
    state: web::Data<AppState>,
    body: web::Json<ReceiveInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let (files, base, from) = ctx_parts(&state);
    let d = run(&state, &user.0, &[Permission::PermitWrite], move |c, a, ag| {
        let v = input.validate()?;
        let ctx = Ctx { files: files.as_ref(), configured_base: base.as_deref(), mail_from: &from };
        receive::receive(c, &ctx, a, ag, v)
    })
    .await?;
    Ok(HttpResponse::Created().json(d))
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = DossierListItem)]
pub struct ListItem {
    #[serde(flatten)]
    pub dossier: DossierRow,
    /// The due day of the running legal clock.
    pub legal_due: Option<chrono::NaiveDate>,
    /// The due day of the running published clock (the day promised on the slip).
    pub published_due: Option<chrono::NaiveDate>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DossierList {
    /// How many match, counted up to 1,000.
    pub total: i64,
    pub more: bool,
    pub items: Vec<ListItem>,
}

/// The agency's dossiers, most recently changed first.
#[utoipa::path(get, path = "/permits/dossiers", tag = "permits", params(Filter), responses((status = 200, body = DossierList)), security(("bearer" = [])))]
#[get("/permits/dossiers")]
pub async fn list(user: ApiUser, state: web::Data<AppState>, filter: web::Query<Filter>) -> ApiResult<HttpResponse> {
    let f = filter.into_inner();
    let soon = state.config.settings.due_soon_working_days;
    let (rows, total) = run(&state, &user.0, &[Permission::PermitRead], move |c, _, ag| {
        let cal = crate::calendar::queries::load_calendar(c)?;
        let until = crate::calendar::queries::soon_until(&cal, soon);
        q::list(c, ag, &f, until, &crate::web::Paging::new(f.page, Some(100), 100))
    })
    .await?;
    Ok(HttpResponse::Ok().json(DossierList {
        total: total.n,
        more: total.more,
        items: rows
            .into_iter()
            .map(|l| ListItem { dossier: l.d, legal_due: l.legal_due, published_due: l.published_due })
            .collect(),
    }))
}

/// A document a dossier's steps issued.
#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = DossierDocument)]
pub struct Letter {
    /// receipt, request, certificate or refusal.
    pub role: String,
    pub document_id: String,
    /// Its number and symbol, e.g. "05/TNHS".
    pub symbol: Option<String>,
    /// Opens the issued PDF.
    pub pdf: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DossierDetail {
    #[serde(flatten)]
    pub dossier: DossierRow,
    pub type_name: String,
    pub items: Vec<ItemRow>,
    /// Every clock: completeness, legal, published (closed ones too).
    #[schema(value_type = Vec<Object>)]
    pub clocks: Vec<DeadlineRow>,
    pub surveys: Vec<SurveyRow>,
    /// The surveys' photos (each names its survey).
    pub photos: Vec<SurveyPhotoRow>,
    pub fees: Vec<FeeRow>,
    pub documents: Vec<Letter>,
    pub permit: Option<PermitRow>,
    /// The steps its state offers.
    #[schema(value_type = Vec<Event>)]
    pub steps: Vec<Event>,
}

/// A dossier with its checklist, clocks, survey, fees, documents and permit.
#[utoipa::path(get, path = "/permits/dossiers/{id}", tag = "permits", params(("id" = String, Path)), responses((status = 200, body = DossierDetail), (status = 404)), security(("bearer" = [])))]
#[get("/permits/dossiers/{id}")]
pub async fn get(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let d = run(&state, &user.0, &[Permission::PermitRead], move |c, _, ag| q::detail(c, &id, ag)).await?;
    Ok(HttpResponse::Ok().json(DossierDetail {
        steps: state::offered(d.d.state),
        type_name: d.t.name_vi,
        dossier: d.d,
        items: d.items,
        clocks: d.clocks,
        surveys: d.surveys,
        photos: d.photos,
        fees: d.fees,
        documents: d
            .letters
            .into_iter()
            .map(|(role, doc)| Letter {
                pdf: format!("/documents/{}/pdf", doc.id),
                symbol: doc.symbol.clone(),
                document_id: doc.id.to_string(),
                role,
            })
            .collect(),
        permit: d.permit,
    }))
}

/// Takes a step. Issuing and refusing are decisions: a leader's.
#[utoipa::path(post, path = "/permits/dossiers/{id}/steps", tag = "permits", params(("id" = String, Path)), request_body = StepInput, responses((status = 200, body = DossierRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/permits/dossiers/{id}/steps")]
pub async fn step(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<StepInput>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    let decision = Event::parse(&input.step).is_some_and(Event::is_decision);
    let perms: &[Permission] =
        if decision { &[Permission::PermitWrite, Permission::PermitDecide] } else { &[Permission::PermitWrite] };
    let (files, base, from) = ctx_parts(&state);
    let d = run(&state, &user.0, perms, move |c, a, ag| {
        let ctx = Ctx { files: files.as_ref(), configured_base: base.as_deref(), mail_from: &from };
        advance::step(c, &ctx, a, &id, ag, &input)
    })
    .await?;
    Ok(HttpResponse::Ok().json(d))
}

/// Records the site survey.
#[utoipa::path(post, path = "/permits/dossiers/{id}/surveys", tag = "permits", params(("id" = String, Path)), request_body = SurveyInput, responses((status = 201, body = SurveyRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/permits/dossiers/{id}/surveys")]
pub async fn survey(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<SurveyInput>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    let s = run(&state, &user.0, &[Permission::PermitWrite], move |c, a, ag| {
        crate::permits::steps::survey::record(c, a, &id, ag, &input)
    })
    .await?;
    Ok(HttpResponse::Created().json(s))
}

/// The parts of a survey photo upload (described for the document; the handler reads the parts).
#[derive(utoipa::ToSchema)]
#[schema(as = SurveyPhotoUpload)]
#[allow(dead_code)]
pub struct PhotoUpload {
    /// A JPEG, PNG or WebP image, recognised by its content.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// What the photo shows; at most 300 characters.
    #[schema(max_length = 300)]
    caption: Option<String>,
}

/// Adds a photo to one of the dossier's surveys (multipart: `file`, optional `caption`), while the
/// dossier is being appraised. JPEG, PNG or WebP, checked by content; anything else is 422.
#[utoipa::path(post, path = "/permits/dossiers/{id}/surveys/{survey_id}/photos", tag = "permits", params(("id" = String, Path), ("survey_id" = String, Path)), request_body(content = PhotoUpload, content_type = "multipart/form-data"), responses((status = 201, body = SurveyPhotoRow), (status = 404), (status = 409), (status = 413), (status = 422)), security(("bearer" = [])))]
#[post("/permits/dossiers/{id}/surveys/{survey_id}/photos")]
pub async fn survey_photo(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    payload: actix_multipart::Multipart,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::PermitWrite)?;
    let limit = state.config.settings.max_upload_kib * 1024;
    let (mut fields, photo) = crate::web::upload::photo(payload, limit, None).await?;
    let (photo, caption) = (photo?, fields.remove("caption").unwrap_or_default());
    let (id, survey_id) = path.into_inner();
    let files = state.files.clone();
    let p = run(&state, &u, &[], move |c, a, ag| {
        crate::permits::steps::survey::add_photo(c, files.as_ref(), a, ag, (&id, &survey_id), &caption, photo)
    })
    .await?;
    Ok(HttpResponse::Created().json(p))
}

/// Records a fee paid, with its receipt.
#[utoipa::path(post, path = "/permits/dossiers/{id}/fees", tag = "permits", params(("id" = String, Path)), request_body = FeeInput, responses((status = 201, body = FeeRow), (status = 422)), security(("bearer" = [])))]
#[post("/permits/dossiers/{id}/fees")]
pub async fn fee(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<FeeInput>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    let f =
        run(&state, &user.0, &[Permission::PermitWrite], move |c, a, ag| fees::record(c, a, &id, ag, &input)).await?;
    Ok(HttpResponse::Created().json(f))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PermitList {
    pub total: i64,
    pub items: Vec<PermitRow>,
}

/// The agency's register of permits, newest first.
#[utoipa::path(get, path = "/permits/register", tag = "permits", params(RegisterFilter), responses((status = 200, body = PermitList)), security(("bearer" = [])))]
#[get("/permits/register")]
pub async fn register(
    user: ApiUser,
    state: web::Data<AppState>,
    filter: web::Query<RegisterFilter>,
) -> ApiResult<HttpResponse> {
    let f = filter.into_inner();
    let (rows, total) = run(&state, &user.0, &[Permission::PermitRead], move |c, _, ag| {
        q::register(c, ag, &f, &crate::web::Paging::new(f.page, Some(100), 100))
    })
    .await?;
    Ok(HttpResponse::Ok().json(PermitList { total: total.n, items: rows }))
}

/// The figures of a month (`month=YYYY-MM`) or a period (`from`, `to`): by procedure, received,
/// issued, refused, early, on time and late with the on-time rate; in progress today by deadline
/// colour; permits issued by month.
#[utoipa::path(get, path = "/permits/figures", tag = "permits", params(("month" = Option<String>, Query), ("from" = Option<String>, Query), ("to" = Option<String>, Query)), responses((status = 200, body = crate::permits::queries::figures::Figures)), security(("bearer" = [])))]
#[get("/permits/figures")]
pub async fn figures(
    user: ApiUser,
    state: web::Data<AppState>,
    p: web::Query<crate::web::period::PeriodQuery>,
) -> ApiResult<HttpResponse> {
    let (from, to) = p.period();
    let soon = state.config.settings.due_soon_working_days;
    let f = run(&state, &user.0, &[Permission::PermitRead], move |c, _, ag| {
        let cal = crate::calendar::queries::load_calendar(c)?;
        crate::permits::queries::figures::figures(c, ag, from, to, &cal, soon)
    })
    .await?;
    Ok(HttpResponse::Ok().json(f))
}

/// Suspends, revokes or reinstates a permit of the register, with the decision that ordered it (a
/// leader's).
#[utoipa::path(post, path = "/permits/register/{id}/status", tag = "permits", params(("id" = String, Path)), request_body = crate::permits::steps::register::StatusInput, responses((status = 200, body = PermitRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/permits/register/{id}/status")]
pub async fn permit_status(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<crate::permits::steps::register::StatusInput>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    let p = run(&state, &user.0, &[Permission::PermitDecide], move |c, a, ag| {
        crate::permits::steps::register::set_status(c, a, &id, ag, &input)
    })
    .await?;
    Ok(HttpResponse::Ok().json(p))
}
