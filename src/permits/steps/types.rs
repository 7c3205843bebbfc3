//! The permit types: the seeded ones reach every installation (a code not yet known is added; a
//! known one is left as administrators keep it), and an administrator adds a type or a new version
//! of one from a day (a new issuing body, a new decree, new fees): the version before it ends that
//! day, dossiers received earlier keep theirs.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditEntry};
use crate::db::schema::{deadline_rules, permit_types};
use crate::db::{DbConnection, write_tx};
use crate::domain::input as forms;
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::permits::catalogue::TYPES;
use crate::permits::model::{PermitTypeRow, RequiredDocument};

/// Call inside a write transaction.
pub fn ensure(conn: &mut DbConnection, actor: &Actor) -> Result<(), AppError> {
    let now = crate::time::now();
    for t in TYPES {
        let known: i64 = permit_types::table.filter(permit_types::code.eq(t.code)).count().get_result(conn)?;
        if known > 0 {
            continue;
        }
        let valid_from = chrono::NaiveDate::parse_from_str(t.valid_from, "%Y-%m-%d")
            .map_err(|e| AppError::Internal(anyhow::anyhow!("seed date {}: {e}", t.valid_from)))?;
        let row = PermitTypeRow {
            id: uuid::Uuid::now_v7().to_string(),
            code: t.code.into(),
            name_vi: t.name_vi.into(),
            name_en: t.name_en.into(),
            sector_code: t.sector_code.into(),
            issuer: t.issuer.into(),
            legal_rule: t.legal_rule.into(),
            published_rule: format!("{}.published", t.legal_rule),
            completeness_rule: t.completeness_rule.into(),
            required_documents: serde_json::to_string(&t.documents())
                .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?,
            appraisal_fee: t.appraisal_fee,
            levy: t.levy,
            fee_source: t.fee_source.into(),
            validity_months: t.validity_months,
            renew_before_days: t.renew_before_days,
            remind_days: t.remind_days,
            site_survey: t.site_survey,
            certificate_title: t.certificate_title.into(),
            certificate_bases: t.certificate_bases.into(),
            legal_source: t.legal_source.into(),
            verified: t.verified,
            valid_from,
            valid_to: None,
            created_at: now,
            updated_at: now,
        };
        diesel::insert_into(permit_types::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
    }
    Ok(())
}

/// A permit type's version as an administrator types it. Every field is text, as a form sends it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = PermitTypeInput)]
pub struct TypeInput {
    /// Lower-case letters, digits and `_`; a new code adds a type, a known one a version of it.
    #[serde(default)]
    #[schema(required = true, min_length = 2)]
    pub code: String,
    /// The first day the version is in force (YYYY-MM-DD or DD/MM/YYYY).
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub valid_from: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub name_vi: String,
    #[serde(default)]
    pub name_en: String,
    /// A sector's code (`GET /api/v1/sectors`).
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub sector_code: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub issuer: String,
    /// Deadline rules' codes (`/calendar/rules`): the law's, the province's published one, and the
    /// completeness check's.
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub legal_rule: String,
    #[serde(default)]
    pub published_rule: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub completeness_rule: String,
    /// One document per line: `code | Tên | Name | optional` (only the Vietnamese name is needed).
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub documents: String,
    /// VND, digits (dots and spaces allowed).
    #[serde(default)]
    pub appraisal_fee: String,
    #[serde(default)]
    pub levy: String,
    #[serde(default)]
    pub fee_source: String,
    /// Months; 0 or empty: does not expire.
    #[serde(default)]
    pub validity_months: String,
    #[serde(default)]
    pub renew_before_days: String,
    #[serde(default)]
    pub remind_days: String,
    /// "true": a site survey before the decision.
    #[serde(default)]
    pub site_survey: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub certificate_title: String,
    /// One legal basis per line, printed on the certificate.
    #[serde(default)]
    pub certificate_bases: String,
    /// Where the procedure is laid down (decree, circular, the province's decision).
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub legal_source: String,
    /// "true" once checked against the text itself.
    #[serde(default)]
    pub verified: String,
}

/// A document line's code from its name when none is given ("Đơn đề nghị" → `don_de_nghi`): its
/// first words, under 40 characters.
fn code_of(name: &str) -> String {
    let folded = text::fold(name);
    let mut code = String::new();
    for w in folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !code.is_empty() && code.len() + w.len() >= 40 {
            break;
        }
        if !code.is_empty() {
            code.push('_');
        }
        code.push_str(w);
    }
    code.chars().take(60).collect()
}

/// The checklist as typed, one document per line.
pub fn documents_of(raw: &str) -> Result<Vec<RequiredDocument>, Code> {
    let mut out: Vec<RequiredDocument> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let (code, vi, en, flag) = match parts.as_slice() {
            [vi] => (code_of(vi), *vi, *vi, ""),
            [code, vi] => (code.to_string(), *vi, *vi, ""),
            [code, vi, en] => (code.to_string(), *vi, *en, ""),
            [code, vi, en, flag] => (code.to_string(), *vi, *en, *flag),
            _ => return Err(Code::Invalid),
        };
        let optional = match text::fold(flag).as_str() {
            "" => false,
            "optional" | "khong bat buoc" | "tuy chon" => true,
            _ => return Err(Code::Invalid),
        };
        let code = if code.is_empty() { code_of(vi) } else { code };
        let plausible = (2..=60).contains(&code.len())
            && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !plausible || vi.is_empty() || vi.chars().count() > 500 || out.iter().any(|d| d.code == code) {
            return Err(Code::Invalid);
        }
        let en = if en.is_empty() { vi } else { en };
        out.push(RequiredDocument { code, name_vi: vi.into(), name_en: en.into(), optional });
    }
    if out.is_empty() { Err(Code::Required) } else { Ok(out) }
}

/// The checklist as the form shows it again.
pub fn documents_text(docs: &[RequiredDocument]) -> String {
    docs.iter()
        .map(|d| {
            let mut line = format!("{} | {} | {}", d.code, d.name_vi, d.name_en);
            if d.optional {
                line.push_str(" | optional");
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl TypeInput {
    /// The form of a new version, filled with the version `t`.
    pub fn from_version(t: &PermitTypeRow) -> TypeInput {
        let flag = |b: bool| if b { "true".to_string() } else { String::new() };
        TypeInput {
            code: t.code.clone(),
            valid_from: String::new(),
            name_vi: t.name_vi.clone(),
            name_en: t.name_en.clone(),
            sector_code: t.sector_code.clone(),
            issuer: t.issuer.clone(),
            legal_rule: t.legal_rule.clone(),
            published_rule: t.published_rule.clone(),
            completeness_rule: t.completeness_rule.clone(),
            documents: documents_text(&t.documents()),
            appraisal_fee: t.appraisal_fee.to_string(),
            levy: t.levy.to_string(),
            fee_source: t.fee_source.clone(),
            validity_months: t.validity_months.to_string(),
            renew_before_days: t.renew_before_days.to_string(),
            remind_days: t.remind_days.to_string(),
            site_survey: flag(t.site_survey),
            certificate_title: t.certificate_title.clone(),
            certificate_bases: t.certificate_bases.clone(),
            legal_source: t.legal_source.clone(),
            verified: flag(t.verified),
        }
    }

    /// The version it describes, checked (the rules and sector are checked against the database
    /// when it is saved).
    pub fn validate(&self) -> Result<PermitTypeRow, FieldErrors> {
        let mut e = FieldErrors::new();
        let code = self.code.trim().to_string();
        if !(2..=60).contains(&code.len())
            || !code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            e.add("code", Code::Invalid);
        }
        let far = NaiveDate::from_ymd_opt(2100, 1, 1).unwrap_or(NaiveDate::MAX);
        let valid_from = forms::day("valid_from", &self.valid_from, true, far, &mut e);
        let name_vi = forms::line("name_vi", &self.name_vi, true, 300, &mut e);
        let name_en = forms::line("name_en", &self.name_en, false, 300, &mut e);
        let sector_code = forms::line("sector_code", &self.sector_code, true, 60, &mut e);
        let issuer = forms::line("issuer", &self.issuer, true, 300, &mut e);
        let legal_rule = forms::line("legal_rule", &self.legal_rule, true, 100, &mut e);
        let published_rule = forms::line("published_rule", &self.published_rule, false, 100, &mut e);
        let completeness_rule = forms::line("completeness_rule", &self.completeness_rule, true, 100, &mut e);
        let documents = match documents_of(&self.documents) {
            Ok(d) => d,
            Err(c) => {
                e.add("documents", c);
                Vec::new()
            }
        };
        let mut number = |field: &'static str, raw: &str, max: i64| -> i64 {
            let digits: String = raw.chars().filter(|c| !matches!(c, '.' | ' ' | ',')).collect();
            match digits.as_str() {
                "" => 0,
                d => match d.parse::<i64>() {
                    Ok(n) if (0..=max).contains(&n) => n,
                    _ => {
                        e.push(FieldError::with_arg(field, Code::OutOfRange, format!("0–{max}")));
                        0
                    }
                },
            }
        };
        let appraisal_fee = number("appraisal_fee", &self.appraisal_fee, 1_000_000_000);
        let levy = number("levy", &self.levy, 1_000_000_000);
        let validity_months = number("validity_months", &self.validity_months, 1200) as i32;
        let renew_before_days = number("renew_before_days", &self.renew_before_days, 3650) as i32;
        let remind_days = number("remind_days", &self.remind_days, 3650) as i32;
        let fee_source = forms::block("fee_source", &self.fee_source, false, 1000, &mut e);
        let certificate_title = forms::line("certificate_title", &self.certificate_title, true, 300, &mut e);
        let certificate_bases = forms::block("certificate_bases", &self.certificate_bases, false, 4000, &mut e);
        let legal_source = forms::block("legal_source", &self.legal_source, true, 2000, &mut e);
        e.into_result()?;
        let now = crate::time::now();
        Ok(PermitTypeRow {
            id: uuid::Uuid::now_v7().to_string(),
            name_en: if name_en.is_empty() { name_vi.clone() } else { name_en },
            published_rule: if published_rule.is_empty() { format!("{legal_rule}.published") } else { published_rule },
            code,
            name_vi,
            sector_code,
            issuer,
            legal_rule,
            completeness_rule,
            required_documents: serde_json::to_string(&documents).unwrap_or_else(|_| "[]".into()),
            appraisal_fee,
            levy,
            fee_source,
            validity_months,
            renew_before_days,
            remind_days,
            site_survey: forms::ticked(&self.site_survey),
            certificate_title,
            certificate_bases,
            legal_source,
            verified: forms::ticked(&self.verified),
            valid_from: valid_from.unwrap_or(now.date()),
            valid_to: None,
            created_at: now,
            updated_at: now,
        })
    }
}

/// Adds a type, or a version of a known type from its `valid_from`: the version in force then
/// ends that day; a later version, if any, ends this one. Dossiers keep the version they were
/// received under.
pub fn add_version(conn: &mut DbConnection, actor: &Actor, input: &TypeInput) -> Result<PermitTypeRow, AppError> {
    let mut row = input.validate()?;
    write_tx(conn, |conn| {
        let mut e = FieldErrors::new();
        for (field, rule) in [
            ("legal_rule", &row.legal_rule),
            ("published_rule", &row.published_rule),
            ("completeness_rule", &row.completeness_rule),
        ] {
            let known: i64 = deadline_rules::table.filter(deadline_rules::code.eq(rule)).count().get_result(conn)?;
            if known == 0 {
                e.push(FieldError::with_arg(field, Code::PermitTypeRuleUnknown, rule.as_str()));
            }
        }
        if crate::sectors::queries::all(conn)?.iter().all(|s| s.code != row.sector_code) {
            e.add("sector_code", Code::InvalidChoice);
        }
        let versions: Vec<PermitTypeRow> = permit_types::table
            .filter(permit_types::code.eq(&row.code))
            .order(permit_types::valid_from.asc())
            .select(PermitTypeRow::as_select())
            .load(conn)?;
        if versions.iter().any(|v| v.valid_from == row.valid_from) {
            e.push(FieldError::with_arg(
                "valid_from",
                Code::PermitTypeVersionExists,
                row.valid_from.format("%d/%m/%Y").to_string(),
            ));
        }
        e.into_result()?;
        row.valid_to = versions.iter().find(|v| v.valid_from > row.valid_from).map(|v| v.valid_from);
        if let Some(before) = versions.iter().rev().find(|v| v.valid_from < row.valid_from)
            && before.valid_to.is_none_or(|to| to > row.valid_from)
        {
            let mut after = before.clone();
            after.valid_to = Some(row.valid_from);
            after.updated_at = row.created_at;
            diesel::update(permit_types::table.find(&before.id)).set(&after).execute(conn)?;
            if let Some(entry) = AuditEntry::updated(before, &after) {
                audit::record(conn, actor, entry)?;
            }
        }
        diesel::insert_into(permit_types::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checklist_lines_read_as_documents() {
        let d = documents_of(
            "application | Đơn đề nghị | Application\n\nBản sao CCCD\nreg | Giấy ĐKKD | Registration | không bắt buộc",
        )
        .unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!((d[0].code.as_str(), d[0].optional), ("application", false));
        assert_eq!((d[1].code.as_str(), d[1].name_en.as_str()), ("ban_sao_cccd", "Bản sao CCCD"));
        assert!(d[2].optional);
        assert_eq!(documents_of(&documents_text(&d)).unwrap(), d, "the form shows what it reads");
        assert_eq!(documents_of("  \n "), Err(Code::Required));
        assert_eq!(documents_of("a | b | c | maybe"), Err(Code::Invalid));
        assert_eq!(documents_of("x | Một\nx | Hai"), Err(Code::Invalid), "a code twice");
    }

    #[test]
    fn a_version_needs_its_code_day_names_and_source() {
        let e = TypeInput::default().validate().unwrap_err();
        for f in ["code", "valid_from", "name_vi", "sector_code", "issuer", "legal_rule", "documents", "legal_source"] {
            assert!(e.has(f), "{f}: {e:?}");
        }
        let bad = TypeInput { validity_months: "abc".into(), ..TypeInput::default() };
        assert!(bad.validate().unwrap_err().has("validity_months"));
    }
}
