//! The start page (tiles contributed by the features, the first-run checklist, mail failures) and
//! the permissions table.

pub mod checklist;
pub mod pages;
pub mod tiles;

pub use pages::configure;
