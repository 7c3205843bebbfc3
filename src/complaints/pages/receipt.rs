//! The receipt handed or posted to the citizen (giấy biên nhận, phiếu hẹn): the register number,
//! the day received, the tracking code and where to look it up, and the handling deadline. A
//! denunciation's receipt names nobody: it is printed for the denouncer, not kept on screen.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{Permission, WebUser};
use crate::complaints::model::*;
use crate::complaints::queries as q;
use crate::complaints::steps::intake::HANDLING_LABEL;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{IdPath, PageCtx, html};

#[derive(Template)]
#[template(path = "complaints/receipt.html")]
pub struct ReceiptPage {
    ctx: PageCtx,
    s: SubmissionRow,
    agency: String,
    names: Vec<String>,
    received: String,
    kind: &'static str,
    /// The handling deadline, when it still runs.
    due: String,
    status_url: String,
    /// No public address is set: the lookup is described without its address.
    no_address: bool,
}

pub async fn receipt(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::ComplaintRead)?;
    let (id, agency) = (path.into_inner(), user.agency_id().to_string());
    let (s, people, agency_name, due) = state
        .db
        .run(move |conn| {
            let s = q::submission(conn, &id, &agency)?;
            let people = if s.is_secret() { Vec::new() } else { q::people(conn, &id)? };
            let name = crate::agencies::queries::find(conn, &agency)?.name;
            let due = match q::open_deadline(conn, &id, HANDLING_LABEL)? {
                Some(d) => Some(crate::calendar::queries::find_deadline(conn, &d, &agency)?.due_date),
                None => None,
            };
            Ok((s, people, name, due))
        })
        .await?;
    let address = state.public_address().await.unwrap_or_default();
    html(&ReceiptPage {
        ctx: PageCtx::new(&req, Some(&user), "complaints"),
        agency: agency_name,
        names: people.iter().map(|p| p.full_name.clone()).collect(),
        received: crate::time::show_date(&s.received_on),
        kind: s.kind.label(user.lang),
        due: due.map(|d| crate::time::show_date(&d)).unwrap_or_default(),
        no_address: address.is_empty(),
        status_url: format!("{}/status", address.trim_end_matches('/')),
        s,
    })
}
