//! The desk's list of dossiers: by state, procedure and deadline colour (legal and published),
//! searchable without diacritics, most recently changed first.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::{LineView, line_views, type_names};
use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::permits::queries::{self as q, Filter};
use crate::permits::state::State;
use crate::state::AppState;
use crate::web::{PageCtx, Paging, html};

#[derive(Template)]
#[template(path = "permits/list.html")]
pub struct ListPage {
    ctx: PageCtx,
    rows: Vec<LineView>,
    paging: Paging,
    f: Filter,
    states: Vec<(&'static str, &'static str)>,
    types: Vec<(String, String)>,
    /// Open, past the legal deadline, past the published one.
    counts: (i64, i64, i64),
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
    user.require(Permission::PermitRead)?;
    let f = q.into_inner();
    let mut paging = Paging::new(f.page, None, 50);
    let agency = user.agency_id().to_string();
    let soon = state.config.settings.due_soon_working_days;
    let t = Tr::new(user.lang);
    let (f2, p2) = (f.clone(), paging.clone());
    let (lines, total, cal, types, counts) = state
        .db
        .run(move |conn| {
            let cal = crate::calendar::queries::load_calendar(conn)?;
            let until = crate::calendar::queries::soon_until(&cal, soon);
            let (lines, total) = q::list(conn, &agency, &f2, until, &p2)?;
            let types = type_names(conn, t)?;
            let counts = q::counts(conn, &agency, crate::time::today_vn())?;
            Ok((lines, total, cal, types, counts))
        })
        .await?;
    paging.set_total(total, lines.len());
    let query = serde_urlencoded::to_string([
        ("q", f.q.as_str()),
        ("state", f.state.as_str()),
        ("type", f.type_code.as_str()),
        ("due", f.due.as_str()),
        ("by", f.by.as_str()),
        ("from", f.from.as_str()),
        ("to", f.to.as_str()),
        ("timeliness", f.timeliness.as_str()),
    ])
    .unwrap_or_default();
    html(&ListPage {
        ctx: PageCtx::new(&req, Some(&user), "permits"),
        rows: line_views(lines, &types, &cal, soon, t),
        paging,
        states: State::ALL.iter().map(|s| (s.code(), s.label(user.lang))).collect(),
        types,
        counts,
        can_write: user.can(Permission::PermitWrite),
        query,
        f,
    })
}
