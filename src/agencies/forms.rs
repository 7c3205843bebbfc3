//! What a person types to create or change an agency, and its validation.

use chrono::NaiveDate;

use crate::agencies::model::{AgencyFull, AgencyRow, AgencySectorRow, SIGNER_PREFIXES, SignerRow, UnitRow};
use crate::domain::text;
use crate::error::{Code, FieldError, FieldErrors};

/// What a person (form, API or CLI) gives for an agency. Units and signers are one per line:
/// `code|name` and `prefix|authority title|title|full name[|valid from[|valid to]]`.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyInput {
    pub code: String,
    pub governing_body: String,
    pub name: String,
    pub abbreviation: String,
    pub place_name: String,
    pub province: String,
    pub valid_from: String,
    #[serde(default)]
    pub valid_to: String,
    #[serde(default)]
    pub successor_id: String,
    #[serde(default)]
    pub notes: String,
    /// The State Treasury that collects the agency's fines, as sanction decisions name it.
    #[serde(default)]
    pub treasury_name: String,
    /// The account fines are paid into.
    #[serde(default)]
    pub treasury_account: String,
    #[serde(default)]
    pub units: String,
    #[serde(default)]
    pub signers: String,
    #[serde(default)]
    pub sectors: Vec<String>,
}

fn parse_date(field: &str, s: &str, required: bool, e: &mut FieldErrors) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        if required {
            e.add(field, Code::Required);
        }
        return None;
    }
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            e.add(field, Code::DateInvalid);
            None
        }
    }
}

fn required_text(field: &str, s: &str, max: usize, e: &mut FieldErrors) -> String {
    let v = text::clean(s);
    if v.is_empty() {
        e.add(field, Code::Required);
    } else if v.chars().count() > max {
        e.push(FieldError::with_arg(field, Code::TooLong, max));
    }
    v
}

impl AgencyInput {
    /// Checks every field and builds the full agency (ids filled in; `id` kept for updates).
    pub fn validate(
        &self,
        id: &str,
        known_sectors: &[String],
        now: chrono::NaiveDateTime,
    ) -> Result<AgencyFull, FieldErrors> {
        let mut e = FieldErrors::new();
        let code = self.code.trim().to_string();
        if code.is_empty() {
            e.add("code", Code::Required);
        } else if code.len() > 32 || !code.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')) {
            e.add("code", Code::CodeFormat);
        }
        let governing_body = required_text("governing_body", &self.governing_body, 200, &mut e);
        let name = required_text("name", &self.name, 200, &mut e);
        let abbreviation = required_text("abbreviation", &self.abbreviation, 20, &mut e);
        if abbreviation.contains(char::is_whitespace) || abbreviation.contains('/') {
            e.add("abbreviation", Code::Invalid);
        }
        let place_name = required_text("place_name", &self.place_name, 100, &mut e);
        let province = required_text("province", &self.province, 100, &mut e);
        let valid_from = parse_date("valid_from", &self.valid_from, true, &mut e);
        let valid_to = parse_date("valid_to", &self.valid_to, false, &mut e);
        if let (Some(f), Some(t)) = (valid_from, valid_to)
            && t < f
        {
            e.add("valid_to", Code::DateOrder);
        }
        let successor_id = Some(self.successor_id.trim().to_string()).filter(|s| !s.is_empty());
        if successor_id.as_deref() == Some(id) {
            e.add("successor_id", Code::SuccessorSelf);
        }
        let notes = text::clean_multiline(&self.notes);
        if notes.chars().count() > 2000 {
            e.push(FieldError::with_arg("notes", Code::TooLong, 2000));
        }
        let treasury_name = text::clean(&self.treasury_name);
        if treasury_name.chars().count() > 200 {
            e.push(FieldError::with_arg("treasury_name", Code::TooLong, 200));
        }
        let treasury_account = text::clean(&self.treasury_account);
        if treasury_account.chars().count() > 40
            || !treasury_account.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ' '))
        {
            e.add("treasury_account", Code::Invalid);
        }
        let from = valid_from.unwrap_or_default();
        let mut units = Vec::new();
        for (i, line) in self.units.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
            match line.split_once('|') {
                Some((c, n)) if !c.trim().is_empty() && !n.trim().is_empty() && c.trim().len() <= 20 => {
                    units.push(UnitRow {
                        id: uuid::Uuid::now_v7().to_string(),
                        agency_id: id.to_string(),
                        code: c.trim().to_string(),
                        name: text::clean(n),
                        valid_from: from,
                        valid_to,
                    })
                }
                _ => {
                    e.push(FieldError::with_arg("units", Code::LineFormat, i + 1));
                    break;
                }
            }
        }
        let mut signers = Vec::new();
        for (i, line) in self.signers.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            let ok = (4..=6).contains(&parts.len())
                && SIGNER_PREFIXES.contains(&parts[0])
                && (parts[0].is_empty() || !parts[1].is_empty())
                && !parts[2].is_empty()
                && !parts[3].is_empty();
            if !ok {
                e.push(FieldError::with_arg("signers", Code::LineFormat, i + 1));
                break;
            }
            let sfrom = match parts.get(4).filter(|s| !s.is_empty()) {
                Some(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                    Ok(d) => d,
                    Err(_) => {
                        e.push(FieldError::with_arg("signers", Code::LineFormat, i + 1));
                        break;
                    }
                },
                None => from,
            };
            let sto = match parts.get(5).filter(|s| !s.is_empty()) {
                Some(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                    Ok(d) => Some(d),
                    Err(_) => {
                        e.push(FieldError::with_arg("signers", Code::LineFormat, i + 1));
                        break;
                    }
                },
                None => valid_to,
            };
            signers.push(SignerRow {
                id: uuid::Uuid::now_v7().to_string(),
                agency_id: id.to_string(),
                prefix: parts[0].to_string(),
                authority_title: text::clean(parts[1]).to_uppercase(),
                title: text::clean(parts[2]).to_uppercase(),
                full_name: text::clean(parts[3]),
                valid_from: sfrom,
                valid_to: sto,
            });
        }
        let mut sectors = Vec::new();
        for s in &self.sectors {
            if !known_sectors.contains(s) {
                e.push(FieldError::with_arg("sectors", Code::UnknownSector, s));
            } else if !sectors.iter().any(|x: &AgencySectorRow| &x.sector_code == s) {
                sectors.push(AgencySectorRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    agency_id: id.to_string(),
                    sector_code: s.clone(),
                    valid_from: from,
                    valid_to,
                });
            }
        }
        e.into_result()?;
        Ok(AgencyFull {
            agency: AgencyRow {
                id: id.to_string(),
                code,
                governing_body: governing_body.to_uppercase(),
                name: name.to_uppercase(),
                abbreviation,
                place_name,
                province,
                valid_from: from,
                valid_to,
                successor_id,
                notes,
                created_at: now,
                updated_at: now,
                treasury_name,
                treasury_account,
            },
            units,
            signers,
            sectors,
        })
    }
}
