//! `/api/v1/reports`: a period's figures for the reader's agency, with the same period a year
//! earlier.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;

use crate::auth::ApiUser;
use crate::error::{ApiResult, AppError, Code, FieldErrors};
use crate::reports::period::{Period, Span};
use crate::reports::queries::{self, Sections};
use crate::state::AppState;

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// `2026-07` (a month), `2026-Q3`, `2026-H1` or `2026`; empty: this month.
    #[serde(default)]
    pub period: String,
    /// With `to`, a range instead (YYYY-MM-DD).
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl ReportQuery {
    pub fn period(&self) -> Result<Period, FieldErrors> {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        if !self.from.trim().is_empty() || !self.to.trim().is_empty() {
            return match (day(&self.from), day(&self.to)) {
                (Some(a), Some(b)) => Period::custom(a, b).ok_or_else(|| FieldErrors::one("to", Code::OutOfRange)),
                (None, _) => Err(FieldErrors::one("from", Code::DateInvalid)),
                _ => Err(FieldErrors::one("to", Code::DateInvalid)),
            };
        }
        if self.period.trim().is_empty() {
            return Ok(Period::current(Span::Month, crate::time::today_vn()));
        }
        Period::parse(&self.period).ok_or_else(|| FieldErrors::one("period", Code::Invalid))
    }
}

/// The figures of a period for the reader's agency — inspections and checks, complaints and
/// petitions, permits, each as far as the reader's role may see it — and of the same period a year
/// earlier.
#[utoipa::path(get, path = "/reports", tag = "reports", params(ReportQuery), responses((status = 200, body = crate::reports::queries::Report), (status = 422)), security(("bearer" = [])))]
#[get("/reports")]
pub async fn report(user: ApiUser, state: web::Data<AppState>, q: web::Query<ReportQuery>) -> ApiResult<HttpResponse> {
    let u = user.0;
    let p = q.period().map_err(AppError::from)?;
    let show = Sections::for_reader(&u);
    let (lang, soon) = (u.lang, state.config.settings.due_soon_working_days);
    let r = crate::web::actions::run_api(&state, &u, &[], move |c, _, ag| queries::report(c, ag, p, show, lang, soon))
        .await?;
    Ok(HttpResponse::Ok().json(r))
}
