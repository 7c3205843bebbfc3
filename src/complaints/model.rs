//! Rows of the complaints desk and what the audit trail records of them. A denouncer's identity
//! never reaches the trail: the entry of a secret person says only that one was recorded.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

pub use super::choices::*;
use super::state::State;
use crate::audit::Auditable;
use crate::db::schema::{submission_files, submission_members, submission_outlets, submission_people, submissions};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = submissions, treat_none_as_null = true)]
pub struct SubmissionRow {
    pub id: String,
    #[serde(skip)]
    pub agency_id: String,
    pub year: i32,
    /// Its number in the agency's register of submissions for the year.
    pub number: i64,
    /// Printed on the receipt; with the citizen's phone it opens the public status page.
    pub tracking_code: String,
    pub received_on: NaiveDate,
    pub channel: Channel,
    pub forwarded_by: String,
    pub forwarded_ref: String,
    pub kind: Kind,
    /// Why it was classified so (by its content).
    pub kind_reason: String,
    pub competence: Competence,
    pub subject: String,
    pub content: String,
    pub anonymous: bool,
    pub remote_area: bool,
    pub complex_case: bool,
    pub state: State,
    #[serde(skip)]
    pub resume_state: String,
    pub outcome_reason: String,
    pub forwarded_to: String,
    pub accepted_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub extensions: i32,
    pub duplicate_of: Option<String>,
    pub officer_id: Option<String>,
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

impl SubmissionRow {
    /// "Đơn số 12/2026".
    pub fn register_no(&self) -> String {
        format!("{}/{}", self.number, self.year)
    }

    /// Whether the people on it are secret: a denunciation's (Luật Tố cáo 2018, Art. 47).
    pub fn is_secret(&self) -> bool {
        self.kind == Kind::Denunciation
    }

    pub fn resume_to(&self) -> Option<State> {
        State::parse(&self.resume_state)
    }
}

impl Auditable for SubmissionRow {
    const RECORD_TYPE: &'static str = "submission";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} — {}", self.register_no(), self.subject)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("received_on", json!(self.received_on.to_string())),
            ("channel", json!(self.channel)),
            ("forwarded_by", json!(self.forwarded_by)),
            ("forwarded_ref", json!(self.forwarded_ref)),
            ("kind", json!(self.kind)),
            ("kind_reason", json!(self.kind_reason)),
            ("competence", json!(self.competence)),
            ("subject", json!(self.subject)),
            ("content", json!(self.content)),
            ("anonymous", json!(self.anonymous)),
            ("remote_area", json!(self.remote_area)),
            ("complex_case", json!(self.complex_case)),
            ("state", json!(self.state)),
            ("outcome_reason", json!(self.outcome_reason)),
            ("forwarded_to", json!(self.forwarded_to)),
            ("accepted_on", json!(self.accepted_on.map(|d| d.to_string()))),
            ("decided_on", json!(self.decided_on.map(|d| d.to_string()))),
            ("closed_on", json!(self.closed_on.map(|d| d.to_string()))),
            ("extensions", json!(self.extensions)),
            ("duplicate_of", json!(self.duplicate_of)),
            ("officer_id", json!(self.officer_id)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = submission_people)]
pub struct PersonRow {
    pub id: String,
    #[serde(skip)]
    pub submission_id: String,
    pub position: i32,
    pub full_name: String,
    pub id_number: String,
    pub address: String,
    pub phone: String,
    #[serde(skip)]
    pub phone_digits: String,
    pub email: String,
}

/// A person as the trail records them: a secret one without anything that names them.
pub struct AuditedPerson<'a> {
    pub person: &'a PersonRow,
    pub secret: bool,
}

impl Auditable for AuditedPerson<'_> {
    const RECORD_TYPE: &'static str = "submission_person";
    fn audit_id(&self) -> String {
        self.person.id.clone()
    }
    fn audit_label(&self) -> String {
        match self.secret {
            true => format!("#{}", self.person.position),
            false => self.person.full_name.clone(),
        }
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        let p = self.person;
        match self.secret {
            true => vec![("position", json!(p.position)), ("secret", json!(true))],
            false => vec![
                ("position", json!(p.position)),
                ("full_name", json!(p.full_name)),
                ("id_number", json!(p.id_number)),
                ("address", json!(p.address)),
                ("phone", json!(p.phone)),
                ("email", json!(p.email)),
            ],
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = submission_outlets)]
pub struct ConcernRow {
    #[serde(skip)]
    pub submission_id: String,
    pub outlet_id: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = submission_members)]
#[schema(as = SubmissionMember)]
pub struct MemberRow {
    #[serde(skip)]
    pub submission_id: String,
    pub user_id: String,
    pub role: MemberRole,
}

impl Auditable for MemberRow {
    const RECORD_TYPE: &'static str = "submission_member";
    fn audit_id(&self) -> String {
        format!("{}:{}", self.submission_id, self.user_id)
    }
    fn audit_label(&self) -> String {
        self.user_id.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![("user_id", json!(self.user_id)), ("role", json!(self.role))]
    }
}

/// A scan of the submission (the letter, an enclosure).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = submission_files)]
#[schema(as = SubmissionFile)]
pub struct FileRow {
    pub id: String,
    #[serde(skip)]
    pub submission_id: String,
    #[serde(skip)]
    pub sha256: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub uploaded_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: chrono::NaiveDateTime,
}
