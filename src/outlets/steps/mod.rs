//! Writes to the registry, one file per step: register (create, update, delete) and CSV import.

pub mod import;
pub mod register;
