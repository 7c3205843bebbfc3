//! The transactions of the inspection chain, one file per workflow step. Each takes validated input,
//! checks what the engagement's state allows (`state`), writes the domain rows, documents, deadlines
//! and audit entries (and outgoing mail) in one `write_tx`.

pub mod advance;
pub mod checklist;
pub mod findings;
pub mod open;
pub mod payment;
pub mod plan;
pub mod publication;
pub mod recommendations;
pub mod sending;
pub mod violations;
