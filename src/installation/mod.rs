//! Installation settings an administrator sets in the application rather than in the
//! configuration file: today the public address documents and mail link to.
//!
//! The feature template (ARCHITECTURE.md): this file is the route table; `queries` the reads (the
//! public address every freezing or mailing step asks for), `steps` the writes, `pages/` one file
//! per screen.

pub mod pages;
pub mod queries;
pub mod steps;

use actix_web::web;

/// The settings page (administrators).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/settings", web::get().to(pages::settings::show))
        .route("/admin/settings", web::post().to(pages::settings::save));
}
