//! A dossier's page: its clocks (legal and published, days left, how each is counted), the
//! checklist, the documents its steps issued, the site survey and fees, the permit issued, the
//! steps its state offers, and the history in words.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::Flash;
use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Permission, WebUser};
use crate::calendar::queries::DeadlineItem;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::permits::model::*;
use crate::permits::queries::{self as q, Detail};
use crate::permits::state::{self, Event, State};
use crate::permits::steps::Ctx;
use crate::permits::steps::advance::{self, StepInput};
use crate::permits::steps::fees::FeeInput;
use crate::permits::steps::survey::SurveyInput;
use crate::state::AppState;
use crate::web::actions::{act, back_with};
use crate::web::{IdPath, PageCtx, html};

/// A step the page offers, with what its form asks for.
pub struct Action {
    pub step: &'static str,
    pub label: &'static str,
    /// The label of its text box, if it has one.
    pub reason: &'static str,
    pub documents: bool,
    pub date: bool,
    pub issue: bool,
    pub primary: bool,
}

fn action(e: Event, t: Tr) -> Action {
    Action {
        step: e.code(),
        label: t.t(&format!("gp.button.{}", e.code())),
        reason: match e {
            Event::Return | Event::Appraise | Event::Refuse | Event::Withdraw => {
                t.t(&format!("gp.reason.{}", e.code()))
            }
            _ => "",
        },
        documents: matches!(e, Event::Complete | Event::Resume),
        date: e == Event::Resume,
        issue: e == Event::Issue,
        primary: !matches!(e, Event::Refuse | Event::Withdraw),
    }
}

/// A survey as the page shows it, with its photos.
pub struct SurveyView {
    id: String,
    on: String,
    surveyors: String,
    signboard_ok: bool,
    fire_safety_ok: bool,
    opening_hours: String,
    school_distance: String,
    meets: bool,
    photos: Vec<SurveyPhotoRow>,
}

#[derive(Template)]
#[template(path = "permits/show.html")]
pub struct ShowPage {
    ctx: PageCtx,
    d: Detail,
    type_name: String,
    state: &'static str,
    purpose: &'static str,
    channel: &'static str,
    timeliness: &'static str,
    clocks: Vec<DeadlineItem>,
    /// Past the published deadline while the legal one still runs: the desk is warned.
    published_passed: bool,
    /// (code, name, required, received) of the checklist.
    items: Vec<(String, String, bool, bool)>,
    letters: Vec<(String, &'static str, String)>,
    fees_due: Vec<(&'static str, String)>,
    /// (kind, amount in words of money, receipt, day) of what was paid.
    fees_paid: Vec<(&'static str, String, String, String)>,
    surveys: Vec<SurveyView>,
    actions: Vec<Action>,
    can_write: bool,
    /// May suspend, revoke or reinstate the permit.
    can_decide: bool,
    survey_open: bool,
    history: Vec<HistoryItem>,
    flash: Flash,
    today: String,
}

pub async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
    flash: web::Query<Flash>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::PermitRead)?;
    let (id, agency) = (path.into_inner(), user.agency_id().to_string());
    let soon = state.config.settings.due_soon_working_days;
    let (d, cal, history) = state
        .db
        .run(move |conn| {
            let d = q::detail(conn, &id, &agency)?;
            let cal = crate::calendar::queries::load_calendar(conn)?;
            let parts = [
                ("dossier_survey", d.surveys.iter().map(|s| s.id.clone()).collect()),
                ("survey_photo", d.photos.iter().map(|p| p.id.clone()).collect()),
                ("dossier_fee", d.fees.iter().map(|f| f.id.clone()).collect()),
            ];
            let history = crate::audit::repo::history_with_parts(conn, "dossier", &id, &parts, &agency)?;
            Ok((d, cal, history))
        })
        .await?;
    let (lang, t) = (user.lang, Tr::new(user.lang));
    let today = crate::time::today_vn();
    let open = |label: &str| d.clocks.iter().find(|c| c.closed_at.is_none() && c.label == label).map(|c| c.due_date);
    let published_passed =
        matches!((open(q::PUBLISHED_LABEL), open(q::LEGAL_LABEL)), (Some(p), Some(l)) if p < today && today <= l);
    let decide = user.can(Permission::PermitDecide) && user.can(Permission::DocumentIssue);
    let actions: Vec<Action> = if user.can(Permission::PermitWrite) {
        state::offered(d.d.state).into_iter().filter(|e| !e.is_decision() || decide).map(|e| action(e, t)).collect()
    } else {
        Vec::new()
    };
    html(&ShowPage {
        ctx: PageCtx::new(&req, Some(&user), "permits"),
        type_name: d.t.name(lang).to_string(),
        state: d.d.state.label(lang),
        purpose: d.d.purpose.label(lang),
        channel: d.d.channel.label(lang),
        timeliness: d.d.on_time.label(lang),
        clocks: crate::calendar::queries::items(&cal, &d.clocks, t, soon),
        published_passed,
        items: d.items.iter().map(|i| (i.code.clone(), i.name.clone(), i.required, i.received)).collect(),
        letters: d
            .letters
            .iter()
            .map(|(role, doc)| {
                (doc.id.to_string(), t.t(&format!("gp.doc.{role}")), doc.symbol.clone().unwrap_or_default())
            })
            .collect(),
        fees_due: [(FeeKind::Appraisal, d.t.appraisal_fee), (FeeKind::Levy, d.t.levy)]
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| (k.label(lang), crate::i18n::vnd(lang, n)))
            .collect(),
        fees_paid: d
            .fees
            .iter()
            .map(|f| {
                (
                    f.kind.label(lang),
                    crate::i18n::vnd(lang, f.amount),
                    f.receipt_no.clone(),
                    crate::time::show_date(&f.paid_on),
                )
            })
            .collect(),
        surveys: d
            .surveys
            .iter()
            .map(|s| SurveyView {
                id: s.id.clone(),
                on: crate::time::show_date(&s.surveyed_on),
                surveyors: s.surveyors.replace('\n', ", "),
                signboard_ok: s.signboard_ok,
                fire_safety_ok: s.fire_safety_ok,
                opening_hours: s.opening_hours.clone(),
                school_distance: s.school_distance_m.map(|m| format!("{m} m")).unwrap_or_default(),
                meets: s.meets,
                photos: d.photos.iter().filter(|p| p.survey_id == s.id).cloned().collect(),
            })
            .collect(),
        survey_open: d.d.state == State::Appraising && user.can(Permission::PermitWrite),
        can_write: user.can(Permission::PermitWrite),
        can_decide: user.can(Permission::PermitDecide),
        actions,
        history: HistoryItem::from_rows_with_parts(&history, "dossier", &[crate::permits::history_words::WORDS], lang),
        flash: flash.into_inner(),
        today: today.to_string(),
        d,
    })
}

/// The step form sends one `documents` pair per ticked item.
pub async fn step_post(
    form: CsrfForm<Vec<(String, String)>>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::PermitWrite)?;
    let id = path.into_inner();
    let mut input = StepInput::default();
    for (k, v) in form {
        match k.as_str() {
            "step" => input.step = v,
            "date" => input.date = v,
            "reason" => input.reason = v,
            "documents" => input.documents.push(v),
            "scope" => input.scope = v,
            "valid_until" => input.valid_until = v,
            "version" => input.version = v.trim().parse().ok(),
            _ => {}
        }
    }
    if Event::parse(&input.step).is_some_and(Event::is_decision) {
        user.require(Permission::PermitDecide)?;
        user.require(Permission::DocumentIssue)?;
    }
    let to = format!("/permits/{id}");
    let (files, base, from) =
        (state.files.clone(), state.config.settings.base_url.clone(), state.config.settings.mail_from.clone());
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let r = state
        .db
        .run(move |conn| {
            let ctx = Ctx { files: files.as_ref(), configured_base: base.as_deref(), mail_from: &from };
            advance::step(conn, &ctx, &actor, &id, &agency, &input).map(|_| ())
        })
        .await;
    match r {
        Ok(()) => Ok(crate::web::redirect(&format!("{to}?m=saved"))),
        // A refusal goes back to the page itself, with the message.
        Err(e) => back_with(&to, e, user.lang),
    }
}

#[derive(Deserialize)]
pub struct SurveyForm {
    #[serde(default)]
    surveyed_on: String,
    #[serde(default)]
    surveyors: String,
    #[serde(default)]
    opening_hours: String,
    #[serde(default)]
    signboard_ok: String,
    #[serde(default)]
    fire_safety_ok: String,
    #[serde(default)]
    school_distance_m: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    meets: String,
}

pub async fn survey_post(
    form: CsrfForm<SurveyForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    let input = SurveyInput {
        surveyed_on: form.surveyed_on,
        surveyors: form.surveyors,
        opening_hours: form.opening_hours,
        signboard_ok: form.signboard_ok,
        fire_safety_ok: form.fire_safety_ok,
        school_distance_m: form.school_distance_m,
        notes: form.notes,
        meets: form.meets,
    };
    let to = format!("/permits/{id}#survey");
    act(&state, &user, &[Permission::PermitWrite], &to, move |c, a, ag| {
        crate::permits::steps::survey::record(c, a, &id, ag, &input)
    })
    .await
}

/// A photo for one of the dossier's surveys (multipart: `file`, `survey_id`, optional `caption`).
pub async fn photo_post(
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
    payload: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::PermitWrite)?;
    let limit = state.config.settings.max_upload_kib * 1024;
    let (mut fields, photo) = crate::web::upload::photo(payload, limit, Some(&user)).await?;
    let id = path.into_inner();
    let to = format!("/permits/{id}#survey");
    let photo = match photo {
        Ok(p) => p,
        Err(e) => return back_with(&to, e.into(), user.lang),
    };
    let (survey, caption) =
        (fields.remove("survey_id").unwrap_or_default(), fields.remove("caption").unwrap_or_default());
    let (actor, agency, files) = (user.actor(), user.agency_id().to_string(), state.files.clone());
    let r = state
        .db
        .run(move |conn| {
            crate::permits::steps::survey::add_photo(
                conn,
                files.as_ref(),
                &actor,
                &agency,
                (&id, survey.trim()),
                &caption,
                photo,
            )
            .map(|_| ())
        })
        .await;
    crate::web::actions::done(&to, r, user.lang)
}

/// A survey photo or its thumbnail, to those who may read the agency's dossiers.
pub async fn photo_get(
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::PermitRead)?;
    let (id, pid, size) = path.into_inner();
    let thumb = match size.as_str() {
        "thumb" => true,
        "full" => false,
        _ => return Err(AppError::NotFound),
    };
    let (agency, files) = (user.agency_id().to_string(), state.files.clone());
    let (bytes, ct) = state
        .db
        .run(move |conn| {
            let p = q::photo(conn, &id, &agency, &pid)?;
            let (sha, ct) = if thumb { (p.thumb_sha256, "image/jpeg".to_string()) } else { (p.sha256, p.content_type) };
            Ok((files.get(conn, &sha)?.ok_or(AppError::NotFound)?, ct))
        })
        .await?;
    Ok(crate::web::download::stored(bytes, ct))
}

#[derive(Deserialize)]
pub struct FeeForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    receipt_no: String,
    #[serde(default)]
    paid_on: String,
}

pub async fn fee_post(
    form: CsrfForm<FeeForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    let input = FeeInput { kind: form.kind, amount: form.amount, receipt_no: form.receipt_no, paid_on: form.paid_on };
    let to = format!("/permits/{id}#fees");
    act(&state, &user, &[Permission::PermitWrite], &to, move |c, a, ag| {
        crate::permits::steps::fees::record(c, a, &id, ag, &input)
    })
    .await
}

#[derive(Deserialize)]
pub struct PermitStatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
}

/// Suspends, revokes or reinstates the permit this dossier issued.
pub async fn permit_status_post(
    form: CsrfForm<PermitStatusForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    let input = crate::permits::steps::register::StatusInput { status: form.status, reason: form.reason };
    let to = format!("/permits/{id}#permit");
    act(&state, &user, &[Permission::PermitDecide], &to, move |c, a, ag| {
        let permit = q::detail(c, &id, ag)?.permit.ok_or(AppError::NotFound)?;
        crate::permits::steps::register::set_status(c, a, &permit.id, ag, &input)
    })
    .await
}
