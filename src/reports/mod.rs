//! Reports upward (issue 15, under way): the figures of a month, quarter, half-year, year or range
//! for one agency, composed from each feature's own figures (inspections and checks, complaints and
//! petitions, the permit desk), with the same period a year earlier beside them. Sits above the
//! features it reads; none of them imports it.
//!
//! Built so far: the periods (`period`, pure), the report's read model (`queries`), the page
//! `/reports` and `GET /api/v1/reports`. To come: SVG charts, the BC document, XLSX and
//! CSV exports, the notices sent and their delivery failures, the monthly due date on the deadline
//! engine.

pub mod api;
pub mod chart;
pub mod compose;
pub mod model;
pub mod pages;
pub mod period;
pub mod queries;
pub mod steps;

use actix_web::web;

/// The pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/reports", web::get().to(pages::dashboard::dashboard))
        .route("/reports/export.csv", web::get().to(pages::export::export_csv))
        .route("/reports/export.xlsx", web::get().to(pages::export::export_xlsx))
        .route("/reports/draft", web::post().to(pages::draft::draft_report));
}

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::report).service(api::draft);
}
