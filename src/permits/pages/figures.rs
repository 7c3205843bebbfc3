//! The period's figures: by procedure, dossiers received, issued, refused, early, on time and late
//! with the on-time rate, each a link to the dossiers behind it; the dossiers in progress by the
//! colour of their legal clock; the permits issued in each month.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::type_names;
use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::permits::queries::figures::{self, Counts, Figures, InProgress};
use crate::state::AppState;
use crate::web::period::PeriodQuery;
use crate::web::{PageCtx, html};

/// One cell: the number and the list behind it.
pub struct Cell {
    pub n: i64,
    pub href: String,
}

pub struct Row {
    pub label: String,
    pub cells: Vec<Cell>,
    /// "95,0 %", or "—" when nothing was decided.
    pub rate: String,
}

#[derive(Template)]
#[template(path = "permits/figures.html")]
pub struct FiguresPage {
    ctx: PageCtx,
    from: String,
    to: String,
    columns: Vec<&'static str>,
    rows: Vec<Row>,
    now: InProgress,
    /// (month, total, "name: n; …")
    months: Vec<(String, i64, String)>,
}

fn link(f: &Figures, code: &str, extra: &[(&str, &str)]) -> String {
    let by = if extra.iter().any(|(k, _)| *k == "received") { "received" } else { "decided" };
    let mut q = vec![("by", by.to_string()), ("from", f.from.to_string()), ("to", f.to.to_string())];
    if !code.is_empty() {
        q.push(("type", code.to_string()));
    }
    for (k, v) in extra.iter().filter(|(k, _)| *k != "received") {
        q.push((k, v.to_string()));
    }
    format!("/permits?{}", serde_urlencoded::to_string(q).unwrap_or_default())
}

fn row(f: &Figures, label: String, code: &str, c: &Counts, lang: crate::i18n::Lang) -> Row {
    Row {
        label,
        cells: vec![
            Cell { n: c.received, href: link(f, code, &[("received", "")]) },
            Cell { n: c.issued, href: link(f, code, &[("state", "issued")]) },
            Cell { n: c.refused, href: link(f, code, &[("state", "refused")]) },
            Cell { n: c.early, href: link(f, code, &[("timeliness", "early")]) },
            Cell { n: c.on_time, href: link(f, code, &[("timeliness", "on_time")]) },
            Cell { n: c.late, href: link(f, code, &[("timeliness", "late")]) },
        ],
        rate: c.on_time_rate.map(|r| crate::i18n::percent(lang, r)).unwrap_or_else(|| "—".into()),
    }
}

pub async fn figures_page(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::PermitRead)?;
    let (from, to) = q.period();
    let (agency, soon, t) =
        (user.agency_id().to_string(), state.config.settings.due_soon_working_days, Tr::new(user.lang));
    let (f, names) = state
        .db
        .run(move |conn| {
            let cal = crate::calendar::queries::load_calendar(conn)?;
            Ok((figures::figures(conn, &agency, from, to, &cal, soon)?, type_names(conn, t)?))
        })
        .await?;
    let name =
        |code: &str| names.iter().find(|(c, _)| c == code).map(|(_, n)| n.clone()).unwrap_or_else(|| code.to_string());
    let mut rows: Vec<Row> =
        f.by_type.iter().map(|x| row(&f, name(&x.type_code), &x.type_code, &x.counts, t.lang)).collect();
    rows.push(row(&f, t.t("gp.fig.total").to_string(), "", &f.total, t.lang));
    let months = f
        .issued_by_month
        .iter()
        .map(|m| {
            let parts = m.by_type.iter().map(|(c, n)| format!("{}: {n}", name(c))).collect::<Vec<_>>().join("; ");
            (m.month.clone(), m.total, parts)
        })
        .collect();
    html(&FiguresPage {
        ctx: PageCtx::new(&req, Some(&user), "permits"),
        from: f.from.to_string(),
        to: f.to.to_string(),
        columns: [
            "gp.fig.received",
            "gp.fig.issued",
            "gp.fig.refused",
            "gp.timeliness.early",
            "gp.timeliness.on_time",
            "gp.timeliness.late",
        ]
        .iter()
        .map(|k| t.t(k))
        .collect(),
        rows,
        now: f.in_progress.clone(),
        months,
    })
}
