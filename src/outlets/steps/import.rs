//! CSV import in two steps: a preview that keeps a clean file as a pending row (so any instance can
//! confirm it), then the confirmation that writes every row or none.

use diesel::prelude::*;

use super::register;
use crate::audit::Actor;
use crate::db::schema::pending_imports;
use crate::db::{DbConnection, write_tx};
use crate::error::AppError;
use crate::outlets::csv_io::{self, ParsedFile};
use crate::outlets::queries;
use crate::sectors::SectorRow;

/// Parses a file, looking up each tax code in the registry.
pub fn parse_with_db(conn: &mut DbConnection, bytes: &[u8], sectors: &[SectorRow]) -> Result<ParsedFile, AppError> {
    let mut lookup_err = None;
    let parsed = {
        let mut dup = |tax: &str| match queries::find_by_tax_code(conn, tax) {
            Ok(found) => found.map(|o| o.name),
            Err(e) => {
                lookup_err = Some(e);
                None
            }
        };
        csv_io::parse(bytes, sectors, &mut dup)
    };
    if let Some(e) = lookup_err {
        return Err(e);
    }
    Ok(parsed)
}

/// Checks an uploaded file; a clean one is kept as a pending import (for a day) and its id returned.
pub fn preview(
    conn: &mut DbConnection,
    agency_id: &str,
    user_id: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<(ParsedFile, String), AppError> {
    let sectors = crate::sectors::queries::all(conn)?;
    let parsed = parse_with_db(conn, bytes, &sectors)?;
    if !parsed.is_clean() {
        return Ok((parsed, String::new()));
    }
    let id = uuid::Uuid::now_v7().to_string();
    let content = String::from_utf8_lossy(bytes).to_string();
    write_tx(conn, |conn| {
        let old = crate::time::now() - chrono::Duration::days(1);
        diesel::delete(pending_imports::table.filter(pending_imports::created_at.lt(old))).execute(conn)?;
        diesel::insert_into(pending_imports::table)
            .values((
                pending_imports::id.eq(&id),
                pending_imports::agency_id.eq(agency_id),
                pending_imports::user_id.eq(user_id),
                pending_imports::file_name.eq(file_name),
                pending_imports::content.eq(&content),
                pending_imports::created_at.eq(crate::time::now()),
            ))
            .execute(conn)?;
        Ok::<_, AppError>(())
    })?;
    Ok((parsed, id))
}

/// Writes every row of a pending import, or none: the file is checked again against the registry
/// as it is now. `Err((parsed, file name))` when a row has become invalid meanwhile.
pub fn confirm(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    user_id: &str,
    id: &str,
) -> Result<Result<usize, (ParsedFile, String)>, AppError> {
    write_tx(conn, |conn| {
        let (content, file_name): (String, String) = pending_imports::table
            .find(id)
            .filter(pending_imports::agency_id.eq(agency_id))
            .filter(pending_imports::user_id.eq(user_id))
            .select((pending_imports::content, pending_imports::file_name))
            .first(conn)?;
        let sectors = crate::sectors::queries::all(conn)?;
        let parsed = parse_with_db(conn, content.as_bytes(), &sectors)?;
        if !parsed.is_clean() {
            return Ok(Err((parsed, file_name)));
        }
        for row in &parsed.rows {
            if let Ok(v) = &row.result {
                register::insert(conn, actor, v, crate::audit::AuditAction::Import)?;
            }
        }
        diesel::delete(pending_imports::table.find(id)).execute(conn)?;
        Ok(Ok(parsed.rows.len()))
    })
}
