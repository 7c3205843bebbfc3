//! What a person types to create or change an agency, and its validation.

use chrono::NaiveDate;

use crate::agencies::model::{AgencyFull, AgencyRow, AgencySectorRow, SIGNER_PREFIXES, SignerRow, UnitRow};
use crate::domain::text;
use crate::error::{Code, FieldError, FieldErrors};

/// What a person (form, API or CLI) gives for an agency. Units are one per line, `code|name`.
/// `signers`, one per line as `prefix|authority title|title|full name[|valid from[|valid to]]`, are
/// written when an agency is created only: afterwards they have their own page and API
/// (`SignerInput`, `steps::signers`), which keep each signer's id.
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
            let part = |k: usize| parts.get(k).map(|s| s.to_string()).unwrap_or_default();
            let input = SignerInput {
                prefix: part(0),
                authority_title: part(1),
                title: part(2),
                full_name: part(3),
                valid_from: part(4),
                valid_to: part(5),
                ..SignerInput::default()
            };
            match (4..=6).contains(&parts.len()).then(|| input.check(id, "", from, valid_to)) {
                Some(Ok(s)) => signers.push(s),
                _ => {
                    e.push(FieldError::with_arg("signers", Code::LineFormat, i + 1));
                    break;
                }
            }
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

/// One signer as a person gives it: a row of the signers page, or one entry of the list the API
/// takes. With an `id` it changes that signer in place; without one it adds a signer.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignerInput {
    /// The signer to change (`GET /api/v1/agencies/{id}/signers`); absent or empty for a new one.
    #[serde(default)]
    pub id: Option<String>,
    /// The signing prefix printed before the head's title, or empty.
    #[serde(default)]
    #[schema(schema_with = prefix_schema)]
    pub prefix: String,
    /// The head's title after the prefix (GIÁM ĐỐC in "KT. GIÁM ĐỐC"): required with a prefix;
    /// stored in capitals. At most 200 characters.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub authority_title: String,
    /// The signer's own title (PHÓ GIÁM ĐỐC), stored in capitals. At most 200 characters.
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 200, pattern = "\\S")]
    pub title: String,
    /// At most 120 characters.
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 120, pattern = "\\S")]
    pub full_name: String,
    /// YYYY-MM-DD; empty: the agency's first day.
    #[serde(default)]
    #[schema(pattern = "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")]
    pub valid_from: String,
    /// YYYY-MM-DD, not before `valid_from`; empty or null: open-ended. A signer who stops signing
    /// gets one instead of being removed, since documents keep naming them.
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schema(value_type = Option<String>, pattern = "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")]
    pub valid_to: String,
    /// The written delegation of sanctioning power (giao quyền xử phạt, Luật XLVPHC Art. 54) that
    /// a deputy signing "KT." needs before signing a sanction decision, as the decision's last
    /// legal basis names it after "Căn cứ": "Quyết định số 05/QĐ-GQXP ngày 02/01/2026 của Chánh
    /// Thanh tra tỉnh về việc giao quyền xử phạt vi phạm hành chính". Optional, at most 300
    /// characters, trimmed (a leading "Căn cứ" and a closing ";" or "." are dropped). Empty
    /// clears it; absent or null keeps what the signer has (empty for a new signer), so a client
    /// that does not know this field does not wipe it.
    #[serde(default)]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub sanction_delegation: Option<String>,
    /// The page's "remove" box (the API removes a signer by leaving it out).
    #[serde(skip)]
    pub remove: bool,
}

/// A text that may come as `null` (what `GET .../signers` returns for an open end).
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    <Option<String> as serde::Deserialize>::deserialize(d).map(Option::unwrap_or_default)
}

fn prefix_schema() -> utoipa::openapi::Object {
    crate::domain::openapi::choice(SIGNER_PREFIXES, "KT., TM., Q., TL., TUQ. or empty.")
}

impl SignerInput {
    /// Whether a new row was left blank (the page's spare rows): nothing to add.
    pub fn is_blank(&self) -> bool {
        self.id.as_deref().is_none_or(|i| i.trim().is_empty())
            && [&self.prefix, &self.authority_title, &self.title, &self.full_name, &self.valid_from, &self.valid_to]
                .iter()
                .all(|s| s.trim().is_empty())
            && self.sanction_delegation.as_deref().is_none_or(|s| s.trim().is_empty())
    }

    /// Checks one signer of `agency_id`; errors are named `<at><field>` (`signers.2.full_name`).
    /// Empty dates take `from` and `to`.
    pub fn check(
        &self,
        agency_id: &str,
        at: &str,
        from: NaiveDate,
        to: Option<NaiveDate>,
    ) -> Result<SignerRow, FieldErrors> {
        let mut e = FieldErrors::new();
        let f = |name: &str| format!("{at}{name}");
        let prefix = self.prefix.trim().to_string();
        let known = SIGNER_PREFIXES.contains(&prefix.as_str());
        if !known {
            e.add(&f("prefix"), Code::InvalidChoice);
        }
        let authority_title = text::clean(&self.authority_title).to_uppercase();
        if known && !prefix.is_empty() && authority_title.is_empty() {
            e.add(&f("authority_title"), Code::Required);
        } else if authority_title.chars().count() > 200 {
            e.push(FieldError::with_arg(f("authority_title"), Code::TooLong, 200));
        }
        let title = required_text(&f("title"), &self.title, 200, &mut e).to_uppercase();
        let full_name = required_text(&f("full_name"), &self.full_name, 120, &mut e);
        let valid_from = parse_date(&f("valid_from"), &self.valid_from, false, &mut e).unwrap_or(from);
        let valid_to = match self.valid_to.trim() {
            "" => to,
            _ => parse_date(&f("valid_to"), &self.valid_to, false, &mut e),
        };
        if valid_to.is_some_and(|t| t < valid_from) && !e.has(&f("valid_to")) {
            e.add(&f("valid_to"), Code::DateOrder);
        }
        let sanction_delegation = delegation(self.sanction_delegation.as_deref().unwrap_or_default());
        if sanction_delegation.chars().count() > 300 {
            e.push(FieldError::with_arg(f("sanction_delegation"), Code::TooLong, 300));
        }
        e.into_result()?;
        Ok(SignerRow {
            id: self
                .id
                .as_deref()
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .map(str::to_string)
                .unwrap_or_else(|| uuid::Uuid::now_v7().to_string()),
            agency_id: agency_id.to_string(),
            prefix,
            authority_title,
            title,
            full_name,
            valid_from,
            valid_to,
            sanction_delegation,
        })
    }
}

/// A delegation as the basis names it after "Căn cứ": cleaned, without a "Căn cứ" typed before it
/// or the ";" or "." typed after it (the decision punctuates its bases itself).
fn delegation(s: &str) -> String {
    let s = text::clean(s);
    let s = ["Căn cứ ", "căn cứ ", "CĂN CỨ "].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(&s);
    s.trim_end_matches([';', '.', ',', ' ']).trim().to_string()
}

/// What becomes of an agency's signers that a saved list does not mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Omitted {
    /// The page: it removes only the rows ticked "remove" (a signer added meanwhile stays).
    Kept,
    /// The API: the list is the whole of them.
    Removed,
}

/// What saving a list of signers does, once every row is valid.
#[derive(Debug, Default)]
pub struct SignerChanges {
    /// Existing signers, as they will read (ids kept).
    pub changed: Vec<SignerRow>,
    pub added: Vec<SignerRow>,
    /// Signers to remove, with the field a refusal is shown beside.
    pub removed: Vec<(String, SignerRow)>,
}

/// Checks the rows of a signers list against the agency's present signers: what saving them does,
/// and the errors that stop it, named `signers.<row>.<field>` (an id that is not one of `existing`
/// is "not found"). The removals are listed even when other rows have errors, so that every refusal
/// can be said at once.
pub fn check_signers(
    rows: &[SignerInput],
    agency: &AgencyRow,
    existing: &[SignerRow],
    omitted: Omitted,
) -> (SignerChanges, FieldErrors) {
    let mut e = FieldErrors::new();
    let mut out = SignerChanges::default();
    let mut seen: Vec<&str> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let at = format!("signers.{i}.");
        let id = row.id.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let current = match id {
            None => None,
            Some(id) if seen.contains(&id) => {
                e.add(&format!("{at}id"), Code::Duplicate);
                continue;
            }
            Some(id) => match existing.iter().find(|s| s.id == id) {
                Some(s) => {
                    seen.push(&s.id);
                    Some(s)
                }
                None => {
                    e.push(FieldError::with_arg(
                        format!("{at}id"),
                        Code::NotFound,
                        id.chars().take(40).collect::<String>(),
                    ));
                    continue;
                }
            },
        };
        match (current, row.remove) {
            (Some(s), true) => out.removed.push((format!("{at}remove"), s.clone())),
            (None, true) => {}
            (None, false) if row.is_blank() => {}
            (_, false) => match (row.check(&agency.id, &at, agency.valid_from, None), current) {
                (Ok(mut s), Some(c)) => {
                    if row.sanction_delegation.is_none() {
                        s.sanction_delegation = c.sanction_delegation.clone();
                    }
                    out.changed.push(s)
                }
                (Ok(s), None) => out.added.push(s),
                (Err(errs), _) => e.0.extend(errs.0),
            },
        }
    }
    if omitted == Omitted::Removed {
        for s in existing.iter().filter(|s| !seen.contains(&s.id.as_str())) {
            out.removed.push(("signers".into(), s.clone()));
        }
    }
    (out, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency() -> AgencyRow {
        AgencyInput {
            code: "TTT".into(),
            governing_body: "UBND".into(),
            name: "THANH TRA".into(),
            abbreviation: "TTr".into(),
            place_name: "Hà Tĩnh".into(),
            province: "Hà Tĩnh".into(),
            valid_from: "2025-03-01".into(),
            ..AgencyInput::default()
        }
        .validate("a1", &[], chrono::NaiveDateTime::default())
        .unwrap()
        .agency
    }

    fn row(id: Option<&str>, prefix: &str, authority: &str, title: &str, name: &str) -> SignerInput {
        SignerInput {
            id: id.map(str::to_string),
            prefix: prefix.into(),
            authority_title: authority.into(),
            title: title.into(),
            full_name: name.into(),
            ..SignerInput::default()
        }
    }

    #[test]
    fn a_signers_list_changes_in_place_adds_and_skips_blank_rows() {
        let a = agency();
        let existing =
            vec![row(None, "", "", "Chánh Thanh tra", "Lê Văn B").check("a1", "", a.valid_from, None).unwrap()];
        let id = existing[0].id.clone();
        let rows = vec![
            row(Some(&id), "", "", "chánh thanh tra", "Lê Văn Bình"),
            row(None, "KT.", "Chánh Thanh tra", "Phó Chánh Thanh tra", " Nguyễn  Văn Đạt "),
            SignerInput::default(),
        ];
        let (c, e) = check_signers(&rows, &a, &existing, Omitted::Kept);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(c.changed.len(), 1);
        assert_eq!((c.changed[0].id.as_str(), c.changed[0].title.as_str()), (id.as_str(), "CHÁNH THANH TRA"));
        assert_eq!(c.added[0].block_lines(), vec!["KT. CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA"]);
        assert_eq!(c.added[0].full_name, "Nguyễn Văn Đạt");
        assert_eq!(c.added[0].valid_from, a.valid_from, "an empty start is the agency's");
        assert!(c.removed.is_empty());
        // The API's list is the whole of them: leaving one out removes it.
        let (c, _) = check_signers(&rows[1..], &a, &existing, Omitted::Removed);
        assert_eq!(c.removed.len(), 1);
        assert_eq!(c.removed[0].0, "signers");
    }

    #[test]
    fn each_error_is_named_by_its_row_and_field() {
        let a = agency();
        let mut late = row(None, "", "", "Chánh Thanh tra", "Lê Văn B");
        late.valid_from = "2026-01-01".into();
        late.valid_to = "2025-12-31".into();
        let rows = vec![
            row(None, "KT.", "", "x", ""),
            row(None, "XX.", "", "x", "y"),
            late,
            row(Some("nope"), "", "", "x", "y"),
        ];
        let (_, e) = check_signers(&rows, &a, &[], Omitted::Kept);
        let fields: Vec<(&str, Code)> = e.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            fields,
            vec![
                ("signers.0.authority_title", Code::Required),
                ("signers.0.full_name", Code::Required),
                ("signers.1.prefix", Code::InvalidChoice),
                ("signers.2.valid_to", Code::DateOrder),
                ("signers.3.id", Code::NotFound),
            ]
        );
    }

    #[test]
    fn a_deputys_delegation_is_read_as_the_basis_names_it_and_kept_by_a_row_that_leaves_it_out() {
        let a = agency();
        let delegation = "Quyết định số 05/QĐ-GQXP ngày 02/01/2026 của Chánh Thanh tra tỉnh về việc giao quyền xử phạt vi phạm hành chính";
        let mut dat = row(None, "KT.", "Chánh Thanh tra", "Phó Chánh Thanh tra", "Nguyễn Văn Đạt");
        dat.sanction_delegation = Some(format!("  Căn cứ {delegation};  "));
        let existing = vec![dat.check("a1", "", a.valid_from, None).unwrap()];
        assert_eq!(existing[0].sanction_delegation, delegation, "no 'Căn cứ' twice, no ';' before the next basis");
        assert_eq!(existing[0].delegation_missing(), None);
        assert!(existing[0].describe().ends_with(&format!("; {delegation}")), "the history says it");
        // A row that does not mention it (a client that does not know the field) keeps it.
        let mut same = row(Some(&existing[0].id), "KT.", "Chánh Thanh tra", "Phó Chánh Thanh tra", "Nguyễn Văn Đạt");
        let (c, e) = check_signers(std::slice::from_ref(&same), &a, &existing, Omitted::Removed);
        assert!(e.is_empty() && c.removed.is_empty(), "{e:?}");
        assert_eq!(c.changed[0], existing[0]);
        // An empty one clears it: the deputy may no longer sign sanction decisions.
        same.sanction_delegation = Some(" ".into());
        let (c, _) = check_signers(&[same], &a, &existing, Omitted::Kept);
        assert_eq!(c.changed[0].sanction_delegation, "");
        assert!(!c.changed[0].describe().contains(';'), "nothing said of a delegation there is none of");
        let refusal = c.changed[0].delegation_missing().expect("a deputy without a delegation is refused");
        assert_eq!(refusal.code, Code::DelegationMissing);
        assert_eq!(refusal.setup_link().as_deref(), Some("/admin/agencies/a1/signers"));
        // The head himself, or another prefix, needs none.
        let head = row(None, "", "", "Chánh Thanh tra", "Lê Văn Bình").check("a1", "", a.valid_from, None).unwrap();
        let acting =
            row(None, "Q.", "Chánh Thanh tra", "Phó Chánh Thanh tra", "Lê C").check("a1", "", a.valid_from, None);
        assert_eq!((head.delegation_missing(), acting.unwrap().delegation_missing()), (None, None));
        let mut long = row(None, "KT.", "Chánh Thanh tra", "Phó Chánh Thanh tra", "Nguyễn Văn Đạt");
        long.sanction_delegation = Some("x".repeat(301));
        let (_, e) = check_signers(&[long], &a, &[], Omitted::Kept);
        assert_eq!(
            e.0.iter().map(|e| (e.field.as_str(), e.code)).collect::<Vec<_>>(),
            [("signers.0.sanction_delegation", Code::TooLong)]
        );
    }

    #[test]
    fn a_ticked_row_is_removed_without_checking_its_fields() {
        let a = agency();
        let existing =
            vec![row(None, "", "", "Chánh Thanh tra", "Lê Văn B").check("a1", "", a.valid_from, None).unwrap()];
        let mut gone = row(Some(&existing[0].id), "", "", "", "");
        gone.remove = true;
        let mut wrong = row(None, "XX.", "", "x", "y");
        wrong.valid_to = "2000-01-01".into();
        let (c, e) = check_signers(&[gone, wrong], &a, &existing, Omitted::Kept);
        assert_eq!(c.removed[0].0, "signers.0.remove", "listed even beside another row's errors");
        assert!(c.changed.is_empty() && c.added.is_empty());
        assert_eq!(
            e.0.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            ["signers.1.prefix", "signers.1.valid_to"]
        );
    }
}
