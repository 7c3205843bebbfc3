//! Writes to the agencies.

pub mod register;
pub mod signers;
