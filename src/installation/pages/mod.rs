//! One file per screen.

pub mod settings;
