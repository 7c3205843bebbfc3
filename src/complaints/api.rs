//! `/api/v1/complaints`: receive, list, read (a denunciation's people only on an audited request
//! by someone who may see them), take a step, assign.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, get, post, put, web};
use serde::{Deserialize, Serialize};

use crate::auth::{ApiUser, Permission};
use crate::calendar::model::DeadlineRow;
use crate::complaints::model::*;
use crate::complaints::queries::{self as q, Filter, Reader};
use crate::complaints::state::Event;
use crate::complaints::steps::advance::{self, StepInput};
use crate::complaints::steps::files;
use crate::complaints::steps::intake::{self, SubmissionInput};
use crate::complaints::steps::members::{self, MembersInput};
use crate::complaints::steps::merge::{self, MergeInput};
use crate::complaints::steps::reveal;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::IdPath;
use crate::web::actions::run_api as run;

/// Receives a submission; its handling deadline starts.
#[utoipa::path(post, path = "/complaints", tag = "complaints", request_body = SubmissionInput, responses((status = 201, body = SubmissionRow), (status = 422)), security(("bearer" = [])))]
#[post("/complaints")]
pub async fn create(
    user: ApiUser,
    state: web::Data<AppState>,
    body: web::Json<SubmissionInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let s = run(&state, &user.0, &[Permission::ComplaintWrite], move |c, a, ag| {
        let v = input.validate()?;
        intake::create(c, a, ag, v)
    })
    .await?;
    Ok(HttpResponse::Created().json(s))
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = SubmissionListItem)]
pub struct ListItem {
    #[serde(flatten)]
    pub submission: SubmissionRow,
    /// The due date of its running deadline.
    pub due: Option<chrono::NaiveDate>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SubmissionList {
    /// How many match, counted up to 1,000.
    pub total: i64,
    /// The count stopped at `total`: more match.
    pub more: bool,
    pub items: Vec<ListItem>,
}

/// The agency's submissions, newest activity first.
#[utoipa::path(get, path = "/complaints", tag = "complaints", params(Filter), responses((status = 200, body = SubmissionList)), security(("bearer" = [])))]
#[get("/complaints")]
pub async fn list(user: ApiUser, state: web::Data<AppState>, filter: web::Query<Filter>) -> ApiResult<HttpResponse> {
    let f = filter.into_inner();
    let me = user.0.user.id.clone();
    let soon = state.config.settings.due_soon_working_days;
    let (rows, total) = run(&state, &user.0, &[Permission::ComplaintRead], move |c, _, ag| {
        let cal = crate::calendar::queries::load_calendar(c)?;
        let until = crate::calendar::queries::soon_until(&cal, soon);
        q::list(c, ag, &me, &f, until, &crate::web::Paging::new(f.page, Some(100), 100))
    })
    .await?;
    Ok(HttpResponse::Ok().json(SubmissionList {
        total: total.n,
        more: total.more,
        items: rows.into_iter().map(|l| ListItem { submission: masked(l.s), due: l.due }).collect(),
    }))
}

/// A denunciation's content is not shown in lists.
fn masked(mut s: SubmissionRow) -> SubmissionRow {
    if s.is_secret() {
        s.content = String::new();
    }
    s
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GetParams {
    /// `true`: include a denunciation's people and content (allowed to the case's members and
    /// leaders; recorded in the audit trail). Others get 409 `submission_secret`.
    #[serde(default)]
    pub reveal: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LetterRef {
    /// acceptance, refusal, forwarding or guidance.
    pub role: String,
    pub document_id: String,
    /// Its number and symbol once issued.
    pub symbol: Option<String>,
    pub issued: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SubmissionDetail {
    pub submission: SubmissionRow,
    /// open, may_reveal, revealed or masked: whether `people` and `content` are shown.
    pub disclosure: String,
    pub people: Vec<PersonRow>,
    pub people_count: usize,
    /// (id, name) of the outlets it concerns.
    pub outlets: Vec<(String, String)>,
    pub members: Vec<MemberRow>,
    #[schema(value_type = Vec<Object>)]
    pub deadlines: Vec<DeadlineRow>,
    /// The steps its state allows now.
    pub steps: Vec<Event>,
    /// Its scans (names left empty for a reader who may not see the people).
    pub files: Vec<FileRow>,
    /// The letters its handling produced, edited, issued and sent through `/documents/{id}`.
    pub letters: Vec<LetterRef>,
    /// Submissions it may repeat (same person, much the same words, within the window), shown to
    /// readers who see the people; `POST …/merge` files it as a duplicate of one.
    pub possible_duplicates: Vec<SubmissionRow>,
    /// The inspections opened to resolve it (their reason names it), at the outlets it concerns.
    pub inspections: Vec<InspectionRef>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[schema(as = SubmissionInspection)]
pub struct InspectionRef {
    pub id: String,
    /// thanh_tra or kiem_tra.
    pub kind: String,
    pub state: String,
    pub outlet_id: String,
}

/// One submission as the caller may see it.
#[utoipa::path(get, path = "/complaints/{id}", tag = "complaints", params(("id" = String, Path), GetParams), responses((status = 200, body = SubmissionDetail), (status = 404), (status = 409)), security(("bearer" = [])))]
#[get("/complaints/{id}")]
pub async fn get(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    p: web::Query<GetParams>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let (me, role, revealed) = (user.0.user.id.clone(), user.0.role, p.reveal);
    let window_days = state.config.settings.duplicate_window_days;
    let d = run(&state, &user.0, &[Permission::ComplaintRead], move |c, a, ag| {
        if revealed {
            reveal::reveal(c, a, role, &id, ag)?;
        }
        q::detail(c, &id, ag, &Reader { user_id: &me, role, revealed, window_days })
    })
    .await?;
    let shows = d.disclosure.shows();
    let disclosure = d.disclosure.code();
    Ok(HttpResponse::Ok().json(SubmissionDetail {
        submission: if shows { d.s } else { masked(d.s) },
        disclosure: disclosure.into(),
        people: d.people,
        people_count: d.people_count,
        outlets: d.outlets,
        members: d.members.into_iter().map(|(m, _)| m).collect(),
        deadlines: d.deadlines,
        steps: if user.0.can(Permission::ComplaintWrite) { d.offered } else { Vec::new() },
        possible_duplicates: d.duplicates,
        inspections: d
            .inspections
            .iter()
            .map(|e| InspectionRef {
                id: e.id.clone(),
                kind: e.kind.code().into(),
                state: e.state.code().into(),
                outlet_id: e.outlet_id.to_string(),
            })
            .collect(),
        files: d.files,
        letters: d
            .letters
            .into_iter()
            .map(|(role, doc)| LetterRef {
                issued: doc.is_issued(),
                symbol: doc.symbol.clone(),
                document_id: doc.id.to_string(),
                role,
            })
            .collect(),
    }))
}

/// Takes one step of the submission or its case; one out of order is refused with 409.
#[utoipa::path(post, path = "/complaints/{id}/steps", tag = "complaints", params(("id" = String, Path)), request_body = StepInput, responses((status = 200, body = SubmissionRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/complaints/{id}/steps")]
pub async fn step(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<StepInput>,
) -> ApiResult<HttpResponse> {
    let (id, input) = (path.into_inner(), body.into_inner());
    let s = run(&state, &user.0, &[Permission::ComplaintWrite], move |c, a, ag| advance::step(c, a, &id, ag, &input))
        .await?;
    Ok(HttpResponse::Ok().json(masked(s)))
}

/// Sets the handling officer and the verification team.
#[utoipa::path(put, path = "/complaints/{id}/members", tag = "complaints", params(("id" = String, Path)), request_body = MembersInput, responses((status = 200, body = SubmissionRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[put("/complaints/{id}/members")]
pub async fn members_put(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<MembersInput>,
) -> ApiResult<HttpResponse> {
    let (id, input) = (path.into_inner(), body.into_inner());
    let s = run(&state, &user.0, &[Permission::ComplaintWrite], move |c, a, ag| members::assign(c, a, &id, ag, &input))
        .await?;
    Ok(HttpResponse::Ok().json(masked(s)))
}

/// Files the submission as a duplicate of another (both are kept).
#[utoipa::path(post, path = "/complaints/{id}/merge", tag = "complaints", params(("id" = String, Path)), request_body = MergeInput, responses((status = 200, body = SubmissionRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/complaints/{id}/merge")]
pub async fn merge_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<MergeInput>,
) -> ApiResult<HttpResponse> {
    let (id, input) = (path.into_inner(), body.into_inner());
    let s = run(&state, &user.0, &[Permission::ComplaintWrite], move |c, a, ag| merge::merge(c, a, &id, ag, &input))
        .await?;
    Ok(HttpResponse::Ok().json(masked(s)))
}

/// Attaches a scan (multipart, field `file`): a PDF or an image, recognised by content (422
/// `scan_type` otherwise), within the upload limit.
#[utoipa::path(post, path = "/complaints/{id}/files", tag = "complaints", params(("id" = String, Path)), request_body(content = String, content_type = "multipart/form-data"), responses((status = 201, body = FileRow), (status = 413), (status = 422)), security(("bearer" = [])))]
#[post("/complaints/{id}/files")]
pub async fn file_post(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    payload: Multipart,
) -> ApiResult<HttpResponse> {
    let limit = state.config.settings.max_upload_kib * 1024;
    user.0.require(Permission::ComplaintWrite)?;
    let up = crate::web::upload::read(payload, limit).await?;
    let (id, store) = (path.into_inner(), state.files.clone());
    let f = run(&state, &user.0, &[Permission::ComplaintWrite], move |c, a, ag| {
        files::attach(c, store.as_ref(), a, (&id, ag), (&up.file_name, &up.bytes))
    })
    .await?;
    Ok(HttpResponse::Created().json(f))
}

/// The figures of a period (a month `YYYY-MM`, or `from` and `to`; this month when neither): by
/// kind, received, accepted, resolved, forwarded, guided, refused, filed, late at its end, and the
/// receptions held.
#[utoipa::path(get, path = "/complaints/figures", tag = "complaints", params(("month" = Option<String>, Query), ("from" = Option<String>, Query), ("to" = Option<String>, Query)), responses((status = 200, body = crate::complaints::queries::figures::Figures)), security(("bearer" = [])))]
#[get("/complaints/figures")]
pub async fn figures(
    user: ApiUser,
    state: web::Data<AppState>,
    p: web::Query<crate::web::period::PeriodQuery>,
) -> ApiResult<HttpResponse> {
    let (from, to) = p.period();
    let f = run(&state, &user.0, &[Permission::ComplaintRead], move |c, _, ag| {
        crate::complaints::queries::figures::figures(c, ag, from, to)
    })
    .await?;
    Ok(HttpResponse::Ok().json(f))
}
