//! Drafting the report (BC) of the period shown: the figures composed into a document draft, then
//! the document's own page to edit, sign and issue it.

use actix_web::{HttpResponse, web};

use crate::auth::{CsrfForm, Permission};
use crate::documents::steps::draft::Composed;
use crate::error::AppError;
use crate::reports::api::ReportQuery;
use crate::reports::steps::draft;
use crate::state::AppState;
use crate::web::redirect;

pub async fn draft_report(form: CsrfForm<ReportQuery>, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::DocumentWrite)?;
    user.require(Permission::InspectionRead)?;
    let p = match form.period() {
        Ok(p) => p,
        Err(e) => return crate::web::actions::back_with("/reports", e.into(), user.lang),
    };
    let back = format!("/reports?{}", super::dashboard::export_query(&p.code().unwrap_or_default(), &p, ""));
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let r = state.db.run(move |conn| draft::draft(conn, &actor, &agency, p)).await;
    match r {
        Ok((row, composed)) => {
            let m = match composed {
                Composed::Created(_) | Composed::Replaced(_) => "report_drafted",
                Composed::KeptEdits(_) => "report_kept",
                Composed::Issued(_) => "report_issued",
            };
            Ok(redirect(&format!("/documents/{}?m={m}", row.document_id)))
        }
        Err(e) => crate::web::actions::back_with(&back, e, user.lang),
    }
}
