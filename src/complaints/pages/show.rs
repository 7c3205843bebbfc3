//! The case page: what was received and from whom (masked for a denunciation unless the reader may
//! see it and asks, which is audited), its deadlines with their explanation a click away, the steps
//! the state allows, who is assigned, and the history in words.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::Flash;
use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::complaints::model::*;
use crate::complaints::queries::{self as q, Detail, Reader};
use crate::complaints::state::Event;
use crate::complaints::steps::advance::{self, StepInput};
use crate::complaints::steps::members::{self, MembersInput};
use crate::complaints::steps::merge::{self, MergeInput};
use crate::complaints::steps::reveal;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::actions::{act, done};
use crate::web::{IdPath, PageCtx, html};

pub struct Action {
    pub step: &'static str,
    pub label: &'static str,
    pub date: bool,
    pub reason: bool,
    /// What the text is: the reasons, or the finding (decide) or the answer (answer).
    pub reason_label: &'static str,
    /// A finding or an answer: several lines.
    pub long: bool,
    pub body: bool,
    pub days: bool,
    pub primary: bool,
}

#[derive(Template)]
#[template(path = "complaints/show.html")]
pub struct ShowPage {
    ctx: PageCtx,
    s: SubmissionRow,
    kind: &'static str,
    state: &'static str,
    channel: &'static str,
    competence: &'static str,
    /// open, may_reveal, revealed or masked.
    disclosure: &'static str,
    people: Vec<PersonRow>,
    people_count: usize,
    outlets: Vec<(String, String)>,
    officer: String,
    verifiers: Vec<String>,
    users: Vec<(String, String)>,
    verifier_ids: Vec<String>,
    deadlines: Vec<crate::calendar::queries::DeadlineItem>,
    files: Vec<FileRow>,
    /// (document id, what it is, its number or "draft", issued)
    letters: Vec<(String, &'static str, String, bool)>,
    actions: Vec<Action>,
    has_other_steps: bool,
    duplicate_of: Option<(String, String)>,
    /// (id, "number — subject", received) of the submissions this one may repeat.
    duplicates: Vec<(String, String, String)>,
    history: Vec<HistoryItem>,
    flash: Flash,
    can_write: bool,
    /// Links that open an ad hoc inspection of each outlet concerned, the case as its reason.
    inspect_links: Vec<(String, String)>,
    /// (engagement id, "kind — outlet", state) of the inspections opened to resolve it.
    inspections: Vec<(String, String, &'static str)>,
    /// (visit id, its number in the reception book) when handed in at a reception.
    reception: Option<(String, String)>,
    received: String,
    today: String,
}

fn action(e: Event, t: Tr) -> Action {
    let n = e.needs();
    Action {
        step: e.code(),
        label: t.t(&format!("kn.step.{}", e.code())),
        date: n.date,
        reason: n.reason,
        reason_label: match e {
            Event::Decide | Event::Answer => t.t(&format!("kn.reason.{}", e.code())),
            _ => t.t("kn.reason"),
        },
        long: matches!(e, Event::Decide | Event::Answer),
        body: n.body,
        days: n.days,
        primary: !matches!(
            e,
            Event::Refuse
                | Event::Forward
                | Event::Guide
                | Event::File
                | Event::Withdraw
                | Event::Terminate
                | Event::Suspend
                | Event::Extend
        ),
    }
}

async fn render(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    revealed: bool,
    flash: Flash,
) -> Result<HttpResponse, AppError> {
    let (agency, me, role) = (user.agency_id().to_string(), user.user.id.clone(), user.role);
    let window_days = state.config.settings.duplicate_window_days;
    let (d, users) = state
        .db
        .run(move |conn| {
            let d = q::detail(conn, &id, &agency, &Reader { user_id: &me, role, revealed, window_days })?;
            Ok((d, q::assignable(conn, &agency)?))
        })
        .await?;
    let Detail {
        s,
        disclosure,
        people,
        people_count,
        outlets,
        members,
        deadlines,
        files,
        letters,
        offered,
        duplicate_of,
        duplicates,
        calendar,
        history,
        inspections,
        reception,
    } = d;
    let lang = user.lang;
    let t = Tr::new(lang);
    let soon = state.config.settings.due_soon_working_days;
    let today = crate::time::today_vn();
    let officer =
        members.iter().find(|(m, _)| m.role == MemberRole::Officer).map(|(_, n)| n.clone()).unwrap_or_default();
    let verifiers = members.iter().filter(|(m, _)| m.role == MemberRole::Verifier).map(|(_, n)| n.clone()).collect();
    let verifier_ids = members
        .iter()
        .filter(|(m, _)| m.role == MemberRole::Verifier)
        .map(|(m, _)| m.user_id.clone())
        .collect::<Vec<_>>();
    let actions: Vec<Action> = if user.can(Permission::ComplaintWrite) {
        offered.into_iter().map(|e| action(e, t)).collect()
    } else {
        Vec::new()
    };
    let inspect_links: Vec<(String, String)> = match user.can(Permission::InspectionWrite) && !s.state.is_final() {
        true => outlets
            .iter()
            .map(|(oid, name)| {
                let reason = crate::complaints::compose::inspection_reason(&s);
                let q = serde_urlencoded::to_string([("outlet_id", oid.as_str()), ("reason", reason.as_str())])
                    .unwrap_or_default();
                (format!("/inspections/new?{q}"), name.clone())
            })
            .collect(),
        false => Vec::new(),
    };
    let inspections: Vec<(String, String, &'static str)> = inspections
        .iter()
        .map(|e| {
            let outlet = outlets.iter().find(|(o, _)| o.as_str() == e.outlet_id.as_str()).map(|(_, n)| n.clone());
            (e.id.clone(), format!("{} — {}", e.kind.label(lang), outlet.unwrap_or_default()), e.state.label(lang))
        })
        .collect();
    html(&ShowPage {
        has_other_steps: actions.iter().any(|a| !a.primary),
        ctx: PageCtx::new(req, Some(user), "complaints"),
        kind: s.kind.label(lang),
        state: s.state.label(lang),
        channel: s.channel.label(lang),
        competence: s.competence.label(lang),
        disclosure: disclosure.code(),
        people,
        people_count,
        outlets,
        officer,
        verifiers,
        users,
        verifier_ids,
        deadlines: crate::calendar::queries::items(&calendar, &deadlines, t, soon),
        files,
        letters: letters
            .iter()
            .map(|(role, doc)| {
                (
                    doc.id.to_string(),
                    t.t(&format!("kn.doc.{role}")),
                    doc.symbol.clone().unwrap_or_else(|| t.t("documents.draft").to_string()),
                    doc.is_issued(),
                )
            })
            .collect(),
        actions,
        duplicates: duplicates
            .iter()
            .map(|x| {
                (x.id.clone(), format!("{} — {}", x.register_no(), x.subject), crate::time::show_date(&x.received_on))
            })
            .collect(),
        duplicate_of: duplicate_of.map(|x| (x.id.clone(), format!("{} — {}", x.register_no(), x.subject))),
        history: HistoryItem::from_rows(&history, &[crate::complaints::history_words::WORDS], lang),
        flash,
        inspections,
        reception,
        inspect_links,
        can_write: user.can(Permission::ComplaintWrite),
        received: crate::time::show_date(&s.received_on),
        today: today.to_string(),
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
    render(&req, &user, &state, path.into_inner(), false, flash.into_inner()).await
}

/// Shows the secret part of a denunciation to a reader who may see it, and records that they did.
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
        Ok(_) => render(&req, &user, &state, id, true, Flash::default()).await,
        Err(e) => done(&format!("/complaints/{id}"), Err(e), user.lang),
    }
}

#[derive(Deserialize)]
pub struct StepForm {
    step: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    days: String,
}

pub async fn step_post(
    form: CsrfForm<StepForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::ComplaintWrite)?;
    let id = path.into_inner();
    let input = StepInput { step: form.step, date: form.date, reason: form.reason, body: form.body, days: form.days };
    let to = format!("/complaints/{id}");
    act(&state, &user, &[Permission::ComplaintWrite], &to, move |c, a, ag| advance::step(c, a, &id, ag, &input)).await
}

/// The form sends one `verifier_ids` per ticked user.
pub async fn members_post(
    form: CsrfForm<Vec<(String, String)>>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::ComplaintWrite)?;
    let id = path.into_inner();
    let mut input = MembersInput::default();
    for (k, v) in form {
        match k.as_str() {
            "officer_id" => input.officer_id = v,
            "verifier_ids" => {
                input.verifier_ids.push(',');
                input.verifier_ids.push_str(&v);
            }
            _ => {}
        }
    }
    let to = format!("/complaints/{id}");
    act(&state, &user, &[Permission::ComplaintWrite], &to, move |c, a, ag| members::assign(c, a, &id, ag, &input)).await
}

#[derive(Deserialize)]
pub struct MergeForm {
    into_id: String,
}

/// Files this submission as a duplicate of the one chosen.
pub async fn merge_post(
    form: CsrfForm<MergeForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::ComplaintWrite)?;
    let id = path.into_inner();
    let input = MergeInput { into_id: form.into_id };
    let to = format!("/complaints/{id}");
    act(&state, &user, &[Permission::ComplaintWrite], &to, move |c, a, ag| merge::merge(c, a, &id, ag, &input)).await
}
