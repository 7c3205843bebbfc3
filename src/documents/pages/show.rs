//! One document: its text, state, history and deliveries; PDF (preview or frozen), issue, signed copy.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::audit::history::HistoryItem;
use crate::auth::session::resolve;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::documents::model::DocumentRow;
use crate::documents::queries;
use crate::documents::steps::{issue, signed_copy};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::{IdPath, PageCtx, html_status, redirect};

#[derive(Template)]
#[template(path = "documents/show.html")]
pub struct ShowPage {
    ctx: PageCtx,
    d: DocumentRow,
    type_label: &'static str,
    outlet: String,
    problems: Vec<String>,
    history: Vec<HistoryItem>,
    can_write: bool,
    can_issue: bool,
    verify_url: String,
    error: Option<String>,
    deliveries: Vec<crate::mail::view::Delivery>,
}

pub async fn show_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let (d, outlet, history, messages) = state
        .db
        .run(move |conn| {
            let d = queries::find(conn, &id, &agency)?;
            let outlet = match &d.outlet_id {
                Some(o) => crate::outlets::queries::find(conn, o).map(|o| o.name).unwrap_or_default(),
                None => String::new(),
            };
            let h = crate::audit::repo::history(conn, "document", &id, Some(&agency))?;
            let m = crate::mail::outbox::for_record(conn, "document", &id)?;
            Ok((d, outlet, h, m))
        })
        .await?;
    let lang = user.lang;
    let problems = if d.is_issued() {
        vec![]
    } else {
        // Each missing field by its label on the form, never its code.
        let t = Tr::new(lang);
        queries::issue_problems(&d)
            .0
            .iter()
            .map(|e| {
                let label = match e.field.as_str() {
                    "signer_id" => t.t("documents.signer"),
                    "summary" => t.t("documents.summary"),
                    "recipients" => t.t("documents.recipients"),
                    "body" => t.t("documents.body"),
                    "addressees" => t.t("documents.addressees"),
                    "drafter_name" => t.t("documents.drafter_name"),
                    _ => t.t("documents.field"),
                };
                format!("{label}: {}", e.message(lang))
            })
            .collect()
    };
    // The page works before the public address is set; the link is shown once it is.
    let address = state.public_address().await.ok();
    let verify_url = match (&d.verify_code, address) {
        (Some(c), Some(a)) => format!("{a}/verify/{c}"),
        _ => String::new(),
    };
    html_status(
        if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK },
        &ShowPage {
            ctx: PageCtx::new(req, Some(user), "documents"),
            type_label: crate::i18n::lookup(lang, d.kind_key()),
            outlet,
            problems,
            history: HistoryItem::from_rows(&history, &[], lang),
            can_write: user.can(Permission::DocumentWrite),
            can_issue: user.can(Permission::DocumentIssue),
            verify_url,
            error,
            deliveries: crate::mail::view::deliveries(&messages, Tr::new(lang)),
            d,
        },
    )
}

pub async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentRead)?;
    show_page(&req, &user, &state, path.into_inner(), None).await
}

pub async fn pdf(user: WebUser, state: web::Data<AppState>, path: IdPath) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentRead)?;
    let (id, agency, files) = (path.into_inner(), user.agency_id().to_string(), state.files.clone());
    let (bytes, name) = state.db.run(move |conn| queries::pdf(conn, files.as_ref(), &id, &agency)).await?;
    Ok(crate::web::download::pdf(bytes, &name))
}

pub async fn issue(
    req: HttpRequest,
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::DocumentIssue)?;
    let id = path.into_inner();
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let base = state.public_address().await?;
    let files = state.files.clone();
    let id2 = id.clone();
    match state.db.run(move |conn| issue::issue(conn, files.as_ref(), &actor, &id2, &agency, &base)).await {
        Ok(d) => Ok(redirect(&format!("/documents/{}?m=saved", d.id))),
        Err(AppError::Validation(e)) => {
            let msg =
                e.0.iter().map(|f| format!("{}: {}", f.field, f.message(user.lang))).collect::<Vec<_>>().join("; ");
            show_page(&req, &user, &state, id, Some(msg)).await
        }
        Err(AppError::Conflict(m)) => show_page(&req, &user, &state, id, Some(m.message(user.lang))).await,
        Err(e) => Err(e),
    }
}

pub async fn upload_signed(
    req: HttpRequest,
    payload: Multipart,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let Some(user) = resolve(&req).await? else {
        return Ok(redirect("/login"));
    };
    let upload = crate::web::upload::read(payload, state.config.settings.max_upload_kib * 1024).await?;
    upload.check_csrf(&user)?;
    user.require(Permission::DocumentIssue)?;
    let bytes = upload.bytes;
    let id = path.into_inner();
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let files = state.files.clone();
    let id2 = id.clone();
    match state
        .db
        .run(move |conn| signed_copy::attach_signed(conn, files.as_ref(), &actor, &id2, &agency, &bytes))
        .await
    {
        Ok(_) => Ok(redirect(&format!("/documents/{id}?m=saved"))),
        Err(AppError::Validation(e)) => {
            let msg = e.0.first().map(|f| f.message(user.lang)).unwrap_or_default();
            show_page(&req, &user, &state, id, Some(msg)).await
        }
        Err(AppError::Conflict(m)) => show_page(&req, &user, &state, id, Some(m.message(user.lang))).await,
        Err(e) => Err(e),
    }
}

pub async fn signed_pdf(user: WebUser, state: web::Data<AppState>, path: IdPath) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentRead)?;
    let (id, agency, files) = (path.into_inner(), user.agency_id().to_string(), state.files.clone());
    let (bytes, name) = state.db.run(move |conn| queries::signed_pdf(conn, files.as_ref(), &id, &agency)).await?;
    Ok(crate::web::download::pdf(bytes, &name))
}
