//! Agency pages: the list with "which agency was in force on a date", detail with a document-header
//! preview and history, and the edit form (admins).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;

use super::model::{AgencyFull, AgencyRow};
use super::repo::{self, AgencyInput};
use crate::audit::history::HistoryItem;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::sectors::SectorRow;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, html, html_status, redirect};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/agencies", web::get().to(index))
        .route("/admin/agencies", web::post().to(create))
        .route("/admin/agencies/new", web::get().to(new_form))
        .route("/admin/agencies/{id}", web::get().to(show))
        .route("/admin/agencies/{id}", web::post().to(update))
        .route("/admin/agencies/{id}/edit", web::get().to(edit_form));
}

pub struct AgencyItem {
    pub id: String,
    pub code: String,
    pub name: String,
    pub governing_body: String,
    pub period: String,
    pub in_force: bool,
    pub successor: String,
}

fn period(a: &AgencyRow) -> String {
    format!(
        "{} – {}",
        crate::time::show_date(&a.valid_from),
        a.valid_to.map(|d| crate::time::show_date(&d)).unwrap_or_default()
    )
}

#[derive(Template)]
#[template(path = "admin/agencies.html")]
struct IndexPage {
    ctx: PageCtx,
    items: Vec<AgencyItem>,
    date: String,
    sector: String,
    sectors: Vec<(String, String)>,
    found: Option<Vec<String>>,
    date_error: bool,
    can_manage: bool,
}

#[derive(Debug, Default, serde::Deserialize)]
struct IndexQuery {
    #[serde(default)]
    date: String,
    #[serde(default)]
    sector: String,
}

async fn index(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<IndexQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::AgencyRead)?;
    let q = q.into_inner();
    let date = if q.date.trim().is_empty() { None } else { Some(NaiveDate::parse_from_str(q.date.trim(), "%Y-%m-%d")) };
    let date_error = matches!(date, Some(Err(_)));
    let date = date.and_then(Result::ok);
    let sector = Some(crate::domain::text::param(&q.sector)).filter(|s| !s.is_empty());
    let (rows, sectors, found) = state
        .db
        .run(move |conn| {
            let found = match date {
                Some(d) => Some(repo::in_force(conn, d, sector.as_deref())?),
                None => None,
            };
            Ok((repo::list(conn)?, crate::sectors::repo::all(conn)?, found))
        })
        .await?;
    let today = crate::time::today_vn();
    let name_of = |id: &Option<String>| {
        id.as_ref().and_then(|i| rows.iter().find(|r| &r.id == i)).map(|r| r.name.clone()).unwrap_or_default()
    };
    let items = rows
        .iter()
        .map(|a| AgencyItem {
            id: a.id.clone(),
            code: a.code.clone(),
            name: a.name.clone(),
            governing_body: a.governing_body.clone(),
            period: period(a),
            in_force: a.in_force_on(today),
            successor: name_of(&a.successor_id),
        })
        .collect();
    html(&IndexPage {
        ctx: PageCtx::new(&req, Some(&user), "agencies"),
        items,
        date: q.date,
        sector: q.sector,
        sectors: sectors.iter().map(|s| (s.code.clone(), s.name(user.lang).to_string())).collect(),
        found: found.map(|f| f.iter().map(|a| format!("{} — {}", a.agency.name, a.agency.governing_body)).collect()),
        date_error,
        can_manage: user.can(Permission::AgencyManage),
    })
}

#[derive(Template)]
#[template(path = "admin/agency_show.html")]
struct ShowPage {
    ctx: PageCtx,
    a: AgencyFull,
    period: String,
    successor: String,
    sector_names: Vec<String>,
    signers: Vec<(Vec<String>, String, String)>,
    preview_signer: Option<(Vec<String>, String)>,
    history: Vec<HistoryItem>,
    can_manage: bool,
}

async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::AgencyRead)?;
    let id = path.into_inner();
    let (a, sectors, successor, history) = state
        .db
        .run(move |conn| {
            let a = repo::full(conn, &id)?;
            let successor = match &a.agency.successor_id {
                Some(s) => repo::find(conn, s).map(|r| r.name).unwrap_or_default(),
                None => String::new(),
            };
            let h = crate::audit::repo::history(conn, "agency", &id, None)?;
            Ok((a, crate::sectors::repo::all(conn)?, successor, h))
        })
        .await?;
    let today = crate::time::today_vn();
    let lang = user.lang;
    html(&ShowPage {
        ctx: PageCtx::new(&req, Some(&user), "agencies"),
        period: period(&a.agency),
        successor,
        sector_names: a
            .sectors
            .iter()
            .map(|s| {
                sectors
                    .iter()
                    .find(|x| x.code == s.sector_code)
                    .map(|x| x.name(lang).to_string())
                    .unwrap_or_else(|| s.sector_code.clone())
            })
            .collect(),
        signers: a
            .signers
            .iter()
            .map(|s| {
                (
                    s.block_lines(),
                    s.full_name.clone(),
                    format!(
                        "{} – {}",
                        crate::time::show_date(&s.valid_from),
                        s.valid_to.map(|d| crate::time::show_date(&d)).unwrap_or_default()
                    ),
                )
            })
            .collect(),
        preview_signer: a
            .signers
            .iter()
            .find(|s| s.in_force_on(today))
            .or(a.signers.first())
            .map(|s| (s.block_lines(), s.full_name.clone())),
        history: HistoryItem::from_rows(&history, lang),
        can_manage: user.can(Permission::AgencyManage),
        a,
    })
}

#[derive(Template)]
#[template(path = "admin/agency_form.html")]
struct FormPage {
    ctx: PageCtx,
    title: String,
    action: String,
    fields: Vec<FormField>,
    sectors: Vec<(String, String, bool)>,
    sectors_error: Option<String>,
    has_errors: bool,
}

fn input_from(full: &AgencyFull) -> AgencyInput {
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
        units: full.units.iter().map(|u| format!("{}|{}", u.code, u.name)).collect::<Vec<_>>().join("\n"),
        signers: full
            .signers
            .iter()
            .map(|s| {
                format!(
                    "{}|{}|{}|{}|{}|{}",
                    s.prefix,
                    s.authority_title,
                    s.title,
                    s.full_name,
                    s.valid_from,
                    s.valid_to.map(|d| d.to_string()).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        sectors: full.sectors.iter().map(|s| s.sector_code.clone()).collect(),
    }
}

fn input_from_form(m: &BTreeMap<String, String>) -> AgencyInput {
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
        units: g("units"),
        signers: g("signers"),
        sectors: m.keys().filter_map(|k| k.strip_prefix("sector.").map(str::to_string)).collect(),
    }
}

fn form_page(
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
        FormField::new("signers", t.t("agencies.signers"), input.signers.clone(), Widget::TextArea(4))
            .hint(t.t("agencies.signers_hint"))
            .wide()
            .placeholder("KT.|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|Nguyễn Văn A"),
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
    }
}

async fn new_form(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::AgencyManage)?;
    let (sectors, agencies) = state.db.run(|conn| Ok((crate::sectors::repo::all(conn)?, repo::list(conn)?))).await?;
    let input = AgencyInput { valid_from: crate::time::today_vn().to_string(), ..AgencyInput::default() };
    html(&form_page(&req, &user, &input, &FieldErrors::new(), &sectors, &agencies, None))
}

async fn edit_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::AgencyManage)?;
    let id = path.into_inner();
    let id2 = id.clone();
    let (full, sectors, agencies) = state
        .db
        .run(move |conn| Ok((repo::full(conn, &id2)?, crate::sectors::repo::all(conn)?, repo::list(conn)?)))
        .await?;
    html(&form_page(&req, &user, &input_from(&full), &FieldErrors::new(), &sectors, &agencies, Some(&id)))
}

async fn save(
    req: HttpRequest,
    form: CsrfForm<BTreeMap<String, String>>,
    state: web::Data<AppState>,
    id: Option<String>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::AgencyManage)?;
    let input = input_from_form(&form);
    let actor = user.actor();
    let editing = id.clone();
    let inp = input.clone();
    let (result, sectors, agencies) = state
        .db
        .run(move |conn| {
            let sectors = crate::sectors::repo::all(conn)?;
            let agencies = repo::list(conn)?;
            let codes: Vec<String> = sectors.iter().map(|s| s.code.clone()).collect();
            let id = editing.clone().unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
            if let Some(e) = &editing {
                repo::find(conn, e)?;
            }
            let full = match inp.validate(&id, &codes, crate::time::now()) {
                Ok(f) => f,
                Err(e) => return Ok((Err(e), sectors, agencies)),
            };
            let r = if editing.is_some() { repo::update(conn, &actor, full) } else { repo::create(conn, &actor, full) };
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

async fn create(
    req: HttpRequest,
    form: CsrfForm<BTreeMap<String, String>>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    save(req, form, state, None).await
}

async fn update(
    req: HttpRequest,
    form: CsrfForm<BTreeMap<String, String>>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    save(req, form, state, Some(path.into_inner())).await
}
