//! The create and edit form, with the input kept and each error beside its field; delete.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::outlets::forms::{OutletForm, ValidOutlet};
use crate::outlets::model::{OutletKind, OutletRow, OutletStatus};
use crate::outlets::pages::list::sector_options;
use crate::outlets::queries::{self};
use crate::outlets::steps::register;
use crate::sectors::SectorRow;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html, html_status, redirect};

pub struct SectorGroup {
    pub code: String,
    pub name: String,
    pub selected: bool,
    pub fields: Vec<FormField>,
}

#[derive(Template)]
#[template(path = "outlets/form.html")]
pub struct FormPage {
    ctx: PageCtx,
    title: String,
    action: String,
    cancel: String,
    fields: Vec<FormField>,
    groups: Vec<SectorGroup>,
    has_errors: bool,
    version: String,
}

pub fn form_page(
    req: &HttpRequest,
    user: &Identity,
    form: &OutletForm,
    errors: &FieldErrors,
    sectors: &[SectorRow],
    edit: Option<&OutletRow>,
) -> FormPage {
    let lang = user.lang;
    let t = crate::i18n::Tr::new(lang);
    let mut sector_opts = vec![(String::new(), "—".to_string())];
    sector_opts.extend(sector_options(sectors, lang));
    let kinds = OutletKind::ALL.iter().map(|k| (k.code().to_string(), t.t(k.label_key()).to_string())).collect();
    let statuses = OutletStatus::ALL.iter().map(|s| (s.code().to_string(), t.t(s.label_key()).to_string())).collect();
    let v = |k: &str| form.get(k);
    let fields = vec![
        FormField::new("name", t.t("outlets.name"), v("name"), Widget::Text).required().wide(),
        FormField::new("sector", t.t("outlets.sector"), v("sector"), Widget::Select(sector_opts)).required(),
        FormField::new("kind", t.t("outlets.kind"), v("kind"), Widget::Select(kinds)).required(),
        FormField::new("tax_code", t.t("outlets.tax_code"), v("tax_code"), Widget::Text)
            .hint(t.t("outlets.tax_code_hint")),
        FormField::new("business_reg_no", t.t("outlets.business_reg_no"), v("business_reg_no"), Widget::Text),
        FormField::new("address", t.t("outlets.address"), v("address"), Widget::Text).wide(),
        FormField::new("commune", t.t("outlets.commune"), v("commune"), Widget::Text),
        FormField::new("province", t.t("outlets.province"), v("province"), Widget::Text).required(),
        FormField::new(
            "legal_representative",
            t.t("outlets.legal_representative"),
            v("legal_representative"),
            Widget::Text,
        ),
        FormField::new("phone", t.t("outlets.phone"), v("phone"), Widget::Text),
        FormField::new("notice_emails", t.t("outlets.notice_emails"), v("notice_emails"), Widget::TextArea(2))
            .hint(t.t("outlets.notice_emails_hint"))
            .wide(),
        FormField::new("status", t.t("common.status"), v("status"), Widget::Select(statuses)).required(),
        FormField::new("notes", t.t("common.notes"), v("notes"), Widget::TextArea(3)).wide(),
    ];
    let fields = attach(fields, errors, lang);
    let chosen = form.get("sector");
    let groups = sectors
        .iter()
        .filter(|s| s.active)
        .map(|s| {
            let fields: Vec<FormField> = s
                .attrs()
                .iter()
                .map(|d| {
                    let name = format!("attr.{}.{}", s.code, d.key);
                    let widget = if d.is_multiline() { Widget::TextArea(3) } else { Widget::Text };
                    let mut f = FormField::new(&name, d.label(lang), form.get(&name), widget);
                    if d.kind == crate::sectors::AttrKind::Reporters {
                        f = f.hint(t.t("outlets.reporters_hint"));
                    } else if d.kind == crate::sectors::AttrKind::List {
                        f = f.hint(t.t("outlets.list_hint"));
                    }
                    f
                })
                .collect();
            let selected = s.code == chosen;
            SectorGroup {
                code: s.code.clone(),
                name: s.name(lang).to_string(),
                selected,
                fields: if selected { attach(fields, errors, lang) } else { fields },
            }
        })
        .filter(|g| !g.fields.is_empty())
        .collect();
    let (title, action, cancel) = match edit {
        Some(o) => {
            (format!("{}: {}", t.t("outlets.edit"), o.name), format!("/outlets/{}", o.id), format!("/outlets/{}", o.id))
        }
        None => (t.t("outlets.new").to_string(), "/outlets".to_string(), "/outlets".to_string()),
    };
    FormPage {
        ctx: PageCtx::new(req, Some(user), "outlets"),
        title,
        action,
        cancel,
        fields,
        groups,
        has_errors: !errors.is_empty(),
        version: form.get("version"),
    }
}

pub fn form_from_row(o: &OutletRow, sectors: &[SectorRow]) -> OutletForm {
    let mut f = OutletForm::default();
    let mut set = |k: &str, v: String| {
        f.fields.insert(k.to_string(), v);
    };
    set("name", o.name.clone());
    set("sector", o.sector_code.clone());
    set("kind", o.kind.clone());
    set("tax_code", o.tax_code.clone().unwrap_or_default());
    set("business_reg_no", o.business_reg_no.clone());
    set("address", o.street.clone());
    set("commune", o.commune.clone());
    set("province", o.province.clone());
    set("legal_representative", o.legal_representative.clone());
    set("phone", o.phone.clone());
    set("notice_emails", o.emails().join(", "));
    set("status", o.status.clone());
    set("notes", o.notes.clone());
    set("version", o.version.to_string());
    if let Some(s) = sectors.iter().find(|s| s.code == o.sector_code) {
        let attrs = o.attrs();
        for d in s.attrs() {
            set(&format!("attr.{}.{}", s.code, d.key), d.to_form(attrs.get(&d.key)));
        }
    }
    f
}

pub async fn new_form(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletWrite)?;
    let agency_id = user.agency_id().to_string();
    let (sectors, agency) = state
        .db
        .run(move |conn| Ok((crate::sectors::queries::all(conn)?, crate::agencies::queries::find(conn, &agency_id)?)))
        .await?;
    let mut form = OutletForm::default();
    form.fields.insert("province".into(), agency.province);
    form.fields.insert("kind".into(), "enterprise".into());
    form.fields.insert("status".into(), "active".into());
    html(&form_page(&req, &user, &form, &FieldErrors::new(), &sectors, None))
}

pub async fn create(
    req: HttpRequest,
    form: CsrfForm<OutletForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::OutletWrite)?;
    let actor = user.actor();
    let draft = form.draft();
    let result = state
        .db
        .run(move |conn| {
            let sectors = crate::sectors::queries::all(conn)?;
            let valid = match draft.validate(&sectors) {
                Ok(v) => v,
                Err(e) => return Ok((Err(e), sectors)),
            };
            match register::create(conn, &actor, &valid) {
                Ok(row) => Ok((Ok(row), sectors)),
                Err(AppError::Validation(e)) => Ok((Err(e), sectors)),
                Err(e) => Err(e),
            }
        })
        .await?;
    match result {
        (Ok(row), _) => Ok(redirect(&format!("/outlets/{}?m=created", row.id))),
        (Err(errors), sectors) => {
            html_status(StatusCode::UNPROCESSABLE_ENTITY, &form_page(&req, &user, &form, &errors, &sectors, None))
        }
    }
}

pub async fn edit_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletWrite)?;
    let id = path.into_inner();
    let (row, sectors) =
        state.db.run(move |conn| Ok((queries::find(conn, &id)?, crate::sectors::queries::all(conn)?))).await?;
    let form = form_from_row(&row, &sectors);
    html(&form_page(&req, &user, &form, &FieldErrors::new(), &sectors, Some(&row)))
}

pub async fn update(
    req: HttpRequest,
    form: CsrfForm<OutletForm>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::OutletWrite)?;
    let id = path.into_inner();
    let actor = user.actor();
    let draft = form.draft();
    let version = form.version();
    let id2 = id.clone();
    let (outcome, sectors, current) = state
        .db
        .run(move |conn| {
            let sectors = crate::sectors::queries::all(conn)?;
            let current = queries::find(conn, &id2)?;
            let valid: ValidOutlet = match draft.validate(&sectors) {
                Ok(v) => v,
                Err(e) => return Ok((Err(e), sectors, current)),
            };
            match register::update(conn, &actor, &id2, &valid, version) {
                Ok(row) => Ok((Ok(row), sectors, current)),
                Err(AppError::Validation(e)) => Ok((Err(e), sectors, current)),
                Err(AppError::Conflict(_)) => {
                    Ok((Err(FieldErrors(vec![FieldError::new("form", Code::StaleVersion)])), sectors, current))
                }
                Err(e) => Err(e),
            }
        })
        .await?;
    match outcome {
        Ok(_) => Ok(redirect(&format!("/outlets/{id}?m=saved"))),
        Err(errors) => {
            let mut page = form_page(&req, &user, &form, &errors, &sectors, Some(&current));
            let status = if errors.has("form") {
                page.title = format!("{} — {}", page.title, page.ctx.t.t("outlets.conflict"));
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            html_status(status, &page)
        }
    }
}

pub async fn delete(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::OutletDelete)?;
    let id = path.into_inner();
    let actor = user.actor();
    state.db.run(move |conn| register::delete(conn, &actor, &id)).await?;
    Ok(redirect("/outlets?m=deleted"))
}
