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
/// What a figure measures: how exports write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Count,
    Vnd,
    /// Per cent (87.5 is 87,5 %).
    Percent,
}

pub struct Line {
    pub label: &'static str,
    pub unit: Unit,
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

/// The running deadlines of one workflow, linked to their list.
pub struct AlertLine {
    pub label: &'static str,
    pub overdue: i64,
    pub soon: i64,
    pub href: String,
}

/// A chart's numbers as a table: the column heads and one row per series.
pub struct ChartTable {
    pub heads: Vec<String>,
    pub rows: Vec<(String, Vec<i64>)>,
}

#[derive(Template)]
#[template(path = "reports/dashboard.html")]
pub struct DashboardPage {
    ctx: PageCtx,
    /// The agency reported on, when an installation administrator chose another than their own.
    agency: String,
    /// (id, name, chosen) for an installation administrator; empty for everyone else.
    agencies: Vec<(String, String, bool)>,
    alerts: Vec<AlertLine>,
    trend: crate::reports::chart::Lines,
    trend_table: ChartTable,
    split: crate::reports::chart::Bars,
    split_names: Vec<String>,
    split_table: ChartTable,
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
    /// The period (and agency) as a query string, for the exports.
    query: String,
    /// The reader may draft the report (BC) of this period: their own agency, documents to write,
    /// and no report of the period issued yet.
    can_draft: bool,
    /// The report already drafted for the period: (document id, issued).
    drafted: Option<(String, bool)>,
}

fn count(label: &'static str, now: i64, before: i64, href: String) -> Line {
    let d = now - before;
    Line {
        label,
        unit: Unit::Count,
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

fn money(lang: Lang, label: &'static str, now: i64, before: i64, href: String) -> Line {
    let d = now - before;
    Line {
        label,
        unit: Unit::Vnd,
        values: (Some(now as f64), Some(before as f64)),
        now: crate::i18n::vnd(lang, now),
        before: crate::i18n::vnd(lang, before),
        change: if d > 0 { format!("+{}", crate::i18n::vnd(lang, d)) } else { crate::i18n::vnd(lang, d) },
        href: if now > 0 { href } else { String::new() },
    }
}

fn rate(lang: Lang, label: &'static str, now: Option<f64>, before: Option<f64>) -> Line {
    let show = |r: Option<f64>| r.map(|p| crate::i18n::percent(lang, p)).unwrap_or_else(|| "—".into());
    Line {
        label,
        unit: Unit::Percent,
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

/// The report's figures as sections of lines; `linked`: each figure opens the reader's own lists
/// (not when an installation administrator reads another agency's report).
pub fn sections(r: &Report, p: &Period, t: Tr, linked: bool) -> Vec<Section> {
    let mut out = all_sections(r, p, t);
    if !linked {
        for s in &mut out {
            s.more.clear();
            for l in &mut s.lines {
                l.href.clear();
            }
        }
    }
    out
}

fn all_sections(r: &Report, p: &Period, t: Tr) -> Vec<Section> {
    let lang = t.lang;
    let mut out = Vec::new();
    let (now, before) = (&r.current, &r.a_year_earlier);
    if let (Some(a), Some(b)) = (&now.inspections, &before.inspections) {
        let list = |by: &str| format!("/inspections?by={by}&{}", range(p));
        out.push(Section {
            title: t.t("report.inspections"),
            more: "/inspections".into(),
            lines: vec![
                // Plan items are the plans' (their page); violations, sanctions and recommendations
                // open the engagements they belong to.
                count(t.t("report.insp.planned"), a.planned, b.planned, "/inspections/plans".into()),
                count(t.t("report.insp.planned_begun"), a.planned_begun, b.planned_begun, "/inspections/plans".into()),
                count(t.t("report.insp.announced"), a.announced, b.announced, list("announced")),
                count(t.t("report.insp.ended"), a.ended_on_site, b.ended_on_site, list("ended")),
                count(t.t("report.insp.concluded"), a.concluded, b.concluded, list("concluded")),
                count(t.t("report.insp.violations"), a.violations_detected, b.violations_detected, list("violations")),
                count(t.t("report.insp.sanctions"), a.sanctions, b.sanctions, list("sanctioned")),
                money(lang, t.t("report.insp.fines"), a.fines, b.fines, list("sanctioned")),
                count(t.t("report.insp.paid"), a.sanctions_paid, b.sanctions_paid, list("sanctioned")),
                money(lang, t.t("report.insp.collected"), a.fines_collected, b.fines_collected, list("paid")),
                count(
                    t.t("report.insp.recs_due"),
                    a.recommendations_due,
                    b.recommendations_due,
                    list("recommendations"),
                ),
                count(
                    t.t("report.insp.recs_followed"),
                    a.recommendations_followed,
                    b.recommendations_followed,
                    list("recommendations"),
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
                // Overdue at the end of a period still running is overdue today: that list.
                count(
                    t.t("report.kn.overdue"),
                    x.overdue,
                    y.overdue,
                    if p.to >= crate::time::today_vn() { "/complaints?due=overdue".into() } else { String::new() },
                ),
                count(t.t("report.kn.receptions"), a.receptions, b.receptions, format!("/reception?{}", range(p))),
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
    if let (Some(a), Some(b)) = (&now.mail, &before.mail) {
        let list = |mail: &str| format!("/documents?mail={mail}&{}", range(p));
        out.push(Section {
            title: t.t("report.mail"),
            more: String::new(),
            lines: vec![
                count(t.t("report.mail.sent"), a.sent, b.sent, list("sent")),
                count(t.t("report.mail.accepted"), a.accepted, b.accepted, list("accepted")),
                count(t.t("report.mail.failed"), a.failed, b.failed, list("failed")),
                count(t.t("report.mail.waiting"), a.waiting, b.waiting, list("waiting")),
            ],
        });
    }
    out
}

/// The label of deadlines running on records of `kind`.
/// The trend (twelve months) and the split by sector, as charts and as tables.
fn charts(
    r: &Report,
    t: Tr,
) -> (crate::reports::chart::Lines, ChartTable, crate::reports::chart::Bars, Vec<String>, ChartTable) {
    use crate::reports::chart;
    let heads: Vec<String> = r
        .trend
        .iter()
        .map(|m| format!("{}/{}", m.month.get(5..7).unwrap_or(""), m.month.get(..4).unwrap_or("")))
        .collect();
    let rows: Vec<(String, Vec<i64>)> = crate::reports::queries::Month::shown(&r.trend)
        .iter()
        .map(|(key, get)| (t.t(key).to_string(), r.trend.iter().map(|m| get(m).unwrap_or(0)).collect()))
        .collect();
    let trend = chart::lines(&heads, &rows);
    let names = vec![t.t("report.trend.begun").to_string(), t.t("report.trend.dossiers").to_string()];
    let data: Vec<(String, Vec<i64>)> =
        r.by_sector.iter().map(|s| (s.name.clone(), vec![s.inspections_begun, s.dossiers_received])).collect();
    let split = chart::bars(&names, &data);
    let split_table = ChartTable {
        heads: r.by_sector.iter().map(|s| s.name.clone()).collect(),
        rows: names.iter().enumerate().map(|(k, n)| (n.clone(), data.iter().map(|(_, v)| v[k]).collect())).collect(),
    };
    (trend, ChartTable { heads, rows }, split, names, split_table)
}

/// The query string of the exports: the period by code or range, and the agency when not one's own.
pub fn export_query(code: &str, p: &Period, agency: &str) -> String {
    let mut q: Vec<(&str, String)> = match code.is_empty() {
        true => vec![("from", p.from.to_string()), ("to", p.to.to_string())],
        false => vec![("period", code.to_string())],
    };
    if !agency.is_empty() {
        q.push(("agency", agency.to_string()));
    }
    serde_urlencoded::to_string(q).unwrap_or_default()
}

/// The periods offered by name around `today`: this and last month, quarter, half and year.
fn choices(today: chrono::NaiveDate, chosen: &Period, lang: Lang) -> Vec<(String, String, bool)> {
    let mut out: Vec<(String, String, bool)> = Vec::new();
    for span in [Span::Month, Span::Quarter, Span::Half, Span::Year] {
        let this = Period::current(span, today);
        let last = this.from.pred_opt().map(|d| Period::current(span, d));
        for p in std::iter::once(this).chain(last) {
            if let Some(code) = p.code() {
                out.push((code, crate::domain::text::capitalise(&p.title(lang)), *chosen == p));
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
    let agency = q.agency(&user)?;
    let own = agency == user.agency_id();
    let agencies = match user.can(crate::auth::Permission::InstallationManage) {
        true => {
            let chosen = agency.clone();
            state
                .db
                .run(crate::agencies::queries::list)
                .await?
                .into_iter()
                .map(|a| {
                    let on = a.id == chosen;
                    (a.id, a.name, on)
                })
                .collect()
        }
        false => Vec::new(),
    };
    let r = super::load(&state, &user, p, agency.clone()).await?;
    // The report drafted for the period, as the reader's own documents list would open it.
    let id = agency.clone();
    let drafted = match own {
        true => {
            state
                .db
                .run(move |conn| {
                    let Some(r) = crate::reports::steps::draft::existing(conn, &id, &p)? else { return Ok(None) };
                    let issued = crate::documents::queries::find(conn, &r.document_id, &id)?.is_issued();
                    Ok(Some((r.document_id, issued)))
                })
                .await?
        }
        false => None,
    };
    let alerts = r
        .alerts
        .iter()
        .map(|a| AlertLine {
            label: crate::calendar::queries::kind_label(t, &a.kind),
            overdue: a.overdue,
            soon: a.due_soon,
            href: if own { format!("/deadlines?kind={}", a.kind) } else { String::new() },
        })
        .collect();
    let (trend, trend_table, split, split_names, split_table) = charts(&r, t);
    let agency_param = if own { String::new() } else { agency };
    html(&DashboardPage {
        ctx: PageCtx::new(&req, Some(&user), "reports"),
        agency: agency_param.clone(),
        agencies,
        alerts,
        trend,
        trend_table,
        split,
        split_names,
        split_table,
        title: r.title.clone(),
        code: r.period.clone(),
        before_title: p.a_year_earlier().title(lang),
        choices: choices(today, &p, lang),
        from: p.from.to_string(),
        to: p.to.to_string(),
        sections: sections(&r, &p, t, own),
        query: export_query(&r.period, &p, if own { "" } else { &agency_param }),
        can_draft: own
            && user.can(crate::auth::Permission::DocumentWrite)
            && !drafted.as_ref().is_some_and(|d: &(String, bool)| d.1),
        drafted,
        error,
    })
}
