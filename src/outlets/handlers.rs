//! Outlet pages: list with search, filters, sort and paging; create, edit, delete; detail with
//! history; CSV import with a preview; CSV export of any filtered list.

use actix_multipart::Multipart;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::csv_io::{self, ParsedFile};
use super::forms::{OutletForm, ValidOutlet};
use super::model::{OutletKind, OutletRow, OutletStatus};
use super::repo::{self, OutletFilter, SortKey};
use crate::audit::history::HistoryItem;
use crate::auth::session::resolve;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::db::schema::pending_imports;
use crate::db::write_tx;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::i18n::Lang;
use crate::sectors::SectorRow;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{PageCtx, Paging, html, html_status, redirect};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/outlets", web::get().to(list))
        .route("/outlets", web::post().to(create))
        .route("/outlets/export.csv", web::get().to(export))
        .route("/outlets/new", web::get().to(new_form))
        .route("/outlets/import", web::get().to(import_form))
        .route("/outlets/import", web::post().to(import_preview))
        .route("/outlets/import/{id}/confirm", web::post().to(import_confirm))
        .route("/outlets/{id}", web::get().to(show))
        .route("/outlets/{id}", web::post().to(update))
        .route("/outlets/{id}/edit", web::get().to(edit_form))
        .route("/outlets/{id}/delete", web::post().to(delete));
}

// ---------- list ----------

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub commune: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub dir: String,
    #[serde(default)]
    pub page: String,
    #[serde(default)]
    pub per_page: String,
}

fn opt(s: &str) -> Option<String> {
    Some(crate::domain::text::param(s)).filter(|s| !s.is_empty())
}

impl ListQuery {
    pub fn filter(&self) -> OutletFilter {
        let sort = SortKey::parse(&self.sort).unwrap_or_default();
        OutletFilter {
            q: crate::domain::text::param(&self.q),
            sector: opt(&self.sector),
            status: opt(&self.status),
            commune: opt(&self.commune),
            province: opt(&self.province),
            sort,
            desc: self.dir == "desc" || (self.dir.is_empty() && sort == SortKey::Updated),
        }
    }

    pub fn paging(&self) -> Paging {
        Paging::new(self.page.parse().ok(), self.per_page.parse().ok(), 50)
    }

    /// This query with `key` set to `value` (and the page reset unless it is the page).
    pub fn with(&self, key: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("q", self.q.clone()),
            ("sector", self.sector.clone()),
            ("status", self.status.clone()),
            ("commune", self.commune.clone()),
            ("province", self.province.clone()),
            ("sort", self.sort.clone()),
            ("dir", self.dir.clone()),
            ("per_page", self.per_page.clone()),
        ];
        if key == "page" {
            pairs.push(("page", value.to_string()));
        }
        for p in pairs.iter_mut() {
            if p.0 == key {
                p.1 = value.to_string();
            }
        }
        let kept: Vec<(&str, String)> = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        serde_urlencoded::to_string(kept).unwrap_or_default()
    }

    /// Link for a column header: sorts by `key`, flipping the direction when already sorted by it.
    pub fn sort_link(&self, key: &str) -> String {
        let f = self.filter();
        let dir = if f.sort.code() == key && !f.desc { "desc" } else { "asc" };
        let mut q = self.clone();
        q.sort = key.to_string();
        q.dir = dir.to_string();
        q.with("sort", key)
    }

    pub fn sort_mark(&self, key: &str) -> &'static str {
        let f = self.filter();
        if f.sort.code() != key {
            ""
        } else if f.desc {
            " ▼"
        } else {
            " ▲"
        }
    }
}

pub struct ListItem {
    pub id: String,
    pub name: String,
    pub sector: String,
    pub tax_code: String,
    pub address: String,
    pub status_code: &'static str,
    pub status: &'static str,
    pub updated: String,
}

#[derive(Template)]
#[template(path = "outlets/list.html")]
struct ListPage {
    ctx: PageCtx,
    query: ListQuery,
    rows: Vec<ListItem>,
    paging: Paging,
    sectors: Vec<(String, String)>,
    statuses: Vec<(String, String)>,
    communes: Vec<String>,
    provinces: Vec<String>,
    per_page_choices: Vec<i64>,
    can_write: bool,
    can_import: bool,
}

fn sector_options(sectors: &[SectorRow], lang: Lang) -> Vec<(String, String)> {
    sectors.iter().filter(|s| s.active).map(|s| (s.code.clone(), s.name(lang).to_string())).collect()
}

fn sector_name(sectors: &[SectorRow], code: &str, lang: Lang) -> String {
    sectors.iter().find(|s| s.code == code).map(|s| s.name(lang).to_string()).unwrap_or_else(|| code.to_string())
}

async fn list(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletRead)?;
    let query = query.into_inner();
    let filter = query.filter();
    let mut paging = query.paging();
    let (offset, limit) = (paging.offset(), paging.per_page);
    let (rows, total, sectors, (communes, provinces)) = state
        .db
        .run(move |conn| {
            let (rows, total) = repo::list(conn, &filter, offset, limit)?;
            Ok((rows, total, crate::sectors::repo::all(conn)?, repo::places(conn)?))
        })
        .await?;
    paging.total = total;
    let lang = user.lang;
    let t = crate::i18n::Tr::new(lang);
    let items = rows
        .iter()
        .map(|o| ListItem {
            id: o.id.clone(),
            name: o.name.clone(),
            sector: sector_name(&sectors, &o.sector_code, lang),
            tax_code: o.tax_code.clone().unwrap_or_default(),
            address: o.full_address(),
            status_code: o.status().code(),
            status: t.t(o.status().label_key()),
            updated: crate::time::show_vn(&o.updated_at).chars().take(10).collect(),
        })
        .collect();
    html(&ListPage {
        ctx: PageCtx::new(&req, Some(&user), "outlets"),
        query,
        rows: items,
        paging,
        sectors: sector_options(&sectors, lang),
        statuses: OutletStatus::ALL.iter().map(|s| (s.code().to_string(), t.t(s.label_key()).to_string())).collect(),
        communes,
        provinces,
        per_page_choices: Paging::PER_PAGE_CHOICES.to_vec(),
        can_write: user.can(Permission::OutletWrite),
        can_import: user.can(Permission::OutletImport),
    })
}

async fn export(
    user: WebUser,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletRead)?;
    let filter = query.filter();
    let lang = user.lang;
    let bytes = state
        .db
        .run(move |conn| {
            let rows = repo::all_matching(conn, &filter)?;
            let sectors = crate::sectors::repo::all(conn)?;
            Ok(csv_io::export(&rows, &sectors, lang)?)
        })
        .await?;
    let name = format!("co-so-{}.csv", crate::time::today_vn().format("%Y%m%d"));
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .body(bytes))
}

// ---------- form ----------

pub struct SectorGroup {
    pub code: String,
    pub name: String,
    pub selected: bool,
    pub fields: Vec<FormField>,
}

#[derive(Template)]
#[template(path = "outlets/form.html")]
struct FormPage {
    ctx: PageCtx,
    title: String,
    action: String,
    cancel: String,
    fields: Vec<FormField>,
    groups: Vec<SectorGroup>,
    has_errors: bool,
    version: String,
}

fn form_page(
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

fn form_from_row(o: &OutletRow, sectors: &[SectorRow]) -> OutletForm {
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

async fn new_form(req: HttpRequest, user: WebUser, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletWrite)?;
    let agency_id = user.agency_id().to_string();
    let (sectors, agency) = state
        .db
        .run(move |conn| Ok((crate::sectors::repo::all(conn)?, crate::agencies::repo::find(conn, &agency_id)?)))
        .await?;
    let mut form = OutletForm::default();
    form.fields.insert("province".into(), agency.province);
    form.fields.insert("kind".into(), "enterprise".into());
    form.fields.insert("status".into(), "active".into());
    html(&form_page(&req, &user, &form, &FieldErrors::new(), &sectors, None))
}

async fn create(
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
            let sectors = crate::sectors::repo::all(conn)?;
            let valid = match draft.validate(&sectors) {
                Ok(v) => v,
                Err(e) => return Ok((Err(e), sectors)),
            };
            match repo::create(conn, &actor, &valid) {
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

async fn edit_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletWrite)?;
    let id = path.into_inner();
    let (row, sectors) =
        state.db.run(move |conn| Ok((repo::find(conn, &id)?, crate::sectors::repo::all(conn)?))).await?;
    let form = form_from_row(&row, &sectors);
    html(&form_page(&req, &user, &form, &FieldErrors::new(), &sectors, Some(&row)))
}

async fn update(
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
            let sectors = crate::sectors::repo::all(conn)?;
            let current = repo::find(conn, &id2)?;
            let valid: ValidOutlet = match draft.validate(&sectors) {
                Ok(v) => v,
                Err(e) => return Ok((Err(e), sectors, current)),
            };
            match repo::update(conn, &actor, &id2, &valid, version) {
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

async fn delete(
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::OutletDelete)?;
    let id = path.into_inner();
    let actor = user.actor();
    state.db.run(move |conn| repo::delete(conn, &actor, &id)).await?;
    Ok(redirect("/outlets?m=deleted"))
}

// ---------- detail ----------

#[derive(Template)]
#[template(path = "outlets/show.html")]
struct ShowPage {
    ctx: PageCtx,
    o: OutletRow,
    sector: String,
    kind: &'static str,
    status: &'static str,
    status_code: &'static str,
    emails: Vec<String>,
    attrs: Vec<(String, String)>,
    updated: String,
    panels: Vec<crate::outlets::panels::Panel>,
    history: Vec<HistoryItem>,
    can_write: bool,
    can_delete: bool,
}

async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    panels: web::Data<crate::outlets::panels::OutletPanels>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletRead)?;
    let id = path.into_inner();
    let (reader, panels) = (user.clone(), panels.get_ref().clone());
    let (o, sectors, history, panels) = state
        .db
        .run(move |conn| {
            let o = repo::find(conn, &id)?;
            let h = crate::audit::repo::history(conn, "outlet", &id, None)?;
            let panels = panels.render(conn, &crate::outlets::panels::PanelCtx { user: &reader, outlet: &o })?;
            Ok((o, crate::sectors::repo::all(conn)?, h, panels))
        })
        .await?;
    let lang = user.lang;
    let t = crate::i18n::Tr::new(lang);
    let attrs_v = o.attrs();
    let attrs = sectors
        .iter()
        .find(|s| s.code == o.sector_code)
        .map(|s| {
            s.attrs()
                .iter()
                .filter_map(|d| attrs_v.get(&d.key).map(|v| (d.label(lang).to_string(), d.display(Some(v)))))
                .collect()
        })
        .unwrap_or_default();
    html(&ShowPage {
        ctx: PageCtx::new(&req, Some(&user), "outlets"),
        sector: sector_name(&sectors, &o.sector_code, lang),
        kind: t.t(o.kind().label_key()),
        status: t.t(o.status().label_key()),
        status_code: o.status().code(),
        emails: o.emails(),
        attrs,
        updated: crate::time::show_vn(&o.updated_at),
        panels,
        history: HistoryItem::from_rows(&history, lang),
        can_write: user.can(Permission::OutletWrite),
        can_delete: user.can(Permission::OutletDelete),
        o,
    })
}

// ---------- import ----------

pub struct PreviewRow {
    pub line: usize,
    pub name: String,
    pub tax_code: String,
    pub sector: String,
    pub errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "outlets/import.html")]
struct ImportPage {
    ctx: PageCtx,
    file_errors: Vec<String>,
    rows: Vec<PreviewRow>,
    ok_count: usize,
    bad_count: usize,
    pending_id: String,
    file_name: String,
    previewed: bool,
    columns: Vec<(&'static str, &'static str)>,
}

fn import_page(
    req: &HttpRequest,
    user: &Identity,
    parsed: Option<&ParsedFile>,
    pending_id: String,
    file_name: String,
) -> ImportPage {
    let lang = user.lang;
    let (file_errors, rows, ok, bad) = match parsed {
        None => (vec![], vec![], 0, 0),
        Some(p) => (
            p.file_errors.iter().map(|e| e.message(lang)).collect(),
            p.rows
                .iter()
                .map(|r| PreviewRow {
                    line: r.line,
                    name: r.name.clone(),
                    tax_code: r.tax_code.clone(),
                    sector: r.sector.clone(),
                    errors: match &r.result {
                        Ok(_) => vec![],
                        Err(e) => {
                            e.0.iter()
                                .map(|fe| format!("{}: {}", field_label(&fe.field, lang), fe.message(lang)))
                                .collect()
                        }
                    },
                })
                .collect(),
            p.ok_count(),
            p.bad_count(),
        ),
    };
    ImportPage {
        ctx: PageCtx::new(req, Some(user), "outlets"),
        file_errors,
        rows,
        ok_count: ok,
        bad_count: bad,
        pending_id,
        file_name,
        previewed: parsed.is_some(),
        columns: csv_io::COLUMNS.to_vec(),
    }
}

fn field_label(field: &str, lang: Lang) -> String {
    let key = match field {
        "name" => "outlets.name",
        "sector" => "outlets.sector",
        "kind" => "outlets.kind",
        "tax_code" => "outlets.tax_code",
        "business_reg_no" => "outlets.business_reg_no",
        "address" => "outlets.address",
        "commune" => "outlets.commune",
        "province" => "outlets.province",
        "legal_representative" => "outlets.legal_representative",
        "phone" => "outlets.phone",
        "notice_emails" => "outlets.notice_emails",
        "status" => "common.status",
        "notes" => "common.notes",
        "row" => "outlets.row",
        other => return other.to_string(),
    };
    crate::i18n::lookup(lang, key).to_string()
}

async fn import_form(req: HttpRequest, user: WebUser) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletImport)?;
    html(&import_page(&req, &user, None, String::new(), String::new()))
}

async fn import_preview(
    req: HttpRequest,
    payload: Multipart,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let Some(user) = resolve(&req).await? else {
        return Ok(redirect("/login"));
    };
    let upload = crate::web::upload::read(payload, state.config.settings.max_upload_kib * 1024).await?;
    upload.check_csrf(&user)?;
    let (file_name, bytes) =
        (if upload.file_name.is_empty() { "upload.csv".to_string() } else { upload.file_name }, upload.bytes);
    user.require(Permission::OutletImport)?;
    let file_name: String = file_name.chars().take(120).collect();
    let agency_id = user.agency_id().to_string();
    let user_id = user.user.id.clone();
    let fname = file_name.clone();
    let (parsed, pending_id) = state
        .db
        .run(move |conn| {
            let sectors = crate::sectors::repo::all(conn)?;
            let parsed = parse_with_db(conn, &bytes, &sectors)?;
            let mut pending_id = String::new();
            if parsed.is_clean() {
                let id = uuid::Uuid::now_v7().to_string();
                let content = String::from_utf8_lossy(&bytes).to_string();
                write_tx(conn, |conn| {
                    use diesel::prelude::*;
                    let old = crate::time::now() - chrono::Duration::days(1);
                    diesel::delete(pending_imports::table.filter(pending_imports::created_at.lt(old))).execute(conn)?;
                    diesel::insert_into(pending_imports::table)
                        .values((
                            pending_imports::id.eq(&id),
                            pending_imports::agency_id.eq(&agency_id),
                            pending_imports::user_id.eq(&user_id),
                            pending_imports::file_name.eq(&fname),
                            pending_imports::content.eq(&content),
                            pending_imports::created_at.eq(crate::time::now()),
                        ))
                        .execute(conn)?;
                    Ok::<_, AppError>(())
                })?;
                pending_id = id;
            }
            Ok((parsed, pending_id))
        })
        .await?;
    let status = if parsed.is_clean() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    html_status(status, &import_page(&req, &user, Some(&parsed), pending_id, file_name))
}

/// Parses a file, looking up each tax code in the registry.
pub fn parse_with_db(
    conn: &mut crate::db::DbConnection,
    bytes: &[u8],
    sectors: &[SectorRow],
) -> Result<ParsedFile, AppError> {
    let mut lookup_err = None;
    let parsed = {
        let mut dup = |tax: &str| match repo::find_by_tax_code(conn, tax) {
            Ok(found) => found.map(|o| o.name),
            Err(e) => {
                lookup_err = Some(e);
                None
            }
        };
        csv_io::parse(bytes, sectors, &mut dup)
    };
    if let Some(e) = lookup_err {
        return Err(e);
    }
    Ok(parsed)
}

async fn import_confirm(
    req: HttpRequest,
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: crate::web::IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::OutletImport)?;
    let id = path.into_inner();
    let actor = user.actor();
    let agency_id = user.agency_id().to_string();
    let user_id = user.user.id.clone();
    let outcome = state
        .db
        .run(move |conn| {
            use diesel::prelude::*;
            write_tx(conn, |conn| {
                let (content, file_name): (String, String) = pending_imports::table
                    .find(&id)
                    .filter(pending_imports::agency_id.eq(&agency_id))
                    .filter(pending_imports::user_id.eq(&user_id))
                    .select((pending_imports::content, pending_imports::file_name))
                    .first(conn)?;
                let sectors = crate::sectors::repo::all(conn)?;
                let parsed = parse_with_db(conn, content.as_bytes(), &sectors)?;
                if !parsed.is_clean() {
                    return Ok(Err((parsed, file_name)));
                }
                for row in &parsed.rows {
                    if let Ok(v) = &row.result {
                        repo::insert(conn, &actor, v, crate::audit::AuditAction::Import)?;
                    }
                }
                diesel::delete(pending_imports::table.find(&id)).execute(conn)?;
                Ok(Ok(parsed.rows.len()))
            })
        })
        .await?;
    match outcome {
        Ok(n) => {
            tracing::info!(outlets.imported = n, "CSV import written");
            Ok(redirect("/outlets?m=imported&sort=updated&dir=desc"))
        }
        Err((parsed, file_name)) => html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &import_page(&req, &user, Some(&parsed), String::new(), file_name),
        ),
    }
}
