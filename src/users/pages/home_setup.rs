//! The users' part of the start page's first-run checklist: someone besides the administrators who
//! can be on an inspection team, with the official position decisions print.

use crate::auth::{Identity, Permission, Role};
use crate::db::DbConnection;
use crate::error::AppError;
use crate::home::checklist::{SetupCheck, SetupItem};
use crate::i18n::lookup;
use crate::users::queries;

pub struct StaffWithTitles;

impl SetupCheck for StaffWithTitles {
    fn check(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<SetupItem>, AppError> {
        let done = queries::list(conn, Some(user.agency_id()))?.iter().any(|u| {
            let role = u.role();
            !u.disabled && !role.is_admin() && role != Role::Viewer && !u.official_title.trim().is_empty()
        });
        let may = user.can(Permission::UserManage);
        Ok(vec![SetupItem {
            label: lookup(user.lang, "home.setup.staff").to_string(),
            done,
            href: may.then(|| "/admin/users".to_string()),
            note: if may { String::new() } else { lookup(user.lang, "setup.ask_admin").to_string() },
        }])
    }
}
