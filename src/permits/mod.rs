//! The permit desk (giấy phép, giấy chứng nhận): dossiers received, checked for completeness,
//! appraised (a site survey for game shops) and decided against the legal and the published
//! deadline, the certificate or refusal issued and mailed, and the register of permits with their
//! validity (DOMAIN.md §4, §9.5, §9.7).
//!
//! The feature template (ARCHITECTURE.md): this file is the one route table (pages and API);
//! `state`, `rules`, `compose` and `catalogue` are the pure rules; `queries` the read models that
//! pages and API share; `steps/` the transactions, one file per workflow step; `pages/` one file per
//! screen; `api` the JSON routes; `model` the rows.

pub mod api;
pub mod catalogue;
pub mod choices;
pub mod compose;
pub mod model;
pub mod queries;
pub mod rules;
pub mod state;
pub mod steps;

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::types)
        .service(api::list)
        .service(api::create)
        .service(api::get)
        .service(api::step)
        .service(api::survey)
        .service(api::fee)
        .service(api::register);
}
