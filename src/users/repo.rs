//! Users: queries and the transactional changes (each with its audit entry).

use diesel::prelude::*;

use super::model::{ApiTokenRow, UserRow};
use crate::audit::{self, Actor, AuditAction, AuditEntry, model::change};
use crate::auth::roles::Role;
use crate::db::schema::{api_tokens, sessions, users};
use crate::db::{DbConnection, write_tx};
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::i18n::Lang;

/// A new user, already validated.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub agency_id: String,
    pub username: String,
    pub full_name: String,
    pub email: String,
    pub role: Role,
    pub password: String,
    pub locale: Lang,
}

/// Raw input from a form, the API or the command line.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct UserInput {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub locale: String,
}

pub fn valid_username(s: &str) -> bool {
    (3..=32).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_'))
}

pub fn check_password(field: &str, pw: &str, min: usize, errors: &mut FieldErrors) {
    if pw.chars().count() < min {
        errors.push(FieldError::with_arg(field, Code::PasswordTooShort, min));
    } else if pw.len() > 1024 {
        errors.push(FieldError::with_arg(field, Code::TooLong, 1024));
    }
}

impl UserInput {
    pub fn validate(&self, agency_id: &str, password_min: usize) -> Result<NewUser, FieldErrors> {
        let mut e = FieldErrors::new();
        let username = self.username.trim().to_lowercase();
        if username.is_empty() {
            e.add("username", Code::Required);
        } else if !valid_username(&username) {
            e.add("username", Code::UsernameFormat);
        }
        let full_name = text::clean(&self.full_name);
        if text::char_len(&full_name) > 120 {
            e.push(FieldError::with_arg("full_name", Code::TooLong, 120));
        }
        let email = self.email.trim();
        let email = if email.is_empty() {
            String::new()
        } else {
            match crate::domain::Email::parse(email) {
                Some(m) => m.as_str().to_string(),
                None => {
                    e.push(FieldError::with_arg("email", Code::EmailInvalid, email));
                    String::new()
                }
            }
        };
        let role = match Role::parse(&self.role) {
            Some(r) => Some(r),
            None => {
                e.add("role", if self.role.trim().is_empty() { Code::Required } else { Code::InvalidChoice });
                None
            }
        };
        check_password("password", &self.password, password_min, &mut e);
        let locale = if self.locale.trim().is_empty() {
            Lang::Vi
        } else {
            match Lang::parse(self.locale.trim()) {
                Some(l) => l,
                None => {
                    e.add("locale", Code::InvalidChoice);
                    Lang::Vi
                }
            }
        };
        e.into_result()?;
        Ok(NewUser {
            agency_id: agency_id.to_string(),
            username,
            full_name,
            email,
            role: role.unwrap_or(Role::Viewer),
            password: self.password.clone(),
            locale,
        })
    }
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<UserRow, AppError> {
    Ok(users::table.find(id).select(UserRow::as_select()).first(conn)?)
}

/// A user of `agency_id` only: another agency's user is "not found".
pub fn find_in_agency(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<UserRow, AppError> {
    Ok(users::table.find(id).filter(users::agency_id.eq(agency_id)).select(UserRow::as_select()).first(conn)?)
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

/// Creates a user. The password is hashed before the transaction (argon2 is slow on purpose).
pub fn create(conn: &mut DbConnection, actor: &Actor, new: NewUser) -> Result<UserRow, AppError> {
    let hash = crate::auth::password::hash(&new.password)?;
    write_tx(conn, |conn| {
        if find_by_username(conn, &new.username)?.is_some() {
            return Err(FieldErrors(vec![FieldError::new("username", Code::UsernameTaken)]).into());
        }
        let now = crate::time::now();
        let row = UserRow {
            id: uuid::Uuid::now_v7().to_string(),
            agency_id: new.agency_id.clone(),
            username: new.username.clone(),
            full_name: new.full_name.clone(),
            email: new.email.clone(),
            role: new.role.code().to_string(),
            password_hash: hash,
            disabled: false,
            locale: new.locale.code().to_string(),
            created_at: now,
            updated_at: now,
            password_changed_at: now,
        };
        diesel::insert_into(users::table).values(&row).execute(conn)?;
        let actor = Actor { agency_id: actor.agency_id.clone().or(Some(row.agency_id.clone())), ..actor.clone() };
        audit::record(conn, &actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

fn count_active_admins(conn: &mut DbConnection, agency_id: &str) -> Result<i64, AppError> {
    Ok(users::table
        .filter(users::agency_id.eq(agency_id))
        .filter(users::role.eq(Role::Admin.code()))
        .filter(users::disabled.eq(false))
        .count()
        .get_result(conn)?)
}

/// Editable profile fields (by an admin of the same agency).
#[derive(Debug, Clone)]
pub struct UserChanges {
    pub full_name: String,
    pub email: String,
    pub role: Role,
    pub locale: Lang,
}

pub fn update(conn: &mut DbConnection, actor: &Actor, id: &str, ch: UserChanges) -> Result<UserRow, AppError> {
    write_tx(conn, |conn| {
        let before = find(conn, id)?;
        if before.role() == Role::Admin
            && ch.role != Role::Admin
            && !before.disabled
            && count_active_admins(conn, &before.agency_id)? <= 1
        {
            return Err(FieldErrors(vec![FieldError::new("role", Code::LastAdmin)]).into());
        }
        let now = crate::time::now();
        diesel::update(users::table.find(id))
            .set((
                users::full_name.eq(&ch.full_name),
                users::email.eq(&ch.email),
                users::role.eq(ch.role.code()),
                users::locale.eq(ch.locale.code()),
                users::updated_at.eq(now),
            ))
            .execute(conn)?;
        let after = find(conn, id)?;
        if let Some(entry) = AuditEntry::updated(&before, &after) {
            audit::record(conn, actor, entry)?;
        }
        Ok(after)
    })
}

/// Sets a user's language (from the header switch or account page).
pub fn set_locale(conn: &mut DbConnection, actor: &Actor, id: &str, lang: Lang) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        let before = find(conn, id)?;
        if before.locale == lang.code() {
            return Ok(());
        }
        diesel::update(users::table.find(id))
            .set((users::locale.eq(lang.code()), users::updated_at.eq(crate::time::now())))
            .execute(conn)?;
        let after = find(conn, id)?;
        if let Some(entry) = AuditEntry::updated(&before, &after) {
            audit::record(conn, actor, entry)?;
        }
        Ok(())
    })
}

/// Replaces the password. Every session except `keep_session` ends.
pub fn set_password(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    new_password: &str,
    action: AuditAction,
    keep_session: Option<&str>,
) -> Result<(), AppError> {
    let hash = crate::auth::password::hash(new_password)?;
    write_tx(conn, |conn| {
        let user = find(conn, id)?;
        let now = crate::time::now();
        diesel::update(users::table.find(id))
            .set((users::password_hash.eq(&hash), users::password_changed_at.eq(now), users::updated_at.eq(now)))
            .execute(conn)?;
        let mut q = diesel::delete(sessions::table.filter(sessions::user_id.eq(id))).into_boxed();
        if let Some(keep) = keep_session {
            q = q.filter(sessions::id.ne(keep.to_string()));
        }
        q.execute(conn)?;
        audit::record(conn, actor, AuditEntry::state(&user, action, vec![change("password", "***", "*** (new)")]))?;
        Ok(())
    })
}

/// Disables or enables a user. Disabling ends every session and revokes every API token at once.
pub fn set_disabled(conn: &mut DbConnection, actor: &Actor, id: &str, disabled: bool) -> Result<UserRow, AppError> {
    write_tx(conn, |conn| {
        let before = find(conn, id)?;
        if before.disabled == disabled {
            return Ok(before);
        }
        if disabled && before.role() == Role::Admin && count_active_admins(conn, &before.agency_id)? <= 1 {
            return Err(AppError::from(Code::LastAdmin));
        }
        let now = crate::time::now();
        diesel::update(users::table.find(id))
            .set((users::disabled.eq(disabled), users::updated_at.eq(now)))
            .execute(conn)?;
        let mut ended = 0usize;
        let mut revoked = 0usize;
        if disabled {
            ended = diesel::delete(sessions::table.filter(sessions::user_id.eq(id))).execute(conn)?;
            revoked = diesel::update(
                api_tokens::table.filter(api_tokens::user_id.eq(id)).filter(api_tokens::revoked_at.is_null()),
            )
            .set(api_tokens::revoked_at.eq(Some(now)))
            .execute(conn)?;
        }
        let after = find(conn, id)?;
        let mut entry =
            AuditEntry::transition(&before, &after, if disabled { AuditAction::Disable } else { AuditAction::Enable });
        if disabled {
            entry.changes.push(change("sessions_ended", 0, ended as i64));
            entry.changes.push(change("tokens_revoked", 0, revoked as i64));
        }
        audit::record(conn, actor, entry)?;
        Ok(after)
    })
}

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

pub fn list_tokens(conn: &mut DbConnection, user_id: &str) -> Result<Vec<ApiTokenRow>, AppError> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order(api_tokens::created_at.desc())
        .select(ApiTokenRow::as_select())
        .load(conn)?)
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
