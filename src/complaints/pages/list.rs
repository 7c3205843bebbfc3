//! The list of submissions: by state, kind, officer and deadline colour, searchable without
//! diacritics, newest first.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{LineView, line_views};
use crate::auth::{Permission, WebUser};
use crate::complaints::queries::{self as q, Filter};
use crate::complaints::state::State;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::{PageCtx, Paging, html};

#[derive(Template)]
#[template(path = "complaints/list.html")]
pub struct ListPage {
    ctx: PageCtx,
    rows: Vec<LineView>,
    paging: Paging,
    f: Filter,
    states: Vec<(&'static str, &'static str)>,
    officers: Vec<(String, String)>,
    overdue: i64,
    can_write: bool,
    query: String,
}

pub async fn index(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<Filter>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::ComplaintRead)?;
    let f = q.into_inner();
    let mut paging = Paging::new(f.page, None, 50);
    let (agency, me) = (user.agency_id().to_string(), user.user.id.clone());
    let soon = state.config.settings.due_soon_working_days;
    let (f2, p2) = (f.clone(), paging.clone());
    let (lines, total, cal, officers, overdue) = state
        .db
        .run(move |conn| {
            let cal = crate::calendar::queries::load_calendar(conn)?;
            let until = crate::calendar::queries::soon_until(&cal, soon);
            let (lines, total) = q::list(conn, &agency, &me, &f2, until, &p2)?;
            let officers = q::assignable(conn, &agency)?;
            let overdue = q::overdue_count(conn, &agency, crate::time::today_vn())?;
            Ok((lines, total, cal, officers, overdue))
        })
        .await?;
    paging.set_total(total, lines.len());
    let t = Tr::new(user.lang);
    let query = serde_urlencoded::to_string([
        ("q", f.q.as_str()),
        ("state", f.state.as_str()),
        ("kind", f.kind.as_str()),
        ("officer", f.officer.as_str()),
        ("due", f.due.as_str()),
        ("by", f.by.as_str()),
        ("from", f.from.as_str()),
        ("to", f.to.as_str()),
    ])
    .unwrap_or_default();
    html(&ListPage {
        ctx: PageCtx::new(&req, Some(&user), "complaints"),
        rows: line_views(lines, &cal, soon, t),
        paging,
        states: State::ORDER.iter().map(|s| (s.code(), s.label(user.lang))).collect(),
        officers,
        overdue,
        can_write: user.can(Permission::ComplaintWrite),
        query,
        f,
    })
}
