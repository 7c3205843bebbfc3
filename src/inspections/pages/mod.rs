//! Pages of the inspection chain, one file per screen, and what their handlers share: a small action
//! form goes back to its page with the refusal beside the item; full forms re-render with the input.

use serde::Deserialize;

use crate::calendar::engine::DeadlineStatus;
use crate::error::AppError;

pub mod catalogue;
pub mod dashboard;
pub mod dossier;
pub mod engagement;
pub mod field;
pub mod files;
pub mod followup;
pub mod home_tile;
pub mod home_work;
pub mod new;
pub mod outlet_panel;
pub mod plan;
pub mod plans;
pub mod sanction;
pub mod violation_new;
pub mod violations;

pub(super) fn ids(p: &str) -> Result<String, AppError> {
    if crate::domain::text::is_plausible_id(p) { Ok(p.to_string()) } else { Err(AppError::NotFound) }
}

pub(super) use crate::web::actions::{act, back_with, done, urlencode};

#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    pub err: String,
    #[serde(default)]
    pub m: String,
    /// The item the error belongs to (shown beside it), and what was chosen there.
    #[serde(default)]
    pub at: String,
    #[serde(default)]
    pub result: String,
}

impl Flash {
    /// The step a refusal asks to confirm ("confirm:archive" in `at`).
    pub fn confirm_step(&self) -> Option<&str> {
        self.at.strip_prefix("confirm:").filter(|s| matches!(*s, "compose_conclusion" | "archive"))
    }
}

// ---------- Dashboard ----------

pub(super) fn status_of(cal: &crate::calendar::engine::Calendar, due: chrono::NaiveDate, soon: u32) -> DeadlineStatus {
    DeadlineStatus::of(cal, due, crate::time::today_vn(), soon)
}

// ---------- New engagement ----------

// ---------- Engagement page ----------

// ---------- Field page ----------

// ---------- Violations ----------

// ---------- Recommendations, sending, publication ----------

// ---------- Plans ----------

// ---------- On the outlet's page ----------
