//! Multipart uploads (CSV imports, signed copies, PDFs to verify): the CSRF field and one file,
//! read within a size limit.

use actix_multipart::Multipart;
use futures_util::StreamExt;

use crate::auth::session::CSRF_FIELD;
use crate::auth::{Identity, constant_time_eq};
use crate::error::{AppError, Code};

pub struct Upload {
    pub csrf: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Other short text fields of the form (caption, ids), at most 4 KiB each.
    pub fields: std::collections::HashMap<String, String>,
}

impl Upload {
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }
}

impl Upload {
    /// Refuses the upload unless its CSRF field matches the user's session.
    pub fn check_csrf(&self, user: &Identity) -> Result<(), AppError> {
        if user.csrf().is_empty() || !constant_time_eq(&self.csrf, user.csrf()) {
            return Err(AppError::Csrf);
        }
        Ok(())
    }
}

/// Reads the `csrf_token` field and the `file` field; anything over `limit` bytes is refused (413).
pub async fn read(mut payload: Multipart, limit: usize) -> Result<Upload, AppError> {
    let mut up =
        Upload { csrf: String::new(), file_name: String::new(), bytes: Vec::new(), fields: Default::default() };
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|e| AppError::bad_request_because(Code::BadUpload, e))?;
        let name = field.name().unwrap_or("").to_string();
        let mut buf = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|e| AppError::bad_request_because(Code::BadUpload, e))?;
            if buf.len() + chunk.len() > limit {
                return Err(AppError::PayloadTooLarge);
            }
            buf.extend_from_slice(&chunk);
        }
        match name.as_str() {
            CSRF_FIELD => up.csrf = String::from_utf8_lossy(&buf).to_string(),
            "file" => {
                up.file_name = field
                    .content_disposition()
                    .and_then(|cd| cd.get_filename().map(str::to_string))
                    .unwrap_or_default();
                up.bytes = buf;
            }
            _ if buf.len() <= 4096 && up.fields.len() < 20 => {
                up.fields.insert(name, String::from_utf8_lossy(&buf).to_string());
            }
            _ => {}
        }
    }
    Ok(up)
}

/// A photo sent by a page's form or the API: the form's other fields, and the photo checked by
/// its content (`files::photo`, off the request threads) or what is wrong with it, for the form to
/// show beside its field. `page`: the signed-in reader whose CSRF token a page's form carries.
pub async fn photo(
    payload: Multipart,
    limit: usize,
    page: Option<&Identity>,
) -> Result<
    (std::collections::HashMap<String, String>, Result<crate::files::photo::CheckedPhoto, crate::error::FieldErrors>),
    AppError,
> {
    let up = read(payload, limit).await?;
    if let Some(user) = page {
        up.check_csrf(user)?;
    }
    let checked = crate::files::photo::check_photo_bounded(up.bytes, limit).await?;
    Ok((up.fields, checked))
}
