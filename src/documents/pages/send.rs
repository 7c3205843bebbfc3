//! Sending an issued document to the business: recipients, cover note, preview, resend.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::documents::model::DocumentRow;
use crate::documents::queries;
use crate::documents::steps::send;
use crate::error::{AppError, Code};
use crate::state::AppState;
use crate::web::{IdPath, PageCtx, html_status, redirect};

#[derive(Template)]
#[template(path = "documents/send.html")]
pub struct SendPage {
    ctx: PageCtx,
    d: DocumentRow,
    outlet_emails: Vec<(String, bool)>,
    others: String,
    message: String,
    error: Option<String>,
    preview: Option<(String, String)>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct SendForm {
    #[serde(flatten)]
    fields: std::collections::BTreeMap<String, String>,
}

pub async fn send_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    form: Option<&SendForm>,
    error: Option<String>,
    preview: Option<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let (d, emails) = state
        .db
        .run(move |conn| {
            let d = queries::find(conn, &id, &agency)?;
            let emails = match &d.outlet_id {
                Some(o) => crate::outlets::queries::find(conn, o).map(|o| o.emails()).unwrap_or_default(),
                None => vec![],
            };
            Ok((d, emails))
        })
        .await?;
    let chosen = |e: &str| form.map(|f| f.fields.contains_key(&format!("to.{e}"))).unwrap_or(true);
    let page = SendPage {
        ctx: PageCtx::new(req, Some(user), "documents"),
        outlet_emails: emails.iter().map(|e| (e.clone(), chosen(e))).collect(),
        others: form.and_then(|f| f.fields.get("others").cloned()).unwrap_or_default(),
        message: form.and_then(|f| f.fields.get("message").cloned()).unwrap_or_default(),
        error,
        preview,
        d,
    };
    html_status(if page.error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK }, &page)
}

pub async fn send_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentIssue)?;
    send_page(&req, &user, &state, path.into_inner(), None, None, None).await
}

pub async fn send_post(
    req: HttpRequest,
    form: CsrfForm<SendForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::DocumentIssue)?;
    let id = path.into_inner();
    let mut raw: Vec<String> = form.fields.keys().filter_map(|k| k.strip_prefix("to.").map(str::to_string)).collect();
    raw.push(form.fields.get("others").cloned().unwrap_or_default());
    let recipients = match send::parse_recipients(&raw.join("\n")) {
        Ok(r) => r,
        Err(e) => {
            let msg = e.0.first().map(|f| f.message(user.lang)).unwrap_or_default();
            return send_page(&req, &user, &state, id, Some(&form), Some(msg), None).await;
        }
    };
    let message = form.fields.get("message").cloned().unwrap_or_default();
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let from = state.config.settings.mail_from.clone();
    let base = state.public_address().await?;
    let preview_only = form.fields.get("action").map(String::as_str) == Some("preview");
    let id2 = id.clone();
    let result = state
        .db
        .run(move |conn| {
            if preview_only {
                // Render in a transaction that is rolled back: nothing is queued.
                let mut out = None;
                let _ = crate::db::write_tx::<(), AppError, _>(conn, |conn| {
                    let m = send::send(
                        conn,
                        &actor,
                        &id2,
                        &agency,
                        send::Outgoing { recipients, cover: &message, from: &from, base_url: &base },
                    )?;
                    out = Some((m.subject, m.body_text));
                    Err(AppError::Internal(anyhow::anyhow!("preview: rolled back")))
                });
                return out.map(Some).ok_or(AppError::from(Code::SendOnlyIssued));
            }
            send::send(
                conn,
                &actor,
                &id2,
                &agency,
                send::Outgoing { recipients, cover: &message, from: &from, base_url: &base },
            )
            .map(|_| None)
        })
        .await;
    match result {
        Ok(Some(preview)) => send_page(&req, &user, &state, id, Some(&form), None, Some(preview)).await,
        Ok(None) => Ok(redirect(&format!("/documents/{id}?m=saved#deliveries"))),
        Err(AppError::Validation(e)) => {
            let msg = e.0.first().map(|f| f.message(user.lang)).unwrap_or_default();
            send_page(&req, &user, &state, id, Some(&form), Some(msg), None).await
        }
        Err(AppError::Conflict(m)) => {
            send_page(&req, &user, &state, id, Some(&form), Some(m.message(user.lang)), None).await
        }
        Err(e) => Err(e),
    }
}

pub async fn resend(
    req: HttpRequest,
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::DocumentIssue)?;
    let id = path.into_inner();
    let agency = user.agency_id().to_string();
    state.db.run(move |conn| crate::mail::outbox::resend(conn, &id, &agency)).await?;
    let back = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| {
            r.split_once("://")
                .map(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()).unwrap_or_else(|| "/".into()))
        })
        .unwrap_or_else(|| "/".into());
    Ok(redirect(&back))
}
