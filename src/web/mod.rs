//! Cross-cutting HTTP pieces: page context and rendering, pagination, request ids, static assets.

pub mod actions;
pub mod assets;
pub mod body_deadline;
pub mod client;
pub mod download;
pub mod form;
pub mod middleware;
pub mod next;
pub mod pagination;
pub mod period;
pub mod picker;
pub mod render;
pub mod setup;
pub mod upload;

pub use pagination::Paging;

/// The body of a form that carries only its CSRF token (delete, issue, sign out…).
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoFields {}
pub use render::{PageCtx, html, html_status, redirect};

/// A record id from the path. Ids that cannot exist (wrong characters, too long) are "not found"
/// before any query runs, on pages and on the API alike.
pub struct IdPath(pub String);

impl actix_web::FromRequest for IdPath {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &actix_web::HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let id = req.match_info().iter().next().map(|(_, v)| v.to_string()).unwrap_or_default();
        std::future::ready(if crate::domain::text::is_plausible_id(&id) {
            Ok(IdPath(id))
        } else if req.path().starts_with("/api/") {
            Err(crate::error::ApiError::from(crate::error::AppError::NotFound).into())
        } else {
            Err(crate::error::AppError::NotFound.into())
        })
    }
}

impl IdPath {
    pub fn into_inner(self) -> String {
        self.0
    }
}
