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

pub fn account_key(username: &str) -> String {
    format!("acct:{}", username.trim().to_lowercase())
}

pub fn address_key(addr: &str) -> String {
    format!("addr:{addr}")
}

/// When any of the keys is locked, the time the lock ends.
pub fn locked_until(conn: &mut DbConnection, keys: &[String]) -> Result<Option<NaiveDateTime>, AppError> {
    let now = crate::time::now();
    let until: Option<NaiveDateTime> = login_failures::table
        .filter(login_failures::key.eq_any(keys))
        .filter(login_failures::locked_until.gt(now))
        .select(diesel::dsl::max(login_failures::locked_until))
        .first::<Option<NaiveDateTime>>(conn)?;
    Ok(until)
}

/// Counts one failure against each key; returns the lock end if this failure locked one.
pub fn record_failure(
    conn: &mut DbConnection,
    limits: Limits,
    account: &str,
    address: &str,
) -> Result<Option<NaiveDateTime>, AppError> {
    let now = crate::time::now();
    let window_start = now - Duration::minutes(i64::from(limits.window_minutes));
    write_tx(conn, |conn| {
        let mut locked = None;
        for (key, max) in [(account.to_string(), limits.per_account), (address.to_string(), limits.per_address)] {
            let row: Option<(i32, NaiveDateTime)> = login_failures::table
                .find(&key)
                .select((login_failures::failures, login_failures::first_failure_at))
                .first(conn)
                .optional()?;
            let (failures, first) = match row {
                Some((n, first)) if first >= window_start => (n + 1, first),
                _ => (1, now),
            };
            let lock = (failures as u32 >= max).then(|| now + Duration::minutes(i64::from(limits.lock_minutes)));
            if lock.is_some() {
                locked = lock;
            }
            let (failures, first) = if lock.is_some() { (0, now) } else { (failures, first) };
            diesel::delete(login_failures::table.find(&key)).execute(conn)?;
            diesel::insert_into(login_failures::table)
                .values((
                    login_failures::key.eq(&key),
                    login_failures::failures.eq(failures),
                    login_failures::first_failure_at.eq(first),
                    login_failures::locked_until.eq(lock),
                ))
                .execute(conn)?;
        }
        Ok(locked)
    })
}

pub fn clear(conn: &mut DbConnection, key: &str) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        diesel::delete(login_failures::table.find(key)).execute(conn)?;
        Ok(())
    })
}
