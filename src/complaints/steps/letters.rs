//! The letter a handling outcome produces, drafted in the same transaction as the step and linked
//! to the submission: edited, issued (numbered and frozen) and sent from the document's page.

use diesel::prelude::*;

use crate::audit::Actor;
use crate::complaints::compose::{self, Letter};
use crate::complaints::model::*;
use crate::complaints::queries as q;
use crate::complaints::state::Event;
use crate::complaints::steps::intake::RESOLUTION_LABEL;
use crate::db::DbConnection;
use crate::db::schema::{deadlines, submission_documents};
use crate::documents::model::DocumentRow;
use crate::error::AppError;

/// The role of each letter, as stored and labelled (`kn.doc.<role>`).
pub fn role_of(event: Event, kind: Kind) -> Option<&'static str> {
    match event {
        Event::Accept => Some("acceptance"),
        Event::Refuse => Some("refusal"),
        Event::Forward => Some("forwarding"),
        Event::Guide => Some("guidance"),
        Event::Decide if kind == Kind::Denunciation => Some("conclusion"),
        Event::Decide => Some("decision"),
        Event::Answer => Some("answer"),
        Event::Extend => Some("extension"),
        _ => None,
    }
}

/// Drafts the letter of `event`, taken on `on` with `text` (the reasons, the guidance, the body it
/// is forwarded to, the finding or the answer) and `days` (an extension's length), on the
/// submission as it now is, if the step has one.
pub fn write(
    conn: &mut DbConnection,
    actor: &Actor,
    s: &SubmissionRow,
    event: Event,
    on: chrono::NaiveDate,
    text: &str,
    days: u32,
) -> Result<Option<DocumentRow>, AppError> {
    let Some(role) = role_of(event, s.kind) else { return Ok(None) };
    let people = if s.is_secret() { Vec::new() } else { q::people(conn, &s.id)? };
    let agency = crate::agencies::queries::find(conn, &s.agency_id)?.name;
    let signer = crate::agencies::queries::signer_in_force(conn, &s.agency_id)?;
    let outlet = q::concerns(conn, &s.id)?.into_iter().next().map(|(id, _)| id);
    let l = Letter { s, people: &people, agency: &agency, signer_id: &signer, outlet_id: outlet.as_deref() };
    let input = match event {
        Event::Accept => {
            let clock: Option<(i32, String)> = deadlines::table
                .filter(deadlines::record_type.eq("submission"))
                .filter(deadlines::record_id.eq(&s.id))
                .filter(deadlines::label.eq(RESOLUTION_LABEL))
                .filter(deadlines::closed_at.is_null())
                .select((deadlines::duration, deadlines::unit))
                .first(conn)
                .optional()?;
            let (n, unit) = clock.unwrap_or((0, String::new()));
            let words = if unit == "working" { "ngày làm việc" } else { "ngày" };
            match compose::acceptance(&l, on, n, words) {
                Some(x) => x,
                None => return Ok(None),
            }
        }
        Event::Refuse => compose::refusal(&l, text),
        Event::Forward => compose::forwarding(&l, text),
        Event::Guide => compose::guidance(&l, text),
        Event::Decide if s.kind == Kind::Denunciation => compose::denunciation_conclusion(&l, text),
        Event::Decide => compose::complaint_decision(&l, text),
        Event::Answer => compose::petition_answer(&l, text),
        Event::Extend => {
            let until = q::open_deadline_due(conn, &s.id, RESOLUTION_LABEL)?;
            compose::extension(&l, s.extensions, days, until, text)
        }
        _ => return Ok(None),
    };
    let doc = crate::documents::steps::draft::create_draft(conn, actor, &s.agency_id, input.validate()?)?;
    diesel::insert_into(submission_documents::table)
        .values((
            submission_documents::submission_id.eq(&s.id),
            submission_documents::document_id.eq(doc.id.to_string()),
            submission_documents::role.eq(role),
        ))
        .execute(conn)?;
    Ok(Some(doc))
}
