//! The Vietnamese lunisolar calendar, computed astronomically for a time zone (UTC+7 for Vietnam),
//! after Hồ Ngọc Đức's published algorithm (new moons and solar terms from Meeus' series). With
//! UTC+8 the same code gives the Chinese calendar, which differs in some years (e.g. Tết 2030 is
//! 2 February in Vietnam, 3 February in China): never use a Chinese-calendar library for Vietnam.

use std::f64::consts::PI;

use chrono::{Datelike, NaiveDate};

pub const VIETNAM_UTC_OFFSET: f64 = 7.0;

/// A lunar date: day, month (1–12), year, and whether the month is the leap (nhuận) month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarDate {
    pub day: u32,
    pub month: u32,
    pub year: i32,
    pub leap: bool,
}

fn int(x: f64) -> i64 {
    x.floor() as i64
}

/// Julian day number of a Gregorian date.
pub fn jd(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + 1_721_425
}

pub fn from_jd(jd: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jd - 1_721_425).ok()?)
}

/// The moment (Julian day, UT) of the k-th new moon after 1900-01-01.
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 += 0.00033 * ((166.56 + 132.87 * t - 0.009173 * t2) * dr).sin();
    let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    let mut c1 = (0.1734 - 0.000393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let deltat = if t < -11.0 {
        0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    } else {
        -0.000278 + 0.000265 * t + 0.000262 * t2
    };
    jd1 + c1 - deltat
}

/// The sun's apparent longitude (radians, 0..2π) at Julian day `jdn` (UT).
fn sun_longitude(jdn: f64) -> f64 {
    let t = (jdn - 2451545.0) / 36525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    let mut dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * (dr * m).sin();
    dl = dl + (0.019993 - 0.000101 * t) * (dr * 2.0 * m).sin() + 0.000290 * (dr * 3.0 * m).sin();
    let mut l = (l0 + dl) * dr;
    l -= PI * 2.0 * (l / (PI * 2.0)).floor();
    l
}

/// Which of the 12 major solar terms (0–11) the local midnight starting day `day_number` falls in.
fn sun_term(day_number: i64, tz: f64) -> i64 {
    int(sun_longitude(day_number as f64 - 0.5 - tz / 24.0) / PI * 6.0)
}

/// The Julian day on which the k-th new moon falls, in local time.
fn new_moon_day(k: i64, tz: f64) -> i64 {
    int(new_moon(k) + 0.5 + tz / 24.0)
}

/// The first day of the lunar month containing the winter solstice (month 11) of year `yy`.
fn lunar_month_11(yy: i32, tz: f64) -> i64 {
    let off = jd(NaiveDate::from_ymd_opt(yy, 12, 31).unwrap_or_default()) - 2415021;
    let k = int(off as f64 / 29.530588853);
    let nm = new_moon_day(k, tz);
    if sun_term(nm, tz) >= 9 { new_moon_day(k - 1, tz) } else { nm }
}

/// Position of the leap month after month 11 starting at `a11`.
fn leap_month_offset(a11: i64, tz: f64) -> i64 {
    let k = int((a11 as f64 - 2415021.076998695) / 29.530588853 + 0.5);
    let mut i = 1;
    let mut arc = sun_term(new_moon_day(k + i, tz), tz);
    loop {
        let last = arc;
        i += 1;
        arc = sun_term(new_moon_day(k + i, tz), tz);
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

/// Solar → lunar.
pub fn to_lunar(date: NaiveDate, tz: f64) -> LunarDate {
    let yy = date.year();
    let day_number = jd(date);
    // The estimate of the new-moon index can be one off near a new moon: settle it exactly.
    let mut k = int((day_number as f64 - 2415021.076998695) / 29.530588853);
    while new_moon_day(k, tz) > day_number {
        k -= 1;
    }
    while new_moon_day(k + 1, tz) <= day_number {
        k += 1;
    }
    let month_start = new_moon_day(k, tz);
    let mut a11 = lunar_month_11(yy, tz);
    let b11;
    let mut lunar_year;
    if a11 >= month_start {
        lunar_year = yy;
        b11 = a11;
        a11 = lunar_month_11(yy - 1, tz);
    } else {
        lunar_year = yy + 1;
        b11 = lunar_month_11(yy + 1, tz);
    }
    let day = day_number - month_start + 1;
    let diff = int((month_start - a11) as f64 / 29.0);
    let mut leap = false;
    let mut month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11, tz);
        if diff >= leap_diff {
            month = diff + 10;
            if diff == leap_diff {
                leap = true;
            }
        }
    }
    if month > 12 {
        month -= 12;
    }
    if month >= 11 && diff < 4 {
        lunar_year -= 1;
    }
    LunarDate { day: day as u32, month: month as u32, year: lunar_year, leap }
}

/// Lunar → solar; `None` for a date that does not exist (e.g. a leap flag on a non-leap month).
pub fn to_solar(l: LunarDate, tz: f64) -> Option<NaiveDate> {
    if !(1..=12).contains(&l.month) || !(1..=30).contains(&l.day) {
        return None;
    }
    let (a11, b11) = if l.month < 11 {
        (lunar_month_11(l.year - 1, tz), lunar_month_11(l.year, tz))
    } else {
        (lunar_month_11(l.year, tz), lunar_month_11(l.year + 1, tz))
    };
    let k = int(0.5 + (a11 as f64 - 2415021.076998695) / 29.530588853);
    let mut off = i64::from(l.month) - 11;
    if off < 0 {
        off += 12;
    }
    if b11 - a11 > 365 {
        let leap_off = leap_month_offset(a11, tz);
        let mut leap_month = leap_off - 2;
        if leap_month < 0 {
            leap_month += 12;
        }
        if l.leap && i64::from(l.month) != leap_month {
            return None;
        } else if l.leap || off >= leap_off {
            off += 1;
        }
    } else if l.leap {
        return None;
    }
    let month_start = new_moon_day(k + off, tz);
    let date = from_jd(month_start + i64::from(l.day) - 1)?;
    // Day 30 of a 29-day month does not exist.
    (to_lunar(date, tz).month == l.month).then_some(date)
}

/// Mùng 1 Tết of lunar year `year` (which begins in solar year `year`), Vietnamese time.
pub fn tet(year: i32) -> Option<NaiveDate> {
    to_solar(LunarDate { day: 1, month: 1, year, leap: false }, VIETNAM_UTC_OFFSET)
}

/// A lunar day and month in a given lunar year, Vietnamese time (the non-leap month).
pub fn lunar_day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    to_solar(LunarDate { day, month, year, leap: false }, VIETNAM_UTC_OFFSET)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// DOMAIN.md §6.3: two independent calculations (the `holidays` package and this algorithm) agree.
    #[test]
    fn tet_and_hung_kings_day_match_the_published_table() {
        let table = [
            (2024, d(2024, 2, 10), d(2024, 4, 18)),
            (2025, d(2025, 1, 29), d(2025, 4, 7)),
            (2026, d(2026, 2, 17), d(2026, 4, 26)),
            (2027, d(2027, 2, 6), d(2027, 4, 16)),
            (2028, d(2028, 1, 26), d(2028, 4, 4)),
            (2029, d(2029, 2, 13), d(2029, 4, 23)),
            (2030, d(2030, 2, 2), d(2030, 4, 12)),
            (2031, d(2031, 1, 23), d(2031, 4, 1)),
            (2032, d(2032, 2, 11), d(2032, 4, 19)),
            (2033, d(2033, 1, 31), d(2033, 4, 9)),
            (2034, d(2034, 2, 19), d(2034, 4, 28)),
            (2035, d(2035, 2, 8), d(2035, 4, 17)),
        ];
        for (year, tet_day, gio_to) in table {
            assert_eq!(tet(year), Some(tet_day), "Tết {year}");
            assert_eq!(lunar_day(year, 3, 10), Some(gio_to), "Giỗ Tổ {year}");
        }
    }

    /// Published Vietnamese Tết dates of earlier years (Vietnam used UTC+7 throughout).
    #[test]
    fn tet_in_earlier_years() {
        let table = [
            (2000, d(2000, 2, 5)),
            (2005, d(2005, 2, 9)),
            (2010, d(2010, 2, 14)),
            (2012, d(2012, 1, 23)),
            (2015, d(2015, 2, 19)),
            (2018, d(2018, 2, 16)),
            (2020, d(2020, 1, 25)),
            (2021, d(2021, 2, 12)),
            (2022, d(2022, 2, 1)),
            (2023, d(2023, 1, 22)),
        ];
        for (year, day) in table {
            assert_eq!(tet(year), Some(day), "Tết {year}");
        }
    }

    /// Years where the Vietnamese (UTC+7) and Chinese (UTC+8) calendars give different Tết.
    #[test]
    fn vietnam_and_china_differ_where_history_says_they_do() {
        for (year, vn, cn) in [
            (2030, d(2030, 2, 2), d(2030, 2, 3)),
            (2007, d(2007, 2, 17), d(2007, 2, 18)),
            (1985, d(1985, 1, 21), d(1985, 2, 20)),
        ] {
            assert_eq!(tet(year), Some(vn), "Vietnamese Tết {year}");
            assert_eq!(
                to_solar(LunarDate { day: 1, month: 1, year, leap: false }, 8.0),
                Some(cn),
                "Chinese New Year {year}"
            );
        }
    }

    #[test]
    fn conversions_round_trip_every_day_for_decades() {
        let mut date = d(1990, 1, 1);
        let end = d(2060, 12, 31);
        while date <= end {
            let l = to_lunar(date, VIETNAM_UTC_OFFSET);
            assert!((1..=30).contains(&l.day) && (1..=12).contains(&l.month), "{date}: {l:?}");
            assert_eq!(to_solar(l, VIETNAM_UTC_OFFSET), Some(date), "{date} → {l:?}");
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn leap_months_are_found() {
        // 2023 had a leap 2nd month (tháng 2 nhuận), 2025 a leap 6th month.
        let l = to_lunar(d(2023, 3, 22), VIETNAM_UTC_OFFSET);
        assert_eq!((l.day, l.month, l.leap), (1, 2, true));
        let l = to_lunar(d(2025, 7, 25), VIETNAM_UTC_OFFSET);
        assert_eq!((l.day, l.month, l.leap), (1, 6, true));
        assert!(to_solar(LunarDate { day: 1, month: 5, year: 2025, leap: true }, VIETNAM_UTC_OFFSET).is_none());
    }
}
