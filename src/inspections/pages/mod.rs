//! Pages of the inspection chain, one file per screen, and what their handlers share: a small action
//! form goes back to its page with the refusal beside the item; full forms re-render with the input.

use actix_web::HttpResponse;
use serde::Deserialize;

use crate::auth::{Identity, Permission};
use crate::calendar::engine::DeadlineStatus;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::redirect;

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

/// A failed action goes back to the page it came from with the refusal in an alert, in the user's
/// language; anything else (a fault, a missing record) is answered as an error.
pub(super) fn back_with(to: &str, e: AppError, lang: crate::i18n::Lang) -> Result<HttpResponse, AppError> {
    let msg = match &e {
        AppError::Validation(_) | AppError::Conflict(_) => e.message(lang),
        _ => return Err(e),
    };
    let sep = if to.contains('?') { '&' } else { '?' };
    let (path, anchor) = to.split_once('#').unwrap_or((to, ""));
    let frag = if anchor.is_empty() { String::new() } else { format!("#{anchor}") };
    Ok(redirect(&format!("{path}{sep}err={}{frag}", urlencode(&msg))))
}

pub(super) fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).unwrap_or_default().trim_start_matches("x=").to_string()
}

/// One action of a page form: checks the permissions, runs `f` (a repo call owning its transaction)
/// with the user's actor and agency, then redirects to `to`, or back to it with the refusal.
pub(super) async fn act<T, F>(
    state: &AppState,
    user: &Identity,
    perms: &[Permission],
    to: &str,
    f: F,
) -> Result<HttpResponse, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut crate::db::DbConnection, &crate::audit::Actor, &str) -> Result<T, AppError> + Send + 'static,
{
    for p in perms {
        user.require(*p)?;
    }
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let r = state.db.run(move |conn| f(conn, &actor, &agency).map(|_| ())).await;
    done(to, r, user.lang)
}

pub(super) fn done(to: &str, r: Result<(), AppError>, lang: crate::i18n::Lang) -> Result<HttpResponse, AppError> {
    match r {
        Ok(()) => Ok(redirect(to)),
        Err(e) => back_with(to, e, lang),
    }
}

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
