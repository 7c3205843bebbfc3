//! Creating and changing a sector and its fields, audited.

use diesel::prelude::*;

use crate::audit::{self, Actor, AuditEntry};
use crate::db::schema::sectors;
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::sectors::model::SectorRow;
use crate::sectors::queries::*;

pub fn create(conn: &mut DbConnection, actor: &Actor, row: SectorRow) -> Result<SectorRow, AppError> {
    write_tx(conn, |conn| {
        if find(conn, &row.code)?.is_some() {
            return Err(FieldErrors(vec![FieldError::new("code", Code::CodeTaken)]).into());
        }
        diesel::insert_into(sectors::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}

pub fn update(conn: &mut DbConnection, actor: &Actor, row: SectorRow) -> Result<SectorRow, AppError> {
    write_tx(conn, |conn| {
        let before = find(conn, &row.code)?.ok_or(AppError::NotFound)?;
        let edited = SectorRow {
            name_vi: row.name_vi,
            name_en: row.name_en,
            attributes: row.attributes,
            active: row.active,
            sort_order: row.sort_order,
            updated_at: crate::time::now(),
            ..before.clone()
        };
        diesel::update(sectors::table.find(&edited.code)).set(&edited).execute(conn)?;
        let after = find(conn, &edited.code)?.ok_or(AppError::NotFound)?;
        if let Some(e) = AuditEntry::updated(&before, &after) {
            audit::record(conn, actor, e)?;
        }
        Ok(after)
    })
}
