//! The registry of supervised outlets, shared by every agency of the installation. It depends on no
//! feature: the outlet page shows the panels features contribute (`panels`), the start page the
//! tile it contributes itself (`home_tile`).
//!
//! The feature template (ARCHITECTURE.md): this file is the route table; `queries` the reads,
//! `steps/` the writes, `pages/` one file per screen, `api` the JSON routes; `forms` and `csv_io`
//! parse input (pure), `model` the rows.

pub mod api;
pub mod csv_io;
pub mod forms;
pub mod home_tile;
pub mod model;
pub mod pages;
pub mod panels;
pub mod queries;
pub mod steps;

pub use model::{OutletRow, OutletView};

use actix_web::web;

use pages::{form, import, list, pick, show};

/// The pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/outlets", web::get().to(list::list))
        .route("/outlets", web::post().to(form::create))
        .route("/outlets/export.csv", web::get().to(list::export))
        .route("/outlets/new", web::get().to(form::new_form))
        .route("/outlets/import", web::get().to(import::import_form))
        .route("/outlets/import", web::post().to(import::import_preview))
        .route("/outlets/import/{id}/confirm", web::post().to(import::import_confirm))
        .route("/outlets/pick", web::get().to(pick::pick))
        .route("/outlets/{id}", web::get().to(show::show))
        .route("/outlets/{id}", web::post().to(form::update))
        .route("/outlets/{id}/edit", web::get().to(form::edit_form))
        .route("/outlets/{id}/delete", web::post().to(form::delete));
}

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::list)
        .service(api::create)
        .service(api::get_one)
        .service(api::update)
        .service(api::remove)
        .service(api::history);
}
