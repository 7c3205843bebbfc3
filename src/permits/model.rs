//! Rows of the permit desk and what the audit trail records of them.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub use super::choices::*;
use super::state::State;
use crate::audit::Auditable;
use crate::db::schema::{dossier_fees, dossier_items, dossier_surveys, dossiers, permit_types, permits, survey_photos};

/// One document the applicant must hand in (thành phần hồ sơ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RequiredDocument {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    /// Only for some applicants (e.g. a copy of the business registration when not on the national
    /// register): the dossier may be complete without it.
    #[serde(default)]
    pub optional: bool,
}

/// A version of a permit type, in force from `valid_from` (to `valid_to`, exclusive when set).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = permit_types, treat_none_as_null = true)]
pub struct PermitTypeRow {
    pub id: String,
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub sector_code: String,
    /// The body that issues it (effective-dated with the version: DOMAIN.md §1.7).
    pub issuer: String,
    /// The deadline rule of the law (each rule has its duration, day type and source).
    pub legal_rule: String,
    /// The deadline rule the province publishes, often shorter.
    pub published_rule: String,
    /// The rule for checking completeness and asking for what is missing.
    pub completeness_rule: String,
    /// JSON: `[RequiredDocument]`.
    #[serde(skip)]
    pub required_documents: String,
    /// VND.
    pub appraisal_fee: i64,
    pub levy: i64,
    pub fee_source: String,
    /// 0: does not expire.
    pub validity_months: i32,
    /// An existing holder applies at least this many days before expiry (0: no rule).
    pub renew_before_days: i32,
    /// Holders are reminded this many days before expiry.
    pub remind_days: i32,
    /// A site survey (game shops) before the decision.
    pub site_survey: bool,
    pub certificate_title: String,
    /// One basis per line.
    pub certificate_bases: String,
    pub legal_source: String,
    pub verified: bool,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
}

impl PermitTypeRow {
    pub fn documents(&self) -> Vec<RequiredDocument> {
        serde_json::from_str(&self.required_documents).unwrap_or_default()
    }

    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Vi => &self.name_vi,
            crate::i18n::Lang::En => &self.name_en,
        }
    }
}

impl Auditable for PermitTypeRow {
    const RECORD_TYPE: &'static str = "permit_type";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} ({})", self.name_vi, self.valid_from.format("%d/%m/%Y"))
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("code", json!(self.code)),
            ("name_vi", json!(self.name_vi)),
            ("name_en", json!(self.name_en)),
            ("sector_code", json!(self.sector_code)),
            ("issuer", json!(self.issuer)),
            ("legal_rule", json!(self.legal_rule)),
            ("published_rule", json!(self.published_rule)),
            ("completeness_rule", json!(self.completeness_rule)),
            ("required_documents", serde_json::from_str(&self.required_documents).unwrap_or(Value::Null)),
            ("appraisal_fee", json!(self.appraisal_fee)),
            ("levy", json!(self.levy)),
            ("fee_source", json!(self.fee_source)),
            ("validity_months", json!(self.validity_months)),
            ("renew_before_days", json!(self.renew_before_days)),
            ("remind_days", json!(self.remind_days)),
            ("site_survey", json!(self.site_survey)),
            ("certificate_title", json!(self.certificate_title)),
            ("legal_source", json!(self.legal_source)),
            ("verified", json!(self.verified)),
            ("valid_from", json!(self.valid_from.to_string())),
            ("valid_to", json!(self.valid_to.map(|d| d.to_string()))),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = dossiers, treat_none_as_null = true)]
pub struct DossierRow {
    pub id: String,
    #[serde(skip)]
    pub agency_id: String,
    pub year: i32,
    /// Its number in the agency's register of dossiers for the year.
    pub number: i64,
    /// Printed on the receipt slip; opens the public status page.
    pub tracking_code: String,
    /// The version of the permit type in force when it was received.
    pub permit_type_id: String,
    pub type_code: String,
    pub purpose: Purpose,
    /// The permit renewed, re-issued or amended.
    pub original_permit_id: Option<String>,
    /// The applicant, an outlet of the registry.
    pub outlet_id: String,
    /// The applicant's name as on the dossier.
    pub applicant: String,
    pub contact_email: String,
    pub contact_phone: String,
    pub channel: Channel,
    pub received_on: NaiveDate,
    /// The day the dossier became complete: its legal and published clocks count from it.
    pub complete_on: Option<NaiveDate>,
    pub state: State,
    /// What was missing when it was last returned, one item per line.
    pub missing: String,
    /// The appraisal's finding (thẩm định).
    pub appraisal: String,
    /// The reasons of a refusal or a withdrawal.
    pub outcome_reason: String,
    pub decided_on: Option<NaiveDate>,
    /// Against the legal deadline, once decided.
    pub on_time: Timeliness,
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

impl DossierRow {
    /// "Hồ sơ số 12/2026".
    pub fn register_no(&self) -> String {
        format!("{}/{}", self.number, self.year)
    }
}

impl Auditable for DossierRow {
    const RECORD_TYPE: &'static str = "dossier";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} — {}", self.register_no(), self.applicant)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("purpose", json!(self.purpose)),
            ("original_permit_id", json!(self.original_permit_id)),
            ("outlet_id", json!(self.outlet_id)),
            ("applicant", json!(self.applicant)),
            ("contact_email", json!(self.contact_email)),
            ("contact_phone", json!(self.contact_phone)),
            ("channel", json!(self.channel)),
            ("received_on", json!(self.received_on.to_string())),
            ("complete_on", json!(self.complete_on.map(|d| d.to_string()))),
            ("state", json!(self.state)),
            ("missing", json!(self.missing)),
            ("appraisal", json!(self.appraisal)),
            ("outcome_reason", json!(self.outcome_reason)),
            ("decided_on", json!(self.decided_on.map(|d| d.to_string()))),
            ("on_time", json!(self.on_time)),
            ("officer_id", json!(self.officer_id)),
        ]
    }
}

/// One line of the dossier's checklist.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = dossier_items)]
#[schema(as = DossierItem)]
pub struct ItemRow {
    #[serde(skip)]
    pub id: String,
    #[serde(skip)]
    pub dossier_id: String,
    pub position: i32,
    pub code: String,
    pub name: String,
    pub required: bool,
    pub received: bool,
    pub note: String,
}

impl Auditable for ItemRow {
    const RECORD_TYPE: &'static str = "dossier_item";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        self.name.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![("name", json!(self.name)), ("received", json!(self.received)), ("note", json!(self.note))]
    }
}

/// The site survey of a game shop (or any type that asks for one).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = dossier_surveys, treat_none_as_null = true)]
#[schema(as = DossierSurvey)]
pub struct SurveyRow {
    pub id: String,
    #[serde(skip)]
    pub dossier_id: String,
    pub surveyed_on: NaiveDate,
    /// Who went, one per line.
    pub surveyors: String,
    pub opening_hours: String,
    /// The sign names the service, the shop, its address, phone and business registration number.
    pub signboard_ok: bool,
    /// Fire-safety equipment and rules in place.
    pub fire_safety_ok: bool,
    /// Metres to the nearest school, where measured (the old 200 m rule, NĐ 72/2013; DOMAIN.md §9.5).
    pub school_distance_m: Option<i32>,
    pub notes: String,
    /// The surveyors' conclusion: the shop meets the conditions.
    pub meets: bool,
    #[serde(skip)]
    pub created_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
}

impl Auditable for SurveyRow {
    const RECORD_TYPE: &'static str = "dossier_survey";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("Khảo sát {}", self.surveyed_on.format("%d/%m/%Y"))
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("surveyed_on", json!(self.surveyed_on.to_string())),
            ("surveyors", json!(self.surveyors)),
            ("opening_hours", json!(self.opening_hours)),
            ("signboard_ok", json!(self.signboard_ok)),
            ("fire_safety_ok", json!(self.fire_safety_ok)),
            ("school_distance_m", json!(self.school_distance_m)),
            ("notes", json!(self.notes)),
            ("meets", json!(self.meets)),
        ]
    }
}

/// A photo taken at the site survey.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = survey_photos)]
#[schema(as = SurveyPhoto)]
pub struct SurveyPhotoRow {
    pub id: String,
    #[serde(skip)]
    pub dossier_id: String,
    pub survey_id: String,
    pub sha256: String,
    #[serde(skip)]
    pub thumb_sha256: String,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    /// From the photo's EXIF (camera clock, in UTC).
    #[serde(serialize_with = "crate::time::api_opt")]
    pub taken_at: Option<NaiveDateTime>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub caption: String,
    #[serde(skip)]
    pub uploaded_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub uploaded_at: NaiveDateTime,
}

impl Auditable for SurveyPhotoRow {
    const RECORD_TYPE: &'static str = "survey_photo";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        if self.caption.is_empty() { self.sha256.chars().take(12).collect() } else { self.caption.clone() }
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("dossier_id", json!(self.dossier_id)),
            ("survey_id", json!(self.survey_id)),
            ("sha256", json!(self.sha256)),
            ("content_type", json!(self.content_type)),
            ("taken_at", json!(self.taken_at.map(|t| t.to_string()))),
            ("latitude", json!(self.latitude)),
            ("longitude", json!(self.longitude)),
        ]
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = dossier_fees)]
#[schema(as = DossierFee)]
pub struct FeeRow {
    pub id: String,
    #[serde(skip)]
    pub dossier_id: String,
    pub kind: FeeKind,
    /// VND.
    pub amount: i64,
    /// The receipt's number (biên lai).
    pub receipt_no: String,
    pub paid_on: NaiveDate,
    #[serde(skip)]
    pub created_by: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
}

impl Auditable for FeeRow {
    const RECORD_TYPE: &'static str = "dossier_fee";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} {}", self.receipt_no, self.amount)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("kind", json!(self.kind)),
            ("amount", json!(self.amount)),
            ("receipt_no", json!(self.receipt_no)),
            ("paid_on", json!(self.paid_on.to_string())),
        ]
    }
}

/// A permit of the register.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = permits, treat_none_as_null = true)]
#[schema(as = Permit)]
pub struct PermitRow {
    pub id: String,
    #[serde(skip)]
    pub agency_id: String,
    pub type_code: String,
    #[serde(skip)]
    pub permit_type_id: String,
    pub dossier_id: String,
    pub outlet_id: String,
    pub holder: String,
    /// The certificate as issued by the document engine.
    pub document_id: String,
    /// Its number and symbol, e.g. "05/GP-SVHTTDL".
    pub symbol: String,
    pub issued_on: NaiveDate,
    /// None: does not expire.
    pub valid_until: Option<NaiveDate>,
    pub status: PermitStatus,
    pub replaces_id: Option<String>,
    /// The day its holder was last reminded of the expiry.
    pub reminded_on: Option<NaiveDate>,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
}

impl Auditable for PermitRow {
    const RECORD_TYPE: &'static str = "permit";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} — {}", self.symbol, self.holder)
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("type_code", json!(self.type_code)),
            ("holder", json!(self.holder)),
            ("symbol", json!(self.symbol)),
            ("issued_on", json!(self.issued_on.to_string())),
            ("valid_until", json!(self.valid_until.map(|d| d.to_string()))),
            ("status", json!(self.status)),
            ("replaces_id", json!(self.replaces_id)),
            ("reminded_on", json!(self.reminded_on.map(|d| d.to_string()))),
        ]
    }
}
