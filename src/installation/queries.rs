//! The public address: where citizens and businesses reach this installation, frozen into every
//! issued document's verify link and every mail's links and Message-ID. It comes from the
//! configuration (`base_url`) or, when that is not set, from the setting an administrator saves on
//! the settings page; never from the request, whose Host header anybody can choose.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::settings;
use crate::error::{AppError, Code, Refusal};

pub const PUBLIC_ADDRESS: &str = "public_address";

/// The address saved on the settings page, if any.
pub fn saved_public_address(conn: &mut DbConnection) -> Result<Option<String>, AppError> {
    Ok(settings::table.find(PUBLIC_ADDRESS).select(settings::value).first(conn).optional()?)
}

/// The public address in force: the configuration's, else the saved one; a refusal that says where
/// to set it when neither is.
pub fn public_address(conn: &mut DbConnection, configured: Option<&str>) -> Result<String, AppError> {
    if let Some(c) = configured {
        return Ok(c.trim_end_matches('/').to_string());
    }
    saved_public_address(conn)?
        .filter(|s| !s.is_empty())
        .ok_or_else(|| AppError::Conflict(Refusal::new(Code::PublicAddressMissing)))
}
