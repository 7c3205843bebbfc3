//! A report's figures: each section read through its feature's own figures, so the report and the
//! feature's page never disagree; a section the reader may not see is left out.

use serde::Serialize;

use crate::db::DbConnection;
use crate::error::AppError;
use crate::reports::period::Period;

/// What the reader may see of the agency's work.
#[derive(Debug, Clone, Copy)]
pub struct Sections {
    pub inspections: bool,
    pub complaints: bool,
    pub permits: bool,
}

impl Sections {
    /// The sections `reader`'s role may read (permit staff and viewers read no complaints).
    pub fn for_reader(reader: &crate::auth::Identity) -> Sections {
        use crate::auth::Permission;
        Sections {
            inspections: reader.can(Permission::InspectionRead),
            complaints: reader.can(Permission::ComplaintRead),
            permits: reader.can(Permission::PermitRead),
        }
    }
}

/// One period's figures.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ReportFigures)]
pub struct Figures {
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub inspections: Option<crate::inspections::queries::figures::Figures>,
    pub complaints: Option<crate::complaints::queries::figures::Figures>,
    pub permits: Option<crate::permits::queries::figures::Figures>,
}

/// A report: the period's figures and the same period a year earlier.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Report {
    /// The period's code (`2026-07`, `2026-Q3`, `2026-H1`, `2026`), empty for a range.
    pub period: String,
    /// The period as a report's title names it, in the reader's language.
    pub title: String,
    pub current: Figures,
    pub a_year_earlier: Figures,
}

fn figures(
    conn: &mut DbConnection,
    agency_id: &str,
    p: &Period,
    show: Sections,
    cal: &crate::calendar::engine::Calendar,
    soon: u32,
) -> Result<Figures, AppError> {
    Ok(Figures {
        from: p.from,
        to: p.to,
        inspections: match show.inspections {
            true => Some(crate::inspections::queries::figures::figures(conn, agency_id, p.from, p.to)?),
            false => None,
        },
        complaints: match show.complaints {
            true => Some(crate::complaints::queries::figures::figures(conn, agency_id, p.from, p.to)?),
            false => None,
        },
        permits: match show.permits {
            true => Some(crate::permits::queries::figures::figures(conn, agency_id, p.from, p.to, cal, soon)?),
            false => None,
        },
    })
}

/// The report of `agency_id` for `p`, with the same period a year earlier.
pub fn report(
    conn: &mut DbConnection,
    agency_id: &str,
    p: Period,
    show: Sections,
    lang: crate::i18n::Lang,
    soon: u32,
) -> Result<Report, AppError> {
    let cal = crate::calendar::queries::load_calendar(conn)?;
    Ok(Report {
        period: p.code().unwrap_or_default(),
        title: p.title(lang),
        current: figures(conn, agency_id, &p, show, &cal, soon)?,
        a_year_earlier: figures(conn, agency_id, &p.a_year_earlier(), show, &cal, soon)?,
    })
}
