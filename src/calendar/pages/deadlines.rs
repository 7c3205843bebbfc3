//! Tracked deadlines: the list with colours, tracking one by hand, the page of one with its history,
//! extension, pause, resumption and closing.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::calendar::engine::Adjustment;
use crate::calendar::model::{DeadlineRow, DeadlineRuleRow};
use crate::calendar::queries::{self, CalcQuery, DeadlineItem, items};
use crate::calendar::steps::deadlines;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::{IdPath, PageCtx, html, html_status, redirect};

#[derive(Template)]
#[template(path = "calendar/deadlines.html")]
pub struct DeadlinesPage {
    ctx: PageCtx,
    items: Vec<DeadlineItem>,
    /// The kind of record the list is limited to (`engagement`, `dossier`…), from the reports'
    /// alerts; empty: every kind.
    kind: String,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct KindQuery {
    #[serde(default)]
    kind: String,
}

pub async fn deadlines_list(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<KindQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DeadlineRead)?;
    let agency = user.agency_id().to_string();
    let kind = crate::domain::text::param(&q.kind);
    let (cal, mut rows) =
        state.db.run(move |conn| Ok((queries::load_calendar(conn)?, queries::open_deadlines(conn, &agency)?))).await?;
    if !kind.is_empty() {
        rows.retain(|d| d.record_type == kind);
    }
    html(&DeadlinesPage {
        ctx: PageCtx::new(&req, Some(&user), "deadlines"),
        items: items(&cal, &rows, Tr::new(user.lang), state.config.settings.due_soon_working_days),
        kind,
    })
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct TrackForm {
    #[serde(default)]
    label: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    rule: String,
}

pub async fn track_deadline(form: CsrfForm<TrackForm>, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::DeadlineWrite)?;
    let q = CalcQuery { start: form.start, days: form.days, unit: form.unit, rule: form.rule };
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let row = state.db.run(move |conn| deadlines::track_manual(conn, &actor, &agency, &form.label, &q)).await?;
    Ok(redirect(&format!("/deadlines/{}?m=created", row.id)))
}

#[derive(Template)]
#[template(path = "calendar/deadline.html")]
pub struct DeadlinePage {
    ctx: PageCtx,
    d: DeadlineRow,
    item: DeadlineItem,
    lines: Vec<String>,
    adjustments: Vec<String>,
    paused: bool,
    can_write: bool,
    rule: Option<DeadlineRuleRow>,
    history: Vec<HistoryItem>,
    error: Option<String>,
}

pub async fn show_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let (cal, d, rule, history) = state
        .db
        .run(move |conn| {
            let d = queries::find_deadline(conn, &id, &agency)?;
            let rule = match &d.rule_code {
                Some(c) => queries::rule_in_force(conn, c, d.start_date)?,
                None => None,
            };
            let h = crate::audit::repo::history(conn, "deadline", &id, Some(&agency))?;
            Ok((queries::load_calendar(conn)?, d, rule, h))
        })
        .await?;
    let exp = d.explain(&cal, crate::time::today_vn())?;
    let t = Tr::new(user.lang);
    let adjustments = d
        .adjustments()
        .iter()
        .map(|a| match a {
            Adjustment::Extension { duration, by, at, reason } => format!(
                "{}: +{} {} — {} ({}, {})",
                t.t("deadline.extension"),
                duration,
                d.unit().label(user.lang),
                reason,
                by,
                at
            ),
            Adjustment::Pause { from, to, by, at, reason } => format!(
                "{}: {} – {} — {} ({}, {})",
                t.t("deadline.pause"),
                from.format("%d/%m/%Y"),
                to.map(|x| x.format("%d/%m/%Y").to_string()).unwrap_or_else(|| "…".into()),
                reason,
                by,
                at
            ),
        })
        .collect();
    let paused = d.adjustments().iter().any(|a| matches!(a, Adjustment::Pause { to: None, .. }));
    let item = items(&cal, std::slice::from_ref(&d), t, state.config.settings.due_soon_working_days).remove(0);
    html_status(
        if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK },
        &DeadlinePage {
            ctx: PageCtx::new(req, Some(user), "deadlines"),
            lines: exp.lines(user.lang),
            adjustments,
            paused,
            can_write: user.can(Permission::DeadlineWrite) && d.closed_at.is_none(),
            rule,
            history: HistoryItem::from_rows(&history, &[], user.lang),
            item,
            d,
            error,
        },
    )
}

pub async fn deadline_show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DeadlineRead)?;
    show_page(&req, &user, &state, path.into_inner(), None).await
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct AdjustForm {
    #[serde(default)]
    duration: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    reason: String,
}

pub async fn apply(
    req: HttpRequest,
    form: CsrfForm<AdjustForm>,
    state: web::Data<AppState>,
    id: String,
    kind: &'static str,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::DeadlineWrite)?;
    let adj =
        match deadlines::adjustment_from_input(kind, &form.duration, &form.date, &form.reason, &user.user.username) {
            Ok(a) => a,
            Err(e) => {
                let msg = e.0.first().map(|f| format!("{}: {}", f.field, f.message(user.lang))).unwrap_or_default();
                return show_page(&req, &user, &state, id, Some(msg)).await;
            }
        };
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let id2 = id.clone();
    match state.db.run(move |conn| deadlines::adjust(conn, &actor, &id2, &agency, adj)).await {
        Ok(_) => Ok(redirect(&format!("/deadlines/{id}?m=saved"))),
        Err(AppError::Validation(e)) => {
            let msg = e.0.first().map(|f| f.message(user.lang)).unwrap_or_default();
            show_page(&req, &user, &state, id, Some(msg)).await
        }
        Err(AppError::Conflict(m)) => show_page(&req, &user, &state, id, Some(m.message(user.lang))).await,
        Err(e) => Err(e),
    }
}

pub async fn extend(
    req: HttpRequest,
    form: CsrfForm<AdjustForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    apply(req, form, state, path.into_inner(), "extend").await
}

pub async fn pause(
    req: HttpRequest,
    form: CsrfForm<AdjustForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    apply(req, form, state, path.into_inner(), "pause").await
}

pub async fn resume(
    req: HttpRequest,
    form: CsrfForm<AdjustForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    apply(req, form, state, path.into_inner(), "resume").await
}

pub async fn close(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::DeadlineWrite)?;
    let id = path.into_inner();
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let id2 = id.clone();
    state.db.run(move |conn| deadlines::close(conn, &actor, &id2, &agency)).await?;
    Ok(redirect(&format!("/deadlines/{id}?m=saved")))
}
