//! Drafts: created and edited (never once issued), with their references checked.

use diesel::prelude::*;

use crate::audit::{self, Actor, AuditEntry};
use crate::db::schema::{agency_signers, document_compositions, document_parties, documents};
use crate::db::{DbConnection, write_tx};
use crate::documents::model::*;
use crate::documents::queries::{find, parties_of};
use crate::documents::spec::{DocType, Form};
use crate::domain::DocumentId;
use crate::error::{AppError, Code, FieldErrors};

/// The register a draft is numbered in: its form's own, else its type's ("CV" for letters).
fn register_of(t: DocType, form: Form) -> String {
    form.register().or(t.abbreviation()).unwrap_or("CV").to_string()
}

fn write_parties(conn: &mut DbConnection, id: &str, parties: &[Party]) -> Result<(), AppError> {
    diesel::delete(document_parties::table.filter(document_parties::document_id.eq(id))).execute(conn)?;
    for (i, p) in parties.iter().enumerate() {
        diesel::insert_into(document_parties::table)
            .values((
                document_parties::document_id.eq(id),
                document_parties::position.eq(i as i32 + 1),
                document_parties::caption.eq(&p.caption),
                document_parties::name.eq(&p.name),
            ))
            .execute(conn)?;
    }
    Ok(())
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
    row.register = register_of(f.doc_type, f.form);
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
    row.signer_caption = f.signer_caption;
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
            id: DocumentId::generate(),
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
            signer_caption: String::new(),
        };
        let parties = f.parties.clone();
        apply(&mut row, f)?;
        diesel::insert_into(documents::table).values(&row).execute(conn)?;
        write_parties(conn, &row.id, &parties)?;
        audit::record(conn, actor, AuditEntry::created(&DraftRecord(&row, &parties)))?;
        Ok(row)
    })
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
        let parties_before = parties_of(conn, id)?;
        let parties = f.parties.clone();
        let mut after = before.clone();
        apply(&mut after, f)?;
        if AuditEntry::updated(&DraftRecord(&before, &parties_before), &DraftRecord(&after, &parties)).is_none() {
            return Ok(before);
        }
        after.version += 1;
        after.updated_at = crate::time::now();
        diesel::update(documents::table.find(id).filter(documents::version.eq(before.version)))
            .set(&after)
            .execute(conn)?;
        write_parties(conn, id, &parties)?;
        if let Some(e) = AuditEntry::updated(&DraftRecord(&before, &parties_before), &DraftRecord(&after, &parties)) {
            audit::record(conn, actor, e)?;
        }
        Ok(after)
    })
}

/// What `compose` did with a draft the system writes for a workflow.
#[derive(Debug)]
pub enum Composed {
    /// A new draft.
    Created(DocumentRow),
    /// The draft was rewritten from the records (it had not been edited by hand, or the person
    /// asked to replace their edits; the replaced text stays in the document's history).
    Replaced(DocumentRow),
    /// The draft was edited by hand since it was composed and was left as it is.
    KeptEdits(DocumentRow),
    /// Already issued: never changed.
    Issued(DocumentRow),
}

impl Composed {
    pub fn row(&self) -> &DocumentRow {
        match self {
            Composed::Created(r) | Composed::Replaced(r) | Composed::KeptEdits(r) | Composed::Issued(r) => r,
        }
    }
}

/// The hash of a draft's editable content with its parties.
fn composed_hash(conn: &mut DbConnection, row: &DocumentRow) -> Result<String, AppError> {
    use sha2::{Digest, Sha256};
    let parties = parties_text(&parties_of(conn, &row.id)?);
    Ok(hex::encode(Sha256::digest(format!("{}\0{parties}", row.content_hash()))))
}

fn mark_composed(conn: &mut DbConnection, row: &DocumentRow) -> Result<(), AppError> {
    let hash = composed_hash(conn, row)?;
    diesel::delete(document_compositions::table.find(row.id.as_str())).execute(conn)?;
    diesel::insert_into(document_compositions::table)
        .values((
            document_compositions::document_id.eq(row.id.as_str()),
            document_compositions::content_sha256.eq(&hash),
        ))
        .execute(conn)?;
    Ok(())
}

/// A composed draft someone has changed since it was composed.
pub fn edited_since_composed(conn: &mut DbConnection, row: &DocumentRow) -> Result<bool, AppError> {
    if row.is_issued() {
        return Ok(false);
    }
    let composed: Option<String> = document_compositions::table
        .find(row.id.as_str())
        .select(document_compositions::content_sha256)
        .first(conn)
        .optional()?;
    match composed {
        Some(h) => Ok(h != composed_hash(conn, row)?),
        None => Ok(false),
    }
}

/// Writes a draft a workflow composes from its records: a new one, or the existing draft rewritten
/// unless a person has edited it since it was composed (then only with `replace_edits`).
pub fn compose(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    existing: Option<&DocumentId>,
    f: DraftFields,
    replace_edits: bool,
) -> Result<Composed, AppError> {
    write_tx(conn, |conn| {
        let Some(id) = existing else {
            let row = create_draft(conn, actor, agency_id, f)?;
            mark_composed(conn, &row)?;
            return Ok(Composed::Created(row));
        };
        let before = find(conn, id, agency_id)?;
        if before.is_issued() {
            return Ok(Composed::Issued(before));
        }
        if edited_since_composed(conn, &before)? && !replace_edits {
            return Ok(Composed::KeptEdits(before));
        }
        let row = update_draft(conn, actor, id, agency_id, f, None)?;
        mark_composed(conn, &row)?;
        Ok(Composed::Replaced(row))
    })
}
