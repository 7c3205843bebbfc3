//! Reports upward (issue 15): the figures of a month, quarter, half-year, year or range for one
//! agency, composed from each feature's own figures (inspections and checks, complaints and
//! petitions, the permit desk, the mail sent), with the same period a year earlier, the trend of
//! twelve months, the split by sector and today's deadline alerts. Sits above the features it reads;
//! none of them imports it.
//!
//! `period` (pure) names periods; `queries` is the read model shared by the page, the exports and
//! the API; `chart` (pure) lays out the SVG charts; `compose` (pure) words the report (BC);
//! `steps/` drafts it through the document engine, and the monthly one with its due date.

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
