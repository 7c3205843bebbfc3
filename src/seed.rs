//! Defaults a fresh database needs: the built-in sectors and the first agency (from `[install]`).
//! Idempotent; every row it writes is audited as the system's doing.

use diesel::prelude::*;

use crate::agencies::model::{AgencyFull, AgencyRow, AgencySectorRow};
use crate::audit::{self, Actor, AuditEntry};
use crate::config::Checked;
use crate::db::schema::{agencies, sectors};
use crate::db::{DbConnection, write_tx};
use crate::error::AppError;

pub fn ensure_defaults(conn: &mut DbConnection, config: &Checked) -> Result<(), AppError> {
    let actor = Actor::system("system");
    write_tx(conn, |conn| {
        let now = crate::time::now();
        let have_sectors: i64 = sectors::table.count().get_result(conn)?;
        if have_sectors == 0 {
            for row in crate::sectors::model::builtin_rows(now).map_err(anyhow::Error::from)? {
                diesel::insert_into(sectors::table).values(&row).execute(conn)?;
                audit::record(conn, &actor, AuditEntry::created(&row))?;
            }
        }
        let have_agencies: i64 = agencies::table.count().get_result(conn)?;
        if have_agencies == 0 {
            let i = &config.settings.install;
            let id = uuid::Uuid::now_v7().to_string();
            let sector_codes: Vec<String> = sectors::table.select(sectors::code).load(conn)?;
            let full = AgencyFull {
                agency: AgencyRow {
                    treasury_name: String::new(),
                    treasury_account: String::new(),
                    id: id.clone(),
                    code: i.agency_code.clone(),
                    governing_body: i.governing_body.clone(),
                    name: i.agency_name.clone(),
                    abbreviation: i.abbreviation.clone(),
                    place_name: i.place_name.clone(),
                    province: i.province.clone(),
                    valid_from: config.install_valid_from,
                    valid_to: None,
                    successor_id: None,
                    notes: String::new(),
                    created_at: now,
                    updated_at: now,
                },
                units: vec![],
                signers: vec![],
                sectors: sector_codes
                    .into_iter()
                    .map(|s| AgencySectorRow {
                        id: uuid::Uuid::now_v7().to_string(),
                        agency_id: id.clone(),
                        sector_code: s,
                        valid_from: config.install_valid_from,
                        valid_to: None,
                    })
                    .collect(),
            };
            diesel::insert_into(agencies::table).values(&full.agency).execute(conn)?;
            for s in &full.sectors {
                diesel::insert_into(crate::db::schema::agency_sectors::table).values(s).execute(conn)?;
            }
            audit::record(conn, &actor, AuditEntry::created(&full))?;
        }
        crate::calendar::seed::ensure(conn, &actor)?;
        crate::permits::steps::types::ensure(conn, &actor)?;
        crate::inspections::seed::seed(conn, &actor)?;
        Ok(())
    })
}
