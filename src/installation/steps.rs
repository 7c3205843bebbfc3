//! Saving the installation settings: validated, written with its audit entry in one transaction.

use diesel::prelude::*;

use crate::audit::model::change;
use crate::audit::{self, Actor, AuditAction, AuditEntry};
use crate::db::schema::settings;
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldErrors};

use super::queries::{PUBLIC_ADDRESS, saved_public_address};

/// A public address as people type it (`https://thanhtra.hatinh.gov.vn/`), checked and written the
/// way links are built from it: scheme and host (and port), no path, query, fragment or user.
pub fn normalise_public_address(input: &str) -> Result<String, FieldErrors> {
    let bad = || FieldErrors::one("public_address", Code::PublicAddressInvalid);
    let input = input.trim();
    let u = url::Url::parse(input).map_err(|_| bad())?;
    let plain = matches!(u.scheme(), "http" | "https")
        && u.host_str().is_some_and(|h| !h.is_empty())
        && u.username().is_empty()
        && u.password().is_none()
        && u.query().is_none()
        && u.fragment().is_none()
        && u.path() == "/";
    if !plain || input.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(bad());
    }
    Ok(u.origin().ascii_serialization())
}

pub fn save_public_address(conn: &mut DbConnection, actor: &Actor, input: &str) -> Result<String, AppError> {
    let value = normalise_public_address(input)?;
    write_tx(conn, |conn| {
        let before = saved_public_address(conn)?;
        diesel::delete(settings::table.find(PUBLIC_ADDRESS)).execute(conn)?;
        diesel::insert_into(settings::table)
            .values((settings::key.eq(PUBLIC_ADDRESS), settings::value.eq(&value)))
            .execute(conn)?;
        let entry = AuditEntry {
            action: AuditAction::Update,
            record_type: "setting",
            record_id: PUBLIC_ADDRESS.into(),
            record_label: PUBLIC_ADDRESS.into(),
            changes: vec![change("public_address", before.unwrap_or_default(), value.clone())],
        };
        audit::record(conn, actor, entry)?;
        Ok(value)
    })
}

#[cfg(test)]
mod tests {
    use super::normalise_public_address as n;

    #[test]
    fn a_public_address_is_a_plain_origin() {
        assert_eq!(n(" https://thanhtra.hatinh.gov.vn/ ").unwrap(), "https://thanhtra.hatinh.gov.vn");
        assert_eq!(n("http://10.0.0.5:8080").unwrap(), "http://10.0.0.5:8080");
        for bad in [
            "thanhtra.hatinh.gov.vn",
            "ftp://x.vn",
            "https://u:p@x.vn",
            "https://x.vn/app",
            "https://x.vn/?a=1",
            "javascript:alert(1)",
            "",
        ] {
            assert!(n(bad).is_err(), "{bad}");
        }
    }
}
