//! API tokens: created (shown once, stored hashed) and revoked.

use diesel::prelude::*;

use crate::audit::{self, Actor, AuditAction, AuditEntry, model::change};
use crate::db::schema::api_tokens;
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code};
use crate::users::model::ApiTokenRow;
use crate::users::queries::*;

/// Creates an API token; returns its row and the plain token, which is shown once and never stored.
pub fn create_token(
    conn: &mut DbConnection,
    actor: &Actor,
    user_id: &str,
    name: &str,
) -> Result<(ApiTokenRow, String), AppError> {
    let plain = format!("tt_{}", crate::auth::random_token());
    let row = ApiTokenRow {
        id: uuid::Uuid::now_v7().to_string(),
        user_id: user_id.to_string(),
        name: name.to_string(),
        token_hash: crate::auth::sha256_hex(&plain),
        created_at: crate::time::now(),
        last_used_at: None,
        revoked_at: None,
    };
    write_tx(conn, |conn| {
        let user = find(conn, user_id)?;
        if user.disabled {
            return Err(AppError::from(Code::UserDisabled));
        }
        diesel::insert_into(api_tokens::table).values(&row).execute(conn)?;
        audit::record(
            conn,
            actor,
            AuditEntry::state(&user, AuditAction::TokenCreate, vec![change("token", serde_json::Value::Null, name)]),
        )?;
        Ok(())
    })?;
    Ok((row, plain))
}

pub fn revoke_token(conn: &mut DbConnection, actor: &Actor, user_id: &str, token_id: &str) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        let user = find(conn, user_id)?;
        let tok: ApiTokenRow = api_tokens::table
            .find(token_id)
            .filter(api_tokens::user_id.eq(user_id))
            .select(ApiTokenRow::as_select())
            .first(conn)?;
        if tok.revoked_at.is_some() {
            return Ok(());
        }
        diesel::update(api_tokens::table.find(token_id))
            .set(api_tokens::revoked_at.eq(Some(crate::time::now())))
            .execute(conn)?;
        audit::record(
            conn,
            actor,
            AuditEntry::state(
                &user,
                AuditAction::TokenRevoke,
                vec![change("token", tok.name.as_str(), serde_json::Value::Null)],
            ),
        )?;
        Ok(())
    })
}
