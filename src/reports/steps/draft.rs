//! Drafting the report (BC) of a period: the figures composed into a document draft
//! (`reports::compose`), kept once per agency and period (`report_drafts`): drafting again rewrites
//! the draft from the figures unless someone edited it since, and an issued report is never
//! touched.

use diesel::prelude::*;

use crate::audit::{self, Actor, AuditEntry};
use crate::db::schema::report_drafts;
use crate::db::{DbConnection, write_tx};
use crate::documents::steps::draft::Composed;
use crate::error::{AppError, Code};
use crate::reports::compose::{self, Context};
use crate::reports::model::ReportDraftRow;
use crate::reports::period::Period;
use crate::reports::queries::{self, Sections};

/// The key a period is kept under: its code, or `from..to` for a range.
pub fn key(p: &Period) -> String {
    p.code().unwrap_or_else(|| format!("{}..{}", p.from, p.to))
}

/// The draft already written for `agency_id` and `p`, if any.
pub fn existing(conn: &mut DbConnection, agency_id: &str, p: &Period) -> Result<Option<ReportDraftRow>, AppError> {
    Ok(report_drafts::table
        .filter(report_drafts::agency_id.eq(agency_id))
        .filter(report_drafts::period_code.eq(key(p)))
        .select(ReportDraftRow::as_select())
        .first(conn)
        .optional()?)
}

/// The centrally-run cities, whose people's committee is a city's, not a province's.
const CITIES: &[&str] = &["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"];

/// Whom an agency reports to, as "Kính gửi" names it.
pub fn superior(province: &str, governing_body: &str) -> String {
    let p = province.trim();
    match p {
        "" => governing_body.to_string(),
        p if CITIES.contains(&p) => format!("Ủy ban nhân dân thành phố {p}"),
        p => format!("Ủy ban nhân dân tỉnh {p}"),
    }
}

/// Writes (or rewrites) the report of `p` for `agency_id`; every area is in it, whoever drafts it
/// (the document is the agency's report; its figures are counts, never a person's data).
pub fn draft(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    p: Period,
) -> Result<(ReportDraftRow, Composed), AppError> {
    write_tx(conn, |conn| {
        let all = Sections { inspections: true, complaints: true, permits: true };
        let (now, before) = queries::compared(conn, agency_id, &p, all)?;
        let agency = crate::agencies::queries::find(conn, agency_id)?;
        let sectors: Vec<(String, String)> =
            crate::sectors::queries::all(conn)?.into_iter().map(|s| (s.code, s.name_vi)).collect();
        let procedures: Vec<(String, String)> =
            crate::permits::queries::all_types(conn)?.into_iter().map(|t| (t.code, t.name_vi)).collect();
        let signer = crate::agencies::queries::signer_in_force(conn, agency_id)?;
        let to = superior(&agency.province, &agency.governing_body);
        let name = compose::running_name(&agency.name);
        let ctx = Context { agency: &name, to: &to, sectors: &sectors, procedures: &procedures, signer_id: &signer };
        let input = compose::report(&now, &before, &p, &ctx).validate()?;
        let before = existing(conn, agency_id, &p)?;
        let doc_id = before.as_ref().map(|b| crate::domain::DocumentId::from(b.document_id.clone()));
        let composed = crate::documents::steps::draft::compose(conn, actor, agency_id, doc_id.as_ref(), input, false)?;
        if let Some(row) = before {
            return Ok((row, composed));
        }
        let Composed::Created(doc) = &composed else {
            return Err(AppError::Internal(anyhow::anyhow!("a report draft was rewritten without its row")));
        };
        let row = ReportDraftRow {
            id: uuid::Uuid::now_v7().to_string(),
            agency_id: agency_id.to_string(),
            period_code: key(&p),
            period_from: p.from,
            period_to: p.to,
            document_id: doc.id.to_string(),
            deadline_id: None,
            created_by: actor.name.clone(),
            created_at: crate::time::now(),
        };
        // Another instance (or a second click) may have drafted the same period meanwhile: the
        // unique key keeps one, and this transaction, its document with it, is rolled back.
        let insert = diesel::insert_into(report_drafts::table).values(&row).on_conflict_do_nothing();
        let n = match conn {
            DbConnection::Pg(c) => insert.execute(c)?,
            DbConnection::Sqlite(c) => insert.execute(c)?,
        };
        if n == 0 {
            return Err(AppError::Conflict(Code::ReportDraftTaken.into()));
        }
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok((row, composed))
    })
}
