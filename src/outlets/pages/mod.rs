//! The registry's pages, one file per screen.

pub mod form;
pub mod import;
pub mod list;
pub mod pick;
pub mod show;
