//! Receiving a dossier: first the procedure (its checklist depends on it), then the applicant (the
//! shared outlet picker), contacts, the day and what was handed in. Works without JavaScript: the
//! procedure is chosen by a link, the outlet by search-then-choose.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::permits::model::*;
use crate::permits::queries as q;
use crate::permits::steps::Ctx;
use crate::permits::steps::receive::{self, ReceiveInput};
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::picker::{self, Search};
use crate::web::{PageCtx, html, redirect};

#[derive(Template)]
#[template(path = "permits/new.html")]
pub struct NewPage {
    ctx: PageCtx,
    /// The procedures to choose from (code, name, legal source) when none is chosen yet.
    types: Vec<(String, String, String)>,
    /// The chosen procedure's name, code and deadline in words.
    chosen: Option<(String, String)>,
    fields: Vec<FormField>,
    has_errors: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct NewQuery {
    #[serde(default, rename = "type")]
    type_code: String,
    #[serde(default)]
    outlet_id: String,
}

fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T, crate::i18n::Lang) -> &'static str,
    t: Tr,
) -> Vec<(String, String)> {
    all.iter().map(|x| (code(*x).to_string(), label(*x, t.lang).to_string())).collect()
}

fn fields(
    t: Tr,
    v: &ReceiveInput,
    ty: &PermitTypeRow,
    outlet: picker::OutletPicker,
    permits: &[(String, String)],
) -> Vec<FormField> {
    let docs: Vec<(String, String)> = ty
        .documents()
        .iter()
        .map(|d| {
            let name = match t.lang {
                crate::i18n::Lang::Vi => d.name_vi.clone(),
                crate::i18n::Lang::En => d.name_en.clone(),
            };
            (d.code.clone(), if d.optional { format!("{name} ({})", t.t("gp.optional")) } else { format!("{name} *") })
        })
        .collect();
    let mut originals = vec![(String::new(), "—".to_string())];
    originals.extend(permits.iter().cloned());
    vec![
        FormField::new("outlet_id", t.t("gp.outlet"), v.outlet_id.clone(), Widget::Outlet(Box::new(outlet)))
            .required()
            .hint(t.t("gp.outlet_hint")),
        FormField::new("applicant", t.t("gp.applicant"), v.applicant.clone(), Widget::Text)
            .hint(t.t("gp.applicant_hint")),
        FormField::new(
            "purpose",
            t.t("gp.purpose"),
            v.purpose.clone(),
            Widget::Select(options(Purpose::ALL, Purpose::code, Purpose::label, t)),
        )
        .required(),
        FormField::new(
            "original_permit_id",
            t.t("gp.original_permit"),
            v.original_permit_id.clone(),
            Widget::Select(originals),
        )
        .hint(t.t("gp.original_permit_hint")),
        FormField::new(
            "channel",
            t.t("gp.channel"),
            v.channel.clone(),
            Widget::Select(options(Channel::ALL, Channel::code, Channel::label, t)),
        )
        .required(),
        FormField::new("received_on", t.t("gp.received_on"), v.received_on.clone(), Widget::Date).required(),
        FormField::new("contact_email", t.t("gp.contact_email"), v.contact_email.clone(), Widget::Text)
            .hint(t.t("gp.contact_email_hint")),
        FormField::new("contact_phone", t.t("gp.contact_phone"), v.contact_phone.clone(), Widget::Text),
        FormField::new("documents", t.t("gp.documents"), v.documents.join(","), Widget::Checks(docs))
            .hint(t.t("gp.documents_hint"))
            .wide(),
        FormField::new(
            "complete",
            "",
            if crate::domain::input::ticked(&v.complete) { "on" } else { "" },
            Widget::Checks(vec![("on".into(), t.t("gp.complete").into())]),
        )
        .wide(),
    ]
}

pub async fn new_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    query: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::PermitWrite)?;
    let query = query.into_inner();
    let input = ReceiveInput {
        type_code: query.type_code,
        outlet_id: query.outlet_id,
        received_on: crate::time::today_vn().to_string(),
        purpose: Purpose::New.code().into(),
        channel: Channel::Desk.code().into(),
        ..Default::default()
    };
    render(&req, &user, &state, input, Search::none(), FieldErrors::new()).await
}

async fn render(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    input: ReceiveInput,
    search: Search,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let lang = user.lang;
    let t = Tr::new(lang);
    let (agency, code, chosen_outlet) =
        (user.agency_id().to_string(), input.type_code.clone(), input.outlet_id.clone());
    let (types, ty, outlet, permits) = state
        .db
        .run(move |conn| {
            let today = crate::time::today_vn();
            let types = q::types_in_force(conn, today)?;
            let ty = q::type_in_force(conn, &code, today)?;
            let outlet = crate::outlets::queries::picker(conn, &chosen_outlet, &search, false, lang)?;
            let permits: Vec<(String, String)> = if chosen_outlet.is_empty() {
                vec![]
            } else {
                q::of_outlet(conn, &chosen_outlet)?
                    .into_iter()
                    .filter(|p| p.agency_id == agency)
                    .map(|p| (p.id.clone(), format!("{} — {}", p.symbol, p.holder)))
                    .collect()
            };
            Ok((types, ty, outlet, permits))
        })
        .await?;
    let page = match ty {
        None => NewPage {
            ctx: PageCtx::new(req, Some(user), "permits"),
            types: types.iter().map(|x| (x.code.clone(), x.name(lang).to_string(), x.issuer.clone())).collect(),
            chosen: None,
            fields: vec![],
            has_errors: false,
        },
        Some(ty) => NewPage {
            ctx: PageCtx::new(req, Some(user), "permits"),
            types: vec![],
            chosen: Some((ty.name(lang).to_string(), ty.code.clone())),
            fields: attach(fields(t, &input, &ty, outlet, &permits), &errors, lang),
            has_errors: !errors.is_empty(),
        },
    };
    html(&page)
}

/// The form's pairs as the step's input (one `documents` pair per ticked item).
fn input_of(pairs: Vec<(String, String)>) -> ReceiveInput {
    let mut v = ReceiveInput::default();
    for (k, val) in pairs {
        match k.as_str() {
            "type" => v.type_code = val,
            "purpose" => v.purpose = val,
            "original_permit_id" => v.original_permit_id = val,
            "outlet_id" => v.outlet_id = val,
            "applicant" => v.applicant = val,
            "contact_email" => v.contact_email = val,
            "contact_phone" => v.contact_phone = val,
            "channel" => v.channel = val,
            "received_on" => v.received_on = val,
            "documents" => v.documents.push(val),
            "complete" => v.complete = val,
            _ => {}
        }
    }
    v
}

pub async fn new_post(
    req: HttpRequest,
    form: CsrfForm<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::PermitWrite)?;
    let (search, pairs) = picker::split::<Vec<(String, String)>>(form)?;
    let input = input_of(pairs);
    if search.wanted(&input.outlet_id) {
        return render(&req, &user, &state, input, search, FieldErrors::new()).await;
    }
    let (actor, agency) = (user.actor(), user.agency_id().to_string());
    let (files, base, from) =
        (state.files.clone(), state.config.settings.base_url.clone(), state.config.settings.mail_from.clone());
    let kept = input.clone();
    let created = state
        .db
        .run(move |conn| {
            let v = input.validate()?;
            let ctx = Ctx { files: files.as_ref(), configured_base: base.as_deref(), mail_from: &from };
            receive::receive(conn, &ctx, &actor, &agency, v)
        })
        .await;
    match created {
        Ok(d) => Ok(redirect(&format!("/permits/{}?m=received", d.id))),
        Err(AppError::Validation(e)) => render(&req, &user, &state, kept, search, e).await,
        Err(e) => Err(e),
    }
}
