//! Open engagements on the start page, with overdue recommendations beside them.

use crate::auth::{Identity, Permission};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::home::tiles::{HomeTile, Tile};
use crate::i18n::lookup;
use crate::inspections::queries as q;

pub struct EngagementsTile;

impl HomeTile for EngagementsTile {
    fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Option<Tile>, AppError> {
        if !user.can(Permission::InspectionRead) {
            return Ok(None);
        }
        let total = q::open_count(conn, user.agency_id())?;
        let overdue = q::overdue_count(conn, user.agency_id(), crate::time::today_vn())?;
        Ok(Some(Tile {
            href: "/inspections?state=open".into(),
            value: total,
            label: lookup(user.lang, "home.engagements_open").to_string(),
            alert: (overdue > 0).then(|| (overdue, lookup(user.lang, "insp.recs_overdue").to_string())),
        }))
    }
}
