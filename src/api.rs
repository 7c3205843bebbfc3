//! The JSON API under `/api/v1`, its OpenAPI document (collected from the registered handlers, so it
//! cannot drift from the routes), and the JSON body rules: unknown fields refused (422), malformed
//! JSON 400, oversized bodies 413.

use actix_web::error::JsonPayloadError;
use actix_web::{HttpRequest, HttpResponse, get, web};
use utoipa::openapi::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, AppError, Code, FieldError, FieldErrors};
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(
        utoipa_actix_web::scope("/api/v1")
            .service(openapi_json)
            .configure(crate::outlets::configure_api)
            .configure(crate::users::api::configure)
            .configure(crate::calendar::configure_api)
            .configure(crate::documents::configure_api)
            .configure(crate::inspections::configure_api)
            .configure(api_misc::configure),
    );
}

pub fn finish_openapi(mut doc: OpenApi) -> String {
    doc.info.title = "thanhtra API".into();
    doc.info.version = "1".into();
    doc.info.description = Some(
        "Casework of a provincial inspection team. Authenticate with `Authorization: Bearer <token>` \
         (tokens: `thanhtra token create <username>` or the account page) or a browser session \
         (then send `X-CSRF-Token` on writes). Errors: `{\"errors\": [{\"field\", \"code\", \"detail\"}]}`."
            .into(),
    );
    let components = doc.components.get_or_insert_with(Default::default);
    components
        .add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
    doc.to_pretty_json().unwrap_or_else(|_| "{}".into())
}

#[utoipa::path(get, path = "/openapi.json", tag = "meta", responses((status = 200, description = "This document")))]
#[get("/openapi.json")]
async fn openapi_json(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(state.openapi.clone())
}

pub fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default().limit(limit).error_handler(json_error)
}

fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let e = match &err {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => AppError::PayloadTooLarge,
        JsonPayloadError::ContentType => AppError::bad_request(Code::BadContentType),
        JsonPayloadError::Deserialize(de) if de.classify() == serde_json::error::Category::Data => {
            AppError::Validation(FieldErrors(vec![FieldError::with_arg(
                field_of(&de.to_string()),
                Code::Json,
                de.to_string(),
            )]))
        }
        JsonPayloadError::Deserialize(de) => AppError::bad_request_because(Code::BadJson, de),
        other => AppError::bad_request_because(Code::BadJson, other),
    };
    ApiError::from(e).into()
}

/// The field a serde message names (`unknown field `x``, `missing field `x``), else `body`.
fn field_of(msg: &str) -> String {
    for marker in ["unknown field `", "missing field `"] {
        if let Some(rest) = msg.split(marker).nth(1)
            && let Some(name) = rest.split('`').next()
        {
            return name.to_string();
        }
    }
    "body".into()
}

/// Query and path errors become JSON on API routes and pages elsewhere.
pub fn query_error(err: actix_web::error::QueryPayloadError, req: &HttpRequest) -> actix_web::Error {
    let e = AppError::bad_request_because(Code::BadQuery, err);
    if req.path().starts_with("/api/") { ApiError::from(e).into() } else { e.into() }
}

pub fn path_error(_err: actix_web::error::PathError, req: &HttpRequest) -> actix_web::Error {
    if req.path().starts_with("/api/") { ApiError::from(AppError::NotFound).into() } else { AppError::NotFound.into() }
}

/// Agencies, sectors, audit and the caller's own identity.
pub mod api_misc {
    use actix_web::{HttpResponse, get, web};
    use chrono::NaiveDate;
    use serde::Serialize;
    use utoipa_actix_web::service_config::ServiceConfig;

    use crate::agencies::model::AgencyFull;
    use crate::auth::{ApiUser, Permission};
    use crate::error::{ApiError, ApiResult, Code, FieldErrors};
    use crate::sectors::AttrDef;
    use crate::state::AppState;
    use crate::users::model::UserView;

    pub fn configure(cfg: &mut ServiceConfig) {
        cfg.service(me)
            .service(sectors)
            .service(agencies)
            .service(agencies_in_force)
            .service(agency)
            .service(audit_list)
            .service(audit_verify);
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
    async fn me(user: ApiUser) -> ApiResult<HttpResponse> {
        let u = user.0;
        Ok(HttpResponse::Ok().json(Me {
            user: UserView::from(&u.user),
            agency_name: u.agency_name.clone(),
            permissions: Permission::ALL.iter().filter(|p| u.can(**p)).map(|p| p.code()).collect(),
        }))
    }

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
    async fn sectors(user: ApiUser, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
        user.0.require(Permission::OutletRead)?;
        let rows = state.db.run(crate::sectors::repo::all).await?;
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

    /// Every agency, current and past.
    #[utoipa::path(get, path = "/agencies", tag = "agencies", responses((status = 200, body = Vec<AgencyFull>)), security(("bearer" = [])))]
    #[get("/agencies")]
    async fn agencies(user: ApiUser, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
        user.0.require(Permission::AgencyRead)?;
        let all = state
            .db
            .run(|conn| {
                let ids: Vec<String> = crate::agencies::repo::list(conn)?.into_iter().map(|a| a.id).collect();
                ids.iter().map(|id| crate::agencies::repo::full(conn, id)).collect::<Result<Vec<_>, _>>()
            })
            .await?;
        Ok(HttpResponse::Ok().json(all))
    }

    #[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
    pub struct InForceQuery {
        /// YYYY-MM-DD
        pub date: Option<String>,
        /// A sector code: only agencies handling it on that date.
        pub sector: Option<String>,
    }

    /// The agencies in force on a date (default today), optionally for one sector.
    #[utoipa::path(get, path = "/agencies/in-force", tag = "agencies", params(InForceQuery), responses((status = 200, body = Vec<AgencyFull>), (status = 422)), security(("bearer" = [])))]
    #[get("/agencies/in-force")]
    async fn agencies_in_force(
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
        let found = state.db.run(move |conn| crate::agencies::repo::in_force(conn, date, sector.as_deref())).await?;
        Ok(HttpResponse::Ok().json(found))
    }

    /// One agency with its units, signers and sectors.
    #[utoipa::path(get, path = "/agencies/{id}", tag = "agencies", params(("id" = String, Path)), responses((status = 200, body = AgencyFull), (status = 404)), security(("bearer" = [])))]
    #[get("/agencies/{id}")]
    async fn agency(user: ApiUser, state: web::Data<AppState>, path: crate::web::IdPath) -> ApiResult<HttpResponse> {
        user.0.require(Permission::AgencyRead)?;
        let id = path.into_inner();
        let a = state.db.run(move |conn| crate::agencies::repo::full(conn, &id)).await?;
        Ok(HttpResponse::Ok().json(a))
    }

    #[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
    pub struct AuditParams {
        pub actor: Option<String>,
        pub action: Option<String>,
        pub record_type: Option<String>,
        pub record_id: Option<String>,
        /// YYYY-MM-DD
        pub from: Option<String>,
        /// YYYY-MM-DD
        pub to: Option<String>,
        pub page: Option<String>,
    }

    #[derive(Serialize, utoipa::ToSchema)]
    pub struct AuditEntryView {
        pub seq: i64,
        pub at: chrono::NaiveDateTime,
        pub actor: String,
        pub action: String,
        pub record_type: String,
        pub record_id: String,
        pub record_label: String,
        #[schema(value_type = Object)]
        pub changes: serde_json::Value,
        pub hash: String,
    }

    #[derive(Serialize, utoipa::ToSchema)]
    pub struct AuditPage {
        pub items: Vec<AuditEntryView>,
        pub total: i64,
        pub page: i64,
    }

    /// The caller's agency's audit entries, newest first (100 a page).
    #[utoipa::path(get, path = "/audit", tag = "audit", params(AuditParams), responses((status = 200, body = AuditPage), (status = 403)), security(("bearer" = [])))]
    #[get("/audit")]
    async fn audit_list(
        user: ApiUser,
        state: web::Data<AppState>,
        q: web::Query<AuditParams>,
    ) -> ApiResult<HttpResponse> {
        let u = user.0;
        u.require(Permission::AuditRead)?;
        let s = |o: &Option<String>| o.as_deref().map(crate::domain::text::param).filter(|v| !v.is_empty());
        let d = |o: &Option<String>| o.as_deref().and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok());
        let filter = crate::audit::repo::AuditFilter {
            agency_id: Some(u.agency_id().to_string()),
            actor: s(&q.actor),
            action: s(&q.action),
            record_type: s(&q.record_type),
            from: d(&q.from),
            to: d(&q.to),
        };
        let record_id = s(&q.record_id);
        let page = q.page.as_deref().and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).clamp(1, 1_000_000);
        let (rows, total) = state
            .db
            .run(move |conn| {
                if let (Some(rt), Some(rid)) = (&filter.record_type, &record_id) {
                    let rows = crate::audit::repo::history(conn, rt, rid, filter.agency_id.as_deref())?;
                    let n = rows.len() as i64;
                    return Ok((rows, n));
                }
                crate::audit::repo::list(conn, &filter, (page - 1) * 100, 100)
            })
            .await?;
        Ok(HttpResponse::Ok().json(AuditPage {
            items: rows
                .into_iter()
                .map(|r| AuditEntryView {
                    changes: serde_json::from_str(&r.changes).unwrap_or(serde_json::Value::Null),
                    seq: r.seq,
                    at: r.at,
                    actor: r.actor_name,
                    action: r.action,
                    record_type: r.record_type,
                    record_id: r.record_id,
                    record_label: r.record_label,
                    hash: r.hash,
                })
                .collect(),
            total,
            page,
        }))
    }

    /// Verifies the whole hash chain: `{"status":"ok","count":N}` or the first broken link.
    #[utoipa::path(get, path = "/audit/verify", tag = "audit", responses((status = 200, body = Object), (status = 403)), security(("bearer" = [])))]
    #[get("/audit/verify")]
    async fn audit_verify(user: ApiUser, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
        user.0.require(Permission::AuditVerify)?;
        let outcome = state.db.run(crate::audit::repo::verify).await?;
        Ok(HttpResponse::Ok().json(outcome))
    }
}
