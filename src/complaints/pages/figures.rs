//! The month's figures (or any period's): by kind, what was received, accepted, resolved,
//! forwarded, guided, refused, filed and late, each a link to the submissions behind it, and the
//! receptions held.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Datelike;

use crate::auth::{Permission, WebUser};
use crate::complaints::queries::figures::{self, Counts, Figures};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::period::PeriodQuery;
use crate::web::{PageCtx, html};

/// One cell: the number and the list behind it (empty when there is none to show).
pub struct Cell {
    pub n: i64,
    pub href: String,
}

pub struct Row {
    pub label: &'static str,
    pub cells: Vec<Cell>,
}

#[derive(Template)]
#[template(path = "complaints/figures.html")]
pub struct FiguresPage {
    ctx: PageCtx,
    from: String,
    to: String,
    period: String,
    columns: Vec<&'static str>,
    rows: Vec<Row>,
    receptions: i64,
    group_receptions: i64,
    reception_href: String,
}

fn link(f: &Figures, by: &str, kind: &str, state: &str) -> String {
    let mut q = vec![("by", by.to_string()), ("from", f.from.to_string()), ("to", f.to.to_string())];
    if !kind.is_empty() {
        q.push(("kind", kind.to_string()));
    }
    if !state.is_empty() {
        q.push(("state", state.to_string()));
    }
    format!("/complaints?{}", serde_urlencoded::to_string(q).unwrap_or_default())
}

fn cells(f: &Figures, c: &Counts, kind: &str) -> Vec<Cell> {
    let today = crate::time::today_vn();
    let overdue_now = f.to >= today && f.from <= today;
    vec![
        Cell { n: c.received, href: link(f, "received", kind, "") },
        Cell { n: c.accepted, href: link(f, "accepted", kind, "") },
        Cell { n: c.resolved, href: link(f, "decided", kind, "") },
        Cell { n: c.forwarded, href: link(f, "closed", kind, "forwarded") },
        Cell { n: c.guided, href: link(f, "closed", kind, "guided") },
        Cell { n: c.refused, href: link(f, "closed", kind, "refused") },
        Cell { n: c.filed, href: link(f, "closed", kind, "filed") },
        Cell {
            n: c.overdue,
            // Late now is a list; late at the end of a past period is a count only.
            href: match overdue_now {
                true => format!(
                    "/complaints?due=overdue{}",
                    if kind.is_empty() { String::new() } else { format!("&kind={kind}") }
                ),
                false => String::new(),
            },
        },
    ]
}

pub async fn figures_page(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::ComplaintRead)?;
    let (from, to) = q.period();
    let agency = user.agency_id().to_string();
    let f = state.db.run(move |conn| figures::figures(conn, &agency, from, to)).await?;
    let t = Tr::new(user.lang);
    let mut rows: Vec<Row> = f
        .by_kind
        .iter()
        .map(|k| Row { label: k.kind.label(user.lang), cells: cells(&f, &k.counts, k.kind.code()) })
        .collect();
    rows.push(Row { label: t.t("kn.fig.total"), cells: cells(&f, &f.total, "") });
    let columns = ["received", "accepted", "resolved", "forwarded", "guided", "refused", "filed", "overdue"]
        .iter()
        .map(|c| t.t(&format!("kn.fig.{c}")))
        .collect();
    html(&FiguresPage {
        ctx: PageCtx::new(&req, Some(&user), "complaints"),
        from: from.to_string(),
        to: to.to_string(),
        period: format!("{} – {}", crate::time::show_date(&from), crate::time::show_date(&to)),
        columns,
        rows,
        receptions: f.receptions,
        group_receptions: f.group_receptions,
        reception_href: format!("/reception?year={}", from.year()),
    })
}
