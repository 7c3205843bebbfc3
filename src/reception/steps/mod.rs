//! The transactions of citizen reception, one file per step.

pub mod calendar;
pub mod conclude;
pub mod record;
pub mod reveal;
