//! The writes of the calendar, one file per step.

pub mod deadlines;
pub mod holidays;
pub mod rules;
