//! Stored files, addressed by SHA-256 and stored once. `FileStore` is the one interface; the default
//! keeps bytes in the database (so backups, replicas and several instances need nothing else); a
//! shared object store can implement the same trait.

pub mod photo;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::DbConnection;
use crate::db::schema::stored_files;
use crate::error::AppError;

pub trait FileStore: Send + Sync {
    /// Stores `bytes` (inside the caller's transaction) and returns their SHA-256 in hex.
    fn put(&self, conn: &mut DbConnection, bytes: &[u8], content_type: &str) -> Result<String, AppError>;
    fn get(&self, conn: &mut DbConnection, sha256: &str) -> Result<Option<Vec<u8>>, AppError>;
    /// The content type recorded when the file was stored (recognised by its content then).
    fn content_type(&self, conn: &mut DbConnection, sha256: &str) -> Result<Option<String>, AppError>;
}

/// A PDF or a photo (JPEG, PNG, WebP), recognised by its content and not by its name: the content
/// type to store it with, or `None` for anything else.
pub fn pdf_or_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    match image::guess_format(bytes).ok()? {
        image::ImageFormat::Jpeg => Some("image/jpeg"),
        image::ImageFormat::Png => Some("image/png"),
        image::ImageFormat::WebP => Some("image/webp"),
        _ => None,
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Files as rows of `stored_files`.
pub struct DbFileStore;

impl FileStore for DbFileStore {
    fn put(&self, conn: &mut DbConnection, bytes: &[u8], content_type: &str) -> Result<String, AppError> {
        let sha = sha256_hex(bytes);
        let exists: i64 = stored_files::table.filter(stored_files::sha256.eq(&sha)).count().get_result(conn)?;
        if exists == 0 {
            let now: NaiveDateTime = crate::time::now();
            diesel::insert_into(stored_files::table)
                .values((
                    stored_files::sha256.eq(&sha),
                    stored_files::size.eq(bytes.len() as i64),
                    stored_files::content_type.eq(content_type),
                    stored_files::content.eq(bytes),
                    stored_files::created_at.eq(now),
                ))
                .execute(conn)?;
        }
        Ok(sha)
    }

    fn get(&self, conn: &mut DbConnection, sha256: &str) -> Result<Option<Vec<u8>>, AppError> {
        Ok(stored_files::table.find(sha256).select(stored_files::content).first(conn).optional()?)
    }

    fn content_type(&self, conn: &mut DbConnection, sha256: &str) -> Result<Option<String>, AppError> {
        Ok(stored_files::table.find(sha256).select(stored_files::content_type).first(conn).optional()?)
    }
}
