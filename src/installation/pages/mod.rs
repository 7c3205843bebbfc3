//! One file per screen.

pub mod home_setup;
pub mod settings;
