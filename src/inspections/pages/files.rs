//! Stored files of an engagement: photos and thumbnails, evidence, the published version.

use actix_web::{HttpResponse, web};

use super::*;
use crate::auth::{Identity, Permission, WebUser};
use crate::error::AppError;
use crate::inspections::queries::{self as q};
use crate::state::AppState;

pub async fn photo_get(
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, pid, size) = path.into_inner();
    let (id, pid) = (ids(&id)?, ids(&pid)?);
    let thumb = match size.as_str() {
        "thumb" => true,
        "full" => false,
        _ => return Err(AppError::NotFound),
    };
    engagement_file(&state, &user.0, id, move |conn, id| {
        let p = q::photo(conn, id, &pid)?;
        Ok(if thumb {
            (Some(p.thumb_sha256), Some("image/jpeg".into()))
        } else {
            (Some(p.sha256), Some(p.content_type))
        })
    })
    .await
}

/// A stored file that belongs to one of the agency's engagements: `pick` names its SHA-256 and
/// content type (none: the type recorded when it was stored) once the engagement is found.
pub async fn engagement_file<F>(
    state: &AppState,
    user: &Identity,
    id: String,
    pick: F,
) -> Result<HttpResponse, AppError>
where
    F: FnOnce(&mut crate::db::DbConnection, &str) -> Result<(Option<String>, Option<String>), AppError>
        + Send
        + 'static,
{
    user.require(Permission::InspectionRead)?;
    let agency = user.agency_id().to_string();
    let files = state.files.clone();
    let (bytes, ct) = state
        .db
        .run(move |conn| {
            q::engagement(conn, &id, &agency)?;
            let (sha, ct) = pick(conn, &id)?;
            let sha = sha.ok_or(AppError::NotFound)?;
            let ct = match ct {
                Some(ct) => ct,
                None => files.content_type(conn, &sha)?.ok_or(AppError::NotFound)?,
            };
            Ok((files.get(conn, &sha)?.ok_or(AppError::NotFound)?, ct))
        })
        .await?;
    Ok(crate::web::download::stored(bytes, ct))
}

pub async fn rec_evidence_get(
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, rid) = path.into_inner();
    let (id, rid) = (ids(&id)?, ids(&rid)?);
    engagement_file(&state, &user.0, id, move |conn, id| {
        let r = q::recommendations_of(conn, id)?.into_iter().find(|r| r.id == rid).ok_or(AppError::NotFound)?;
        // Evidence was recognised by content when stored; its type was recorded then.
        Ok((r.evidence_sha256, None))
    })
    .await
}

pub async fn publication_pdf(
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, pid) = path.into_inner();
    let (id, pid) = (ids(&id)?, ids(&pid)?);
    engagement_file(&state, &user.0, id, move |conn, id| {
        let p = q::publications_of(conn, id)?.into_iter().find(|p| p.id == pid).ok_or(AppError::NotFound)?;
        Ok((p.public_sha256, Some("application/pdf".into())))
    })
    .await
}
