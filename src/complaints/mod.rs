//! Complaints, denunciations and petitions (khiếu nại, tố cáo, kiến nghị, phản ánh): every written
//! submission from its receipt through classification and handling within the legal time (TT
//! 05/2021/TT-TTCP) to its outcome, and an accepted one through its case, with the denouncer's
//! identity kept secret.
//!
//! The feature template (ARCHITECTURE.md): this file is the one route table (pages and API);
//! `state` and `secrecy` are the pure rules (form input is read by `domain::input`); `queries` the read models that pages and API
//! share; `steps/` the transactions, one file per workflow step; `pages/` one file per screen;
//! `api` the JSON routes; `model` the rows.

pub mod api;
pub mod choices;
pub mod compose;
pub mod duplicates;
pub mod history_words;
pub mod model;
pub mod pages;
pub mod queries;
pub mod secrecy;
pub mod state;
pub mod steps;

use actix_web::web;

use pages::{due, figures, files, list, new, receipt, show, status, web_form};

/// The pages, under `/complaints`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/submit", web::get().to(web_form::form))
        .route("/submit", web::post().to(web_form::send))
        .route("/status", web::get().to(status::form))
        .route("/status", web::post().to(status::look_up))
        .route("/complaints", web::get().to(list::index))
        .route("/complaints/new", web::get().to(new::new_form))
        .route("/complaints/new", web::post().to(new::new_post))
        .route("/complaints/due", web::get().to(due::due))
        .route("/complaints/figures", web::get().to(figures::figures_page))
        .route("/complaints/{id}", web::get().to(show::show))
        .route("/complaints/{id}/receipt", web::get().to(receipt::receipt))
        .route("/complaints/{id}/files", web::post().to(files::upload))
        .route("/complaints/{id}/files/{fid}", web::get().to(files::open))
        .route("/complaints/{id}/step", web::post().to(show::step_post))
        .route("/complaints/{id}/reveal", web::post().to(show::reveal_post))
        .route("/complaints/{id}/members", web::post().to(show::members_post))
        .route("/complaints/{id}/merge", web::post().to(show::merge_post));
}

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::figures)
        .service(api::list)
        .service(api::create)
        .service(api::get)
        .service(api::step)
        .service(api::members_put)
        .service(api::merge_post)
        .service(api::file_post);
}
