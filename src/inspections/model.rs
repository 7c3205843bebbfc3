//! Rows of the inspection workflow and what the audit trail records of them.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

pub use super::choices::*;
pub use super::sanctions::{Offender, Title};
use super::state::{Kind, State};
use crate::audit::Auditable;
use crate::db::schema::{
    engagement_members, engagements, external_inspections, field_visits, finding_photos, findings, inspection_plans,
    outlet_relations, plan_items, publications, recommendations, violations,
};
use crate::domain::{DeadlineId, DocumentId, OutletId, UserId};

/// Something a person should know that does not stop the work (an overlap, a conflict of interest,
/// a publication still missing): a code with its parameters, like a refusal.
pub type Notice = crate::error::Refusal;

/// A notice as the reader sees it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Warning {
    pub code: String,
    pub message: String,
}

impl Warning {
    pub fn of(n: &Notice, lang: crate::i18n::Lang) -> Warning {
        Warning { code: n.code.as_str().to_string(), message: n.message(lang) }
    }

    pub fn all(ns: &[Notice], lang: crate::i18n::Lang) -> Vec<Warning> {
        ns.iter().map(|n| Warning::of(n, lang)).collect()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = inspection_plans, treat_none_as_null = true)]
pub struct PlanRow {
    pub id: String,
    #[serde(skip)]
    pub agency_id: String,
    pub year: i32,
    pub version: i32,
    pub title: String,
    /// draft, approved or superseded.
    pub status: PlanStatus,
    pub previous_id: Option<String>,
    pub amend_reason: String,
    pub document_id: Option<DocumentId>,
    pub approved_by: Option<String>,
    #[serde(serialize_with = "crate::time::api_opt")]
    pub approved_at: Option<NaiveDateTime>,
    pub created_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
}

impl Auditable for PlanRow {
    const RECORD_TYPE: &'static str = "inspection_plan";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} (v{})", self.title, self.version)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("year", json!(self.year)),
            ("version", json!(self.version)),
            ("title", json!(self.title)),
            ("status", json!(self.status)),
            ("amend_reason", json!(self.amend_reason)),
            ("document_id", json!(self.document_id)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = plan_items)]
pub struct PlanItemRow {
    pub id: String,
    #[serde(skip)]
    pub plan_id: String,
    pub position: i32,
    pub outlet_id: Option<OutletId>,
    pub group_label: String,
    pub sector_code: String,
    /// thanh_tra or kiem_tra.
    pub kind: Kind,
    pub scope: String,
    pub planned_quarter: i32,
    pub planned_month: Option<i32>,
    pub lead_unit: String,
}

impl PlanItemRow {
    /// The i18n key of "Tháng 5" or "Quý II".
    pub fn when_key(&self) -> String {
        match self.planned_month {
            Some(m) => format!("month.{}", m.clamp(1, 12)),
            None => quarter_key(self.planned_quarter),
        }
    }

    pub fn when(&self, lang: crate::i18n::Lang) -> &'static str {
        crate::i18n::lookup(lang, &self.when_key())
    }
}

/// The i18n key of "Quý II" / "Q2".
pub fn quarter_key(q: i32) -> String {
    format!("insp.quarter.{}", q.clamp(1, 4))
}

impl Auditable for PlanItemRow {
    const RECORD_TYPE: &'static str = "plan_item";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{}. {}", self.position, self.scope)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("plan_id", json!(self.plan_id)),
            ("outlet_id", json!(self.outlet_id)),
            ("group_label", json!(self.group_label)),
            ("sector", json!(self.sector_code)),
            ("kind", json!(self.kind)),
            ("scope", json!(self.scope)),
            ("planned_quarter", json!(self.planned_quarter)),
            ("planned_month", json!(self.planned_month)),
            ("lead_unit", json!(self.lead_unit)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = external_inspections)]
pub struct ExternalInspectionRow {
    pub id: String,
    pub outlet_id: OutletId,
    pub body: String,
    pub inspected_on: NaiveDate,
    pub note: String,
    pub created_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
}

impl Auditable for ExternalInspectionRow {
    const RECORD_TYPE: &'static str = "external_inspection";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} {}", self.body, self.inspected_on)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("outlet_id", json!(self.outlet_id)),
            ("body", json!(self.body)),
            ("inspected_on", json!(self.inspected_on.to_string())),
            ("note", json!(self.note)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = outlet_relations)]
pub struct RelationRow {
    pub id: String,
    pub outlet_id: OutletId,
    pub user_id: UserId,
    pub relation: String,
    pub created_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
}

impl Auditable for RelationRow {
    const RECORD_TYPE: &'static str = "outlet_relation";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        self.relation.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![("outlet_id", json!(self.outlet_id)), ("user_id", json!(self.user_id)), ("relation", json!(self.relation))]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = engagements, treat_none_as_null = true)]
pub struct EngagementRow {
    pub id: String,
    #[serde(skip)]
    pub agency_id: String,
    pub plan_item_id: Option<String>,
    pub outlet_id: OutletId,
    pub sector_code: String,
    /// thanh_tra or kiem_tra.
    pub kind: Kind,
    /// plan or ad_hoc.
    pub origin: Origin,
    pub reason: String,
    pub scope: String,
    pub period_covered: String,
    pub duration: i32,
    /// calendar or working.
    pub duration_unit: DurationUnit,
    pub state: State,
    pub checklist_id: Option<String>,
    pub decision_id: Option<DocumentId>,
    pub minutes_id: Option<DocumentId>,
    pub report_id: Option<DocumentId>,
    pub conclusion_id: Option<DocumentId>,
    pub announced_on: Option<NaiveDate>,
    pub onsite_ended_on: Option<NaiveDate>,
    pub signed_on: Option<NaiveDate>,
    pub appraised_on: Option<NaiveDate>,
    pub appraisal_note: String,
    pub suspended_before: bool,
    pub period_deadline_id: Option<DeadlineId>,
    pub step_deadline_id: Option<DeadlineId>,
    pub closing_reason: String,
    pub version: i32,
    pub created_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
}

impl EngagementRow {
    pub fn kind(&self) -> Kind {
        self.kind
    }
    pub fn state(&self) -> State {
        self.state
    }
}

impl Auditable for EngagementRow {
    const RECORD_TYPE: &'static str = "engagement";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} — {}", self.kind.label(crate::i18n::Lang::Vi), self.scope)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("outlet_id", json!(self.outlet_id)),
            ("kind", json!(self.kind)),
            ("origin", json!(self.origin)),
            ("reason", json!(self.reason)),
            ("scope", json!(self.scope)),
            ("period_covered", json!(self.period_covered)),
            ("duration", json!(format!("{} {}", self.duration, self.duration_unit))),
            ("state", json!(self.state)),
            ("checklist_id", json!(self.checklist_id)),
            ("decision_id", json!(self.decision_id)),
            ("minutes_id", json!(self.minutes_id)),
            ("report_id", json!(self.report_id)),
            ("conclusion_id", json!(self.conclusion_id)),
            ("announced_on", json!(self.announced_on.map(|d| d.to_string()))),
            ("onsite_ended_on", json!(self.onsite_ended_on.map(|d| d.to_string()))),
            ("signed_on", json!(self.signed_on.map(|d| d.to_string()))),
            ("appraised_on", json!(self.appraised_on.map(|d| d.to_string()))),
            ("appraisal_note", json!(self.appraisal_note)),
            ("closing_reason", json!(self.closing_reason)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = engagement_members)]
pub struct MemberRow {
    pub engagement_id: String,
    pub user_id: UserId,
    /// leader or member.
    pub role: TeamRole,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = findings, treat_none_as_null = true)]
pub struct FindingRow {
    pub id: String,
    #[serde(skip)]
    pub engagement_id: String,
    pub position: i32,
    pub item_code: String,
    pub item_text: String,
    pub legal_ref: String,
    /// pending, compliant, non_compliant or not_applicable.
    pub result: FindingResult,
    pub note: String,
    pub recorded_by: Option<String>,
    #[serde(serialize_with = "crate::time::api_opt")]
    pub recorded_at: Option<NaiveDateTime>,
}

impl Auditable for FindingRow {
    const RECORD_TYPE: &'static str = "finding";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{}. {}", self.position, self.item_text)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![("engagement_id", json!(self.engagement_id)), ("result", json!(self.result)), ("note", json!(self.note))]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = field_visits)]
pub struct VisitRow {
    pub id: String,
    #[serde(skip)]
    pub engagement_id: String,
    #[serde(serialize_with = "crate::time::api")]
    pub visited_at: NaiveDateTime,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub note: String,
    pub recorded_by: String,
}

impl Auditable for VisitRow {
    const RECORD_TYPE: &'static str = "field_visit";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        crate::time::show_vn(&self.visited_at)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("engagement_id", json!(self.engagement_id)),
            ("visited_at", json!(self.visited_at.to_string())),
            ("latitude", json!(self.latitude)),
            ("longitude", json!(self.longitude)),
            ("note", json!(self.note)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = finding_photos)]
pub struct PhotoRow {
    pub id: String,
    #[serde(skip)]
    pub engagement_id: String,
    pub finding_id: Option<String>,
    pub sha256: String,
    pub thumb_sha256: String,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    /// From the photo's EXIF (camera clock, as recorded).
    #[serde(serialize_with = "crate::time::api_opt")]
    pub taken_at: Option<NaiveDateTime>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub caption: String,
    pub uploaded_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub uploaded_at: NaiveDateTime,
}

impl Auditable for PhotoRow {
    const RECORD_TYPE: &'static str = "finding_photo";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        if self.caption.is_empty() { self.sha256.chars().take(12).collect() } else { self.caption.clone() }
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("engagement_id", json!(self.engagement_id)),
            ("finding_id", json!(self.finding_id)),
            ("sha256", json!(self.sha256)),
            ("content_type", json!(self.content_type)),
            ("taken_at", json!(self.taken_at.map(|t| t.to_string()))),
            ("latitude", json!(self.latitude)),
            ("longitude", json!(self.longitude)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = violations, treat_none_as_null = true)]
pub struct ViolationRecRow {
    pub id: String,
    #[serde(skip)]
    pub agency_id: String,
    pub engagement_id: String,
    pub finding_id: Option<String>,
    pub outlet_id: OutletId,
    pub rule_id: String,
    /// organisation or individual.
    pub offender: Offender,
    pub offender_name: String,
    pub detected_on: NaiveDate,
    pub description: String,
    /// detected, recorded, decided or closed.
    pub status: ViolationStatus,
    pub record_id: Option<DocumentId>,
    pub decision_id: Option<DocumentId>,
    pub fine_amount: Option<i64>,
    pub signer_title: Option<String>,
    pub remedies: String,
    /// unpaid or paid.
    pub payment_status: PaymentStatus,
    pub paid_on: Option<NaiveDate>,
    /// none, pending or done.
    pub remedy_status: RemedyStatus,
    pub deadline_id: Option<DeadlineId>,
    pub version: i32,
    pub created_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
    /// What the record states beyond the violation (JSON of `RecordDetails`).
    #[serde(skip)]
    pub record_details: String,
    /// What was paid, once paid.
    pub paid_amount: Option<i64>,
    /// The receipt (biên lai) the fine was paid against.
    pub receipt_no: String,
}

impl ViolationRecRow {
    pub fn details(&self) -> super::record::RecordDetails {
        serde_json::from_str(&self.record_details).unwrap_or_default()
    }
}

impl Auditable for ViolationRecRow {
    const RECORD_TYPE: &'static str = "violation";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{}: {}", self.offender_name, self.description)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("engagement_id", json!(self.engagement_id)),
            ("rule_id", json!(self.rule_id)),
            ("offender", json!(self.offender)),
            ("offender_name", json!(self.offender_name)),
            ("detected_on", json!(self.detected_on.to_string())),
            ("description", json!(self.description)),
            ("status", json!(self.status)),
            ("record_id", json!(self.record_id)),
            ("decision_id", json!(self.decision_id)),
            ("fine_amount", json!(self.fine_amount)),
            ("signer_title", json!(self.signer_title)),
            ("remedies", json!(self.remedies)),
            ("payment_status", json!(self.payment_status)),
            ("paid_on", json!(self.paid_on.map(|d| d.to_string()))),
            ("paid_amount", json!(self.paid_amount)),
            ("receipt_no", json!(self.receipt_no)),
            ("remedy_status", json!(self.remedy_status)),
            ("record_details", json!(self.details().summary())),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = recommendations, treat_none_as_null = true)]
pub struct RecommendationRow {
    pub id: String,
    #[serde(skip)]
    pub engagement_id: String,
    pub position: i32,
    /// fine, recovery, discipline or management.
    pub kind: RecKind,
    pub text: String,
    pub responsible: String,
    pub responsible_email: String,
    pub due_date: NaiveDate,
    /// pending, in_progress, done, not_possible or closed.
    pub status: RecStatus,
    pub close_reason: String,
    pub evidence_sha256: Option<String>,
    pub evidence_name: String,
    pub reminders: i32,
    #[serde(serialize_with = "crate::time::api_opt")]
    pub last_reminded_at: Option<NaiveDateTime>,
    pub version: i32,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
    /// The violation whose fine this recommendation is to pay (made with the sanction decision).
    pub violation_id: Option<String>,
}

impl RecommendationRow {
    /// Done, or closed with a reason: nothing left to follow.
    pub fn settled(&self) -> bool {
        self.status.settled()
    }
    pub fn overdue(&self, today: NaiveDate) -> bool {
        !self.settled() && self.due_date < today
    }
}

impl Auditable for RecommendationRow {
    const RECORD_TYPE: &'static str = "recommendation";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{}. {}", self.position, self.text.chars().take(80).collect::<String>())
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("engagement_id", json!(self.engagement_id)),
            ("kind", json!(self.kind)),
            ("text", json!(self.text)),
            ("responsible", json!(self.responsible)),
            ("responsible_email", json!(self.responsible_email)),
            ("due_date", json!(self.due_date.to_string())),
            ("status", json!(self.status)),
            ("close_reason", json!(self.close_reason)),
            ("evidence_sha256", json!(self.evidence_sha256)),
            ("reminders", json!(self.reminders)),
            ("violation_id", json!(self.violation_id)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = publications)]
pub struct PublicationRow {
    pub id: String,
    #[serde(skip)]
    pub engagement_id: String,
    pub document_id: DocumentId,
    /// portal, meeting, media or premises.
    pub channel: Channel,
    pub location: String,
    pub published_on: NaiveDate,
    pub removed_on: Option<NaiveDate>,
    /// The published version (business secrets left out), as stored.
    pub public_sha256: Option<String>,
    pub recorded_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
}

impl Auditable for PublicationRow {
    const RECORD_TYPE: &'static str = "publication";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} {}", self.channel.label(crate::i18n::Lang::Vi), self.published_on)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("engagement_id", json!(self.engagement_id)),
            ("document_id", json!(self.document_id)),
            ("channel", json!(self.channel)),
            ("location", json!(self.location)),
            ("published_on", json!(self.published_on.to_string())),
            ("removed_on", json!(self.removed_on.map(|d| d.to_string()))),
            ("public_sha256", json!(self.public_sha256)),
        ]
    }
}
