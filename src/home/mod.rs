//! The start page (tiles contributed by the features, mail failures) and the permissions table.

pub mod pages;
pub mod tiles;

pub use pages::configure;
