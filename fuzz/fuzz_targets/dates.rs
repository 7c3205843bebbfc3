//! Deadlines in working days, calendar days and months from any start date and duration, with
//! extensions and pauses, over the built-in holiday calendar (lunar Tết included): an answer or a
//! refusal, never a panic; a due date is never before the start.
#![no_main]
use chrono::{Datelike, Duration, NaiveDate};
use libfuzzer_sys::fuzz_target;
use thanhtra::calendar::engine::{self, Adjustment, Calendar, Unit};

thread_local! {
    // The calendar caches each year's days off inside (not shared between threads).
    static CAL: Calendar = thanhtra::calendar::seed::builtin_calendar();
}

fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(1985, 1, 1).unwrap() + Duration::days(i64::from(n % 45_000))
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 12 {
        return;
    }
    let word = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
    let start = day(word(0));
    let duration = word(4) % 5_000;
    let unit = [Unit::WorkingDays, Unit::CalendarDays, Unit::Months][data[8] as usize % 3];
    let adjustments: Vec<Adjustment> = data[12..]
        .chunks(6)
        .filter(|c| c.len() == 6)
        .map(|c| {
            let (a, b) = (u32::from(u16::from_le_bytes([c[1], c[2]])), u32::from(u16::from_le_bytes([c[3], c[4]])));
            let (by, at, reason) = (String::new(), String::new(), String::new());
            if c[0] % 2 == 0 {
                Adjustment::Extension { duration: a % 400, by, at, reason }
            } else {
                let from = start + Duration::days(i64::from(a % 800));
                let to = (c[5] % 3 != 0).then(|| from + Duration::days(i64::from(b % 200)));
                Adjustment::Pause { from, to, by, at, reason }
            }
        })
        .collect();
    let computed = CAL.with(|cal| engine::compute(cal, start, duration, unit, &adjustments, day(word(8))));
    if let Ok(e) = computed {
        assert!(e.due >= start, "{start} + {duration} {unit:?} gave {}", e.due);
    }
    let lunar = thanhtra::calendar::lunar::to_lunar(start, 7.0);
    if let Some(back) = thanhtra::calendar::lunar::to_solar(lunar, 7.0) {
        assert_eq!(back, start, "{lunar:?}");
    }
    let _ = thanhtra::calendar::lunar::tet(start.year());
    let text = String::from_utf8_lossy(&data[12..]);
    let _ = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d");
});
