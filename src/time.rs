//! The one place the application reads the clock. Times are UTC, truncated to microseconds so that
//! they round-trip exactly through both databases (the audit hash depends on it).

use chrono::{NaiveDate, NaiveDateTime, Timelike, Utc};

pub fn now() -> NaiveDateTime {
    let n = Utc::now().naive_utc();
    n.with_nanosecond(n.nanosecond() / 1000 * 1000).unwrap_or(n)
}

/// Today in Vietnam (UTC+7), the date that legal texts and effective dates refer to.
pub fn today_vn() -> NaiveDate {
    (Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// A UTC time shown in Vietnam time, e.g. `22/11/2026 10:05`.
pub fn show_vn(t: &NaiveDateTime) -> String {
    (*t + chrono::Duration::hours(7)).format("%d/%m/%Y %H:%M").to_string()
}

pub fn show_date(d: &NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}
