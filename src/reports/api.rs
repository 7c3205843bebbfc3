//! `/api/v1/reports`: a period's figures for the reader's agency, with the same period a year
//! earlier.

use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;

use crate::auth::ApiUser;
use crate::error::{ApiResult, AppError, Code, FieldErrors};
use crate::reports::period::{Period, Span};
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
    /// Another agency's id: for an installation administrator only; empty: the reader's own.
    #[serde(default)]
    pub agency: String,
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

    /// The agency reported on: the reader's own, or another for an installation administrator.
    pub fn agency(&self, reader: &crate::auth::Identity) -> Result<String, AppError> {
        let id = crate::domain::text::param(&self.agency);
        if id.is_empty() {
            return Ok(reader.agency_id().to_string());
        }
        reader.require_for_agency(crate::auth::Permission::InspectionRead, &id)?;
        Ok(id)
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
    let agency = q.agency(&u)?;
    let r = crate::reports::pages::load(&state, &u, p, agency).await?;
    Ok(HttpResponse::Ok().json(r))
}

/// What drafting a report gives back: the draft's record and what happened to its document.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Drafted {
    pub draft: crate::reports::model::ReportDraftRow,
    /// `created`, `replaced` (rewritten from the figures), `kept_edits` (edited by hand since, left
    /// as it is) or `issued` (never changed again).
    pub outcome: String,
    pub document: crate::documents::api::DocumentView,
}

/// Drafts the report (BC) of a period for the reader's agency — figures in tables and narrative
/// drafted from them, every area whatever the reader's role (counts only) — as a document draft to
/// edit, sign and issue (`/documents`). Drafting the same period again rewrites the draft from the
/// figures unless someone edited it since.
#[utoipa::path(post, path = "/reports/drafts", tag = "reports", params(ReportQuery), responses((status = 200, body = Drafted), (status = 403), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/reports/drafts")]
pub async fn draft(user: ApiUser, state: web::Data<AppState>, q: web::Query<ReportQuery>) -> ApiResult<HttpResponse> {
    use crate::documents::steps::draft::Composed;
    let u = user.0;
    let p = q.period().map_err(AppError::from)?;
    let perms = [crate::auth::Permission::DocumentWrite, crate::auth::Permission::InspectionRead];
    let (row, composed) = crate::web::actions::run_api(&state, &u, &perms, move |c, actor, ag| {
        crate::reports::steps::draft::draft(c, actor, ag, p)
    })
    .await?;
    let (outcome, document) = match composed {
        Composed::Created(d) => ("created", d),
        Composed::Replaced(d) => ("replaced", d),
        Composed::KeptEdits(d) => ("kept_edits", d),
        Composed::Issued(d) => ("issued", d),
    };
    Ok(HttpResponse::Ok().json(Drafted {
        draft: row,
        outcome: outcome.into(),
        document: crate::documents::api::DocumentView::from(&document),
    }))
}
