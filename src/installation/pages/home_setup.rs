//! The installation's part of the start page's first-run checklist: the public address, from the
//! configuration or the settings page.

use crate::auth::{Identity, Permission};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::home::checklist::{SetupCheck, SetupItem};
use crate::i18n::lookup;
use crate::installation::queries;

pub struct PublicAddressSet {
    /// `base_url` is in the configuration (it wins over the settings page).
    pub configured: bool,
}

impl SetupCheck for PublicAddressSet {
    fn check(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<SetupItem>, AppError> {
        let done = self.configured || queries::saved_public_address(conn)?.is_some_and(|a| !a.is_empty());
        let may = user.can(Permission::InstallationManage);
        Ok(vec![SetupItem {
            label: lookup(user.lang, "home.setup.public_address").to_string(),
            done,
            href: may.then(|| "/admin/settings".to_string()),
            note: if may { String::new() } else { lookup(user.lang, "home.setup.ask_installation").to_string() },
        }])
    }
}
