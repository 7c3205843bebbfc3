//! `/api/v1/documents`.

use actix_web::{HttpResponse, get, patch, post, web};
use serde::Serialize;

use crate::auth::{ApiUser, Permission};
use crate::documents::model::{DocumentRow, DraftInput};
use crate::documents::queries;
use crate::error::ApiResult;
use crate::state::AppState;
use crate::web::IdPath;

#[derive(Serialize, utoipa::ToSchema)]
pub struct DocumentView {
    pub id: String,
    pub doc_type: String,
    /// draft or issued.
    pub status: String,
    pub title: String,
    pub summary: String,
    pub addressees: Vec<String>,
    pub bases: Vec<String>,
    /// The body in the editing markup ("# " headings, "- " bullets, "|" tables).
    pub body: String,
    pub signer_id: Option<String>,
    pub unit_code: String,
    pub recipients: Vec<String>,
    pub outlet_id: Option<String>,
    pub corrects_id: Option<String>,
    /// "05/KL-TTr" once issued.
    pub symbol: Option<String>,
    pub number: Option<i64>,
    pub issued_on: Option<chrono::NaiveDate>,
    pub sha256: Option<String>,
    pub verify_code: Option<String>,
    pub version: i32,
    /// Who signs when no agency signer does (minutes, the team report).
    pub drafter_name: String,
    /// The caption above that name, one line per line.
    pub signer_caption: String,
}

impl From<&DocumentRow> for DocumentView {
    fn from(d: &DocumentRow) -> Self {
        DocumentView {
            id: d.id.to_string(),
            doc_type: d.doc_type.clone(),
            status: d.status.clone(),
            title: d.title.clone(),
            summary: d.summary.clone(),
            addressees: d.addressee_list(),
            bases: d.basis_list(),
            body: super::spec::body_text(&d.body_blocks()),
            signer_id: d.signer_id.clone(),
            unit_code: d.unit_code.clone(),
            recipients: d.recipient_list(),
            outlet_id: d.outlet_id.as_deref().map(str::to_string),
            corrects_id: d.corrects_id.as_deref().map(str::to_string),
            symbol: d.symbol.clone(),
            number: d.number,
            issued_on: d.issued_on,
            sha256: d.file_sha256.clone(),
            verify_code: d.verify_code.clone(),
            version: d.version,
            drafter_name: d.drafter_name.clone(),
            signer_caption: d.signer_caption.clone(),
        }
    }
}

/// One line of the documents list: what it is, its number and state, the outlet it concerns.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DocumentLine {
    pub id: String,
    pub doc_type: String,
    /// draft or issued.
    pub status: String,
    pub title: String,
    pub summary: String,
    /// "05/KL-TTr" once issued.
    pub symbol: Option<String>,
    pub number: Option<i64>,
    pub issued_on: Option<chrono::NaiveDate>,
    pub outlet_id: Option<String>,
    pub version: i32,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: chrono::NaiveDateTime,
}

/// A page of the documents list (100 at most), newest first: `total` counted up to 1,000, `more`
/// when there are more than that.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DocumentList {
    pub total: i64,
    pub more: bool,
    pub items: Vec<DocumentLine>,
}

/// The caller's agency's documents, as the documents page filters them (type, year, state, outlet,
/// or what was mailed in a period with its outcome).
#[utoipa::path(get, path = "/documents", tag = "documents", params(queries::ListQuery), responses((status = 200, body = DocumentList)), security(("bearer" = [])))]
#[get("/documents")]
pub async fn list(
    user: ApiUser,
    state: web::Data<AppState>,
    q: web::Query<queries::ListQuery>,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DocumentRead)?;
    let q = q.into_inner();
    let filter = q.filter();
    let paging = crate::web::Paging::new(q.page.trim().parse().ok(), Some(100), 100);
    let (offset, limit) = (paging.offset(), paging.per_page);
    let agency = u.agency_id().to_string();
    let (rows, total) = state.db.run(move |conn| queries::list(conn, &agency, &filter, offset, limit)).await?;
    let items = rows
        .iter()
        .map(|d| DocumentLine {
            id: d.id.to_string(),
            doc_type: d.doc_type.clone(),
            status: d.status.clone(),
            title: d.title.clone(),
            summary: d.summary.clone(),
            symbol: d.symbol.clone(),
            number: d.number,
            issued_on: d.issued_on,
            outlet_id: d.outlet_id.as_deref().map(str::to_string),
            version: d.version,
            updated_at: d.updated_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(DocumentList { total: total.n, more: total.more, items }))
}

/// Creates a draft (no number until it is issued).
#[utoipa::path(post, path = "/documents", tag = "documents", request_body = DraftInput, responses((status = 201, body = DocumentView), (status = 422)), security(("bearer" = [])))]
#[post("/documents")]
pub async fn create(user: ApiUser, state: web::Data<AppState>, body: web::Json<DraftInput>) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DocumentWrite)?;
    let fields = body.into_inner().validate()?;
    let actor = u.actor();
    let agency = u.agency_id().to_string();
    let d =
        state.db.run(move |conn| crate::documents::steps::draft::create_draft(conn, &actor, &agency, fields)).await?;
    Ok(HttpResponse::Created().json(DocumentView::from(&d)))
}

/// One document of the caller's agency.
#[utoipa::path(get, path = "/documents/{id}", tag = "documents", params(("id" = String, Path)), responses((status = 200, body = DocumentView), (status = 404)), security(("bearer" = [])))]
#[get("/documents/{id}")]
pub async fn get_one(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DocumentRead)?;
    let id = path.into_inner();
    let agency = u.agency_id().to_string();
    let d = state.db.run(move |conn| queries::find(conn, &id, &agency)).await?;
    Ok(HttpResponse::Ok().json(DocumentView::from(&d)))
}

/// Replaces a draft's content. An issued document is never edited (409).
#[utoipa::path(patch, path = "/documents/{id}", tag = "documents", params(("id" = String, Path)), request_body = DraftInput, responses((status = 200, body = DocumentView), (status = 404), (status = 409), (status = 422)), security(("bearer" = [])))]
#[patch("/documents/{id}")]
pub async fn update(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<DraftInput>,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DocumentWrite)?;
    let fields = body.into_inner().validate()?;
    let id = path.into_inner();
    let actor = u.actor();
    let agency = u.agency_id().to_string();
    let d = state
        .db
        .run(move |conn| crate::documents::steps::draft::update_draft(conn, &actor, &id, &agency, fields, None))
        .await?;
    Ok(HttpResponse::Ok().json(DocumentView::from(&d)))
}

/// Issues a draft: number from its register, PDF rendered and frozen with its SHA-256.
#[utoipa::path(post, path = "/documents/{id}/issue", tag = "documents", params(("id" = String, Path)), responses((status = 200, body = DocumentView), (status = 403), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/documents/{id}/issue")]
pub async fn issue(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DocumentIssue)?;
    let id = path.into_inner();
    let actor = u.actor();
    let agency = u.agency_id().to_string();
    let base = state.public_address().await?;
    let files = state.files.clone();
    let d = state
        .db
        .run(move |conn| crate::documents::steps::issue::issue(conn, files.as_ref(), &actor, &id, &agency, &base))
        .await?;
    Ok(HttpResponse::Ok().json(DocumentView::from(&d)))
}

/// The PDF: the frozen bytes once issued, a preview marked DỰ THẢO before.
#[utoipa::path(get, path = "/documents/{id}/pdf", tag = "documents", params(("id" = String, Path)), responses((status = 200, content_type = "application/pdf"), (status = 404)), security(("bearer" = [])))]
#[get("/documents/{id}/pdf")]
pub async fn pdf(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DocumentRead)?;
    let (id, agency, files) = (path.into_inner(), u.agency_id().to_string(), state.files.clone());
    let (bytes, name) = state.db.run(move |conn| queries::pdf(conn, files.as_ref(), &id, &agency)).await?;
    Ok(crate::web::download::pdf(bytes, &name))
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendInput {
    /// 1–20 different addresses, each with a dotted domain.
    #[schema(format = Email, max_length = 254, min_items = 1, max_items = 20)]
    pub recipients: Vec<String>,
    /// A cover note: at most 4000 characters, line breaks kept.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub message: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MessageView {
    pub id: String,
    pub message_id: String,
    pub subject: String,
    pub record_type: String,
    pub record_id: String,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: chrono::NaiveDateTime,
    pub recipients: Vec<crate::mail::outbox::RecipientRow>,
}

impl MessageView {
    pub fn new(m: crate::mail::outbox::MessageRow, recipients: Vec<crate::mail::outbox::RecipientRow>) -> MessageView {
        MessageView {
            id: m.id,
            message_id: m.message_id,
            subject: m.subject,
            record_type: m.record_type,
            record_id: m.record_id,
            created_at: m.created_at,
            recipients,
        }
    }
}

/// Sends an issued document by email: one queued delivery per recipient, sent by the worker.
#[utoipa::path(post, path = "/documents/{id}/send", tag = "documents", params(("id" = String, Path)), request_body = SendInput, responses((status = 202, body = MessageView), (status = 409), (status = 422)), security(("bearer" = [])))]
#[post("/documents/{id}/send")]
pub async fn send(
    user: ApiUser,
    state: web::Data<AppState>,
    path: IdPath,
    body: web::Json<SendInput>,
) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DocumentIssue)?;
    let b = body.into_inner();
    let recipients = crate::documents::steps::send::parse_recipients(&b.recipients.join("\n"))?;
    let id = path.into_inner();
    let actor = u.actor();
    let agency = u.agency_id().to_string();
    let from = state.config.settings.mail_from.clone();
    let base = state.public_address().await?;
    let agency2 = agency.clone();
    let (m, r) = state
        .db
        .run(move |conn| {
            let m = crate::documents::steps::send::send(
                conn,
                &actor,
                &id,
                &agency,
                crate::documents::steps::send::Outgoing { recipients, cover: &b.message, from: &from, base_url: &base },
            )?;
            crate::mail::outbox::message(conn, &m.id, &agency2)
        })
        .await?;
    Ok(HttpResponse::Accepted().json(MessageView::new(m, r)))
}

/// A message with the delivery status of each recipient.
#[utoipa::path(get, path = "/messages/{id}", tag = "documents", params(("id" = String, Path)), responses((status = 200, body = MessageView), (status = 404)), security(("bearer" = [])))]
#[get("/messages/{id}")]
pub async fn message(user: ApiUser, state: web::Data<AppState>, path: IdPath) -> ApiResult<HttpResponse> {
    let u = user.0;
    u.require(Permission::DocumentRead)?;
    let id = path.into_inner();
    let agency = u.agency_id().to_string();
    let (m, r) = state.db.run(move |conn| crate::mail::outbox::message(conn, &id, &agency)).await?;
    Ok(HttpResponse::Ok().json(MessageView::new(m, r)))
}
