//! The days the head of the agency receives citizens (Luật Tiếp công dân 2013, Art. 18; e.g. the
//! 15th of each month, moved to the next working day when it falls on a day off), from the
//! schedule in force on each day and the working-day calendar of the deadline engine. Pure.

use chrono::{Datelike, Duration, NaiveDate};

use super::choices::Pattern;
use crate::calendar::engine::Calendar;

/// One version of the schedule, in force from `valid_from` until the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub valid_from: NaiveDate,
    pub pattern: Pattern,
    /// 1–31 (the last day of a shorter month is taken).
    pub day_of_month: u32,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
}

/// A reception day: the day itself, and the day the schedule named when it was moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceptionDay {
    pub day: NaiveDate,
    pub moved_from: Option<NaiveDate>,
}

/// The first working day on or after `d` (within a month; Tết is the longest break).
pub fn on_or_after_working(cal: &Calendar, d: NaiveDate) -> NaiveDate {
    let mut x = d;
    for _ in 0..31 {
        if cal.is_working(x) {
            return x;
        }
        x += Duration::days(1);
    }
    d
}

fn last_day(y: i32, m: u32) -> u32 {
    let next = if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1) } else { NaiveDate::from_ymd_opt(y, m + 1, 1) };
    next.map(|n| (n - Duration::days(1)).day()).unwrap_or(28)
}

/// The rule in force on `d`: the latest that starts on or before it.
fn in_force(rules: &[Rule], d: NaiveDate) -> Option<&Rule> {
    rules.iter().filter(|r| r.valid_from <= d).max_by_key(|r| r.valid_from)
}

/// The reception days whose scheduled day falls in `year`, in order.
pub fn days_of_year(rules: &[Rule], year: i32, cal: &Calendar) -> Vec<ReceptionDay> {
    let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Vec::new();
    };
    let mut out: Vec<ReceptionDay> = Vec::new();
    let mut d = first;
    while d <= last {
        if let Some(r) = in_force(rules, d) {
            let named = match r.pattern {
                Pattern::Monthly => d.day() == r.day_of_month.clamp(1, last_day(d.year(), d.month())),
                Pattern::Weekly => d.weekday().number_from_monday() == r.weekday,
            };
            if named {
                let day = on_or_after_working(cal, d);
                if out.last().map(|l| l.day) != Some(day) {
                    out.push(ReceptionDay { day, moved_from: (day != d).then_some(d) });
                }
            }
        }
        d += Duration::days(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cal() -> Calendar {
        crate::calendar::seed::builtin_calendar()
    }

    fn monthly(from: NaiveDate, dom: u32) -> Rule {
        Rule { valid_from: from, pattern: Pattern::Monthly, day_of_month: dom, weekday: 1 }
    }

    #[test]
    fn the_15th_of_each_month_moves_to_the_next_working_day() {
        let days = days_of_year(&[monthly(day(2020, 1, 1), 15)], 2027, &cal());
        assert_eq!(days.len(), 12);
        // 15/8/2027 is a Sunday: Monday the 16th.
        let aug = days.iter().find(|d| d.day.month() == 8).unwrap();
        assert_eq!(aug.day, day(2027, 8, 16));
        assert_eq!(aug.moved_from, Some(day(2027, 8, 15)));
        // 15/12/2027 is a Wednesday: not moved.
        assert_eq!(days[11], ReceptionDay { day: day(2027, 12, 15), moved_from: None });
        assert!(days.iter().all(|d| cal().is_working(d.day)));
    }

    #[test]
    fn tet_pushes_the_day_past_the_holiday() {
        // Tết Bính Ngọ 2026: the 17th of February is the first day of the year; the 15th (a
        // Sunday) falls in the break, so the day is the first working day after it.
        let days = days_of_year(&[monthly(day(2020, 1, 1), 15)], 2026, &cal());
        let feb = days.iter().find(|d| d.moved_from == Some(day(2026, 2, 15))).unwrap();
        assert!(feb.day > day(2026, 2, 17) && cal().is_working(feb.day), "{:?}", feb.day);
    }

    #[test]
    fn a_new_version_applies_from_its_date_and_weekly_schedules_work() {
        let rules = [
            monthly(day(2020, 1, 1), 15),
            Rule { valid_from: day(2027, 7, 1), pattern: Pattern::Weekly, day_of_month: 1, weekday: 4 },
        ];
        let days = days_of_year(&rules, 2027, &cal());
        assert_eq!(days.iter().filter(|d| d.day < day(2027, 7, 1)).count(), 6);
        let weekly: Vec<_> = days.iter().filter(|d| d.day >= day(2027, 7, 1)).collect();
        assert!(weekly.len() >= 25 && weekly.len() <= 27, "{}", weekly.len());
        assert_eq!(weekly[0].day, day(2027, 7, 1), "a Thursday");
        // The 31st of a 30-day month is its last day.
        let short = days_of_year(&[monthly(day(2020, 1, 1), 31)], 2027, &cal());
        assert!(short.iter().any(|d| d.day == day(2027, 4, 30) || d.moved_from == Some(day(2027, 4, 30))));
        assert!(days_of_year(&[], 2027, &cal()).is_empty());
    }
}
