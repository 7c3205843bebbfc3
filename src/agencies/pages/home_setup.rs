//! The agency's part of the start page's first-run checklist: its details, a signer in force, its
//! sectors, the treasury its fines are paid into.

use crate::agencies::queries;
use crate::auth::{Identity, Permission};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::home::checklist::{SetupCheck, SetupItem};
use crate::i18n::lookup;

fn item(user: &Identity, key: &str, done: bool, href: String) -> SetupItem {
    let may = user.require_for_agency(Permission::AgencyManage, user.agency_id()).is_ok();
    SetupItem {
        label: lookup(user.lang, key).to_string(),
        done,
        note: if may { String::new() } else { lookup(user.lang, "setup.ask_admin").to_string() },
        href: may.then_some(href),
    }
}

/// The agency's details as its documents print them (governing body, name, abbreviation, place
/// name), and at least one signer in force today.
pub struct AgencyReady;

impl SetupCheck for AgencyReady {
    fn check(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<SetupItem>, AppError> {
        let id = user.agency_id();
        let a = queries::find(conn, id)?;
        let details = [&a.governing_body, &a.name, &a.abbreviation, &a.place_name].iter().all(|s| !s.trim().is_empty());
        let signer = queries::has_signer_in_force(conn, id)?;
        Ok(vec![
            item(user, "home.setup.agency_details", details, format!("/admin/agencies/{id}/edit")),
            item(user, "home.setup.signer", signer, format!("/admin/agencies/{id}/signers")),
        ])
    }
}

/// The sectors the agency handles.
pub struct SectorsChosen;

impl SetupCheck for SectorsChosen {
    fn check(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<SetupItem>, AppError> {
        let id = user.agency_id();
        let chosen = !queries::full(conn, id)?.sectors.is_empty();
        Ok(vec![item(user, "home.setup.sectors", chosen, format!("/admin/agencies/{id}/edit"))])
    }
}

/// The State Treasury and account a sanction decision tells the violator to pay into (NĐ 118/2021,
/// Mẫu MQĐ02): without them no sanction decision can be issued.
pub struct TreasurySet;

impl SetupCheck for TreasurySet {
    fn check(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<SetupItem>, AppError> {
        let id = user.agency_id();
        let a = queries::find(conn, id)?;
        let done = !a.treasury_name.trim().is_empty() && !a.treasury_account.trim().is_empty();
        Ok(vec![item(user, "home.setup.treasury", done, format!("/admin/agencies/{id}/edit"))])
    }
}
