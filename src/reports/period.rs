//! The periods the department reports on (the seeds' monthly work reports, the six-month review,
//! quarterly and annual reports): a month, a quarter, the first or second half of a
//! year, a year, or a custom range; its name as a report's title says it, and the same period a year
//! earlier for the comparison. Pure.

use chrono::{Datelike, Months, NaiveDate};

use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Month,
    Quarter,
    Half,
    Year,
    Custom,
}

/// A reporting period, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub span: Span,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

fn last_day(first: NaiveDate, months: u32) -> NaiveDate {
    first.checked_add_months(Months::new(months)).and_then(|d| d.pred_opt()).unwrap_or(first)
}

impl Period {
    pub fn month(year: i32, month: u32) -> Option<Period> {
        let from = NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(Period { span: Span::Month, from, to: last_day(from, 1) })
    }

    pub fn quarter(year: i32, q: u32) -> Option<Period> {
        if !(1..=4).contains(&q) {
            return None;
        }
        let from = NaiveDate::from_ymd_opt(year, 3 * q - 2, 1)?;
        Some(Period { span: Span::Quarter, from, to: last_day(from, 3) })
    }

    pub fn half(year: i32, h: u32) -> Option<Period> {
        if !(1..=2).contains(&h) {
            return None;
        }
        let from = NaiveDate::from_ymd_opt(year, 6 * h - 5, 1)?;
        Some(Period { span: Span::Half, from, to: last_day(from, 6) })
    }

    pub fn year(year: i32) -> Option<Period> {
        let from = NaiveDate::from_ymd_opt(year, 1, 1)?;
        Some(Period { span: Span::Year, from, to: last_day(from, 12) })
    }

    /// A range put in order; at most ten years.
    pub fn custom(a: NaiveDate, b: NaiveDate) -> Option<Period> {
        let (from, to) = (a.min(b), a.max(b));
        ((to - from).num_days() <= 3660).then_some(Period { span: Span::Custom, from, to })
    }

    /// The period a code names: `2026-07` (a month), `2026-Q3`, `2026-H1`, `2026`; `None` for
    /// anything else.
    pub fn parse(code: &str) -> Option<Period> {
        let code = code.trim().to_ascii_uppercase();
        let (year, rest) = code.split_once('-').map_or((code.as_str(), ""), |(y, r)| (y, r));
        if year.len() != 4 {
            return None;
        }
        let year: i32 = year.parse().ok().filter(|y| (1990..=2100).contains(y))?;
        match rest.as_bytes() {
            [] => Period::year(year),
            [b'Q', n] => Period::quarter(year, u32::from(n.wrapping_sub(b'0'))),
            [b'H', n] => Period::half(year, u32::from(n.wrapping_sub(b'0'))),
            _ => Period::month(year, rest.parse().ok()?),
        }
    }

    /// The code `parse` reads back (a custom range has none).
    pub fn code(&self) -> Option<String> {
        let y = self.from.year();
        match self.span {
            Span::Month => Some(format!("{y}-{:02}", self.from.month())),
            Span::Quarter => Some(format!("{y}-Q{}", self.from.month().div_ceil(3))),
            Span::Half => Some(format!("{y}-H{}", self.from.month().div_ceil(6))),
            Span::Year => Some(y.to_string()),
            Span::Custom => None,
        }
    }

    /// The month, quarter, half or year today falls in.
    pub fn current(span: Span, today: NaiveDate) -> Period {
        let (y, m) = (today.year(), today.month());
        let p = match span {
            Span::Month | Span::Custom => Period::month(y, m),
            Span::Quarter => Period::quarter(y, m.div_ceil(3)),
            Span::Half => Period::half(y, m.div_ceil(6)),
            Span::Year => Period::year(y),
        };
        p.unwrap_or(Period { span, from: today, to: today })
    }

    /// The same period a year earlier (29 February becomes the 28th).
    pub fn a_year_earlier(&self) -> Period {
        let back = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(d);
        Period { span: self.span, from: back(self.from), to: back(self.to) }
    }

    /// The period as a report's title names it ("tháng 7 năm 2026", "quý III năm 2026", "6 tháng
    /// đầu năm 2026", "năm 2026", "từ 01/03/2026 đến 15/05/2026").
    pub fn title(&self, lang: Lang) -> String {
        let (y, m) = (self.from.year(), self.from.month());
        let roman = ["I", "II", "III", "IV"];
        let q = m.div_ceil(3);
        let key = match self.span {
            Span::Month => "report.period.month",
            Span::Quarter => "report.period.quarter",
            Span::Half if m == 1 => "report.period.h1",
            Span::Half => "report.period.h2",
            Span::Year => "report.period.year",
            Span::Custom => "report.period.range",
        };
        crate::i18n::lookup(lang, key)
            .replace("{month}", &self.from.format("%B").to_string())
            .replace("{m}", &m.to_string())
            .replace("{q}", roman[(q as usize - 1).min(3)])
            .replace("{n}", &q.to_string())
            .replace("{y}", &y.to_string())
            .replace("{from}", &crate::time::show_date(&self.from))
            .replace("{to}", &crate::time::show_date(&self.to))
    }

    /// The months the period covers (their first days), for trends by month.
    pub fn months(&self) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut m = self.from.with_day(1).unwrap_or(self.from);
        while m <= self.to && out.len() < 132 {
            out.push(m);
            m = m.checked_add_months(Months::new(1)).unwrap_or(self.to);
            if out.last() == Some(&m) {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn codes_name_months_quarters_halves_and_years() {
        let p = Period::parse("2026-07").unwrap();
        assert_eq!((p.span, p.from, p.to), (Span::Month, d(2026, 7, 1), d(2026, 7, 31)));
        assert_eq!(Period::parse("2028-02").unwrap().to, d(2028, 2, 29), "a leap February");
        let q = Period::parse("2026-q3").unwrap();
        assert_eq!((q.from, q.to), (d(2026, 7, 1), d(2026, 9, 30)));
        let h = Period::parse("2026-H1").unwrap();
        assert_eq!((h.from, h.to), (d(2026, 1, 1), d(2026, 6, 30)));
        let y = Period::parse("2026").unwrap();
        assert_eq!((y.from, y.to), (d(2026, 1, 1), d(2026, 12, 31)));
        for bad in ["", "2026-13", "2026-Q5", "2026-H3", "26-07", "2026-07-01", "abcd", "2026-Qx"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        for code in ["2026-07", "2026-Q3", "2026-H2", "2026"] {
            assert_eq!(Period::parse(code).unwrap().code().as_deref(), Some(code));
        }
    }

    #[test]
    fn titles_read_as_the_seeds_write_them() {
        assert_eq!(Period::parse("2019-07").unwrap().title(Lang::Vi), "tháng 7 năm 2019");
        assert_eq!(Period::parse("2026-Q3").unwrap().title(Lang::Vi), "quý III năm 2026");
        assert_eq!(Period::parse("2026-H1").unwrap().title(Lang::Vi), "6 tháng đầu năm 2026");
        assert_eq!(Period::parse("2026-H2").unwrap().title(Lang::En), "second half of 2026");
        let c = Period::custom(d(2026, 5, 15), d(2026, 3, 1)).unwrap();
        assert_eq!(c.title(Lang::Vi), "từ 01/03/2026 đến 15/05/2026");
        assert!(Period::custom(d(2000, 1, 1), d(2026, 1, 1)).is_none(), "at most ten years");
    }

    #[test]
    fn the_comparison_is_the_same_period_a_year_earlier() {
        let p = Period::parse("2028-02").unwrap().a_year_earlier();
        assert_eq!((p.from, p.to), (d(2027, 2, 1), d(2027, 2, 28)));
        let h = Period::parse("2026-H1").unwrap().a_year_earlier();
        assert_eq!((h.from, h.to), (d(2025, 1, 1), d(2025, 6, 30)));
        assert_eq!(Period::current(Span::Quarter, d(2026, 12, 6)).code().as_deref(), Some("2026-Q4"));
        assert_eq!(Period::parse("2026-H1").unwrap().months().len(), 6);
        assert_eq!(Period::parse("2026").unwrap().months().last(), Some(&d(2026, 12, 1)));
    }
}
