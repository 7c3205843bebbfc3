//! The agency's documents on the start page.

use crate::auth::{Identity, Permission};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::home::tiles::{HomeTile, Tile};

pub struct DocumentsTile;

impl HomeTile for DocumentsTile {
    fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Option<Tile>, AppError> {
        if !user.can(Permission::DocumentRead) {
            return Ok(None);
        }
        let total = crate::documents::queries::count(conn, user.agency_id())?;
        let label = crate::i18n::lookup(user.lang, "documents.title").to_string();
        Ok(Some(Tile { href: "/documents".into(), value: total, label, alert: None }))
    }
}
