//! "Send to business": an issued document goes out by email through the outbox, written in the
//! same transaction as its audit entry.

use askama::Template;

use crate::audit::{self, Actor, AuditAction, AuditEntry, model::change};
use crate::db::{DbConnection, write_tx};
use crate::documents::model::DocumentRow;
use crate::documents::queries;
use crate::domain::Email;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::mail::NewMessage;
use crate::mail::outbox::{AttachmentRef, MessageRow};

#[derive(Template)]
#[template(path = "email/document_notice/subject.txt", escape = "none")]
struct Subject<'a> {
    agency: &'a str,
    doc_type: &'a str,
    symbol: &'a str,
}

#[derive(Template)]
#[template(path = "email/document_notice/body.txt", escape = "none")]
struct BodyText<'a> {
    recipient_name: &'a str,
    cover: &'a str,
    agency: &'a str,
    governing_body: &'a str,
    doc_type: &'a str,
    symbol: &'a str,
    date: &'a str,
    summary: &'a str,
    file_name: &'a str,
    verify_url: &'a str,
    code: &'a str,
}

#[derive(Template)]
#[template(path = "email/document_notice/body.html")]
struct BodyHtml<'a> {
    recipient_name: &'a str,
    cover: &'a str,
    agency: &'a str,
    governing_body: &'a str,
    doc_type: &'a str,
    symbol: &'a str,
    date: &'a str,
    summary: &'a str,
    file_name: &'a str,
    verify_url: &'a str,
    code: &'a str,
}

/// Recipients as typed (commas or new lines), checked.
pub fn parse_recipients(raw: &str) -> Result<Vec<Email>, FieldErrors> {
    match Email::parse_list(raw) {
        Ok(l) if l.is_empty() => Err(FieldErrors(vec![FieldError::new("recipients", Code::Required)])),
        Ok(l) if l.len() > 20 => Err(FieldErrors(vec![FieldError::with_arg("recipients", Code::EmailTooMany, 20)])),
        Ok(l) => Ok(l),
        Err(bad) => Err(FieldErrors(vec![FieldError::with_arg(
            "recipients",
            Code::EmailInvalid,
            bad.chars().take(60).collect::<String>(),
        )])),
    }
}

/// Queues the document for each recipient.
/// What to send and how it is addressed.
pub struct Outgoing<'a> {
    pub recipients: Vec<Email>,
    pub cover: &'a str,
    pub from: &'a str,
    pub base_url: &'a str,
}

pub fn send(
    conn: &mut DbConnection,
    actor: &Actor,
    id: &str,
    agency_id: &str,
    out: Outgoing,
) -> Result<MessageRow, AppError> {
    let Outgoing { recipients, cover, from, base_url } = out;
    let cover = crate::domain::text::clean_multiline(cover);
    if cover.chars().count() > 4000 {
        return Err(FieldErrors(vec![FieldError::with_arg("message", Code::TooLong, 4000)]).into());
    }
    write_tx(conn, |conn| {
        let d: DocumentRow = queries::find(conn, id, agency_id)?;
        if !d.is_issued() {
            return Err(AppError::from(Code::SendOnlyIssued));
        }
        let spec = queries::spec_for(conn, &d, None)?;
        let outlet_name = match &d.outlet_id {
            Some(o) => crate::outlets::queries::find(conn, o).map(|o| o.name).unwrap_or_default(),
            None => String::new(),
        };
        let recipient_name = if outlet_name.is_empty() { "Quý cơ quan, đơn vị".to_string() } else { outlet_name };
        let symbol = d.symbol.clone().unwrap_or_default();
        let code = d.verify_code.clone().unwrap_or_default();
        let verify_url = format!("{}/verify/{code}", base_url.trim_end_matches('/'));
        let date = d.issued_on.map(|x| x.format("%d/%m/%Y").to_string()).unwrap_or_default();
        let file_name = d.file_name();
        let doc_type = d.doc_type().label_vi();
        // "về việc: …" reads once even when the summary itself starts with "Về việc" or "V/v".
        let summary = {
            let t = d.summary.trim();
            let lower = t.to_lowercase();
            let rest = if lower.starts_with("về việc") {
                t.get("về việc".len()..).unwrap_or(t)
            } else if lower.starts_with("v/v") {
                t.get(3..).unwrap_or(t)
            } else {
                t
            };
            rest.trim().trim_start_matches(':').trim().to_string()
        };
        let render_err = |e: askama::Error| AppError::Internal(anyhow::anyhow!("mail template: {e}"));
        let subject = Subject { agency: &spec.agency, doc_type, symbol: &symbol }
            .render()
            .map_err(render_err)?
            .trim()
            .to_string();
        let text = BodyText {
            recipient_name: &recipient_name,
            cover: &cover,
            agency: &spec.agency,
            governing_body: &spec.governing_body,
            doc_type,
            symbol: &symbol,
            date: &date,
            summary: &summary,
            file_name: &file_name,
            verify_url: &verify_url,
            code: &code,
        }
        .render()
        .map_err(render_err)?;
        let html = BodyHtml {
            recipient_name: &recipient_name,
            cover: &cover,
            agency: &spec.agency,
            governing_body: &spec.governing_body,
            doc_type,
            symbol: &symbol,
            date: &date,
            summary: &summary,
            file_name: &file_name,
            verify_url: &verify_url,
            code: &code,
        }
        .render()
        .map_err(render_err)?;
        let domain = base_url
            .split("://")
            .nth(1)
            .unwrap_or("thanhtra.local")
            .split(['/', ':'])
            .next()
            .unwrap_or("thanhtra.local")
            .to_string();
        let addresses: Vec<String> = recipients.iter().map(|e| e.as_str().to_string()).collect();
        let msg = crate::mail::enqueue(
            conn,
            NewMessage {
                agency_id: agency_id.to_string(),
                record_type: "document".into(),
                record_id: d.id.to_string(),
                from: from.to_string(),
                subject,
                body_text: text,
                body_html: html,
                attachments: vec![AttachmentRef {
                    sha256: d.file_sha256.clone().unwrap_or_default(),
                    file_name,
                    content_type: "application/pdf".into(),
                }],
                recipients,
                created_by: actor.name.clone(),
                domain,
            },
        )?;
        audit::record(
            conn,
            actor,
            AuditEntry::state(
                &d,
                AuditAction::Send,
                vec![
                    change("sent_to", serde_json::Value::Null, addresses),
                    change("message_id", serde_json::Value::Null, msg.message_id.clone()),
                ],
            ),
        )?;
        Ok(msg)
    })
}
