//! Cross-cutting HTTP pieces: page context and rendering, pagination, request ids, static assets.

pub mod assets;
pub mod form;
pub mod middleware;
pub mod pagination;
pub mod render;

pub use pagination::Paging;
pub use render::{PageCtx, html, html_status, redirect};
