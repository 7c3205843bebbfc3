//! A report's figures: each section read through its feature's own figures, so the report and the
//! feature's page never disagree; a section the reader may not see is left out.

use chrono::Datelike;
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
    pub permits: Option<crate::permits::queries::figures::PeriodFigures>,
    /// Documents mailed to businesses and what became of them.
    pub mail: Option<crate::mail::figures::Figures>,
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
    /// The twelve months ending with the period's last month, oldest first.
    pub trend: Vec<Month>,
    /// The period's work by sector.
    pub by_sector: Vec<SectorSplit>,
    /// Today's deadlines by workflow: past their due day, or due within the warning window.
    pub alerts: Vec<Alert>,
}

/// One month of the trend; a series the reader may not see is absent.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ReportMonth)]
pub struct Month {
    /// `2026-07`.
    pub month: String,
    /// Inspections and checks begun (decision announced).
    pub inspections_begun: Option<i64>,
    pub submissions_received: Option<i64>,
    pub dossiers_received: Option<i64>,
    pub permits_issued: Option<i64>,
}

/// A series of the trend: the i18n key of its name, and its value in a month.
pub type Series = (&'static str, fn(&Month) -> Option<i64>);

impl Month {
    /// Every series of the trend, in the order charts and sheets show them.
    pub const SERIES: [Series; 4] = [
        ("report.trend.begun", |m| m.inspections_begun),
        ("report.trend.submissions", |m| m.submissions_received),
        ("report.trend.dossiers", |m| m.dossiers_received),
        ("report.trend.issued", |m| m.permits_issued),
    ];

    /// The series the reader sees in `trend` (those their role may read).
    pub fn shown(trend: &[Month]) -> Vec<Series> {
        Month::SERIES.into_iter().filter(|(_, get)| trend.first().and_then(get).is_some()).collect()
    }
}

/// One sector's work in the period.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SectorSplit {
    pub sector_code: String,
    /// In the reader's language.
    pub name: String,
    pub inspections_begun: i64,
    pub dossiers_received: i64,
}

/// The running deadlines of one workflow today.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ReportAlert)]
pub struct Alert {
    /// The kind of record the deadlines run on: `engagement`, `violation`, `submission`, `dossier`,
    /// `report_draft`, `manual`.
    pub kind: String,
    pub overdue: i64,
    pub due_soon: i64,
}

impl Sections {
    /// Whether the reader sees deadlines running on records of `kind`.
    pub fn shows_kind(&self, kind: &str) -> bool {
        match kind {
            "engagement" | "violation" | "recommendation" => self.inspections,
            "submission" => self.complaints,
            "dossier" | "permit" => self.permits,
            _ => true,
        }
    }
}

fn figures(conn: &mut DbConnection, agency_id: &str, p: &Period, show: Sections) -> Result<Figures, AppError> {
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
            true => Some(crate::permits::queries::figures::period(conn, agency_id, p.from, p.to)?),
            false => None,
        },
        mail: Some(crate::mail::figures::figures(conn, agency_id, p.from, p.to)?),
    })
}

/// The twelve months ending with `p`'s last month, each series as far as `show` allows.
pub fn trend(conn: &mut DbConnection, agency_id: &str, p: &Period, show: Sections) -> Result<Vec<Month>, AppError> {
    let last = Period::month(p.to.year(), p.to.month()).unwrap_or(*p);
    let mut out = Vec::with_capacity(12);
    for back in (0..12u32).rev() {
        let Some(first) = last.from.checked_sub_months(chrono::Months::new(back)) else { continue };
        let Some(m) = Period::month(first.year(), first.month()) else { continue };
        let (a, b) = (m.from, m.to);
        let desk = match show.permits {
            true => Some(crate::permits::queries::figures::received_and_issued_between(conn, agency_id, a, b)?),
            false => None,
        };
        out.push(Month {
            month: a.format("%Y-%m").to_string(),
            inspections_begun: match show.inspections {
                true => Some(crate::inspections::queries::figures::begun_between(conn, agency_id, a, b)?),
                false => None,
            },
            submissions_received: match show.complaints {
                true => Some(crate::complaints::queries::figures::received_between(conn, agency_id, a, b)?),
                false => None,
            },
            dossiers_received: desk.map(|d| d.0),
            permits_issued: desk.map(|d| d.1),
        });
    }
    Ok(out)
}

/// The period's inspections begun and dossiers received by sector, every sector of the
/// installation in its order, those with nothing left out.
fn by_sector(conn: &mut DbConnection, f: &Figures, lang: crate::i18n::Lang) -> Result<Vec<SectorSplit>, AppError> {
    let sectors = crate::sectors::queries::all(conn)?;
    let types = match f.permits {
        Some(_) => crate::permits::queries::figures::sector_of_types(conn)?,
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for s in &sectors {
        let begun = f
            .inspections
            .as_ref()
            .map_or(0, |i| i.by_sector.iter().filter(|r| r.sector_code == s.code).map(|r| r.announced).sum::<i64>());
        let received = f.permits.as_ref().map_or(0, |d| {
            d.by_type
                .iter()
                .filter(|t| types.iter().any(|(code, sector)| code == &t.type_code && sector == &s.code))
                .map(|t| t.counts.received)
                .sum::<i64>()
        });
        if begun > 0 || received > 0 {
            out.push(SectorSplit {
                sector_code: s.code.clone(),
                name: s.name(lang).to_string(),
                inspections_begun: begun,
                dossiers_received: received,
            });
        }
    }
    Ok(out)
}

/// Today's deadlines of `agency_id` by workflow, those `show` allows, in the order of the workflows.
pub fn alerts(conn: &mut DbConnection, agency_id: &str, show: Sections, soon: u32) -> Result<Vec<Alert>, AppError> {
    let cal = crate::calendar::queries::load_calendar(conn)?;
    let today = crate::time::today_vn();
    let until = crate::calendar::queries::soon_until(&cal, soon);
    Ok(crate::calendar::queries::alerts(conn, agency_id, today, until)?
        .into_iter()
        .filter(|(kind, ..)| show.shows_kind(kind))
        .map(|(kind, overdue, due_soon)| Alert { kind, overdue, due_soon })
        .collect())
}

/// The figures of `p` and of the same period a year earlier: what the report (BC) is drafted from.
pub fn compared(
    conn: &mut DbConnection,
    agency_id: &str,
    p: &Period,
    show: Sections,
) -> Result<(Figures, Figures), AppError> {
    Ok((figures(conn, agency_id, p, show)?, figures(conn, agency_id, &p.a_year_earlier(), show)?))
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
    let (current, a_year_earlier) = compared(conn, agency_id, &p, show)?;
    Ok(Report {
        period: p.code().unwrap_or_default(),
        title: p.title(lang),
        a_year_earlier,
        trend: trend(conn, agency_id, &p, show)?,
        by_sector: by_sector(conn, &current, lang)?,
        alerts: alerts(conn, agency_id, show, soon)?,
        current,
    })
}
