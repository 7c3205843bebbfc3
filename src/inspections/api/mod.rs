//! `/api/v1/plans`, `/api/v1/engagements`, `/api/v1/violations`: every step of the inspection chain.

use crate::auth::{Identity, Permission};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, AppError};
use crate::state::AppState;

pub mod catalogue;
pub mod engagements;
pub mod field;
pub mod followup;
pub mod plans;

/// Runs `f` with the caller's actor and agency after checking the permissions.
pub(super) async fn run<T, F>(state: &AppState, u: &Identity, perms: &[Permission], f: F) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, &crate::audit::Actor, &str) -> Result<T, AppError> + Send + 'static,
{
    for p in perms {
        u.require(*p)?;
    }
    let actor = u.actor();
    let agency = u.agency_id().to_string();
    state.db.run(move |conn| f(conn, &actor, &agency)).await.map_err(ApiError::from)
}
