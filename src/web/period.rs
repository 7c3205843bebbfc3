//! A period as a page or the API asks for it: a month (`month=YYYY-MM`), a range (`from`, `to`), or
//! this month. Shared by every feature's figures.

use chrono::Datelike;
use chrono::NaiveDate;
use serde::Deserialize;

/// A period as a page or the API asks for it.
#[derive(Deserialize, Default)]
pub struct PeriodQuery {
    /// YYYY-MM: that month.
    #[serde(default)]
    pub month: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl PeriodQuery {
    /// The period asked for: a month, a range, or this month; the range is put in order.
    pub fn period(&self) -> (NaiveDate, NaiveDate) {
        let day = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        if let (Some(a), Some(b)) = (day(&self.from), day(&self.to)) {
            return (a.min(b), a.max(b));
        }
        let first = NaiveDate::parse_from_str(&format!("{}-01", self.month.trim()), "%Y-%m-%d")
            .unwrap_or_else(|_| crate::time::today_vn().with_day(1).unwrap_or_default());
        let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
        (first, next.pred_opt().unwrap_or(first))
    }
}
