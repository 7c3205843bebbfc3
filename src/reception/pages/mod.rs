//! Pages of citizen reception, one file per screen.

use serde::Deserialize;

pub mod calendar;
pub mod list;
pub mod new;
pub mod show;

/// A message after an action, or the refusal of one.
#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    pub err: String,
    #[serde(default)]
    pub m: String,
}
