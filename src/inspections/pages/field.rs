//! The field page made for a phone: checklist findings, visits with position, photos.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::*;
use crate::auth::{CsrfForm, Permission, WebUser};
use crate::error::AppError;
use crate::inspections::model::*;
use crate::inspections::queries::{self as q};
use crate::inspections::state::{Work, allows};
use crate::inspections::steps::findings::{self, FindingInput, VisitInput};
use crate::state::AppState;
use crate::web::{IdPath, PageCtx, html, redirect};

pub struct FindingView {
    pub f: FindingRow,
    pub photos: Vec<PhotoRow>,
    /// The choice shown: what was just sent when it was refused, else what is recorded.
    pub chosen: FindingResult,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "inspections/field.html")]
pub struct FieldPage {
    ctx: PageCtx,
    e: EngagementRow,
    outlet: String,
    items: Vec<FindingView>,
    loose: Vec<PhotoRow>,
    visits: Vec<VisitRow>,
    on_site: bool,
    can_photo: bool,
    flash: Flash,
    done: usize,
}

pub async fn field_page(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
    flash: web::Query<Flash>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionRead)?;
    let id = path.into_inner();
    let agency = user.agency_id().to_string();
    let (e, outlet, findings, photos, visits) = state
        .db
        .run(move |conn| {
            let e = q::engagement(conn, &id, &agency)?;
            let o = crate::outlets::queries::find(conn, &e.outlet_id)?.name;
            Ok((e, o, q::findings_of(conn, &id)?, q::photos(conn, &id)?, q::visits(conn, &id)?))
        })
        .await?;
    let done = findings.iter().filter(|f| f.result != FindingResult::Pending).count();
    let flash = flash.into_inner();
    let items = findings
        .into_iter()
        .map(|f| {
            let here = flash.at == f.id && !flash.err.is_empty();
            FindingView {
                photos: photos.iter().filter(|p| p.finding_id.as_deref() == Some(f.id.as_str())).cloned().collect(),
                chosen: FindingResult::parse(&flash.result).filter(|_| here).unwrap_or(f.result),
                error: here.then(|| flash.err.clone()),
                f,
            }
        })
        .collect();
    let write = user.can(Permission::InspectionWrite);
    html(&FieldPage {
        ctx: PageCtx::new(&req, Some(&user), "inspections"),
        on_site: allows(e.kind(), e.state(), Work::RecordFindings) && write,
        can_photo: allows(e.kind(), e.state(), Work::AddPhotos) && write,
        loose: photos.into_iter().filter(|p| p.finding_id.is_none()).collect(),
        e,
        outlet,
        items,
        visits,
        flash,
        done,
    })
}

pub async fn finding_post(
    form: CsrfForm<FindingInput>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let (id, fid) = path.into_inner();
    let (id, fid) = (ids(&id)?, ids(&fid)?);
    let to = format!("/inspections/{id}/field#f-{fid}");
    let back = format!("/inspections/{id}/field?at={fid}&result={}#f-{fid}", urlencode(&form.result));
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let r =
        state.db.run(move |conn| findings::record_finding(conn, &actor, &agency, &id, &fid, &form).map(|_| ())).await;
    match r {
        Ok(()) => Ok(redirect(&to)),
        Err(e) => back_with(&back, e, user.lang),
    }
}

pub async fn visit_post(
    form: CsrfForm<VisitInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    let to = format!("/inspections/{id}/field#visits");
    act(&state, &user, &[Permission::InspectionWrite], &to, move |c, a, ag| findings::add_visit(c, a, ag, &id, &form))
        .await
}

pub async fn photo_post(
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
    payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionWrite)?;
    let limit = state.config.settings.max_upload_kib * 1024;
    let up = crate::web::upload::read(payload, limit).await?;
    up.check_csrf(&user)?;
    let id = path.into_inner();
    let finding = Some(up.field("finding_id").trim().to_string()).filter(|s| !s.is_empty());
    let anchor = finding.as_ref().map(|f| format!("#f-{f}")).unwrap_or_else(|| "#photos".into());
    let to = format!("/inspections/{id}/field{anchor}");
    let caption = up.field("caption").to_string();
    let checked = findings::check_photo_bounded(up.bytes, limit).await?;
    let photo = match checked {
        Ok(p) => p,
        Err(e) => return back_with(&to, e.into(), user.lang),
    };
    let (actor, agency, files) = (user.actor(), user.agency_id().to_string(), state.files.clone());
    let r = state
        .db
        .run(move |conn| {
            findings::add_photo(
                conn,
                files.as_ref(),
                &actor,
                &agency,
                &id,
                findings::NewPhoto { finding_id: finding.as_deref(), caption: &caption, photo },
            )
            .map(|_| ())
        })
        .await;
    done(&to, r, user.lang)
}
