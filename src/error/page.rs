//! The small page a browser sees when a request fails outside a page's own form: the status, the
//! reason in the reader's language, and for a fault the request id to quote.

use actix_web::http::StatusCode;

use super::AppError;
use crate::i18n::{Lang, lookup};

pub(super) fn key_of(e: &AppError) -> &'static str {
    match e {
        AppError::NotFound => "errpage.not_found",
        AppError::Unauthorized => "errpage.unauthorized",
        AppError::Forbidden => "errpage.forbidden",
        AppError::Csrf => "errpage.csrf",
        AppError::Validation(_) => "errpage.validation",
        AppError::BadRequest(_) => "errpage.bad_request",
        AppError::Conflict(_) => "errpage.conflict",
        AppError::PayloadTooLarge => "errpage.too_large",
        AppError::TooManyRequests => "errpage.too_many",
        AppError::RequestTimeout => "errpage.timeout",
        AppError::Unavailable(_) => "errpage.unavailable",
        AppError::Internal(_) => "errpage.internal",
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

pub(super) fn html(e: &AppError, status: StatusCode, lang: Lang, request_id: Option<&str>) -> String {
    let lead = lookup(lang, key_of(e));
    let detail = match e {
        AppError::BadRequest(_) | AppError::Conflict(_) | AppError::Validation(_) => {
            format!("<p>{}</p>", esc(&e.message(lang)))
        }
        AppError::Internal(_) | AppError::Unavailable(_) => match request_id {
            Some(id) => {
                format!("<p class=\"muted\">{} <code>{}</code></p>", esc(lookup(lang, "errpage.request_id")), esc(id))
            }
            None => String::new(),
        },
        _ => String::new(),
    };
    // A refusal that needs set-up links to the page where it is done.
    let setup = match e {
        AppError::BadRequest(r) | AppError::Conflict(r) => r.setup_link(),
        _ => None,
    }
    .map(|href| format!("<a class=\"button primary\" href=\"{href}\">{}</a> ", esc(lookup(lang, "errpage.setup"))))
    .unwrap_or_default();
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{code}</title><link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body class=\"error-page\"><main class=\"narrow\">\
         <h1>{code}</h1><p class=\"lead\">{lead}</p>{detail}<p>{setup}<a class=\"button\" href=\"/\">{home}</a></p></main></body></html>",
        lang = lang.code(),
        code = status.as_u16(),
        lead = esc(lead),
        home = esc(lookup(lang, "nav.home")),
    )
}
