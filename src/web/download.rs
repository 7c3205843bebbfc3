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

/// A stored file addressed by its SHA-256 (a photo, a thumbnail, evidence): its bytes never change,
/// so the reader's browser may keep it; shared caches may not, and the type is never sniffed.
pub fn stored(bytes: Vec<u8>, content_type: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "private, max-age=86400, immutable"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(bytes)
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
pub const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A cell as it is written out: one that a spreadsheet would run as a formula (`=HYPERLINK(…)`,
/// `+cmd|…`, `@SUM(…)`) gets a leading `'`, so Excel and LibreOffice show it as text.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(FORMULA_START) { format!("'{cell}") } else { cell.to_string() }
}

/// A file to save (a workbook…) downloaded as `name`.
pub fn attachment(bytes: Vec<u8>, name: &str, content_type: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type.to_string())
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(bytes)
}

/// A CSV file (UTF-8 with a BOM, so spreadsheets read its diacritics) downloaded as `name`.
pub fn csv(bytes: Vec<u8>, name: &str) -> HttpResponse {
    attachment(bytes, name, "text/csv; charset=utf-8")
}
