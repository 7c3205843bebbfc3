//! The violation catalogue and the sector checklists, seeded from DOMAIN.md (§3, §9.4, §9.5) with
//! their sources; entries not checked against the decree's text are flagged unverified.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::audit::{self, Actor, AuditEntry, Auditable};
use crate::db::DbConnection;
use crate::db::schema::{checklist_templates, sanction_decrees, violation_rules};
use crate::error::{AppError, Code};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = violation_rules)]
pub struct ViolationRow {
    pub id: String,
    pub code: String,
    pub sector_code: String,
    pub decree: String,
    pub article: String,
    pub description: String,
    pub min_org: i64,
    pub max_org: i64,
    pub remedies: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub legal_source: String,
    pub verified: bool,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
    /// The decree (`sanction_decrees`) cited in full by records and decisions.
    pub decree_id: Option<String>,
    /// Whom the range's figures are for (`min_org`/`max_org` hold them as the decree prints them).
    pub fine_basis: super::sanctions::Offender,
}

impl ViolationRow {
    pub fn rule(&self) -> super::sanctions::ViolationRule {
        super::sanctions::ViolationRule {
            code: self.code.clone(),
            decree: self.decree.clone(),
            article: self.article.clone(),
            description: self.description.clone(),
            min: self.min_org,
            max: self.max_org,
            basis: self.fine_basis,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
        }
    }

    /// The provision it cites; none while the catalogue has not identified the article.
    pub fn provision(&self) -> Option<super::sanctions::Provision> {
        super::sanctions::Provision::parse(&self.article)
    }
}

/// A decree that sets fines, as records and decisions cite it: "Nghị định số 174/2026/NĐ-CP ngày 15
/// tháng 5 năm 2026 của Chính phủ quy định xử phạt …".
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize, utoipa::ToSchema)]
#[diesel(table_name = sanction_decrees)]
pub struct DecreeRow {
    pub id: String,
    /// "174/2026/NĐ-CP".
    pub number: String,
    /// What follows the number in a citation: date, issuer and name.
    pub title: String,
    /// The clause that sets the other offender's fine ("khoản 3 Điều 4"), cited with the point
    /// applied when the violator is not the kind the figures are printed for.
    pub individual_clause: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub legal_source: String,
    pub verified: bool,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
}

impl DecreeRow {
    /// "Nghị định số 174/2026/NĐ-CP ngày 15 tháng 5 năm 2026 của Chính phủ quy định …".
    pub fn citation(&self) -> String {
        format!("Nghị định số {} {}", self.number, self.title)
    }

    /// "Nghị định số 174/2026/NĐ-CP", as a provision is cited after its first full citation.
    pub fn short(&self) -> String {
        format!("Nghị định số {}", self.number)
    }
}

impl Auditable for DecreeRow {
    const RECORD_TYPE: &'static str = "sanction_decree";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        self.number.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, serde_json::Value)> {
        use serde_json::json;
        vec![
            ("number", json!(self.number)),
            ("title", json!(self.title)),
            ("individual_clause", json!(self.individual_clause)),
            ("valid_from", json!(self.valid_from.to_string())),
            ("valid_to", json!(self.valid_to.map(|d| d.to_string()))),
            ("verified", json!(self.verified)),
        ]
    }
}

impl Auditable for ViolationRow {
    const RECORD_TYPE: &'static str = "violation_rule";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        self.code.clone()
    }
    fn audit_fields(&self) -> Vec<(&'static str, serde_json::Value)> {
        use serde_json::json;
        vec![
            ("code", json!(self.code)),
            ("decree", json!(self.decree)),
            ("article", json!(self.article)),
            ("description", json!(self.description)),
            ("min_org", json!(self.min_org)),
            ("max_org", json!(self.max_org)),
            ("valid_from", json!(self.valid_from.to_string())),
            ("valid_to", json!(self.valid_to.map(|d| d.to_string()))),
            ("verified", json!(self.verified)),
            ("decree_id", json!(self.decree_id)),
            ("fine_basis", json!(self.fine_basis)),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub code: String,
    pub text: String,
    pub legal_ref: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = checklist_templates)]
pub struct ChecklistRow {
    pub id: String,
    pub sector_code: String,
    pub version: i32,
    pub name: String,
    pub items: String,
    pub valid_from: NaiveDate,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
}

impl ChecklistRow {
    pub fn item_list(&self) -> Vec<ChecklistItem> {
        serde_json::from_str(&self.items).unwrap_or_default()
    }
}

impl Auditable for ChecklistRow {
    const RECORD_TYPE: &'static str = "checklist";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        format!("{} v{}", self.name, self.version)
    }
    fn audit_fields(&self) -> Vec<(&'static str, serde_json::Value)> {
        use serde_json::json;
        vec![
            ("sector", json!(self.sector_code)),
            ("version", json!(self.version)),
            ("items", json!(self.item_list().len())),
        ]
    }
}

pub fn decrees(conn: &mut DbConnection) -> Result<Vec<DecreeRow>, AppError> {
    Ok(sanction_decrees::table
        .order((sanction_decrees::valid_from.desc(), sanction_decrees::number.asc()))
        .select(DecreeRow::as_select())
        .load(conn)?)
}

pub fn violations(conn: &mut DbConnection) -> Result<Vec<ViolationRow>, AppError> {
    Ok(violation_rules::table
        .order((violation_rules::sector_code.asc(), violation_rules::code.asc(), violation_rules::valid_from.desc()))
        .select(ViolationRow::as_select())
        .load(conn)?)
}

/// The latest version of each sector's checklist.
pub fn checklists(conn: &mut DbConnection) -> Result<Vec<ChecklistRow>, AppError> {
    let all: Vec<ChecklistRow> = checklist_templates::table
        .order((checklist_templates::sector_code.asc(), checklist_templates::version.desc()))
        .select(ChecklistRow::as_select())
        .load(conn)?;
    let mut out: Vec<ChecklistRow> = Vec::new();
    for c in all {
        if !out.iter().any(|o| o.sector_code == c.sector_code) {
            out.push(c);
        }
    }
    Ok(out)
}

/// A new version of a sector's checklist, typed one item per line as `code | text | legal reference`.
/// Engagements already started keep the version they copied.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistInput {
    pub name: String,
    pub items: String,
    /// YYYY-MM-DD; empty means today.
    #[serde(default)]
    pub valid_from: String,
}

fn parse_items(text: &str) -> Result<Vec<ChecklistItem>, crate::error::FieldErrors> {
    use crate::error::{FieldError, FieldErrors};
    let mut out: Vec<ChecklistItem> = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let (code, text, legal_ref) = match parts.as_slice() {
            [c, t, r] => (c.to_string(), t.to_string(), r.to_string()),
            [c, t] => (c.to_string(), t.to_string(), String::new()),
            _ => return Err(FieldErrors(vec![FieldError::with_arg("items", Code::LineFormat, n + 1)])),
        };
        let code_ok = !code.is_empty()
            && code.len() <= 40
            && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !code_ok || text.is_empty() || out.iter().any(|i| i.code == code) {
            return Err(FieldErrors(vec![FieldError::with_arg("items", Code::LineFormat, n + 1)]));
        }
        out.push(ChecklistItem {
            code,
            text: crate::domain::text::clean(&text),
            legal_ref: crate::domain::text::clean(&legal_ref),
        });
    }
    if out.is_empty() {
        return Err(FieldErrors::one("items", Code::Required));
    }
    Ok(out)
}

pub fn items_text(items: &[ChecklistItem]) -> String {
    items.iter().map(|i| format!("{} | {} | {}", i.code, i.text, i.legal_ref)).collect::<Vec<_>>().join("\n")
}

pub fn new_checklist_version(
    conn: &mut DbConnection,
    actor: &Actor,
    sector: &str,
    input: &ChecklistInput,
) -> Result<ChecklistRow, AppError> {
    use crate::error::FieldErrors;
    let items = parse_items(&input.items)?;
    let name = crate::domain::text::clean(&input.name);
    if name.is_empty() {
        return Err(FieldErrors::one("name", Code::Required).into());
    }
    let valid_from = match input.valid_from.trim() {
        "" => crate::time::today_vn(),
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| FieldErrors::one("valid_from", Code::DateInvalid))?,
    };
    crate::db::write_tx(conn, |conn| {
        if crate::sectors::queries::all(conn)?.iter().all(|s| s.code != sector) {
            return Err(AppError::NotFound);
        }
        let last: Option<i32> = checklist_templates::table
            .filter(checklist_templates::sector_code.eq(sector))
            .select(diesel::dsl::max(checklist_templates::version))
            .first(conn)?;
        let row = ChecklistRow {
            id: uuid::Uuid::now_v7().to_string(),
            sector_code: sector.into(),
            version: last.unwrap_or(0) + 1,
            name: name.clone(),
            items: serde_json::to_string(&items).map_err(anyhow::Error::from)?,
            valid_from,
            created_at: crate::time::now(),
        };
        diesel::insert_into(checklist_templates::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

/// A violation entry as an administrator types it. A changed decree is a new entry with its own
/// dates; the old one is ended, never rewritten, so records made under it keep their meaning.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ViolationRuleInput {
    pub code: String,
    pub sector_code: String,
    /// One of the decrees (`GET /api/v1/catalogue/decrees`).
    pub decree_id: String,
    /// The point, clause and article, in any order ("điểm a khoản 1 Điều 25", "Điều 25 khoản 1
    /// điểm a"); empty while not identified (then the rule can be recorded, not sanctioned).
    #[serde(default)]
    pub article: String,
    pub description: String,
    /// The range as the decree prints it, in đồng.
    pub min_org: String,
    pub max_org: String,
    /// Whom those figures are for: `organisation` (default) or `individual`.
    #[serde(default)]
    #[schema(pattern = "^(?:organisation|individual)?$")]
    pub fine_basis: String,
    #[serde(default)]
    pub remedies: String,
    pub valid_from: String,
    #[serde(default)]
    pub legal_source: String,
    /// "1" once checked against the decree's text.
    #[serde(default)]
    pub verified: String,
}

pub fn add_violation_rule(
    conn: &mut DbConnection,
    actor: &Actor,
    input: &ViolationRuleInput,
) -> Result<ViolationRow, AppError> {
    use crate::domain::text::clean;
    use crate::error::FieldErrors;
    let mut e = FieldErrors::new();
    let code = input.code.trim().to_string();
    if code.is_empty()
        || code.len() > 60
        || !code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
    {
        e.add("code", Code::CodeFormat);
    }
    if clean(&input.description).is_empty() {
        e.add("description", Code::Required);
    }
    let article = match clean(&input.article) {
        a if a.is_empty() => Some(String::new()),
        a => super::sanctions::Provision::parse(&a).map(|p| p.cite()),
    };
    if article.is_none() {
        e.add("article", Code::ProvisionFormat);
    }
    let basis = match input.fine_basis.trim() {
        "" => Some(super::sanctions::Offender::Organisation),
        s => super::sanctions::Offender::parse(s),
    };
    if basis.is_none() {
        e.add("fine_basis", Code::InvalidChoice);
    }
    let money = |s: &str| s.trim().replace(['.', ',', ' '], "").parse::<i64>().ok().filter(|v| *v >= 0);
    let (min, max) = (money(&input.min_org), money(&input.max_org));
    if min.is_none() {
        e.add("min_org", Code::NumberInvalid);
    }
    if max.is_none() || max < min {
        e.add("max_org", Code::NumberInvalid);
    }
    let from = NaiveDate::parse_from_str(input.valid_from.trim(), "%Y-%m-%d").ok();
    if from.is_none() {
        e.add("valid_from", Code::DateInvalid);
    }
    e.into_result()?;
    crate::db::write_tx(conn, |conn| {
        if crate::sectors::queries::all(conn)?.iter().all(|s| s.code != input.sector_code.trim()) {
            return Err(FieldErrors::one("sector_code", Code::InvalidChoice).into());
        }
        let decree: DecreeRow = sanction_decrees::table
            .find(input.decree_id.trim())
            .select(DecreeRow::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| AppError::from(FieldErrors::one("decree_id", Code::InvalidChoice)))?;
        let now = crate::time::now();
        let row = ViolationRow {
            id: uuid::Uuid::now_v7().to_string(),
            code: code.clone(),
            sector_code: input.sector_code.trim().into(),
            decree: format!("NĐ {}", decree.number),
            article: article.clone().unwrap_or_default(),
            description: clean(&input.description),
            min_org: min.unwrap_or_default(),
            max_org: max.unwrap_or_default(),
            remedies: clean(&input.remedies),
            valid_from: from.unwrap_or_default(),
            valid_to: None,
            legal_source: clean(&input.legal_source),
            verified: input.verified.trim() == "1",
            created_at: now,
            updated_at: now,
            decree_id: Some(decree.id.clone()),
            fine_basis: basis.unwrap_or(super::sanctions::Offender::Organisation),
        };
        diesel::insert_into(violation_rules::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

/// Ends an entry on a date (the day before its successor takes effect).
pub fn end_violation_rule(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    valid_to: &str,
) -> Result<ViolationRow, AppError> {
    use crate::error::FieldErrors;
    let to = NaiveDate::parse_from_str(valid_to.trim(), "%Y-%m-%d")
        .map_err(|_| FieldErrors::one("valid_to", Code::DateInvalid))?;
    crate::db::write_tx(conn, |conn| {
        let before: ViolationRow = violation_rules::table.find(id).select(ViolationRow::as_select()).first(conn)?;
        if to < before.valid_from {
            return Err(FieldErrors::one("valid_to", Code::DateOrder).into());
        }
        let mut after = before.clone();
        after.valid_to = Some(to);
        after.updated_at = crate::time::now();
        diesel::update(violation_rules::table.find(id))
            .set((violation_rules::valid_to.eq(after.valid_to), violation_rules::updated_at.eq(after.updated_at)))
            .execute(conn)?;
        if let Some(entry) = AuditEntry::updated(&before, &after) {
            audit::record(conn, actor, entry)?;
        }
        Ok(after)
    })
}
