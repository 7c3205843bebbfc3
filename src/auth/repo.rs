//! Sessions and token look-ups.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{agencies, api_tokens, sessions, users};
use crate::db::{DbConnection, write_tx};
use crate::error::AppError;
use crate::users::model::UserRow;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: String,
    pub user_id: String,
    pub csrf_token: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
}

/// Starts a session; returns (cookie token, csrf token). Only the token's hash is stored.
pub fn create_session(conn: &mut DbConnection, user_id: &str, hours: u32) -> Result<(String, String), AppError> {
    let token = super::random_token();
    let csrf = super::random_token();
    let now = crate::time::now();
    let row = SessionRow {
        id: super::sha256_hex(&token),
        user_id: user_id.to_string(),
        csrf_token: csrf.clone(),
        created_at: now,
        expires_at: now + Duration::hours(i64::from(hours)),
        last_seen_at: now,
    };
    write_tx(conn, |conn| {
        diesel::delete(sessions::table.filter(sessions::expires_at.lt(now))).execute(conn)?;
        diesel::insert_into(sessions::table).values(&row).execute(conn)?;
        Ok::<_, AppError>(())
    })?;
    Ok((token, csrf))
}

pub fn delete_session(conn: &mut DbConnection, session_id: &str) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        diesel::delete(sessions::table.find(session_id)).execute(conn)?;
        Ok(())
    })
}

/// The live session with this cookie token, with its enabled user and the agency's name.
pub fn session_user(conn: &mut DbConnection, token: &str) -> Result<Option<(SessionRow, UserRow, String)>, AppError> {
    let now = crate::time::now();
    Ok(sessions::table
        .inner_join(users::table.inner_join(agencies::table))
        .filter(sessions::id.eq(super::sha256_hex(token)))
        .filter(sessions::expires_at.gt(now))
        .filter(users::disabled.eq(false))
        .select((SessionRow::as_select(), UserRow::as_select(), agencies::name))
        .first(conn)
        .optional()?)
}

/// The enabled user of an unrevoked API token.
pub fn token_user(conn: &mut DbConnection, token: &str) -> Result<Option<(String, UserRow, String)>, AppError> {
    Ok(api_tokens::table
        .inner_join(users::table.inner_join(agencies::table))
        .filter(api_tokens::token_hash.eq(super::sha256_hex(token)))
        .filter(api_tokens::revoked_at.is_null())
        .filter(users::disabled.eq(false))
        .select((api_tokens::id, UserRow::as_select(), agencies::name))
        .first(conn)
        .optional()?)
}
