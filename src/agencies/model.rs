use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use crate::audit::Auditable;
use crate::db::schema::{agencies, agency_sectors, agency_signers, agency_units};
use crate::error::{Code, Refusal};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, utoipa::ToSchema)]
#[diesel(table_name = agencies, treat_none_as_null = true)]
pub struct AgencyRow {
    pub id: String,
    pub code: String,
    pub governing_body: String,
    pub name: String,
    pub abbreviation: String,
    pub place_name: String,
    pub province: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub successor_id: Option<String>,
    pub notes: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
    /// The State Treasury that collects this agency's fines, as sanction decisions name it
    /// ("Kho bạc Nhà nước khu vực …").
    pub treasury_name: String,
    /// The account fines are paid into.
    pub treasury_account: String,
}

impl AgencyRow {
    pub fn in_force_on(&self, d: NaiveDate) -> bool {
        self.valid_from <= d && self.valid_to.is_none_or(|t| d <= t)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, PartialEq, utoipa::ToSchema)]
#[diesel(table_name = agency_units)]
pub struct UnitRow {
    #[serde(skip)]
    pub id: String,
    #[serde(skip)]
    pub agency_id: String,
    pub code: String,
    pub name: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// One person who signs the agency's documents. Edited on the signers page in place (the id is
/// what documents name in `signer_id`, so it never changes).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, Serialize, PartialEq, utoipa::ToSchema)]
#[diesel(table_name = agency_signers, treat_none_as_null = true)]
pub struct SignerRow {
    /// What a document or an engagement names as its `signer_id`.
    pub id: String,
    #[serde(skip)]
    pub agency_id: String,
    /// KT., TM., Q., TL., TUQ. or empty.
    pub prefix: String,
    /// The head's title after the prefix, e.g. GIÁM ĐỐC in "KT. GIÁM ĐỐC".
    pub authority_title: String,
    /// The signer's own title, e.g. PHÓ GIÁM ĐỐC.
    pub title: String,
    pub full_name: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// The written delegation of sanctioning power (giao quyền xử phạt, Luật XLVPHC Art. 54) a
    /// deputy signing "KT." needs to sign sanction decisions, as their last legal basis names it
    /// after "Căn cứ": "Quyết định số 05/QĐ-GQXP ngày 02/01/2026 của Chánh Thanh tra tỉnh về việc
    /// giao quyền xử phạt vi phạm hành chính". Empty: none.
    pub sanction_delegation: String,
}

impl SignerRow {
    /// The lines of the signature block above the name, as Nghị định 30/2020 lays them out.
    pub fn block_lines(&self) -> Vec<String> {
        if self.prefix.is_empty() {
            vec![self.title.clone()]
        } else {
            vec![format!("{} {}", self.prefix, self.authority_title), self.title.clone()]
        }
    }

    pub fn in_force_on(&self, d: NaiveDate) -> bool {
        self.valid_from <= d && self.valid_to.is_none_or(|t| d <= t)
    }

    /// The signer in one line, as the audit trail records it: name, signature lines, period, and
    /// the delegation to sanction when there is one (it names itself: "Quyết định số …").
    pub fn describe(&self) -> String {
        let mut line = format!(
            "{} — {} ({} – {})",
            self.full_name,
            self.block_lines().join(" / "),
            crate::time::show_date(&self.valid_from),
            self.valid_to.map(|d| crate::time::show_date(&d)).unwrap_or_else(|| "…".into())
        );
        if !self.sanction_delegation.is_empty() {
            line.push_str(&format!("; {}", self.sanction_delegation));
        }
        line
    }

    /// Whether this signer signs for the head ("KT."), so that signing a sanction decision needs
    /// the head's written delegation (`sanction_delegation`).
    pub fn signs_for_head(&self) -> bool {
        self.prefix == "KT."
    }

    /// The refusal for a deputy who signs a sanction decision without a delegation on record: it
    /// names the signer and where the delegation is entered.
    pub fn delegation_missing(&self) -> Option<Refusal> {
        (self.signs_for_head() && self.sanction_delegation.trim().is_empty()).then(|| {
            Refusal::new(Code::DelegationMissing)
                .with("name", &self.full_name)
                .with("title", &self.title)
                .with("agency", &self.agency_id)
        })
    }
}

pub const SIGNER_PREFIXES: [&str; 6] = ["", "KT.", "TM.", "Q.", "TL.", "TUQ."];

/// A signer with what the signers page and API show beside it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SignerView {
    #[serde(flatten)]
    pub signer: SignerRow,
    /// In force today: offered when documents and decisions are drafted.
    pub in_force: bool,
    /// How many documents name this signer; a signer any document names cannot be removed.
    pub documents: i64,
}

/// The refusal for an agency that has no signer in force: it says where one is set up.
pub fn no_signer_in_force(agency_id: &str) -> Refusal {
    Refusal::new(Code::NoSignerInForce).with("agency", agency_id)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, PartialEq, utoipa::ToSchema)]
#[diesel(table_name = agency_sectors)]
pub struct AgencySectorRow {
    #[serde(skip)]
    pub id: String,
    #[serde(skip)]
    pub agency_id: String,
    pub sector_code: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// An agency with everything that hangs off it; the unit of editing and of auditing.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgencyFull {
    #[serde(flatten)]
    pub agency: AgencyRow,
    pub units: Vec<UnitRow>,
    pub signers: Vec<SignerRow>,
    pub sectors: Vec<AgencySectorRow>,
}

fn date(d: &Option<NaiveDate>) -> Value {
    d.map(|d| json!(d.to_string())).unwrap_or(Value::Null)
}

impl Auditable for AgencyFull {
    const RECORD_TYPE: &'static str = "agency";
    fn audit_id(&self) -> String {
        self.agency.id.clone()
    }
    fn audit_label(&self) -> String {
        self.agency.name.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        let a = &self.agency;
        vec![
            ("code", json!(a.code)),
            ("governing_body", json!(a.governing_body)),
            ("name", json!(a.name)),
            ("abbreviation", json!(a.abbreviation)),
            ("place_name", json!(a.place_name)),
            ("province", json!(a.province)),
            ("valid_from", json!(a.valid_from.to_string())),
            ("valid_to", date(&a.valid_to)),
            ("successor_id", json!(a.successor_id)),
            ("notes", json!(a.notes)),
            ("treasury_name", json!(a.treasury_name)),
            ("treasury_account", json!(a.treasury_account)),
            ("units", json!(self.units.iter().map(|u| format!("{}|{}", u.code, u.name)).collect::<Vec<_>>())),
            ("signers", json!(self.signers.iter().map(SignerRow::describe).collect::<Vec<_>>())),
            (
                "sectors",
                json!(self.sectors.iter().map(|s| s.sector_code.clone()).collect::<std::collections::BTreeSet<_>>()),
            ),
        ]
    }
}
