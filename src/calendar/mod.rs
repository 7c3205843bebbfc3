//! The legal calendar (statutory holidays from effective-dated rules, the Government's yearly
//! overrides, compensatory days) and the deadline engine every workflow uses.

pub mod api;
pub mod engine;
pub mod handlers;
pub mod home_tile;
pub mod lunar;
pub mod repo;
pub mod rules;
pub mod seed;

pub use engine::{Adjustment, Calendar, DeadlineStatus, Explanation, Unit};
