//! A fee paid on a dossier (phí thẩm định, lệ phí) with its receipt.

use diesel::prelude::*;
use serde::Deserialize;

use crate::audit::{self, Actor, AuditEntry};
use crate::db::schema::dossier_fees;
use crate::db::{DbConnection, write_tx};
use crate::domain::input as forms;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::permits::model::*;
use crate::permits::queries as q;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = DossierFeeInput)]
pub struct FeeInput {
    #[serde(default)]
    #[schema(value_type = FeeKind)]
    pub kind: String,
    /// VND, a whole number (dots and spaces between thousands are read).
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub amount: String,
    /// The receipt's number.
    #[serde(default)]
    #[schema(required = true, min_length = 1)]
    pub receipt_no: String,
    /// YYYY-MM-DD or DD/MM/YYYY, not after today; empty: today.
    #[serde(default)]
    pub paid_on: String,
}

pub fn record(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    input: &FeeInput,
) -> Result<FeeRow, AppError> {
    let mut e = FieldErrors::new();
    let today = crate::time::today_vn();
    let kind = forms::choice("kind", &input.kind, FeeKind::parse, &mut e);
    let digits: String = input.amount.chars().filter(|c| !matches!(c, '.' | ' ' | ',')).collect();
    let amount = match digits.parse::<i64>() {
        Ok(n) if (1..=10_000_000_000).contains(&n) => Some(n),
        _ if digits.is_empty() => {
            e.add("amount", Code::Required);
            None
        }
        _ => {
            e.push(FieldError::with_arg("amount", Code::OutOfRange, "1–10.000.000.000"));
            None
        }
    };
    let receipt_no = forms::line("receipt_no", &input.receipt_no, true, 60, &mut e);
    let paid_on = forms::day("paid_on", &input.paid_on, false, today, &mut e).unwrap_or(today);
    e.into_result()?;
    let (Some(kind), Some(amount)) = (kind, amount) else {
        return Err(FieldErrors::one("kind", Code::Required).into());
    };
    write_tx(conn, |conn| {
        let d = q::dossier(conn, id, agency_id)?;
        if paid_on < d.received_on {
            return Err(FieldErrors::one("paid_on", Code::DateOrder).into());
        }
        let row = FeeRow {
            id: uuid::Uuid::now_v7().to_string(),
            dossier_id: d.id,
            kind,
            amount,
            receipt_no,
            paid_on,
            created_by: actor.name.clone(),
            created_at: crate::time::now(),
        };
        diesel::insert_into(dossier_fees::table).values(&row).execute(conn)?;
        audit::record(conn, actor, AuditEntry::created(&row))?;
        Ok(row)
    })
}
