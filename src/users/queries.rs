//! Users: queries and the transactional changes (each with its audit entry).

use diesel::prelude::*;

use super::model::{ApiTokenRow, UserRow};
use crate::auth::Identity;
use crate::db::DbConnection;
use crate::db::schema::{api_tokens, users};
use crate::error::AppError;

pub fn find(conn: &mut DbConnection, id: &str) -> Result<UserRow, AppError> {
    Ok(users::table.find(id).select(UserRow::as_select()).first(conn)?)
}

/// A user of `agency_id` only: another agency's user is "not found".
pub fn find_in_agency(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<UserRow, AppError> {
    Ok(users::table.find(id).filter(users::agency_id.eq(agency_id)).select(UserRow::as_select()).first(conn)?)
}

/// A user the caller may see: one of their agency, or of any agency for an installation
/// administrator; any other is "not found".
pub fn find_visible(conn: &mut DbConnection, id: &str, who: &Identity) -> Result<UserRow, AppError> {
    match who.managed_agency() {
        Some(agency) => find_in_agency(conn, id, agency),
        None => find(conn, id),
    }
}

/// A user the caller may change, disable or give a password: visible to them, and not an
/// installation administrator unless the caller is one (refused).
pub fn find_managed(conn: &mut DbConnection, id: &str, who: &Identity) -> Result<UserRow, AppError> {
    let row = find_visible(conn, id, who)?;
    if who.role.may_grant(row.role()) { Ok(row) } else { Err(AppError::Forbidden) }
}

pub fn find_by_username(conn: &mut DbConnection, username: &str) -> Result<Option<UserRow>, AppError> {
    Ok(users::table
        .filter(users::username.eq(crate::domain::text::param(username).to_lowercase()))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn list(conn: &mut DbConnection, agency_id: Option<&str>) -> Result<Vec<UserRow>, AppError> {
    let mut q = users::table.into_boxed();
    if let Some(a) = agency_id {
        q = q.filter(users::agency_id.eq(a.to_string()));
    }
    Ok(q.order(users::username.asc()).select(UserRow::as_select()).load(conn)?)
}

pub fn list_tokens(conn: &mut DbConnection, user_id: &str) -> Result<Vec<ApiTokenRow>, AppError> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order(api_tokens::created_at.desc())
        .select(ApiTokenRow::as_select())
        .load(conn)?)
}
