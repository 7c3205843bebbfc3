//! The working of a computed deadline in words: each day passed over and why, in Vietnamese as the
//! law counts it and printed on documents.

use chrono::{Datelike, NaiveDate};

use super::*;

fn vn(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn weekday_vi(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
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
    /// The working as lines of Vietnamese text (CLI, pages, API).
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        out.push(format!(
            "Ngày xảy ra sự kiện: {} ({}) — không tính ngày này (BLDS 2015, Điều 147)",
            vn(self.start),
            weekday_vi(self.start)
        ));
        let total = self.duration + self.extended;
        if self.extended > 0 {
            out.push(format!(
                "Thời hạn: {} {} + gia hạn {} = {} {}",
                self.duration,
                self.unit.label_vi(),
                self.extended,
                total,
                self.unit.label_vi()
            ));
        } else {
            out.push(format!("Thời hạn: {} {}", self.duration, self.unit.label_vi()));
        }
        if !self.counted.is_empty() {
            out.push(format!("Các ngày được tính ({}): {}", self.counted.len(), ranges(&self.counted)));
        }
        if self.unit == Unit::Months {
            out.push(format!("Cộng {} tháng: cùng ngày của tháng cuối, hoặc ngày cuối tháng nếu không có ngày đó (BLDS 2015, Điều 148)", total));
        }
        let mut by_reason: Vec<(String, Vec<NaiveDate>)> = Vec::new();
        for s in &self.skipped {
            match by_reason.iter_mut().find(|(r, _)| r == &s.reason) {
                Some((_, v)) => v.push(s.date),
                None => by_reason.push((s.reason.clone(), vec![s.date])),
            }
        }
        for (r, dates) in by_reason {
            out.push(format!("Không tính — {r}: {}", ranges(&dates)));
        }
        if self.paused_days > 0 && self.unit == Unit::Months {
            out.push(format!("Tạm dừng: cộng thêm {} ngày", self.paused_days));
        }
        for r in &self.rolled_forward {
            out.push(format!(
                "Ngày cuối {} ({}) là ngày nghỉ — {}: chuyển sang ngày làm việc tiếp theo",
                vn(r.date),
                weekday_vi(r.date),
                r.reason
            ));
        }
        out.push(format!("Hạn cuối: hết ngày {} ({})", vn(self.due), weekday_vi(self.due)));
        out
    }
}
