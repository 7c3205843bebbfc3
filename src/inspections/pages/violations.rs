//! The small violation forms of the engagement page: issue the record, record the payment.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::*;
use crate::auth::{CsrfForm, Permission};
use crate::error::AppError;
use crate::inspections::queries::{self as q};
use crate::inspections::steps::advance::Ctx;
use crate::inspections::steps::payment::{self, PaymentInput};
use crate::inspections::steps::violations::{self as violation_steps};
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct ViolationActionForm {
    #[serde(default)]
    payment_status: String,
    #[serde(default)]
    paid_on: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    receipt_no: String,
    #[serde(default)]
    remedy_status: String,
}

pub async fn violation_action(
    form: CsrfForm<ViolationActionForm>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let (vid, action) = path.into_inner();
    let vid = ids(&vid)?;
    // An official on duty (a member of the team) may make the record, as may those who issue.
    let team_only = !user.can(Permission::DocumentIssue);
    let (actor, agency, base, files) =
        (user.actor(), user.agency_id().to_string(), state.public_address().await?, state.files.clone());
    let agency2 = agency.clone();
    let vid2 = vid.clone();
    let eng_id = state.db.run(move |conn| Ok(q::violation(conn, &vid2, &agency2)?.engagement_id)).await?;
    let to = format!("/inspections/{eng_id}#violations");
    let r = state
        .db
        .run(move |conn| {
            let ctx = Ctx { files: files.as_ref(), base_url: &base };
            match action.as_str() {
                "record" => violation_steps::issue_record(conn, &ctx, &actor, &agency, &vid, team_only).map(|_| ()),
                "payment" => payment::record_payment(
                    conn,
                    &actor,
                    &agency,
                    &vid,
                    &PaymentInput {
                        payment_status: form.payment_status,
                        paid_on: form.paid_on,
                        amount: form.amount,
                        receipt_no: form.receipt_no,
                        remedy_status: form.remedy_status,
                    },
                )
                .map(|_| ()),
                _ => Err(AppError::NotFound),
            }
        })
        .await;
    done(&to, r, user.lang)
}
