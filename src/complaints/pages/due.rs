//! "Due this week": the reader's open cases whose running deadline falls by Sunday, overdue first.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Datelike;

use super::{LineView, line_views};
use crate::auth::{Permission, WebUser};
use crate::complaints::queries as q;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::{PageCtx, html};

#[derive(Template)]
#[template(path = "complaints/due.html")]
pub struct DuePage {
    ctx: PageCtx,
    rows: Vec<LineView>,
    until: String,
}

pub async fn due(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::ComplaintRead)?;
    let (agency, me) = (user.agency_id().to_string(), user.user.id.clone());
    let today = crate::time::today_vn();
    let until = today + chrono::Days::new(u64::from(6 - today.weekday().num_days_from_monday()));
    let soon = state.config.settings.due_soon_working_days;
    let (lines, cal) = state
        .db
        .run(move |conn| Ok((q::due_for(conn, &agency, &me, until)?, crate::calendar::queries::load_calendar(conn)?)))
        .await?;
    html(&DuePage {
        ctx: PageCtx::new(&req, Some(&user), "complaints"),
        rows: line_views(lines, &cal, soon, Tr::new(user.lang)),
        until: crate::time::show_date(&until),
    })
}
