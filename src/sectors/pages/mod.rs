//! Sector pages, one file per screen.

pub mod form;
pub mod list;
