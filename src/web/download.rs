//! File answers shared by pages and the API.

use actix_web::HttpResponse;
use actix_web::http::header;

/// A PDF shown in the browser under `name` (an ASCII file name), never cached by shared caches.
pub fn pdf(bytes: Vec<u8>, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes)
}
