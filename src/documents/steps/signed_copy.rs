//! The signed copy (scan or digitally signed PDF) kept beside an issued document.

use diesel::prelude::*;

use crate::audit::{self, Actor, AuditAction, AuditEntry, model::change};
use crate::db::schema::documents;
use crate::db::{DbConnection, write_tx};
use crate::documents::model::*;
use crate::documents::queries::find;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::files::FileStore;

/// Attaches the signed scan (or digitally signed PDF) to an issued document.
pub fn attach_signed(
    conn: &mut DbConnection,
    files: &dyn FileStore,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    bytes: &[u8],
) -> Result<DocumentRow, AppError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(FieldErrors(vec![FieldError::new("file", Code::NotPdf)]).into());
    }
    write_tx(conn, |conn| {
        let before = find(conn, id, agency_id)?;
        if !before.is_issued() {
            return Err(AppError::from(Code::SignedCopyOnlyIssued));
        }
        let sha = files.put(conn, bytes, "application/pdf")?;
        diesel::update(documents::table.find(id))
            .set((documents::signed_sha256.eq(Some(&sha)), documents::updated_at.eq(crate::time::now())))
            .execute(conn)?;
        let mut after = before.clone();
        after.signed_sha256 = Some(sha);
        audit::record(
            conn,
            actor,
            AuditEntry::state(
                &after,
                AuditAction::Attach,
                vec![change("signed_sha256", before.signed_sha256.clone(), after.signed_sha256.clone())],
            ),
        )?;
        Ok(after)
    })
}
