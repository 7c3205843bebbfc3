//! Document pages: list, draft form, detail with history, PDF preview and download, issue, signed
//! copy, corrections; and the public verification page.

use actix_multipart::Multipart;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use super::repo::{self, DocFilter, DocumentRow, DraftInput};
use super::spec::DocType;
use crate::audit::history::HistoryItem;
use crate::auth::session::{make_signed_cookie, resolve, signed_cookie};
use crate::auth::{CsrfForm, Identity, Permission, WebUser, constant_time_eq};
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::form::{FormField, Widget, attach};
use crate::web::{IdPath, PageCtx, Paging, html, html_status, redirect};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/documents", web::get().to(index))
        .route("/documents", web::post().to(create))
        .route("/documents/new", web::get().to(new_form))
        .route("/documents/{id}", web::get().to(show))
        .route("/documents/{id}", web::post().to(update))
        .route("/documents/{id}/edit", web::get().to(edit_form))
        .route("/documents/{id}/pdf", web::get().to(pdf))
        .route("/documents/{id}/issue", web::post().to(issue))
        .route("/documents/{id}/signed", web::post().to(upload_signed))
        .route("/documents/{id}/signed.pdf", web::get().to(signed_pdf))
        .route("/documents/{id}/correct", web::get().to(correct_form))
        .route("/documents/{id}/send", web::get().to(send_form))
        .route("/documents/{id}/send", web::post().to(send_post))
        .route("/deliveries/{id}/resend", web::post().to(resend))
        .route("/verify/{id}", web::get().to(verify_page))
        .route("/verify/{id}", web::post().to(verify_upload));
}

// ---------- list ----------

pub struct DocItem {
    pub id: String,
    pub doc_type: &'static str,
    pub symbol: String,
    pub summary: String,
    pub status: String,
    pub issued: bool,
    pub date: String,
}

#[derive(Template)]
#[template(path = "documents/list.html")]
struct ListPage {
    ctx: PageCtx,
    items: Vec<DocItem>,
    paging: Paging,
    query: ListQuery,
    types: Vec<(String, String)>,
    can_write: bool,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    pub doc_type: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub outlet: String,
    #[serde(default)]
    pub page: String,
}

impl ListQuery {
    fn filter(&self) -> DocFilter {
        let o = |s: &str| Some(crate::domain::text::param(s)).filter(|s| !s.is_empty());
        DocFilter {
            doc_type: o(&self.doc_type),
            year: self.year.trim().parse().ok(),
            status: o(&self.status),
            outlet_id: o(&self.outlet),
            q: String::new(),
        }
    }
    pub fn page_link(&self, page: i64) -> String {
        serde_urlencoded::to_string([
            ("doc_type", self.doc_type.as_str()),
            ("year", self.year.as_str()),
            ("status", self.status.as_str()),
            ("outlet", self.outlet.as_str()),
            ("page", page.to_string().as_str()),
        ])
        .unwrap_or_default()
    }
}

fn item(d: &DocumentRow, t: Tr) -> DocItem {
    DocItem {
        id: d.id.clone(),
        doc_type: d.doc_type().label_vi(),
        symbol: d.symbol.clone().unwrap_or_default(),
        summary: if d.summary.is_empty() { d.title.clone() } else { d.summary.clone() },
        status: t.t(if d.is_issued() { "documents.issued" } else { "documents.draft" }).to_string(),
        issued: d.is_issued(),
        date: d
            .issued_on
            .map(|x| x.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|| crate::time::show_vn(&d.updated_at)),
    }
}

fn type_options() -> Vec<(String, String)> {
    DocType::ALL.iter().map(|t| (t.code().to_string(), t.label_vi().to_string())).collect()
}

async fn index(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentRead)?;
    let q = q.into_inner();
    let filter = q.filter();
    let mut paging = Paging::new(q.page.parse().ok(), None, 50);
    let (offset, limit) = (paging.offset(), paging.per_page);
    let agency = user.agency_id().to_string();
    let (rows, total) = state.db.run(move |conn| repo::list(conn, &agency, &filter, offset, limit)).await?;
    paging.total = total;
    let t = Tr::new(user.lang);
    html(&ListPage {
        ctx: PageCtx::new(&req, Some(&user), "documents"),
        items: rows.iter().map(|d| item(d, t)).collect(),
        paging,
        query: q,
        types: type_options(),
        can_write: user.can(Permission::DocumentWrite),
    })
}

// ---------- draft form ----------

#[derive(Template)]
#[template(path = "documents/form.html")]
struct FormPage {
    ctx: PageCtx,
    title: String,
    action: String,
    fields: Vec<FormField>,
    has_errors: bool,
    version: String,
}

async fn form_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    input: &DraftInput,
    errors: &FieldErrors,
    editing: Option<(String, i32)>,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let (signers, outlets) = state
        .db
        .run(move |conn| {
            let full = crate::agencies::repo::full(conn, &agency)?;
            let (outlets, _) =
                crate::outlets::queries::list(conn, &crate::outlets::queries::OutletFilter::default(), 0, 500)?;
            Ok((full.signers, outlets))
        })
        .await?;
    let t = Tr::new(user.lang);
    let today = crate::time::today_vn();
    let mut signer_opts = vec![(String::new(), "—".to_string())];
    signer_opts.extend(
        signers
            .iter()
            .filter(|s| s.in_force_on(today) || Some(&s.id) == Some(&input.signer_id))
            .map(|s| (s.id.clone(), format!("{} — {}", s.block_lines().join(" / "), s.full_name))),
    );
    let mut outlet_opts = vec![(String::new(), "—".to_string())];
    outlet_opts.extend(outlets.iter().map(|o| (o.id.clone(), o.name.clone())));
    let fields = attach(
        vec![
            FormField::new("doc_type", t.t("documents.type"), input.doc_type.clone(), Widget::Select(type_options()))
                .required(),
            FormField::new("outlet_id", t.t("documents.outlet"), input.outlet_id.clone(), Widget::Select(outlet_opts)),
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
                .hint(t.t("documents.signer_hint")),
            FormField::new("unit_code", t.t("documents.unit_code"), input.unit_code.clone(), Widget::Text)
                .hint(t.t("documents.unit_code_hint")),
            FormField::new("drafter_name", t.t("documents.drafter_name"), input.drafter_name.clone(), Widget::Text)
                .hint(t.t("documents.drafter_name_hint")),
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
struct NewQuery {
    #[serde(default)]
    doc_type: String,
    #[serde(default)]
    outlet: String,
}

async fn new_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    q: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentWrite)?;
    let doc_type = DocType::parse(&q.doc_type).unwrap_or(DocType::Notice);
    let wording = super::defaults::load(doc_type);
    let input = DraftInput {
        doc_type: doc_type.code().into(),
        outlet_id: q.outlet.clone(),
        title: wording.title,
        bases: wording.bases,
        body: wording.body,
        recipients: wording.recipients,
        ..DraftInput::default()
    };
    form_page(&req, &user, &state, &input, &FieldErrors::new(), None).await
}

async fn correct_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentWrite)?;
    let id = path.into_inner();
    let agency = user.agency_id().to_string();
    let d = state.db.run(move |conn| repo::find(conn, &id, &agency)).await?;
    if !d.is_issued() {
        return Err(AppError::from(Code::CorrectOnlyIssued));
    }
    let mut input = d.to_input();
    input.corrects_id = d.id.clone();
    input.summary = format!("Đính chính {}", d.symbol.clone().unwrap_or_default());
    form_page(&req, &user, &state, &input, &FieldErrors::new(), None).await
}

#[derive(Debug, Default, serde::Deserialize)]
struct DraftForm {
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
        }
    }
}

async fn create(
    req: HttpRequest,
    form: CsrfForm<DraftForm>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::DocumentWrite)?;
    let input = form.input();
    let fields = match input.validate() {
        Ok(f) => f,
        Err(e) => return form_page(&req, &user, &state, &input, &e, None).await,
    };
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    match state.db.run(move |conn| repo::create_draft(conn, &actor, &agency, fields)).await {
        Ok(d) => Ok(redirect(&format!("/documents/{}?m=created", d.id))),
        Err(AppError::Validation(e)) => form_page(&req, &user, &state, &input, &e, None).await,
        Err(e) => Err(e),
    }
}

async fn edit_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentWrite)?;
    let id = path.into_inner();
    let agency = user.agency_id().to_string();
    let d = state.db.run(move |conn| repo::find(conn, &id, &agency)).await?;
    if d.is_issued() {
        return Ok(redirect(&format!("/documents/{}", d.id)));
    }
    form_page(&req, &user, &state, &d.to_input(), &FieldErrors::new(), Some((d.id.clone(), d.version))).await
}

async fn update(
    req: HttpRequest,
    form: CsrfForm<DraftForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::DocumentWrite)?;
    let id = path.into_inner();
    let input = form.input();
    let version: Option<i32> = form.version.parse().ok();
    let editing = Some((id.clone(), version.unwrap_or(0)));
    let fields = match input.validate() {
        Ok(f) => f,
        Err(e) => return form_page(&req, &user, &state, &input, &e, editing).await,
    };
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let id2 = id.clone();
    match state.db.run(move |conn| repo::update_draft(conn, &actor, &id2, &agency, fields, version)).await {
        Ok(_) => Ok(redirect(&format!("/documents/{id}?m=saved"))),
        Err(AppError::Validation(e)) => form_page(&req, &user, &state, &input, &e, editing).await,
        Err(e) => Err(e),
    }
}

// ---------- detail ----------

#[derive(Template)]
#[template(path = "documents/show.html")]
struct ShowPage {
    ctx: PageCtx,
    d: DocumentRow,
    type_label: &'static str,
    outlet: String,
    problems: Vec<String>,
    history: Vec<HistoryItem>,
    can_write: bool,
    can_issue: bool,
    verify_url: String,
    error: Option<String>,
    deliveries: Vec<crate::mail::view::Delivery>,
}

async fn show_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let (d, outlet, history, messages) = state
        .db
        .run(move |conn| {
            let d = repo::find(conn, &id, &agency)?;
            let outlet = match &d.outlet_id {
                Some(o) => crate::outlets::queries::find(conn, o).map(|o| o.name).unwrap_or_default(),
                None => String::new(),
            };
            let h = crate::audit::repo::history(conn, "document", &id, Some(&agency))?;
            let m = crate::mail::outbox::for_record(conn, "document", &id)?;
            Ok((d, outlet, h, m))
        })
        .await?;
    let lang = user.lang;
    let problems = if d.is_issued() {
        vec![]
    } else {
        repo::issue_problems(&d).0.iter().map(|e| format!("{}: {}", e.field, e.message(lang))).collect()
    };
    let verify_url = d.verify_code.as_ref().map(|c| format!("{}/verify/{c}", state.base_url(req))).unwrap_or_default();
    html_status(
        if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK },
        &ShowPage {
            ctx: PageCtx::new(req, Some(user), "documents"),
            type_label: d.doc_type().label_vi(),
            outlet,
            problems,
            history: HistoryItem::from_rows(&history, lang),
            can_write: user.can(Permission::DocumentWrite),
            can_issue: user.can(Permission::DocumentIssue),
            verify_url,
            error,
            deliveries: crate::mail::view::deliveries(&messages, Tr::new(lang)),
            d,
        },
    )
}

async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentRead)?;
    show_page(&req, &user, &state, path.into_inner(), None).await
}

fn pdf_response(bytes: Vec<u8>, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes)
}

async fn pdf(user: WebUser, state: web::Data<AppState>, path: IdPath) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentRead)?;
    let id = path.into_inner();
    let agency = user.agency_id().to_string();
    let files = state.files.clone();
    let (bytes, name) = state
        .db
        .run(move |conn| {
            let d = repo::find(conn, &id, &agency)?;
            let bytes = match &d.file_sha256 {
                Some(sha) => files.get(conn, sha)?.ok_or(AppError::NotFound)?,
                None => {
                    let spec = repo::spec_for(conn, &d, None)?;
                    super::render(&spec).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?
                }
            };
            Ok((bytes, d.file_name()))
        })
        .await?;
    Ok(pdf_response(bytes, &name))
}

async fn issue(
    req: HttpRequest,
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::DocumentIssue)?;
    let id = path.into_inner();
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let base = state.base_url(&req);
    let files = state.files.clone();
    let id2 = id.clone();
    match state.db.run(move |conn| repo::issue(conn, files.as_ref(), &actor, &id2, &agency, &base)).await {
        Ok(d) => Ok(redirect(&format!("/documents/{}?m=saved", d.id))),
        Err(AppError::Validation(e)) => {
            let msg =
                e.0.iter().map(|f| format!("{}: {}", f.field, f.message(user.lang))).collect::<Vec<_>>().join("; ");
            show_page(&req, &user, &state, id, Some(msg)).await
        }
        Err(AppError::Conflict(m)) => show_page(&req, &user, &state, id, Some(m.message(user.lang))).await,
        Err(e) => Err(e),
    }
}

async fn upload_signed(
    req: HttpRequest,
    payload: Multipart,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let Some(user) = resolve(&req).await? else {
        return Ok(redirect("/login"));
    };
    let upload = crate::web::upload::read(payload, state.config.settings.max_upload_kib * 1024).await?;
    upload.check_csrf(&user)?;
    user.require(Permission::DocumentIssue)?;
    let bytes = upload.bytes;
    let id = path.into_inner();
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let files = state.files.clone();
    let id2 = id.clone();
    match state.db.run(move |conn| repo::attach_signed(conn, files.as_ref(), &actor, &id2, &agency, &bytes)).await {
        Ok(_) => Ok(redirect(&format!("/documents/{id}?m=saved"))),
        Err(AppError::Validation(e)) => {
            let msg = e.0.first().map(|f| f.message(user.lang)).unwrap_or_default();
            show_page(&req, &user, &state, id, Some(msg)).await
        }
        Err(AppError::Conflict(m)) => show_page(&req, &user, &state, id, Some(m.message(user.lang))).await,
        Err(e) => Err(e),
    }
}

async fn signed_pdf(user: WebUser, state: web::Data<AppState>, path: IdPath) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentRead)?;
    let id = path.into_inner();
    let agency = user.agency_id().to_string();
    let files = state.files.clone();
    let (bytes, name) = state
        .db
        .run(move |conn| {
            let d = repo::find(conn, &id, &agency)?;
            let sha = d.signed_sha256.clone().ok_or(AppError::NotFound)?;
            Ok((files.get(conn, &sha)?.ok_or(AppError::NotFound)?, d.file_name().replace(".pdf", "-ban-ky.pdf")))
        })
        .await?;
    Ok(pdf_response(bytes, &name))
}

// ---------- public verification ----------

const VERIFY_CSRF: &str = "tt_verify";

#[derive(Template)]
#[template(path = "documents/verify.html")]
struct VerifyPage {
    ctx: PageCtx,
    code: String,
    found: bool,
    symbol: String,
    doc_type: String,
    date: String,
    issuer: String,
    sha256: String,
    result: Option<bool>,
    csrf: String,
}

async fn verify_render(
    req: &HttpRequest,
    state: &AppState,
    code: String,
    result: Option<bool>,
) -> Result<HttpResponse, AppError> {
    let c2 = code.clone();
    let d = state.db.run(move |conn| repo::by_verify_code(conn, &c2)).await?;
    let csrf = crate::auth::random_token();
    let (found, symbol, doc_type, date, issuer, sha) = match &d {
        Some(d) => {
            let spec = serde_json::from_str::<super::DocSpec>(d.snapshot.as_deref().unwrap_or("{}")).ok();
            (
                true,
                d.symbol.clone().unwrap_or_default(),
                d.doc_type().label_vi().to_string(),
                d.issued_on.map(|x| x.format("%d/%m/%Y").to_string()).unwrap_or_default(),
                spec.map(|s| format!("{} — {}", s.agency, s.governing_body)).unwrap_or_default(),
                d.file_sha256.clone().unwrap_or_default(),
            )
        }
        None => (false, String::new(), String::new(), String::new(), String::new(), String::new()),
    };
    let page = VerifyPage {
        ctx: PageCtx::new(req, None, "verify"),
        code,
        found,
        symbol,
        doc_type,
        date,
        issuer,
        sha256: sha,
        result,
        csrf: csrf.clone(),
    };
    let status = if found { StatusCode::OK } else { StatusCode::NOT_FOUND };
    let mut resp = html_status(status, &page)?;
    resp.add_cookie(&make_signed_cookie(state, VERIFY_CSRF, csrf, Some(3600)))
        .map_err(|e| AppError::Internal(anyhow::anyhow!("cookie: {e}")))?;
    Ok(resp)
}

async fn verify_page(req: HttpRequest, state: web::Data<AppState>, path: IdPath) -> Result<HttpResponse, AppError> {
    verify_render(&req, &state, path.into_inner().to_uppercase(), None).await
}

async fn verify_upload(
    req: HttpRequest,
    payload: Multipart,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let upload = crate::web::upload::read(payload, state.config.settings.max_upload_kib * 1024).await?;
    let (csrf, bytes) = (upload.csrf, upload.bytes);
    let expected = signed_cookie(&req, &state, VERIFY_CSRF).unwrap_or_default();
    if expected.is_empty() || !constant_time_eq(&expected, &csrf) {
        return Err(AppError::Csrf);
    }
    if bytes.is_empty() {
        return Err(FieldErrors(vec![FieldError::new("file", Code::Required)]).into());
    }
    let code = path.into_inner().to_uppercase();
    let c2 = code.clone();
    let d = state.db.run(move |conn| repo::by_verify_code(conn, &c2)).await?;
    let same = d.and_then(|d| d.file_sha256).is_some_and(|sha| sha == crate::files::sha256_hex(&bytes));
    verify_render(&req, &state, code, Some(same)).await
}

// ---------- send to business ----------

#[derive(Template)]
#[template(path = "documents/send.html")]
struct SendPage {
    ctx: PageCtx,
    d: DocumentRow,
    outlet_emails: Vec<(String, bool)>,
    others: String,
    message: String,
    error: Option<String>,
    preview: Option<(String, String)>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct SendForm {
    #[serde(flatten)]
    fields: std::collections::BTreeMap<String, String>,
}

async fn send_page(
    req: &HttpRequest,
    user: &Identity,
    state: &AppState,
    id: String,
    form: Option<&SendForm>,
    error: Option<String>,
    preview: Option<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let agency = user.agency_id().to_string();
    let (d, emails) = state
        .db
        .run(move |conn| {
            let d = repo::find(conn, &id, &agency)?;
            let emails = match &d.outlet_id {
                Some(o) => crate::outlets::queries::find(conn, o).map(|o| o.emails()).unwrap_or_default(),
                None => vec![],
            };
            Ok((d, emails))
        })
        .await?;
    let chosen = |e: &str| form.map(|f| f.fields.contains_key(&format!("to.{e}"))).unwrap_or(true);
    let page = SendPage {
        ctx: PageCtx::new(req, Some(user), "documents"),
        outlet_emails: emails.iter().map(|e| (e.clone(), chosen(e))).collect(),
        others: form.and_then(|f| f.fields.get("others").cloned()).unwrap_or_default(),
        message: form.and_then(|f| f.fields.get("message").cloned()).unwrap_or_default(),
        error,
        preview,
        d,
    };
    html_status(if page.error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK }, &page)
}

async fn send_form(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::DocumentIssue)?;
    send_page(&req, &user, &state, path.into_inner(), None, None, None).await
}

async fn send_post(
    req: HttpRequest,
    form: CsrfForm<SendForm>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    user.require(Permission::DocumentIssue)?;
    let id = path.into_inner();
    let mut raw: Vec<String> = form.fields.keys().filter_map(|k| k.strip_prefix("to.").map(str::to_string)).collect();
    raw.push(form.fields.get("others").cloned().unwrap_or_default());
    let recipients = match super::send::parse_recipients(&raw.join("\n")) {
        Ok(r) => r,
        Err(e) => {
            let msg = e.0.first().map(|f| f.message(user.lang)).unwrap_or_default();
            return send_page(&req, &user, &state, id, Some(&form), Some(msg), None).await;
        }
    };
    let message = form.fields.get("message").cloned().unwrap_or_default();
    let actor = user.actor();
    let agency = user.agency_id().to_string();
    let from = state.config.settings.mail_from.clone();
    let base = state.base_url(&req);
    let preview_only = form.fields.get("action").map(String::as_str) == Some("preview");
    let id2 = id.clone();
    let result = state
        .db
        .run(move |conn| {
            if preview_only {
                // Render in a transaction that is rolled back: nothing is queued.
                let mut out = None;
                let _ = crate::db::write_tx::<(), AppError, _>(conn, |conn| {
                    let m = super::send::send(
                        conn,
                        &actor,
                        &id2,
                        &agency,
                        super::send::Outgoing { recipients, cover: &message, from: &from, base_url: &base },
                    )?;
                    out = Some((m.subject, m.body_text));
                    Err(AppError::Internal(anyhow::anyhow!("preview: rolled back")))
                });
                return out.map(Some).ok_or(AppError::from(Code::SendOnlyIssued));
            }
            super::send::send(
                conn,
                &actor,
                &id2,
                &agency,
                super::send::Outgoing { recipients, cover: &message, from: &from, base_url: &base },
            )
            .map(|_| None)
        })
        .await;
    match result {
        Ok(Some(preview)) => send_page(&req, &user, &state, id, Some(&form), None, Some(preview)).await,
        Ok(None) => Ok(redirect(&format!("/documents/{id}?m=saved#deliveries"))),
        Err(AppError::Validation(e)) => {
            let msg = e.0.first().map(|f| f.message(user.lang)).unwrap_or_default();
            send_page(&req, &user, &state, id, Some(&form), Some(msg), None).await
        }
        Err(AppError::Conflict(m)) => {
            send_page(&req, &user, &state, id, Some(&form), Some(m.message(user.lang)), None).await
        }
        Err(e) => Err(e),
    }
}

async fn resend(
    req: HttpRequest,
    form: CsrfForm<crate::web::NoFields>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = form.user;
    user.require(Permission::DocumentIssue)?;
    let id = path.into_inner();
    let agency = user.agency_id().to_string();
    state.db.run(move |conn| crate::mail::outbox::resend(conn, &id, &agency)).await?;
    let back = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| {
            r.split_once("://")
                .map(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()).unwrap_or_else(|| "/".into()))
        })
        .unwrap_or_else(|| "/".into());
    Ok(redirect(&back))
}
