//! The follow-up forms of the engagement page: recommendations, sending, publication.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::*;
use crate::auth::{CsrfForm, Permission, WebUser};
use crate::error::{AppError, Code};
use crate::inspections::steps::advance::Ctx;
use crate::inspections::steps::publication::{self, PublicationInput, RemovalInput};
use crate::inspections::steps::recommendations::{self, RecStatusInput, RecommendationInput};
use crate::inspections::steps::sending;
use crate::state::AppState;
use crate::web::IdPath;

pub async fn rec_post(
    form: CsrfForm<RecommendationInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    let to = format!("/inspections/{id}#recommendations");
    act(&state, &user, &[Permission::InspectionWrite], &to, move |c, a, ag| {
        recommendations::add_recommendation(c, a, ag, &id, &form)
    })
    .await
}

pub async fn rec_action(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    user: WebUser,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionWrite)?;
    let (id, rid, action) = path.into_inner();
    let (id, rid) = (ids(&id)?, ids(&rid)?);
    let to = format!("/inspections/{id}#rec-{rid}");
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    if action == "evidence" {
        let mp = Multipart::new(req.headers(), payload);
        let up = crate::web::upload::read(mp, state.config.settings.max_upload_kib * 1024).await?;
        up.check_csrf(&user)?;
        let files = state.files.clone();
        let r = state
            .db
            .run(move |conn| {
                recommendations::attach_evidence(
                    conn,
                    files.as_ref(),
                    &actor,
                    &agency,
                    (&id, &rid),
                    (&up.file_name, &up.bytes),
                )
                .map(|_| ())
            })
            .await;
        return done(&to, r, user.lang);
    }
    let body = payload
        .to_bytes_limited(64 * 1024)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
        .map_err(|e| AppError::bad_request_because(Code::BadForm, e))?;
    #[derive(Deserialize)]
    struct F {
        csrf_token: String,
        #[serde(default)]
        status: String,
        #[serde(default)]
        reason: String,
    }
    let f: F = serde_urlencoded::from_bytes(&body).map_err(|e| AppError::bad_request_because(Code::BadForm, e))?;
    if user.csrf().is_empty() || !crate::auth::constant_time_eq(&f.csrf_token, user.csrf()) {
        return Err(AppError::Csrf);
    }
    let from = state.config.settings.mail_from.clone();
    let base = state.public_address().await?;
    let r = state
        .db
        .run(move |conn| match action.as_str() {
            "status" => recommendations::set_status(
                conn,
                &actor,
                &agency,
                &id,
                &rid,
                &RecStatusInput { status: f.status, reason: f.reason },
            )
            .map(|_| ()),
            "remind" => recommendations::remind(conn, &actor, &agency, &id, &rid, &from, &base).map(|_| ()),
            _ => Err(AppError::NotFound),
        })
        .await;
    done(&to, r, user.lang)
}

#[derive(Deserialize)]
pub struct SendForm {
    #[serde(default)]
    recipients: String,
    #[serde(default)]
    message: String,
}

pub async fn send_post(
    form: CsrfForm<SendForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    user.require(Permission::DocumentIssue)?;
    let id = path.into_inner();
    let to = format!("/inspections/{id}#send");
    let recipients = if form.recipients.trim().is_empty() {
        Vec::new()
    } else {
        match crate::documents::steps::send::parse_recipients(&form.recipients.replace(',', "\n")) {
            Ok(r) => r,
            Err(e) => return back_with(&to, e.into(), user.lang),
        }
    };
    let (actor, agency, from, base) = (
        user.actor(),
        user.agency_id().to_string(),
        state.config.settings.mail_from.clone(),
        state.public_address().await?,
    );
    let r = state
        .db
        .run(move |conn| {
            sending::send_conclusion(
                conn,
                &actor,
                &agency,
                &id,
                crate::documents::steps::send::Outgoing {
                    recipients,
                    cover: &form.message,
                    from: &from,
                    base_url: &base,
                },
            )
            .map(|_| ())
        })
        .await;
    done(&to, r, user.lang)
}

pub async fn publication_post(
    form: CsrfForm<PublicationInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let id = path.into_inner();
    let to = format!("/inspections/{id}#publication");
    let (actor, agency, base, files) =
        (user.actor(), user.agency_id().to_string(), state.public_address().await?, state.files.clone());
    let r = state
        .db
        .run(move |conn| {
            publication::publish(conn, &Ctx { files: files.as_ref(), base_url: &base }, &actor, &agency, &id, &form)
                .map(|_| ())
        })
        .await;
    done(&to, r, user.lang)
}

pub async fn publication_removal(
    form: CsrfForm<RemovalInput>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let (id, pid) = path.into_inner();
    let (id, pid) = (ids(&id)?, ids(&pid)?);
    let to = format!("/inspections/{id}#publication");
    act(&state, &user, &[Permission::InspectionWrite], &to, move |c, a, ag| {
        publication::record_removal(c, a, ag, &id, &pid, &form)
    })
    .await
}
