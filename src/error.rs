//! One error type for the whole application. Variants carry what a user may see; `Internal` keeps the
//! cause for the log only. `status_code` is the single place where errors become HTTP statuses.

use std::fmt;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::i18n::Lang;

/// One problem with one input field. `code` selects the message (see `i18n::field_message`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arg: Option<String>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str) -> FieldError {
        FieldError { field: field.into(), code, arg: None }
    }

    pub fn with_arg(field: impl Into<String>, code: &'static str, arg: impl ToString) -> FieldError {
        FieldError { field: field.into(), code, arg: Some(arg.to_string()) }
    }

    pub fn message(&self, lang: Lang) -> String {
        crate::i18n::field_message(lang, self.code, self.arg.as_deref())
    }
}

/// The errors of one form or request body, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> FieldErrors {
        FieldErrors(Vec::new())
    }
    /// One error on one field.
    pub fn one(field: &str, code: &'static str) -> FieldErrors {
        FieldErrors(vec![FieldError::new(field, code)])
    }
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }
    pub fn add(&mut self, field: &str, code: &'static str) {
        self.0.push(FieldError::new(field, code));
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }
    /// The first message for `field`, in `lang`.
    pub fn get(&self, field: &str, lang: Lang) -> Option<String> {
        self.0.iter().find(|e| e.field == field).map(|e| e.message(lang))
    }
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

#[derive(thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("the form has expired or was not sent from this site (CSRF check failed)")]
    Csrf,
    #[error("invalid input")]
    Validation(FieldErrors),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("too many attempts; try again later")]
    TooManyRequests,
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl fmt::Debug for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Internal(e) => write!(f, "Internal: {e:?}"),
            AppError::Validation(v) => write!(f, "Validation: {:?}", v.0),
            other => write!(f, "{other}"),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                AppError::Conflict("a record with the same unique value already exists".into())
            }
            other => AppError::Internal(anyhow::Error::new(other).context("database query")),
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Validation(e)
    }
}

#[derive(Serialize)]
pub struct ApiErrorBody {
    pub errors: Vec<ApiErrorItem>,
}

#[derive(Serialize)]
pub struct ApiErrorItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub code: String,
    pub detail: String,
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::Csrf => "csrf",
            AppError::Validation(_) => "validation",
            AppError::BadRequest(_) => "bad_request",
            AppError::Conflict(_) => "conflict",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::TooManyRequests => "too_many_requests",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// The JSON body used by every API route.
    pub fn api_body(&self, lang: Lang) -> ApiErrorBody {
        let errors = match self {
            AppError::Validation(fe) => {
                fe.0.iter()
                    .map(|e| ApiErrorItem {
                        field: Some(e.field.clone()),
                        code: e.code.to_string(),
                        detail: e.message(lang),
                    })
                    .collect()
            }
            AppError::Internal(_) => {
                vec![ApiErrorItem { field: None, code: "internal".into(), detail: "internal error".into() }]
            }
            AppError::Unavailable(_) => vec![ApiErrorItem {
                field: None,
                code: "unavailable".into(),
                detail: "service temporarily unavailable".into(),
            }],
            other => vec![ApiErrorItem { field: None, code: other.code().into(), detail: other.to_string() }],
        };
        ApiErrorBody { errors }
    }

    pub fn log(&self) {
        match self {
            AppError::Internal(e) => tracing::error!(error = ?e, "request failed"),
            AppError::Unavailable(e) => tracing::error!(error = %e, "service unavailable"),
            _ => {}
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Browser routes get a small bilingual page; API routes wrap errors in `ApiError` instead.
    fn error_response(&self) -> HttpResponse {
        self.log();
        let status = self.status_code();
        let (vi, en) = error_texts(self);
        let body = error_page(status, &vi, &en);
        HttpResponse::build(status).content_type("text/html; charset=utf-8").body(body)
    }
}

/// The same error rendered as JSON, for `/api/v1`.
pub struct ApiError {
    pub error: AppError,
    pub lang: Lang,
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError { error: e.into(), lang: Lang::Vi }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.error.status_code()
    }
    fn error_response(&self) -> HttpResponse {
        self.error.log();
        let mut b = HttpResponse::build(self.status_code());
        if matches!(self.error, AppError::Unauthorized) {
            b.insert_header(("WWW-Authenticate", "Bearer"));
        }
        b.json(self.error.api_body(self.lang))
    }
}

pub type AppResult<T> = Result<T, AppError>;
pub type ApiResult<T> = Result<T, ApiError>;

/// (Vietnamese, English) texts for an error page.
pub fn error_texts(e: &AppError) -> (String, String) {
    let key = match e {
        AppError::NotFound => "errpage.not_found",
        AppError::Unauthorized => "errpage.unauthorized",
        AppError::Forbidden => "errpage.forbidden",
        AppError::Csrf => "errpage.csrf",
        AppError::Validation(_) => "errpage.validation",
        AppError::BadRequest(_) => "errpage.bad_request",
        AppError::Conflict(_) => "errpage.conflict",
        AppError::PayloadTooLarge => "errpage.too_large",
        AppError::TooManyRequests => "errpage.too_many",
        AppError::Unavailable(_) => "errpage.unavailable",
        AppError::Internal(_) => "errpage.internal",
    };
    let mut vi = crate::i18n::lookup(Lang::Vi, key).to_string();
    let mut en = crate::i18n::lookup(Lang::En, key).to_string();
    if let AppError::BadRequest(m) | AppError::Conflict(m) = e {
        vi = format!("{vi} {m}");
        en = format!("{en} {m}");
    }
    (vi, en)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A small bilingual page for errors raised outside a page handler.
fn error_page(status: StatusCode, vi: &str, en: &str) -> String {
    format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{code}</title><link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body class=\"error-page\"><main class=\"narrow\">\
         <h1>{code}</h1><p class=\"lead\">{vi}</p><p lang=\"en\" class=\"muted\">{en}</p><p><a class=\"button\" href=\"/\">Trang chủ / Home</a></p></main></body></html>",
        code = status.as_u16(),
        vi = esc(vi),
        en = esc(en)
    )
}
