//! Sectors of the outlet registry and the extra fields each one carries. Admins add sectors and
//! their fields without code.
//!
//! The feature template (ARCHITECTURE.md): this file is the route table; `model` the rows and the
//! field definitions, `queries` the reads, `steps/` the writes, `pages/` one file per screen, `api`
//! the JSON routes.

pub mod api;
pub mod model;
pub mod pages;
pub mod queries;
pub mod steps;

pub use model::{AttrDef, AttrKind, SectorRow};

use actix_web::web;

use pages::{form, list};

/// The administration pages (everyone reads the list).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/sectors", web::get().to(list::index))
        .route("/admin/sectors", web::post().to(form::create))
        .route("/admin/sectors/new", web::get().to(form::new_form))
        .route("/admin/sectors/{code}", web::get().to(form::edit_form))
        .route("/admin/sectors/{code}", web::post().to(form::update));
}

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::sectors);
}
