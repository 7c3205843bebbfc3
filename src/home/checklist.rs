//! The first-run checklist on the start page: what an administrator still has to set up before
//! documents and decisions can be issued (agency details, a signer in force, the public address,
//! staff with official positions, sectors), each done or missing with a link to where it is set.
//! Like the tiles, the features contribute their items (`SetupCheck`) and `startup` lists them; the
//! card shows only to administrators, and only while something is missing.

use std::sync::Arc;

use crate::auth::{Identity, Permission};
use crate::db::DbConnection;
use crate::error::AppError;

/// One thing to set up.
pub struct SetupItem {
    /// What it is, in the reader's language.
    pub label: String,
    pub done: bool,
    /// The page where it is set, when the reader may use it.
    pub href: Option<String>,
    /// Who sets it when the reader may not (in the reader's language), else empty.
    pub note: String,
}

pub trait SetupCheck: Send + Sync {
    /// The items this feature contributes for `user`'s agency (only administrators are asked).
    fn check(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<SetupItem>, AppError>;
}

/// The checks of the start page, in order.
#[derive(Clone, Default)]
pub struct SetupChecks(pub Arc<Vec<Box<dyn SetupCheck>>>);

impl SetupChecks {
    pub fn new(checks: Vec<Box<dyn SetupCheck>>) -> SetupChecks {
        SetupChecks(Arc::new(checks))
    }

    /// Every item, for an administrator while one is missing; nothing for anyone else, nor once all
    /// are done.
    pub fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<SetupItem>, AppError> {
        if !user.can(Permission::AgencyManage) {
            return Ok(Vec::new());
        }
        let mut items = Vec::new();
        for c in self.0.iter() {
            items.extend(c.check(conn, user)?);
        }
        Ok(if items.iter().all(|i| i.done) { Vec::new() } else { items })
    }
}
