//! Document pages, one file per screen, and the section and tile documents contribute to the outlet
//! page and the start page.

pub mod form;
pub mod home_tile;
pub mod list;
pub mod outlet_panel;
pub mod send;
pub mod show;
pub mod verify;
