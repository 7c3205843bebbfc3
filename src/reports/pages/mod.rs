//! The reports' pages, one file per screen.

pub mod dashboard;
pub mod export;
