//! `GET /outlets/pick?q=…`: the outlet picker's search as one types (`web::picker`, `assets/app.js`),
//! at most ten `{id, name, tax_code, address, sector}` as JSON. A page route (the signed-in
//! session), not the API: it serves the forms' script.

use actix_web::{HttpResponse, web};

use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::outlets::queries;
use crate::state::AppState;
use crate::web::picker::LIMIT;

#[derive(Debug, Default, serde::Deserialize)]
pub struct PickQuery {
    #[serde(default)]
    q: String,
}

pub async fn pick(
    user: WebUser,
    state: web::Data<AppState>,
    query: web::Query<PickQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletRead)?;
    let (q, lang) = (query.into_inner().q, user.lang);
    let found = state.db.run(move |conn| queries::pick(conn, &q, LIMIT, lang)).await?;
    Ok(HttpResponse::Ok().json(found))
}
