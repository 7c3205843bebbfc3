//! The reception book: every visit, newest first, searchable without diacritics, with the next
//! reception day of the head.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Datelike;

use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::reception::model::*;
use crate::reception::queries::{self as q, Filter};
use crate::state::AppState;
use crate::web::{PageCtx, Paging, html};

pub struct Line {
    pub id: String,
    pub no: String,
    pub day: String,
    pub kind: &'static str,
    pub topic: &'static str,
    pub subject: String,
    pub visitors: i32,
    pub action: &'static str,
    pub noticed: bool,
}

#[derive(Template)]
#[template(path = "reception/list.html")]
pub struct ListPage {
    ctx: PageCtx,
    rows: Vec<Line>,
    paging: Paging,
    f: Filter,
    kinds: Vec<(&'static str, &'static str)>,
    actions: Vec<(&'static str, &'static str)>,
    next: Option<(String, String, String)>,
    can_write: bool,
    query: String,
    /// The days the book is limited to, in words (from the reports' figures).
    period: Option<String>,
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
    let agency = user.agency_id().to_string();
    let (f2, p2) = (f.clone(), paging.clone());
    let (rows, total, next) = state
        .db
        .run(move |conn| {
            let (rows, total) = q::list(conn, &agency, &f2, &p2)?;
            let next = q::next_day(conn, &agency, crate::time::today_vn())?;
            Ok((rows, total, next))
        })
        .await?;
    paging.set_total(total, rows.len());
    let lang = user.lang;
    let query = serde_urlencoded::to_string([
        ("q", f.q.as_str()),
        ("kind", f.kind.as_str()),
        ("action", f.action.as_str()),
        ("year", f.year.as_str()),
        ("from", f.from.as_str()),
        ("to", f.to.as_str()),
    ])
    .unwrap_or_default();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let t = crate::i18n::Tr::new(lang);
    let period = match (day(&f.from), day(&f.to)) {
        (Some(a), Some(b)) => Some(format!(
            "{} {} {} {} {}.",
            t.t("tcd.held_between"),
            t.t("insp.period_from"),
            crate::time::show_date(&a),
            t.t("insp.period_to"),
            crate::time::show_date(&b)
        )),
        _ => None,
    };
    html(&ListPage {
        ctx: PageCtx::new(&req, Some(&user), "reception"),
        rows: rows
            .into_iter()
            .map(|s| Line {
                no: s.book_no(),
                day: crate::time::show_date(&s.held_on),
                kind: s.kind.label(lang),
                topic: s.topic.label(lang),
                visitors: s.visitor_count,
                action: s.action.label(lang),
                noticed: s.notice_id.is_some(),
                subject: s.subject,
                id: s.id,
            })
            .collect(),
        paging,
        kinds: SessionKind::ALL.iter().map(|k| (k.code(), k.label(lang))).collect(),
        actions: Action::ALL.iter().map(|k| (k.code(), k.label(lang))).collect(),
        next: next.map(|d| {
            (
                format!(
                    "{}, {}",
                    crate::i18n::Tr::new(lang).t(&format!("tcd.wd.{}", d.day.weekday().number_from_monday())),
                    crate::time::show_date(&d.day)
                ),
                d.host,
                d.officer,
            )
        }),
        can_write: user.can(Permission::ComplaintWrite),
        query,
        period,
        f,
    })
}
