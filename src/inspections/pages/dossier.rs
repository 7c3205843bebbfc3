//! The engagement's dossier: its contents (mục lục hồ sơ) as a PDF, and the whole dossier as one
//! download.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use crate::auth::{Permission, WebUser};
use crate::error::AppError;
use crate::inspections::queries::{self as q};
use crate::state::AppState;
use crate::web::IdPath;

async fn load(state: &AppState, user: &crate::auth::Identity, id: String) -> Result<(q::Dossier, Vec<u8>), AppError> {
    user.require(Permission::InspectionRead)?;
    let (agency, files) = (user.agency_id().to_string(), state.files.clone());
    let d = state.db.run(move |conn| q::dossier(conn, files.as_ref(), &id, &agency)).await?;
    let spec = crate::inspections::dossier::index(&d.header, &d.subject, &d.entries, crate::time::today_vn());
    let pdf = crate::documents::render(&spec).map_err(|e| AppError::Internal(anyhow::anyhow!("render: {e}")))?;
    Ok((d, pdf))
}

/// The contents, printable.
pub async fn index_pdf(user: WebUser, state: web::Data<AppState>, path: IdPath) -> Result<HttpResponse, AppError> {
    let (_, pdf) = load(&state, &user.0, path.into_inner()).await?;
    Ok(crate::web::download::pdf(pdf, "muc-luc-ho-so.pdf"))
}

/// The contents and every document (and signed copy) in one ZIP.
pub async fn bundle(user: WebUser, state: web::Data<AppState>, path: IdPath) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let (d, pdf) = load(&state, &user.0, id.clone()).await?;
    let at = crate::time::vn_wall(&crate::time::now());
    let zip = web::block(move || crate::inspections::dossier::bundle(&pdf, &d.files, at))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("dossier bundle: {e}")))?
        .map_err(|e| AppError::Internal(anyhow::anyhow!("dossier bundle: {e}")))?;
    let short = &id[id.len().saturating_sub(8)..];
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"ho-so-{short}.zip\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(zip))
}
