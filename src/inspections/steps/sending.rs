//! Sending the signed conclusion or result notice to the business through the outbox.

use crate::audit::Actor;
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldErrors};
use crate::inspections::queries as q;

/// Sends the issued conclusion (or result notice) to the business through the outbox.
pub fn send_conclusion(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    out: crate::documents::steps::send::Outgoing,
) -> Result<crate::mail::outbox::MessageRow, AppError> {
    let crate::documents::steps::send::Outgoing { recipients, cover, from, base_url } = out;
    write_tx(conn, |conn| {
        let e = q::engagement(conn, engagement_id, agency_id)?;
        let cid = e.conclusion_id.clone().ok_or_else(|| AppError::from(Code::ConclusionNotDrafted))?;
        let recipients = if recipients.is_empty() {
            let outlet = crate::outlets::queries::find(conn, &e.outlet_id)?;
            outlet.emails().iter().filter_map(|m| crate::domain::Email::parse(m)).collect()
        } else {
            recipients
        };
        if recipients.is_empty() {
            return Err(FieldErrors::one("recipients", Code::Required).into());
        }
        crate::documents::steps::send::send(
            conn,
            actor,
            &cid,
            agency_id,
            crate::documents::steps::send::Outgoing { recipients, cover, from, base_url },
        )
    })
}
