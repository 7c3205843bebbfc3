//! Official documents: the view model (`spec`), the Nghị định 30/2020 layout (`pdf`), the embedded
//! fonts, and the reference inputs used by tests and benchmarks (`samples`).

pub mod api;
pub mod defaults;
pub mod fonts;
pub mod handlers;
pub mod home_tile;
pub mod outlet_panel;
pub mod pdf;
pub mod repo;
pub mod samples;
pub mod send;
pub mod spec;

pub use pdf::render;
pub use spec::{Block, DocSpec, DocType, Signer};
