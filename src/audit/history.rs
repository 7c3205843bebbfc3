//! The history list shown on each record and on the audit page: entries in words, field labels and
//! values in the reader's language.

use serde_json::Value;

use super::model::{AuditAction, Change};
use super::repo::AuditRow;
use crate::i18n::Lang;

/// One entry as a history list shows it.
pub struct HistoryItem {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub record: String,
    /// Link to the record's page, when it has one.
    pub link: String,
    pub changes: Vec<(String, String, String)>,
}

/// The label of a recorded field, in the reader's language (the code itself when unknown).
pub fn field_label(record_type: &str, field: &str, lang: Lang) -> String {
    let key = match (record_type, field) {
        ("outlet", "name") => "outlets.name",
        ("outlet", "sector") => "outlets.sector",
        ("outlet", "kind") => "outlets.kind",
        ("outlet", "tax_code") => "outlets.tax_code",
        ("outlet", "business_reg_no") => "outlets.business_reg_no",
        ("outlet", "address") => "outlets.address_short",
        ("outlet", "commune") => "outlets.commune",
        ("outlet", "province") => "outlets.province",
        ("outlet", "legal_representative") => "outlets.legal_representative",
        ("outlet", "phone") => "outlets.phone",
        ("outlet", "notice_emails") => "outlets.notice_emails",
        ("outlet", "attributes") => "outlets.attributes",
        ("user", "username") => "users.username",
        ("user", "full_name") => "users.full_name",
        ("user", "email") => "users.email",
        ("user", "role") => "users.role",
        ("user", "agency_id") => "users.agency",
        ("user", "disabled") => "users.disabled",
        ("user", "locale") => "account.language",
        ("user", "password") => "users.password",
        ("agency", "code") => "agencies.code",
        ("agency", "governing_body") => "agencies.governing_body",
        ("agency", "name") => "agencies.name",
        ("agency", "abbreviation") => "agencies.abbreviation",
        ("agency", "place_name") => "agencies.place_name",
        ("agency", "province") => "agencies.province",
        ("agency", "successor_id") => "agencies.successor",
        ("agency", "units") => "agencies.units",
        ("agency", "signers") => "agencies.signers",
        ("agency", "sectors") => "agencies.sectors",
        ("sector", "name_vi") => "sectors.name_vi",
        ("sector", "name_en") => "sectors.name_en",
        ("deadline", "label") => "deadline.label",
        ("deadline", "rule_code") => "deadline.rule",
        ("deadline", "start_date") => "deadline.start",
        ("deadline", "duration") => "deadline.duration",
        ("deadline", "unit") => "deadline.unit",
        ("deadline", "due_date") => "deadline.due",
        ("deadline", "adjustments") => "deadline.adjustments",
        ("deadline", "cause") => "deadline.cause",
        ("deadline", "closed") => "deadline.closed",
        ("document", "doc_type") => "documents.type",
        ("document", "title") => "documents.title_line",
        ("document", "summary") => "documents.summary",
        ("document", "addressees") => "documents.addressees",
        ("document", "bases") => "documents.bases",
        ("document", "body") => "documents.body",
        ("document", "signer_id") => "documents.signer",
        ("document", "unit_code") => "documents.unit_code",
        ("document", "recipients") => "documents.recipients",
        ("document", "outlet_id") => "documents.outlet",
        ("document", "corrects_id") => "documents.corrects",
        ("document", "symbol") => "documents.number",
        ("document", "issued_on") => "documents.issued",
        ("document", "file_sha256") => "documents.sha256",
        ("document", "signed_sha256") => "documents.signed_copy",
        ("document", "sent_to") => "mail.to",
        ("calendar", "day") => "calendar.day",
        ("calendar", "kind") => "calendar.kind",
        ("calendar", "name") => "common.name",
        (_, "legal_source") => "calendar.legal_source",
        (_, "valid_from") => "common.valid_from",
        (_, "valid_to") => "common.valid_to",
        (_, "status") => "common.status",
        (_, "notes") => "common.notes",
        _ => return field.to_string(),
    };
    crate::i18n::lookup(lang, key).to_string()
}

/// A recorded value as a reader wants it: known codes (status, kind, role) in words.
fn value_text(field: &str, v: &Value, lang: Lang) -> String {
    if let Value::String(code) = v {
        let key = match field {
            "status" => format!("status.{code}"),
            "kind" => format!("kind.{code}"),
            "role" => format!("role.{code}"),
            "label" if code.starts_with("deadline.label.") => code.clone(),
            _ => String::new(),
        };
        if !key.is_empty() && crate::i18n::has_key(&key) {
            return crate::i18n::lookup(lang, &key).to_string();
        }
    }
    if let Value::Bool(b) = v {
        return crate::i18n::lookup(lang, if *b { "common.yes" } else { "common.no" }).to_string();
    }
    show_value(v)
}

fn record_link(record_type: &str, id: &str, action: &str) -> String {
    if action == "delete" {
        return String::new();
    }
    match record_type {
        "outlet" => format!("/outlets/{id}"),
        "user" => format!("/admin/users/{id}"),
        "agency" => format!("/admin/agencies/{id}"),
        "sector" => format!("/admin/sectors/{id}"),
        _ => String::new(),
    }
}

pub fn show_value(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::String(s) if s.is_empty() => "—".into(),
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => "—".into(),
        Value::Array(a) => a.iter().map(show_value).collect::<Vec<_>>().join("; "),
        Value::Object(o) if o.is_empty() => "—".into(),
        Value::Object(o) => o.iter().map(|(k, v)| format!("{k}: {}", show_value(v))).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

impl HistoryItem {
    pub fn from_row(r: &AuditRow, lang: Lang, with_record: bool) -> HistoryItem {
        let changes: Vec<Change> = r.changes_list();
        HistoryItem {
            at: crate::time::show_vn(&r.at),
            actor: r.actor_name.clone(),
            action: AuditAction::parse(&r.action)
                .map(|a| a.label(lang).to_string())
                .unwrap_or_else(|| r.action.clone()),
            record: if with_record { format!("{} · {}", r.record_type, r.record_label) } else { String::new() },
            link: if with_record { record_link(&r.record_type, &r.record_id, &r.action) } else { String::new() },
            changes: changes
                .iter()
                .map(|c| {
                    (
                        field_label(&r.record_type, &c.field, lang),
                        value_text(&c.field, &c.before, lang),
                        value_text(&c.field, &c.after, lang),
                    )
                })
                .collect(),
        }
    }

    pub fn from_rows(rows: &[AuditRow], lang: Lang) -> Vec<HistoryItem> {
        rows.iter().map(|r| HistoryItem::from_row(r, lang, false)).collect()
    }
}
