//! Accounts: create, change, language, password (ending every session), disable and enable (never
//! the agency's last administrator).

use diesel::prelude::*;

use crate::audit::{self, Actor, AuditAction, AuditEntry, model::change};
use crate::auth::roles::Role;
use crate::db::schema::{api_tokens, sessions, users};
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::i18n::Lang;
use crate::users::forms::*;
use crate::users::model::UserRow;
use crate::users::queries::*;

/// Creates a user. The password is hashed before the transaction (argon2 is slow on purpose).
pub fn create(conn: &mut DbConnection, actor: &Actor, new: NewUser) -> Result<UserRow, AppError> {
    let hash = crate::auth::password::hash(&new.password)?;
    write_tx(conn, |conn| {
        if find_by_username(conn, &new.username)?.is_some() {
            return Err(FieldErrors(vec![FieldError::new("username", Code::UsernameTaken)]).into());
        }
        if crate::agencies::queries::find(conn, &new.agency_id).is_err() {
            return Err(FieldErrors(vec![FieldError::new("agency_id", Code::UnknownAgency)]).into());
        }
        let now = crate::time::now();
        let row = UserRow {
            id: uuid::Uuid::now_v7().to_string(),
            agency_id: new.agency_id.clone(),
            username: new.username.clone(),
            full_name: new.full_name.clone(),
            official_title: new.official_title.clone(),
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

/// Active administrators (of either kind) of the agency.
fn count_active_admins(conn: &mut DbConnection, agency_id: &str) -> Result<i64, AppError> {
    Ok(users::table
        .filter(users::agency_id.eq(agency_id))
        .filter(users::role.eq_any([Role::Admin.code(), Role::InstallationAdmin.code()]))
        .filter(users::disabled.eq(false))
        .count()
        .get_result(conn)?)
}

/// Active installation administrators, every agency.
fn count_active_installation_admins(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(users::table
        .filter(users::role.eq(Role::InstallationAdmin.code()))
        .filter(users::disabled.eq(false))
        .count()
        .get_result(conn)?)
}

/// Whether removing `before` from its role (demoting or disabling it) would leave its agency
/// without an administrator or the installation without an installation administrator.
fn last_admin_left(
    conn: &mut DbConnection,
    before: &UserRow,
    new_role: Option<Role>,
) -> Result<Option<Code>, AppError> {
    if before.disabled {
        return Ok(None);
    }
    let role = before.role();
    if role == Role::InstallationAdmin
        && new_role != Some(Role::InstallationAdmin)
        && count_active_installation_admins(conn)? <= 1
    {
        return Ok(Some(Code::LastInstallationAdmin));
    }
    if role.is_admin() && !new_role.is_some_and(Role::is_admin) && count_active_admins(conn, &before.agency_id)? <= 1 {
        return Ok(Some(Code::LastAdmin));
    }
    Ok(None)
}

pub fn update(conn: &mut DbConnection, actor: &Actor, id: &str, ch: UserChanges) -> Result<UserRow, AppError> {
    write_tx(conn, |conn| {
        let before = find(conn, id)?;
        if let Some(code) = last_admin_left(conn, &before, Some(ch.role))? {
            return Err(FieldErrors(vec![FieldError::new("role", code)]).into());
        }
        let edited = UserRow {
            full_name: ch.full_name,
            official_title: ch.official_title,
            email: ch.email,
            role: ch.role.code().into(),
            locale: ch.locale.code().into(),
            updated_at: crate::time::now(),
            ..before.clone()
        };
        diesel::update(users::table.find(id)).set(&edited).execute(conn)?;
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

/// Who keeps access after a password is replaced: every session and API token of the user ends,
/// except the session the change was made in and, when the user chose so, their tokens.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keep<'a> {
    pub session: Option<&'a str>,
    pub tokens: bool,
}

/// What a password change ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    pub sessions: usize,
    pub tokens: usize,
}

/// Replaces the password; ends every session and API token except what `keep` names.
pub fn set_password(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    new_password: &str,
    action: AuditAction,
    keep: Keep,
) -> Result<Ended, AppError> {
    let hash = crate::auth::password::hash(new_password)?;
    write_tx(conn, |conn| {
        let user = find(conn, id)?;
        let now = crate::time::now();
        diesel::update(users::table.find(id))
            .set((users::password_hash.eq(&hash), users::password_changed_at.eq(now), users::updated_at.eq(now)))
            .execute(conn)?;
        let mut q = diesel::delete(sessions::table.filter(sessions::user_id.eq(id))).into_boxed();
        if let Some(keep) = keep.session {
            q = q.filter(sessions::id.ne(keep.to_string()));
        }
        let sessions = q.execute(conn)?;
        let tokens = if keep.tokens {
            0
        } else {
            diesel::update(
                api_tokens::table.filter(api_tokens::user_id.eq(id)).filter(api_tokens::revoked_at.is_null()),
            )
            .set(api_tokens::revoked_at.eq(Some(now)))
            .execute(conn)?
        };
        let mut changes = vec![change("password", "***", "*** (new)")];
        changes.push(change("sessions_ended", 0, sessions as i64));
        changes.push(change("tokens_revoked", 0, tokens as i64));
        audit::record(conn, actor, AuditEntry::state(&user, action, changes))?;
        Ok(Ended { sessions, tokens })
    })
}

/// Disables or enables a user. Disabling ends every session and revokes every API token at once.
pub fn set_disabled(conn: &mut DbConnection, actor: &Actor, id: &str, disabled: bool) -> Result<UserRow, AppError> {
    write_tx(conn, |conn| {
        let before = find(conn, id)?;
        if before.disabled == disabled {
            return Ok(before);
        }
        if disabled && let Some(code) = last_admin_left(conn, &before, None)? {
            return Err(AppError::from(code));
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
