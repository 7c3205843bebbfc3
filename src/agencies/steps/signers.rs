//! Saving an agency's signers: each changed in place (documents name them by id), added or removed,
//! in one transaction with one audit entry on the agency that says each change in words. A signer
//! a document names is never removed: the refusal asks for a "valid to" date instead.

use diesel::prelude::*;

use crate::agencies::forms::{Omitted, SignerInput, check_signers};
use crate::agencies::model::SignerRow;
use crate::agencies::queries::{documents_naming, full};
use crate::audit::model::{Change, change};
use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::db::schema::agency_signers;
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldError, Refusal};

/// Saves `rows` as the signers of `agency_id` and returns them all; nothing is written when any
/// row is refused.
pub fn save(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    rows: &[SignerInput],
    omitted: Omitted,
) -> Result<Vec<SignerRow>, AppError> {
    write_tx(conn, |conn| {
        let before = full(conn, agency_id)?;
        let (plan, mut refused) = check_signers(rows, &before.agency, &before.signers, omitted);
        let ids: Vec<String> = plan.removed.iter().map(|(_, s)| s.id.clone()).collect();
        let named = documents_naming(conn, &ids)?;
        for (field, s) in &plan.removed {
            if let Some(n) = named.get(&s.id) {
                let r = Refusal::new(Code::SignerInUse).with("name", &s.full_name).with("count", n);
                refused.push(FieldError::refused(field.as_str(), r));
            }
        }
        refused.into_result()?;
        for s in &plan.changed {
            diesel::update(agency_signers::table.find(&s.id)).set(s).execute(conn)?;
        }
        for s in &plan.added {
            diesel::insert_into(agency_signers::table).values(s).execute(conn)?;
        }
        for id in &ids {
            diesel::delete(agency_signers::table.find(id)).execute(conn)?;
        }
        let after = full(conn, agency_id)?;
        let changes = changes(&before.signers, &after.signers);
        if !changes.is_empty() {
            audit::record(conn, actor, AuditEntry::state(&after, AuditAction::Update, changes))?;
        }
        Ok(after.signers)
    })
}

/// One change per signer added, changed or removed, each signer said in one line.
fn changes(before: &[SignerRow], after: &[SignerRow]) -> Vec<Change> {
    let mut out = Vec::new();
    for b in before {
        match after.iter().find(|a| a.id == b.id) {
            None => out.push(change("signer", b.describe(), serde_json::Value::Null)),
            Some(a) if a != b => out.push(change("signer", b.describe(), a.describe())),
            Some(_) => {}
        }
    }
    for a in after.iter().filter(|a| !before.iter().any(|b| b.id == a.id)) {
        out.push(change("signer", serde_json::Value::Null, a.describe()));
    }
    out
}
