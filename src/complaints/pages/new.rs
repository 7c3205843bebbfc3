//! The reception form: a submission from any channel, its classification by content, the people
//! who sent it (several if need be), the outlet it concerns (the shared picker) and the officer.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::complaints::model::*;
use crate::complaints::queries as q;
use crate::complaints::steps::intake::{self, PersonInput, SubmissionInput};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::picker::{self, OutletPicker, Search};
use crate::web::{PageCtx, html, redirect};

/// People slots on the form (the API takes up to `intake::MAX_PEOPLE`).
pub const PEOPLE_SLOTS: usize = 3;

#[derive(Template)]
#[template(path = "complaints/new.html")]
pub struct NewPage {
    ctx: PageCtx,
    fields: Vec<FormField>,
    people: Vec<(usize, Vec<FormField>)>,
    has_errors: bool,
}

fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T, crate::i18n::Lang) -> &'static str,
    t: Tr,
) -> Vec<(String, String)> {
    let mut v = vec![(String::new(), "—".to_string())];
    v.extend(all.iter().map(|x| (code(*x).to_string(), label(*x, t.lang).to_string())));
    v
}

fn flag(name: &str, label: &str, on: &str) -> FormField {
    FormField::new(
        name,
        "",
        if forms_ticked(on) { "on" } else { "" },
        Widget::Checks(vec![("on".into(), label.into())]),
    )
}

fn forms_ticked(s: &str) -> bool {
    crate::domain::input::ticked(s)
}

pub fn fields(t: Tr, v: &SubmissionInput, outlet: OutletPicker, officers: &[(String, String)]) -> Vec<FormField> {
    let mut users = vec![(String::new(), "—".to_string())];
    users.extend(officers.iter().cloned());
    vec![
        FormField::new("received_on", t.t("kn.received_on"), v.received_on.clone(), Widget::Date).required(),
        FormField::new(
            "channel",
            t.t("kn.channel"),
            v.channel.clone(),
            Widget::Select(options(Channel::ALL, Channel::code, Channel::label, t)),
        )
        .required(),
        FormField::new("forwarded_by", t.t("kn.forwarded_by"), v.forwarded_by.clone(), Widget::Text)
            .hint(t.t("kn.forwarded_hint")),
        FormField::new("forwarded_ref", t.t("kn.forwarded_ref"), v.forwarded_ref.clone(), Widget::Text),
        FormField::new(
            "kind",
            t.t("kn.kind"),
            v.kind.clone(),
            Widget::Select(options(Kind::ALL, Kind::code, Kind::label, t)),
        )
        .required()
        .hint(t.t("kn.kind_hint")),
        FormField::new(
            "competence",
            t.t("kn.competence"),
            v.competence.clone(),
            Widget::Select(options(Competence::ALL, Competence::code, Competence::label, t)),
        )
        .required(),
        FormField::new("kind_reason", t.t("kn.kind_reason"), v.kind_reason.clone(), Widget::TextArea(2))
            .required()
            .wide(),
        FormField::new("subject", t.t("kn.subject"), v.subject.clone(), Widget::Text).required().wide(),
        FormField::new("content", t.t("kn.content"), v.content.clone(), Widget::TextArea(6)).required().wide(),
        flag("anonymous", t.t("kn.anonymous"), &v.anonymous),
        flag("remote_area", t.t("kn.remote_area"), &v.remote_area),
        flag("complex_case", t.t("kn.complex_case"), &v.complex_case),
        FormField::new("outlet_ids", t.t("kn.outlet"), v.outlet_ids.clone(), Widget::Outlet(Box::new(outlet))),
        FormField::new("officer_id", t.t("kn.officer"), v.officer_id.clone(), Widget::Select(users)),
    ]
}

fn person_fields(t: Tr, n: usize, p: &PersonInput) -> Vec<FormField> {
    let name = |f: &str| format!("person_{n}_{f}");
    vec![
        FormField::new(&name("full_name"), t.t("kn.person.full_name"), p.full_name.clone(), Widget::Text),
        FormField::new(&name("id_number"), t.t("kn.person.id_number"), p.id_number.clone(), Widget::Text),
        FormField::new(&name("phone"), t.t("kn.person.phone"), p.phone.clone(), Widget::Text),
        FormField::new(&name("email"), t.t("kn.person.email"), p.email.clone(), Widget::Text),
        FormField::new(&name("address"), t.t("kn.person.address"), p.address.clone(), Widget::Text).wide(),
    ]
}

#[derive(serde::Deserialize, Default)]
pub struct NewQuery {
    /// Opened from an outlet's page: that outlet is chosen.
    #[serde(default)]
    outlet_id: String,
}

pub async fn new_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::ComplaintWrite)?;
    let input = SubmissionInput {
        received_on: crate::time::today_vn().to_string(),
        competence: Competence::Within.code().into(),
        outlet_ids: q.into_inner().outlet_id,
        ..Default::default()
    };
    render(&req, &user, &state, input, Search::none(), FieldErrors::new()).await
}

async fn render(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    input: SubmissionInput,
    search: Search,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let (agency, lang) = (user.agency_id().to_string(), user.lang);
    let chosen = input.outlet_ids.clone();
    let (officers, outlet) = state
        .db
        .run(move |conn| {
            let officers = q::assignable(conn, &agency)?;
            let outlet = crate::outlets::queries::picker(conn, &chosen, &search, true, lang)?;
            Ok((officers, outlet))
        })
        .await?;
    let t = Tr::new(lang);
    let people = (1..=PEOPLE_SLOTS)
        .map(|n| {
            let p = input.people.get(n - 1).cloned().unwrap_or_default();
            (n, attach(person_fields(t, n, &p), &errors, lang))
        })
        .collect();
    html(&NewPage {
        ctx: PageCtx::new(req, Some(user), "complaints"),
        fields: attach(fields(t, &input, outlet, &officers), &errors, lang),
        people,
        has_errors: !errors.is_empty(),
    })
}

/// The form's pairs as the step's input (people from their numbered fields).
pub fn input_of(pairs: Vec<(String, String)>) -> SubmissionInput {
    let mut v = SubmissionInput::default();
    let mut people = vec![PersonInput::default(); PEOPLE_SLOTS];
    for (k, val) in pairs {
        match k.as_str() {
            "received_on" => v.received_on = val,
            "channel" => v.channel = val,
            "forwarded_by" => v.forwarded_by = val,
            "forwarded_ref" => v.forwarded_ref = val,
            "kind" => v.kind = val,
            "kind_reason" => v.kind_reason = val,
            "competence" => v.competence = val,
            "subject" => v.subject = val,
            "content" => v.content = val,
            "anonymous" => v.anonymous = val,
            "remote_area" => v.remote_area = val,
            "complex_case" => v.complex_case = val,
            "outlet_ids" => v.outlet_ids = val,
            "officer_id" => v.officer_id = val,
            other => {
                let Some((n, field)) = crate::domain::input::numbered(other, "person_", PEOPLE_SLOTS) else {
                    continue;
                };
                let p = &mut people[n - 1];
                match field {
                    "full_name" => p.full_name = val,
                    "id_number" => p.id_number = val,
                    "phone" => p.phone = val,
                    "email" => p.email = val,
                    "address" => p.address = val,
                    _ => {}
                }
            }
        }
    }
    v.people = people;
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
            intake::create(conn, &actor, &agency, v)
        })
        .await;
    match created {
        Ok(s) => Ok(redirect(&format!("/complaints/{}?m=received", s.id))),
        Err(AppError::Validation(e)) => render(&req, &user, &state, kept, search, e).await,
        Err(e) => Err(e),
    }
}
