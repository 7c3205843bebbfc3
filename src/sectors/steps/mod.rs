//! Writes to the sectors.

pub mod register;
