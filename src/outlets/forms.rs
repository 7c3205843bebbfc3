//! Input for an outlet from a web form, the JSON API or a CSV row, all checked by one function.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::model::{OutletKind, OutletStatus};
use crate::domain::{Email, Phone, TaxCode, text};
use crate::error::{Code, FieldError, FieldErrors};
use crate::sectors::SectorRow;

pub const MAX_EMAILS: usize = 10;

/// Sector-specific values as they arrive.
#[derive(Debug, Clone)]
pub enum AttrInput {
    /// Typed text per key (forms and CSV).
    Text(BTreeMap<String, String>),
    /// JSON values per key (API).
    Json(Map<String, Value>),
}

/// Notice emails as they arrive.
#[derive(Debug, Clone)]
pub enum EmailsInput {
    Text(String),
    List(Vec<String>),
}

/// Raw outlet input. Every field is what the person typed; nothing is trusted yet.
#[derive(Debug, Clone)]
pub struct OutletDraft {
    pub name: String,
    pub sector: String,
    pub kind: String,
    pub tax_code: String,
    pub business_reg_no: String,
    pub address: String,
    pub commune: String,
    pub province: String,
    pub legal_representative: String,
    pub phone: String,
    pub notice_emails: EmailsInput,
    pub attributes: AttrInput,
    pub status: String,
    pub notes: String,
}

/// A checked outlet, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidOutlet {
    pub name: String,
    pub sector: String,
    pub kind: OutletKind,
    pub tax_code: Option<TaxCode>,
    pub business_reg_no: String,
    pub address: String,
    pub commune: String,
    pub province: String,
    pub legal_representative: String,
    pub phone: String,
    pub notice_emails: Vec<Email>,
    pub attributes: Map<String, Value>,
    pub status: OutletStatus,
    pub notes: String,
}

fn text_field(field: &str, raw: &str, max: usize, required: bool, e: &mut FieldErrors) -> String {
    let v = text::clean(raw);
    if v.is_empty() && required {
        e.add(field, Code::Required);
    } else if v.chars().count() > max {
        e.push(FieldError::with_arg(field, Code::TooLong, max));
    }
    v
}

/// Finds a sector by code or by either name, with or without diacritics.
pub fn find_sector<'a>(sectors: &'a [SectorRow], raw: &str) -> Option<&'a SectorRow> {
    let f = text::fold(raw);
    if f.is_empty() {
        return None;
    }
    sectors.iter().find(|s| {
        s.code == raw.trim() || text::fold(&s.code) == f || text::fold(&s.name_vi) == f || text::fold(&s.name_en) == f
    })
}

impl OutletDraft {
    pub fn validate(&self, sectors: &[SectorRow]) -> Result<ValidOutlet, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = text_field("name", &self.name, 300, true, &mut e);
        let sector = if self.sector.trim().is_empty() {
            e.add("sector", Code::Required);
            None
        } else {
            match find_sector(sectors, &self.sector).filter(|s| s.active) {
                Some(s) => Some(s),
                None => {
                    e.push(FieldError::with_arg("sector", Code::UnknownSector, self.sector.trim()));
                    None
                }
            }
        };
        let kind = if self.kind.trim().is_empty() {
            OutletKind::Enterprise
        } else {
            OutletKind::parse(&self.kind).unwrap_or_else(|| {
                e.add("kind", Code::InvalidChoice);
                OutletKind::Enterprise
            })
        };
        let tax_code = if self.tax_code.trim().is_empty() {
            None
        } else {
            match TaxCode::parse(&self.tax_code) {
                Ok(t) => Some(t),
                Err(err) => {
                    e.add("tax_code", err.code());
                    None
                }
            }
        };
        let business_reg_no = text_field("business_reg_no", &self.business_reg_no, 50, false, &mut e);
        let address = text_field("address", &self.address, 300, false, &mut e);
        let commune = text_field("commune", &self.commune, 100, false, &mut e);
        let province = text_field("province", &self.province, 100, true, &mut e);
        let legal_representative = text_field("legal_representative", &self.legal_representative, 120, false, &mut e);
        let phone = if self.phone.trim().is_empty() {
            String::new()
        } else {
            match Phone::parse(&self.phone) {
                Some(p) => p.as_str().to_string(),
                None => {
                    e.add("phone", Code::PhoneInvalid);
                    String::new()
                }
            }
        };
        let notice_emails = match &self.notice_emails {
            EmailsInput::Text(t) => Email::parse_list(t),
            EmailsInput::List(l) => {
                let mut out: Vec<Email> = Vec::new();
                let mut bad = None;
                for s in l {
                    match Email::parse(s) {
                        Some(m) if !out.contains(&m) => out.push(m),
                        Some(_) => {}
                        None => {
                            bad = Some(s.clone());
                            break;
                        }
                    }
                }
                bad.map_or(Ok(out), Err)
            }
        };
        let notice_emails = match notice_emails {
            Ok(l) if l.len() > MAX_EMAILS => {
                e.push(FieldError::with_arg("notice_emails", Code::EmailTooMany, MAX_EMAILS));
                vec![]
            }
            Ok(l) => l,
            Err(bad) => {
                let shown: String = bad.chars().take(60).collect();
                e.push(FieldError::with_arg("notice_emails", Code::EmailInvalid, shown));
                vec![]
            }
        };
        let attributes = match sector {
            None => Map::new(),
            Some(s) => match &self.attributes {
                AttrInput::Json(m) => s.check_attributes(m, &mut e),
                AttrInput::Text(m) => {
                    let mut out = Map::new();
                    for def in s.attrs() {
                        if let Some(raw) = m.get(&def.key)
                            && let Some(v) = def.parse_form(raw, &format!("attributes.{}", def.key), &mut e)
                        {
                            out.insert(def.key.clone(), v);
                        }
                    }
                    out
                }
            },
        };
        let status = if self.status.trim().is_empty() {
            OutletStatus::Active
        } else {
            OutletStatus::parse(&self.status).unwrap_or_else(|| {
                e.add("status", Code::InvalidChoice);
                OutletStatus::Active
            })
        };
        let notes = text::clean_multiline(&self.notes);
        if notes.chars().count() > 4000 {
            e.push(FieldError::with_arg("notes", Code::TooLong, 4000));
        }
        e.into_result()?;
        Ok(ValidOutlet {
            name,
            sector: sector.map(|s| s.code.clone()).unwrap_or_default(),
            kind,
            tax_code,
            business_reg_no,
            address,
            commune,
            province,
            legal_representative,
            phone,
            notice_emails,
            attributes,
            status,
            notes,
        })
    }
}

/// The HTML form: every field is text; sector fields are named `attr.<sector>.<key>` so that each
/// sector's fieldset keeps its own values, and only the chosen sector's are used.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OutletForm {
    #[serde(flatten)]
    pub fields: BTreeMap<String, String>,
}

impl OutletForm {
    pub fn get(&self, k: &str) -> String {
        self.fields.get(k).cloned().unwrap_or_default()
    }

    pub fn version(&self) -> Option<i32> {
        self.fields.get("version").and_then(|v| v.parse().ok())
    }

    pub fn draft(&self) -> OutletDraft {
        let sector = self.get("sector");
        let prefix = format!("attr.{sector}.");
        let attrs = self
            .fields
            .iter()
            .filter_map(|(k, v)| k.strip_prefix(&prefix).map(|key| (key.to_string(), v.clone())))
            .collect();
        OutletDraft {
            name: self.get("name"),
            sector,
            kind: self.get("kind"),
            tax_code: self.get("tax_code"),
            business_reg_no: self.get("business_reg_no"),
            address: self.get("address"),
            commune: self.get("commune"),
            province: self.get("province"),
            legal_representative: self.get("legal_representative"),
            phone: self.get("phone"),
            notice_emails: EmailsInput::Text(self.get("notice_emails")),
            attributes: AttrInput::Text(attrs),
            status: self.get("status"),
            notes: self.get("notes"),
        }
    }
}

/// `POST /api/v1/outlets`: unknown fields are refused. Text is trimmed and runs of spaces collapsed
/// before the lengths are counted.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutletCreate {
    /// Not blank, at most 300 characters.
    #[schema(min_length = 1, max_length = 300, pattern = "\\S")]
    pub name: String,
    /// An active sector: its code (`GET /api/v1/sectors`) or its name in either language.
    #[schema(min_length = 1, pattern = "\\S", examples("printing"))]
    pub sector: String,
    /// Default `enterprise`. A label in either language is also understood.
    #[serde(default)]
    #[schema(value_type = Option<OutletKind>)]
    pub kind: Option<String>,
    /// Tax code (MST): 10 digits, or 13 for a branch (`0100233488`, `0314409058-002`), or the
    /// 12-digit personal identification number of an individual or household business
    /// (`042085012345`); spaces, dots and hyphens between the digits are ignored. The tenth digit is
    /// a check digit and a branch suffix is 001–999; a personal number starts with a province code
    /// 001–096 and a century code 0–3. Empty: none.
    #[serde(default)]
    #[schema(
        pattern = "^ *$|^[-. ]*(?:[0-9][-. ]*){10}(?:(?:[0-9][-. ]*){3})?$|^[. ]*(?:[0-9][. ]*){12}$",
        examples("0100233488")
    )]
    pub tax_code: Option<String>,
    /// At most 50 characters.
    #[serde(default)]
    #[schema(max_length = 50)]
    pub business_reg_no: Option<String>,
    /// Street address, at most 300 characters.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub address: Option<String>,
    /// At most 100 characters.
    #[serde(default)]
    #[schema(max_length = 100)]
    pub commune: Option<String>,
    /// Required: not blank, at most 100 characters.
    #[serde(default)]
    #[schema(value_type = String, required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    pub province: Option<String>,
    /// At most 120 characters.
    #[serde(default)]
    #[schema(max_length = 120)]
    pub legal_representative: Option<String>,
    /// 8–15 digits, written with spaces, dots, hyphens or brackets, an optional leading `+` and an
    /// optional extension (`x12` or `#12`, up to 6 digits). Empty: none.
    #[serde(default)]
    #[schema(pattern = "^ *$|^\\+?[-. ()]*(?:[0-9][-. ()]*){8,15}(?:[x#] *[0-9]{1,6} *)?$", examples("0239 3856 123"))]
    pub phone: Option<String>,
    /// Where notices go: at most 10 different addresses, each with a dotted domain.
    #[serde(default)]
    #[schema(format = Email, max_length = 254, max_items = 10)]
    pub notice_emails: Option<Vec<String>>,
    /// The sector's own fields (`attributes` of `GET /api/v1/sectors`), checked by their kind.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub attributes: Option<Map<String, Value>>,
    /// Default `active`. A label in either language is also understood.
    #[serde(default)]
    #[schema(value_type = Option<OutletStatus>)]
    pub status: Option<String>,
    /// At most 4000 characters; line breaks are kept.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub notes: Option<String>,
}

impl OutletCreate {
    pub fn draft(self) -> OutletDraft {
        OutletDraft {
            name: self.name,
            sector: self.sector,
            kind: self.kind.unwrap_or_default(),
            tax_code: self.tax_code.unwrap_or_default(),
            business_reg_no: self.business_reg_no.unwrap_or_default(),
            address: self.address.unwrap_or_default(),
            commune: self.commune.unwrap_or_default(),
            province: self.province.unwrap_or_default(),
            legal_representative: self.legal_representative.unwrap_or_default(),
            phone: self.phone.unwrap_or_default(),
            notice_emails: EmailsInput::List(self.notice_emails.unwrap_or_default()),
            attributes: AttrInput::Json(self.attributes.unwrap_or_default()),
            status: self.status.unwrap_or_default(),
            notes: self.notes.unwrap_or_default(),
        }
    }
}

/// `PATCH /api/v1/outlets/{id}`: only the fields given change. `null` clears an optional field.
/// The rules of each field are those of `OutletCreate`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutletPatch {
    /// Not blank, at most 300 characters.
    #[schema(min_length = 1, max_length = 300, pattern = "\\S")]
    pub name: Option<String>,
    /// An active sector: its code or its name in either language.
    #[schema(min_length = 1, pattern = "\\S")]
    pub sector: Option<String>,
    #[schema(value_type = Option<OutletKind>)]
    pub kind: Option<String>,
    /// Tax code (MST): 10 digits, or 13 for a branch (`0100233488`, `0314409058-002`); spaces, dots
    /// and hyphens between the digits are ignored; check digit and branch suffix checked. Empty or
    /// `null`: none.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>, pattern = "^ *$|^[-. ]*(?:[0-9][-. ]*){10}(?:(?:[0-9][-. ]*){3})?$|^[. ]*(?:[0-9][. ]*){12}$")]
    pub tax_code: Option<Option<String>>,
    #[schema(max_length = 50)]
    pub business_reg_no: Option<String>,
    #[schema(max_length = 300)]
    pub address: Option<String>,
    #[schema(max_length = 100)]
    pub commune: Option<String>,
    /// Not blank, at most 100 characters.
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub province: Option<String>,
    #[schema(max_length = 120)]
    pub legal_representative: Option<String>,
    /// 8–15 digits with separators, an optional `+` and extension; empty: none.
    #[schema(pattern = "^ *$|^\\+?[-. ()]*(?:[0-9][-. ()]*){8,15}(?:[x#] *[0-9]{1,6} *)?$")]
    pub phone: Option<String>,
    /// At most 10 different addresses, each with a dotted domain.
    #[schema(format = Email, max_length = 254, max_items = 10)]
    pub notice_emails: Option<Vec<String>>,
    /// The sector's own fields; left out when the sector changes, they are cleared.
    #[schema(value_type = Option<Object>)]
    pub attributes: Option<Map<String, Value>>,
    #[schema(value_type = Option<OutletStatus>)]
    pub status: Option<String>,
    #[schema(max_length = 4000)]
    pub notes: Option<String>,
    /// The version the client last read; a different current version gives 409.
    pub version: Option<i32>,
}

fn double_option<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Ok(Some(Option::deserialize(d)?))
}

impl OutletPatch {
    /// Applies the patch over the current values, giving a full draft to validate.
    pub fn apply(self, cur: &super::model::OutletRow) -> OutletDraft {
        let sector_changed = self.sector.as_ref().is_some_and(|s| s != &cur.sector_code);
        let attributes = match self.attributes {
            Some(a) => a,
            None if sector_changed => Map::new(),
            None => cur.attrs(),
        };
        OutletDraft {
            name: self.name.unwrap_or_else(|| cur.name.clone()),
            sector: self.sector.unwrap_or_else(|| cur.sector_code.clone()),
            kind: self.kind.unwrap_or_else(|| cur.kind.clone()),
            tax_code: match self.tax_code {
                Some(v) => v.unwrap_or_default(),
                None => cur.tax_code.clone().unwrap_or_default(),
            },
            business_reg_no: self.business_reg_no.unwrap_or_else(|| cur.business_reg_no.clone()),
            address: self.address.unwrap_or_else(|| cur.street.clone()),
            commune: self.commune.unwrap_or_else(|| cur.commune.clone()),
            province: self.province.unwrap_or_else(|| cur.province.clone()),
            legal_representative: self.legal_representative.unwrap_or_else(|| cur.legal_representative.clone()),
            phone: self.phone.unwrap_or_else(|| cur.phone.clone()),
            notice_emails: EmailsInput::List(self.notice_emails.unwrap_or_else(|| cur.emails())),
            attributes: AttrInput::Json(attributes),
            status: self.status.unwrap_or_else(|| cur.status.clone()),
            notes: self.notes.unwrap_or_else(|| cur.notes.clone()),
        }
    }
}
