//! Document records: drafts, the numbering register, issuing (number, render, freeze), verification.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::{Value, json};

use super::spec::{Block, DocSpec, DocType, Signer, parse_body};
use crate::agencies::model::SignerRow;
use crate::audit::{self, Actor, AuditAction, AuditEntry, Auditable, model::change};
use crate::db::schema::{agency_signers, document_registers, documents};
use crate::db::{DbConnection, write_tx};
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::files::FileStore;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = documents)]
pub struct DocumentRow {
    pub id: String,
    pub agency_id: String,
    pub doc_type: String,
    pub register: String,
    pub status: String,
    pub title: String,
    pub summary: String,
    pub addressees: String,
    pub bases: String,
    pub body: String,
    pub signer_id: Option<String>,
    pub unit_code: String,
    pub recipients: String,
    pub outlet_id: Option<String>,
    pub corrects_id: Option<String>,
    pub number: Option<i64>,
    pub year: Option<i32>,
    pub symbol: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub issued_at: Option<NaiveDateTime>,
    pub issued_by: Option<String>,
    pub snapshot: Option<String>,
    pub file_sha256: Option<String>,
    pub signed_sha256: Option<String>,
    pub verify_code: Option<String>,
    pub published: bool,
    pub created_by: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Minutes: who drew them up (printed under "NGƯỜI LẬP BIÊN BẢN").
    pub drafter_name: String,
}

fn list_of(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

impl DocumentRow {
    pub fn doc_type(&self) -> DocType {
        DocType::parse(&self.doc_type).unwrap_or(DocType::Notice)
    }
    pub fn is_issued(&self) -> bool {
        self.status == "issued"
    }
    pub fn body_blocks(&self) -> Vec<Block> {
        serde_json::from_str(&self.body).unwrap_or_default()
    }
    pub fn addressee_list(&self) -> Vec<String> {
        list_of(&self.addressees)
    }
    pub fn basis_list(&self) -> Vec<String> {
        list_of(&self.bases)
    }
    pub fn recipient_list(&self) -> Vec<String> {
        list_of(&self.recipients)
    }
    /// An ASCII file name for old mail clients and browsers: "KL-05-2026.pdf", "du-thao-….pdf".
    pub fn file_name(&self) -> String {
        match (&self.number, self.year) {
            (Some(n), Some(y)) => format!("{}-{n:02}-{y}.pdf", self.register.replace('Đ', "D")),
            _ => format!("du-thao-{}.pdf", &self.id[self.id.len().saturating_sub(8)..]),
        }
    }
}

impl Auditable for DocumentRow {
    const RECORD_TYPE: &'static str = "document";
    fn audit_id(&self) -> String {
        self.id.clone()
    }
    fn audit_label(&self) -> String {
        match &self.symbol {
            Some(s) => format!("{s} {}", self.summary),
            None => format!("{} (dự thảo) {}", self.doc_type().label_vi(), self.summary),
        }
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("doc_type", json!(self.doc_type)),
            ("status", json!(self.status)),
            ("title", json!(self.title)),
            ("summary", json!(self.summary)),
            ("addressees", serde_json::from_str(&self.addressees).unwrap_or(Value::Null)),
            ("bases", serde_json::from_str(&self.bases).unwrap_or(Value::Null)),
            ("body", json!(super::spec::body_text(&self.body_blocks()))),
            ("signer_id", json!(self.signer_id)),
            ("unit_code", json!(self.unit_code)),
            ("recipients", serde_json::from_str(&self.recipients).unwrap_or(Value::Null)),
            ("outlet_id", json!(self.outlet_id)),
            ("corrects_id", json!(self.corrects_id)),
            ("symbol", json!(self.symbol)),
            ("issued_on", json!(self.issued_on.map(|d| d.to_string()))),
            ("file_sha256", json!(self.file_sha256)),
            ("signed_sha256", json!(self.signed_sha256)),
            ("drafter_name", json!(self.drafter_name)),
        ]
    }
}

/// A draft as a person types it.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftInput {
    /// decision, conclusion, notice, minutes, report, plan, official_letter or permit.
    pub doc_type: String,
    #[serde(default)]
    pub title: String,
    pub summary: String,
    /// "Kính gửi", one per line.
    #[serde(default)]
    pub addressees: String,
    /// Legal bases, one per line.
    #[serde(default)]
    pub bases: String,
    /// Body: "# " headings, "- " bullets, "| a | b |" table rows, other lines paragraphs.
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub signer_id: String,
    /// Drafting unit for an official letter's symbol (e.g. TTr in 35/STTTT-TTr).
    #[serde(default)]
    pub unit_code: String,
    /// "Nơi nhận", one per line.
    #[serde(default)]
    pub recipients: String,
    #[serde(default)]
    pub outlet_id: String,
    /// The issued document this one corrects.
    #[serde(default)]
    pub corrects_id: String,
    /// Minutes: who drew them up.
    #[serde(default)]
    pub drafter_name: String,
}

fn lines(s: &str) -> Vec<String> {
    s.lines().map(text::clean).filter(|l| !l.is_empty()).collect()
}

/// Checked draft content.
pub struct DraftFields {
    pub doc_type: DocType,
    pub title: String,
    pub summary: String,
    pub addressees: Vec<String>,
    pub bases: Vec<String>,
    pub body: Vec<Block>,
    pub signer_id: Option<String>,
    pub unit_code: String,
    pub recipients: Vec<String>,
    pub outlet_id: Option<String>,
    pub corrects_id: Option<String>,
    pub drafter_name: String,
}

impl DraftInput {
    pub fn validate(&self) -> Result<DraftFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let doc_type = DocType::parse(&self.doc_type);
        if doc_type.is_none() {
            e.add("doc_type", Code::InvalidChoice);
        }
        let summary = text::clean(&self.summary);
        let permit = doc_type == Some(DocType::Permit);
        if summary.is_empty() && !permit {
            e.add("summary", Code::Required);
        } else if summary.chars().count() > 500 {
            e.push(FieldError::with_arg("summary", Code::TooLong, 500));
        }
        let title = text::clean(&self.title);
        if title.chars().count() > 200 {
            e.push(FieldError::with_arg("title", Code::TooLong, 200));
        }
        if self.body.len() > 200_000 {
            e.push(FieldError::with_arg("body", Code::TooLong, 200_000));
        }
        let body = parse_body(&text::clean_multiline(&self.body));
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let drafter_name = text::clean(&self.drafter_name);
        if drafter_name.chars().count() > 120 {
            e.push(FieldError::with_arg("drafter_name", Code::TooLong, 120));
        }
        let unit_code = self.unit_code.trim().to_string();
        if unit_code.len() > 20 || unit_code.contains(char::is_whitespace) || unit_code.contains('/') {
            e.add("unit_code", Code::CodeFormat);
        }
        e.into_result()?;
        Ok(DraftFields {
            doc_type: doc_type.unwrap_or(DocType::Notice),
            title,
            summary,
            addressees: lines(&self.addressees),
            bases: lines(&self.bases),
            body,
            signer_id: opt(&self.signer_id),
            unit_code,
            recipients: lines(&self.recipients),
            outlet_id: opt(&self.outlet_id),
            corrects_id: opt(&self.corrects_id),
            drafter_name,
        })
    }
}

impl DocumentRow {
    pub fn to_input(&self) -> DraftInput {
        DraftInput {
            doc_type: self.doc_type.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            addressees: self.addressee_list().join("\n"),
            bases: self.basis_list().join("\n"),
            body: super::spec::body_text(&self.body_blocks()),
            signer_id: self.signer_id.clone().unwrap_or_default(),
            unit_code: self.unit_code.clone(),
            recipients: self.recipient_list().join("\n"),
            outlet_id: self.outlet_id.clone().unwrap_or_default(),
            corrects_id: self.corrects_id.clone().unwrap_or_default(),
            drafter_name: self.drafter_name.clone(),
        }
    }
}

fn register_of(t: DocType) -> String {
    t.abbreviation().unwrap_or("CV").to_string()
}

fn check_refs(conn: &mut DbConnection, f: &DraftFields, agency_id: &str) -> Result<(), AppError> {
    let mut e = FieldErrors::new();
    if let Some(s) = &f.signer_id {
        let ok: i64 = agency_signers::table
            .filter(agency_signers::id.eq(s))
            .filter(agency_signers::agency_id.eq(agency_id))
            .count()
            .get_result(conn)?;
        if ok == 0 {
            e.add("signer_id", Code::InvalidChoice);
        }
    }
    if let Some(o) = &f.outlet_id
        && crate::outlets::queries::find(conn, o).is_err()
    {
        e.add("outlet_id", Code::InvalidChoice);
    }
    if let Some(c) = &f.corrects_id {
        match find(conn, c, agency_id) {
            Ok(d) if d.is_issued() => {}
            _ => e.add("corrects_id", Code::InvalidChoice),
        }
    }
    e.into_result()?;
    Ok(())
}

fn apply(row: &mut DocumentRow, f: DraftFields) -> Result<(), AppError> {
    row.doc_type = f.doc_type.code().into();
    row.register = register_of(f.doc_type);
    row.title = f.title;
    row.summary = f.summary;
    row.addressees = serde_json::to_string(&f.addressees).map_err(anyhow::Error::from)?;
    row.bases = serde_json::to_string(&f.bases).map_err(anyhow::Error::from)?;
    row.body = serde_json::to_string(&f.body).map_err(anyhow::Error::from)?;
    row.signer_id = f.signer_id;
    row.unit_code = f.unit_code;
    row.recipients = serde_json::to_string(&f.recipients).map_err(anyhow::Error::from)?;
    row.outlet_id = f.outlet_id;
    row.corrects_id = f.corrects_id;
    row.drafter_name = f.drafter_name;
    Ok(())
}

pub fn create_draft(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    f: DraftFields,
) -> Result<DocumentRow, AppError> {
    write_tx(conn, |conn| {
        check_refs(conn, &f, agency_id)?;
        let now = crate::time::now();
        let mut row = DocumentRow {
            id: uuid::Uuid::now_v7().to_string(),
            agency_id: agency_id.into(),
            doc_type: String::new(),
            register: String::new(),
            status: "draft".into(),
            title: String::new(),
            summary: String::new(),
            addressees: "[]".into(),
            bases: "[]".into(),
            body: "[]".into(),
            signer_id: None,
            unit_code: String::new(),
            recipients: "[]".into(),
            outlet_id: None,
            corrects_id: None,
            number: None,
            year: None,
            symbol: None,
            issued_on: None,
            issued_at: None,
            issued_by: None,
            snapshot: None,
            file_sha256: None,
            signed_sha256: None,
            verify_code: None,
            published: false,
            created_by: actor.name.clone(),
            version: 1,
            created_at: now,
            updated_at: now,
            drafter_name: String::new(),
        };
        apply(&mut row, f)?;
        diesel::insert_into(documents::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

pub fn find(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<DocumentRow, AppError> {
    Ok(documents::table
        .find(id)
        .filter(documents::agency_id.eq(agency_id))
        .select(DocumentRow::as_select())
        .first(conn)?)
}

fn issued_refused() -> AppError {
    AppError::from(Code::IssuedNeverEdited)
}

pub fn update_draft(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    f: DraftFields,
    expected_version: Option<i32>,
) -> Result<DocumentRow, AppError> {
    write_tx(conn, |conn| {
        let before = find(conn, id, agency_id)?;
        if before.is_issued() {
            return Err(issued_refused());
        }
        if expected_version.is_some_and(|v| v != before.version) {
            return Err(AppError::from(Code::StaleVersion));
        }
        check_refs(conn, &f, agency_id)?;
        let mut after = before.clone();
        apply(&mut after, f)?;
        if AuditEntry::updated(&before, &after).is_none() {
            return Ok(before);
        }
        after.version += 1;
        after.updated_at = crate::time::now();
        diesel::update(documents::table.find(id).filter(documents::version.eq(before.version)))
            .set((
                documents::doc_type.eq(&after.doc_type),
                documents::register.eq(&after.register),
                documents::title.eq(&after.title),
                documents::summary.eq(&after.summary),
                documents::addressees.eq(&after.addressees),
                documents::bases.eq(&after.bases),
                documents::body.eq(&after.body),
                documents::signer_id.eq(&after.signer_id),
                documents::unit_code.eq(&after.unit_code),
                documents::recipients.eq(&after.recipients),
                documents::outlet_id.eq(&after.outlet_id),
                documents::corrects_id.eq(&after.corrects_id),
                documents::version.eq(after.version),
                documents::updated_at.eq(after.updated_at),
            ))
            .execute(conn)?;
        if let Some(e) = AuditEntry::updated(&before, &after) {
            audit::record(conn, actor, e)?;
        }
        Ok(after)
    })
}

/// The view model of a document: a draft uses the agency and signer in force now; an issued one
/// uses the snapshot taken when it was signed.
pub fn spec_for(
    conn: &mut DbConnection,
    row: &DocumentRow,
    draft_date: Option<NaiveDate>,
) -> Result<DocSpec, AppError> {
    if let Some(s) = &row.snapshot {
        return serde_json::from_str(s).map_err(|e| AppError::Internal(anyhow::anyhow!("snapshot: {e}")));
    }
    let agency = crate::agencies::repo::find(conn, &row.agency_id)?;
    let signer: Option<SignerRow> = match &row.signer_id {
        Some(id) => agency_signers::table.find(id).select(SignerRow::as_select()).first(conn).optional()?,
        None => None,
    };
    Ok(DocSpec {
        doc_type: row.doc_type(),
        governing_body: agency.governing_body,
        agency: agency.name,
        agency_abbreviation: agency.abbreviation,
        unit_code: Some(row.unit_code.clone()).filter(|u| !u.is_empty()),
        number: row.number,
        place: agency.place_name,
        date: row.issued_on.or(draft_date),
        title: Some(row.title.clone()).filter(|t| !t.is_empty()),
        summary: row.summary.clone(),
        addressees: row.addressee_list(),
        bases: row.basis_list(),
        body: row.body_blocks(),
        signer: match (signer, row.doc_type()) {
            (Some(s), _) => Some(Signer { lines: s.block_lines(), name: s.full_name }),
            (None, DocType::Minutes) => {
                Some(Signer { lines: vec!["NGƯỜI LẬP BIÊN BẢN".into()], name: row.drafter_name.clone() })
            }
            (None, _) => None,
        },
        counter_signer: match (&row.outlet_id, row.doc_type()) {
            (Some(o), DocType::Minutes) => {
                let rep = crate::outlets::queries::find(conn, o).map(|o| o.legal_representative).unwrap_or_default();
                Some(Signer { lines: vec!["ĐẠI DIỆN CƠ SỞ".into()], name: rep })
            }
            _ => None,
        },
        recipients: row.recipient_list(),
        draft: !row.is_issued(),
        verification: None,
    })
}

/// Ten characters of Crockford-like base32 (no 0/1/I/O), shown as XXXXX-XXXXX.
pub fn new_verify_code() -> String {
    use rand::RngCore;
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let mut buf = [0u8; 10];
    rand::rng().fill_bytes(&mut buf);
    let s: String = buf.iter().map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char).collect();
    format!("{}-{}", &s[..5], &s[5..])
}

/// The next number of a register, taken inside the caller's transaction. On PostgreSQL the register
/// row is locked FOR UPDATE; on SQLite the write transaction already excludes other writers.
fn next_number(conn: &mut DbConnection, agency_id: &str, register: &str, year: i32) -> Result<i64, AppError> {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        last_number: i64,
    }
    let exists: i64 = document_registers::table
        .filter(document_registers::agency_id.eq(agency_id))
        .filter(document_registers::register.eq(register))
        .filter(document_registers::year.eq(year))
        .count()
        .get_result(conn)?;
    if exists == 0 {
        match conn {
            DbConnection::Pg(c) => {
                diesel::sql_query(
                    "INSERT INTO document_registers (agency_id, register, year, last_number) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING",
                )
                .bind::<diesel::sql_types::Text, _>(agency_id)
                .bind::<diesel::sql_types::Text, _>(register)
                .bind::<diesel::sql_types::Integer, _>(year)
                .execute(c)?;
            }
            DbConnection::Sqlite(c) => {
                diesel::sql_query("INSERT OR IGNORE INTO document_registers (agency_id, register, year, last_number) VALUES (?, ?, ?, 0)")
                    .bind::<diesel::sql_types::Text, _>(agency_id)
                    .bind::<diesel::sql_types::Text, _>(register)
                    .bind::<diesel::sql_types::Integer, _>(year)
                    .execute(c)?;
            }
        }
    }
    let last: i64 = match conn {
        DbConnection::Pg(c) => {
            diesel::sql_query("SELECT last_number FROM document_registers WHERE agency_id = $1 AND register = $2 AND year = $3 FOR UPDATE")
                .bind::<diesel::sql_types::Text, _>(agency_id)
                .bind::<diesel::sql_types::Text, _>(register)
                .bind::<diesel::sql_types::Integer, _>(year)
                .get_result::<N>(c)?
                .last_number
        }
        DbConnection::Sqlite(_) => document_registers::table
            .filter(document_registers::agency_id.eq(agency_id))
            .filter(document_registers::register.eq(register))
            .filter(document_registers::year.eq(year))
            .select(document_registers::last_number)
            .first(conn)?,
    };
    let next = last + 1;
    diesel::update(
        document_registers::table
            .filter(document_registers::agency_id.eq(agency_id))
            .filter(document_registers::register.eq(register))
            .filter(document_registers::year.eq(year)),
    )
    .set(document_registers::last_number.eq(next))
    .execute(conn)?;
    Ok(next)
}

/// What is missing before a draft can be issued.
pub fn issue_problems(row: &DocumentRow) -> FieldErrors {
    let mut e = FieldErrors::new();
    if row.summary.trim().is_empty() && row.doc_type() != DocType::Permit {
        e.add("summary", Code::Required);
    }
    // Minutes are signed by whoever drew them up and by the other side, by hand.
    if row.signer_id.is_none() && row.doc_type() != DocType::Minutes {
        e.add("signer_id", Code::Required);
    }
    if row.recipient_list().is_empty() && row.doc_type() != DocType::Minutes {
        e.add("recipients", Code::Required);
    }
    if row.body_blocks().is_empty() {
        e.add("body", Code::Required);
    }
    if row.doc_type() == DocType::OfficialLetter && row.addressee_list().is_empty() {
        e.add("addressees", Code::Required);
    }
    e
}

/// Issues a draft: takes the next number of its register, renders the PDF with the header and signer
/// in force today and a verification code, stores the bytes with their SHA-256 and freezes the record,
/// all in one transaction.
pub fn issue(
    conn: &mut DbConnection,
    files: &dyn FileStore,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    base_url: &str,
) -> Result<DocumentRow, AppError> {
    write_tx(conn, |conn| {
        let before = find(conn, id, agency_id)?;
        if before.is_issued() {
            return Err(AppError::from(Code::DocumentAlreadyIssued));
        }
        issue_problems(&before).into_result()?;
        let today = crate::time::today_vn();
        let year = today.year();
        let number = next_number(conn, agency_id, &before.register, year)?;
        let mut after = before.clone();
        after.number = Some(number);
        after.issued_on = Some(today);
        after.year = Some(year);
        after.status = "issued".into();
        let mut spec = spec_for(conn, &after, Some(today))?;
        spec.draft = false;
        let code = new_verify_code();
        spec.verification = Some((code.clone(), format!("{}/verify/{code}", base_url.trim_end_matches('/'))));
        let bytes = super::render(&spec).map_err(|e| AppError::Internal(anyhow::anyhow!("render: {e}")))?;
        let sha = files.put(conn, &bytes, "application/pdf")?;
        after.symbol = Some(spec.symbol());
        after.snapshot = Some(serde_json::to_string(&spec).map_err(anyhow::Error::from)?);
        after.file_sha256 = Some(sha);
        after.verify_code = Some(code);
        after.issued_at = Some(crate::time::now());
        after.issued_by = Some(actor.name.clone());
        after.version += 1;
        after.updated_at = crate::time::now();
        let n = diesel::update(documents::table.find(id).filter(documents::status.eq("draft")))
            .set((
                documents::status.eq("issued"),
                documents::number.eq(after.number),
                documents::year.eq(after.year),
                documents::symbol.eq(&after.symbol),
                documents::issued_on.eq(after.issued_on),
                documents::issued_at.eq(after.issued_at),
                documents::issued_by.eq(&after.issued_by),
                documents::snapshot.eq(&after.snapshot),
                documents::file_sha256.eq(&after.file_sha256),
                documents::verify_code.eq(&after.verify_code),
                documents::version.eq(after.version),
                documents::updated_at.eq(after.updated_at),
            ))
            .execute(conn)?;
        if n != 1 {
            return Err(AppError::from(Code::DocumentAlreadyIssued));
        }
        audit::record(conn, actor, AuditEntry::transition(&before, &after, AuditAction::Issue))?;
        Ok(after)
    })
}

/// Attaches the signed scan (or digitally signed PDF) to an issued document.
pub fn attach_signed(
    conn: &mut DbConnection,
    files: &dyn FileStore,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    bytes: &[u8],
) -> Result<DocumentRow, AppError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(FieldErrors(vec![FieldError::new("file", Code::NotPdf)]).into());
    }
    write_tx(conn, |conn| {
        let before = find(conn, id, agency_id)?;
        if !before.is_issued() {
            return Err(AppError::from(Code::SignedCopyOnlyIssued));
        }
        let sha = files.put(conn, bytes, "application/pdf")?;
        diesel::update(documents::table.find(id))
            .set((documents::signed_sha256.eq(Some(&sha)), documents::updated_at.eq(crate::time::now())))
            .execute(conn)?;
        let mut after = before.clone();
        after.signed_sha256 = Some(sha);
        audit::record(
            conn,
            actor,
            AuditEntry::state(
                &after,
                AuditAction::Attach,
                vec![change("signed_sha256", before.signed_sha256.clone(), after.signed_sha256.clone())],
            ),
        )?;
        Ok(after)
    })
}

#[derive(Debug, Clone, Default)]
pub struct DocFilter {
    pub doc_type: Option<String>,
    pub year: Option<i32>,
    pub status: Option<String>,
    pub outlet_id: Option<String>,
    pub q: String,
}

pub fn list(
    conn: &mut DbConnection,
    agency_id: &str,
    f: &DocFilter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<DocumentRow>, i64), AppError> {
    let build = || {
        let mut q = documents::table.filter(documents::agency_id.eq(agency_id.to_string())).into_boxed();
        if let Some(t) = &f.doc_type {
            q = q.filter(documents::doc_type.eq(t.clone()));
        }
        if let Some(y) = f.year {
            q = q.filter(documents::year.eq(y));
        }
        if let Some(s) = &f.status {
            q = q.filter(documents::status.eq(s.clone()));
        }
        if let Some(o) = &f.outlet_id {
            q = q.filter(documents::outlet_id.eq(o.clone()));
        }
        q
    };
    let total = build().count().get_result(conn)?;
    let rows = build()
        .order((documents::updated_at.desc(), documents::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(DocumentRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

pub fn by_verify_code(conn: &mut DbConnection, code: &str) -> Result<Option<DocumentRow>, AppError> {
    Ok(documents::table
        .filter(documents::verify_code.eq(code.trim().to_uppercase()))
        .select(DocumentRow::as_select())
        .first(conn)
        .optional()?)
}
