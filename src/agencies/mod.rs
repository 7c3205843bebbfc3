//! Agencies of the installation (Thanh tra tỉnh, the departments), effective-dated, with their units,
//! signers (with KT./TM./Q./TL./TUQ.; edited as a list on their own page, ids kept), sectors and
//! successor; in-force queries by date.
//!
//! The feature template (ARCHITECTURE.md): this file is the route table; `model` the rows, `forms`
//! the input and its validation, `queries` the reads, `steps/` the writes, `pages/` one file per
//! screen, `api` the JSON routes.

pub mod api;
pub mod forms;
pub mod model;
pub mod pages;
pub mod queries;
pub mod steps;

pub use model::{AgencyFull, AgencyRow};

use actix_web::web;

use pages::{form, list, show, signers};

/// The administration pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/agencies", web::get().to(list::index))
        .route("/admin/agencies", web::post().to(form::create))
        .route("/admin/agencies/new", web::get().to(form::new_form))
        .route("/admin/agencies/{id}", web::get().to(show::show))
        .route("/admin/agencies/{id}", web::post().to(form::update))
        .route("/admin/agencies/{id}/edit", web::get().to(form::edit_form))
        .route("/admin/agencies/{id}/signers", web::get().to(signers::show))
        .route("/admin/agencies/{id}/signers", web::post().to(signers::save));
}

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::agencies)
        .service(api::agencies_in_force)
        .service(api::agency)
        .service(api::agency_signers)
        .service(api::agency_signers_put);
}
