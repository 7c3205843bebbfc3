//! `/api/v1/agencies`: every agency, the ones in force on a date, one with its units and signers;
//! an agency's signers, read and saved as a list whose entries keep their ids.

use actix_web::{HttpResponse, get, put, web};
use chrono::NaiveDate;

use crate::agencies::forms::{Omitted, SignerInput};
use crate::agencies::model::{AgencyFull, SignerView};
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

/// The agency's signers with their ids (what documents, plans and engagements send as
/// `signer_id`), whether each is in force today and how many documents name it: for the agency's
/// own users (and the installation's administrators), since the counts are its documents'. Another
/// agency's signers, without the counts, are in `GET /agencies/{id}`.
#[utoipa::path(get, path = "/agencies/{id}/signers", tag = "agencies", params(("id" = String, Path)), responses((status = 200, body = Vec<SignerView>), (status = 403), (status = 404)), security(("bearer" = [])))]
#[get("/agencies/{id}/signers")]
pub async fn agency_signers(
    user: ApiUser,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    user.0.require_for_agency(Permission::AgencyRead, &id)?;
    let (_, signers) = state.db.run(move |conn| crate::agencies::queries::signer_views(conn, &id)).await?;
    Ok(HttpResponse::Ok().json(signers))
}

/// Saves the agency's signers as the list given (the agency's administrators, or the installation's):
/// an entry with an `id` changes that signer in place, one without adds a signer, a signer left
/// out is removed. A signer that a document names is not removed: 422 `signer_in_use` (field
/// `signers`), give it a `valid_to` instead. Field errors name the entry: `signers.<index>.<field>`.
/// Nothing is saved when any entry is refused.
#[utoipa::path(put, path = "/agencies/{id}/signers", tag = "agencies", params(("id" = String, Path)), request_body = Vec<SignerInput>, responses((status = 200, body = Vec<SignerView>), (status = 403), (status = 404), (status = 422)), security(("bearer" = [])))]
#[put("/agencies/{id}/signers")]
pub async fn agency_signers_put(
    user: ApiUser,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
    body: web::Json<Vec<SignerInput>>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner();
    user.0.require_for_agency(Permission::AgencyManage, &id)?;
    let (actor, rows) = (user.0.actor(), body.into_inner());
    let (_, signers) = state
        .db
        .run(move |conn| {
            crate::agencies::steps::signers::save(conn, &actor, &id, &rows, Omitted::Removed)?;
            crate::agencies::queries::signer_views(conn, &id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(signers))
}
