//! Pure rules of the permit desk: how a decision stands against its legal deadline, how long a
//! permit is valid, when its holder must apply again and when they are reminded.

use chrono::{Days, Months, NaiveDate};

use super::model::Timeliness;

/// A decision on `decided` against the legal due day: before it, on it, or late.
pub fn timeliness(decided: NaiveDate, legal_due: NaiveDate) -> Timeliness {
    match decided.cmp(&legal_due) {
        std::cmp::Ordering::Less => Timeliness::Early,
        std::cmp::Ordering::Equal => Timeliness::OnTime,
        std::cmp::Ordering::Greater => Timeliness::Late,
    }
}

/// The last day of a permit issued on `issued` for `months` (0: it does not expire): the day
/// before the same date `months` later ("03 năm kể từ ngày cấp"). `asked` may end it earlier, never
/// later nor on or before the day of issue; a permit that does not expire takes no end. The error
/// carries the latest day allowed.
pub fn valid_until(
    issued: NaiveDate,
    months: i32,
    asked: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, Option<NaiveDate>> {
    let full = (months > 0)
        .then(|| issued.checked_add_months(Months::new(months as u32)).and_then(|d| d.checked_sub_days(Days::new(1))))
        .flatten();
    match (asked, full) {
        (None, full) => Ok(full),
        (Some(_), None) => Err(None),
        (Some(a), Some(max)) if a <= issued || a > max => Err(Some(max)),
        (Some(a), Some(_)) => Ok(Some(a)),
    }
}

/// The last day an existing holder may apply to renew (`days` before expiry; 0: no such rule).
pub fn apply_by(valid_until: NaiveDate, days: i32) -> Option<NaiveDate> {
    (days > 0).then(|| valid_until.checked_sub_days(Days::new(days as u64))).flatten()
}

/// Whether a valid permit's holder is due a reminder on `today`: within `lead` days of expiry and
/// not reminded since that window opened.
pub fn due_reminder(
    today: NaiveDate,
    valid_until: Option<NaiveDate>,
    lead: i32,
    reminded_on: Option<NaiveDate>,
) -> bool {
    let Some(until) = valid_until else { return false };
    if lead <= 0 || today > until {
        return false;
    }
    let opens = until.checked_sub_days(Days::new(lead as u64)).unwrap_or(until);
    today >= opens && reminded_on.is_none_or(|r| r < opens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn decisions_are_early_on_time_or_late_against_the_legal_day() {
        assert_eq!(timeliness(d(2027, 2, 1), d(2027, 2, 2)), Timeliness::Early);
        assert_eq!(timeliness(d(2027, 2, 2), d(2027, 2, 2)), Timeliness::OnTime);
        assert_eq!(timeliness(d(2027, 2, 3), d(2027, 2, 2)), Timeliness::Late);
    }

    #[test]
    fn three_years_end_the_day_before_the_anniversary() {
        assert_eq!(valid_until(d(2026, 12, 10), 36, None), Ok(Some(d(2029, 12, 9))));
        assert_eq!(valid_until(d(2028, 2, 29), 12, None), Ok(Some(d(2029, 2, 27))));
        assert_eq!(valid_until(d(2026, 12, 10), 0, None), Ok(None));
        assert_eq!(valid_until(d(2026, 12, 10), 36, Some(d(2027, 6, 30))), Ok(Some(d(2027, 6, 30))));
        assert_eq!(valid_until(d(2026, 12, 10), 36, Some(d(2030, 1, 1))), Err(Some(d(2029, 12, 9))));
        assert_eq!(valid_until(d(2026, 12, 10), 36, Some(d(2026, 12, 10))), Err(Some(d(2029, 12, 9))));
        assert_eq!(valid_until(d(2026, 12, 10), 0, Some(d(2027, 1, 1))), Err(None));
    }

    #[test]
    fn holders_are_reminded_once_when_the_window_opens() {
        let until = Some(d(2027, 3, 31));
        assert!(!due_reminder(d(2027, 1, 29), until, 60, None), "61 days before");
        assert!(due_reminder(d(2027, 1, 30), until, 60, None));
        assert!(!due_reminder(d(2027, 2, 10), until, 60, Some(d(2027, 1, 30))), "already reminded");
        assert!(due_reminder(d(2027, 2, 10), until, 60, Some(d(2026, 1, 31))), "reminded of an earlier term");
        assert!(!due_reminder(d(2027, 4, 1), until, 60, None), "expired");
        assert!(!due_reminder(d(2027, 3, 1), None, 60, None), "no expiry");
        assert_eq!(apply_by(d(2029, 12, 9), 20), Some(d(2029, 11, 19)));
    }
}
