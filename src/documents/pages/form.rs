//! The draft form (new, from a correction, edit), with the input kept and errors beside the fields.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::documents::model::DraftInput;
use crate::documents::queries;
use crate::documents::spec::DocType;
use crate::documents::steps::draft;
use crate::error::{AppError, Code, FieldErrors};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::picker::{self, Search};
use crate::web::setup::SetupNote;
use crate::web::{IdPath, PageCtx, html_status, redirect};

#[derive(Template)]
#[template(path = "documents/form.html")]
pub struct FormPage {
    ctx: PageCtx,
    title: String,
    action: String,
    fields: Vec<FormField>,
    has_errors: bool,
    version: String,
}

/// The form with `input` kept, the outlet picker's `search` and `errors` beside the fields.
pub async fn form_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    input: &DraftInput,
    search: &Search,
    errors: &FieldErrors,
    editing: Option<(String, i32)>,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let (chosen, search2, lang) = (input.outlet_id.clone(), search.clone(), user.lang);
    let (signers, outlet) = state
        .db
        .run(move |conn| {
            let full = crate::agencies::queries::full(conn, &agency)?;
            Ok((full.signers, crate::outlets::queries::picker(conn, &chosen, &search2, true, lang)?))
        })
        .await?;
    let t = Tr::new(user.lang);
    let today = crate::time::today_vn();
    let no_signer = (!signers.iter().any(|s| s.in_force_on(today)))
        .then(|| SetupNote::new(user, &crate::agencies::model::no_signer_in_force(user.agency_id())));
    let mut signer_opts = vec![(String::new(), "—".to_string())];
    signer_opts.extend(
        signers
            .iter()
            .filter(|s| s.in_force_on(today) || Some(&s.id) == Some(&input.signer_id))
            .map(|s| (s.id.clone(), format!("{} — {}", s.block_lines().join(" / "), s.full_name))),
    );
    let fields = attach(
        vec![
            FormField::new(
                "doc_type",
                t.t("documents.type"),
                input.doc_type.clone(),
                Widget::Select(crate::documents::pages::list::type_options(t)),
            )
            .required(),
            FormField::new(
                "outlet_id",
                t.t("documents.outlet"),
                input.outlet_id.clone(),
                Widget::Outlet(Box::new(outlet)),
            ),
            FormField::new("title", t.t("documents.title_line"), input.title.clone(), Widget::Text)
                .hint(t.t("documents.title_hint"))
                .wide(),
            FormField::new("summary", t.t("documents.summary"), input.summary.clone(), Widget::TextArea(2))
                .required()
                .wide(),
            FormField::new("addressees", t.t("documents.addressees"), input.addressees.clone(), Widget::TextArea(2))
                .hint(t.t("outlets.list_hint"))
                .wide(),
            FormField::new("bases", t.t("documents.bases"), input.bases.clone(), Widget::TextArea(4))
                .hint(t.t("outlets.list_hint"))
                .wide(),
            FormField::new("body", t.t("documents.body"), input.body.clone(), Widget::TextArea(16))
                .required()
                .hint(t.t("documents.body_hint"))
                .wide(),
            FormField::new("signer_id", t.t("documents.signer"), input.signer_id.clone(), Widget::Select(signer_opts))
                .required()
                .hint(t.t("documents.signer_hint"))
                .needs_setup(no_signer),
            FormField::new("unit_code", t.t("documents.unit_code"), input.unit_code.clone(), Widget::Text)
                .hint(t.t("documents.unit_code_hint")),
            FormField::new("drafter_name", t.t("documents.drafter_name"), input.drafter_name.clone(), Widget::Text)
                .hint(t.t("documents.drafter_name_hint")),
            FormField::new(
                "signer_caption",
                t.t("documents.signer_caption"),
                input.signer_caption.clone(),
                Widget::TextArea(2),
            )
            .hint(t.t("documents.signer_caption_hint")),
            FormField::new("parties", t.t("documents.parties"), input.parties.clone(), Widget::TextArea(3))
                .hint(t.t("documents.parties_hint"))
                .wide(),
            FormField::new(
                "form",
                t.t("documents.form"),
                input.form.clone(),
                Widget::Select(
                    crate::documents::spec::Form::ALL
                        .iter()
                        .map(|f| (f.code().to_string(), t.t(&format!("documents.form.{}", f.code())).to_string()))
                        .collect(),
                ),
            )
            .hint(t.t("documents.form_hint")),
            FormField::new("recipients", t.t("documents.recipients"), input.recipients.clone(), Widget::TextArea(4))
                .required()
                .hint(t.t("outlets.list_hint"))
                .wide(),
        ],
        errors,
        user.lang,
    );
    let (title, action, version) = match &editing {
        Some((id, v)) => (t.t("documents.edit").to_string(), format!("/documents/{id}"), v.to_string()),
        None => (t.t("documents.new").to_string(), "/documents".to_string(), String::new()),
    };
    html_status(
        if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY },
        &FormPage {
            ctx: PageCtx::new(req, Some(user), "documents"),
            title,
            action,
            fields,
            has_errors: !errors.is_empty(),
            version,
        },
    )
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    doc_type: String,
    #[serde(default)]
    outlet: String,
}

pub async fn new_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentWrite)?;
    let doc_type = DocType::parse(&q.doc_type).unwrap_or(DocType::Notice);
    let wording = crate::documents::defaults::load(doc_type);
    let input = DraftInput {
        doc_type: doc_type.code().into(),
        outlet_id: q.outlet.clone(),
        title: wording.title,
        bases: wording.bases,
        body: wording.body,
        recipients: wording.recipients,
        ..DraftInput::default()
    };
    form_page(&req, &user, &state, &input, &Search::none(), &FieldErrors::new(), None).await
}

pub async fn correct_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentWrite)?;
    let id = path.into_inner();
    let agency = user.agency_id().to_string();
    let (d, parties) = state.db.run(move |conn| queries::with_parties(conn, &id, &agency)).await?;
    if !d.is_issued() {
        return Err(AppError::from(Code::CorrectOnlyIssued));
    }
    let mut input = d.to_input(&parties);
    input.corrects_id = d.id.to_string();
    input.summary = crate::documents::defaults::correction_summary(&d);
    form_page(&req, &user, &state, &input, &Search::none(), &FieldErrors::new(), None).await
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct DraftForm {
    #[serde(default)]
    doc_type: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    addressees: String,
    #[serde(default)]
    bases: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    signer_id: String,
    #[serde(default)]
    unit_code: String,
    #[serde(default)]
    recipients: String,
    #[serde(default)]
    outlet_id: String,
    #[serde(default)]
    corrects_id: String,
    #[serde(default)]
    drafter_name: String,
    #[serde(default)]
    signer_caption: String,
    #[serde(default)]
    form: String,
    #[serde(default)]
    parties: String,
    #[serde(default)]
    version: String,
}

impl DraftForm {
    fn input(&self) -> DraftInput {
        DraftInput {
            doc_type: self.doc_type.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            addressees: self.addressees.clone(),
            bases: self.bases.clone(),
            body: self.body.clone(),
            signer_id: self.signer_id.clone(),
            unit_code: self.unit_code.clone(),
            recipients: self.recipients.clone(),
            outlet_id: self.outlet_id.clone(),
            corrects_id: self.corrects_id.clone(),
            drafter_name: self.drafter_name.clone(),
            signer_caption: self.signer_caption.clone(),
            form: self.form.clone(),
            parties: self.parties.clone(),
        }
    }
}

pub async fn create(
    req: HttpRequest,
    form: CsrfForm<Vec<(String, String)>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::DocumentWrite)?;
    let (search, form) = picker::split::<DraftForm>(form)?;
    let input = form.input();
    if search.wanted(&input.outlet_id) {
        return form_page(&req, &user, &state, &input, &search, &FieldErrors::new(), None).await;
    }
    let fields = match input.validate() {
        Ok(f) => f,
        Err(e) => return form_page(&req, &user, &state, &input, &search, &e, None).await,
    };
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    match state.db.run(move |conn| draft::create_draft(conn, &actor, &agency, fields)).await {
        Ok(d) => Ok(redirect(&format!("/documents/{}?m=created", d.id))),
        Err(AppError::Validation(e)) => form_page(&req, &user, &state, &input, &search, &e, None).await,
        Err(e) => Err(e),
    }
}

pub async fn edit_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentWrite)?;
    let id = path.into_inner();
    let agency = user.agency_id().to_string();
    let (d, parties) = state.db.run(move |conn| queries::with_parties(conn, &id, &agency)).await?;
    if d.is_issued() {
        return Ok(redirect(&format!("/documents/{}", d.id)));
    }
    let input = d.to_input(&parties);
    form_page(&req, &user, &state, &input, &Search::none(), &FieldErrors::new(), Some((d.id.to_string(), d.version)))
        .await
}

pub async fn update(
    req: HttpRequest,
    form: CsrfForm<Vec<(String, String)>>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::DocumentWrite)?;
    let id = path.into_inner();
    let (search, form) = picker::split::<DraftForm>(form)?;
    let input = form.input();
    let version: Option<i32> = form.version.parse().ok();
    let editing = Some((id.clone(), version.unwrap_or(0)));
    if search.wanted(&input.outlet_id) {
        return form_page(&req, &user, &state, &input, &search, &FieldErrors::new(), editing).await;
    }
    let fields = match input.validate() {
        Ok(f) => f,
        Err(e) => return form_page(&req, &user, &state, &input, &search, &e, editing).await,
    };
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let id2 = id.clone();
    match state.db.run(move |conn| draft::update_draft(conn, &actor, &id2, &agency, fields, version)).await {
        Ok(_) => Ok(redirect(&format!("/documents/{id}?m=saved"))),
        Err(AppError::Validation(e)) => form_page(&req, &user, &state, &input, &search, &e, editing).await,
        Err(e) => Err(e),
    }
}
