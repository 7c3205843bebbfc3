//! Sign-in throttling per account and per client address, kept in the database so that every
//! instance sees the same counts. After `max` failures within the window the key is locked for
//! `lock` minutes; a success clears the account's count.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::login_failures;
use crate::db::{DbConnection, write_tx};
use crate::error::AppError;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub per_account: u32,
    pub per_address: u32,
    pub window_minutes: u32,
    pub lock_minutes: u32,
}

impl Limits {
    /// The sign-in limits of the settings (the public status page counts wrong answers by them too).
    pub fn of(s: &crate::config::Settings) -> Limits {
        Limits {
            per_account: s.login_max_failures_per_account,
            per_address: s.login_max_failures_per_address,
            window_minutes: s.login_window_minutes,
            lock_minutes: s.login_lock_minutes,
        }
    }
}

pub fn account_key(username: &str) -> String {
    format!("acct:{}", username.trim().to_lowercase())
}

pub fn address_key(addr: &str) -> String {
    format!("addr:{addr}")
}

/// What a sign-in attempt may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// The password may be checked; the attempt is already counted.
    Allowed,
    /// A key is locked until then: refuse without checking the password.
    Locked(NaiveDateTime),
}

/// Counts an attempt against each key before its password is checked, and says whether it may go
/// on. Counting first, in one write transaction per attempt (the update takes the row's lock on
/// PostgreSQL; SQLite writers are serialised), is what stops parallel guesses: of any number sent
/// at once, at most `max` are checked. A lock is only ever lifted by running out.
pub fn begin(conn: &mut DbConnection, limits: Limits, account: &str, address: &str) -> Result<Attempt, AppError> {
    let now = crate::time::now();
    let window_start = now - Duration::minutes(i64::from(limits.window_minutes));
    write_tx(conn, |conn| {
        let mut locked: Option<NaiveDateTime> = None;
        for (key, max) in [(account, limits.per_account), (address, limits.per_address)] {
            ensure_row(conn, key, now)?;
            diesel::update(login_failures::table.find(key))
                .set(login_failures::failures.eq(login_failures::failures + 1))
                .execute(conn)?;
            let (n, first, until): (i32, NaiveDateTime, Option<NaiveDateTime>) = login_failures::table
                .find(key)
                .select((login_failures::failures, login_failures::first_failure_at, login_failures::locked_until))
                .first(conn)?;
            if let Some(u) = until.filter(|u| *u > now) {
                locked = locked.max(Some(u));
                continue;
            }
            // A window that ran out, or a lock that did, starts the count again with this attempt.
            let (n, first) = if first < window_start || until.is_some() { (1, now) } else { (n, first) };
            let lock = (n as u32 > max).then(|| now + Duration::minutes(i64::from(limits.lock_minutes)));
            diesel::update(login_failures::table.find(key))
                .set((
                    login_failures::failures.eq(if lock.is_some() { 0 } else { n }),
                    login_failures::first_failure_at.eq(first),
                    login_failures::locked_until.eq(lock),
                ))
                .execute(conn)?;
            if lock.is_some() {
                locked = locked.max(lock);
            }
        }
        Ok(match locked {
            Some(u) => Attempt::Locked(u),
            None => Attempt::Allowed,
        })
    })
}

/// The key's row, created empty when it is not there (a no-op when another attempt made it first).
fn ensure_row(conn: &mut DbConnection, key: &str, now: NaiveDateTime) -> Result<(), AppError> {
    let row = (
        login_failures::key.eq(key),
        login_failures::failures.eq(0),
        login_failures::first_failure_at.eq(now),
        login_failures::locked_until.eq(None::<NaiveDateTime>),
    );
    let insert = diesel::insert_into(login_failures::table).values(row).on_conflict_do_nothing();
    match conn {
        DbConnection::Pg(c) => insert.execute(c)?,
        DbConnection::Sqlite(c) => insert.execute(c)?,
    };
    Ok(())
}

/// After a wrong password: the attempt is counted already; a key that has reached its limit is
/// locked now. Returns the lock end if one was set.
pub fn failed(
    conn: &mut DbConnection,
    limits: Limits,
    account: &str,
    address: &str,
) -> Result<Option<NaiveDateTime>, AppError> {
    let now = crate::time::now();
    let until = now + Duration::minutes(i64::from(limits.lock_minutes));
    write_tx(conn, |conn| {
        let mut locked = None;
        for (key, max) in [(account, limits.per_account), (address, limits.per_address)] {
            let n = diesel::update(login_failures::table.find(key))
                .filter(login_failures::failures.ge(max as i32))
                .filter(login_failures::locked_until.is_null().or(login_failures::locked_until.le(now)))
                .set((login_failures::failures.eq(0), login_failures::locked_until.eq(Some(until))))
                .execute(conn)?;
            if n > 0 {
                locked = Some(until);
            }
        }
        Ok(locked)
    })
}

/// After a right password: the account's count is cleared and the address's attempt given back.
pub fn succeeded(conn: &mut DbConnection, account: &str, address: &str) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        diesel::delete(login_failures::table.find(account)).execute(conn)?;
        diesel::update(login_failures::table.find(address))
            .filter(login_failures::failures.gt(0))
            .set(login_failures::failures.eq(login_failures::failures - 1))
            .execute(conn)?;
        Ok(())
    })
}
