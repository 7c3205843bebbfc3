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
            .configure(crate::complaints::configure_api)
            .configure(crate::reception::configure_api)
            .configure(crate::permits::configure_api)
            .configure(crate::reports::configure_api)
            .configure(crate::agencies::configure_api)
            .configure(crate::sectors::configure_api)
            .configure(crate::audit::configure_api),
    );
}

/// The document as served. `password_min_length` is the installation's setting, declared as the
/// new user's password `minLength`.
pub fn finish_openapi(mut doc: OpenApi, password_min_length: usize) -> String {
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
    components.schemas.insert("ApiErrorBody".into(), <crate::error::ApiErrorBody as utoipa::PartialSchema>::schema());
    components.schemas.insert("ApiErrorItem".into(), <crate::error::ApiErrorItem as utoipa::PartialSchema>::schema());
    let mut v = serde_json::to_value(&doc).unwrap_or_default();
    with_error_answers(&mut v);
    with_field_dependencies(&mut v);
    if let Some(password) = v.pointer_mut("/components/schemas/UserCreate/properties/password") {
        password["minLength"] = serde_json::json!(password_min_length);
    }
    serde_json::to_string_pretty(&v).unwrap_or_else(|_| "{}".into())
}

/// The rules that tie an input's fields together (a step that needs a reason, an outlet or else a
/// group), which the derives cannot declare: each input type lists its own, as its schema's `allOf`.
fn with_field_dependencies(doc: &mut serde_json::Value) {
    use crate::inspections::steps::{advance, findings, open, plan, recommendations, violations};
    let rules = [
        ("AdjustInput", crate::calendar::api::AdjustInput::dependencies()),
        ("TrackInput", crate::calendar::api::TrackInput::dependencies()),
        ("DraftInput", crate::documents::model::DraftInput::dependencies()),
        ("EngagementInput", open::EngagementInput::dependencies()),
        ("ItemInput", plan::ItemInput::dependencies()),
        ("StepInput", advance::StepInput::dependencies()),
        ("FindingInput", findings::FindingInput::dependencies()),
        ("VisitInput", findings::VisitInput::dependencies()),
        ("ViolationInput", violations::ViolationInput::dependencies()),
        ("RecStatusInput", recommendations::RecStatusInput::dependencies()),
    ];
    for (name, all_of) in rules {
        let schema = doc.pointer_mut(&format!("/components/schemas/{name}")).and_then(|s| s.as_object_mut());
        let Some(schema) = schema else {
            debug_assert!(false, "{name} is not in the document");
            continue;
        };
        schema.insert("allOf".into(), serde_json::Value::Array(all_of));
    }
}

/// Every operation documents the refusals the service can give it, all with the same error body:
/// 400 (malformed JSON, query or path), 401/403 (credentials, role or agency), 404 (a path naming a
/// record), 409 (a write refused in the record's state), 413 (a body too large), 422 (field errors)
/// and 503 (database away, with Retry-After).
fn with_error_answers(doc: &mut serde_json::Value) {
    use serde_json::json;
    let answer = |description: &str| json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiErrorBody"}}}});
    let mut unavailable = answer("The database is out of reach; try again after `Retry-After` seconds.");
    unavailable["headers"] = json!({"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}});
    doc["components"]["responses"] = json!({
        "BadRequest": answer("Malformed request: JSON, query or path that cannot be read (`bad_json`, `bad_query`, `bad_path`, `bad_content_type`)."),
        "Unauthorized": answer("No valid bearer token or session (`WWW-Authenticate: Bearer`)."),
        "Forbidden": answer("The caller's role or agency may not do this."),
        "NotFound": answer("No such record for the caller."),
        "Conflict": answer("Refused in the record's present state; `code` and `params` say why."),
        "PayloadTooLarge": answer("The body is larger than the service takes."),
        "Unprocessable": answer("Field errors: each item names its `field` and `code`."),
        "Unavailable": unavailable,
    });
    let Some(paths) = doc["paths"].as_object_mut() else { return };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else { continue };
        for (method, op) in item.iter_mut() {
            let write = matches!(method.as_str(), "post" | "put" | "patch" | "delete");
            let secured = op.get("security").and_then(|s| s.as_array()).is_some_and(|s| !s.is_empty());
            let body = op.get("requestBody").is_some();
            let params = op.get("parameters").and_then(|p| p.as_array()).is_some_and(|p| !p.is_empty());
            let wanted = [
                ("400", "BadRequest", true),
                ("401", "Unauthorized", secured),
                ("403", "Forbidden", secured),
                ("404", "NotFound", path.contains('{')),
                ("409", "Conflict", write && secured),
                ("413", "PayloadTooLarge", body),
                ("422", "Unprocessable", body || params),
                ("503", "Unavailable", secured),
            ];
            let Some(responses) = op.get_mut("responses").and_then(|r| r.as_object_mut()) else { continue };
            for (status, name, applies) in wanted {
                let bare = responses.get(status).is_none_or(|r| r.get("content").is_none());
                if applies && bare {
                    responses.insert(status.into(), json!({"$ref": format!("#/components/responses/{name}")}));
                }
            }
        }
    }
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
