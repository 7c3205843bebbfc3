//! The registry of supervised outlets, shared by every agency of the installation.

pub mod api;
pub mod csv_io;
pub mod forms;
pub mod handlers;
pub mod home_tile;
pub mod model;
pub mod panels;
pub mod repo;

pub use model::{OutletRow, OutletView};
