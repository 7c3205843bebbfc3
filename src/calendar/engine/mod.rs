//! The calendar and the deadline computation, as pure functions over rules and overrides.
//!
//! Counting follows the Civil Code (BLDS 2015, Arts. 144–148): the day of the event is not counted;
//! a deadline in days ends at the end of its last day; in months, on the same date of the last month
//! or that month's last day; a deadline whose last day is a day off ends on the next working day.
//! Working-day deadlines skip weekends, public holidays, compensatory and extra days off, and count
//! make-up working days.

use crate::i18n::{Lang, lookup};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::lunar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// A fixed day of the solar year.
    Solar,
    /// A fixed day of the lunar year (e.g. Giỗ Tổ Hùng Vương, 10/3).
    Lunar,
    /// Tết Nguyên đán: `days_before` days before mùng 1, `days` in all.
    LunarNewYear,
}

impl RuleKind {
    pub fn code(self) -> &'static str {
        match self {
            RuleKind::Solar => "solar",
            RuleKind::Lunar => "lunar",
            RuleKind::LunarNewYear => "lunar_new_year",
        }
    }
    pub fn parse(s: &str) -> Option<RuleKind> {
        [RuleKind::Solar, RuleKind::Lunar, RuleKind::LunarNewYear].into_iter().find(|k| k.code() == s)
    }
}

/// A statutory holiday rule, in force between two dates.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct HolidayRule {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub kind: RuleKind,
    pub month: u32,
    pub day: u32,
    pub days: u32,
    pub days_before: u32,
    /// A day of it falling on a weekly day off gives a compensatory day (BLLĐ 2019, Art. 112(3)).
    pub compensate: bool,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub legal_source: String,
    pub verified: bool,
}

impl HolidayRule {
    fn in_force(&self, d: NaiveDate) -> bool {
        self.valid_from <= d && self.valid_to.is_none_or(|t| d <= t)
    }

    /// The days this rule gives in (lunar or solar) year `year`.
    fn dates(&self, year: i32) -> Vec<NaiveDate> {
        let anchor = match self.kind {
            RuleKind::Solar => NaiveDate::from_ymd_opt(year, self.month, self.day),
            RuleKind::Lunar => lunar::lunar_day(year, self.month, self.day),
            RuleKind::LunarNewYear => lunar::tet(year),
        };
        let Some(anchor) = anchor else { return vec![] };
        let Some(first) = anchor.checked_sub_days(Days::new(u64::from(self.days_before))) else {
            return vec![];
        };
        (0..self.days)
            .filter_map(|i| first.checked_add_days(Days::new(u64::from(i))))
            .filter(|d| self.in_force(*d))
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OverrideKind {
    /// An extra day off decided by the Government (or a swapped day).
    DayOff,
    /// A make-up working day (usually a Saturday).
    WorkingDay,
}

impl OverrideKind {
    pub fn code(self) -> &'static str {
        match self {
            OverrideKind::DayOff => "day_off",
            OverrideKind::WorkingDay => "working_day",
        }
    }
    pub fn parse(s: &str) -> Option<OverrideKind> {
        match s {
            "day_off" => Some(OverrideKind::DayOff),
            "working_day" => Some(OverrideKind::WorkingDay),
            _ => None,
        }
    }
}

/// One day of the Government's yearly schedule, with its legal source.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Override {
    pub day: NaiveDate,
    pub kind: OverrideKind,
    pub name: String,
    pub legal_source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OffKind {
    Weekend,
    Holiday,
    Compensatory,
    ExtraDayOff,
}

/// Why a day is not a working day.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DayOff {
    pub date: NaiveDate,
    pub kind: OffKind,
    /// In Vietnamese (as the law and the schedule name it) and in English.
    pub name: String,
    pub name_en: String,
    pub legal_source: String,
}

impl DayOff {
    pub fn name_in(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.name, &self.name_en)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum DayStatus {
    Working,
    /// A weekend or holiday made a working day by the yearly schedule.
    MakeUp(Override),
    Off(DayOff),
}

/// Rules plus overrides; computes each year once.
pub struct Calendar {
    rules: Vec<HolidayRule>,
    overrides: BTreeMap<NaiveDate, Override>,
    years: RefCell<HashMap<i32, BTreeMap<NaiveDate, DayOff>>>,
}

/// "Nghỉ bù Giỗ Tổ Hùng Vương (26/04)".
fn compensatory(lang: Lang, holiday: &str, d: NaiveDate) -> String {
    lookup(lang, "calendar.compensatory").replace("{name}", holiday).replace("{date}", &d.format("%d/%m").to_string())
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    pub fn new(rules: Vec<HolidayRule>, overrides: Vec<Override>) -> Calendar {
        Calendar {
            rules,
            overrides: overrides.into_iter().map(|o| (o.day, o)).collect(),
            years: RefCell::new(HashMap::new()),
        }
    }

    /// Statutory holidays of solar year `y` (by rule), before compensation and overrides.
    fn statutory(&self, y: i32) -> BTreeMap<NaiveDate, (&HolidayRule, NaiveDate)> {
        let mut out = BTreeMap::new();
        for r in &self.rules {
            for lunar_or_solar_year in [y - 1, y, y + 1] {
                for d in r.dates(lunar_or_solar_year) {
                    if d.year() == y {
                        out.entry(d).or_insert((r, d));
                    }
                }
            }
        }
        out
    }

    /// Holidays and compensatory days of solar year `y` (no weekends, no overrides).
    fn rule_days(&self, y: i32) -> BTreeMap<NaiveDate, DayOff> {
        if let Some(v) = self.years.borrow().get(&y) {
            return v.clone();
        }
        let mut days: BTreeMap<NaiveDate, DayOff> = BTreeMap::new();
        let mut holidays = self.statutory(y - 1);
        holidays.extend(self.statutory(y));
        for (d, (r, _)) in &holidays {
            days.insert(
                *d,
                DayOff {
                    date: *d,
                    kind: OffKind::Holiday,
                    name: r.name_vi.clone(),
                    name_en: r.name_en.clone(),
                    legal_source: r.legal_source.clone(),
                },
            );
        }
        // Compensation, in date order, each on the next day that is neither weekend, holiday nor
        // already a compensatory day.
        for (d, (r, _)) in &holidays {
            if !r.compensate || !is_weekend(*d) {
                continue;
            }
            let mut c = *d;
            while let Some(next) = c.succ_opt() {
                c = next;
                if !is_weekend(c) && !days.contains_key(&c) {
                    days.insert(
                        c,
                        DayOff {
                            date: c,
                            kind: OffKind::Compensatory,
                            name: compensatory(Lang::Vi, &r.name_vi, *d),
                            name_en: compensatory(Lang::En, &r.name_en, *d),
                            legal_source: "Bộ luật Lao động 2019, Điều 112 khoản 3".into(),
                        },
                    );
                    break;
                }
            }
        }
        days.retain(|d, _| d.year() == y);
        self.years.borrow_mut().insert(y, days.clone());
        days
    }

    pub fn status(&self, d: NaiveDate) -> DayStatus {
        if let Some(o) = self.overrides.get(&d) {
            return match o.kind {
                OverrideKind::WorkingDay => DayStatus::MakeUp(o.clone()),
                OverrideKind::DayOff => {
                    // A published schedule that repeats a statutory holiday keeps it a holiday.
                    let statutory = self.rule_days(d.year()).get(&d).is_some_and(|r| r.kind == OffKind::Holiday);
                    let kind = if statutory { OffKind::Holiday } else { OffKind::ExtraDayOff };
                    DayStatus::Off(DayOff {
                        date: d,
                        kind,
                        name: o.name.clone(),
                        name_en: o.name.clone(),
                        legal_source: o.legal_source.clone(),
                    })
                }
            };
        }
        if let Some(off) = self.rule_days(d.year()).get(&d) {
            return DayStatus::Off(off.clone());
        }
        if is_weekend(d) {
            return DayStatus::Off(DayOff {
                date: d,
                kind: OffKind::Weekend,
                name: lookup(Lang::Vi, "calendar.weekend").into(),
                name_en: lookup(Lang::En, "calendar.weekend").into(),
                legal_source: String::new(),
            });
        }
        DayStatus::Working
    }

    pub fn is_working(&self, d: NaiveDate) -> bool {
        !matches!(self.status(d), DayStatus::Off(_))
    }

    /// Every day off of a year that is not an ordinary weekend (holidays, compensatory and extra
    /// days off, including those on weekends), in date order.
    pub fn holidays(&self, y: i32) -> Vec<DayOff> {
        let mut out: BTreeMap<NaiveDate, DayOff> = self.rule_days(y);
        for (d, o) in self.overrides.range(
            NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default()
                ..=NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default(),
        ) {
            match o.kind {
                OverrideKind::DayOff => {
                    let kind = if out.get(d).is_some_and(|r| r.kind == OffKind::Holiday) {
                        OffKind::Holiday
                    } else {
                        OffKind::ExtraDayOff
                    };
                    out.insert(
                        *d,
                        DayOff {
                            date: *d,
                            kind,
                            name: o.name.clone(),
                            name_en: o.name.clone(),
                            legal_source: o.legal_source.clone(),
                        },
                    );
                }
                OverrideKind::WorkingDay => {
                    out.remove(d);
                }
            }
        }
        out.into_values().collect()
    }

    /// The make-up working days of a year.
    pub fn make_up_days(&self, y: i32) -> Vec<Override> {
        self.overrides.values().filter(|o| o.day.year() == y && o.kind == OverrideKind::WorkingDay).cloned().collect()
    }

    /// Working days strictly after `from` up to and including `to`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let mut n = 0;
        let mut d = from;
        while d < to {
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
            if self.is_working(d) {
                n += 1;
            }
        }
        n
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    CalendarDays,
    WorkingDays,
    Months,
}

impl Unit {
    pub fn code(self) -> &'static str {
        match self {
            Unit::CalendarDays => "calendar",
            Unit::WorkingDays => "working",
            Unit::Months => "months",
        }
    }
    /// Every spelling `parse` takes: the codes first, then the long forms.
    pub const SPELLINGS: [&'static str; 7] =
        ["working", "calendar", "months", "working_days", "calendar_days", "days", "month"];

    /// `calendar` / `working` / `months` (also the long forms).
    pub fn parse(s: &str) -> Option<Unit> {
        match s.trim() {
            "calendar" | "calendar_days" | "days" => Some(Unit::CalendarDays),
            "working" | "working_days" => Some(Unit::WorkingDays),
            "months" | "month" => Some(Unit::Months),
            _ => None,
        }
    }
    /// The unit in words, in the reader's language (i18n `unit.<code>`).
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        crate::i18n::lookup(lang, &format!("unit.{}", self.code()))
    }
}

/// An extension or a pause recorded on a deadline, with who, when and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Adjustment {
    /// Adds `duration` units of the deadline's own unit.
    Extension { duration: u32, by: String, at: String, reason: String },
    /// The days from `from` to `to` (inclusive; open = still paused, counted to today) do not count.
    Pause { from: NaiveDate, to: Option<NaiveDate>, by: String, at: String, reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    #[error("the duration must be between 0 and {0}")]
    Duration(u32),
    #[error("the start date must be between 1990 and 2100")]
    Start,
}

/// A day passed over while counting, and why.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Skipped {
    pub date: NaiveDate,
    /// In Vietnamese, and in English.
    pub reason: String,
    pub reason_en: String,
}

impl Skipped {
    fn of(date: NaiveDate, status: &DayStatus) -> Skipped {
        match status {
            DayStatus::Off(o) => Skipped { date, reason: o.name.clone(), reason_en: o.name_en.clone() },
            _ => Skipped { date, reason: String::new(), reason_en: String::new() },
        }
    }

    pub fn reason_in(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.reason, &self.reason_en)
    }
}

/// How a due date was reached.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Explanation {
    pub start: NaiveDate,
    pub unit: Unit,
    pub duration: u32,
    /// Units added by extensions.
    pub extended: u32,
    /// The days counted, in order (for months: none; the end date is reached by the calendar).
    pub counted: Vec<NaiveDate>,
    /// Days passed over while counting (working-day deadlines) or paused.
    pub skipped: Vec<Skipped>,
    /// Days off the end date was moved over (calendar-day and month deadlines).
    pub rolled_forward: Vec<Skipped>,
    /// Days that did not count because the deadline was paused.
    pub paused_days: u32,
    pub due: NaiveDate,
}

pub const MAX_DAYS: u32 = 3650;
pub const MAX_MONTHS: u32 = 120;

fn paused_on(d: NaiveDate, pauses: &[(NaiveDate, NaiveDate)]) -> bool {
    pauses.iter().any(|(a, b)| *a <= d && d <= *b)
}

/// Computes a due date: `duration` units after `start` (not counted), with extensions and pauses.
pub fn compute(
    cal: &Calendar,
    start: NaiveDate,
    duration: u32,
    unit: Unit,
    adjustments: &[Adjustment],
    today: NaiveDate,
) -> Result<Explanation, DeadlineError> {
    let max = if unit == Unit::Months { MAX_MONTHS } else { MAX_DAYS };
    if start.year() < 1990 || start.year() > 2100 {
        return Err(DeadlineError::Start);
    }
    let extended: u32 = adjustments
        .iter()
        .map(|a| match a {
            Adjustment::Extension { duration, .. } => *duration,
            Adjustment::Pause { .. } => 0,
        })
        .sum();
    let total = duration.checked_add(extended).filter(|t| *t <= max).ok_or(DeadlineError::Duration(max))?;
    let pauses: Vec<(NaiveDate, NaiveDate)> = adjustments
        .iter()
        .filter_map(|a| match a {
            Adjustment::Pause { from, to, .. } => Some((*from, to.unwrap_or(today).max(*from))),
            Adjustment::Extension { .. } => None,
        })
        .collect();
    let mut counted = Vec::new();
    let mut skipped = Vec::new();
    let mut rolled = Vec::new();
    let mut paused_days = 0;
    let mut d = start;
    let step = |d: NaiveDate| d.succ_opt().ok_or(DeadlineError::Start);
    match unit {
        Unit::WorkingDays | Unit::CalendarDays => {
            let mut n = 0;
            while n < total {
                d = step(d)?;
                if paused_on(d, &pauses) {
                    paused_days += 1;
                    skipped.push(Skipped {
                        date: d,
                        reason: lookup(Lang::Vi, "calendar.paused").into(),
                        reason_en: lookup(Lang::En, "calendar.paused").into(),
                    });
                    continue;
                }
                if unit == Unit::WorkingDays {
                    let s = cal.status(d);
                    if let DayStatus::Off(_) = s {
                        skipped.push(Skipped::of(d, &s));
                        continue;
                    }
                }
                n += 1;
                counted.push(d);
            }
        }
        Unit::Months => {
            d = start.checked_add_months(Months::new(total)).ok_or(DeadlineError::Start)?;
            // Paused days push the end date by as many calendar days.
            let mut extra = pauses.iter().map(|(a, b)| (*b - *a).num_days() as u32 + 1).sum::<u32>();
            paused_days = extra;
            while extra > 0 {
                d = step(d)?;
                extra -= 1;
            }
        }
    }
    if unit != Unit::WorkingDays {
        loop {
            let s = cal.status(d);
            if let DayStatus::Off(_) = s {
                rolled.push(Skipped::of(d, &s));
                d = step(d)?;
            } else {
                break;
            }
        }
    }
    Ok(Explanation { start, unit, duration, extended, counted, skipped, rolled_forward: rolled, paused_days, due: d })
}

/// Where a deadline stands today, for every list of the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    OnTrack,
    DueSoon,
    DueToday,
    Overdue,
    Closed,
}

impl DeadlineStatus {
    pub fn of(cal: &Calendar, due: NaiveDate, today: NaiveDate, soon_working_days: u32) -> DeadlineStatus {
        if today > due {
            DeadlineStatus::Overdue
        } else if today == due {
            DeadlineStatus::DueToday
        } else if cal.working_days_between(today, due) <= i64::from(soon_working_days) {
            DeadlineStatus::DueSoon
        } else {
            DeadlineStatus::OnTrack
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            DeadlineStatus::OnTrack => "on_track",
            DeadlineStatus::DueSoon => "due_soon",
            DeadlineStatus::DueToday => "due_today",
            DeadlineStatus::Overdue => "overdue",
            DeadlineStatus::Closed => "closed",
        }
    }
    pub fn label_key(self) -> &'static str {
        match self {
            DeadlineStatus::OnTrack => "deadline.on_track",
            DeadlineStatus::DueSoon => "deadline.due_soon",
            DeadlineStatus::DueToday => "deadline.due_today",
            DeadlineStatus::Overdue => "deadline.overdue",
            DeadlineStatus::Closed => "deadline.closed",
        }
    }
}

mod explain;

pub use explain::{ranges, weekday};

#[cfg(test)]
mod tests;
