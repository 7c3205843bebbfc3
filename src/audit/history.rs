//! The history list shown on each record and on the audit page: entries in words, field labels and
//! values in the reader's language.

use serde_json::Value;

use super::model::{AuditAction, Change};
use super::repo::{AuditRow, History};
use crate::i18n::Lang;

/// Names of codes an entry records by reference (sector code to its Vietnamese and English name).
#[derive(Debug, Clone, Default)]
pub struct CodeNames {
    pub sectors: std::collections::HashMap<String, (String, String)>,
    /// Record id to the label the audit trail last gave that record.
    pub labels: std::collections::HashMap<String, String>,
    /// User id to the user's full name, for the people who made the entries.
    pub people: std::collections::HashMap<String, String>,
}

/// How a feature words one recorded field of its records: the label's i18n key and, for a coded
/// value, the prefix of its labels (`insp.state` labels `planned` as `insp.state.planned`).
pub struct FieldWords {
    pub record_type: &'static str,
    pub field: &'static str,
    pub label: &'static str,
    pub values: &'static str,
}

/// The words features contribute for their records, handed to the history lists (the audit page
/// gets every feature's from the application state; a record's page passes its own feature's).
pub type Vocabulary<'a> = &'a [&'static [FieldWords]];

fn words_for<'a>(vocabulary: Vocabulary<'a>, record_type: &str, field: &str) -> Option<&'a FieldWords> {
    vocabulary.iter().flat_map(|w| w.iter()).find(|w| w.record_type == record_type && w.field == field)
}

/// Whether a recorded field holds another record's id (`outlet_id`, `member_ids`).
pub fn is_reference(field: &str) -> bool {
    field.ends_with("_id") || field.ends_with("_ids")
}

impl CodeNames {
    fn sector(&self, code: &str, lang: Lang) -> Option<String> {
        self.sectors.get(code).map(|(vi, en)| lang.pick(vi, en).to_string())
    }
}

/// Every kind of record the audit trail holds, in the order the audit page offers them.
pub const RECORD_TYPES: &[&str] = &[
    "outlet",
    "outlet_relation",
    "external_inspection",
    "inspection_plan",
    "plan_item",
    "engagement",
    "field_visit",
    "finding",
    "finding_photo",
    "violation",
    "recommendation",
    "publication",
    "document",
    "deadline",
    "manual",
    "deadline_rule",
    "holiday_rule",
    "calendar",
    "checklist",
    "violation_rule",
    "sanction_decree",
    "agency",
    "sector",
    "user",
    "api_token",
    "setting",
];

/// A kind of record in words ("Cơ sở", "Outlet"); the code itself when unknown.
pub fn record_type_label(record_type: &str, lang: Lang) -> String {
    let key = format!("audit.type.{record_type}");
    if crate::i18n::has_key(&key) { crate::i18n::lookup(lang, &key).to_string() } else { record_type.to_string() }
}

/// What turns recorded codes and ids into words.
pub struct Words<'a> {
    pub names: &'a CodeNames,
    pub vocabulary: Vocabulary<'a>,
}

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
pub fn field_label(record_type: &str, field: &str, vocabulary: Vocabulary, lang: Lang) -> String {
    if let Some(w) = words_for(vocabulary, record_type, field) {
        return crate::i18n::lookup(lang, w.label).to_string();
    }
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
        ("user", "official_title") => "users.official_title",
        ("user", "email") => "users.email",
        ("user", "role") => "users.role",
        ("user", "agency_id") => "users.agency",
        ("user", "disabled") => "users.disabled",
        ("user", "locale") => "account.language",
        ("user", "password") => "users.password",
        ("user", "sessions_ended") => "users.sessions_ended",
        ("setting", "public_address") => "settings.public_address",
        ("user", "tokens_revoked") => "users.tokens_revoked",
        ("agency", "code") => "agencies.code",
        ("agency", "governing_body") => "agencies.governing_body",
        ("agency", "name") => "agencies.name",
        ("agency", "abbreviation") => "agencies.abbreviation",
        ("agency", "place_name") => "agencies.place_name",
        ("agency", "province") => "agencies.province",
        ("agency", "successor_id") => "agencies.successor",
        ("agency", "units") => "agencies.units",
        ("agency", "signers") => "agencies.signers",
        ("agency", "signer") => "agencies.signer",
        ("agency", "sectors") => "agencies.sectors",
        ("agency", "treasury_name") => "agencies.treasury_name",
        ("agency", "treasury_account") => "agencies.treasury_account",
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
        ("document", "drafter_name") => "documents.drafter_name",
        ("document", "signer_caption") => "documents.signer_caption",
        ("document", "parties") => "documents.parties",
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
fn value_text(record_type: &str, field: &str, v: &Value, ctx: &Words, lang: Lang) -> String {
    let names = ctx.names;
    if let (Some(w), Value::String(code)) = (words_for(ctx.vocabulary, record_type, field), v) {
        let key = format!("{}.{code}", w.values);
        if !w.values.is_empty() && crate::i18n::has_key(&key) {
            return crate::i18n::lookup(lang, &key).to_string();
        }
    }
    match (field, v) {
        // Durations are recorded as "<n> <unit>" ("5 working").
        ("duration", Value::String(d)) => {
            if let Some((n, unit)) = d.split_once(' ')
                && crate::i18n::has_key(&format!("unit.{unit}"))
            {
                return format!("{n} {}", crate::i18n::lookup(lang, &format!("unit.{unit}")));
            }
        }
        ("sector", Value::String(code)) => {
            if let Some(name) = names.sector(code, lang) {
                return name;
            }
        }
        ("sectors", Value::Array(codes)) if !codes.is_empty() => {
            return codes
                .iter()
                .map(|c| match c {
                    Value::String(code) => names.sector(code, lang).unwrap_or_else(|| code.clone()),
                    other => show_value(other),
                })
                .collect::<Vec<_>>()
                .join("; ");
        }
        (f, Value::String(id)) if is_reference(f) && !id.is_empty() => {
            return names.labels.get(id).cloned().unwrap_or_else(|| unknown_record(lang));
        }
        (f, Value::Array(ids)) if is_reference(f) && !ids.is_empty() => {
            return ids
                .iter()
                .map(|v| {
                    v.as_str().and_then(|id| names.labels.get(id).cloned()).unwrap_or_else(|| unknown_record(lang))
                })
                .collect::<Vec<_>>()
                .join("; ");
        }
        _ => {}
    }
    if let Value::String(code) = v {
        let key = match field {
            "status" => format!("status.{code}"),
            "kind" => format!("kind.{code}"),
            "role" => format!("role.{code}"),
            "locale" => format!("lang.{code}"),
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

fn unknown_record(lang: Lang) -> String {
    crate::i18n::lookup(lang, "audit.unknown_record").to_string()
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
        // A date as people write it (the trail keeps ISO dates).
        Value::String(s) if s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() => {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| crate::time::show_date(&d)).unwrap_or_default()
        }
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => "—".into(),
        Value::Array(a) => a.iter().map(show_value).collect::<Vec<_>>().join("; "),
        Value::Object(o) if o.is_empty() => "—".into(),
        Value::Object(o) => o.iter().map(|(k, v)| format!("{k}: {}", show_value(v))).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

impl HistoryItem {
    pub fn from_row(r: &AuditRow, ctx: &Words, lang: Lang, with_record: bool) -> HistoryItem {
        let changes: Vec<Change> = r.changes_list();
        HistoryItem {
            at: crate::time::show_vn(&r.at),
            actor: r
                .actor_id
                .as_deref()
                .and_then(|id| ctx.names.people.get(id))
                .cloned()
                .unwrap_or_else(|| r.actor_name.clone()),
            action: AuditAction::parse(&r.action)
                .map(|a| a.label(lang).to_string())
                .unwrap_or_else(|| r.action.clone()),
            record: if with_record {
                format!("{} · {}", record_type_label(&r.record_type, lang), r.record_label)
            } else {
                String::new()
            },
            link: if with_record { record_link(&r.record_type, &r.record_id, &r.action) } else { String::new() },
            changes: changes
                .iter()
                .map(|c| {
                    (
                        field_label(&r.record_type, &c.field, ctx.vocabulary, lang),
                        value_text(&r.record_type, &c.field, &c.before, ctx, lang),
                        value_text(&r.record_type, &c.field, &c.after, ctx, lang),
                    )
                })
                .collect(),
        }
    }

    /// A record's history in words: `vocabulary` holds the words of the feature the record belongs
    /// to (`&[]` for records the shared labels cover).
    pub fn from_rows(history: &History, vocabulary: Vocabulary, lang: Lang) -> Vec<HistoryItem> {
        let ctx = Words { names: &history.names, vocabulary };
        history.rows.iter().map(|r| HistoryItem::from_row(r, &ctx, lang, false)).collect()
    }

    /// The history of a record and its parts (`repo::history_with_parts`): an entry about a part
    /// names it ("Ảnh kiểm tra thực tế · Biển hiệu"); the record's own entries need no name.
    pub fn from_rows_with_parts(
        history: &History,
        record_type: &str,
        vocabulary: Vocabulary,
        lang: Lang,
    ) -> Vec<HistoryItem> {
        let ctx = Words { names: &history.names, vocabulary };
        history.rows.iter().map(|r| HistoryItem::from_row(r, &ctx, lang, r.record_type != record_type)).collect()
    }
}
