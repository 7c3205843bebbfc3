use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::audit::Auditable;
use crate::db::schema::outlets;
use crate::domain::OutletId;
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutletKind {
    Enterprise,
    Household,
    Branch,
    PressOffice,
    Individual,
}

impl OutletKind {
    pub const ALL: [OutletKind; 5] = [
        OutletKind::Enterprise,
        OutletKind::Household,
        OutletKind::Branch,
        OutletKind::PressOffice,
        OutletKind::Individual,
    ];
    pub fn code(self) -> &'static str {
        match self {
            OutletKind::Enterprise => "enterprise",
            OutletKind::Household => "household",
            OutletKind::Branch => "branch",
            OutletKind::PressOffice => "press_office",
            OutletKind::Individual => "individual",
        }
    }
    pub fn label_key(self) -> &'static str {
        match self {
            OutletKind::Enterprise => "kind.enterprise",
            OutletKind::Household => "kind.household",
            OutletKind::Branch => "kind.branch",
            OutletKind::PressOffice => "kind.press_office",
            OutletKind::Individual => "kind.individual",
        }
    }
    /// Accepts the code or either language's label, with or without diacritics.
    pub fn parse(s: &str) -> Option<OutletKind> {
        let f = crate::domain::text::fold(s);
        OutletKind::ALL.into_iter().find(|k| {
            f == crate::domain::text::fold(k.code())
                || f == crate::domain::text::fold(crate::i18n::lookup(Lang::Vi, k.label_key()))
                || f == crate::domain::text::fold(crate::i18n::lookup(Lang::En, k.label_key()))
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutletStatus {
    Active,
    Suspended,
    Closed,
}

impl OutletStatus {
    pub const ALL: [OutletStatus; 3] = [OutletStatus::Active, OutletStatus::Suspended, OutletStatus::Closed];
    pub fn code(self) -> &'static str {
        match self {
            OutletStatus::Active => "active",
            OutletStatus::Suspended => "suspended",
            OutletStatus::Closed => "closed",
        }
    }
    pub fn label_key(self) -> &'static str {
        match self {
            OutletStatus::Active => "status.active",
            OutletStatus::Suspended => "status.suspended",
            OutletStatus::Closed => "status.closed",
        }
    }
    pub fn parse(s: &str) -> Option<OutletStatus> {
        let f = crate::domain::text::fold(s);
        OutletStatus::ALL.into_iter().find(|k| {
            f == k.code()
                || f == crate::domain::text::fold(crate::i18n::lookup(Lang::Vi, k.label_key()))
                || f == crate::domain::text::fold(crate::i18n::lookup(Lang::En, k.label_key()))
        })
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = outlets, treat_none_as_null = true)]
pub struct OutletRow {
    pub id: OutletId,
    pub sector_code: String,
    pub kind: String,
    pub name: String,
    pub tax_code: Option<String>,
    pub business_reg_no: String,
    pub street: String,
    pub commune: String,
    pub province: String,
    pub legal_representative: String,
    pub phone: String,
    pub notice_emails: String,
    pub attributes: String,
    pub status: String,
    pub notes: String,
    pub search_text: String,
    pub sort_name: String,
    pub created_by_agency_id: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
}

impl OutletRow {
    pub fn emails(&self) -> Vec<String> {
        serde_json::from_str(&self.notice_emails).unwrap_or_default()
    }
    pub fn attrs(&self) -> Map<String, Value> {
        serde_json::from_str(&self.attributes).unwrap_or_default()
    }
    pub fn kind(&self) -> OutletKind {
        OutletKind::parse(&self.kind).unwrap_or(OutletKind::Enterprise)
    }
    pub fn status(&self) -> OutletStatus {
        OutletStatus::parse(&self.status).unwrap_or(OutletStatus::Active)
    }
    /// The address on one line: street, commune, province.
    pub fn full_address(&self) -> String {
        [self.street.as_str(), self.commune.as_str(), self.province.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Auditable for OutletRow {
    const RECORD_TYPE: &'static str = "outlet";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_label(&self) -> String {
        self.name.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("name", json!(self.name)),
            ("sector", json!(self.sector_code)),
            ("kind", json!(self.kind)),
            ("tax_code", json!(self.tax_code)),
            ("business_reg_no", json!(self.business_reg_no)),
            ("address", json!(self.street)),
            ("commune", json!(self.commune)),
            ("province", json!(self.province)),
            ("legal_representative", json!(self.legal_representative)),
            ("phone", json!(self.phone)),
            ("notice_emails", json!(self.emails())),
            ("attributes", Value::Object(self.attrs())),
            ("status", json!(self.status)),
            ("notes", json!(self.notes)),
        ]
    }
}

/// An outlet as the API returns it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OutletView {
    pub id: String,
    pub name: String,
    /// `printing`, `postal`, `game`, `press`, `online_info`, or an added sector's code.
    pub sector: String,
    pub kind: OutletKind,
    pub tax_code: Option<String>,
    pub business_reg_no: String,
    /// Street address (house number, street, hamlet).
    pub address: String,
    pub commune: String,
    pub province: String,
    pub legal_representative: String,
    pub phone: String,
    pub notice_emails: Vec<String>,
    #[schema(value_type = Object)]
    pub attributes: Map<String, Value>,
    pub status: OutletStatus,
    pub notes: String,
    /// Increases with every change; send it back in PATCH to refuse overwriting someone else's edit.
    pub version: i32,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
}

impl From<&OutletRow> for OutletView {
    fn from(o: &OutletRow) -> Self {
        OutletView {
            id: o.id.to_string(),
            name: o.name.clone(),
            sector: o.sector_code.clone(),
            kind: o.kind(),
            tax_code: o.tax_code.clone(),
            business_reg_no: o.business_reg_no.clone(),
            address: o.street.clone(),
            commune: o.commune.clone(),
            province: o.province.clone(),
            legal_representative: o.legal_representative.clone(),
            phone: o.phone.clone(),
            notice_emails: o.emails(),
            attributes: o.attrs(),
            status: o.status(),
            notes: o.notes.clone(),
            version: o.version,
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}
