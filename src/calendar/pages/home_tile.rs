//! Open deadlines on the start page, with the overdue ones beside them.

use crate::auth::{Identity, Permission};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::home::tiles::{HomeTile, Tile};
use crate::i18n::lookup;

pub struct DeadlinesTile;

impl HomeTile for DeadlinesTile {
    fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Option<Tile>, AppError> {
        if !user.can(Permission::DeadlineRead) {
            return Ok(None);
        }
        let today = crate::time::today_vn();
        let (open, overdue) = crate::calendar::queries::open_counts(
            conn,
            user.agency_id(),
            &crate::calendar::queries::hidden_kinds(user),
            today,
        )?;
        Ok(Some(Tile {
            href: "/deadlines".into(),
            value: open,
            label: lookup(user.lang, "deadline.tracked").to_string(),
            alert: (overdue > 0).then(|| (overdue, lookup(user.lang, "deadline.tile_overdue").to_string())),
        }))
    }
}
