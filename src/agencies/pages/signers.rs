//! The agency's signers as a list: one row per signer, edited in place (each row keeps its id, which
//! documents name), two blank rows to add more, a box to remove a signer no document names. Errors
//! stand beside the field of the row they concern, with the input kept.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::agencies::forms::{Omitted, SignerInput};
use crate::agencies::model::{AgencyRow, SIGNER_PREFIXES, SignerView};
use crate::agencies::queries;
use crate::agencies::steps::signers;
use crate::auth::{CsrfForm, Identity, Permission, WebUser};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::{IdPath, PageCtx, html_status, redirect};

/// Blank rows offered for new signers (a script adds more where it runs).
const BLANK_ROWS: usize = 2;

/// One row of the table: what it holds, what the agency's records say of it, its errors.
pub struct SignerLine {
    pub i: usize,
    pub input: SignerInput,
    pub id: String,
    pub documents: i64,
    /// "Named on N documents", in the reader's language.
    pub used: String,
    pub in_force: bool,
    errors: Vec<(String, String)>,
}

impl SignerLine {
    /// The error beside `field` of this row.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
    pub fn is_new(&self) -> bool {
        self.id.is_empty()
    }
    /// The delegation to sanction as the row holds it.
    pub fn delegation(&self) -> &str {
        self.input.sanction_delegation.as_deref().unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "admin/agency_signers.html")]
pub struct SignersPage {
    ctx: PageCtx,
    agency: AgencyRow,
    lines: Vec<SignerLine>,
    prefixes: Vec<(&'static str, &'static str)>,
    /// Errors not tied to a row (none expected from this page, which names every row it sends).
    other_errors: Vec<String>,
    has_errors: bool,
}

fn input_of(v: &SignerView) -> SignerInput {
    let s = &v.signer;
    SignerInput {
        id: Some(s.id.clone()),
        prefix: s.prefix.clone(),
        authority_title: s.authority_title.clone(),
        title: s.title.clone(),
        full_name: s.full_name.clone(),
        valid_from: s.valid_from.to_string(),
        valid_to: s.valid_to.map(|d| d.to_string()).unwrap_or_default(),
        sanction_delegation: Some(s.sanction_delegation.clone()),
        remove: false,
    }
}

/// The rows the form sent (`signers.<row>.<field>`), in row order.
pub fn rows_from_form(m: &BTreeMap<String, String>) -> Vec<SignerInput> {
    let mut rows: BTreeMap<usize, SignerInput> = BTreeMap::new();
    for (k, v) in m {
        let Some((i, field)) = k.strip_prefix("signers.").and_then(|r| r.split_once('.')) else { continue };
        let Ok(i) = i.parse::<usize>() else { continue };
        let row = rows.entry(i).or_default();
        match field {
            "id" => row.id = Some(v.clone()),
            "prefix" => row.prefix = v.clone(),
            "authority_title" => row.authority_title = v.clone(),
            "title" => row.title = v.clone(),
            "full_name" => row.full_name = v.clone(),
            "valid_from" => row.valid_from = v.clone(),
            "valid_to" => row.valid_to = v.clone(),
            "sanction_delegation" => row.sanction_delegation = Some(v.clone()),
            "remove" => row.remove = !v.is_empty(),
            _ => {}
        }
    }
    rows.into_values().collect()
}

fn page(
    req: &HttpRequest,
    user: &Identity,
    agency: AgencyRow,
    views: &[SignerView],
    rows: Vec<SignerInput>,
    errors: &FieldErrors,
) -> SignersPage {
    let t = Tr::new(user.lang);
    let lines: Vec<SignerLine> = rows
        .into_iter()
        .enumerate()
        .map(|(i, input)| {
            let id = input.id.clone().unwrap_or_default();
            let view = views.iter().find(|v| !id.is_empty() && v.signer.id == id);
            let at = format!("signers.{i}.");
            let documents = view.map_or(0, |v| v.documents);
            SignerLine {
                i,
                documents,
                used: t.t("agencies.signer_used").replace("{}", &documents.to_string()),
                in_force: view.is_some_and(|v| v.in_force),
                errors: errors
                    .0
                    .iter()
                    .filter_map(|e| e.field.strip_prefix(&at).map(|f| (f.to_string(), e.message(user.lang))))
                    .collect(),
                id,
                input,
            }
        })
        .collect();
    SignersPage {
        ctx: PageCtx::new(req, Some(user), "agencies"),
        agency,
        lines,
        prefixes: SIGNER_PREFIXES
            .iter()
            .map(|p| {
                let label = if p.is_empty() {
                    t.t("agencies.signer_prefix_none")
                } else {
                    t.t(&format!("agencies.signer_prefix.{p}"))
                };
                (*p, label)
            })
            .collect(),
        other_errors: errors
            .0
            .iter()
            .filter(|e| !e.field.starts_with("signers."))
            .map(|e| e.message(user.lang))
            .collect(),
        has_errors: !errors.is_empty(),
    }
}

pub async fn show(
    req: HttpRequest,
    user: WebUser,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let user = user.0;
    let id = path.into_inner();
    user.require_for_agency(Permission::AgencyManage, &id)?;
    let (agency, views) = state.db.run(move |conn| queries::signer_views(conn, &id)).await?;
    let mut rows: Vec<SignerInput> = views.iter().map(input_of).collect();
    rows.extend((0..BLANK_ROWS).map(|_| SignerInput::default()));
    html_status(StatusCode::OK, &page(&req, &user, agency, &views, rows, &FieldErrors::new()))
}

pub async fn save(
    req: HttpRequest,
    form: CsrfForm<BTreeMap<String, String>>,
    state: web::Data<AppState>,
    path: IdPath,
) -> Result<HttpResponse, AppError> {
    let CsrfForm { form, user } = form;
    let id = path.into_inner();
    user.require_for_agency(Permission::AgencyManage, &id)?;
    let rows = rows_from_form(&form);
    let (actor, agency_id, sent) = (user.actor(), id.clone(), rows.clone());
    let saved = state.db.run(move |conn| signers::save(conn, &actor, &agency_id, &sent, Omitted::Kept)).await;
    match saved {
        Ok(_) => Ok(redirect(&format!("/admin/agencies/{id}/signers?m=saved"))),
        Err(AppError::Validation(e)) => {
            let (agency, views) = state.db.run(move |conn| queries::signer_views(conn, &id)).await?;
            html_status(StatusCode::UNPROCESSABLE_ENTITY, &page(&req, &user, agency, &views, rows, &e))
        }
        Err(e) => Err(e),
    }
}
