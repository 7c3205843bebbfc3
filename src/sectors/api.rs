//! `/api/v1/sectors`: the sectors of the registry and their extra fields.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;

use crate::auth::{ApiUser, Permission};
use crate::error::ApiResult;
use crate::sectors::AttrDef;
use crate::state::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct SectorView {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub active: bool,
    pub attributes: Vec<AttrDef>,
}

/// Sectors of the registry and their extra fields.
#[utoipa::path(get, path = "/sectors", tag = "sectors", responses((status = 200, body = Vec<SectorView>)), security(("bearer" = [])))]
#[get("/sectors")]
pub async fn sectors(user: ApiUser, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    user.0.require(Permission::OutletRead)?;
    let rows = state.db.run(crate::sectors::queries::all).await?;
    Ok(HttpResponse::Ok().json(
        rows.iter()
            .map(|s| SectorView {
                code: s.code.clone(),
                name_vi: s.name_vi.clone(),
                name_en: s.name_en.clone(),
                active: s.active,
                attributes: s.attrs(),
            })
            .collect::<Vec<_>>(),
    ))
}
