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
            .configure(crate::users::configure_api)
            .configure(crate::calendar::configure_api)
            .configure(crate::documents::configure_api)
            .configure(crate::inspections::configure_api)
            .configure(crate::agencies::configure_api)
            .configure(crate::sectors::configure_api)
            .configure(crate::audit::configure_api),
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
