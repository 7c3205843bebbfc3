//! The engagement page: documents, deadlines, violations, recommendations, publication, history, and the step forms the state allows.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::*;
use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Permission, WebUser};
use crate::calendar::engine::DeadlineStatus;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::inspections::model::*;
use crate::inspections::queries::{self as q, Choices, EngagementDetail};
use crate::inspections::state::{Kind, State};
use crate::inspections::steps::advance;
use crate::inspections::steps::advance::{Ctx, StepInput};
use crate::inspections::steps::violations::{self as violation_steps};
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
    pub earliest_removal: String,
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
    rules: Vec<(String, String)>,
    non_compliant: Vec<(String, String)>,
    signers: Vec<(String, String)>,
    titles: Vec<(String, &'static str)>,
    findings_done: usize,
    deliveries: Vec<Delivery>,
    history: Vec<HistoryItem>,
    flash: Flash,
    can_write: bool,
    can_approve: bool,
    can_violate: bool,
    can_recommend: bool,
    can_publish: bool,
    can_send: bool,
    today: String,
    default_emails: String,
}

pub fn actions(e: &EngagementRow, t: Tr) -> Vec<Action> {
    let a = |step, key, primary| Action {
        step,
        label: t.t(key),
        needs_date: false,
        needs_reason: false,
        needs_days: false,
        primary,
        confirm: false,
    };
    let mut out = Vec::new();
    match e.state() {
        State::Planned => {
            out.push(Action { confirm: true, ..a("decide", "insp.step.decide", true) });
            out.push(Action { needs_reason: true, ..a("cancel", "insp.step.cancel", false) });
        }
        State::Preparation => {
            out.push(Action { needs_date: true, ..a("announce", "insp.step.announce", true) });
            out.push(Action { needs_reason: true, ..a("cancel", "insp.step.cancel", false) });
        }
        State::Announced => out.push(a("start_on_site", "insp.step.start_on_site", true)),
        State::OnSite => {
            out.push(Action { needs_date: true, ..a("end_on_site", "insp.step.end_on_site", true) });
            out.push(Action { needs_days: true, needs_reason: true, ..a("extend", "insp.step.extend", false) });
            if e.kind() == Kind::ThanhTra && !e.suspended_before {
                out.push(Action { needs_date: true, needs_reason: true, ..a("suspend", "insp.step.suspend", false) });
            }
        }
        State::Suspended => out.push(Action { needs_date: true, ..a("resume", "insp.step.resume", true) }),
        State::Report => {
            out.push(a("submit_report", "insp.step.submit_report", true));
            if e.kind() == Kind::KiemTra && e.conclusion_id.is_some() {
                out.push(a("compose_conclusion", "insp.step.compose_conclusion", false));
                out.push(Action { confirm: true, ..a("sign_conclusion", "insp.step.sign_notice", true) });
            }
        }
        State::DraftConclusion => {
            if e.appraised_on.is_none() {
                out.push(Action { needs_date: true, needs_reason: true, ..a("appraise", "insp.step.appraise", true) });
            } else {
                out.push(Action { confirm: true, ..a("sign_conclusion", "insp.step.sign_conclusion", true) });
            }
            out.push(a("compose_conclusion", "insp.step.compose_conclusion", false));
        }
        State::Published => out.push(a("start_follow_up", "insp.step.start_follow_up", true)),
        State::Concluded if e.kind() == Kind::KiemTra => {
            out.push(a("start_follow_up", "insp.step.start_follow_up", true))
        }
        State::FollowUp => out.push(Action { confirm: true, ..a("archive", "insp.step.archive", true) }),
        _ => {}
    }
    out
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
    type Loaded = (
        EngagementDetail,
        crate::outlets::model::OutletRow,
        Vec<(&'static str, crate::documents::repo::DocumentRow)>,
        Vec<(crate::documents::repo::DocumentRow, ViolationRecRow, String)>,
        Vec<crate::calendar::repo::DeadlineRow>,
        crate::calendar::engine::Calendar,
        Vec<(String, String)>,
        Choices,
        Vec<(crate::mail::outbox::MessageRow, Vec<crate::mail::outbox::RecipientRow>)>,
        Vec<crate::audit::repo::AuditRow>,
    );
    let loaded: Loaded = state
        .db
        .run(move |conn| {
            use diesel::prelude::*;
            let d = q::detail(conn, &id, &agency, months)?;
            let outlet = crate::outlets::repo::find(conn, &d.engagement.outlet_id)?;
            let e = &d.engagement;
            let mut docs = Vec::new();
            for (role, did) in [
                ("insp.doc.decision", &e.decision_id),
                ("insp.doc.minutes", &e.minutes_id),
                ("insp.doc.report", &e.report_id),
                ("insp.doc.conclusion", &e.conclusion_id),
            ] {
                if let Some(did) = did {
                    docs.push((role, crate::documents::repo::find(conn, did, &agency)?));
                }
            }
            let mut vdocs = Vec::new();
            let rules = crate::inspections::catalogue::violations(conn)?;
            for v in &d.violations {
                let rule = rules
                    .iter()
                    .find(|r| r.id == v.rule_id)
                    .map(|r| format!("{} {}", r.article, r.decree))
                    .unwrap_or_default();
                if let Some(r) = &v.record_id {
                    vdocs.push((crate::documents::repo::find(conn, r, &agency)?, v.clone(), rule.clone()));
                }
                if let Some(r) = &v.decision_id {
                    vdocs.push((crate::documents::repo::find(conn, r, &agency)?, v.clone(), rule));
                }
            }
            let dls: Vec<crate::calendar::repo::DeadlineRow> = crate::db::schema::deadlines::table
                .filter(crate::db::schema::deadlines::agency_id.eq(&agency))
                .filter(
                    crate::db::schema::deadlines::record_id.eq(&id).or(crate::db::schema::deadlines::record_id
                        .eq_any(d.violations.iter().map(|v| v.id.clone()).collect::<Vec<_>>())),
                )
                .order(crate::db::schema::deadlines::created_at.asc())
                .select(crate::calendar::repo::DeadlineRow::as_select())
                .load(conn)?;
            let cal = crate::calendar::repo::load_calendar(conn)?;
            let today = crate::time::today_vn();
            let in_force: Vec<(String, String)> = rules
                .into_iter()
                .filter(|r| r.valid_from <= today && r.valid_to.is_none_or(|t| today <= t))
                .map(|r| (r.id, format!("{} {} — {}", r.article, r.decree, r.description)))
                .collect();
            let c = q::choices(conn, &agency)?;
            let mut msgs = Vec::new();
            if let Some(cid) = &e.conclusion_id {
                msgs = crate::mail::outbox::for_record(conn, "document", cid)?;
            }
            let history = crate::audit::repo::history(conn, "engagement", &id, Some(&agency))?;
            Ok((d, outlet, docs, vdocs, dls, cal, in_force, c, msgs, history))
        })
        .await?;
    let (d, outlet, docs, vdocs, dls, cal, rules, c, msgs, history) = loaded;
    let doc_link = |role: &'static str, x: &crate::documents::repo::DocumentRow| DocLink {
        role,
        id: x.id.clone(),
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
                status: violation_steps::status_label(&v.status),
                record: rec.map(|r| doc_link("insp.doc.violation_record", &r.0)),
                decision: dec.map(|r| doc_link("insp.doc.sanction", &r.0)),
                fine: v.fine_amount.map(|a| format!("{} đ", crate::inspections::compose::money(a))).unwrap_or_default(),
                v: v.clone(),
            }
        })
        .collect();
    let page = ShowPage {
        ctx: PageCtx::new(&req, Some(&user), "inspections"),
        kind: kind_label(e.kind()),
        state: state_label(e.state(), lang),
        docs: docs.iter().map(|(role, x)| doc_link(role, x)).collect(),
        deadlines: dls
            .iter()
            .map(|x| {
                let st = if x.closed_at.is_some() { DeadlineStatus::Closed } else { status_of(&cal, x.due_date, soon) };
                DeadlineLine {
                    id: x.id.clone(),
                    label: x.label.clone(),
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
                kind: rec_kind_label(&r.kind),
                status: rec_status_label(&r.status),
                overdue: r.overdue(today),
                due: crate::time::show_date(&r.due_date),
                r: r.clone(),
            })
            .collect(),
        pubs: d
            .publications
            .iter()
            .map(|p| PubLine {
                channel: channel_label(&p.channel),
                earliest_removal: crate::time::show_date(&q::earliest_removal(p)),
                p: p.clone(),
            })
            .collect(),
        actions: if user.can(Permission::InspectionWrite) { actions(e, t) } else { Vec::new() },
        rules,
        non_compliant: d
            .findings
            .iter()
            .filter(|f| f.result == "non_compliant")
            .map(|f| (f.id.clone(), format!("{}. {}", f.position, f.item_text)))
            .collect(),
        signers: c.signers,
        titles: violation_steps::TITLES
            .iter()
            .map(|x| (violation_steps::title_code(*x), violation_steps::title_label(*x)))
            .collect(),
        findings_done: d.findings.iter().filter(|f| f.result != "pending").count(),
        deliveries: deliveries(&msgs, t),
        history: HistoryItem::from_rows(&history, lang),
        flash: flash.into_inner(),
        can_write: user.can(Permission::InspectionWrite),
        can_approve: user.can(Permission::InspectionApprove) && user.can(Permission::DocumentIssue),
        can_violate: violation_steps::check_state_allows(e) && user.can(Permission::InspectionWrite),
        can_recommend: matches!(
            e.state(),
            State::Report | State::DraftConclusion | State::Concluded | State::Published | State::FollowUp
        ) && user.can(Permission::InspectionWrite),
        can_publish: e.kind() == Kind::ThanhTra
            && matches!(e.state(), State::Concluded | State::Published | State::FollowUp)
            && user.can(Permission::InspectionWrite),
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
    version: String,
}

pub async fn step_post(
    req: HttpRequest,
    form: CsrfForm<StepForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let id = path.into_inner();
    let to = format!("/inspections/{id}");
    let input = StepInput { step: form.step, date: form.date, reason: form.reason, days: form.days };
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
        (user.actor(), user.agency_id().to_string(), state.base_url(&req), state.files.clone());
    let r = state
        .db
        .run(move |conn| {
            advance::step(conn, &Ctx { files: files.as_ref(), base_url: &base }, &actor, &id, &agency, version, step)
                .map(|_| ())
        })
        .await;
    match r {
        Ok(()) => Ok(redirect(&format!("{to}?m=saved"))),
        Err(e) => back_with(&to, e, user.lang),
    }
}
