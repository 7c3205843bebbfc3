//! Tracked deadlines: the list with colours, tracking one by hand, the page of one with its history,
//! extension, pause, resumption and closing.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::calendar::engine::Adjustment;
use crate::calendar::model::{DeadlineRow, DeadlineRuleRow};
use crate::calendar::queries::{self, CalcQuery, DeadlineFilter, DeadlineItem, items};
use crate::calendar::steps::deadlines;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::{IdPath, PageCtx, html, html_status, redirect};

#[derive(Template)]
#[template(path = "calendar/deadlines.html")]
pub struct DeadlinesPage {
    ctx: PageCtx,
    lines: Vec<ListLine>,
    /// The filters as asked (kind of record, due status), their choices and the query string the
    /// pager keeps.
    f: DeadlineFilter,
    kinds: Vec<(&'static str, &'static str)>,
    paging: crate::web::Paging,
    query: String,
}

/// One running deadline as the list shows it: the rule by name, the record it runs for linked.
pub struct ListLine {
    item: DeadlineItem,
    rule: String,
    kind: &'static str,
    record: queries::RecordRef,
}

/// The agency's running deadlines, soonest first, a page at a time, filtered by the kind of record
/// (the reports' alerts open it so) and by how close each is.
pub async fn deadlines_list(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<DeadlineFilter>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DeadlineRead)?;
    let (agency, hidden) = (user.agency_id().to_string(), queries::hidden_kinds(&user));
    let kinds = queries::KINDS.iter().filter(|k| !hidden.contains(k)).copied().collect::<Vec<_>>();
    let mut f = q.into_inner();
    f.kind = crate::domain::text::param(&f.kind);
    let mut paging = crate::web::Paging::new(f.page, Some(50), 50);
    let soon = state.config.settings.due_soon_working_days;
    let (f2, p2) = (f.clone(), paging.clone());
    let (cal, rules, rows, total, mut records) = state
        .db
        .run(move |conn| {
            let cal = queries::load_calendar(conn)?;
            let until = queries::soon_until(&cal, soon);
            let (rows, total) = queries::open_page(conn, &agency, &hidden, &f2, crate::time::today_vn(), until, &p2)?;
            let records = queries::records(conn, &rows)?;
            Ok((cal, queries::deadline_rules(conn)?, rows, total, records))
        })
        .await?;
    paging.set_total(total, rows.len());
    let t = Tr::new(user.lang);
    let lines = items(&cal, &rows, t, soon)
        .into_iter()
        .zip(&rows)
        .map(|(item, d)| ListLine {
            rule: d
                .rule_code
                .as_deref()
                .map(|code| match queries::version_on(&rules, code, d.start_date) {
                    Some(r) => r.name_in(user.lang).to_string(),
                    None => code.to_string(),
                })
                .unwrap_or_default(),
            kind: queries::kind_label(t, &d.record_type),
            record: records.remove(&d.id.to_string()).unwrap_or_default(),
            item,
        })
        .collect();
    let query = serde_urlencoded::to_string([("kind", f.kind.as_str()), ("due", f.due.as_str())]).unwrap_or_default();
    html(&DeadlinesPage {
        ctx: PageCtx::new(&req, Some(&user), "deadlines"),
        lines,
        kinds: kinds.into_iter().map(|k| (k, queries::kind_label(t, k))).collect(),
        f,
        paging,
        query,
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
    /// The kind of work it runs for, in words, and that record's page where it has one.
    kind: &'static str,
    record: queries::RecordRef,
}

pub async fn show_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let (agency, hidden) = (user.agency_id().to_string(), queries::hidden_kinds(user));
    let (cal, d, rule, history, mut record) = state
        .db
        .run(move |conn| {
            let d = queries::find_visible(conn, &id, &agency, &hidden)?;
            let rule = match &d.rule_code {
                Some(c) => queries::rule_in_force(conn, c, d.start_date)?,
                None => None,
            };
            let h = crate::audit::repo::history(conn, "deadline", &id, Some(&agency))?;
            let record = queries::records(conn, std::slice::from_ref(&d))?;
            Ok((queries::load_calendar(conn)?, d, rule, h, record))
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
            kind: queries::kind_label(t, &d.record_type),
            record: record.remove(&d.id.to_string()).unwrap_or_default(),
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
    let (agency, hidden) = (user.agency_id().to_string(), queries::hidden_kinds(&user));
    let id2 = id.clone();
    match state
        .db
        .run(move |conn| {
            queries::find_visible(conn, &id2, &agency, &hidden)?;
            deadlines::adjust(conn, &actor, &id2, &agency, adj)
        })
        .await
    {
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
    let (agency, hidden) = (user.agency_id().to_string(), queries::hidden_kinds(&user));
    let id2 = id.clone();
    state
        .db
        .run(move |conn| {
            queries::find_visible(conn, &id2, &agency, &hidden)?;
            deadlines::close(conn, &actor, &id2, &agency)
        })
        .await?;
    Ok(redirect(&format!("/deadlines/{id}?m=saved")))
}
