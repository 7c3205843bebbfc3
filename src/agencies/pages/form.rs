//! The agency form, with the input kept and each error beside its field.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::agencies::forms::AgencyInput;
use crate::agencies::model::{AgencyFull, AgencyRow};
use crate::agencies::queries;
use crate::agencies::steps::register;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::sectors::SectorRow;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html, html_status, redirect};

#[derive(Template)]
#[template(path = "admin/agency_form.html")]
pub struct FormPage {
    ctx: PageCtx,
    title: String,
    action: String,
    fields: Vec<FormField>,
    sectors: Vec<(String, String, bool)>,
    sectors_error: Option<String>,
    has_errors: bool,
    /// The signers page of the agency being edited.
    signers_page: Option<String>,
}

pub fn input_from(full: &AgencyFull) -> AgencyInput {
    let a = &full.agency;
    AgencyInput {
        code: a.code.clone(),
        governing_body: a.governing_body.clone(),
        name: a.name.clone(),
        abbreviation: a.abbreviation.clone(),
        place_name: a.place_name.clone(),
        province: a.province.clone(),
        valid_from: a.valid_from.to_string(),
        valid_to: a.valid_to.map(|d| d.to_string()).unwrap_or_default(),
        successor_id: a.successor_id.clone().unwrap_or_default(),
        notes: a.notes.clone(),
        treasury_name: a.treasury_name.clone(),
        treasury_account: a.treasury_account.clone(),
        units: full.units.iter().map(|u| format!("{}|{}", u.code, u.name)).collect::<Vec<_>>().join("\n"),
        signers: String::new(),
        sectors: full.sectors.iter().map(|s| s.sector_code.clone()).collect(),
    }
}

pub fn input_from_form(m: &BTreeMap<String, String>) -> AgencyInput {
    let g = |k: &str| m.get(k).cloned().unwrap_or_default();
    AgencyInput {
        code: g("code"),
        governing_body: g("governing_body"),
        name: g("name"),
        abbreviation: g("abbreviation"),
        place_name: g("place_name"),
        province: g("province"),
        valid_from: g("valid_from"),
        valid_to: g("valid_to"),
        successor_id: g("successor_id"),
        notes: g("notes"),
        treasury_name: g("treasury_name"),
        treasury_account: g("treasury_account"),
        units: g("units"),
        // Signers have their own page; this form never sends or changes them.
        signers: String::new(),
        sectors: m.keys().filter_map(|k| k.strip_prefix("sector.").map(str::to_string)).collect(),
    }
}

pub fn form_page(
    req: &HttpRequest,
    user: &Identity,
    input: &AgencyInput,
    errors: &FieldErrors,
    sectors: &[SectorRow],
    agencies: &[AgencyRow],
    editing: Option<&str>,
) -> FormPage {
    let t = Tr::new(user.lang);
    let mut successors = vec![(String::new(), "—".to_string())];
    successors.extend(
        agencies
            .iter()
            .filter(|a| Some(a.id.as_str()) != editing)
            .map(|a| (a.id.clone(), format!("{} ({})", a.name, a.code))),
    );
    let fields = vec![
        FormField::new("code", t.t("agencies.code"), input.code.clone(), Widget::Text).required(),
        FormField::new("abbreviation", t.t("agencies.abbreviation"), input.abbreviation.clone(), Widget::Text)
            .required()
            .placeholder("TTr, STTTT, SVHTTDL"),
        FormField::new("governing_body", t.t("agencies.governing_body"), input.governing_body.clone(), Widget::Text)
            .required()
            .wide(),
        FormField::new("name", t.t("agencies.name"), input.name.clone(), Widget::Text).required().wide(),
        FormField::new("place_name", t.t("agencies.place_name"), input.place_name.clone(), Widget::Text).required(),
        FormField::new("province", t.t("agencies.province"), input.province.clone(), Widget::Text).required(),
        FormField::new("valid_from", t.t("common.valid_from"), input.valid_from.clone(), Widget::Date).required(),
        FormField::new("valid_to", t.t("common.valid_to"), input.valid_to.clone(), Widget::Date),
        FormField::new(
            "successor_id",
            t.t("agencies.successor"),
            input.successor_id.clone(),
            Widget::Select(successors),
        ),
        FormField::new("units", t.t("agencies.units"), input.units.clone(), Widget::TextArea(3))
            .hint(t.t("agencies.units_hint"))
            .wide(),
        FormField::new("treasury_name", t.t("agencies.treasury_name"), input.treasury_name.clone(), Widget::Text)
            .hint(t.t("agencies.treasury_hint"))
            .wide(),
        FormField::new(
            "treasury_account",
            t.t("agencies.treasury_account"),
            input.treasury_account.clone(),
            Widget::Text,
        ),
        FormField::new("notes", t.t("common.notes"), input.notes.clone(), Widget::TextArea(2)).wide(),
    ];
    FormPage {
        ctx: PageCtx::new(req, Some(user), "agencies"),
        title: if editing.is_some() {
            format!("{}: {}", t.t("common.edit"), input.name)
        } else {
            t.t("agencies.new").to_string()
        },
        action: editing.map(|id| format!("/admin/agencies/{id}")).unwrap_or_else(|| "/admin/agencies".into()),
        fields: attach(fields, errors, user.lang),
        sectors: sectors
            .iter()
            .map(|s| (s.code.clone(), s.name(user.lang).to_string(), input.sectors.contains(&s.code)))
            .collect(),
        sectors_error: errors.get("sectors", user.lang),
        has_errors: !errors.is_empty(),
        signers_page: editing.map(|id| format!("/admin/agencies/{id}/signers")),
    }
}

pub async fn new_form(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::InstallationManage)?;
    let (sectors, agencies) =
        state.db.run(|conn| Ok((crate::sectors::queries::all(conn)?, queries::list(conn)?))).await?;
    let input = AgencyInput { valid_from: crate::time::today_vn().to_string(), ..AgencyInput::default() };
    html(&form_page(&req, &user, &input, &FieldErrors::new(), &sectors, &agencies, None))
}

pub async fn edit_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    let id = path.into_inner();
    user.require_for_agency(Permission::AgencyManage, &id)?;
    let id2 = id.clone();
    let (full, sectors, agencies) = state
        .db
        .run(move |conn| Ok((queries::full(conn, &id2)?, crate::sectors::queries::all(conn)?, queries::list(conn)?)))
        .await?;
    html(&form_page(&req, &user, &input_from(&full), &FieldErrors::new(), &sectors, &agencies, Some(&id)))
}

pub async fn save(
    req: HttpRequest,
    form: CsrfForm<BTreeMap<String, String>>,
    state: web::Data<AppState>,
    id: Option<String>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    match &id {
        // A new agency is the installation's business; an existing one its own or the installation's.
        None => user.require(Permission::InstallationManage)?,
        Some(id) => user.require_for_agency(Permission::AgencyManage, id)?,
    }
    let input = input_from_form(&form);
    let actor = user.actor();
    let editing = id.clone();
    let inp = input.clone();
    let (result, sectors, agencies) = state
        .db
        .run(move |conn| {
            let sectors = crate::sectors::queries::all(conn)?;
            let agencies = queries::list(conn)?;
            let codes: Vec<String> = sectors.iter().map(|s| s.code.clone()).collect();
            let id = editing.clone().unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
            if let Some(e) = &editing {
                queries::find(conn, e)?;
            }
            let full = match inp.validate(&id, &codes, crate::time::now()) {
                Ok(f) => f,
                Err(e) => return Ok((Err(e), sectors, agencies)),
            };
            let r = if editing.is_some() {
                register::update(conn, &actor, full)
            } else {
                register::create(conn, &actor, full)
            };
            match r {
                Ok(f) => Ok((Ok(f), sectors, agencies)),
                Err(AppError::Validation(e)) => Ok((Err(e), sectors, agencies)),
                Err(e) => Err(e),
            }
        })
        .await?;
    match result {
        Ok(f) => Ok(redirect(&format!("/admin/agencies/{}?m=saved", f.agency.id))),
        Err(e) => html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form_page(&req, &user, &input, &e, &sectors, &agencies, id.as_deref()),
        ),
    }
}

pub async fn create(
    req: HttpRequest,
    form: CsrfForm<BTreeMap<String, String>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    save(req, form, state, None).await
}

pub async fn update(
    req: HttpRequest,
    form: CsrfForm<BTreeMap<String, String>>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    save(req, form, state, Some(path.into_inner())).await
}
