//! The engine against the 2026 schedule, Tết, Hùng Kings, the 2/9 swap, months and limits.

use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn seeded() -> Calendar {
    crate::calendar::seed::builtin_calendar()
}

fn due(cal: &Calendar, start: NaiveDate, n: u32, unit: Unit) -> NaiveDate {
    compute(cal, start, n, unit, &[], start).unwrap().due
}

#[test]
fn holidays_of_2026_include_the_published_schedule() {
    let cal = seeded();
    let days: Vec<(NaiveDate, OffKind)> = cal.holidays(2026).iter().map(|o| (o.date, o.kind)).collect();
    for expected in [
        d(2026, 1, 1),
        d(2026, 2, 16),
        d(2026, 2, 20),
        d(2026, 4, 26),
        d(2026, 4, 27),
        d(2026, 4, 30),
        d(2026, 5, 1),
        d(2026, 8, 31),
        d(2026, 9, 1),
        d(2026, 9, 2),
        d(2026, 11, 24),
    ] {
        assert!(days.iter().any(|(x, _)| *x == expected), "{expected} missing");
    }
    assert!(days.contains(&(d(2026, 4, 27), OffKind::Compensatory)), "Giỗ Tổ on Sunday 26/4 gives Monday 27/4");
    assert!(!days.iter().any(|(x, _)| *x == d(2026, 8, 22)));
    assert!(cal.is_working(d(2026, 8, 22)), "Saturday 22/8/2026 is a make-up working day");
    assert!(!cal.is_working(d(2026, 2, 14)) && !cal.is_working(d(2026, 2, 22)), "Tết 14–22/02/2026 with weekends");
    assert!(cal.is_working(d(2026, 2, 23)));
}

#[test]
fn culture_day_counts_only_from_2026() {
    let cal = seeded();
    assert!(!cal.is_working(d(2026, 11, 24)));
    assert!(cal.is_working(d(2025, 11, 24)));
    assert_eq!(due(&cal, d(2026, 11, 23), 1, Unit::WorkingDays), d(2026, 11, 25));
    assert_eq!(due(&cal, d(2025, 11, 21), 1, Unit::WorkingDays), d(2025, 11, 24));
}

#[test]
fn a_dozen_deadlines_across_the_holidays() {
    let cal = seeded();
    let cases = [
        // Tết 2026
        (d(2026, 2, 12), 5, Unit::WorkingDays, d(2026, 2, 26)),
        (d(2026, 2, 6), 10, Unit::CalendarDays, d(2026, 2, 23)),
        // Giỗ Tổ on a Sunday (26/4/2026), then 30/4 and 1/5
        (d(2026, 4, 24), 3, Unit::WorkingDays, d(2026, 5, 4)),
        (d(2026, 4, 17), 10, Unit::CalendarDays, d(2026, 4, 28)),
        (d(2026, 4, 20), 10, Unit::CalendarDays, d(2026, 5, 4)),
        // Quốc khánh 2026 with the 22/8 ↔ 31/8 swap
        (d(2026, 8, 21), 1, Unit::WorkingDays, d(2026, 8, 22)),
        (d(2026, 8, 28), 2, Unit::WorkingDays, d(2026, 9, 4)),
        (d(2026, 8, 22), 10, Unit::CalendarDays, d(2026, 9, 3)),
        // Months: same date or the month's last day, then roll forward
        (d(2026, 1, 31), 1, Unit::Months, d(2026, 3, 2)),
        (d(2026, 3, 30), 1, Unit::Months, d(2026, 5, 4)),
        // Tết 2030 falls on Saturday 2/2 (China: 3/2): compensatory days 6–7/2
        (d(2030, 1, 31), 1, Unit::WorkingDays, d(2030, 2, 8)),
        // Giỗ Tổ 2033 on Saturday 9/4: compensatory Monday 11/4
        (d(2033, 4, 8), 1, Unit::WorkingDays, d(2033, 4, 12)),
        // New Year 2028 on a Saturday: compensatory Monday 3/1
        (d(2027, 12, 31), 1, Unit::WorkingDays, d(2028, 1, 4)),
        // Zero days: the event day itself, rolled forward if it is a day off
        (d(2026, 2, 17), 0, Unit::CalendarDays, d(2026, 2, 23)),
    ];
    for (start, n, unit, expected) in cases {
        assert_eq!(due(&cal, start, n, unit), expected, "{start} + {n} {unit:?}");
    }
}

#[test]
fn pauses_and_extensions_move_the_due_date() {
    let cal = seeded();
    let start = d(2026, 3, 5);
    assert_eq!(due(&cal, start, 10, Unit::CalendarDays), d(2026, 3, 16), "15/3 is a Sunday");
    let pause = Adjustment::Pause {
        from: d(2026, 3, 8),
        to: Some(d(2026, 3, 10)),
        by: "a".into(),
        at: "x".into(),
        reason: "r".into(),
    };
    let e = compute(&cal, start, 10, Unit::CalendarDays, std::slice::from_ref(&pause), start).unwrap();
    assert_eq!(e.due, d(2026, 3, 18));
    assert_eq!(e.paused_days, 3);
    let ext = Adjustment::Extension { duration: 5, by: "a".into(), at: "x".into(), reason: "r".into() };
    let e = compute(&cal, start, 10, Unit::CalendarDays, &[pause, ext], start).unwrap();
    assert_eq!(e.due, d(2026, 3, 23));
    assert_eq!(e.extended, 5);
    // An open pause runs to today.
    let open = Adjustment::Pause { from: d(2026, 3, 8), to: None, by: "a".into(), at: "x".into(), reason: "r".into() };
    assert_eq!(compute(&cal, start, 10, Unit::CalendarDays, &[open], d(2026, 3, 9)).unwrap().due, d(2026, 3, 17));
}

#[test]
fn the_explanation_shows_counted_and_skipped_days() {
    let cal = seeded();
    let e = compute(&cal, d(2026, 2, 12), 5, Unit::WorkingDays, &[], d(2026, 2, 12)).unwrap();
    let text = e.lines(crate::i18n::Lang::Vi).join("\n");
    assert!(text.contains("12/02/2026"), "{text}");
    assert!(text.contains("Các ngày được tính (5): 13/02/2026, 23/02–26/02/2026"), "{text}");
    assert!(text.contains("Không tính — Nghỉ hằng tuần"), "{text}");
    assert!(text.contains("Tết Nguyên đán"), "{text}");
    assert!(text.ends_with("Hạn cuối: hết ngày 26/02/2026 (Thứ Năm)"), "{text}");
    let e = compute(&cal, d(2026, 2, 6), 10, Unit::CalendarDays, &[], d(2026, 2, 6)).unwrap();
    assert_eq!(e.rolled_forward.len(), 7);
    assert!(
        e.lines(crate::i18n::Lang::Vi)
            .iter()
            .any(|l| l.contains("16/02/2026") && l.contains("chuyển sang ngày làm việc tiếp theo"))
    );
}

#[test]
fn the_explanation_reads_in_english_too() {
    let cal = seeded();
    let e = compute(&cal, d(2026, 2, 12), 5, Unit::WorkingDays, &[], d(2026, 2, 12)).unwrap();
    let text = e.lines(crate::i18n::Lang::En).join("\n");
    assert!(text.contains("Days counted (5): 13/02/2026, 23/02–26/02/2026"), "{text}");
    assert!(text.contains("Not counted — Weekly rest day"), "{text}");
    assert!(text.ends_with("Due: end of 26/02/2026 (Thursday)"), "{text}");
    assert!(!text.contains("Thứ") && !text.contains("Hạn cuối"), "{text}");
}

#[test]
fn absurd_durations_and_dates_are_refused() {
    let cal = seeded();
    assert_eq!(
        compute(&cal, d(2026, 1, 1), MAX_DAYS + 1, Unit::WorkingDays, &[], d(2026, 1, 1)),
        Err(DeadlineError::Duration(MAX_DAYS))
    );
    assert_eq!(
        compute(&cal, d(2026, 1, 1), 121, Unit::Months, &[], d(2026, 1, 1)),
        Err(DeadlineError::Duration(MAX_MONTHS))
    );
    assert_eq!(compute(&cal, d(1900, 1, 1), 1, Unit::WorkingDays, &[], d(2026, 1, 1)), Err(DeadlineError::Start));
}

#[test]
fn statuses_follow_the_due_date() {
    let cal = seeded();
    let due = d(2026, 3, 20);
    assert_eq!(DeadlineStatus::of(&cal, due, d(2026, 3, 21), 3), DeadlineStatus::Overdue);
    assert_eq!(DeadlineStatus::of(&cal, due, due, 3), DeadlineStatus::DueToday);
    assert_eq!(DeadlineStatus::of(&cal, due, d(2026, 3, 17), 3), DeadlineStatus::DueSoon);
    assert_eq!(DeadlineStatus::of(&cal, due, d(2026, 3, 13), 3), DeadlineStatus::OnTrack);
}

fn date_strategy() -> impl Strategy<Value = NaiveDate> {
    (0i64..(40 * 366)).prop_map(|n| d(2000, 1, 1) + chrono::Duration::days(n))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_working_day_deadline_never_lands_on_a_day_off(start in date_strategy(), n in 1u32..120) {
        let cal = seeded();
        let due = compute(&cal, start, n, Unit::WorkingDays, &[], start).unwrap().due;
        prop_assert!(cal.is_working(due), "{} + {} → {}", start, n, due);
    }

    #[test]
    fn adding_n_then_m_working_days_equals_adding_n_plus_m(start in date_strategy(), n in 1u32..60, m in 0u32..60) {
        let cal = seeded();
        let first = compute(&cal, start, n, Unit::WorkingDays, &[], start).unwrap().due;
        let two_steps = compute(&cal, first, m, Unit::WorkingDays, &[], start).unwrap().due;
        let one_step = compute(&cal, start, n + m, Unit::WorkingDays, &[], start).unwrap().due;
        prop_assert_eq!(two_steps, one_step);
    }

    #[test]
    fn a_calendar_deadline_is_never_before_start_plus_n(start in date_strategy(), n in 0u32..400) {
        let cal = seeded();
        let e = compute(&cal, start, n, Unit::CalendarDays, &[], start).unwrap();
        prop_assert!(e.due >= start + chrono::Duration::days(i64::from(n)));
        prop_assert!(cal.is_working(e.due));
    }
}

#[test]
fn every_documented_spelling_of_a_unit_is_understood() {
    for s in Unit::SPELLINGS {
        assert!(Unit::parse(s).is_some(), "{s}");
    }
    for u in [Unit::WorkingDays, Unit::CalendarDays, Unit::Months] {
        assert!(Unit::SPELLINGS.contains(&u.code()), "{}", u.code());
    }
}
