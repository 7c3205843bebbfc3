//! Official documents: the view model (`spec`), the Nghị định 30/2020 layout (`pdf`), the embedded
//! fonts, and the reference inputs used by tests and benchmarks (`samples`).

pub mod fonts;
pub mod pdf;
pub mod samples;
pub mod spec;

pub use pdf::render;
pub use spec::{Block, DocSpec, DocType, Signer};
