use chrono::NaiveDate;
use diesel::prelude::*;

use super::model::{AgencyFull, AgencyRow, AgencySectorRow, SignerRow, SignerView, UnitRow, no_signer_in_force};
use crate::db::DbConnection;
use crate::db::schema::{agencies, agency_sectors, agency_signers, agency_units, documents};
use crate::error::{AppError, Code, FieldError, FieldErrors};

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
    let signers = signers(conn, id)?;
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

/// The agency's signers, earliest first.
pub fn signers(conn: &mut DbConnection, agency_id: &str) -> Result<Vec<SignerRow>, AppError> {
    Ok(agency_signers::table
        .filter(agency_signers::agency_id.eq(agency_id))
        .order((agency_signers::valid_from.asc(), agency_signers::id.asc()))
        .select(SignerRow::as_select())
        .load(conn)?)
}

/// How many documents name each of `ids` as their signer (ids no document names are left out).
pub fn documents_naming(
    conn: &mut DbConnection,
    ids: &[String],
) -> Result<std::collections::HashMap<String, i64>, AppError> {
    let named: Vec<Option<String>> =
        documents::table.filter(documents::signer_id.eq_any(ids)).select(documents::signer_id).load(conn)?;
    let mut out = std::collections::HashMap::new();
    for id in named.into_iter().flatten() {
        *out.entry(id).or_insert(0) += 1;
    }
    Ok(out)
}

/// The signers page and `GET /agencies/{id}/signers`: the agency and each signer with whether it
/// is in force today and how many documents name it.
pub fn signer_views(conn: &mut DbConnection, agency_id: &str) -> Result<(AgencyRow, Vec<SignerView>), AppError> {
    let agency = find(conn, agency_id)?;
    let rows = signers(conn, agency_id)?;
    let named = documents_naming(conn, &rows.iter().map(|s| s.id.clone()).collect::<Vec<_>>())?;
    let today = crate::time::today_vn();
    let views = rows
        .into_iter()
        .map(|s| SignerView {
            in_force: s.in_force_on(today),
            documents: named.get(&s.id).copied().unwrap_or(0),
            signer: s,
        })
        .collect();
    Ok((agency, views))
}

/// The id of one of the agency's signers in force today, or empty (a draft's signer is then chosen
/// on the draft before it is issued).
pub fn signer_in_force(conn: &mut DbConnection, agency_id: &str) -> Result<String, AppError> {
    let today = crate::time::today_vn();
    Ok(signers(conn, agency_id)?.into_iter().find(|x| x.in_force_on(today)).map(|x| x.id).unwrap_or_default())
}

/// Whether the agency has a signer in force today (documents and decisions need one).
pub fn has_signer_in_force(conn: &mut DbConnection, agency_id: &str) -> Result<bool, AppError> {
    let today = crate::time::today_vn();
    Ok(signers(conn, agency_id)?.iter().any(|s| s.in_force_on(today)))
}

/// What to say beside an empty signer choice: "required", or, when the agency has no signer in
/// force at all, that one must be set up first (`no_signer_in_force`, with where).
pub fn missing_signer(conn: &mut DbConnection, agency_id: &str, field: &str) -> Result<FieldError, AppError> {
    Ok(if has_signer_in_force(conn, agency_id)? {
        FieldError::new(field, Code::Required)
    } else {
        FieldError::refused(field, no_signer_in_force(agency_id))
    })
}

/// `errors` with a "required" signer (`field`) said as `missing_signer` says it.
pub fn explain_missing_signer(
    conn: &mut DbConnection,
    agency_id: &str,
    field: &str,
    mut errors: FieldErrors,
) -> Result<FieldErrors, AppError> {
    if let Some(i) = errors.0.iter().position(|e| e.field == field && e.code == Code::Required) {
        errors.0[i] = missing_signer(conn, agency_id, field)?;
    }
    Ok(errors)
}
