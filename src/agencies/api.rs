//! `/api/v1/agencies`: every agency, the ones in force on a date, one with its units and signers.

use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;

use crate::agencies::model::AgencyFull;
use crate::auth::{ApiUser, Permission};
use crate::error::{ApiError, ApiResult, Code, FieldErrors};
use crate::state::AppState;

/// Every agency, current and past.
#[utoipa::path(get, path = "/agencies", tag = "agencies", responses((status = 200, body = Vec<AgencyFull>)), security(("bearer" = [])))]
#[get("/agencies")]
pub async fn agencies(user: ApiUser, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    user.0.require(Permission::AgencyRead)?;
    let all = state
        .db
        .run(|conn| {
            let ids: Vec<String> = crate::agencies::queries::list(conn)?.into_iter().map(|a| a.id).collect();
            ids.iter().map(|id| crate::agencies::queries::full(conn, id)).collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(HttpResponse::Ok().json(all))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct InForceQuery {
    /// YYYY-MM-DD; default today.
    #[param(format = Date)]
    pub date: Option<String>,
    /// A sector code: only agencies handling it on that date.
    pub sector: Option<String>,
}

/// The agencies in force on a date (default today), optionally for one sector.
#[utoipa::path(get, path = "/agencies/in-force", tag = "agencies", params(InForceQuery), responses((status = 200, body = Vec<AgencyFull>), (status = 422)), security(("bearer" = [])))]
#[get("/agencies/in-force")]
pub async fn agencies_in_force(
    user: ApiUser,
    state: web::Data<AppState>,
    q: web::Query<InForceQuery>,
) -> ApiResult<HttpResponse> {
    user.0.require(Permission::AgencyRead)?;
    let date = match q.date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => crate::time::today_vn(),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| ApiError::from(FieldErrors::one("date", Code::DateInvalid)))?,
    };
    let sector = q.sector.as_deref().map(crate::domain::text::param).filter(|s| !s.is_empty());
    let found = state.db.run(move |conn| crate::agencies::queries::in_force(conn, date, sector.as_deref())).await?;
    Ok(HttpResponse::Ok().json(found))
}

/// One agency with its units, signers and sectors.
#[utoipa::path(get, path = "/agencies/{id}", tag = "agencies", params(("id" = String, Path)), responses((status = 200, body = AgencyFull), (status = 404)), security(("bearer" = [])))]
#[get("/agencies/{id}")]
pub async fn agency(user: ApiUser, state: web::Data<AppState>, path: crate::web::IdPath) -> ApiResult<HttpResponse> {
    user.0.require(Permission::AgencyRead)?;
    let id = path.into_inner();
    let a = state.db.run(move |conn| crate::agencies::queries::full(conn, &id)).await?;
    Ok(HttpResponse::Ok().json(a))
}
