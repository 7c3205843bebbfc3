//! A fine's payment: the amount, the day and the receipt it was paid against; paying settles the
//! recommendation to pay it that the sanction decision made.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::audit::{Actor, AuditAction};
use crate::db::{DbConnection, write_tx};
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::inspections::model::*;
use crate::inspections::queries as q;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentInput {
    #[schema(value_type = PaymentStatus)]
    pub payment_status: String,
    /// With `paid`: the day, YYYY-MM-DD, not after today; left out: today.
    #[serde(default)]
    #[schema(format = Date)]
    pub paid_on: String,
    /// With `paid`: the amount paid in VND (digits, optionally grouped), at least the fine.
    #[serde(default)]
    #[schema(pattern = "^(?:[1-9][0-9]{0,2}(?:[., ]?[0-9]{3}){0,5})?$")]
    pub amount: String,
    /// With `paid`: the receipt (biên lai) number, at most 50 characters.
    #[serde(default)]
    #[schema(max_length = 50)]
    pub receipt_no: String,
    /// Left out: unchanged.
    #[serde(default)]
    #[schema(value_type = RemedyStatus)]
    pub remedy_status: String,
}

pub fn record_payment(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    id: &str,
    input: &PaymentInput,
) -> Result<ViolationRecRow, AppError> {
    let mut e = FieldErrors::new();
    let status = PaymentStatus::parse(&input.payment_status);
    if status.is_none() {
        e.add("payment_status", Code::InvalidChoice);
    }
    let status = status.unwrap_or(PaymentStatus::Unpaid);
    let today = crate::time::today_vn();
    let paid_on = match (status, input.paid_on.trim()) {
        (PaymentStatus::Paid, "") => Some(today),
        (PaymentStatus::Paid, s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().filter(|d| *d <= today) {
            Some(d) => Some(d),
            None => {
                e.add("paid_on", Code::DateInvalid);
                None
            }
        },
        _ => None,
    };
    let paid = status == PaymentStatus::Paid;
    let amount = input.amount.trim().replace(['.', ',', ' '], "").parse::<i64>().ok().filter(|a| *a > 0);
    if paid && amount.is_none() {
        e.add("amount", if input.amount.trim().is_empty() { Code::Required } else { Code::NumberInvalid });
    }
    let receipt_no = crate::domain::text::clean(&input.receipt_no);
    if paid && receipt_no.is_empty() {
        e.add("receipt_no", Code::Required);
    } else if receipt_no.chars().count() > 50 {
        e.push(FieldError::with_arg("receipt_no", Code::TooLong, 50));
    }
    let remedy = match input.remedy_status.trim() {
        "" => None,
        s => {
            let r = RemedyStatus::parse(s);
            if r.is_none() {
                e.add("remedy_status", Code::InvalidChoice);
            }
            r
        }
    };
    e.into_result()?;
    write_tx(conn, |conn| {
        let before = q::violation(conn, id, agency_id)?;
        if !matches!(before.status, ViolationStatus::Decided | ViolationStatus::Closed) {
            return Err(AppError::from(Code::PaymentBeforeDecision));
        }
        if paid && amount.zip(before.fine_amount).is_some_and(|(a, fine)| a < fine) {
            let fine = crate::inspections::compose::money(before.fine_amount.unwrap_or_default());
            return Err(
                FieldErrors(vec![FieldError::with_arg("amount", Code::PaymentShort, format!("{fine} đ"))]).into()
            );
        }
        let mut v = before.clone();
        v.payment_status = status;
        v.paid_on = paid_on;
        v.paid_amount = if paid { amount } else { None };
        v.receipt_no = if paid { receipt_no.clone() } else { String::new() };
        if let Some(remedy) = remedy {
            v.remedy_status = remedy;
        }
        v.status = if v.payment_status == PaymentStatus::Paid && v.remedy_status != RemedyStatus::Pending {
            ViolationStatus::Closed
        } else {
            ViolationStatus::Decided
        };
        let v = super::violations::save(conn, actor, &before, v, AuditAction::Update)?;
        if paid {
            super::recommendations::settle_fine(conn, actor, &v.id)?;
        }
        Ok(v)
    })
}
