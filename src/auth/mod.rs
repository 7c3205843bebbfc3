//! Accounts, sessions, API tokens, CSRF and sign-in throttling.

pub mod pages;
pub mod password;
pub mod repo;
pub mod roles;
pub mod session;
pub mod throttle;

pub use roles::{Permission, Role};
pub use session::{ApiUser, CsrfForm, Identity, WebUser};

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 32 random bytes, URL-safe base64 without padding.
pub fn random_token() -> String {
    let mut buf = [0u8; 32];
    rand::rng().fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// Compares two secrets without an early exit.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The pages.
pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    use actix_web::web;
    cfg.route("/login", web::get().to(pages::login_form))
        .route("/login", web::post().to(pages::login))
        .route("/logout", web::post().to(pages::logout))
        .route("/lang/{code}", web::get().to(pages::anon_lang))
        .route("/account", web::get().to(pages::account))
        .route("/account/password", web::post().to(pages::change_password))
        .route("/account/lang", web::post().to(pages::set_lang))
        .route("/account/tokens", web::post().to(pages::create_token))
        .route("/account/tokens/{id}/revoke", web::post().to(pages::revoke_token));
}
