//! The report drafted for an agency and period (migration 29).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::audit::Auditable;
use crate::db::schema::report_drafts;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize, utoipa::ToSchema)]
#[diesel(table_name = report_drafts)]
pub struct ReportDraftRow {
    pub id: String,
    pub agency_id: String,
    /// `2026-07`, `2026-Q3`, `2026-H1`, `2026`, or `2026-07-01..2026-09-15` for a range.
    pub period_code: String,
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    /// The report (BC) document: a draft until a leader issues it.
    pub document_id: String,
    /// The deadline to send it (monthly reports, drafted by the service).
    pub deadline_id: Option<String>,
    pub created_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
}

impl ReportDraftRow {
    pub const RECORD_TYPE: &'static str = "report_draft";
}

impl Auditable for ReportDraftRow {
    const RECORD_TYPE: &'static str = ReportDraftRow::RECORD_TYPE;
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} – {}", self.period_from.format("%d/%m/%Y"), self.period_to.format("%d/%m/%Y"))
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("period_code", json!(self.period_code)),
            ("period_from", json!(self.period_from.to_string())),
            ("period_to", json!(self.period_to.to_string())),
            ("document_id", json!(self.document_id)),
            ("deadline_id", json!(self.deadline_id)),
        ]
    }
}
