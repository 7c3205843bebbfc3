//! Rows of citizen reception and what the audit trail records of them. The visitors who came about
//! a denunciation are as secret as a denouncer: their entries in the trail carry no name.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

pub use super::choices::*;
use crate::audit::Auditable;
use crate::complaints::model::Kind;
use crate::db::schema::{reception_duties, reception_schedules, reception_sessions, reception_visitors};

/// One reception: who received, who came, what they raised and what was done.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = reception_sessions, treat_none_as_null = true)]
#[schema(as = ReceptionSession)]
pub struct SessionRow {
    pub id: String,
    #[serde(skip)]
    pub agency_id: String,
    pub year: i32,
    /// Its number in the agency's reception book for the year.
    pub number: i64,
    pub held_on: NaiveDate,
    /// "08:30", Vietnam time, or empty.
    pub start_time: String,
    pub kind: SessionKind,
    /// Who presided (the head, a deputy, or the officer on duty), with the title.
    pub host: String,
    /// The officer who received the visitors.
    pub officer_id: Option<String>,
    /// What it is about, by its content.
    #[schema(value_type = crate::complaints::model::Kind)]
    pub topic: Kind,
    /// A group of five or more people on the same matter (đoàn đông người).
    pub group_visit: bool,
    pub visitor_count: i32,
    pub subject: String,
    pub content: String,
    pub action: Action,
    /// What was done, in words.
    pub action_text: String,
    /// The conclusion of whoever presided, as the notice concluding the reception states it.
    pub conclusion: String,
    /// The notice concluding the reception (a document).
    pub notice_id: Option<String>,
    /// The written submission it led to.
    pub submission_id: Option<String>,
    #[serde(skip)]
    pub search_text: String,
    pub version: i32,
    #[serde(skip)]
    pub created_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
}

impl SessionRow {
    /// "12/2026".
    pub fn book_no(&self) -> String {
        format!("{}/{}", self.number, self.year)
    }

    /// Whether the visitors are secret: they came to denounce (Luật Tố cáo 2018, Art. 47).
    pub fn is_secret(&self) -> bool {
        self.topic == Kind::Denunciation
    }
}

impl Auditable for SessionRow {
    const RECORD_TYPE: &'static str = "reception";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} — {}", self.book_no(), self.subject)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        let mut v = vec![
            ("held_on", json!(self.held_on.to_string())),
            ("start_time", json!(self.start_time)),
            ("kind", json!(self.kind)),
            ("host", json!(self.host)),
            ("officer_id", json!(self.officer_id)),
            ("topic", json!(self.topic)),
            ("group_visit", json!(self.group_visit)),
            ("visitor_count", json!(self.visitor_count)),
            ("subject", json!(self.subject)),
            ("action", json!(self.action)),
            ("action_text", json!(self.action_text)),
            ("conclusion", json!(self.conclusion)),
            ("notice_id", json!(self.notice_id)),
            ("submission_id", json!(self.submission_id)),
        ];
        if !self.is_secret() {
            v.push(("content", json!(self.content)));
        }
        v
    }
}

/// One visitor.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = reception_visitors)]
#[schema(as = ReceptionVisitor)]
pub struct VisitorRow {
    pub id: String,
    #[serde(skip)]
    pub session_id: String,
    pub position: i32,
    pub full_name: String,
    pub id_number: String,
    pub address: String,
    pub phone: String,
}

/// A visitor as the trail records them: a secret one without anything that names them.
pub struct AuditedVisitor<'a> {
    pub v: &'a VisitorRow,
    pub secret: bool,
}

impl Auditable for AuditedVisitor<'_> {
    const RECORD_TYPE: &'static str = "reception_visitor";
    fn audit_id(&self) -> String {
        self.v.id.clone()
    }
    fn audit_label(&self) -> String {
        match self.secret {
            true => format!("#{}", self.v.position),
            false => self.v.full_name.clone(),
        }
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        let v = self.v;
        match self.secret {
            true => vec![("position", json!(v.position)), ("secret", json!(true))],
            false => vec![
                ("position", json!(v.position)),
                ("full_name", json!(v.full_name)),
                ("id_number", json!(v.id_number)),
                ("address", json!(v.address)),
                ("phone", json!(v.phone)),
            ],
        }
    }
}

/// One version of the head's reception schedule.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = reception_schedules)]
#[schema(as = ReceptionSchedule)]
pub struct ScheduleRow {
    #[serde(skip)]
    pub id: String,
    #[serde(skip)]
    pub agency_id: String,
    pub valid_from: NaiveDate,
    pub pattern: Pattern,
    pub day_of_month: i32,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: i32,
    /// Where citizens are received.
    pub place: String,
    /// The text that sets it (the legal minimum, the agency's regulation).
    pub legal_source: String,
    #[serde(skip)]
    pub created_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
}

impl ScheduleRow {
    pub fn rule(&self) -> super::schedule::Rule {
        super::schedule::Rule {
            valid_from: self.valid_from,
            pattern: self.pattern,
            day_of_month: self.day_of_month.clamp(1, 31) as u32,
            weekday: self.weekday.clamp(1, 7) as u32,
        }
    }
}

impl Auditable for ScheduleRow {
    const RECORD_TYPE: &'static str = "reception_schedule";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        self.valid_from.format("%d/%m/%Y").to_string()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("valid_from", json!(self.valid_from.to_string())),
            ("pattern", json!(self.pattern)),
            ("day_of_month", json!(self.day_of_month)),
            ("weekday", json!(self.weekday)),
            ("place", json!(self.place)),
            ("legal_source", json!(self.legal_source)),
        ]
    }
}

/// Who presides and who is on duty on a reception day.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = reception_duties, treat_none_as_null = true)]
#[schema(as = ReceptionDuty)]
pub struct DutyRow {
    #[serde(skip)]
    pub agency_id: String,
    pub day: NaiveDate,
    pub host: String,
    pub officer_id: Option<String>,
    pub note: String,
    #[serde(skip)]
    pub updated_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
}

impl Auditable for DutyRow {
    const RECORD_TYPE: &'static str = "reception_duty";
    fn audit_id(&self) -> String {
        self.day.to_string()
    }
    fn audit_label(&self) -> String {
        self.day.format("%d/%m/%Y").to_string()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![("host", json!(self.host)), ("officer_id", json!(self.officer_id)), ("note", json!(self.note))]
    }
}
