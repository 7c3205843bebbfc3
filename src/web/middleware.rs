//! Request ids, one log line per request (method, route pattern, status, time; no query string, no
//! personal data), and security headers (HSTS when the service is reached over HTTPS, i.e.
//! `secure_cookies` is on; `Cache-Control: no-store` on JSON, CSV and PDF answers).

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use tracing::Instrument;

pub async fn observe(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string()[..16].to_string());
    let span = tracing::info_span!(
        "request",
        request.id = %request_id,
        http.method = %req.method(),
        user.id = tracing::field::Empty,
    );
    let start = Instant::now();
    let timeouts = req.app_data::<actix_web::web::Data<crate::state::AppState>>().map(|s| {
        let s = &s.config.settings;
        (
            std::time::Duration::from_secs(s.request_timeout_seconds.into()),
            std::time::Duration::from_secs(s.request_body_seconds.into()),
        )
    });
    let timed_out = timeouts.map(|(pause, total)| super::body_deadline::limit(&mut req, pause, total));
    let writes = !matches!(*req.method(), actix_web::http::Method::GET | actix_web::http::Method::HEAD);
    let result = crate::db::WRITES.scope(writes, next.call(req).instrument(span.clone())).await;
    let _enter = span.enter();
    match result {
        Ok(res) => {
            let mut res = res.map_into_boxed_body();
            if timed_out.as_ref().is_some_and(|t| t.happened()) {
                res = res.error_response(crate::error::AppError::RequestTimeout);
                res.response_mut().head_mut().set_connection_type(actix_web::http::ConnectionType::Close);
            }
            let (mut res, logged) = errors_in_the_readers_language(res, &request_id);
            let status = res.status().as_u16();
            let route = res.request().match_pattern().unwrap_or_else(|| "(unmatched)".into());
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            if status >= 500 && !logged {
                tracing::error!(http.route = %route, http.status = status, elapsed_ms = ms, "request failed");
            } else {
                tracing::info!(http.route = %route, http.status = status, elapsed_ms = ms, "request");
            }
            let h = res.headers_mut();
            if let Ok(v) = HeaderValue::from_str(&request_id) {
                h.insert(HeaderName::from_static("x-request-id"), v);
            }
            for (name, value) in SECURITY_HEADERS {
                h.insert(HeaderName::from_static(name), HeaderValue::from_static(value));
            }
            if carries_records(h) && !h.contains_key(actix_web::http::header::CACHE_CONTROL) {
                h.insert(actix_web::http::header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            }
            let https = res
                .request()
                .app_data::<actix_web::web::Data<crate::state::AppState>>()
                .is_some_and(|s| s.config.settings.secure_cookies);
            if https {
                let h = res.headers_mut();
                h.insert(
                    actix_web::http::header::STRICT_TRANSPORT_SECURITY,
                    HeaderValue::from_static("max-age=31536000; includeSubDomains"),
                );
            }
            Ok(res)
        }
        Err(e) => {
            tracing::error!(error = %e, "request error");
            Err(e)
        }
    }
}

/// An error answer is rendered once more, now that the request is known: a page or JSON in the
/// reader's language, with the request id for a fault. Faults are logged here, once, with that id
/// (and the request line is then not logged as a failure a second time).
fn errors_in_the_readers_language(res: ServiceResponse<BoxBody>, request_id: &str) -> (ServiceResponse<BoxBody>, bool) {
    let Some((e, api)) = res.response().error().and_then(crate::error::find) else { return (res, false) };
    let logged = e.log(request_id);
    let lang = crate::auth::session::request_lang(res.request());
    let answer = if api || res.request().path().starts_with("/api/") {
        e.json(lang, Some(request_id))
    } else {
        e.page(lang, Some(request_id))
    };
    (res.into_response(answer), logged)
}

/// JSON, CSV and PDF answers carry records (names, addresses, findings): no cache may keep them.
fn carries_records(h: &actix_web::http::header::HeaderMap) -> bool {
    h.get(actix_web::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t.starts_with("application/json") || t.starts_with("text/csv") || t.starts_with("application/pdf")
    })
}

const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
    (
        "content-security-policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
];
