//! Issuing: the next number of the register (without gaps), the render frozen with its SHA-256, the
//! header and signer kept as they were, the verification code.

use chrono::Datelike;
use diesel::prelude::*;

use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::db::schema::{document_registers, documents};
use crate::db::{DbConnection, write_tx};
use crate::documents::model::*;
use crate::documents::queries::{find, issue_problems, spec_for};
use crate::error::{AppError, Code};
use crate::files::FileStore;

/// Ten characters of Crockford-like base32 (no 0/1/I/O), shown as XXXXX-XXXXX.
pub fn new_verify_code() -> String {
    crate::domain::ids::readable_code(2, 5)
}

/// The next number of a register, taken inside the caller's transaction. On PostgreSQL the register
/// row is locked FOR UPDATE; on SQLite the write transaction already excludes other writers.
pub fn next_number(conn: &mut DbConnection, agency_id: &str, register: &str, year: i32) -> Result<i64, AppError> {
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

/// A document signed before it reaches the system (a case already under way): the day it was
/// signed and the number it was given, kept in its register.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignedBefore {
    pub on: chrono::NaiveDate,
    pub number: Option<i64>,
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
    issue_as(conn, files, actor, id, agency_id, base_url, None)
}

/// Takes `number` in the register of `year`: refused when another document has it; the register
/// goes on from the highest number taken.
fn take_number(
    conn: &mut DbConnection,
    agency_id: &str,
    register: &str,
    year: i32,
    number: i64,
) -> Result<i64, AppError> {
    let taken: i64 = documents::table
        .filter(documents::agency_id.eq(agency_id))
        .filter(documents::register.eq(register))
        .filter(documents::year.eq(year))
        .filter(documents::number.eq(number))
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(crate::error::FieldErrors(vec![crate::error::FieldError::with_arg(
            "number",
            Code::NumberTaken,
            number,
        )])
        .into());
    }
    let next = next_number(conn, agency_id, register, year)?;
    let last = (next - 1).max(number);
    diesel::update(
        document_registers::table
            .filter(document_registers::agency_id.eq(agency_id))
            .filter(document_registers::register.eq(register))
            .filter(document_registers::year.eq(year)),
    )
    .set(document_registers::last_number.eq(last))
    .execute(conn)?;
    Ok(number)
}

/// As `issue`, for a document signed before it reached the system (`signed_before`: its day and
/// number).
pub fn issue_as(
    conn: &mut DbConnection,
    files: &dyn FileStore,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    base_url: &str,
    signed_before: Option<SignedBefore>,
) -> Result<DocumentRow, AppError> {
    write_tx(conn, |conn| {
        let before = find(conn, id, agency_id)?;
        if before.is_issued() {
            return Err(AppError::from(Code::DocumentAlreadyIssued));
        }
        crate::agencies::queries::explain_missing_signer(conn, agency_id, "signer_id", issue_problems(&before))?
            .into_result()?;
        let today = signed_before.map(|s| s.on).unwrap_or_else(crate::time::today_vn);
        let year = today.year();
        let number = match signed_before.and_then(|s| s.number) {
            Some(n) => take_number(conn, agency_id, &before.register, year, n)?,
            None => next_number(conn, agency_id, &before.register, year)?,
        };
        let mut after = before.clone();
        after.number = Some(number);
        after.issued_on = Some(today);
        after.year = Some(year);
        after.status = "issued".into();
        let mut spec = spec_for(conn, &after, Some(today))?;
        spec.draft = false;
        let code = new_verify_code();
        spec.verification = Some((code.clone(), format!("{}/verify/{code}", base_url.trim_end_matches('/'))));
        let bytes = crate::documents::render(&spec).map_err(|e| AppError::Internal(anyhow::anyhow!("render: {e}")))?;
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
