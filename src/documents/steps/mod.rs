//! The writes of the document workflow, one file per step.

pub mod draft;
pub mod issue;
pub mod send;
pub mod signed_copy;
