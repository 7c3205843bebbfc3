//! Agency pages, one file per screen.

pub mod form;
pub mod list;
pub mod show;
pub mod signers;
