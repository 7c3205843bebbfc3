//! Agency-scoped user management: accounts, roles, language, passwords, API tokens.
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

use actix_web::web;

use pages::{form, list, show};

/// The administration pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/users", web::get().to(list::index))
        .route("/admin/users", web::post().to(form::create))
        .route("/admin/users/new", web::get().to(form::new_form))
        .route("/admin/users/{id}", web::get().to(show::show))
        .route("/admin/users/{id}", web::post().to(show::update))
        .route("/admin/users/{id}/disable", web::post().to(show::disable))
        .route("/admin/users/{id}/enable", web::post().to(show::enable))
        .route("/admin/users/{id}/password", web::post().to(show::reset_password));
}

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::me)
        .service(api::list)
        .service(api::create)
        .service(api::get_one)
        .service(api::disable)
        .service(api::enable);
}
