//! Creating an agency with its units, signers and sectors, and changing it with its units and
//! sectors, in one transaction each.

use diesel::prelude::*;

use crate::agencies::model::{AgencyFull, AgencyRow};
use crate::agencies::queries::*;
use crate::audit::{self, Actor, AuditEntry};
use crate::db::schema::{agencies, agency_sectors, agency_signers, agency_units};
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldError, FieldErrors};

fn check_successor(conn: &mut DbConnection, a: &AgencyRow) -> Result<(), AppError> {
    if let Some(s) = &a.successor_id {
        let mut seen = vec![a.id.clone()];
        let mut cur = Some(s.clone());
        while let Some(id) = cur {
            if seen.contains(&id) {
                return Err(FieldErrors(vec![FieldError::new("successor_id", Code::SuccessorSelf)]).into());
            }
            let next =
                agencies::table.find(&id).select(agencies::successor_id).first::<Option<String>>(conn).optional()?;
            match next {
                None => {
                    return Err(FieldErrors(vec![FieldError::with_arg("successor_id", Code::NotFound, &id)]).into());
                }
                Some(n) => cur = n,
            }
            seen.push(id);
        }
    }
    Ok(())
}

/// Replaces the units and sectors. Signers are never touched here: documents name them by id, so
/// they are changed in place on their own page (`steps::signers`).
fn write_children(conn: &mut DbConnection, f: &AgencyFull) -> Result<(), AppError> {
    let id = &f.agency.id;
    diesel::delete(agency_units::table.filter(agency_units::agency_id.eq(id))).execute(conn)?;
    diesel::delete(agency_sectors::table.filter(agency_sectors::agency_id.eq(id))).execute(conn)?;
    for u in &f.units {
        diesel::insert_into(agency_units::table).values(u).execute(conn)?;
    }
    for s in &f.sectors {
        diesel::insert_into(agency_sectors::table).values(s).execute(conn)?;
    }
    Ok(())
}

pub fn create(conn: &mut DbConnection, actor: &Actor, f: AgencyFull) -> Result<AgencyFull, AppError> {
    write_tx(conn, |conn| {
        if find_by_code(conn, &f.agency.code)?.is_some() {
            return Err(FieldErrors(vec![FieldError::new("code", Code::CodeTaken)]).into());
        }
        check_successor(conn, &f.agency)?;
        diesel::insert_into(agencies::table).values(&f.agency).execute(conn)?;
        write_children(conn, &f)?;
        for s in &f.signers {
            diesel::insert_into(agency_signers::table).values(s).execute(conn)?;
        }
        audit::record(conn, actor, AuditEntry::created(&f))?;
        Ok(f)
    })
}

/// Changes the agency, its units and sectors; its signers stay as they are (`f.signers` is not
/// read), ids and all.
pub fn update(conn: &mut DbConnection, actor: &Actor, mut f: AgencyFull) -> Result<AgencyFull, AppError> {
    write_tx(conn, |conn| {
        let before = full(conn, &f.agency.id)?;
        if let Some(other) = find_by_code(conn, &f.agency.code)?
            && other.id != f.agency.id
        {
            return Err(FieldErrors(vec![FieldError::new("code", Code::CodeTaken)]).into());
        }
        check_successor(conn, &f.agency)?;
        f.agency.created_at = before.agency.created_at;
        f.agency.updated_at = crate::time::now();
        let a = &f.agency;
        diesel::update(agencies::table.find(&a.id)).set(a).execute(conn)?;
        write_children(conn, &f)?;
        let after = full(conn, &f.agency.id)?;
        if let Some(e) = AuditEntry::updated(&before, &after) {
            audit::record(conn, actor, e)?;
        }
        Ok(after)
    })
}
