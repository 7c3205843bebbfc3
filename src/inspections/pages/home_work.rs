//! The inspection chain's part of "my work" on the start page, with each deadline's colour.

use crate::auth::{Identity, Permission};
use crate::calendar::engine::DeadlineStatus;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::home::work::{WorkItem, WorkSource};
use crate::i18n::lookup;
use crate::inspections::queries::{self as q, Asker};

pub struct InspectionWork {
    /// Working days before a deadline that it shows as "due soon".
    pub soon_working_days: u32,
}

impl WorkSource for InspectionWork {
    fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<WorkItem>, AppError> {
        if !user.can(Permission::InspectionRead) {
            return Ok(Vec::new());
        }
        let asker = Asker {
            user_id: &user.user.id,
            agency: user.agency_id(),
            approves: user.can(Permission::InspectionApprove) && user.can(Permission::DocumentIssue),
            works: user.can(Permission::InspectionWrite),
        };
        let rows = q::work_of(conn, &asker)?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let cal = crate::calendar::queries::load_calendar(conn)?;
        let today = crate::time::today_vn();
        Ok(rows
            .into_iter()
            .map(|r| {
                let status = r.due.map(|d| {
                    let s = DeadlineStatus::of(&cal, d, today, self.soon_working_days);
                    (s.code(), lookup(user.lang, s.label_key()).to_string())
                });
                WorkItem {
                    href: r.href,
                    subject: r.subject,
                    task: lookup(user.lang, r.task).to_string(),
                    due: r.due,
                    due_shown: r.due.map(|d| crate::time::show_date(&d)).unwrap_or_default(),
                    status,
                }
            })
            .collect())
    }
}
