//! The one place the application reads the clock. Times are UTC, truncated to microseconds so that
//! they round-trip exactly through both databases (the audit hash depends on it).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat, Timelike, Utc};

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

/// A stored UTC time as Vietnam's wall clock (what a document prints as "hồi … giờ …").
pub fn vn_wall(t: &NaiveDateTime) -> NaiveDateTime {
    *t + chrono::Duration::hours(7)
}

/// A Vietnam wall-clock time someone typed, as the UTC time it is stored as.
pub fn from_vn_wall(t: &NaiveDateTime) -> NaiveDateTime {
    *t - chrono::Duration::hours(7)
}

/// The first moment of `day` in Vietnam, as the UTC time stored: where a period of days begins.
pub fn vn_day_start(day: NaiveDate) -> NaiveDateTime {
    from_vn_wall(&day.and_time(chrono::NaiveTime::MIN))
}

pub fn show_date(d: &NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Vietnam's offset: UTC+7 all year (no daylight saving since 1975).
pub fn vn_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("a valid offset")
}

/// A stored UTC time as the moment it was in Vietnam, with its offset.
pub fn in_vn(t: &NaiveDateTime) -> DateTime<FixedOffset> {
    t.and_utc().with_timezone(&vn_offset())
}

/// API timestamps carry their offset: `2026-12-02T10:45:20.192831+07:00`. Used on every stored
/// time a JSON body shows (`#[serde(serialize_with = "crate::time::api")]`).
pub fn api<S: serde::Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&in_vn(t).to_rfc3339_opts(SecondsFormat::AutoSi, false))
}

/// As `api`, for a time that may be absent (`null`).
pub fn api_opt<S: serde::Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => api(t, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn api_times_carry_the_vietnam_offset_and_name_the_same_instant() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_micro_opt(20, 30, 0, 5).unwrap();
        let mut out = Vec::new();
        super::api(&t, &mut serde_json::Serializer::new(&mut out)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "\"2026-12-02T03:30:00.000005+07:00\"");
        let back = chrono::DateTime::parse_from_rfc3339(text.trim_matches('"')).unwrap();
        assert_eq!(back.naive_utc(), t);
    }
}
