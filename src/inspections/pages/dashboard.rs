//! The dashboard: engagements by state with their next deadline, colour-coded, searchable without diacritics.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::*;
use crate::auth::{Permission, WebUser};
use crate::calendar::engine::DeadlineStatus;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::inspections::model::*;
use crate::inspections::queries::{self as q, EngagementFilter};
use crate::inspections::state::State;
use crate::state::AppState;
use crate::web::{PageCtx, Paging, html};

pub struct Row {
    pub e: EngagementRow,
    pub outlet: String,
    pub kind: &'static str,
    pub state: &'static str,
    pub due: String,
    pub due_status: &'static str,
    pub due_label: &'static str,
}

pub struct StateCount {
    pub code: &'static str,
    pub label: &'static str,
    pub count: i64,
}

#[derive(Template)]
#[template(path = "inspections/dashboard.html")]
pub struct Dashboard {
    ctx: PageCtx,
    rows: Vec<Row>,
    counts: Vec<StateCount>,
    paging: Paging,
    /// The filters the form does not show, kept when it is sent again: (name, value).
    kept: Vec<(&'static str, String)>,
    /// The period the list is limited to, in words.
    period: Option<String>,
    f: EngagementFilter,
    states: Vec<(&'static str, &'static str)>,
    overdue_recs: i64,
    can_write: bool,
    query: String,
}

pub async fn dashboard(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<EngagementFilter>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionRead)?;
    let f = q.into_inner();
    let mut paging = Paging::new(f.page, None, 50);
    let agency = user.agency_id().to_string();
    let f2 = f.clone();
    let p2 = paging.clone();
    let soon = state.config.settings.due_soon_working_days;
    let lang = user.lang;
    let q::Dashboard { rows, total, counts, overdue_recs: overdue, calendar: cal } =
        state.db.run(move |conn| q::dashboard(conn, &agency, &f2, &p2)).await?;
    paging.set_total(total, rows.len());
    let t = Tr::new(lang);
    let out: Vec<Row> = rows
        .into_iter()
        .map(|(e, o, d)| {
            let (due, st) = match &d {
                Some((date, label)) => (
                    format!("{} — {}", crate::calendar::model::label_text(label, lang), crate::time::show_date(date)),
                    status_of(&cal, *date, soon),
                ),
                None => (String::new(), DeadlineStatus::Closed),
            };
            Row {
                kind: e.kind().label(lang),
                state: e.state().label(lang),
                outlet: o.name,
                due,
                due_status: st.code(),
                due_label: t.t(st.label_key()),
                e,
            }
        })
        .collect();
    let counts = State::ALL
        .iter()
        .map(|s| StateCount {
            code: s.code(),
            label: s.label(lang),
            count: counts.iter().find(|c| c.0 == s.code()).map(|c| c.1).unwrap_or(0),
        })
        .filter(|c| c.count > 0)
        .collect();
    let query = serde_urlencoded::to_string([
        ("state", &f.state),
        ("kind", &f.kind),
        ("q", &f.q),
        ("sector", &f.sector),
        ("by", &f.by),
        ("from", &f.from),
        ("to", &f.to),
    ])
    .unwrap_or_default();
    let kept = [("sector", &f.sector), ("by", &f.by), ("from", &f.from), ("to", &f.to)]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect();
    let period = f.period().map(|(a, b)| {
        let by = match f.by.trim() {
            "ended" => "insp.by.ended",
            "concluded" => "insp.by.concluded",
            "violations" => "insp.by.violations",
            "sanctioned" => "insp.by.sanctioned",
            "paid" => "insp.by.paid",
            "recommendations" => "insp.by.recommendations",
            _ => "insp.by.announced",
        };
        format!(
            "{} {} {} {} {}.",
            t.t(by),
            t.t("insp.period_from"),
            crate::time::show_date(&a),
            t.t("insp.period_to"),
            crate::time::show_date(&b)
        )
    });
    html(&Dashboard {
        ctx: PageCtx::new(&req, Some(&user), "inspections"),
        rows: out,
        counts,
        paging,
        states: State::ALL.iter().map(|s| (s.code(), s.label(lang))).collect(),
        f,
        overdue_recs: overdue,
        can_write: user.can(Permission::InspectionWrite),
        query,
        period,
        kept,
    })
}
