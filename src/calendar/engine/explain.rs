//! The working of a computed deadline in words: each day passed over and why, in the reader's
//! language (Vietnamese as the law counts it; the CLI prints Vietnamese).

use chrono::{Datelike, NaiveDate};

use super::*;
use crate::i18n::{Lang, lookup};

fn vn(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// "Thứ Hai", "Monday".
pub fn weekday(d: NaiveDate, lang: Lang) -> &'static str {
    let key = match d.weekday() {
        Weekday::Mon => "weekday.mon",
        Weekday::Tue => "weekday.tue",
        Weekday::Wed => "weekday.wed",
        Weekday::Thu => "weekday.thu",
        Weekday::Fri => "weekday.fri",
        Weekday::Sat => "weekday.sat",
        Weekday::Sun => "weekday.sun",
    };
    lookup(lang, key)
}

/// A sentence of the table with its `{name}` slots filled.
fn say(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let mut s = lookup(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// Consecutive dates as ranges: "12/02–13/02/2026, 23/02/2026".
pub fn ranges(dates: &[NaiveDate]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < dates.len() {
        let mut j = i;
        while j + 1 < dates.len() && dates[j].succ_opt() == Some(dates[j + 1]) {
            j += 1;
        }
        if i == j {
            parts.push(vn(dates[i]));
        } else {
            parts.push(format!("{}–{}", dates[i].format("%d/%m"), vn(dates[j])));
        }
        i = j + 1;
    }
    parts.join(", ")
}

impl Explanation {
    /// The working as lines of text in `lang` (pages, API, CLI).
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let unit = self.unit.label(lang);
        let mut out = vec![say(
            lang,
            "calendar.explain.start",
            &[("date", vn(self.start)), ("weekday", weekday(self.start, lang).into())],
        )];
        let total = self.duration + self.extended;
        if self.extended > 0 {
            out.push(say(
                lang,
                "calendar.explain.extended",
                &[
                    ("n", self.duration.to_string()),
                    ("unit", unit.into()),
                    ("ext", self.extended.to_string()),
                    ("total", total.to_string()),
                ],
            ));
        } else {
            out.push(say(
                lang,
                "calendar.explain.duration",
                &[("n", self.duration.to_string()), ("unit", unit.into())],
            ));
        }
        if !self.counted.is_empty() {
            out.push(say(
                lang,
                "calendar.explain.counted",
                &[("n", self.counted.len().to_string()), ("dates", ranges(&self.counted))],
            ));
        }
        if self.unit == Unit::Months {
            out.push(say(lang, "calendar.explain.months", &[("n", total.to_string())]));
        }
        let mut by_reason: Vec<(String, Vec<NaiveDate>)> = Vec::new();
        for s in &self.skipped {
            let r = s.reason_in(lang).to_string();
            match by_reason.iter_mut().find(|(x, _)| x == &r) {
                Some((_, v)) => v.push(s.date),
                None => by_reason.push((r, vec![s.date])),
            }
        }
        for (r, dates) in by_reason {
            out.push(say(lang, "calendar.explain.skipped", &[("reason", r), ("dates", ranges(&dates))]));
        }
        if self.paused_days > 0 && self.unit == Unit::Months {
            out.push(say(lang, "calendar.explain.paused", &[("n", self.paused_days.to_string())]));
        }
        for r in &self.rolled_forward {
            out.push(say(
                lang,
                "calendar.explain.rolled",
                &[
                    ("date", vn(r.date)),
                    ("weekday", weekday(r.date, lang).into()),
                    ("reason", r.reason_in(lang).into()),
                ],
            ));
        }
        out.push(say(
            lang,
            "calendar.explain.due",
            &[("date", vn(self.due)), ("weekday", weekday(self.due, lang).into())],
        ));
        out
    }
}
