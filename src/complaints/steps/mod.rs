//! The writes of the complaints desk, one file per step.

pub mod advance;
pub mod files;
pub mod intake;
pub mod letters;
pub mod members;
pub mod merge;
pub mod reveal;
