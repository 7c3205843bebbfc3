//! User accounts of each agency, managed by that agency's administrators.

pub mod api;
pub mod handlers;
pub mod model;
pub mod repo;
