//! The writes of the document workflow, one file per step.

pub mod draft;
pub mod issue;
pub mod public_copy;
pub mod send;
pub mod signed_copy;
