//! The permit types: the seeded ones reach every installation (a code not yet known is added; a
//! known one is left as administrators keep it).

use diesel::prelude::*;

use crate::audit::{self, Actor, AuditEntry};
use crate::db::DbConnection;
use crate::db::schema::permit_types;
use crate::error::AppError;
use crate::permits::catalogue::TYPES;
use crate::permits::model::PermitTypeRow;

/// Call inside a write transaction.
pub fn ensure(conn: &mut DbConnection, actor: &Actor) -> Result<(), AppError> {
    let now = crate::time::now();
    for t in TYPES {
        let known: i64 = permit_types::table.filter(permit_types::code.eq(t.code)).count().get_result(conn)?;
        if known > 0 {
            continue;
        }
        let valid_from = chrono::NaiveDate::parse_from_str(t.valid_from, "%Y-%m-%d")
            .map_err(|e| AppError::Internal(anyhow::anyhow!("seed date {}: {e}", t.valid_from)))?;
        let row = PermitTypeRow {
            id: uuid::Uuid::now_v7().to_string(),
            code: t.code.into(),
            name_vi: t.name_vi.into(),
            name_en: t.name_en.into(),
            sector_code: t.sector_code.into(),
            issuer: t.issuer.into(),
            legal_rule: t.legal_rule.into(),
            published_rule: format!("{}.published", t.legal_rule),
            completeness_rule: t.completeness_rule.into(),
            required_documents: serde_json::to_string(&t.documents())
                .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?,
            appraisal_fee: t.appraisal_fee,
            levy: t.levy,
            fee_source: t.fee_source.into(),
            validity_months: t.validity_months,
            renew_before_days: t.renew_before_days,
            remind_days: t.remind_days,
            site_survey: t.site_survey,
            certificate_title: t.certificate_title.into(),
            certificate_bases: t.certificate_bases.into(),
            legal_source: t.legal_source.into(),
            verified: t.verified,
            valid_from,
            valid_to: None,
            created_at: now,
            updated_at: now,
        };
        diesel::insert_into(permit_types::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
    }
    Ok(())
}
