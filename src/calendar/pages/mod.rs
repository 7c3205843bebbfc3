//! Calendar and deadline pages, one file per screen, and the tile on the start page.

pub mod calculator;
pub mod deadlines;
pub mod home_tile;
pub mod rules;
pub mod year;
