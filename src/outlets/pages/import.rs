//! CSV import: upload, preview with per-row errors, confirmation.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::auth::session::resolve;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::outlets::csv_io::{self, ParsedFile};
use crate::outlets::steps::import;
use crate::state::AppState;
use crate::web::{PageCtx, html, html_status, redirect};

pub struct PreviewRow {
    pub line: usize,
    pub name: String,
    pub tax_code: String,
    pub sector: String,
    pub errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "outlets/import.html")]
pub struct ImportPage {
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

pub fn import_page(
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

pub fn field_label(field: &str, lang: Lang) -> String {
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

pub async fn import_form(req: HttpRequest, user: WebUser) -> Result<HttpResponse, AppError> {
    let user = user.0;
    user.require(Permission::OutletImport)?;
    html(&import_page(&req, &user, None, String::new(), String::new()))
}

pub async fn import_preview(
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
    let (parsed, pending_id) =
        state.db.run(move |conn| import::preview(conn, &agency_id, &user_id, &fname, &bytes)).await?;
    let status = if parsed.is_clean() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    html_status(status, &import_page(&req, &user, Some(&parsed), pending_id, file_name))
}

pub async fn import_confirm(
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
    let outcome = state.db.run(move |conn| import::confirm(conn, &actor, &agency_id, &user_id, &id)).await?;
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
