//! Writes to the agencies.

pub mod register;
