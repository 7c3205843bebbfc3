//! What small action forms share: run one step with the user's actor and agency, then go back to
//! the page, with the refusal in the reader's language beside the item when it was refused.

use actix_web::HttpResponse;

use crate::auth::{Identity, Permission};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::redirect;

/// A failed action goes back to the page it came from with the refusal in an alert, in the user's
/// language; anything else (a fault, a missing record) is answered as an error.
pub fn back_with(to: &str, e: AppError, lang: crate::i18n::Lang) -> Result<HttpResponse, AppError> {
    let msg = match &e {
        AppError::Validation(_) | AppError::Conflict(_) => e.message(lang),
        _ => return Err(e),
    };
    let sep = if to.contains('?') { '&' } else { '?' };
    let (path, anchor) = to.split_once('#').unwrap_or((to, ""));
    let frag = if anchor.is_empty() { String::new() } else { format!("#{anchor}") };
    Ok(redirect(&format!("{path}{sep}err={}{frag}", urlencode(&msg))))
}

pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).unwrap_or_default().trim_start_matches("x=").to_string()
}

/// One action of a page form: checks the permissions, runs `f` (a repo call owning its transaction)
/// with the user's actor and agency, then redirects to `to`, or back to it with the refusal.
pub async fn act<T, F>(
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

pub fn done(to: &str, r: Result<(), AppError>, lang: crate::i18n::Lang) -> Result<HttpResponse, AppError> {
    match r {
        Ok(()) => Ok(redirect(to)),
        Err(e) => back_with(to, e, lang),
    }
}

/// Runs `f` with the caller's actor and agency after checking the permissions.
pub async fn run_api<T, F>(state: &AppState, u: &Identity, perms: &[Permission], f: F) -> crate::error::ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut crate::db::DbConnection, &crate::audit::Actor, &str) -> Result<T, AppError> + Send + 'static,
{
    for p in perms {
        u.require(*p)?;
    }
    let actor = u.actor();
    let agency = u.agency_id().to_string();
    state.db.run(move |conn| f(conn, &actor, &agency)).await.map_err(crate::error::ApiError::from)
}
