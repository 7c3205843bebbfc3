//! Reads of the sectors.

use diesel::prelude::*;

use super::model::SectorRow;
use crate::db::DbConnection;
use crate::db::schema::sectors;
use crate::error::AppError;

pub fn all(conn: &mut DbConnection) -> Result<Vec<SectorRow>, AppError> {
    Ok(sectors::table
        .order((sectors::sort_order.asc(), sectors::code.asc()))
        .select(SectorRow::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut DbConnection, code: &str) -> Result<Option<SectorRow>, AppError> {
    Ok(sectors::table.find(code).select(SectorRow::as_select()).first(conn).optional()?)
}

pub fn valid_code(s: &str) -> bool {
    (2..=32).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}
