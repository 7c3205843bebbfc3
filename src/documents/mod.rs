//! Official documents: drafts, registers numbered at issue, frozen PDFs, signed copies, corrections,
//! public verification, and sending to businesses through the outbox.
//!
//! The feature template (ARCHITECTURE.md): this file is the route table; `model` the rows and the
//! draft input, `queries` the reads, `steps/` the writes, `pages/` one file per screen, `api` the JSON
//! routes. Below them: `spec` (the view model of every document type), `pdf` (the Nghị định 30/2020
//! layout), `fonts`, `defaults` (editable wording) and `samples` (reference inputs).

pub mod api;
pub mod defaults;
pub mod fonts;
pub mod model;
pub mod pages;
pub mod pdf;
pub mod queries;
pub mod samples;
pub mod spec;
pub mod steps;

pub use pdf::render;
pub use spec::{Block, DocSpec, DocType, Signer};

use actix_web::web;

use pages::{form, list, send, show, verify};

/// The pages, and the public verification page.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/documents", web::get().to(list::index))
        .route("/documents", web::post().to(form::create))
        .route("/documents/new", web::get().to(form::new_form))
        .route("/documents/{id}", web::get().to(show::show))
        .route("/documents/{id}", web::post().to(form::update))
        .route("/documents/{id}/edit", web::get().to(form::edit_form))
        .route("/documents/{id}/pdf", web::get().to(show::pdf))
        .route("/documents/{id}/issue", web::post().to(show::issue))
        .route("/documents/{id}/signed", web::post().to(show::upload_signed))
        .route("/documents/{id}/signed.pdf", web::get().to(show::signed_pdf))
        .route("/documents/{id}/correct", web::get().to(form::correct_form))
        .route("/documents/{id}/send", web::get().to(send::send_form))
        .route("/documents/{id}/send", web::post().to(send::send_post))
        .route("/deliveries/{id}/resend", web::post().to(send::resend))
        .route("/verify", web::get().to(verify::verify_form))
        .route("/verify/{id}", web::get().to(verify::verify_page))
        .route("/verify/{id}", web::post().to(verify::verify_upload));
}

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::list)
        .service(api::create)
        .service(api::get_one)
        .service(api::update)
        .service(api::issue)
        .service(api::pdf)
        .service(api::send)
        .service(api::message);
}
