//! The published copy of an issued document (secrets withheld), kept beside the signed original
//! with its own hash so `/verify` recognises it as the published version. Called inside the
//! caller's transaction (the inspection's publication step).

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::document_copies;
use crate::error::AppError;

/// Records a published copy of `document_id` whose stored bytes hash to `sha256`; the same copy
/// published twice (portal, then a meeting) is recorded once.
pub fn record(conn: &mut DbConnection, document_id: &str, sha256: &str, on: chrono::NaiveDate) -> Result<(), AppError> {
    let known: i64 = document_copies::table
        .filter(document_copies::document_id.eq(document_id))
        .filter(document_copies::sha256.eq(sha256))
        .count()
        .get_result(conn)?;
    if known == 0 {
        diesel::insert_into(document_copies::table)
            .values((
                document_copies::id.eq(uuid::Uuid::now_v7().to_string()),
                document_copies::document_id.eq(document_id),
                document_copies::kind.eq("public"),
                document_copies::sha256.eq(sha256),
                document_copies::made_on.eq(on),
                document_copies::created_at.eq(crate::time::now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}
