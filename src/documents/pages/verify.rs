//! The public verification page: anyone with the code sees what was issued and can compare a file.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::constant_time_eq;
use crate::auth::session::resolve;
use crate::auth::session::{make_signed_cookie, signed_cookie};
use crate::documents::queries;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::state::AppState;
use crate::web::{IdPath, PageCtx, html_status};

pub const VERIFY_CSRF: &str = "tt_verify";

#[derive(Template)]
#[template(path = "documents/verify.html")]
pub struct VerifyPage {
    ctx: PageCtx,
    code: String,
    found: bool,
    symbol: String,
    doc_type: String,
    date: String,
    issuer: String,
    sha256: String,
    /// Published copies: (day, SHA-256).
    copies: Vec<(String, String)>,
    /// For a permit: where it stands in the register today, in words.
    standing: Option<String>,
    result: Option<Match>,
    csrf: String,
}

/// What an uploaded file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Match {
    /// The signed original, byte for byte.
    Original,
    /// The published (secret-free) version published on that day.
    Public(String),
    None,
}

#[derive(serde::Deserialize, Default)]
pub struct CodeQuery {
    #[serde(default)]
    code: String,
}

/// `/verify` without a code: a form to type one; with `?code=` it goes to that code's page.
pub async fn verify_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    q: web::Query<CodeQuery>,
) -> Result<HttpResponse, AppError> {
    let code = q.into_inner().code.trim().to_uppercase();
    if !code.is_empty() {
        if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || code.len() > 40 {
            return verify_render(&req, &state, String::new(), None).await;
        }
        return Ok(crate::web::redirect(&format!("/verify/{code}")));
    }
    verify_render(&req, &state, String::new(), None).await
}

pub async fn verify_render(
    req: &HttpRequest,
    state: &AppState,
    code: String,
    result: Option<Match>,
) -> Result<HttpResponse, AppError> {
    // Anyone may verify; a signed-in reader gets the page in their own language.
    let reader = resolve(req).await?;
    let lang = crate::auth::session::request_lang(req);
    let c2 = code.clone();
    let (d, copies, standing) = state
        .db
        .run(move |conn| {
            let d = if c2.is_empty() { None } else { queries::by_verify_code(conn, &c2)? };
            let (copies, standing) = match &d {
                Some(d) => (queries::public_copies(conn, &d.id)?, queries::register_standing(conn, &d.id)?),
                None => (Vec::new(), None),
            };
            Ok((d, copies, standing))
        })
        .await?;
    // A permit's standing today: valid (until its last day), suspended, revoked, expired, replaced.
    let standing = standing.map(|(status, until)| {
        let label = crate::i18n::lookup(lang, &format!("gp.status.{status}")).to_string();
        match until {
            Some(u) if status == "valid" => {
                format!("{label} — {} {}", crate::i18n::lookup(lang, "gp.valid_until"), crate::time::show_date(&u))
            }
            _ => label,
        }
    });
    let csrf = crate::auth::random_token();
    let (found, symbol, doc_type, date, issuer, sha) = match &d {
        Some(d) => {
            let spec = serde_json::from_str::<crate::documents::DocSpec>(d.snapshot.as_deref().unwrap_or("{}")).ok();
            (
                true,
                d.symbol.clone().unwrap_or_default(),
                crate::i18n::lookup(lang, d.kind_key()).to_string(),
                d.issued_on.map(|x| x.format("%d/%m/%Y").to_string()).unwrap_or_default(),
                spec.map(|s| format!("{} — {}", s.agency, s.governing_body)).unwrap_or_default(),
                d.file_sha256.clone().unwrap_or_default(),
            )
        }
        None => (false, String::new(), String::new(), String::new(), String::new(), String::new()),
    };
    let page = VerifyPage {
        ctx: PageCtx::new(req, reader.as_ref(), "verify"),
        code,
        found,
        symbol,
        doc_type,
        date,
        issuer,
        sha256: sha,
        copies: copies.iter().map(|(d, s)| (crate::time::show_date(d), s.clone())).collect(),
        standing,
        result,
        csrf: csrf.clone(),
    };
    let status = if found || page.code.is_empty() { StatusCode::OK } else { StatusCode::NOT_FOUND };
    let mut resp = html_status(status, &page)?;
    resp.add_cookie(&make_signed_cookie(state, VERIFY_CSRF, csrf, Some(3600)))
        .map_err(|e| AppError::Internal(anyhow::anyhow!("cookie: {e}")))?;
    Ok(resp)
}

pub async fn verify_page(req: HttpRequest, state: web::Data<AppState>, path: IdPath) -> Result<HttpResponse, AppError> {
    verify_render(&req, &state, path.into_inner().to_uppercase(), None).await
}

pub async fn verify_upload(
    req: HttpRequest,
    payload: Multipart,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let upload = crate::web::upload::read(payload, state.config.settings.max_upload_kib * 1024).await?;
    let (csrf, bytes) = (upload.csrf, upload.bytes);
    let expected = signed_cookie(&req, &state, VERIFY_CSRF).unwrap_or_default();
    if expected.is_empty() || !constant_time_eq(&expected, &csrf) {
        return Err(AppError::Csrf);
    }
    if bytes.is_empty() {
        return Err(FieldErrors(vec![FieldError::new("file", Code::Required)]).into());
    }
    let code = path.into_inner().to_uppercase();
    let c2 = code.clone();
    let hash = crate::files::sha256_hex(&bytes);
    let found = state
        .db
        .run(move |conn| {
            let Some(d) = queries::by_verify_code(conn, &c2)? else { return Ok(Match::None) };
            if d.file_sha256.as_deref() == Some(hash.as_str()) {
                return Ok(Match::Original);
            }
            let copies = queries::public_copies(conn, &d.id)?;
            Ok(match copies.into_iter().find(|(_, s)| *s == hash) {
                Some((day, _)) => Match::Public(crate::time::show_date(&day)),
                None => Match::None,
            })
        })
        .await?;
    verify_render(&req, &state, code, Some(found)).await
}
