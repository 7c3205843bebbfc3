//! `/api/v1/reception`: the reception book (record, list, read; the visitors of a reception about
//! a denunciation only on an audited request by someone who may see them), the notice concluding a
//! reception, and the head's reception calendar.

use actix_web::{HttpResponse, get, post, put, web};
use serde::{Deserialize, Serialize};

use crate::auth::{ApiUser, Permission};
use crate::error::{ApiResult, AppError, Code, FieldErrors};
use crate::reception::model::*;
use crate::reception::queries::{self as q, CalendarView, Detail, Filter};
use crate::reception::steps::calendar::{self as cal, DutyInput, ScheduleInput};
use crate::reception::steps::conclude::{self, ConclusionInput};
use crate::reception::steps::record::{self, SessionInput};
use crate::reception::steps::reveal;
use crate::state::AppState;
use crate::web::IdPath;
use crate::web::actions::run_api as run;

/// Records a reception; with action `submission`, the submission handed in is registered with it.
#[utoipa::path(post, path = "/reception", tag = "reception", request_body = SessionInput, responses((status = 201, body = SessionRow), (status = 422)), security(("bearer" = [])))]
#[post("/reception")]
pub async fn create(
    user: ApiUser,
    state: web::Data<AppState>,
    body: web::Json<SessionInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let s = run(&state, &user.0, &[Permission::ComplaintWrite], move |c, a, ag| {
        let v = input.validate()?;
        record::record(c, a, ag, v)
    })
    .await?;
    Ok(HttpResponse::Created().json(s))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ReceptionList {
    /// How many match, counted up to 1,000.
    pub total: i64,
    /// The count stopped at `total`: more match.
    pub more: bool,
    pub items: Vec<SessionRow>,
}

/// The reception book, newest first (the content of a reception about a denunciation left out).
#[utoipa::path(get, path = "/reception", tag = "reception", params(Filter), responses((status = 200, body = ReceptionList)), security(("bearer" = [])))]
#[get("/reception")]
pub async fn list(user: ApiUser, state: web::Data<AppState>, filter: web::Query<Filter>) -> ApiResult<HttpResponse> {
    let f = filter.into_inner();
    let (rows, total) = run(&state, &user.0, &[Permission::ComplaintRead], move |c, _, ag| {
        q::list(c, ag, &f, &crate::web::Paging::new(f.page, Some(100), 100))
    })
    .await?;
    let items = rows
        .into_iter()
        .map(|mut s| {
            if s.is_secret() {
                s.content = String::new();
            }
            s
        })
        .collect();
    Ok(HttpResponse::Ok().json(ReceptionList { total: total.n, more: total.more, items }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GetParams {
    /// `true`: include the visitors and content of a reception about a denunciation (allowed to
    /// the receiving officer and leaders; recorded in the audit trail). Others get 409.
    #[serde(default)]
    pub reveal: bool,
}

/// One reception as the caller may see it.
#[utoipa::path(get, path = "/reception/{id}", tag = "reception", params(("id" = String, Path), GetParams), responses((status = 200, body = Detail), (status = 404), (status = 409)), security(("bearer" = [])))]
#[get("/reception/{id}")]
pub async fn get(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    p: web::Query<GetParams>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    let (me, role, revealed) = (user.0.user.id.clone(), user.0.role, p.reveal);
    let d = run(&state, &user.0, &[Permission::ComplaintRead], move |c, a, ag| {
        if revealed {
            reveal::reveal(c, a, role, &id, ag)?;
        }
        q::detail(c, &id, ag, role, &me, revealed)
    })
    .await?;
    Ok(HttpResponse::Ok().json(d))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Concluded {
    pub session: SessionRow,
    /// The notice concluding it: edited, issued and sent through `/documents/{id}`.
    pub document_id: String,
}

/// Records the conclusion of whoever presided and drafts the notice concluding the reception.
#[utoipa::path(post, path = "/reception/{id}/conclusion", tag = "reception", params(("id" = String, Path)), request_body = ConclusionInput, responses((status = 201, body = Concluded), (status = 404), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/reception/{id}/conclusion")]
pub async fn conclusion(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<ConclusionInput>,
) -> ApiResult<HttpResponse> {
    let (id, input) = (path.into_inner(), body.into_inner());
    let (session, doc) =
        run(&state, &user.0, &[Permission::ComplaintWrite], move |c, a, ag| conclude::conclude(c, a, &id, ag, &input))
            .await?;
    Ok(HttpResponse::Created().json(Concluded { session, document_id: doc.id.to_string() }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearParams {
    /// The year; this year when left out.
    #[serde(default)]
    pub year: Option<i32>,
}

/// The head's reception days of a year, with who presides and who is on duty.
#[utoipa::path(get, path = "/reception/calendar", tag = "reception", params(YearParams), responses((status = 200, body = CalendarView)), security(("bearer" = [])))]
#[get("/reception/calendar")]
pub async fn calendar(user: ApiUser, state: web::Data<AppState>, p: web::Query<YearParams>) -> ApiResult<HttpResponse> {
    let year = p
        .year
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or_else(|| chrono::Datelike::year(&crate::time::today_vn()));
    let v = run(&state, &user.0, &[Permission::ComplaintRead], move |c, _, ag| q::calendar(c, ag, year)).await?;
    Ok(HttpResponse::Ok().json(v))
}

/// Adds a version of the reception schedule, in force from its date.
#[utoipa::path(post, path = "/reception/schedules", tag = "reception", request_body = ScheduleInput, responses((status = 201, body = ScheduleRow), (status = 422)), security(("bearer" = [])))]
#[post("/reception/schedules")]
pub async fn schedule_post(
    user: ApiUser,
    state: web::Data<AppState>,
    body: web::Json<ScheduleInput>,
) -> ApiResult<HttpResponse> {
    let input = body.into_inner();
    let s = run(&state, &user.0, &[Permission::ReceptionSchedule], move |c, a, ag| cal::add_schedule(c, a, ag, &input))
        .await?;
    Ok(HttpResponse::Created().json(s))
}

/// Sets who presides and who is on duty on a reception day (YYYY-MM-DD).
#[utoipa::path(put, path = "/reception/duties/{day}", tag = "reception", params(("day" = String, Path)), request_body = DutyInput, responses((status = 200, body = DutyRow), (status = 409), (status = 422)), security(("bearer" = [])))]
#[put("/reception/duties/{day}")]
pub async fn duty_put(
    user: ApiUser,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Json<DutyInput>,
) -> ApiResult<HttpResponse> {
    let day = chrono::NaiveDate::parse_from_str(&path.into_inner(), "%Y-%m-%d")
        .map_err(|_| AppError::from(FieldErrors::one("day", Code::DateInvalid)))?;
    let input = body.into_inner();
    let d =
        run(&state, &user.0, &[Permission::ReceptionSchedule], move |c, a, ag| cal::set_duty(c, a, ag, day, &input))
            .await?;
    Ok(HttpResponse::Ok().json(d))
}
