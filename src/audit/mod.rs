//! The audit trail: typed entries written in the caller's transaction, hash-chained, append-only.

pub mod handlers;
pub mod history;
pub mod model;
pub mod repo;

pub use model::{Actor, AuditAction, AuditEntry, Auditable, Change};
pub use repo::{VerifyOutcome, record, verify};
