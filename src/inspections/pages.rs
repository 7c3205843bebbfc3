//! Pages of the inspection chain: the dashboard, the plan, the engagement with its actions, and the
//! field page made for a phone. Handlers are thin: parse, call the transaction, redirect or render.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::api::{EngagementDetail, detail};
use super::engagements::{self as eng, Ctx, EngagementFilter, EngagementInput, StepInput};
use super::field::{self, FindingInput, VisitInput};
use super::followup::{self, PublicationInput, RecStatusInput, RecommendationInput, RemovalInput};
use super::model::*;
use super::plans::{self, ItemInput, PlanInput};
use super::state::{Kind, State};
use super::violations::{self, PaymentInput, SanctionInput, ViolationInput};
use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::calendar::engine::DeadlineStatus;
use crate::error::{AppError, Code, FieldErrors};
use crate::i18n::Tr;
use crate::mail::view::{Delivery, deliveries};
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{IdPath, PageCtx, Paging, html, redirect};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/inspections", web::get().to(dashboard))
        .route("/inspections/new", web::get().to(new_form))
        .route("/inspections/new", web::post().to(new_post))
        .route("/inspections/plans", web::get().to(plans_page))
        .route("/inspections/plans", web::post().to(plan_create))
        .route("/inspections/plans/{id}", web::get().to(plan_page))
        .route("/inspections/plans/{id}/items", web::post().to(plan_item_add))
        .route("/inspections/plans/{id}/items/{item}/delete", web::post().to(plan_item_delete))
        .route("/inspections/plans/{id}/approve", web::post().to(plan_approve))
        .route("/inspections/plans/{id}/amend", web::post().to(plan_amend))
        .route("/inspections/violations/{id}/{action}", web::post().to(violation_action))
        .route("/inspections/{id}", web::get().to(show))
        .route("/inspections/{id}/step", web::post().to(step_post))
        .route("/inspections/{id}/field", web::get().to(field_page))
        .route("/inspections/{id}/findings/{fid}", web::post().to(finding_post))
        .route("/inspections/{id}/visits", web::post().to(visit_post))
        .route("/inspections/{id}/photos", web::post().to(photo_post))
        .route("/inspections/{id}/photos/{pid}/{size}", web::get().to(photo_get))
        .route("/inspections/{id}/violations", web::post().to(violation_post))
        .route("/inspections/{id}/recommendations", web::post().to(rec_post))
        .route("/inspections/{id}/recommendations/{rid}/{action}", web::post().to(rec_action))
        .route("/inspections/{id}/recommendations/{rid}/evidence", web::get().to(rec_evidence_get))
        .route("/inspections/{id}/send", web::post().to(send_post))
        .route("/inspections/{id}/publications", web::post().to(publication_post))
        .route("/inspections/{id}/publications/{pid}/removal", web::post().to(publication_removal))
        .route("/inspections/{id}/publications/{pid}/pdf", web::get().to(publication_pdf))
        .route("/outlets/{id}/external-inspections", web::post().to(external_post))
        .route("/outlets/{id}/relations", web::post().to(relation_post));
}

fn ids(p: &str) -> Result<String, AppError> {
    if crate::domain::text::is_plausible_id(p) { Ok(p.to_string()) } else { Err(AppError::NotFound) }
}

/// A failed action goes back to the page it came from with the refusal in an alert, in the user's
/// language; anything else (a fault, a missing record) is answered as an error.
fn back_with(to: &str, e: AppError, lang: crate::i18n::Lang) -> Result<HttpResponse, AppError> {
    let msg = match &e {
        AppError::Validation(_) | AppError::Conflict(_) => e.message(lang),
        _ => return Err(e),
    };
    let sep = if to.contains('?') { '&' } else { '?' };
    let (path, anchor) = to.split_once('#').unwrap_or((to, ""));
    let frag = if anchor.is_empty() { String::new() } else { format!("#{anchor}") };
    Ok(redirect(&format!("{path}{sep}err={}{frag}", urlencode(&msg))))
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).unwrap_or_default().trim_start_matches("x=").to_string()
}

/// One action of a page form: checks the permissions, runs `f` (a repo call owning its transaction)
/// with the user's actor and agency, then redirects to `to`, or back to it with the refusal.
async fn act<T, F>(
    state: &AppState,
    user: &Identity,
    perms: &[Permission],
    to: &str,
    f: F,
) -> Result<HttpResponse, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut crate::db::DbConnection, &crate::audit::Actor, &str) -> Result<T, AppError> + Send + 'static,
{
    for p in perms {
        user.require(*p)?;
    }
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let r = state.db.run(move |conn| f(conn, &actor, &agency).map(|_| ())).await;
    done(to, r, user.lang)
}

fn done(to: &str, r: Result<(), AppError>, lang: crate::i18n::Lang) -> Result<HttpResponse, AppError> {
    match r {
        Ok(()) => Ok(redirect(to)),
        Err(e) => back_with(to, e, lang),
    }
}

#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    err: String,
    #[serde(default)]
    m: String,
    /// The item the error belongs to (shown beside it), and what was chosen there.
    #[serde(default)]
    at: String,
    #[serde(default)]
    result: String,
}

// ---------- Dashboard ----------

pub struct Row {
    pub e: EngagementRow,
    pub outlet: String,
    pub kind: &'static str,
    pub state: &'static str,
    pub due: String,
    pub due_status: &'static str,
    pub due_label: &'static str,
}

pub struct StateCount {
    pub code: &'static str,
    pub label: &'static str,
    pub count: i64,
}

#[derive(Template)]
#[template(path = "inspections/dashboard.html")]
struct Dashboard {
    ctx: PageCtx,
    rows: Vec<Row>,
    counts: Vec<StateCount>,
    paging: Paging,
    f: EngagementFilter,
    states: Vec<(&'static str, &'static str)>,
    overdue_recs: i64,
    can_write: bool,
    query: String,
}

fn status_of(cal: &crate::calendar::engine::Calendar, due: chrono::NaiveDate, soon: u32) -> DeadlineStatus {
    DeadlineStatus::of(cal, due, crate::time::today_vn(), soon)
}

async fn dashboard(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<EngagementFilter>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionRead)?;
    let f = q.into_inner();
    let mut paging = Paging::new(f.page, None, 50);
    let agency = user.agency_id().to_string();
    let f2 = f.clone();
    let p2 = paging.clone();
    let soon = state.config.settings.due_soon_working_days;
    let lang = user.lang;
    let (rows, total, counts, overdue, cal, due) = state
        .db
        .run(move |conn| {
            use diesel::prelude::*;
            let (rows, total) = eng::list(conn, &agency, &f2, &p2)?;
            let counts: Vec<(String, i64)> = crate::db::schema::engagements::table
                .filter(crate::db::schema::engagements::agency_id.eq(&agency))
                .group_by(crate::db::schema::engagements::state)
                .select((crate::db::schema::engagements::state, diesel::dsl::count_star()))
                .load(conn)?;
            let overdue = followup::overdue_count(conn, &agency, crate::time::today_vn())?;
            let cal = crate::calendar::repo::load_calendar(conn)?;
            // Each row's next deadline: the running step's, else the period's; one query for the page.
            let wanted: Vec<Option<String>> =
                rows.iter().map(|(e, _)| e.step_deadline_id.clone().or_else(|| e.period_deadline_id.clone())).collect();
            let open: Vec<crate::calendar::repo::DeadlineRow> = crate::db::schema::deadlines::table
                .filter(crate::db::schema::deadlines::agency_id.eq(&agency))
                .filter(crate::db::schema::deadlines::id.eq_any(wanted.iter().flatten().cloned().collect::<Vec<_>>()))
                .filter(crate::db::schema::deadlines::closed_at.is_null())
                .select(crate::calendar::repo::DeadlineRow::as_select())
                .load(conn)?;
            let due: Vec<Option<(chrono::NaiveDate, String)>> = wanted
                .iter()
                .map(|w| {
                    w.as_ref().and_then(|id| open.iter().find(|d| &d.id == id)).map(|d| (d.due_date, d.label.clone()))
                })
                .collect();
            Ok((rows, total, counts, overdue, cal, due))
        })
        .await?;
    paging.total = total;
    let t = Tr::new(lang);
    let out: Vec<Row> = rows
        .into_iter()
        .zip(due)
        .map(|((e, o), d)| {
            let (due, st) = match &d {
                Some((date, label)) => {
                    (format!("{} — {}", label, crate::time::show_date(date)), status_of(&cal, *date, soon))
                }
                None => (String::new(), DeadlineStatus::Closed),
            };
            Row {
                kind: kind_label(e.kind()),
                state: state_label(e.state(), lang),
                outlet: o.name,
                due,
                due_status: st.code(),
                due_label: t.t(st.label_key()),
                e,
            }
        })
        .collect();
    let counts = STATES
        .iter()
        .map(|s| StateCount {
            code: state_code(*s),
            label: state_label(*s, lang),
            count: counts.iter().find(|c| c.0 == state_code(*s)).map(|c| c.1).unwrap_or(0),
        })
        .filter(|c| c.count > 0)
        .collect();
    let query = serde_urlencoded::to_string([("state", &f.state), ("kind", &f.kind), ("q", &f.q)]).unwrap_or_default();
    html(&Dashboard {
        ctx: PageCtx::new(&req, Some(&user), "inspections"),
        rows: out,
        counts,
        paging,
        states: STATES.iter().map(|s| (state_code(*s), state_label(*s, lang))).collect(),
        f,
        overdue_recs: overdue,
        can_write: user.can(Permission::InspectionWrite),
        query,
    })
}

// ---------- New engagement ----------

#[derive(Template)]
#[template(path = "inspections/new.html")]
struct NewPage {
    ctx: PageCtx,
    fields: Vec<FormField>,
    has_errors: bool,
    outlet_name: String,
    plan_item: String,
}

#[derive(Deserialize, Default)]
struct NewQuery {
    #[serde(default)]
    outlet_id: String,
    #[serde(default)]
    plan_item_id: String,
}

struct Choices {
    users: Vec<(String, String)>,
    signers: Vec<(String, String)>,
}

fn choices(conn: &mut crate::db::DbConnection, agency: &str) -> Result<Choices, AppError> {
    let users = crate::users::repo::list(conn, Some(agency))?
        .into_iter()
        .filter(|u| !u.disabled && u.role != "viewer")
        .map(|u| (u.id, u.full_name))
        .collect();
    let today = crate::time::today_vn();
    let signers = crate::agencies::repo::full(conn, agency)?
        .signers
        .into_iter()
        .filter(|s| s.in_force_on(today))
        .map(|s| (s.id.clone(), format!("{} — {}", s.full_name, s.block_lines().join(" / "))))
        .collect();
    Ok(Choices { users, signers })
}

fn new_fields(t: Tr, v: &EngagementInput, c: &Choices, from_plan: bool) -> Vec<FormField> {
    let mut users = vec![(String::new(), "—".to_string())];
    users.extend(c.users.iter().cloned());
    let mut fields = Vec::new();
    if !from_plan {
        fields.push(
            FormField::new(
                "kind",
                t.t("insp.kind"),
                v.kind.clone(),
                Widget::Select(vec![
                    ("kiem_tra".into(), "Kiểm tra (NĐ 217/2025)".into()),
                    ("thanh_tra".into(), "Thanh tra (Luật Thanh tra 2025)".into()),
                ]),
            )
            .required(),
        );
        fields.push(FormField::new("reason", t.t("insp.reason"), v.reason.clone(), Widget::Text).required().wide());
    }
    fields.push(FormField::new("scope", t.t("insp.scope"), v.scope.clone(), Widget::Text).required().wide());
    fields.push(
        FormField::new("period_covered", t.t("insp.period_covered"), v.period_covered.clone(), Widget::Text).wide(),
    );
    fields.push(
        FormField::new("duration", t.t("insp.duration"), v.duration.clone(), Widget::Text)
            .hint(t.t("insp.duration_hint")),
    );
    fields.push(FormField::new(
        "duration_unit",
        t.t("insp.duration_unit"),
        v.duration_unit.clone(),
        Widget::Select(vec![
            ("calendar".into(), t.t("unit.calendar").into()),
            ("working".into(), t.t("unit.working").into()),
        ]),
    ));
    fields.push(
        FormField::new("leader_id", t.t("insp.leader"), v.leader_id.clone(), Widget::Select(users.clone())).required(),
    );
    fields.push(
        FormField::new("member_ids", t.t("insp.members"), v.member_ids.clone(), Widget::Select(users))
            .hint(t.t("insp.members_hint")),
    );
    let mut signers = vec![(String::new(), "—".to_string())];
    signers.extend(c.signers.iter().cloned());
    fields
        .push(FormField::new("signer_id", t.t("insp.signer"), v.signer_id.clone(), Widget::Select(signers)).required());
    fields
}

async fn new_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionWrite)?;
    let input =
        EngagementInput { outlet_id: q.outlet_id.clone(), plan_item_id: q.plan_item_id.clone(), ..Default::default() };
    render_new(&req, &user, &state, input, FieldErrors::new()).await
}

async fn render_new(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    input: EngagementInput,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let (o, p) = (input.outlet_id.clone(), input.plan_item_id.clone());
    let (c, outlet_name, plan_item) = state
        .db
        .run(move |conn| {
            let c = choices(conn, &agency)?;
            let item = if p.is_empty() { None } else { plans::item_for_engagement(conn, &agency, &p).ok() };
            let oid = item.as_ref().and_then(|i| i.outlet_id.clone()).unwrap_or(o);
            let name = crate::outlets::repo::find(conn, &oid).map(|o| o.name).unwrap_or_default();
            Ok((c, name, item.map(|i| format!("{}. {} ({})", i.position, i.scope, i.when())).unwrap_or_default()))
        })
        .await?;
    let t = Tr::new(user.lang);
    let mut fields = new_fields(t, &input, &c, !plan_item.is_empty());
    fields.insert(0, FormField::new("outlet_id", "", input.outlet_id.clone(), Widget::Text));
    fields.insert(1, FormField::new("plan_item_id", "", input.plan_item_id.clone(), Widget::Text));
    let fields = attach(fields, &errors, user.lang);
    let outlet_error = fields[0].error.is_some();
    html(&NewPage {
        ctx: PageCtx::new(req, Some(user), "inspections"),
        has_errors: !errors.is_empty() || outlet_error,
        fields,
        outlet_name,
        plan_item,
    })
}

/// The form sends one `member_ids` per selected member; the input takes them comma-separated.
fn engagement_input(pairs: Vec<(String, String)>) -> EngagementInput {
    let mut v = EngagementInput::default();
    for (k, val) in pairs {
        match k.as_str() {
            "plan_item_id" => v.plan_item_id = val,
            "outlet_id" => v.outlet_id = val,
            "kind" => v.kind = val,
            "reason" => v.reason = val,
            "scope" => v.scope = val,
            "period_covered" => v.period_covered = val,
            "duration" => v.duration = val,
            "duration_unit" => v.duration_unit = val,
            "leader_id" => v.leader_id = val,
            "member_ids" if !val.is_empty() => {
                if !v.member_ids.is_empty() {
                    v.member_ids.push(',');
                }
                v.member_ids.push_str(&val);
            }
            "signer_id" => v.signer_id = val,
            _ => {}
        }
    }
    v
}

async fn new_post(
    req: HttpRequest,
    form: CsrfForm<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let form = engagement_input(form);
    let v = match form.validate() {
        Ok(v) => v,
        Err(e) => return render_new(&req, &user, &state, form, e).await,
    };
    let (actor, agency, months) = (user.actor(), user.agency_id().to_string(), state.config.settings.overlap_months);
    match state.db.run(move |conn| eng::create(conn, &actor, &agency, v, months)).await {
        Ok((e, _)) => Ok(redirect(&format!("/inspections/{}?m=created", e.id))),
        Err(AppError::Validation(e)) => render_new(&req, &user, &state, form, e).await,
        Err(e) => Err(e),
    }
}

// ---------- Engagement page ----------

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
struct ShowPage {
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

fn actions(e: &EngagementRow, t: Tr) -> Vec<Action> {
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

async fn show(
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
            let d = detail(conn, &id, &agency, months)?;
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
            let rules = super::catalogue::violations(conn)?;
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
            let c = choices(conn, &agency)?;
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
                status: violations::status_label(&v.status),
                record: rec.map(|r| doc_link("insp.doc.violation_record", &r.0)),
                decision: dec.map(|r| doc_link("insp.doc.sanction", &r.0)),
                fine: v.fine_amount.map(|a| format!("{} đ", super::compose::money(a))).unwrap_or_default(),
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
                earliest_removal: crate::time::show_date(&followup::earliest_removal(p)),
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
        titles: violations::TITLES.iter().map(|x| (violations::title_code(*x), violations::title_label(*x))).collect(),
        findings_done: d.findings.iter().filter(|f| f.result != "pending").count(),
        deliveries: deliveries(&msgs, t),
        history: HistoryItem::from_rows(&history, lang),
        flash: flash.into_inner(),
        can_write: user.can(Permission::InspectionWrite),
        can_approve: user.can(Permission::InspectionApprove) && user.can(Permission::DocumentIssue),
        can_violate: violations::check_state_allows(e) && user.can(Permission::InspectionWrite),
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
struct StepForm {
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

async fn step_post(
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
            eng::step(conn, &Ctx { files: files.as_ref(), base_url: &base }, &actor, &id, &agency, version, step)
                .map(|_| ())
        })
        .await;
    match r {
        Ok(()) => Ok(redirect(&format!("{to}?m=saved"))),
        Err(e) => back_with(&to, e, user.lang),
    }
}

// ---------- Field page ----------

pub struct FindingView {
    pub f: FindingRow,
    pub photos: Vec<PhotoRow>,
    /// The choice shown: what was just sent when it was refused, else what is recorded.
    pub chosen: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "inspections/field.html")]
struct FieldPage {
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

async fn field_page(
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
            let e = eng::find(conn, &id, &agency)?;
            let o = crate::outlets::repo::find(conn, &e.outlet_id)?.name;
            Ok((e, o, eng::findings_of(conn, &id)?, field::photos(conn, &id)?, field::visits(conn, &id)?))
        })
        .await?;
    let done = findings.iter().filter(|f| f.result != "pending").count();
    let flash = flash.into_inner();
    let items = findings
        .into_iter()
        .map(|f| {
            let here = flash.at == f.id && !flash.err.is_empty();
            FindingView {
                photos: photos.iter().filter(|p| p.finding_id.as_deref() == Some(f.id.as_str())).cloned().collect(),
                chosen: if here && RESULTS.contains(&flash.result.as_str()) {
                    flash.result.clone()
                } else {
                    f.result.clone()
                },
                error: here.then(|| flash.err.clone()),
                f,
            }
        })
        .collect();
    let write = user.can(Permission::InspectionWrite);
    html(&FieldPage {
        ctx: PageCtx::new(&req, Some(&user), "inspections"),
        on_site: e.state() == State::OnSite && write,
        can_photo: matches!(e.state(), State::OnSite | State::Report) && write,
        loose: photos.into_iter().filter(|p| p.finding_id.is_none()).collect(),
        e,
        outlet,
        items,
        visits,
        flash,
        done,
    })
}

async fn finding_post(
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
    let r = state.db.run(move |conn| field::record_finding(conn, &actor, &agency, &id, &fid, &form).map(|_| ())).await;
    match r {
        Ok(()) => Ok(redirect(&to)),
        Err(e) => back_with(&back, e, user.lang),
    }
}

async fn visit_post(
    form: CsrfForm<VisitInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    let to = format!("/inspections/{id}/field#visits");
    act(&state, &user, &[Permission::InspectionWrite], &to, move |c, a, ag| field::add_visit(c, a, ag, &id, &form))
        .await
}

async fn photo_post(
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
    let checked = web::block(move || field::check_photo(up.bytes, limit))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    let photo = match checked {
        Ok(p) => p,
        Err(e) => return back_with(&to, e.into(), user.lang),
    };
    let (actor, agency, files) = (user.actor(), user.agency_id().to_string(), state.files.clone());
    let r = state
        .db
        .run(move |conn| {
            field::add_photo(
                conn,
                files.as_ref(),
                &actor,
                &agency,
                &id,
                field::NewPhoto { finding_id: finding.as_deref(), caption: &caption, photo },
            )
            .map(|_| ())
        })
        .await;
    done(&to, r, user.lang)
}

async fn photo_get(
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
        let p = field::photo(conn, id, &pid)?;
        Ok(if thumb { (Some(p.thumb_sha256), "image/jpeg".into()) } else { (Some(p.sha256), p.content_type) })
    })
    .await
}

/// A stored file that belongs to one of the agency's engagements: `pick` names its SHA-256 and
/// content type once the engagement is found.
async fn engagement_file<F>(state: &AppState, user: &Identity, id: String, pick: F) -> Result<HttpResponse, AppError>
where
    F: FnOnce(&mut crate::db::DbConnection, &str) -> Result<(Option<String>, String), AppError> + Send + 'static,
{
    user.require(Permission::InspectionRead)?;
    let agency = user.agency_id().to_string();
    let files = state.files.clone();
    let (bytes, ct) = state
        .db
        .run(move |conn| {
            eng::find(conn, &id, &agency)?;
            let (sha, ct) = pick(conn, &id)?;
            Ok((files.get(conn, &sha.ok_or(AppError::NotFound)?)?.ok_or(AppError::NotFound)?, ct))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(ct)
        .insert_header(("Cache-Control", "private, max-age=86400, immutable"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(bytes))
}

// ---------- Violations ----------

async fn violation_post(
    form: CsrfForm<ViolationInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    let to = format!("/inspections/{id}#violations");
    act(&state, &user, &[Permission::InspectionWrite], &to, move |c, a, ag| violations::create(c, a, ag, &id, &form))
        .await
}

#[derive(Deserialize, Default)]
struct ViolationActionForm {
    #[serde(default)]
    amount: String,
    #[serde(default)]
    signer_id: String,
    #[serde(default)]
    authority: String,
    #[serde(default)]
    payment_status: String,
    #[serde(default)]
    paid_on: String,
    #[serde(default)]
    remedy_status: String,
}

async fn violation_action(
    req: HttpRequest,
    form: CsrfForm<ViolationActionForm>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let (vid, action) = path.into_inner();
    let vid = ids(&vid)?;
    if action == "sanction" {
        user.require(Permission::InspectionApprove)?;
    }
    if matches!(action.as_str(), "sanction" | "record") {
        user.require(Permission::DocumentIssue)?;
    }
    let (actor, agency, base, files) =
        (user.actor(), user.agency_id().to_string(), state.base_url(&req), state.files.clone());
    let agency2 = agency.clone();
    let vid2 = vid.clone();
    let eng_id = state.db.run(move |conn| Ok(violations::find_violation(conn, &vid2, &agency2)?.engagement_id)).await?;
    let to = format!("/inspections/{eng_id}#violations");
    let r = state
        .db
        .run(move |conn| {
            let ctx = Ctx { files: files.as_ref(), base_url: &base };
            match action.as_str() {
                "record" => violations::issue_record(conn, &ctx, &actor, &agency, &vid).map(|_| ()),
                "sanction" => violations::sanction(
                    conn,
                    &ctx,
                    &actor,
                    &agency,
                    &vid,
                    &SanctionInput { amount: form.amount, signer_id: form.signer_id, authority: form.authority },
                )
                .map(|_| ()),
                "payment" => violations::record_payment(
                    conn,
                    &actor,
                    &agency,
                    &vid,
                    &PaymentInput {
                        payment_status: form.payment_status,
                        paid_on: form.paid_on,
                        remedy_status: form.remedy_status,
                    },
                )
                .map(|_| ()),
                _ => Err(AppError::NotFound),
            }
        })
        .await;
    done(&to, r, user.lang)
}

// ---------- Recommendations, sending, publication ----------

async fn rec_post(
    form: CsrfForm<RecommendationInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    let to = format!("/inspections/{id}#recommendations");
    act(&state, &user, &[Permission::InspectionWrite], &to, move |c, a, ag| {
        followup::add_recommendation(c, a, ag, &id, &form)
    })
    .await
}

async fn rec_action(
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
                followup::attach_evidence(
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
    let base = state.base_url(&req);
    let r = state
        .db
        .run(move |conn| match action.as_str() {
            "status" => followup::set_status(
                conn,
                &actor,
                &agency,
                &id,
                &rid,
                &RecStatusInput { status: f.status, reason: f.reason },
            )
            .map(|_| ()),
            "remind" => followup::remind(conn, &actor, &agency, &id, &rid, &from, &base).map(|_| ()),
            _ => Err(AppError::NotFound),
        })
        .await;
    done(&to, r, user.lang)
}

async fn rec_evidence_get(
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, rid) = path.into_inner();
    let (id, rid) = (ids(&id)?, ids(&rid)?);
    engagement_file(&state, &user.0, id, move |conn, id| {
        use diesel::prelude::*;
        let r = eng::recommendations_of(conn, id)?.into_iter().find(|r| r.id == rid).ok_or(AppError::NotFound)?;
        let sha = r.evidence_sha256.ok_or(AppError::NotFound)?;
        // Evidence was recognised by content when stored; its type was recorded then.
        let ct: String = crate::db::schema::stored_files::table
            .find(&sha)
            .select(crate::db::schema::stored_files::content_type)
            .first(conn)?;
        Ok((Some(sha), ct))
    })
    .await
}

#[derive(Deserialize)]
struct SendForm {
    #[serde(default)]
    recipients: String,
    #[serde(default)]
    message: String,
}

async fn send_post(
    req: HttpRequest,
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
        match crate::documents::send::parse_recipients(&form.recipients.replace(',', "\n")) {
            Ok(r) => r,
            Err(e) => return back_with(&to, e.into(), user.lang),
        }
    };
    let (actor, agency, from, base) =
        (user.actor(), user.agency_id().to_string(), state.config.settings.mail_from.clone(), state.base_url(&req));
    let r = state
        .db
        .run(move |conn| {
            followup::send_conclusion(
                conn,
                &actor,
                &agency,
                &id,
                crate::documents::send::Outgoing { recipients, cover: &form.message, from: &from, base_url: &base },
            )
            .map(|_| ())
        })
        .await;
    done(&to, r, user.lang)
}

async fn publication_post(
    req: HttpRequest,
    form: CsrfForm<PublicationInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let id = path.into_inner();
    let to = format!("/inspections/{id}#publication");
    let (actor, agency, base, files) =
        (user.actor(), user.agency_id().to_string(), state.base_url(&req), state.files.clone());
    let r = state
        .db
        .run(move |conn| {
            followup::publish(conn, &Ctx { files: files.as_ref(), base_url: &base }, &actor, &agency, &id, &form)
                .map(|_| ())
        })
        .await;
    done(&to, r, user.lang)
}

async fn publication_removal(
    form: CsrfForm<RemovalInput>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let (id, pid) = path.into_inner();
    let (id, pid) = (ids(&id)?, ids(&pid)?);
    let to = format!("/inspections/{id}#publication");
    act(&state, &user, &[Permission::InspectionWrite], &to, move |c, a, ag| {
        followup::record_removal(c, a, ag, &id, &pid, &form)
    })
    .await
}

async fn publication_pdf(
    user: WebUser,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, pid) = path.into_inner();
    let (id, pid) = (ids(&id)?, ids(&pid)?);
    engagement_file(&state, &user.0, id, move |conn, id| {
        let p = followup::publications_of(conn, id)?.into_iter().find(|p| p.id == pid).ok_or(AppError::NotFound)?;
        Ok((p.public_sha256, "application/pdf".into()))
    })
    .await
}

// ---------- Plans ----------

#[derive(Template)]
#[template(path = "inspections/plans.html")]
struct PlansPage {
    ctx: PageCtx,
    plans: Vec<PlanRow>,
    fields: Vec<FormField>,
    has_errors: bool,
    can_write: bool,
}

fn plan_fields(t: Tr, year: &str, title: &str) -> Vec<FormField> {
    vec![
        FormField::new("year", t.t("insp.year"), year, Widget::Text).required(),
        FormField::new("title", t.t("insp.plan_title"), title, Widget::Text)
            .wide()
            .placeholder("Thanh tra, kiểm tra năm …"),
    ]
}

async fn plans_page(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionRead)?;
    render_plans(&req, &user, &state, &PlanInput::default(), FieldErrors::new()).await
}

async fn render_plans(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    input: &PlanInput,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let list = state.db.run(move |conn| plans::list(conn, &agency)).await?;
    let t = Tr::new(user.lang);
    let year = if input.year.is_empty() {
        use chrono::Datelike;
        (crate::time::today_vn().year() + 1).to_string()
    } else {
        input.year.clone()
    };
    html(&PlansPage {
        ctx: PageCtx::new(req, Some(user), "inspections"),
        plans: list,
        has_errors: !errors.is_empty(),
        fields: attach(plan_fields(t, &year, &input.title), &errors, user.lang),
        can_write: user.can(Permission::InspectionWrite),
    })
}

async fn plan_create(
    req: HttpRequest,
    form: CsrfForm<PlanInput>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let f2 = form.clone();
    match state.db.run(move |conn| plans::create(conn, &actor, &agency, &f2)).await {
        Ok(p) => Ok(redirect(&format!("/inspections/plans/{}", p.id))),
        Err(AppError::Validation(e)) => render_plans(&req, &user, &state, &form, e).await,
        Err(e) => Err(e),
    }
}

pub struct ItemLine {
    pub i: PlanItemRow,
    pub who: String,
    pub kind: &'static str,
    pub engagement: Option<String>,
}

#[derive(Template)]
#[template(path = "inspections/plan.html")]
struct PlanPage {
    ctx: PageCtx,
    p: PlanRow,
    items: Vec<ItemLine>,
    versions: Vec<PlanRow>,
    fields: Vec<FormField>,
    has_errors: bool,
    warnings: Vec<String>,
    signers: Vec<(String, String)>,
    can_write: bool,
    can_approve: bool,
    flash: Flash,
    doc_symbol: String,
}

#[derive(Deserialize, Default)]
struct PlanQuery {
    #[serde(default)]
    err: String,
    #[serde(default)]
    m: String,
    #[serde(default)]
    warn: String,
}

fn item_fields(t: Tr, v: &ItemInput, sectors: &[(String, String)]) -> Vec<FormField> {
    let mut sec = vec![(String::new(), "—".to_string())];
    sec.extend(sectors.iter().cloned());
    vec![
        FormField::new("outlet_id", t.t("insp.outlet_id"), v.outlet_id.clone(), Widget::Text)
            .hint(t.t("insp.outlet_id_hint")),
        FormField::new("group_label", t.t("insp.group_label"), v.group_label.clone(), Widget::Text)
            .placeholder("Các cơ sở in trên địa bàn xã …"),
        FormField::new("sector_code", t.t("outlets.sector"), v.sector_code.clone(), Widget::Select(sec)),
        FormField::new(
            "kind",
            t.t("insp.kind"),
            v.kind.clone(),
            Widget::Select(vec![("kiem_tra".into(), "Kiểm tra".into()), ("thanh_tra".into(), "Thanh tra".into())]),
        )
        .required(),
        FormField::new("scope", t.t("insp.scope"), v.scope.clone(), Widget::Text).required().wide(),
        FormField::new(
            "quarter",
            t.t("insp.quarter"),
            v.quarter.clone(),
            Widget::Select((1..=4).map(|q| (q.to_string(), format!("Quý {}", roman(q)))).collect()),
        ),
        FormField::new("month", t.t("insp.month"), v.month.clone(), Widget::Text).hint(t.t("insp.month_hint")),
        FormField::new("lead_unit", t.t("insp.lead_unit"), v.lead_unit.clone(), Widget::Text),
    ]
}

async fn plan_page(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
    q: web::Query<PlanQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InspectionRead)?;
    let q = q.into_inner();
    let warnings: Vec<String> = q.warn.split('\n').filter(|w| !w.trim().is_empty()).map(str::to_string).collect();
    render_plan(
        &req,
        &user,
        &state,
        path.into_inner(),
        &ItemInput::default(),
        FieldErrors::new(),
        warnings,
        Flash { err: q.err, m: q.m, ..Flash::default() },
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn render_plan(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    input: &ItemInput,
    errors: FieldErrors,
    warnings: Vec<String>,
    flash: Flash,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let lang = user.lang;
    let (p, items, versions, c, sectors, doc_symbol) = state
        .db
        .run(move |conn| {
            use diesel::prelude::*;
            let p = plans::find(conn, &id, &agency)?;
            let mut items = Vec::new();
            for (i, who) in plans::items(conn, &id)? {
                let e: Option<String> = crate::db::schema::engagements::table
                    .filter(crate::db::schema::engagements::plan_item_id.eq(&i.id))
                    .select(crate::db::schema::engagements::id)
                    .first(conn)
                    .optional()?;
                items.push(ItemLine {
                    kind: kind_label(parse_kind(&i.kind).unwrap_or(Kind::KiemTra)),
                    who,
                    engagement: e,
                    i,
                });
            }
            let versions = plans::list(conn, &agency)?.into_iter().filter(|x| x.year == p.year).collect();
            let sectors: Vec<(String, String)> = crate::sectors::repo::all(conn)?
                .into_iter()
                .map(|s| (s.code.clone(), s.name(lang).to_string()))
                .collect();
            let sym = match &p.document_id {
                Some(d) => crate::documents::repo::find(conn, d, &agency)?.symbol.unwrap_or_default(),
                None => String::new(),
            };
            Ok((p, items, versions, choices(conn, &agency)?, sectors, sym))
        })
        .await?;
    let t = Tr::new(lang);
    html(&PlanPage {
        ctx: PageCtx::new(req, Some(user), "inspections"),
        has_errors: !errors.is_empty(),
        fields: attach(item_fields(t, input, &sectors), &errors, lang),
        can_write: user.can(Permission::InspectionWrite) && p.status == "draft",
        can_approve: user.can(Permission::InspectionApprove) && user.can(Permission::DocumentIssue),
        p,
        items,
        versions,
        warnings,
        signers: c.signers,
        flash,
        doc_symbol,
    })
}

async fn plan_item_add(
    req: HttpRequest,
    form: CsrfForm<ItemInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let id = path.into_inner();
    let (actor, agency, months) = (user.actor(), user.agency_id().to_string(), state.config.settings.overlap_months);
    let (id2, f2) = (id.clone(), form.clone());
    match state.db.run(move |conn| plans::add_item(conn, &actor, &agency, &id2, &f2, months)).await {
        Ok((_, w)) if w.is_empty() => Ok(redirect(&format!("/inspections/plans/{id}?m=saved"))),
        Ok((_, w)) => {
            let warn = w.into_iter().map(|w| w.message).collect::<Vec<_>>().join("\n");
            Ok(redirect(&format!("/inspections/plans/{id}?m=saved&warn={}", urlencode(&warn))))
        }
        Err(AppError::Validation(e)) => {
            render_plan(&req, &user, &state, id, &form, e, Vec::new(), Flash::default()).await
        }
        Err(e) => back_with(&format!("/inspections/plans/{id}"), e, user.lang),
    }
}

async fn plan_item_delete(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    let (id, item) = path.into_inner();
    let (id, item) = (ids(&id)?, ids(&item)?);
    let to = format!("/inspections/plans/{id}");
    act(&state, &user, &[Permission::InspectionWrite], &to, move |c, a, ag| plans::remove_item(c, a, ag, &id, &item))
        .await
}

#[derive(Deserialize)]
struct ApproveForm {
    #[serde(default)]
    signer_id: String,
}

async fn plan_approve(
    req: HttpRequest,
    form: CsrfForm<ApproveForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionApprove)?;
    user.require(Permission::DocumentIssue)?;
    let id = path.into_inner();
    let to = format!("/inspections/plans/{id}");
    let (actor, agency, base, files) =
        (user.actor(), user.agency_id().to_string(), state.base_url(&req), state.files.clone());
    let r = state
        .db
        .run(move |conn| plans::approve(conn, files.as_ref(), &actor, &agency, &id, &form.signer_id, &base).map(|_| ()))
        .await;
    done(&to, r, user.lang)
}

#[derive(Deserialize)]
struct AmendForm {
    #[serde(default)]
    reason: String,
}

async fn plan_amend(
    form: CsrfForm<AmendForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::InspectionWrite)?;
    let id = path.into_inner();
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let id2 = id.clone();
    match state.db.run(move |conn| plans::amend(conn, &actor, &agency, &id2, &form.reason)).await {
        Ok(p) => Ok(redirect(&format!("/inspections/plans/{}", p.id))),
        Err(e) => back_with(&format!("/inspections/plans/{id}"), e, user.lang),
    }
}

// ---------- On the outlet's page ----------

/// What the outlet page shows of inspections: this agency's engagements and violations, outside
/// inspections and staff relations (conflicts of interest).
#[derive(Default)]
pub struct OutletInspections {
    /// (id, kind and scope, date, state code, state label)
    pub engagements: Vec<(String, String, String, String, &'static str)>,
    /// (date, description, fine, status)
    pub violations: Vec<(String, String, String, &'static str)>,
    pub external: Vec<ExternalInspectionRow>,
    /// (staff name, relation)
    pub relations: Vec<(String, String)>,
    pub users: Vec<(String, String)>,
    pub can_write: bool,
    pub can_relate: bool,
}

pub fn outlet_inspections(
    conn: &mut crate::db::DbConnection,
    agency: &str,
    outlet_id: &str,
    lang: crate::i18n::Lang,
) -> Result<OutletInspections, AppError> {
    use crate::db::schema::{external_inspections, outlet_relations, users};
    use diesel::prelude::*;
    let f = EngagementFilter { outlet_id: outlet_id.into(), ..Default::default() };
    let (rows, _) = eng::list(conn, agency, &f, &Paging::new(None, Some(100), 100))?;
    let engagements = rows
        .into_iter()
        .map(|(e, _)| {
            (
                e.id.clone(),
                format!("{} — {}", kind_label(e.kind()), e.scope),
                crate::time::show_date(&e.announced_on.unwrap_or(e.created_at.date())),
                e.state.clone(),
                state_label(e.state(), lang),
            )
        })
        .collect();
    let violations = violations::of_outlet(conn, agency, outlet_id)?
        .into_iter()
        .map(|v| {
            (
                crate::time::show_date(&v.detected_on),
                v.description.clone(),
                v.fine_amount.map(|a| format!("{} đ", super::compose::money(a))).unwrap_or_default(),
                violations::status_label(&v.status),
            )
        })
        .collect();
    let external = external_inspections::table
        .filter(external_inspections::outlet_id.eq(outlet_id))
        .order(external_inspections::inspected_on.desc())
        .select(ExternalInspectionRow::as_select())
        .load(conn)?;
    let relations = outlet_relations::table
        .inner_join(users::table)
        .filter(outlet_relations::outlet_id.eq(outlet_id))
        .filter(users::agency_id.eq(agency))
        .select((users::full_name, outlet_relations::relation))
        .load(conn)?;
    let users = choices(conn, agency)?.users;
    Ok(OutletInspections { engagements, violations, external, relations, users, can_write: false, can_relate: false })
}

async fn external_post(
    form: CsrfForm<plans::ExternalInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    let to = format!("/outlets/{id}#inspections");
    act(&state, &user, &[Permission::InspectionWrite], &to, move |c, a, _| plans::add_external(c, a, &id, &form)).await
}

async fn relation_post(
    form: CsrfForm<plans::RelationInput>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    let to = format!("/outlets/{id}#inspections");
    act(&state, &user, &[Permission::InspectionApprove], &to, move |c, a, ag| plans::add_relation(c, a, ag, &id, &form))
        .await
}
