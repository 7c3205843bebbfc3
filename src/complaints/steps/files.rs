//! Scans of a submission (the letter, its enclosures): a PDF or an image, recognised by content
//! before anything is stored, within the upload limit; opening a denunciation's scan is a reading
//! of what is secret, allowed to the case and leaders and audited like a reveal.

use diesel::prelude::*;

use crate::audit::model::change;
use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::auth::Role;
use crate::complaints::model::FileRow;
use crate::complaints::queries as q;
use crate::complaints::secrecy::may_read_secret;
use crate::db::schema::submission_files;
use crate::db::{DbConnection, write_tx};
use crate::domain::text;
use crate::error::{AppError, Code, FieldErrors, Refusal};
use crate::files::FileStore;

/// Stores a scan on the submission: refused unless it is a PDF or an image.
pub fn attach(
    conn: &mut DbConnection,
    files: &dyn FileStore,
    actor: &Actor,
    (id, agency_id): (&str, &str),
    (file_name, bytes): (&str, &[u8]),
) -> Result<FileRow, AppError> {
    if bytes.is_empty() {
        return Err(FieldErrors::one("file", Code::FileEmpty).into());
    }
    let content_type = crate::files::pdf_or_image(bytes).ok_or_else(|| FieldErrors::one("file", Code::ScanType))?;
    write_tx(conn, |conn| {
        let s = q::submission(conn, id, agency_id)?;
        let sha = files.put(conn, bytes, content_type)?;
        let name: String = text::clean(file_name).chars().take(200).collect();
        let row = FileRow {
            id: uuid::Uuid::now_v7().to_string(),
            submission_id: s.id.clone(),
            sha256: sha,
            file_name: if name.is_empty() { "scan".into() } else { name },
            content_type: content_type.into(),
            size: bytes.len() as i64,
            uploaded_by: actor.name.clone(),
            created_at: crate::time::now(),
        };
        diesel::insert_into(submission_files::table).values(&row).execute(conn)?;
        // The file's name may name the denouncer: the trail records that a scan came, not its name.
        let what = if s.is_secret() { serde_json::Value::Null } else { row.file_name.clone().into() };
        let entry = AuditEntry::state(&s, AuditAction::Upload, vec![change("file", serde_json::Value::Null, what)]);
        audit::record(conn, actor, entry)?;
        Ok(row)
    })
}

/// One scan's bytes and type, for a reader who may open it; a denunciation's opening is audited.
pub fn open(
    conn: &mut DbConnection,
    files: &dyn FileStore,
    actor: &Actor,
    role: Role,
    (id, agency_id, file_id): (&str, &str, &str),
) -> Result<(Vec<u8>, String), AppError> {
    write_tx(conn, |conn| {
        let s = q::submission(conn, id, agency_id)?;
        let f: FileRow = submission_files::table
            .filter(submission_files::id.eq(file_id))
            .filter(submission_files::submission_id.eq(id))
            .select(FileRow::as_select())
            .first(conn)
            .optional()?
            .ok_or(AppError::NotFound)?;
        if s.is_secret() {
            let user = actor.user_id.clone().unwrap_or_default();
            if !may_read_secret(role, q::is_member(conn, id, &user)?) {
                return Err(AppError::Conflict(Refusal::new(Code::SubmissionSecret)));
            }
            let entry = AuditEntry::state(&s, AuditAction::Reveal, vec![change("file", serde_json::Value::Null, 1)]);
            audit::record(conn, actor, entry)?;
        }
        let bytes = files.get(conn, &f.sha256)?.ok_or(AppError::NotFound)?;
        Ok((bytes, f.content_type))
    })
}
