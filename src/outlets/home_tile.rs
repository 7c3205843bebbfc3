//! The outlet count on the start page.

use crate::auth::{Identity, Permission};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::home::tiles::{HomeTile, Tile};

pub struct OutletsTile;

impl HomeTile for OutletsTile {
    fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Option<Tile>, AppError> {
        if !user.can(Permission::OutletRead) {
            return Ok(None);
        }
        let label = crate::i18n::lookup(user.lang, "home.outlets_count").to_string();
        Ok(Some(Tile { href: "/outlets".into(), value: super::queries::count(conn)?, label, alert: None }))
    }
}
