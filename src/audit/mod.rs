//! The audit trail: typed entries written in the caller's transaction, hash-chained, append-only.

pub mod api;
pub mod history;
pub mod model;
pub mod pages;
pub mod repo;

pub use model::{Actor, AuditAction, AuditEntry, Auditable, Change};
pub use repo::{VerifyOutcome, record, verify};

/// The JSON routes, under `/api/v1`.
pub fn configure_api(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(api::audit_list).service(api::audit_verify);
}

/// The pages.
pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    use actix_web::web;
    cfg.route("/admin/audit", web::get().to(pages::index))
        .route("/admin/audit/verify", web::post().to(pages::verify_page));
}
