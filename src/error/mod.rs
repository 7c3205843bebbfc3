//! One error type for the whole application. Variants carry what a user may see: typed refusals
//! (`Code` + parameters, rendered through i18n keys in the reader's language); `Internal` and
//! `Unavailable` keep their cause for the log only. `status_code` is the single place where errors
//! become HTTP statuses. The response middleware renders every error once more in the request's
//! language and logs internal ones with the request id (`web::middleware`).

pub mod codes;
mod page;
pub mod retryable;

use std::fmt;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use serde_json::{Map, Value};

pub use codes::Code;

use crate::i18n::Lang;

/// A parameter of a refusal: plain text (a number, a date, a name), or a label shown in the
/// reader's language (a state, a kind) whose code the API returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    /// `lower`: shown with a small initial, inside a sentence.
    Label {
        code: String,
        key: String,
        lower: bool,
    },
}

impl Arg {
    fn show(&self, lang: Lang) -> String {
        match self {
            Arg::Text(s) => s.clone(),
            Arg::Label { key, lower: false, .. } => crate::i18n::lookup(lang, key).to_string(),
            Arg::Label { key, lower: true, .. } => {
                let s = crate::i18n::lookup(lang, key);
                let mut c = s.chars();
                c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
            }
        }
    }
    fn raw(&self) -> Value {
        match self {
            Arg::Text(s) => Value::String(s.clone()),
            Arg::Label { code, .. } => Value::String(code.clone()),
        }
    }
}

/// Named parameters; the name `""` fills the message's `{}`, any other name fills `{name}`.
pub type Args = Vec<(&'static str, Arg)>;

fn render(lang: Lang, code: Code, args: &Args) -> String {
    let key = code.key();
    let mut text = if crate::i18n::has_key(&key) {
        crate::i18n::lookup(lang, &key)
    } else {
        crate::i18n::lookup(lang, "err.invalid")
    }
    .to_string();
    for (name, arg) in args {
        let slot = if name.is_empty() { "{}".to_string() } else { format!("{{{name}}}") };
        text = text.replace(&slot, &arg.show(lang));
    }
    text
}

fn params(args: &Args) -> Option<Map<String, Value>> {
    if args.is_empty() {
        return None;
    }
    Some(args.iter().map(|(n, a)| (if n.is_empty() { "value" } else { n }.to_string(), a.raw())).collect())
}

/// A refusal of what was asked, with its parameters ("this step is not allowed while the engagement
/// is {state}", "the fine must lie within {}").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: Code,
    pub args: Args,
}

impl Refusal {
    pub fn new(code: Code) -> Refusal {
        Refusal { code, args: Vec::new() }
    }
    /// Adds a plain parameter.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Refusal {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }
    /// Adds a parameter shown through an i18n key (`code` is what the API returns).
    pub fn with_label(mut self, name: &'static str, code: impl Into<String>, key: impl Into<String>) -> Refusal {
        self.args.push((name, Arg::Label { code: code.into(), key: key.into(), lower: false }));
        self
    }
    /// A label inside a sentence: "… (dự thảo) có thanh tra cơ sở này".
    pub fn with_label_lower(mut self, name: &'static str, code: impl Into<String>, key: impl Into<String>) -> Refusal {
        self.args.push((name, Arg::Label { code: code.into(), key: key.into(), lower: true }));
        self
    }
    pub fn message(&self, lang: Lang) -> String {
        render(lang, self.code, &self.args)
    }
    /// The plain value of the parameter `name`, if given.
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| match a {
            Arg::Text(s) => s.as_str(),
            Arg::Label { code, .. } => code.as_str(),
        })
    }
    /// The page where what this refusal lacks is set up, with its parameters filled in.
    pub fn setup_link(&self) -> Option<String> {
        let mut href = self.code.setup_page()?.to_string();
        for (name, arg) in &self.args {
            if !name.is_empty()
                && let Arg::Text(v) = arg
            {
                href = href.replace(&format!("{{{name}}}"), v);
            }
        }
        (!href.contains('{')).then_some(href)
    }
}

impl From<Code> for Refusal {
    fn from(code: Code) -> Refusal {
        Refusal::new(code)
    }
}

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: Code,
    pub args: Args,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: Code) -> FieldError {
        FieldError { field: field.into(), code, args: Vec::new() }
    }

    pub fn with_arg(field: impl Into<String>, code: Code, arg: impl ToString) -> FieldError {
        FieldError { field: field.into(), code, args: vec![("", Arg::Text(arg.to_string()))] }
    }

    /// A refusal (code and named parameters) said beside `field`.
    pub fn refused(field: impl Into<String>, r: Refusal) -> FieldError {
        FieldError { field: field.into(), code: r.code, args: r.args }
    }

    pub fn message(&self, lang: Lang) -> String {
        render(lang, self.code, &self.args)
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
    pub fn one(field: &str, code: Code) -> FieldErrors {
        FieldErrors(vec![FieldError::new(field, code)])
    }
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }
    pub fn add(&mut self, field: &str, code: Code) {
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
    /// Every message, in order, for an alert.
    pub fn messages(&self, lang: Lang) -> String {
        self.0.iter().map(|e| e.message(lang)).collect::<Vec<_>>().join(" ")
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
    /// A malformed request (400).
    #[error("bad request: {}", .0.code.as_str())]
    BadRequest(Refusal),
    /// What was asked is refused in the record's present state (409).
    #[error("refused: {}", .0.code.as_str())]
    Conflict(Refusal),
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("too many attempts; try again later")]
    TooManyRequests,
    /// The request's body did not arrive in time (408); the connection is closed.
    #[error("the request body did not arrive in time")]
    RequestTimeout,
    /// Something the service needs is out of reach (the database pool); the cause is logged only.
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
            AppError::BadRequest(r) | AppError::Conflict(r) => write!(f, "{self}: {:?}", r.args),
            other => write!(f, "{other}"),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                AppError::Conflict(Refusal::new(Code::Duplicate))
            }
            diesel::result::Error::DatabaseError(kind, info) if retryable::is_retryable(&kind, info.message()) => {
                AppError::Unavailable(format!("database: {}", info.message()))
            }
            diesel::result::Error::BrokenTransactionManager => {
                AppError::Unavailable("database: connection lost inside a transaction".into())
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

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        AppError::Conflict(r)
    }
}

impl From<Code> for AppError {
    fn from(c: Code) -> Self {
        AppError::Conflict(Refusal::new(c))
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    pub errors: Vec<ApiErrorItem>,
    /// Quote it when reporting a fault: the log line of this request carries it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiErrorItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub code: String,
    pub detail: String,
    /// The refusal's parameters by name (`value` when unnamed).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub params: Option<Map<String, Value>>,
}

impl AppError {
    /// A malformed request.
    pub fn bad_request(code: Code) -> AppError {
        AppError::BadRequest(Refusal::new(code))
    }

    /// A malformed request, with what the parser said.
    pub fn bad_request_because(code: Code, detail: impl ToString) -> AppError {
        AppError::BadRequest(Refusal::new(code).with("", detail))
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::Csrf => "csrf",
            AppError::Validation(_) => "validation",
            AppError::BadRequest(r) | AppError::Conflict(r) => r.code.as_str(),
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::TooManyRequests => "too_many_requests",
            AppError::RequestTimeout => "request_timeout",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// What a person reads: the refusal's own message, else the error page's sentence.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Validation(fe) => fe.messages(lang),
            AppError::BadRequest(r) | AppError::Conflict(r) => r.message(lang),
            other => crate::i18n::lookup(lang, page::key_of(other)).to_string(),
        }
    }

    /// The JSON body used by every API route, in `lang`.
    pub fn api_body(&self, lang: Lang, request_id: Option<&str>) -> ApiErrorBody {
        let errors = match self {
            AppError::Validation(fe) => {
                fe.0.iter()
                    .map(|e| ApiErrorItem {
                        field: Some(e.field.clone()),
                        code: e.code.as_str().to_string(),
                        detail: e.message(lang),
                        params: params(&e.args),
                    })
                    .collect()
            }
            AppError::BadRequest(r) | AppError::Conflict(r) => vec![ApiErrorItem {
                field: None,
                code: r.code.as_str().to_string(),
                detail: r.message(lang),
                params: params(&r.args),
            }],
            other => {
                vec![ApiErrorItem { field: None, code: other.code().into(), detail: other.message(lang), params: None }]
            }
        };
        let shown = matches!(self, AppError::Internal(_) | AppError::Unavailable(_));
        ApiErrorBody { errors, request_id: request_id.filter(|_| shown).map(str::to_string) }
    }

    /// Logs what only the operator may see (once per request, from the response middleware).
    /// Returns whether it logged anything.
    pub fn log(&self, request_id: &str) -> bool {
        match self {
            AppError::Internal(e) => tracing::error!(request.id = %request_id, error = ?e, "request failed"),
            AppError::Unavailable(e) => tracing::warn!(request.id = %request_id, error = %e, "service unavailable"),
            _ => return false,
        }
        true
    }

    /// The HTML page for a browser route, in `lang`.
    pub fn page(&self, lang: Lang, request_id: Option<&str>) -> HttpResponse {
        let status = self.status_code();
        let mut b = HttpResponse::build(status);
        self.retry_after(&mut b);
        b.content_type("text/html; charset=utf-8")
            .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
            .body(page::html(self, status, lang, request_id))
    }

    /// The JSON answer for an API route, in `lang`.
    pub fn json(&self, lang: Lang, request_id: Option<&str>) -> HttpResponse {
        let mut b = HttpResponse::build(self.status_code());
        if matches!(self, AppError::Unauthorized) {
            b.insert_header(("WWW-Authenticate", "Bearer"));
        }
        self.retry_after(&mut b);
        b.json(self.api_body(lang, request_id))
    }

    /// 503: try again in a few seconds (the database is usually back within them).
    fn retry_after(&self, b: &mut actix_web::HttpResponseBuilder) {
        if matches!(self, AppError::Unavailable(_)) {
            b.insert_header((actix_web::http::header::RETRY_AFTER, RETRY_AFTER_SECONDS.to_string()));
        }
    }
}

/// Seconds a client is told to wait after a 503.
pub const RETRY_AFTER_SECONDS: u32 = 5;

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
            AppError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A page in Vietnamese; the response middleware renders it again in the request's language.
    fn error_response(&self) -> HttpResponse {
        self.page(Lang::Vi, None)
    }
}

/// The same error answered as JSON, for `/api/v1`.
pub struct ApiError {
    pub error: AppError,
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
        ApiError { error: e.into() }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.error.status_code()
    }
    /// JSON in Vietnamese; the response middleware renders it again in the request's language.
    fn error_response(&self) -> HttpResponse {
        self.error.json(Lang::Vi, None)
    }
}

/// The application error inside an actix error, whichever wrapper carries it, and whether it was
/// raised as an API error.
pub fn find(e: &actix_web::Error) -> Option<(&AppError, bool)> {
    if let Some(a) = e.as_error::<ApiError>() {
        return Some((&a.error, true));
    }
    e.as_error::<AppError>().map(|a| (a, false))
}

pub type AppResult<T> = Result<T, AppError>;
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    /// Letters that only Vietnamese uses: an English message containing one was not translated.
    fn vietnamese_letters(s: &str) -> bool {
        s.chars().any(|c| {
            "ăâđêôơưĂÂĐÊÔƠƯ".contains(c) || ('\u{1EA0}'..='\u{1EF9}').contains(&c) || "àáãèéìíòóõùúýỳ".contains(c)
        })
    }

    fn slots(s: &str) -> Vec<String> {
        let re = regex::Regex::new(r"\{[a-z_]*\}").unwrap();
        let mut v: Vec<String> = re.find_iter(s).map(|m| m.as_str().to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn every_refusal_code_has_a_message_in_both_languages() {
        let mut problems = Vec::new();
        // The names of legal sources stay Vietnamese in English text ("Luật Thanh tra 2025, Art. 35").
        let cited = regex::Regex::new(r"(Luật|Nghị định|Thông tư|NĐ|TT) [^,)]*").unwrap();
        for code in Code::iter() {
            let key = code.key();
            if !crate::i18n::has_key(&key) {
                problems.push(format!("{key}: no entry"));
                continue;
            }
            let (vi, en) = (crate::i18n::lookup(Lang::Vi, &key), crate::i18n::lookup(Lang::En, &key));
            if vi.trim().is_empty() || en.trim().is_empty() {
                problems.push(format!("{key}: a language is empty"));
            }
            if vietnamese_letters(&cited.replace_all(en, "")) {
                problems.push(format!("{key}: the English text is Vietnamese: {en}"));
            }
            if vi == en && code != Code::Json {
                problems.push(format!("{key}: the same text in both languages: {vi}"));
            }
            if slots(vi) != slots(en) {
                problems.push(format!("{key}: the two texts take different parameters"));
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn messages_fill_in_their_parameters_in_the_readers_language() {
        let too_long = FieldError::with_arg("name", Code::TooLong, 200);
        assert_eq!(too_long.message(Lang::En), "Longer than 200 characters.");
        assert_eq!(too_long.message(Lang::Vi), "Dài quá 200 ký tự.");
        let step = Refusal::new(Code::StepNotAllowed).with_label("state", "on_site", "insp.state.on_site");
        assert_eq!(step.message(Lang::En), "This step is not allowed while the engagement is \"On site\".");
        assert!(step.message(Lang::Vi).contains("Trực tiếp tại cơ sở"));
        let body = AppError::Conflict(step).api_body(Lang::En, Some("r1"));
        let item = &body.errors[0];
        assert_eq!((item.code.as_str(), item.field.as_deref()), ("step_not_allowed", None));
        assert_eq!(item.params.as_ref().unwrap()["state"], "on_site", "the API returns the state's code");
        assert!(body.request_id.is_none(), "a refusal is not a fault: no request id");
    }

    #[test]
    fn a_refusal_that_needs_set_up_links_to_where_it_is_set_up() {
        assert_eq!(Refusal::new(Code::PublicAddressMissing).setup_link().as_deref(), Some("/admin/settings"));
        let r = Refusal::new(Code::NoSignerInForce).with("agency", "a1");
        assert_eq!(r.setup_link().as_deref(), Some("/admin/agencies/a1/signers"));
        assert_eq!(r.arg("agency"), Some("a1"));
        assert_eq!(Refusal::new(Code::NoSignerInForce).setup_link(), None, "no agency, no link");
        assert_eq!(Refusal::new(Code::Required).setup_link(), None);
        let html = page::html(&AppError::Conflict(r), StatusCode::CONFLICT, Lang::En, None);
        assert!(html.contains("href=\"/admin/agencies/a1/signers\""), "{html}");
        let r = Refusal::new(Code::DelegationMissing).with("name", "Nguyễn Văn Đạt").with("agency", "a1");
        assert_eq!(r.setup_link().as_deref(), Some("/admin/agencies/a1/signers"), "the delegation is the signer's");
    }

    #[test]
    fn faults_show_a_generic_message_and_the_request_id_never_the_cause() {
        let e = AppError::Internal(anyhow::anyhow!("password=hunter2 at db.internal:5432"));
        let body = e.api_body(Lang::En, Some("abc123"));
        assert_eq!(body.errors[0].code, "internal");
        assert!(!body.errors[0].detail.contains("hunter2"));
        assert_eq!(body.request_id.as_deref(), Some("abc123"));
        let html = page::html(&e, e.status_code(), Lang::Vi, Some("abc123"));
        assert!(html.contains("abc123") && !html.contains("hunter2") && html.contains("lang=\"vi\""));
        let e = AppError::Unavailable("pool timed out: db.internal".into());
        assert!(!e.message(Lang::En).contains("db.internal"));
    }
}
