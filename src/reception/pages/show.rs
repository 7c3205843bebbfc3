//! One reception: who presided and received, who came (masked for a denunciation unless revealed),
//! what they raised and what was done, the submission it led to, and the notice concluding it.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::Flash;
use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::reception::model::*;
use crate::reception::queries as q;
use crate::reception::steps::conclude::{self, ConclusionInput};
use crate::reception::steps::reveal;
use crate::state::AppState;
use crate::web::actions::done;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{IdPath, PageCtx, html, redirect};

#[derive(Template)]
#[template(path = "reception/show.html")]
pub struct ShowPage {
    ctx: PageCtx,
    s: SessionRow,
    day: String,
    kind: &'static str,
    topic: &'static str,
    action: &'static str,
    officer: String,
    visitors: Vec<VisitorRow>,
    disclosure: &'static str,
    submission: Option<(String, String)>,
    /// (document id, its number or "draft", issued)
    notice: Option<(String, String, bool)>,
    conclude: Vec<FormField>,
    can_write: bool,
    history: Vec<HistoryItem>,
    flash: Flash,
}

async fn render(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    revealed: bool,
    flash: Flash,
    conclusion: (String, FieldErrors),
) -> Result<HttpResponse, AppError> {
    let (agency, me, role) = (user.agency_id().to_string(), user.user.id.clone(), user.role);
    let (d, history, notice) = state
        .db
        .run(move |conn| {
            let d = q::detail(conn, &id, &agency, role, &me, revealed)?;
            let history = q::history(conn, &id, &agency)?;
            let notice = match &d.session.notice_id {
                Some(n) => Some(crate::documents::queries::find(conn, n, &agency)?),
                None => None,
            };
            Ok((d, history, notice))
        })
        .await?;
    let lang = user.lang;
    let t = crate::i18n::Tr::new(lang);
    let s = d.session;
    let (text, errors) = conclusion;
    let conclude = attach(
        vec![FormField::new("conclusion", t.t("tcd.conclusion"), text, Widget::TextArea(5)).required().wide()],
        &errors,
        lang,
    );
    html(&ShowPage {
        ctx: PageCtx::new(req, Some(user), "reception"),
        day: crate::time::show_date(&s.held_on),
        kind: s.kind.label(lang),
        topic: s.topic.label(lang),
        action: s.action.label(lang),
        officer: d.officer,
        visitors: d.visitors,
        disclosure: d.disclosure.code(),
        submission: d.submission,
        notice: notice.map(|n| {
            let issued = n.is_issued();
            (n.id.to_string(), n.symbol.clone().unwrap_or_else(|| t.t("documents.draft").to_string()), issued)
        }),
        conclude,
        can_write: user.can(Permission::ComplaintWrite),
        history: HistoryItem::from_rows(&history, &state.vocabulary, lang),
        flash,
        s,
    })
}

pub async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
    flash: web::Query<Flash>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::ComplaintRead)?;
    render(&req, &user, &state, path.into_inner(), false, flash.into_inner(), Default::default()).await
}

/// Shows who came about a denunciation to a reader who may see them, and records that they did.
pub async fn reveal_post(
    req: HttpRequest,
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::ComplaintRead)?;
    let id = path.into_inner();
    let (actor, agency, role, id2) = (user.actor(), user.agency_id().to_string(), user.role, id.clone());
    let r = state.db.run(move |conn| reveal::reveal(conn, &actor, role, &id2, &agency)).await;
    match r {
        Ok(_) => render(&req, &user, &state, id, true, Flash::default(), Default::default()).await,
        Err(e) => done(&format!("/reception/{id}"), Err(e), user.lang),
    }
}

pub async fn conclude_post(
    req: HttpRequest,
    form: CsrfForm<ConclusionInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::ComplaintWrite)?;
    let id = path.into_inner();
    let (actor, agency, id2, input) = (user.actor(), user.agency_id().to_string(), id.clone(), form.clone());
    let r = state.db.run(move |conn| conclude::conclude(conn, &actor, &id2, &agency, &input)).await;
    match r {
        Ok(_) => Ok(redirect(&format!("/reception/{id}?m=concluded"))),
        Err(AppError::Validation(e)) => {
            render(&req, &user, &state, id, false, Flash::default(), (form.conclusion, e)).await
        }
        Err(e) => done(&format!("/reception/{id}"), Err(e), user.lang),
    }
}
