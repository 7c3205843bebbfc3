//! The reports' strings: a period as a report's title names it.

#[rustfmt::skip]
pub(super) const ENTRIES: &[(&str, &str, &str)] = &[
    ("report.period.month", "tháng {m} năm {y}", "{month} {y}"),
    ("report.period.quarter", "quý {q} năm {y}", "Q{n} {y}"),
    ("report.period.h1", "6 tháng đầu năm {y}", "first half of {y}"),
    ("report.period.h2", "6 tháng cuối năm {y}", "second half of {y}"),
    ("report.period.year", "năm {y}", "{y}"),
    ("report.period.range", "từ {from} đến {to}", "{from} to {to}"),
];
