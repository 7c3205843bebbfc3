//! The reports' pages, one file per screen, and what they share: the reader's report for a period.

pub mod dashboard;
pub mod draft;
pub mod export;

use crate::auth::Identity;
use crate::error::AppError;
use crate::reports::period::Period;
use crate::reports::queries::{self, Report, Sections};
use crate::state::AppState;

/// The report of `p` for `agency` (checked by `ReportQuery::agency`), the sections the reader's role
/// may see.
pub async fn load(state: &AppState, reader: &Identity, p: Period, agency: String) -> Result<Report, AppError> {
    let (show, lang) = (Sections::for_reader(reader), reader.lang);
    let soon = state.config.settings.due_soon_working_days;
    state.db.run(move |conn| queries::report(conn, &agency, p, show, lang, soon)).await
}
