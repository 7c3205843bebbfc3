//! Rows of the calendar and the deadlines, and what the audit trail records of them.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::audit::Auditable;
use crate::calendar::engine::{self, Adjustment, Calendar, HolidayRule, RuleKind, Unit};
use crate::db::schema::{calendar_overrides, deadline_rules, deadlines, holiday_rules};
use crate::domain::DeadlineId;
use crate::error::{AppError, Code};

// ---------- loading the calendar ----------

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = holiday_rules, treat_none_as_null = true)]
pub struct HolidayRuleRow {
    pub id: String,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub kind: String,
    pub month: i32,
    pub day: i32,
    pub days: i32,
    pub days_before: i32,
    pub compensate: bool,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub legal_source: String,
    pub verified: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl HolidayRuleRow {
    /// Its name in the reader's language (the Vietnamese one where no English is given).
    pub fn name_in(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }
    pub fn to_rule(&self) -> Option<HolidayRule> {
        Some(HolidayRule {
            code: self.code.clone(),
            name_vi: self.name_vi.clone(),
            name_en: self.name_en.clone(),
            kind: RuleKind::parse(&self.kind)?,
            month: u32::try_from(self.month).ok()?,
            day: u32::try_from(self.day).ok()?,
            days: u32::try_from(self.days).ok()?,
            days_before: u32::try_from(self.days_before).ok()?,
            compensate: self.compensate,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            legal_source: self.legal_source.clone(),
            verified: self.verified,
        })
    }
}

impl Auditable for HolidayRuleRow {
    const RECORD_TYPE: &'static str = "holiday_rule";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        self.name_vi.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("code", json!(self.code)),
            ("name_vi", json!(self.name_vi)),
            ("kind", json!(self.kind)),
            ("month", json!(self.month)),
            ("day", json!(self.day)),
            ("days", json!(self.days)),
            ("days_before", json!(self.days_before)),
            ("compensate", json!(self.compensate)),
            ("valid_from", json!(self.valid_from.to_string())),
            ("valid_to", json!(self.valid_to.map(|d| d.to_string()))),
            ("legal_source", json!(self.legal_source)),
            ("verified", json!(self.verified)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = calendar_overrides)]
pub struct OverrideRow {
    pub id: String,
    pub day: NaiveDate,
    pub kind: String,
    pub name: String,
    pub legal_source: String,
    pub created_at: NaiveDateTime,
}

impl Auditable for OverrideRow {
    const RECORD_TYPE: &'static str = "calendar";
    fn audit_id(&self) -> String {
        self.day.to_string()
    }
    fn audit_label(&self) -> String {
        format!("{} {}", self.day.format("%d/%m/%Y"), self.name)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("day", json!(self.day.to_string())),
            ("kind", json!(self.kind)),
            ("name", json!(self.name)),
            ("legal_source", json!(self.legal_source)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize, utoipa::ToSchema)]
#[diesel(table_name = deadline_rules, treat_none_as_null = true)]
pub struct DeadlineRuleRow {
    #[serde(skip)]
    pub id: String,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub duration: i32,
    /// calendar, working or months.
    pub unit: String,
    pub start_event: String,
    pub extension_max: i32,
    pub extension_duration: i32,
    pub pausable: bool,
    pub legal_source: String,
    pub verified: bool,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub notes: String,
    #[serde(skip)]
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(skip)]
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
}

impl DeadlineRuleRow {
    /// Its name in the reader's language (the Vietnamese one where no English is given).
    pub fn name_in(&self, lang: crate::i18n::Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }
    pub fn unit(&self) -> Unit {
        Unit::parse(&self.unit).unwrap_or(Unit::CalendarDays)
    }
}

impl Auditable for DeadlineRuleRow {
    const RECORD_TYPE: &'static str = "deadline_rule";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} {}", self.code, self.name_vi)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("code", json!(self.code)),
            ("name_vi", json!(self.name_vi)),
            ("name_en", json!(self.name_en)),
            ("duration", json!(self.duration)),
            ("unit", json!(self.unit)),
            ("start_event", json!(self.start_event)),
            ("extension_max", json!(self.extension_max)),
            ("extension_duration", json!(self.extension_duration)),
            ("pausable", json!(self.pausable)),
            ("legal_source", json!(self.legal_source)),
            ("verified", json!(self.verified)),
            ("valid_from", json!(self.valid_from.to_string())),
            ("valid_to", json!(self.valid_to.map(|d| d.to_string()))),
            ("notes", json!(self.notes)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize)]
#[diesel(table_name = deadlines, treat_none_as_null = true)]
pub struct DeadlineRow {
    pub id: DeadlineId,
    pub agency_id: String,
    pub record_type: String,
    pub record_id: String,
    pub label: String,
    pub rule_code: Option<String>,
    pub start_date: NaiveDate,
    pub duration: i32,
    pub unit: String,
    pub adjustments: String,
    pub due_date: NaiveDate,
    #[serde(serialize_with = "crate::time::api_opt")]
    pub closed_at: Option<NaiveDateTime>,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
}

/// A stored deadline label in the reader's language (see `DeadlineRow::label_in`).
pub fn label_text(label: &str, lang: crate::i18n::Lang) -> String {
    if label.starts_with("deadline.label.") && crate::i18n::has_key(label) {
        crate::i18n::lookup(lang, label).to_string()
    } else {
        label.to_string()
    }
}

impl DeadlineRow {
    /// The label in the reader's language: a workflow's deadline is stored as an i18n key
    /// (`deadline.label.*`), a deadline tracked by hand as the words its author typed.
    pub fn label_in(&self, lang: crate::i18n::Lang) -> String {
        label_text(&self.label, lang)
    }

    pub fn adjustments(&self) -> Vec<Adjustment> {
        serde_json::from_str(&self.adjustments).unwrap_or_default()
    }
    pub fn unit(&self) -> Unit {
        Unit::parse(&self.unit).unwrap_or(Unit::CalendarDays)
    }
    pub fn explain(&self, cal: &Calendar, today: NaiveDate) -> Result<engine::Explanation, AppError> {
        engine::compute(
            cal,
            self.start_date,
            u32::try_from(self.duration).unwrap_or(0),
            self.unit(),
            &self.adjustments(),
            today,
        )
        .map_err(refused)
    }
}

impl Auditable for DeadlineRow {
    const RECORD_TYPE: &'static str = "deadline";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_label(&self) -> String {
        self.label_in(crate::i18n::Lang::Vi)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("label", json!(self.label)),
            ("record", json!(format!("{}:{}", self.record_type, self.record_id))),
            ("rule_code", json!(self.rule_code)),
            ("start_date", json!(self.start_date.to_string())),
            ("duration", json!(self.duration)),
            ("unit", json!(self.unit)),
            ("adjustments", serde_json::from_str(&self.adjustments).unwrap_or(Value::Null)),
            ("due_date", json!(self.due_date.to_string())),
            ("closed", json!(self.closed_at.is_some())),
        ]
    }
}

/// A start or a length the engine cannot count, as the caller's refusal.
pub(crate) fn refused(e: engine::DeadlineError) -> AppError {
    AppError::BadRequest(match e {
        engine::DeadlineError::Duration(max) => crate::error::Refusal::new(Code::DeadlineTooLong).with("", max),
        engine::DeadlineError::Start => crate::error::Refusal::new(Code::DeadlineStartInvalid),
    })
}
