//! The report page: a period chosen by name (this month, last quarter, the first half…) or as a
//! range, and its figures beside the same period a year earlier with the change, each figure of the
//! period a link to the records behind it.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::WebUser;
use crate::error::AppError;
use crate::i18n::{Lang, Tr};
use crate::reports::api::ReportQuery;
use crate::reports::period::{Period, Span};
use crate::reports::queries::Report;
use crate::state::AppState;
use crate::web::{PageCtx, html};

/// One figure: its label, the period's value (a link when records stand behind it), the year
/// before's, and the change.
pub struct Line {
    pub label: &'static str,
    /// The two values as numbers, for exports (VND, per cent, or a count).
    pub values: (Option<f64>, Option<f64>),
    pub now: String,
    pub before: String,
    pub change: String,
    pub href: String,
}

pub struct Section {
    pub title: &'static str,
    /// The feature's own figures page for the period (each number there a list).
    pub more: String,
    pub lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "reports/dashboard.html")]
pub struct DashboardPage {
    ctx: PageCtx,
    title: String,
    /// The period's code, empty for a range.
    code: String,
    before_title: String,
    /// (code, name, chosen) of the periods offered by name.
    choices: Vec<(String, String, bool)>,
    from: String,
    to: String,
    sections: Vec<Section>,
    error: String,
}

fn count(label: &'static str, now: i64, before: i64, href: String) -> Line {
    let d = now - before;
    Line {
        label,
        values: (Some(now as f64), Some(before as f64)),
        now: now.to_string(),
        before: before.to_string(),
        change: match d {
            0 => "0".into(),
            d if d > 0 => format!("+{d}"),
            d => format!("−{}", -d),
        },
        href: if now > 0 { href } else { String::new() },
    }
}

fn money(lang: Lang, label: &'static str, now: i64, before: i64) -> Line {
    let d = now - before;
    Line {
        label,
        values: (Some(now as f64), Some(before as f64)),
        now: crate::i18n::vnd(lang, now),
        before: crate::i18n::vnd(lang, before),
        change: if d > 0 { format!("+{}", crate::i18n::vnd(lang, d)) } else { crate::i18n::vnd(lang, d) },
        href: String::new(),
    }
}

fn rate(lang: Lang, label: &'static str, now: Option<f64>, before: Option<f64>) -> Line {
    let show = |r: Option<f64>| r.map(|p| crate::i18n::percent(lang, p)).unwrap_or_else(|| "—".into());
    Line {
        label,
        values: (now, before),
        now: show(now),
        before: show(before),
        change: match (now, before) {
            (Some(a), Some(b)) => format!("{:+.1}", a - b).replace('.', if lang == Lang::Vi { "," } else { "." }),
            _ => "—".into(),
        },
        href: String::new(),
    }
}

fn range(p: &Period) -> String {
    format!("from={}&to={}", p.from, p.to)
}

pub fn sections(r: &Report, p: &Period, t: Tr) -> Vec<Section> {
    let lang = t.lang;
    let mut out = Vec::new();
    let (now, before) = (&r.current, &r.a_year_earlier);
    if let (Some(a), Some(b)) = (&now.inspections, &before.inspections) {
        out.push(Section {
            title: t.t("report.inspections"),
            more: "/inspections".into(),
            lines: vec![
                // The inspections list has no period filter yet: these numbers open no list.
                count(t.t("report.insp.announced"), a.announced, b.announced, String::new()),
                count(t.t("report.insp.ended"), a.ended_on_site, b.ended_on_site, String::new()),
                count(t.t("report.insp.concluded"), a.concluded, b.concluded, String::new()),
                count(t.t("report.insp.violations"), a.violations_detected, b.violations_detected, String::new()),
                count(t.t("report.insp.sanctions"), a.sanctions, b.sanctions, String::new()),
                money(lang, t.t("report.insp.fines"), a.fines, b.fines),
                count(t.t("report.insp.paid"), a.sanctions_paid, b.sanctions_paid, String::new()),
                count(t.t("report.insp.recs_due"), a.recommendations_due, b.recommendations_due, String::new()),
                count(
                    t.t("report.insp.recs_followed"),
                    a.recommendations_followed,
                    b.recommendations_followed,
                    String::new(),
                ),
            ],
        });
    }
    if let (Some(a), Some(b)) = (&now.complaints, &before.complaints) {
        let list = |by: &str, state: &str| {
            let state = if state.is_empty() { String::new() } else { format!("&state={state}") };
            format!("/complaints?by={by}&{}{state}", range(p))
        };
        let (x, y) = (&a.total, &b.total);
        out.push(Section {
            title: t.t("report.complaints"),
            more: format!("/complaints/figures?{}", range(p)),
            lines: vec![
                count(t.t("report.kn.received"), x.received, y.received, list("received", "")),
                count(t.t("report.kn.accepted"), x.accepted, y.accepted, list("accepted", "")),
                count(t.t("report.kn.resolved"), x.resolved, y.resolved, list("decided", "")),
                count(t.t("report.kn.forwarded"), x.forwarded, y.forwarded, list("closed", "forwarded")),
                count(t.t("report.kn.guided"), x.guided, y.guided, list("closed", "guided")),
                count(t.t("report.kn.refused"), x.refused, y.refused, list("closed", "refused")),
                count(t.t("report.kn.filed"), x.filed, y.filed, list("closed", "filed")),
                count(t.t("report.kn.overdue"), x.overdue, y.overdue, String::new()),
                count(t.t("report.kn.receptions"), a.receptions, b.receptions, "/reception".into()),
            ],
        });
    }
    if let (Some(a), Some(b)) = (&now.permits, &before.permits) {
        let list = |extra: &str| format!("/permits?{}{extra}", range(p));
        let (x, y) = (&a.total, &b.total);
        out.push(Section {
            title: t.t("report.permits"),
            more: format!("/permits/figures?{}", range(p)),
            lines: vec![
                count(t.t("report.gp.received"), x.received, y.received, list("&by=received")),
                count(t.t("report.gp.issued"), x.issued, y.issued, list("&by=decided&state=issued")),
                count(t.t("report.gp.refused"), x.refused, y.refused, list("&by=decided&state=refused")),
                count(t.t("report.gp.late"), x.late, y.late, list("&by=decided&timeliness=late")),
                rate(lang, t.t("report.gp.on_time_rate"), x.on_time_rate, y.on_time_rate),
            ],
        });
    }
    out
}

/// The periods offered by name around `today`: this and last month, quarter, half and year.
fn choices(today: chrono::NaiveDate, chosen: &Period, lang: Lang) -> Vec<(String, String, bool)> {
    let mut out: Vec<(String, String, bool)> = Vec::new();
    for span in [Span::Month, Span::Quarter, Span::Half, Span::Year] {
        let this = Period::current(span, today);
        let last = this.from.pred_opt().map(|d| Period::current(span, d));
        for p in std::iter::once(this).chain(last) {
            if let Some(code) = p.code() {
                let title = p.title(lang);
                let mut chars = title.chars();
                let name = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
                out.push((code, name, *chosen == p));
            }
        }
    }
    out
}

pub async fn dashboard(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<ReportQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    let (lang, t) = (user.lang, Tr::new(user.lang));
    let today = crate::time::today_vn();
    let (p, error) = match q.period() {
        Ok(p) => (p, String::new()),
        Err(e) => (Period::current(Span::Month, today), e.0.first().map(|f| f.message(lang)).unwrap_or_default()),
    };
    let r = super::load(&state, &user, p).await?;
    html(&DashboardPage {
        ctx: PageCtx::new(&req, Some(&user), "reports"),
        title: r.title.clone(),
        code: r.period.clone(),
        before_title: p.a_year_earlier().title(lang),
        choices: choices(today, &p, lang),
        from: p.from.to_string(),
        to: p.to.to_string(),
        sections: sections(&r, &p, t),
        error,
    })
}
