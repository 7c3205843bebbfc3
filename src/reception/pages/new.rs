//! The reception form: when, who presided and received, who came (several if need be), what they
//! raised and what was done; a written submission handed in is registered with it (its
//! classification, competence and the outlet it concerns, through the shared picker).

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::complaints::model::{Competence, Kind};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::reception::model::*;
use crate::reception::queries as q;
use crate::reception::steps::record::{self, SessionInput, VisitorInput};
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::picker::{self, OutletPicker, Search};
use crate::web::{PageCtx, html, redirect};

/// Visitor slots on the form (the API takes up to `record::MAX_VISITORS`).
pub const VISITOR_SLOTS: usize = 3;

#[derive(Template)]
#[template(path = "reception/new.html")]
pub struct NewPage {
    ctx: PageCtx,
    fields: Vec<FormField>,
    visitors: Vec<(usize, Vec<FormField>)>,
    submission: Vec<FormField>,
    has_errors: bool,
}

fn options(codes: Vec<(&'static str, &'static str)>) -> Vec<(String, String)> {
    let mut v = vec![(String::new(), "—".to_string())];
    v.extend(codes.into_iter().map(|(c, l)| (c.to_string(), l.to_string())));
    v
}

fn fields(t: Tr, v: &SessionInput, officers: &[(String, String)]) -> Vec<FormField> {
    let lang = t.lang;
    let mut users = vec![(String::new(), "—".to_string())];
    users.extend(officers.iter().cloned());
    vec![
        FormField::new("held_on", t.t("tcd.held_on"), v.held_on.clone(), Widget::Date).required(),
        FormField::new("start_time", t.t("tcd.start_time"), v.start_time.clone(), Widget::Text).placeholder("08:00"),
        FormField::new(
            "kind",
            t.t("tcd.kind"),
            v.kind.clone(),
            Widget::Select(options(SessionKind::ALL.iter().map(|k| (k.code(), k.label(lang))).collect())),
        )
        .required(),
        FormField::new("host", t.t("tcd.host"), v.host.clone(), Widget::Text).required().hint(t.t("tcd.host_hint")),
        FormField::new("officer_id", t.t("tcd.officer"), v.officer_id.clone(), Widget::Select(users)),
        FormField::new(
            "topic",
            t.t("tcd.topic"),
            v.topic.clone(),
            Widget::Select(options(Kind::ALL.iter().map(|k| (k.code(), k.label(lang))).collect())),
        )
        .required()
        .hint(t.t("kn.kind_hint")),
        FormField::new("visitor_count", t.t("tcd.visitor_count"), v.visitor_count.clone(), Widget::Text)
            .hint(t.t("tcd.visitor_count_hint")),
        FormField::new("subject", t.t("tcd.subject"), v.subject.clone(), Widget::Text).required().wide(),
        FormField::new("content", t.t("tcd.content"), v.content.clone(), Widget::TextArea(5)).required().wide(),
        FormField::new(
            "action",
            t.t("tcd.action"),
            v.action.clone(),
            Widget::Select(options(Action::ALL.iter().map(|k| (k.code(), k.label(lang))).collect())),
        )
        .required(),
        FormField::new("action_text", t.t("tcd.action_text"), v.action_text.clone(), Widget::TextArea(3))
            .hint(t.t("tcd.action_text_hint"))
            .wide(),
    ]
}

fn visitor_fields(t: Tr, n: usize, p: &VisitorInput) -> Vec<FormField> {
    let name = |f: &str| format!("visitor_{n}_{f}");
    vec![
        FormField::new(&name("full_name"), t.t("kn.person.full_name"), p.full_name.clone(), Widget::Text),
        FormField::new(&name("id_number"), t.t("kn.person.id_number"), p.id_number.clone(), Widget::Text),
        FormField::new(&name("phone"), t.t("kn.person.phone"), p.phone.clone(), Widget::Text),
        FormField::new(&name("address"), t.t("kn.person.address"), p.address.clone(), Widget::Text).wide(),
    ]
}

fn submission_fields(t: Tr, v: &SessionInput, outlet: OutletPicker) -> Vec<FormField> {
    let lang = t.lang;
    vec![
        FormField::new(
            "competence",
            t.t("kn.competence"),
            v.competence.clone(),
            Widget::Select(options(Competence::ALL.iter().map(|k| (k.code(), k.label(lang))).collect())),
        ),
        FormField::new("kind_reason", t.t("kn.kind_reason"), v.kind_reason.clone(), Widget::TextArea(2)).wide(),
        FormField::new("outlet_ids", t.t("kn.outlet"), v.outlet_ids.clone(), Widget::Outlet(Box::new(outlet))),
    ]
}

pub async fn new_form(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::ComplaintWrite)?;
    let today = crate::time::today_vn();
    let agency = user.agency_id().to_string();
    // On a reception day the head presides: the form starts from that day's duty.
    let duty = state.db.run(move |conn| q::next_day(conn, &agency, today)).await?.filter(|d| d.day == today);
    let input = SessionInput {
        held_on: today.to_string(),
        kind: match duty {
            Some(_) => SessionKind::Scheduled,
            None => SessionKind::Regular,
        }
        .code()
        .into(),
        host: duty.as_ref().map(|d| d.host.clone()).unwrap_or_default(),
        officer_id: duty.and_then(|d| d.officer_id).unwrap_or_else(|| user.user.id.clone()),
        competence: Competence::Within.code().into(),
        ..Default::default()
    };
    render(&req, &user, &state, input, Search::none(), FieldErrors::new()).await
}

async fn render(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    input: SessionInput,
    search: Search,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let (agency, lang) = (user.agency_id().to_string(), user.lang);
    let chosen = input.outlet_ids.clone();
    let (officers, outlet) = state
        .db
        .run(move |conn| {
            let officers = crate::complaints::queries::assignable(conn, &agency)?;
            let outlet = crate::outlets::queries::picker(conn, &chosen, &search, true, lang)?;
            Ok((officers, outlet))
        })
        .await?;
    let t = Tr::new(lang);
    let visitors = (1..=VISITOR_SLOTS)
        .map(|n| {
            let p = input.visitors.get(n - 1).cloned().unwrap_or_default();
            (n, attach(visitor_fields(t, n, &p), &errors, lang))
        })
        .collect();
    html(&NewPage {
        ctx: PageCtx::new(req, Some(user), "reception"),
        fields: attach(fields(t, &input, &officers), &errors, lang),
        visitors,
        submission: attach(submission_fields(t, &input, outlet), &errors, lang),
        has_errors: !errors.is_empty(),
    })
}

/// The form's pairs as the step's input (visitors from their numbered fields).
pub fn input_of(pairs: Vec<(String, String)>) -> SessionInput {
    let mut v = SessionInput::default();
    let mut visitors = vec![VisitorInput::default(); VISITOR_SLOTS];
    for (k, val) in pairs {
        match k.as_str() {
            "held_on" => v.held_on = val,
            "start_time" => v.start_time = val,
            "kind" => v.kind = val,
            "host" => v.host = val,
            "officer_id" => v.officer_id = val,
            "topic" => v.topic = val,
            "visitor_count" => v.visitor_count = val,
            "subject" => v.subject = val,
            "content" => v.content = val,
            "action" => v.action = val,
            "action_text" => v.action_text = val,
            "kind_reason" => v.kind_reason = val,
            "competence" => v.competence = val,
            "outlet_ids" => v.outlet_ids = val,
            other => {
                let Some((n, field)) = crate::domain::input::numbered(other, "visitor_", VISITOR_SLOTS) else {
                    continue;
                };
                let p = &mut visitors[n - 1];
                match field {
                    "full_name" => p.full_name = val,
                    "id_number" => p.id_number = val,
                    "phone" => p.phone = val,
                    "address" => p.address = val,
                    _ => {}
                }
            }
        }
    }
    v.visitors = visitors;
    v
}

pub async fn new_post(
    req: HttpRequest,
    form: CsrfForm<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::ComplaintWrite)?;
    let (search, pairs) = picker::split::<Vec<(String, String)>>(form)?;
    let input = input_of(pairs);
    if search.wanted(&input.outlet_ids) {
        return render(&req, &user, &state, input, search, FieldErrors::new()).await;
    }
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let kept = input.clone();
    let created = state
        .db
        .run(move |conn| {
            let v = input.validate()?;
            record::record(conn, &actor, &agency, v)
        })
        .await;
    match created {
        Ok(s) if s.submission_id.is_some() => Ok(redirect(&format!("/reception/{}?m=created_submission", s.id))),
        Ok(s) => Ok(redirect(&format!("/reception/{}?m=created", s.id))),
        Err(AppError::Validation(e)) => render(&req, &user, &state, kept, search, e).await,
        Err(e) => Err(e),
    }
}
