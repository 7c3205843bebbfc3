//! The start page (the reader's work and tiles contributed by the features, the first-run
//! checklist, mail failures) and
//! the permissions table.

pub mod checklist;
pub mod pages;
pub mod tiles;
pub mod work;

pub use pages::configure;
