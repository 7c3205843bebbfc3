//! Agency pages, one file per screen.

pub mod form;
pub mod home_setup;
pub mod list;
pub mod show;
pub mod signers;
