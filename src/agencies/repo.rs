use chrono::NaiveDate;
use diesel::prelude::*;

use super::model::{AgencyFull, AgencyRow, AgencySectorRow, SIGNER_PREFIXES, SignerRow, UnitRow};
use crate::audit::{self, Actor, AuditEntry};
use crate::db::schema::{agencies, agency_sectors, agency_signers, agency_units};
use crate::db::{DbConnection, write_tx};
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};

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
            },
            units,
            signers,
            sectors,
        })
    }
}

pub fn list(conn: &mut DbConnection) -> Result<Vec<AgencyRow>, AppError> {
    Ok(agencies::table
        .order((agencies::valid_from.desc(), agencies::name.asc()))
        .select(AgencyRow::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<AgencyRow, AppError> {
    Ok(agencies::table.find(id).select(AgencyRow::as_select()).first(conn)?)
}

pub fn find_by_code(conn: &mut DbConnection, code: &str) -> Result<Option<AgencyRow>, AppError> {
    Ok(agencies::table.filter(agencies::code.eq(code)).select(AgencyRow::as_select()).first(conn).optional()?)
}

pub fn full(conn: &mut DbConnection, id: &str) -> Result<AgencyFull, AppError> {
    let agency = find(conn, id)?;
    let units = agency_units::table
        .filter(agency_units::agency_id.eq(id))
        .order(agency_units::code.asc())
        .select(UnitRow::as_select())
        .load(conn)?;
    let signers = agency_signers::table
        .filter(agency_signers::agency_id.eq(id))
        .order((agency_signers::valid_from.asc(), agency_signers::id.asc()))
        .select(SignerRow::as_select())
        .load(conn)?;
    let sectors = agency_sectors::table
        .filter(agency_sectors::agency_id.eq(id))
        .order(agency_sectors::sector_code.asc())
        .select(AgencySectorRow::as_select())
        .load(conn)?;
    Ok(AgencyFull { agency, units, signers, sectors })
}

/// Agencies in force on `date`, optionally only those handling `sector` on that date.
pub fn in_force(conn: &mut DbConnection, date: NaiveDate, sector: Option<&str>) -> Result<Vec<AgencyFull>, AppError> {
    let rows: Vec<AgencyRow> = agencies::table
        .filter(agencies::valid_from.le(date))
        .filter(agencies::valid_to.is_null().or(agencies::valid_to.ge(date)))
        .order(agencies::name.asc())
        .select(AgencyRow::as_select())
        .load(conn)?;
    let mut out = Vec::new();
    for r in rows {
        let f = full(conn, &r.id)?;
        let handles = match sector {
            None => true,
            Some(s) => f
                .sectors
                .iter()
                .any(|x| x.sector_code == s && x.valid_from <= date && x.valid_to.is_none_or(|t| date <= t)),
        };
        if handles {
            out.push(f);
        }
    }
    Ok(out)
}

fn check_successor(conn: &mut DbConnection, a: &AgencyRow) -> Result<(), AppError> {
    if let Some(s) = &a.successor_id {
        let mut seen = vec![a.id.clone()];
        let mut cur = Some(s.clone());
        while let Some(id) = cur {
            if seen.contains(&id) {
                return Err(FieldErrors(vec![FieldError::new("successor_id", Code::SuccessorSelf)]).into());
            }
            let next =
                agencies::table.find(&id).select(agencies::successor_id).first::<Option<String>>(conn).optional()?;
            match next {
                None => {
                    return Err(FieldErrors(vec![FieldError::with_arg("successor_id", Code::NotFound, &id)]).into());
                }
                Some(n) => cur = n,
            }
            seen.push(id);
        }
    }
    Ok(())
}

fn write_children(conn: &mut DbConnection, f: &AgencyFull) -> Result<(), AppError> {
    let id = &f.agency.id;
    diesel::delete(agency_units::table.filter(agency_units::agency_id.eq(id))).execute(conn)?;
    diesel::delete(agency_signers::table.filter(agency_signers::agency_id.eq(id))).execute(conn)?;
    diesel::delete(agency_sectors::table.filter(agency_sectors::agency_id.eq(id))).execute(conn)?;
    for u in &f.units {
        diesel::insert_into(agency_units::table).values(u).execute(conn)?;
    }
    for s in &f.signers {
        diesel::insert_into(agency_signers::table).values(s).execute(conn)?;
    }
    for s in &f.sectors {
        diesel::insert_into(agency_sectors::table).values(s).execute(conn)?;
    }
    Ok(())
}

pub fn create(conn: &mut DbConnection, actor: &Actor, f: AgencyFull) -> Result<AgencyFull, AppError> {
    write_tx(conn, |conn| {
        if find_by_code(conn, &f.agency.code)?.is_some() {
            return Err(FieldErrors(vec![FieldError::new("code", Code::CodeTaken)]).into());
        }
        check_successor(conn, &f.agency)?;
        diesel::insert_into(agencies::table).values(&f.agency).execute(conn)?;
        write_children(conn, &f)?;
        audit::record(conn, actor, AuditEntry::created(&f))?;
        Ok(f)
    })
}

pub fn update(conn: &mut DbConnection, actor: &Actor, mut f: AgencyFull) -> Result<AgencyFull, AppError> {
    write_tx(conn, |conn| {
        let before = full(conn, &f.agency.id)?;
        if let Some(other) = find_by_code(conn, &f.agency.code)?
            && other.id != f.agency.id
        {
            return Err(FieldErrors(vec![FieldError::new("code", Code::CodeTaken)]).into());
        }
        check_successor(conn, &f.agency)?;
        f.agency.created_at = before.agency.created_at;
        f.agency.updated_at = crate::time::now();
        let a = &f.agency;
        diesel::update(agencies::table.find(&a.id))
            .set((
                agencies::code.eq(&a.code),
                agencies::governing_body.eq(&a.governing_body),
                agencies::name.eq(&a.name),
                agencies::abbreviation.eq(&a.abbreviation),
                agencies::place_name.eq(&a.place_name),
                agencies::province.eq(&a.province),
                agencies::valid_from.eq(a.valid_from),
                agencies::valid_to.eq(a.valid_to),
                agencies::successor_id.eq(&a.successor_id),
                agencies::notes.eq(&a.notes),
                agencies::updated_at.eq(a.updated_at),
            ))
            .execute(conn)?;
        write_children(conn, &f)?;
        let after = full(conn, &f.agency.id)?;
        if let Some(e) = AuditEntry::updated(&before, &after) {
            audit::record(conn, actor, e)?;
        }
        Ok(after)
    })
}

/// Ids of the agencies whose records `agency_id` may read: itself and every agency it succeeded,
/// since files pass to the successor.
pub fn visible_agency_ids(conn: &mut DbConnection, agency_id: &str) -> Result<Vec<String>, AppError> {
    let mut ids = vec![agency_id.to_string()];
    let mut frontier = vec![agency_id.to_string()];
    while let Some(cur) = frontier.pop() {
        let preds: Vec<String> =
            agencies::table.filter(agencies::successor_id.eq(&cur)).select(agencies::id).load(conn)?;
        for p in preds {
            if !ids.contains(&p) {
                ids.push(p.clone());
                frontier.push(p);
            }
        }
    }
    Ok(ids)
}
