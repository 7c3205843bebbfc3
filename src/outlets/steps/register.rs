//! Writes to the registry: create, update (optimistic version), soft delete; each in one
//! transaction with its audit entry.

use diesel::prelude::*;

use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::db::schema::outlets;
use crate::db::{DbConnection, write_tx};
use crate::domain::OutletId;
use crate::domain::text::fold;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::outlets::forms::ValidOutlet;
use crate::outlets::model::OutletRow;
use crate::outlets::queries::{find, find_by_tax_code};

fn search_text(v: &ValidOutlet) -> String {
    fold(
        &[
            v.name.as_str(),
            v.tax_code.as_ref().map(|t| t.as_str()).unwrap_or(""),
            &v.business_reg_no,
            &v.address,
            &v.commune,
            &v.province,
            &v.legal_representative,
        ]
        .join(" "),
    )
}

fn to_row(
    id: OutletId,
    v: &ValidOutlet,
    agency_id: &str,
    version: i32,
    created: chrono::NaiveDateTime,
) -> Result<OutletRow, AppError> {
    let now = crate::time::now();
    Ok(OutletRow {
        id,
        sector_code: v.sector.clone(),
        kind: v.kind.code().to_string(),
        name: v.name.clone(),
        tax_code: v.tax_code.as_ref().map(|t| t.as_str().to_string()),
        business_reg_no: v.business_reg_no.clone(),
        street: v.address.clone(),
        commune: v.commune.clone(),
        province: v.province.clone(),
        legal_representative: v.legal_representative.clone(),
        phone: v.phone.clone(),
        notice_emails: serde_json::to_string(&v.notice_emails).map_err(anyhow::Error::from)?,
        attributes: serde_json::to_string(&v.attributes).map_err(anyhow::Error::from)?,
        status: v.status.code().to_string(),
        notes: v.notes.clone(),
        search_text: search_text(v),
        sort_name: fold(&v.name),
        created_by_agency_id: agency_id.to_string(),
        version,
        created_at: created,
        updated_at: now,
        deleted_at: None,
    })
}

fn duplicate_error(existing: &OutletRow) -> AppError {
    FieldErrors(vec![FieldError::with_arg("tax_code", Code::TaxCodeDuplicate, &existing.name)]).into()
}

/// Another instance may register the same tax code between the check and the write (PostgreSQL);
/// the unique index then refuses it, inside a savepoint so that the transaction can still read who
/// holds the code and answer as the check does.
fn or_duplicate<T>(conn: &mut DbConnection, v: &ValidOutlet, written: QueryResult<T>) -> Result<T, AppError> {
    match written {
        Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _))
            if let Some(t) = &v.tax_code
                && let Some(existing) = find_by_tax_code(conn, t.as_str())? =>
        {
            Err(duplicate_error(&existing))
        }
        other => Ok(other?),
    }
}

/// Inserts inside the caller's transaction (used by `create` and the CSV import).
pub fn insert(
    conn: &mut DbConnection,
    actor: &Actor,
    v: &ValidOutlet,
    action: AuditAction,
) -> Result<OutletRow, AppError> {
    if let Some(t) = &v.tax_code
        && let Some(existing) = find_by_tax_code(conn, t.as_str())?
    {
        return Err(duplicate_error(&existing));
    }
    let row = to_row(OutletId::generate(), v, actor.agency_id.as_deref().unwrap_or(""), 1, crate::time::now())?;
    // In a savepoint: see `or_duplicate`.
    let inserted = conn.transaction(|c| diesel::insert_into(outlets::table).values(&row).execute(c));
    or_duplicate(conn, v, inserted)?;
    let mut entry = AuditEntry::created(&row);
    entry.action = action;
    audit::record(conn, actor, entry)?;
    Ok(row)
}

pub fn create(conn: &mut DbConnection, actor: &Actor, v: &ValidOutlet) -> Result<OutletRow, AppError> {
    write_tx(conn, |conn| insert(conn, actor, v, AuditAction::Create))
}

/// Replaces an outlet's fields. With `expected_version`, refuses (409) when someone else saved first.
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    v: &ValidOutlet,
    expected_version: Option<i32>,
) -> Result<OutletRow, AppError> {
    write_tx(conn, |conn| {
        let before = find(conn, id)?;
        if expected_version.is_some_and(|ev| ev != before.version) {
            return Err(AppError::from(Code::StaleVersion));
        }
        if let Some(t) = &v.tax_code
            && let Some(existing) = find_by_tax_code(conn, t.as_str())?
            && existing.id != id
        {
            return Err(duplicate_error(&existing));
        }
        let mut row = to_row(id.into(), v, &before.created_by_agency_id, before.version + 1, before.created_at)?;
        if AuditEntry::updated(&before, &row).is_none() {
            return Ok(before);
        }
        row.version = before.version + 1;
        let n = conn.transaction(|c| {
            diesel::update(outlets::table.find(id).filter(outlets::version.eq(before.version))).set(&row).execute(c)
        });
        let n = or_duplicate(conn, v, n)?;
        if n != 1 {
            return Err(AppError::from(Code::StaleVersion));
        }
        if let Some(entry) = AuditEntry::updated(&before, &row) {
            audit::record(conn, actor, entry)?;
        }
        Ok(row)
    })
}

/// Removes an outlet from the registry; the row and its history stay for the record.
pub fn delete(conn: &mut DbConnection, actor: &Actor, id: &str) -> Result<(), AppError> {
    write_tx(conn, |conn| {
        let before = find(conn, id)?;
        let now = crate::time::now();
        diesel::update(outlets::table.find(id))
            .set((
                outlets::deleted_at.eq(Some(now)),
                outlets::updated_at.eq(now),
                outlets::version.eq(before.version + 1),
            ))
            .execute(conn)?;
        audit::record(conn, actor, AuditEntry::deleted(&before))?;
        Ok(())
    })
}
