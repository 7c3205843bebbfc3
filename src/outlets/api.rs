//! `/api/v1/outlets`: the registry as JSON.

use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::Serialize;

use super::forms::{OutletCreate, OutletPatch};
use super::model::OutletView;
use super::queries;
use super::queries::ListQuery;
use crate::audit::history::HistoryItem;
use crate::auth::{ApiUser, Permission};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::Paging;

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct ApiListQuery {
    /// Search in name, tax code and address, with or without diacritics.
    pub q: Option<String>,
    pub sector: Option<String>,
    /// active, suspended or closed.
    pub status: Option<String>,
    pub commune: Option<String>,
    pub province: Option<String>,
    /// name, tax_code, province or updated.
    pub sort: Option<String>,
    /// asc or desc.
    pub dir: Option<String>,
    pub page: Option<String>,
    /// 20, 50, 100 or 200.
    pub per_page: Option<String>,
}

impl ApiListQuery {
    fn as_list_query(&self) -> ListQuery {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        ListQuery {
            q: s(&self.q),
            sector: s(&self.sector),
            status: s(&self.status),
            commune: s(&self.commune),
            province: s(&self.province),
            sort: s(&self.sort),
            dir: s(&self.dir),
            page: s(&self.page),
            per_page: s(&self.per_page),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OutletList {
    pub items: Vec<OutletView>,
    /// How many outlets match, counted up to 1,000.
    pub total: i64,
    /// The count stopped at `total`: more outlets match (a search of a country's outlets is not
    /// counted to its end). Page on while a page comes back full.
    pub more: bool,
    pub page: i64,
    pub per_page: i64,
}

/// Lists outlets with search, filters, sort and paging.
#[utoipa::path(get, path = "/outlets", tag = "outlets", params(ApiListQuery), responses((status = 200, body = OutletList), (status = 401)), security(("bearer" = [])))]
#[get("/outlets")]
pub async fn list(user: ApiUser, state: web::Data<AppState>, q: web::Query<ApiListQuery>) -> ApiResult<HttpResponse> {
    let user = user.0;
    user.require(Permission::OutletRead)?;
    let lq = q.as_list_query();
    let filter = lq.filter();
    let mut paging: Paging = Paging::new(lq.page.parse().ok(), lq.per_page.parse().ok(), 50);
    let (offset, limit) = (paging.offset(), paging.per_page);
    let (rows, total) = state.db.run(move |conn| queries::list(conn, &filter, offset, limit)).await?;
    paging.set_total(total, rows.len());
    Ok(HttpResponse::Ok().json(OutletList {
        items: rows.iter().map(OutletView::from).collect(),
        total: total.n,
        more: total.more,
        page: paging.page,
        per_page: paging.per_page,
    }))
}

/// Adds an outlet. Unknown fields are refused; every field is checked (422 with per-field errors).
#[utoipa::path(post, path = "/outlets", tag = "outlets", request_body = OutletCreate, responses((status = 201, body = OutletView), (status = 400), (status = 401), (status = 403), (status = 413), (status = 422)), security(("bearer" = [])))]
#[post("/outlets")]
pub async fn create(
    user: ApiUser,
    state: web::Data<AppState>,
    body: web::Json<OutletCreate>,
) -> ApiResult<HttpResponse> {
    let user = user.0;
    user.require(Permission::OutletWrite)?;
    let draft = body.into_inner().draft();
    let actor = user.actor();
    let row = state
        .db
        .run(move |conn| {
            let sectors = crate::sectors::queries::all(conn)?;
            let valid = draft.validate(&sectors)?;
            crate::outlets::steps::register::create(conn, &actor, &valid)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/outlets/{}", row.id)))
        .json(OutletView::from(&row)))
}

/// One outlet.
#[utoipa::path(get, path = "/outlets/{id}", tag = "outlets", params(("id" = String, Path)), responses((status = 200, body = OutletView), (status = 404)), security(("bearer" = [])))]
#[get("/outlets/{id}")]
pub async fn get_one(user: ApiUser, state: web::Data<AppState>, path: crate::web::IdPath) -> ApiResult<HttpResponse> {
    let user = user.0;
    user.require(Permission::OutletRead)?;
    let id = path.into_inner();
    let row = state.db.run(move |conn| queries::find(conn, &id)).await?;
    Ok(HttpResponse::Ok().json(OutletView::from(&row)))
}

/// Changes the fields given. Send `version` to refuse overwriting a newer change (409).
#[utoipa::path(patch, path = "/outlets/{id}", tag = "outlets", params(("id" = String, Path)), request_body = OutletPatch, responses((status = 200, body = OutletView), (status = 404), (status = 409), (status = 422)), security(("bearer" = [])))]
#[patch("/outlets/{id}")]
pub async fn update(
    user: ApiUser,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
    body: web::Json<OutletPatch>,
) -> ApiResult<HttpResponse> {
    let user = user.0;
    user.require(Permission::OutletWrite)?;
    let id = path.into_inner();
    let patch = body.into_inner();
    let actor = user.actor();
    let row = state
        .db
        .run(move |conn| {
            let cur = queries::find(conn, &id)?;
            let version = patch.version;
            let draft = patch.apply(&cur);
            let sectors = crate::sectors::queries::all(conn)?;
            let valid = draft.validate(&sectors)?;
            crate::outlets::steps::register::update(conn, &actor, &id, &valid, version)
        })
        .await?;
    Ok(HttpResponse::Ok().json(OutletView::from(&row)))
}

/// Removes an outlet from the registry (its history is kept).
#[utoipa::path(delete, path = "/outlets/{id}", tag = "outlets", params(("id" = String, Path)), responses((status = 204), (status = 403), (status = 404)), security(("bearer" = [])))]
#[delete("/outlets/{id}")]
pub async fn remove(user: ApiUser, state: web::Data<AppState>, path: crate::web::IdPath) -> ApiResult<HttpResponse> {
    let user = user.0;
    user.require(Permission::OutletDelete)?;
    let id = path.into_inner();
    let actor = user.actor();
    state.db.run(move |conn| crate::outlets::steps::register::delete(conn, &actor, &id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub changes: Vec<(String, String, String)>,
}

/// The outlet's change history, newest first.
#[utoipa::path(get, path = "/outlets/{id}/history", tag = "outlets", params(("id" = String, Path)), responses((status = 200, body = Vec<HistoryEntry>), (status = 404)), security(("bearer" = [])))]
#[get("/outlets/{id}/history")]
pub async fn history(user: ApiUser, state: web::Data<AppState>, path: crate::web::IdPath) -> ApiResult<HttpResponse> {
    let user = user.0;
    user.require(Permission::OutletRead)?;
    let id = path.into_inner();
    let viewer = user.managed_agency().map(str::to_string);
    let rows = state
        .db
        .run(move |conn| {
            queries::find(conn, &id)?;
            crate::audit::repo::shared_history(conn, "outlet", &id, viewer.as_deref())
        })
        .await?;
    let items: Vec<HistoryEntry> = HistoryItem::from_rows(&rows, &[], user.lang)
        .into_iter()
        .map(|h| HistoryEntry { at: h.at, actor: h.actor, action: h.action, changes: h.changes })
        .collect();
    Ok(HttpResponse::Ok().json(items))
}
