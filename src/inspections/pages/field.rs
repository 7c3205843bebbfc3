//! The field page made for a phone: the checklist saved in one submit (and item by item as it
//! changes, with the script), visits with position, photos.

use actix_multipart::Multipart;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::*;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::inspections::model::*;
use crate::inspections::queries::{self as q};
use crate::inspections::state::{Work, allows};
use crate::inspections::steps::checklist::{self, ChecklistEntry};
use crate::inspections::steps::findings::{self, FindingInput, VisitInput};
use crate::state::AppState;
use crate::web::{IdPath, PageCtx, html_status, redirect};

pub struct FindingView {
    pub f: FindingRow,
    pub photos: Vec<PhotoRow>,
    /// The choice shown: what was just sent when it was refused, else what is recorded.
    pub chosen: FindingResult,
    /// The note shown: what was just sent when the checklist was refused, else what is recorded.
    pub note: String,
    /// The item as the page first showed it (`checklist::fingerprint`), sent back with the form.
    pub seen: String,
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
    /// Vietnam's time now (`YYYY-MM-DDTHH:MM`): the latest a visit may be entered at.
    now_vn: String,
    flash: Flash,
    done: usize,
    /// The checklist was refused (nothing saved): said at the top, with the items to correct (id,
    /// position).
    refused: bool,
    wrong: Vec<(String, i32)>,
}

/// What a refused checklist submit sent, and why it was refused.
pub struct Kept {
    pub entries: Vec<ChecklistEntry>,
    pub errors: FieldErrors,
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
    render_field(&req, &user, &state, path.into_inner(), flash.into_inner(), None).await
}

/// The field page; after a refused checklist (`kept`), with what was sent and each error beside
/// its item (422).
pub async fn render_field(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    flash: Flash,
    kept: Option<Kept>,
) -> Result<HttpResponse, AppError> {
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
    let lang = user.lang;
    let mut wrong = Vec::new();
    let items = findings
        .into_iter()
        .map(|f| {
            let here = flash.at == f.id && !flash.err.is_empty();
            let mut view = FindingView {
                photos: photos.iter().filter(|p| p.finding_id.as_deref() == Some(f.id.as_str())).cloned().collect(),
                chosen: FindingResult::parse(&flash.result).filter(|_| here).unwrap_or(f.result),
                note: f.note.clone(),
                seen: checklist::seen(&f),
                error: here.then(|| flash.err.clone()),
                f,
            };
            if let Some(k) = &kept
                && let Some(sent) = k.entries.iter().find(|x| x.finding_id == view.f.id)
            {
                view.chosen = FindingResult::parse(&sent.result).unwrap_or(view.f.result);
                view.note = sent.note.clone();
                view.seen = sent.seen.clone();
                let (note, result) = (format!("note.{}", view.f.id), format!("result.{}", view.f.id));
                view.error = k.errors.get(&result, lang).or_else(|| k.errors.get(&note, lang));
                if view.error.is_some() {
                    wrong.push((view.f.id.clone(), view.f.position));
                }
            }
            view
        })
        .collect();
    let write = user.can(Permission::InspectionWrite);
    let refused = kept.as_ref().is_some_and(|k| !k.errors.is_empty());
    let status = if refused { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    html_status(
        status,
        &FieldPage {
            ctx: PageCtx::new(req, Some(user), "inspections"),
            on_site: allows(e.kind(), e.state(), Work::RecordFindings) && write,
            can_photo: allows(e.kind(), e.state(), Work::AddPhotos) && write,
            now_vn: crate::time::vn_wall(&crate::time::now()).format("%Y-%m-%dT%H:%M").to_string(),
            loose: photos.into_iter().filter(|p| p.finding_id.is_none()).collect(),
            e,
            outlet,
            items,
            visits,
            flash,
            done,
            refused,
            wrong,
        },
    )
}

/// The whole checklist in one submit: saved together, or refused with each error beside its item
/// and everything sent kept.
pub async fn checklist_post(
    req: HttpRequest,
    form: CsrfForm<Vec<(String, String)>>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let id = path.into_inner();
    let entries = checklist::read(&form);
    let (actor, agency, id2, sent) = (user.actor(), user.agency_id().to_string(), id.clone(), entries.clone());
    let r = state.db.run(move |conn| checklist::record_checklist(conn, &actor, &agency, &id2, &sent)).await;
    match r {
        Ok(_) => Ok(redirect(&format!("/inspections/{id}/field?m=saved"))),
        Err(AppError::Validation(errors)) => {
            render_field(&req, &user, &state, id, Flash::default(), Some(Kept { entries, errors })).await
        }
        Err(e) => back_with(&format!("/inspections/{id}/field"), e, user.lang),
    }
}

/// One item, as the checklist's script saves it when it changes (`Accept: application/json`: the
/// answer is `{seen, result, recorded_by}` or `{error}`), or as a form of its own (back to the page).
pub async fn finding_post(
    req: HttpRequest,
    form: CsrfForm<FindingInput>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let (id, fid) = path.into_inner();
    let (id, fid) = (ids(&id)?, ids(&fid)?);
    let json = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.starts_with("application/json"));
    let to = format!("/inspections/{id}/field#f-{fid}");
    let back = format!("/inspections/{id}/field?at={fid}&result={}#f-{fid}", urlencode(&form.result));
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let r = state.db.run(move |conn| findings::record_finding(conn, &actor, &agency, &id, &fid, &form)).await;
    match (r, json) {
        (Ok(f), true) => Ok(HttpResponse::Ok()
            .json(serde_json::json!({"seen": checklist::seen(&f), "recorded_by": f.recorded_by, "result": f.result}))),
        (Ok(_), false) => Ok(redirect(&to)),
        (Err(e @ (AppError::Validation(_) | AppError::Conflict(_))), true) => {
            let status = if matches!(e, AppError::Validation(_)) {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::CONFLICT
            };
            Ok(HttpResponse::build(status).json(serde_json::json!({"error": e.message(user.lang)})))
        }
        (Err(e), _) => back_with(&back, e, user.lang),
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
    let (mut fields, checked) = crate::web::upload::photo(payload, limit, Some(&user)).await?;
    let id = path.into_inner();
    let finding = fields.remove("finding_id").map(|f| f.trim().to_string()).filter(|s| !s.is_empty());
    let anchor = finding.as_ref().map(|f| format!("#f-{f}")).unwrap_or_else(|| "#photos".into());
    let to = format!("/inspections/{id}/field{anchor}");
    let caption = fields.remove("caption").unwrap_or_default();
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
