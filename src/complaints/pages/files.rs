//! A submission's scans on its page: attached (multipart, checked by content) and opened.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};

use crate::auth::{Permission, WebUser};
use crate::complaints::steps::files;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::IdPath;
use crate::web::actions::done;

pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: IdPath,
    user: WebUser,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::ComplaintWrite)?;
    let id = path.into_inner();
    let mp = Multipart::new(req.headers(), payload);
    let up = crate::web::upload::read(mp, state.config.settings.max_upload_kib * 1024).await?;
    up.check_csrf(&user)?;
    let (store, actor, agency, id2) = (state.files.clone(), user.actor(), user.agency_id().to_string(), id.clone());
    let r = state
        .db
        .run(move |conn| {
            files::attach(conn, store.as_ref(), &actor, (&id2, &agency), (&up.file_name, &up.bytes)).map(|_| ())
        })
        .await;
    done(&format!("/complaints/{id}"), r, user.lang)
}

/// Opens a scan; a denunciation's only for those who may read it (audited).
pub async fn open(
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::ComplaintRead)?;
    let (id, fid) = path.into_inner();
    if !crate::domain::text::is_plausible_id(&id) || !crate::domain::text::is_plausible_id(&fid) {
        return Err(AppError::NotFound);
    }
    let (store, actor, agency, role, id2) =
        (state.files.clone(), user.actor(), user.agency_id().to_string(), user.role, id.clone());
    let r = state.db.run(move |conn| files::open(conn, store.as_ref(), &actor, role, (&id2, &agency, &fid))).await;
    match r {
        Ok((bytes, ct)) => Ok(HttpResponse::Ok()
            .content_type(ct)
            .insert_header(("Cache-Control", "private, no-store"))
            .insert_header(("X-Content-Type-Options", "nosniff"))
            .body(bytes)),
        Err(e) => done(&format!("/complaints/{id}"), Err(e), user.lang),
    }
}
