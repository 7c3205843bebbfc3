//! The engagement page: documents, deadlines, violations, recommendations, publication, history, and the step forms the state allows.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::*;
use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Permission, WebUser};
use crate::calendar::engine::DeadlineStatus;
use crate::error::{AppError, Code};
use crate::i18n::Tr;
use crate::inspections::model::*;
use crate::inspections::queries::{self as q, EngagementDetail};
use crate::inspections::state::{Event, Facts, Kind, Work, allows, offered};
use crate::inspections::steps::advance;
use crate::inspections::steps::advance::{Ctx, StepInput};
use crate::mail::view::{Delivery, deliveries};
use crate::state::AppState;
use crate::web::{IdPath, PageCtx, html, redirect};

pub struct DocLink {
    pub role: &'static str,
    pub id: String,
    pub label: String,
    pub issued: bool,
}

pub struct DeadlineLine {
    pub id: String,
    pub label: String,
    pub due: String,
    pub status: &'static str,
    pub status_label: &'static str,
}

pub struct ViolationLine {
    pub v: ViolationRecRow,
    pub rule: String,
    pub status: &'static str,
    pub record: Option<DocLink>,
    pub decision: Option<DocLink>,
    pub fine: String,
}

pub struct RecLine {
    pub r: RecommendationRow,
    pub kind: &'static str,
    pub status: &'static str,
    pub overdue: bool,
    pub due: String,
}

pub struct PubLine {
    pub p: PublicationRow,
    pub channel: &'static str,
    /// The last day it must stay up.
    pub kept_until: String,
}

pub struct Action {
    pub step: &'static str,
    pub label: &'static str,
    pub needs_date: bool,
    pub needs_reason: bool,
    pub needs_days: bool,
    pub primary: bool,
    pub confirm: bool,
}

#[derive(Template)]
#[template(path = "inspections/show.html")]
pub struct ShowPage {
    ctx: PageCtx,
    d: EngagementDetail,
    outlet: crate::outlets::model::OutletRow,
    kind: &'static str,
    state: &'static str,
    docs: Vec<DocLink>,
    deadlines: Vec<DeadlineLine>,
    violations: Vec<ViolationLine>,
    recs: Vec<RecLine>,
    pubs: Vec<PubLine>,
    actions: Vec<Action>,
    non_compliant: Vec<(String, String)>,
    findings_done: usize,
    deliveries: Vec<Delivery>,
    history: Vec<HistoryItem>,
    flash: Flash,
    can_write: bool,
    can_approve: bool,
    /// Issue a violation record: those who issue documents, or a member of the team on duty.
    can_record: bool,
    can_violate: bool,
    can_recommend: bool,
    can_publish: bool,
    can_send: bool,
    today: String,
    default_emails: String,
}

/// The step forms the page shows: what the state machine offers now (`state::offered`), each with
/// the inputs it needs. Publication has its own form.
pub fn actions(e: &EngagementRow, facts: Facts, t: Tr) -> Vec<Action> {
    let a = |step: Event, key, primary| Action {
        step: step.code(),
        label: t.t(key),
        needs_date: false,
        needs_reason: false,
        needs_days: false,
        primary,
        confirm: false,
    };
    offered(e.kind(), e.state(), facts)
        .into_iter()
        .filter_map(|ev| {
            Some(match ev {
                Event::Decide => Action { confirm: true, ..a(ev, "insp.step.decide", true) },
                Event::Announce => Action { needs_date: true, ..a(ev, "insp.step.announce", true) },
                Event::StartOnSite => a(ev, "insp.step.start_on_site", true),
                Event::EndOnSite => Action { needs_date: true, ..a(ev, "insp.step.end_on_site", true) },
                Event::Extend => Action { needs_days: true, needs_reason: true, ..a(ev, "insp.step.extend", false) },
                Event::Suspend => Action { needs_date: true, needs_reason: true, ..a(ev, "insp.step.suspend", false) },
                Event::Resume => Action { needs_date: true, ..a(ev, "insp.step.resume", true) },
                Event::SubmitReport => a(ev, "insp.step.submit_report", true),
                Event::Appraise => Action { needs_date: true, needs_reason: true, ..a(ev, "insp.step.appraise", true) },
                Event::SignConclusion => {
                    let key =
                        if e.kind() == Kind::KiemTra { "insp.step.sign_notice" } else { "insp.step.sign_conclusion" };
                    Action { confirm: true, ..a(ev, key, true) }
                }
                Event::ComposeConclusion => a(ev, "insp.step.compose_conclusion", false),
                Event::StartFollowUp => a(ev, "insp.step.start_follow_up", true),
                Event::Archive => Action { confirm: true, ..a(ev, "insp.step.archive", true) },
                Event::Cancel => Action { needs_reason: true, ..a(ev, "insp.step.cancel", false) },
                Event::Publish => return None,
            })
        })
        .collect()
}

pub async fn show(
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
    let months = state.config.settings.overlap_months;
    let soon = state.config.settings.due_soon_working_days;
    let lang = user.lang;
    let t = Tr::new(lang);
    let q::EngagementPage {
        detail: d,
        outlet,
        docs,
        vdocs,
        deadlines: dls,
        calendar: cal,
        messages: msgs,
        history,
        facts,
    } = state.db.run(move |conn| q::engagement_page(conn, &id, &agency, months, lang)).await?;
    let doc_link = |role: &'static str, x: &crate::documents::model::DocumentRow| DocLink {
        role,
        id: x.id.to_string(),
        label: x.symbol.clone().unwrap_or_else(|| t.t("documents.draft").to_string()),
        issued: x.is_issued(),
    };
    let today = crate::time::today_vn();
    let e = &d.engagement;
    let violations = d
        .violations
        .iter()
        .map(|v| {
            let rec = vdocs.iter().find(|(doc, vv, _)| vv.id == v.id && Some(&doc.id) == v.record_id.as_ref());
            let dec = vdocs.iter().find(|(doc, vv, _)| vv.id == v.id && Some(&doc.id) == v.decision_id.as_ref());
            ViolationLine {
                rule: rec.map(|r| r.2.clone()).unwrap_or_default(),
                status: v.status.label(lang),
                record: rec.map(|r| doc_link("insp.doc.violation_record", &r.0)),
                decision: dec.map(|r| doc_link("insp.doc.sanction", &r.0)),
                fine: v.fine_amount.map(|a| crate::i18n::vnd(lang, a)).unwrap_or_default(),
                v: v.clone(),
            }
        })
        .collect();
    let page = ShowPage {
        ctx: PageCtx::new(&req, Some(&user), "inspections"),
        kind: e.kind().label(lang),
        state: e.state().label(lang),
        docs: docs.iter().map(|(role, x)| doc_link(role, x)).collect(),
        deadlines: dls
            .iter()
            .map(|x| {
                let st = if x.closed_at.is_some() { DeadlineStatus::Closed } else { status_of(&cal, x.due_date, soon) };
                DeadlineLine {
                    id: x.id.to_string(),
                    label: x.label_in(lang),
                    due: crate::time::show_date(&x.due_date),
                    status: st.code(),
                    status_label: t.t(st.label_key()),
                }
            })
            .collect(),
        violations,
        recs: d
            .recommendations
            .iter()
            .map(|r| RecLine {
                kind: r.kind.label(lang),
                status: r.status.label(lang),
                overdue: r.overdue(today),
                due: crate::time::show_date(&r.due_date),
                r: r.clone(),
            })
            .collect(),
        pubs: d
            .publications
            .iter()
            .map(|p| PubLine {
                channel: p.publication.channel.label(lang),
                kept_until: crate::time::show_date(&p.kept_until),
                p: p.publication.clone(),
            })
            .collect(),
        actions: if user.can(Permission::InspectionWrite) { actions(e, facts, t) } else { Vec::new() },
        non_compliant: d
            .findings
            .iter()
            .filter(|f| f.result == FindingResult::NonCompliant)
            .map(|f| (f.id.clone(), format!("{}. {}", f.position, f.item_text)))
            .collect(),
        findings_done: d.findings.iter().filter(|f| f.result != FindingResult::Pending).count(),
        deliveries: deliveries(&msgs, t),
        history: HistoryItem::from_rows(&history, &[crate::inspections::history_words::WORDS], lang),
        flash: flash.into_inner(),
        can_write: user.can(Permission::InspectionWrite),
        can_approve: user.can(Permission::InspectionApprove) && user.can(Permission::DocumentIssue),
        can_record: user.can(Permission::InspectionWrite)
            && (user.can(Permission::DocumentIssue) || d.members.iter().any(|m| m.user_id == user.user.id)),
        can_violate: allows(e.kind(), e.state(), Work::RecordViolations) && user.can(Permission::InspectionWrite),
        can_recommend: allows(e.kind(), e.state(), Work::Recommend) && user.can(Permission::InspectionWrite),
        can_publish: allows(e.kind(), e.state(), Work::Publish) && user.can(Permission::InspectionWrite),
        can_send: e.signed_on.is_some() && user.can(Permission::DocumentIssue),
        today: today.to_string(),
        default_emails: outlet.emails().join(", "),
        outlet,
        d,
    };
    html(&page)
}

#[derive(Deserialize)]
pub struct StepForm {
    step: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    confirm: String,
    #[serde(default)]
    version: String,
}

pub async fn step_post(
    form: CsrfForm<StepForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let id = path.into_inner();
    let to = format!("/inspections/{id}");
    let input = StepInput {
        step: form.step,
        date: form.date,
        reason: form.reason,
        days: form.days,
        number: form.number,
        confirm: form.confirm,
    };
    let step = match input.parse() {
        Ok(s) => s,
        Err(e) => return back_with(&to, e.into(), user.lang),
    };
    if step.needs_approval() {
        user.require(Permission::InspectionApprove)?;
        user.require(Permission::DocumentIssue)?;
    }
    let version = form.version.trim().parse::<i32>().ok();
    let (actor, agency, base, files) =
        (user.actor(), user.agency_id().to_string(), state.public_address().await?, state.files.clone());
    let r = state
        .db
        .run(move |conn| {
            advance::step(conn, &Ctx { files: files.as_ref(), base_url: &base }, &actor, &id, &agency, version, step)
                .map(|_| ())
        })
        .await;
    match r {
        Ok(()) => Ok(redirect(&format!("{to}?m=saved"))),
        // Replacing hand edits, or archiving with drafts left, is asked for beside the message.
        Err(AppError::Conflict(r)) if matches!(r.code, Code::DraftEditedByHand | Code::DraftsAtArchive) => {
            let step = if r.code == Code::DraftEditedByHand { "compose_conclusion" } else { "archive" };
            back_with(&format!("{to}?at=confirm:{step}#steps"), AppError::Conflict(r), user.lang)
        }
        Err(e) => back_with(&to, e, user.lang),
    }
}
