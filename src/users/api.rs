//! `/api/v1/users`: the caller's agency's users (admins only; every agency's for an installation
//! administrator).

use actix_web::{HttpResponse, get, post, web};
use serde::Serialize;

use super::model::UserView;
use crate::auth::{ApiUser, Permission};
use crate::error::ApiResult;
use crate::state::AppState;
use crate::users::forms::UserInput;
use crate::users::queries;
use crate::users::steps::accounts;

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserCreate {
    /// 3–32 letters, digits, `.`, `-` or `_`; stored in lower case.
    #[schema(pattern = "^[A-Za-z0-9._-]{3,32}$")]
    pub username: String,
    /// At most 120 characters.
    #[serde(default)]
    #[schema(max_length = 120)]
    pub full_name: String,
    /// The official position printed in team tables (chức vụ), e.g. "Thanh tra viên". At most
    /// 120 characters.
    #[serde(default)]
    #[schema(max_length = 120)]
    pub official_title: String,
    /// An address with a dotted domain (optional).
    #[serde(default)]
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    /// `installation_admin` is only given by an installation administrator.
    #[schema(value_type = crate::auth::roles::Role)]
    pub role: String,
    /// At least the installation's `password_min_length` characters (10 unless configured, never
    /// under 8), at most 1024 bytes.
    #[schema(max_length = 1024)]
    pub password: String,
    /// Default `vi`.
    #[serde(default)]
    #[schema(schema_with = locale_schema)]
    pub locale: String,
    /// The agency the user joins; the caller's own when absent. Only an installation administrator
    /// names another.
    #[serde(default)]
    pub agency_id: Option<String>,
}

fn locale_schema() -> utoipa::openapi::Object {
    crate::domain::openapi::choice(crate::i18n::Lang::ALL.map(|l| l.code()), "The interface language.")
}

/// The agency's users.
#[utoipa::path(get, path = "/users", tag = "users", responses((status = 200, body = Vec<UserView>), (status = 403)), security(("bearer" = [])))]
#[get("/users")]
pub async fn list(user: ApiUser, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let user = user.0;
    user.require(Permission::UserManage)?;
    let agency = user.managed_agency().map(str::to_string);
    let rows = state.db.run(move |conn| queries::list(conn, agency.as_deref())).await?;
    Ok(HttpResponse::Ok().json(rows.iter().map(UserView::from).collect::<Vec<_>>()))
}

/// Adds a user to the caller's agency.
#[utoipa::path(post, path = "/users", tag = "users", request_body = UserCreate, responses((status = 201, body = UserView), (status = 403), (status = 422)), security(("bearer" = [])))]
#[post("/users")]
pub async fn create(user: ApiUser, state: web::Data<AppState>, body: web::Json<UserCreate>) -> ApiResult<HttpResponse> {
    let user = user.0;
    user.require(Permission::UserManage)?;
    let b = body.into_inner();
    let input = UserInput {
        username: b.username,
        full_name: b.full_name,
        official_title: b.official_title,
        email: b.email,
        role: b.role,
        password: b.password,
        locale: b.locale,
        agency_id: b.agency_id.unwrap_or_default(),
    };
    let new = input.validate(user.agency_id(), state.config.settings.password_min_length, user.role)?;
    let actor = user.actor();
    let row = state.db.run(move |conn| accounts::create(conn, &actor, new)).await?;
    Ok(HttpResponse::Created().json(UserView::from(&row)))
}

/// One user of the caller's agency.
#[utoipa::path(get, path = "/users/{id}", tag = "users", params(("id" = String, Path)), responses((status = 200, body = UserView), (status = 404)), security(("bearer" = [])))]
#[get("/users/{id}")]
pub async fn get_one(user: ApiUser, state: web::Data<AppState>, path: crate::web::IdPath) -> ApiResult<HttpResponse> {
    let user = user.0;
    user.require(Permission::UserManage)?;
    let id = path.into_inner();
    let row = state.db.run(move |conn| queries::find_visible(conn, &id, &user)).await?;
    Ok(HttpResponse::Ok().json(UserView::from(&row)))
}

pub async fn set_disabled(
    user: ApiUser,
    state: web::Data<AppState>,
    id: String,
    disabled: bool,
) -> ApiResult<HttpResponse> {
    let user = user.0;
    user.require(Permission::UserManage)?;
    let actor = user.actor();
    let row = state
        .db
        .run(move |conn| {
            queries::find_managed(conn, &id, &user)?;
            accounts::set_disabled(conn, &actor, &id, disabled)
        })
        .await?;
    Ok(HttpResponse::Ok().json(UserView::from(&row)))
}

/// Disables a user: their sessions end and their API tokens are revoked at once.
#[utoipa::path(post, path = "/users/{id}/disable", tag = "users", params(("id" = String, Path)), responses((status = 200, body = UserView), (status = 403), (status = 404), (status = 409)), security(("bearer" = [])))]
#[post("/users/{id}/disable")]
pub async fn disable(user: ApiUser, state: web::Data<AppState>, path: crate::web::IdPath) -> ApiResult<HttpResponse> {
    set_disabled(user, state, path.into_inner(), true).await
}

/// Enables a disabled user.
#[utoipa::path(post, path = "/users/{id}/enable", tag = "users", params(("id" = String, Path)), responses((status = 200, body = UserView), (status = 404)), security(("bearer" = [])))]
#[post("/users/{id}/enable")]
pub async fn enable(user: ApiUser, state: web::Data<AppState>, path: crate::web::IdPath) -> ApiResult<HttpResponse> {
    set_disabled(user, state, path.into_inner(), false).await
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    pub user: UserView,
    pub agency_name: String,
    pub permissions: Vec<&'static str>,
}

/// The caller.
#[utoipa::path(get, path = "/me", tag = "auth", responses((status = 200, body = Me), (status = 401)), security(("bearer" = [])))]
#[get("/me")]
pub async fn me(user: ApiUser) -> ApiResult<HttpResponse> {
    let u = user.0;
    Ok(HttpResponse::Ok().json(Me {
        user: UserView::from(&u.user),
        agency_name: u.agency_name.clone(),
        permissions: Permission::ALL.iter().filter(|p| u.can(**p)).map(|p| p.code()).collect(),
    }))
}
