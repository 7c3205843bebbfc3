//! `/api/v1/calendar` and `/api/v1/deadlines`.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::engine::{Adjustment, Calendar, DayOff, Explanation, Override, OverrideKind};
use crate::auth::{ApiUser, Identity, Permission};
use crate::calendar::model::*;
use crate::calendar::queries::{CalcQuery, compute_query, items};
use crate::error::{ApiError, ApiResult, AppError, Code, FieldError, FieldErrors};
use crate::i18n::{Lang, Tr};
use crate::state::AppState;
use crate::web::IdPath;

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct YearParam {
    /// 1990–2100; default this year.
    #[param(value_type = i32, required = false, minimum = 1990, maximum = 2100)]
    pub year: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct HolidaysView {
    pub year: i32,
    /// Public holidays, compensatory and extra days off (weekends are not listed).
    pub days_off: Vec<DayOff>,
    /// Make-up working days (usually Saturdays).
    pub make_up_days: Vec<Override>,
}

/// The days off of a year, each with its name and legal source.
#[utoipa::path(get, path = "/calendar/holidays", tag = "calendar", params(YearParam), responses((status = 200, body = HolidaysView), (status = 422)), security(("bearer" = [])))]
#[get("/calendar/holidays")]
pub async fn holidays(user: ApiUser, state: web::Data<AppState>, q: web::Query<YearParam>) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DeadlineRead)?;
    let year = match q.year.as_deref().map(str::trim) {
        None | Some("") => crate::time::today_vn().year(),
        Some(s) => s.parse::<i32>().ok().filter(|y| (1990..=2100).contains(y)).ok_or_else(|| {
            ApiError::from(FieldErrors(vec![FieldError::with_arg("year", Code::OutOfRange, "1990–2100")]))
        })?,
    };
    let cal = state.db.run(crate::calendar::queries::load_calendar).await?;
    Ok(HttpResponse::Ok().json(HolidaysView {
        year,
        days_off: cal.holidays(year),
        make_up_days: cal.make_up_days(year),
    }))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct DeadlineParams {
    /// The event date, YYYY-MM-DD, in 1990–2100 (the day itself is not counted).
    #[param(value_type = String, required = true, format = Date, pattern = "^(199[0-9]|20[0-9]{2}|2100)-")]
    pub start: Option<String>,
    /// The duration: 0–3650 (months: 0–120). Optional when `rule` is given.
    #[param(value_type = u32, required = false, minimum = 0, maximum = 3650)]
    pub days: Option<String>,
    #[param(schema_with = unit_schema)]
    pub unit: Option<String>,
    /// A deadline rule code in force on `start` (`GET /api/v1/calendar/rules`), e.g.
    /// `complaint.acceptance`.
    pub rule: Option<String>,
}

fn unit_schema() -> utoipa::openapi::Object {
    crate::domain::openapi::choice(
        super::engine::Unit::SPELLINGS,
        "`working`, `calendar` or `months` (also `working_days`, `calendar_days`, `days`, `month`); \
         default the rule's, else `working`.",
    )
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DeadlineView {
    pub due: NaiveDate,
    pub explanation: Explanation,
    /// The working as readable lines (Vietnamese).
    pub lines: Vec<String>,
    pub rule: Option<DeadlineRuleRow>,
}

/// Computes a due date and shows its working.
#[utoipa::path(get, path = "/calendar/deadline", tag = "calendar", params(DeadlineParams), responses((status = 200, body = DeadlineView), (status = 422)), security(("bearer" = [])))]
#[get("/calendar/deadline")]
pub async fn deadline(
    user: ApiUser,
    state: web::Data<AppState>,
    q: web::Query<DeadlineParams>,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DeadlineRead)?;
    let s = |o: &Option<String>| o.clone().unwrap_or_default();
    let cq = CalcQuery { start: s(&q.start), days: s(&q.days), unit: s(&q.unit), rule: s(&q.rule) };
    let c = state.db.run(move |conn| compute_query(conn, &cq)).await?;
    Ok(HttpResponse::Ok().json(DeadlineView {
        due: c.explanation.due,
        lines: c.explanation.lines(u.lang),
        explanation: c.explanation,
        rule: c.rule,
    }))
}

/// Every deadline rule, with its legal source and whether it was verified.
#[utoipa::path(get, path = "/calendar/rules", tag = "calendar", responses((status = 200, body = Vec<DeadlineRuleRow>)), security(("bearer" = [])))]
#[get("/calendar/rules")]
pub async fn rules(user: ApiUser, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DeadlineRead)?;
    Ok(HttpResponse::Ok().json(state.db.run(crate::calendar::queries::deadline_rules).await?))
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideInput {
    /// YYYY-MM-DD, in 1990–2100.
    #[schema(format = Date, pattern = "^(199[0-9]|20[0-9]{2}|2100)-")]
    pub day: String,
    #[schema(value_type = OverrideKind)]
    pub kind: String,
    /// Not blank, at most 200 characters.
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub name: String,
    /// Not blank, at most 300 characters.
    #[schema(min_length = 1, max_length = 300, pattern = "\\S")]
    pub legal_source: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Recomputed {
    /// How many open deadlines moved.
    pub deadlines_moved: usize,
}

/// Adds or replaces one day of the yearly schedule; open deadlines are recomputed.
#[utoipa::path(post, path = "/calendar/overrides", tag = "calendar", request_body = OverrideInput, responses((status = 200, body = Recomputed), (status = 403), (status = 422)), security(("bearer" = [])))]
#[post("/calendar/overrides")]
pub async fn add_override(
    user: ApiUser,
    state: web::Data<AppState>,
    body: web::Json<OverrideInput>,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::CalendarManage)?;
    let b = body.into_inner();
    let mut e = FieldErrors::new();
    let day = NaiveDate::parse_from_str(b.day.trim(), "%Y-%m-%d").ok().filter(|d| (1990..=2100).contains(&d.year()));
    if day.is_none() {
        e.add("day", Code::DateInvalid);
    }
    let kind = OverrideKind::parse(b.kind.trim());
    if kind.is_none() {
        e.add("kind", Code::InvalidChoice);
    }
    let name = crate::domain::text::clean(&b.name);
    let source = crate::domain::text::clean(&b.legal_source);
    if name.is_empty() || name.chars().count() > 200 {
        e.add("name", Code::Required);
    }
    if source.is_empty() || source.chars().count() > 300 {
        e.add("legal_source", Code::Required);
    }
    let (Some(day), Some(kind), true) = (day, kind, e.is_empty()) else {
        return Err(ApiError::from(e));
    };
    let actor = u.actor();
    let moved = state
        .db
        .run(move |conn| crate::calendar::steps::holidays::set_override(conn, &actor, day, kind, &name, &source))
        .await?;
    Ok(HttpResponse::Ok().json(Recomputed { deadlines_moved: moved }))
}

/// Removes one day of the yearly schedule; open deadlines are recomputed.
#[utoipa::path(delete, path = "/calendar/overrides/{id}", tag = "calendar", params(("id" = String, Path, description = "The day, YYYY-MM-DD")), responses((status = 200, body = Recomputed), (status = 404)), security(("bearer" = [])))]
#[delete("/calendar/overrides/{id}")]
pub async fn remove_override(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::CalendarManage)?;
    let day = NaiveDate::parse_from_str(&path.0, "%Y-%m-%d").map_err(|_| ApiError::from(AppError::NotFound))?;
    let actor = u.actor();
    let moved = state.db.run(move |conn| crate::calendar::steps::holidays::remove_override(conn, &actor, day)).await?;
    Ok(HttpResponse::Ok().json(Recomputed { deadlines_moved: moved }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TrackedView {
    pub id: String,
    pub label: String,
    pub record_type: String,
    pub record_id: String,
    pub rule_code: Option<String>,
    pub start: NaiveDate,
    pub duration: i32,
    pub unit: String,
    pub due: NaiveDate,
    /// on_track, due_soon, due_today, overdue or closed.
    pub status: String,
    pub adjustments: Vec<Adjustment>,
    pub lines: Vec<String>,
}

pub async fn view(state: &AppState, u: &Identity, id: String) -> Result<TrackedView, AppError> {
    let (agency, hidden) = (u.agency_id().to_string(), crate::calendar::queries::hidden_kinds(u));
    let (cal, d) = state
        .db
        .run(move |conn| {
            Ok((
                crate::calendar::queries::load_calendar(conn)?,
                crate::calendar::queries::find_visible(conn, &id, &agency, &hidden)?,
            ))
        })
        .await?;
    tracked(&cal, d, u.lang, state.config.settings.due_soon_working_days)
}

/// One deadline with its status and working, on the calendar given.
fn tracked(cal: &Calendar, d: DeadlineRow, lang: Lang, soon: u32) -> Result<TrackedView, AppError> {
    let exp = d.explain(cal, crate::time::today_vn())?;
    let item = items(cal, std::slice::from_ref(&d), Tr::new(lang), soon).remove(0);
    Ok(TrackedView {
        id: d.id.to_string(),
        label: d.label_in(lang),
        record_type: d.record_type.clone(),
        record_id: d.record_id.clone(),
        rule_code: d.rule_code.clone(),
        start: d.start_date,
        duration: d.duration,
        unit: d.unit.clone(),
        due: d.due_date,
        status: item.status.code().into(),
        adjustments: d.adjustments(),
        lines: exp.lines(lang),
    })
}

/// A page of the agency's running deadlines (100 at most), soonest first: `total` counted up to
/// 1,000, `more` when there are more than that.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DeadlineList {
    pub total: i64,
    pub more: bool,
    pub items: Vec<TrackedView>,
}

/// The agency's running deadlines, soonest first, a page at a time, with each one's working.
#[utoipa::path(get, path = "/deadlines", tag = "deadlines", params(crate::calendar::queries::DeadlineFilter), responses((status = 200, body = DeadlineList)), security(("bearer" = [])))]
#[get("/deadlines")]
pub async fn list_deadlines(
    user: ApiUser,
    state: web::Data<AppState>,
    q: web::Query<crate::calendar::queries::DeadlineFilter>,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DeadlineRead)?;
    let (agency, hidden) = (u.agency_id().to_string(), crate::calendar::queries::hidden_kinds(&u));
    let f = q.into_inner();
    let soon = state.config.settings.due_soon_working_days;
    let paging = crate::web::Paging::new(f.page, Some(100), 100);
    let (cal, rows, total) = state
        .db
        .run(move |conn| {
            use crate::calendar::queries as cq;
            let cal = cq::load_calendar(conn)?;
            let (rows, total) = cq::open_page(
                conn,
                &agency,
                &hidden,
                &f,
                crate::time::today_vn(),
                cq::soon_until(&cal, soon),
                &paging,
            )?;
            Ok((cal, rows, total))
        })
        .await?;
    let items = rows.into_iter().map(|d| tracked(&cal, d, u.lang, soon)).collect::<Result<Vec<_>, AppError>>()?;
    Ok(HttpResponse::Ok().json(DeadlineList { total: total.n, more: total.more, items }))
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrackInput {
    /// Not blank, at most 200 characters.
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub label: String,
    /// The event date, YYYY-MM-DD, in 1990–2100 (the day itself is not counted).
    #[schema(format = Date, pattern = "^(199[0-9]|20[0-9]{2}|2100)-")]
    pub start: String,
    /// A deadline rule code in force on `start` (`GET /api/v1/calendar/rules`): its duration and
    /// unit are the defaults.
    #[serde(default)]
    pub rule: Option<String>,
    /// 0–3650 (months: 0–120); required without a rule.
    #[serde(default)]
    #[schema(maximum = 3650)]
    pub days: Option<u32>,
    #[serde(default)]
    #[schema(schema_with = unit_schema)]
    pub unit: Option<String>,
}

impl TrackInput {
    /// A rule, or else a duration (the schema's `allOf` in the document).
    pub fn dependencies() -> Vec<serde_json::Value> {
        use crate::domain::openapi::{either, filled};
        let days = serde_json::json!({"required": ["days"], "properties": {"days": {"type": "integer"}}});
        vec![either(vec![filled(&["rule"]), days])]
    }
}

/// Starts tracking a deadline for the caller's agency.
#[utoipa::path(post, path = "/deadlines", tag = "deadlines", request_body = TrackInput, responses((status = 201, body = TrackedView), (status = 422)), security(("bearer" = [])))]
#[post("/deadlines")]
pub async fn create_deadline(
    user: ApiUser,
    state: web::Data<AppState>,
    body: web::Json<TrackInput>,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DeadlineWrite)?;
    let b = body.into_inner();
    let q = CalcQuery {
        start: b.start,
        days: b.days.map(|d| d.to_string()).unwrap_or_default(),
        unit: b.unit.unwrap_or_default(),
        rule: b.rule.unwrap_or_default(),
    };
    let (actor, agency) = (u.actor(), u.agency_id().to_string());
    let row = state
        .db
        .run(move |conn| crate::calendar::steps::deadlines::track_manual(conn, &actor, &agency, &b.label, &q))
        .await?;
    Ok(HttpResponse::Created().json(view(&state, &u, row.id.into()).await?))
}

/// One tracked deadline with its working.
#[utoipa::path(get, path = "/deadlines/{id}", tag = "deadlines", params(("id" = String, Path)), responses((status = 200, body = TrackedView), (status = 404)), security(("bearer" = [])))]
#[get("/deadlines/{id}")]
pub async fn get_deadline(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DeadlineRead)?;
    Ok(HttpResponse::Ok().json(view(&state, &u, path.into_inner()).await?))
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdjustInput {
    #[schema(schema_with = adjust_action_schema)]
    pub action: String,
    /// `extend`: the units added, 1–365.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 365)]
    pub duration: Option<u32>,
    /// `pause`: the first paused day; `resume`: the last paused day. YYYY-MM-DD.
    #[serde(default)]
    #[schema(format = Date)]
    pub date: Option<String>,
    /// Required (not blank) to extend or pause.
    #[serde(default)]
    pub reason: String,
}

impl AdjustInput {
    /// What each action needs besides its code (the schema's `allOf` in the document).
    pub fn dependencies() -> Vec<serde_json::Value> {
        use crate::domain::openapi::{filled, when};
        let duration = serde_json::json!({"required": ["duration"], "properties": {"duration": {"type": "integer"}}});
        vec![
            when("action", &["extend"], serde_json::json!({"allOf": [filled(&["reason"]), duration]})),
            when("action", &["pause"], filled(&["date", "reason"])),
            when("action", &["resume"], filled(&["date"])),
        ]
    }
}

fn adjust_action_schema() -> utoipa::openapi::Object {
    crate::domain::openapi::choice(
        crate::calendar::steps::deadlines::ADJUST_ACTIONS,
        "`extend` (with `duration` and `reason`), `pause` (with `date`: the first paused day, and \
         `reason`) or `resume` (with `date`: the last paused day).",
    )
}

/// Extends, pauses or resumes a deadline; the due date moves and the change is audited.
#[utoipa::path(post, path = "/deadlines/{id}/adjust", tag = "deadlines", params(("id" = String, Path)), request_body = AdjustInput, responses((status = 200, body = TrackedView), (status = 404), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/deadlines/{id}/adjust")]
pub async fn adjust_deadline(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<AdjustInput>,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DeadlineWrite)?;
    let b = body.into_inner();
    let duration = b.duration.map(|d| d.to_string()).unwrap_or_default();
    let adj = crate::calendar::steps::deadlines::adjustment_from_input(
        &b.action,
        &duration,
        b.date.as_deref().unwrap_or(""),
        &b.reason,
        &u.user.username,
    )?;
    let actor = u.actor();
    let (agency, hidden) = (u.agency_id().to_string(), crate::calendar::queries::hidden_kinds(&u));
    let id = path.into_inner();
    let id2 = id.clone();
    state
        .db
        .run(move |conn| {
            crate::calendar::queries::find_visible(conn, &id2, &agency, &hidden)?;
            crate::calendar::steps::deadlines::adjust(conn, &actor, &id2, &agency, adj)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view(&state, &u, id).await?))
}

/// Stops tracking a deadline (the matter was handled).
#[utoipa::path(post, path = "/deadlines/{id}/close", tag = "deadlines", params(("id" = String, Path)), responses((status = 200, body = TrackedView), (status = 404)), security(("bearer" = [])))]
#[post("/deadlines/{id}/close")]
pub async fn close_deadline(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DeadlineWrite)?;
    let actor = u.actor();
    let (agency, hidden) = (u.agency_id().to_string(), crate::calendar::queries::hidden_kinds(&u));
    let id = path.into_inner();
    let id2 = id.clone();
    state
        .db
        .run(move |conn| {
            crate::calendar::queries::find_visible(conn, &id2, &agency, &hidden)?;
            crate::calendar::steps::deadlines::close(conn, &actor, &id2, &agency)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view(&state, &u, id).await?))
}
