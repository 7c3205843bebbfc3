//! "My work" on the start page: what waits for the reader (a signature, a record, a report, a
//! follow-up), with its deadline and colour, contributed by the features that own the work. Home
//! knows this interface only; `startup` lists the sources.

use std::sync::Arc;

use crate::auth::Identity;
use crate::db::DbConnection;
use crate::error::AppError;

/// One thing waiting for the reader.
pub struct WorkItem {
    pub href: String,
    /// What it is about (the outlet, the document).
    pub subject: String,
    /// What waits ("Ký kết luận", "Nộp báo cáo kết quả").
    pub task: String,
    /// When it is due, for sorting; none when no deadline runs.
    pub due: Option<chrono::NaiveDate>,
    /// The due date as shown, and the deadline's state code (`overdue`, `due_today`, `due_soon`,
    /// `on_track`) and label, for the colour.
    pub due_shown: String,
    pub status: Option<(&'static str, String)>,
}

pub trait WorkSource: Send + Sync {
    fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<WorkItem>, AppError>;
}

/// The start page's work sources.
#[derive(Clone, Default)]
pub struct WorkSources(pub Arc<Vec<Box<dyn WorkSource>>>);

impl WorkSources {
    pub fn new(sources: Vec<Box<dyn WorkSource>>) -> WorkSources {
        WorkSources(Arc::new(sources))
    }

    /// Everything waiting, the most urgent first (overdue, then by due date, undated last).
    pub fn load(&self, conn: &mut DbConnection, user: &Identity) -> Result<Vec<WorkItem>, AppError> {
        let mut out = Vec::new();
        for s in self.0.iter() {
            out.extend(s.load(conn, user)?);
        }
        out.sort_by_key(|w| (w.due.is_none(), w.due));
        Ok(out)
    }
}
