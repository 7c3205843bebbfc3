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
pub mod history_words;
pub mod model;
pub mod pages;
pub mod queries;
pub mod rules;
pub mod state;
pub mod steps;

use actix_web::web;

use pages::{figures, list, new, register, show, status, types};

/// The pages, under `/permits`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/permits", web::get().to(list::index))
        .route("/permits/status", web::get().to(status::status))
        .route("/permits/register", web::get().to(register::register))
        .route("/permits/figures", web::get().to(figures::figures_page))
        .route("/permits/types", web::get().to(types::types_page))
        .route("/permits/types/new", web::get().to(types::type_form))
        .route("/permits/types/new", web::post().to(types::type_post))
        .route("/permits/new", web::get().to(new::new_form))
        .route("/permits/new", web::post().to(new::new_post))
        .route("/permits/{id}", web::get().to(show::show))
        .route("/permits/{id}/step", web::post().to(show::step_post))
        .route("/permits/{id}/surveys", web::post().to(show::survey_post))
        .route("/permits/{id}/photos", web::post().to(show::photo_post))
        .route("/permits/{id}/photos/{pid}/{size}", web::get().to(show::photo_get))
        .route("/permits/{id}/fees", web::post().to(show::fee_post))
        .route("/permits/{id}/permit-status", web::post().to(show::permit_status_post));
}

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::types)
        .service(api::type_versions)
        .service(api::type_add)
        .service(api::list)
        .service(api::create)
        .service(api::get)
        .service(api::step)
        .service(api::survey)
        .service(api::survey_photo)
        .service(api::fee)
        .service(api::register)
        .service(api::figures)
        .service(api::permit_status);
}
