//! Issuing agencies as effective-dated configuration: names, governing body, symbol abbreviation,
//! units, signers and sectors, each with validity dates and a successor link.

pub mod handlers;
pub mod model;
pub mod repo;

pub use model::{AgencyFull, AgencyRow};
