use chrono::NaiveDate;
use diesel::prelude::*;

use super::model::{AgencyFull, AgencyRow, AgencySectorRow, SignerRow, UnitRow};
use crate::db::DbConnection;
use crate::db::schema::{agencies, agency_sectors, agency_signers, agency_units};
use crate::error::AppError;

pub fn list(conn: &mut DbConnection) -> Result<Vec<AgencyRow>, AppError> {
    Ok(agencies::table
        .order((agencies::valid_from.desc(), agencies::name.asc()))
        .select(AgencyRow::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut DbConnection, id: &str) -> Result<AgencyRow, AppError> {
    Ok(agencies::table.find(id).select(AgencyRow::as_select()).first(conn)?)
}

pub fn find_by_code(conn: &mut DbConnection, code: &str) -> Result<Option<AgencyRow>, AppError> {
    Ok(agencies::table.filter(agencies::code.eq(code)).select(AgencyRow::as_select()).first(conn).optional()?)
}

pub fn full(conn: &mut DbConnection, id: &str) -> Result<AgencyFull, AppError> {
    let agency = find(conn, id)?;
    let units = agency_units::table
        .filter(agency_units::agency_id.eq(id))
        .order(agency_units::code.asc())
        .select(UnitRow::as_select())
        .load(conn)?;
    let signers = agency_signers::table
        .filter(agency_signers::agency_id.eq(id))
        .order((agency_signers::valid_from.asc(), agency_signers::id.asc()))
        .select(SignerRow::as_select())
        .load(conn)?;
    let sectors = agency_sectors::table
        .filter(agency_sectors::agency_id.eq(id))
        .order(agency_sectors::sector_code.asc())
        .select(AgencySectorRow::as_select())
        .load(conn)?;
    Ok(AgencyFull { agency, units, signers, sectors })
}

/// Agencies in force on `date`, optionally only those handling `sector` on that date.
pub fn in_force(conn: &mut DbConnection, date: NaiveDate, sector: Option<&str>) -> Result<Vec<AgencyFull>, AppError> {
    let rows: Vec<AgencyRow> = agencies::table
        .filter(agencies::valid_from.le(date))
        .filter(agencies::valid_to.is_null().or(agencies::valid_to.ge(date)))
        .order(agencies::name.asc())
        .select(AgencyRow::as_select())
        .load(conn)?;
    let mut out = Vec::new();
    for r in rows {
        let f = full(conn, &r.id)?;
        let handles = match sector {
            None => true,
            Some(s) => f
                .sectors
                .iter()
                .any(|x| x.sector_code == s && x.valid_from <= date && x.valid_to.is_none_or(|t| date <= t)),
        };
        if handles {
            out.push(f);
        }
    }
    Ok(out)
}

/// Ids of the agencies whose records `agency_id` may read: itself and every agency it succeeded,
/// since files pass to the successor.
pub fn visible_agency_ids(conn: &mut DbConnection, agency_id: &str) -> Result<Vec<String>, AppError> {
    let mut ids = vec![agency_id.to_string()];
    let mut frontier = vec![agency_id.to_string()];
    while let Some(cur) = frontier.pop() {
        let preds: Vec<String> =
            agencies::table.filter(agencies::successor_id.eq(&cur)).select(agencies::id).load(conn)?;
        for p in preds {
            if !ids.contains(&p) {
                ids.push(p.clone());
                frontier.push(p);
            }
        }
    }
    Ok(ids)
}
