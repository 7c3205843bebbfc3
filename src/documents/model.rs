//! Document rows and the draft input a person types, with its validation.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::{Value, json};

use crate::audit::Auditable;
use crate::db::schema::documents;
use crate::documents::spec::{Block, DocType, Form, parse_body};
use crate::domain::text;
use crate::domain::{DocumentId, OutletId};
use crate::error::{Code, FieldError, FieldErrors};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset, serde::Serialize)]
#[diesel(table_name = documents, treat_none_as_null = true)]
pub struct DocumentRow {
    pub id: DocumentId,
    pub agency_id: String,
    pub doc_type: String,
    pub register: String,
    pub status: String,
    pub title: String,
    pub summary: String,
    pub addressees: String,
    pub bases: String,
    pub body: String,
    pub signer_id: Option<String>,
    pub unit_code: String,
    pub recipients: String,
    pub outlet_id: Option<OutletId>,
    pub corrects_id: Option<DocumentId>,
    pub number: Option<i64>,
    pub year: Option<i32>,
    pub symbol: Option<String>,
    pub issued_on: Option<NaiveDate>,
    #[serde(serialize_with = "crate::time::api_opt")]
    pub issued_at: Option<NaiveDateTime>,
    pub issued_by: Option<String>,
    pub snapshot: Option<String>,
    pub file_sha256: Option<String>,
    pub signed_sha256: Option<String>,
    pub verify_code: Option<String>,
    pub published: bool,
    pub created_by: String,
    pub version: i32,
    #[serde(serialize_with = "crate::time::api")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::time::api")]
    pub updated_at: NaiveDateTime,
    /// Who signs when no agency signer does (minutes, the team report): the name printed under
    /// `signer_caption` ("NGƯỜI LẬP BIÊN BẢN" for minutes when that is empty).
    pub drafter_name: String,
    /// The caption above `drafter_name`, one line per line ("ĐẠI DIỆN ĐOÀN THANH TRA\nTRƯỞNG ĐOÀN").
    pub signer_caption: String,
}

fn list_of(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

impl DocumentRow {
    pub fn doc_type(&self) -> DocType {
        DocType::parse(&self.doc_type).unwrap_or(DocType::Notice)
    }
    pub fn is_issued(&self) -> bool {
        self.status == "issued"
    }
    pub fn body_blocks(&self) -> Vec<Block> {
        serde_json::from_str(&self.body).unwrap_or_default()
    }
    pub fn addressee_list(&self) -> Vec<String> {
        list_of(&self.addressees)
    }
    pub fn basis_list(&self) -> Vec<String> {
        list_of(&self.bases)
    }
    pub fn recipient_list(&self) -> Vec<String> {
        list_of(&self.recipients)
    }
    /// The document named in running text, as a register or a dossier's contents list it: its
    /// kind ("Biên bản vi phạm hành chính", from the printed title when it has its own) and its
    /// summary continuing the sentence ("về hoạt động in", "xử phạt vi phạm hành chính").
    pub fn name_in_text(&self) -> String {
        super::spec::name_in_text_of(self.doc_type().label_vi(), &self.title, &self.summary)
    }
    /// An ASCII file name for old mail clients and browsers: "KL-05-2026.pdf", "du-thao-….pdf".
    pub fn file_name(&self) -> String {
        match (&self.number, self.year) {
            (Some(n), Some(y)) => format!("{}-{n:02}-{y}.pdf", self.register.replace('Đ', "D")),
            _ => format!("du-thao-{}.pdf", &self.id[self.id.len().saturating_sub(8)..]),
        }
    }
}

impl DocumentRow {
    /// The SHA-256 of what a person can edit in a draft (texts, lists, signer), for telling a
    /// composed draft from one edited by hand since.
    pub fn content_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for part in [
            &self.title,
            &self.summary,
            &self.addressees,
            &self.bases,
            &self.body,
            &self.recipients,
            &self.unit_code,
            &self.drafter_name,
            &self.signer_caption,
            self.signer_id.as_deref().unwrap_or(""),
        ] {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        hex::encode(h.finalize())
    }
}

impl Auditable for DocumentRow {
    const RECORD_TYPE: &'static str = "document";
    fn audit_id(&self) -> String {
        self.id.to_string()
    }
    fn audit_label(&self) -> String {
        match &self.symbol {
            Some(s) => format!("{s} {}", self.summary),
            None => format!("{} (dự thảo) {}", self.doc_type().label_vi(), self.summary),
        }
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("doc_type", json!(self.doc_type)),
            ("status", json!(self.status)),
            ("title", json!(self.title)),
            ("summary", json!(self.summary)),
            ("addressees", serde_json::from_str(&self.addressees).unwrap_or(Value::Null)),
            ("bases", serde_json::from_str(&self.bases).unwrap_or(Value::Null)),
            ("body", json!(super::spec::body_text(&self.body_blocks()))),
            ("signer_id", json!(self.signer_id)),
            ("unit_code", json!(self.unit_code)),
            ("recipients", serde_json::from_str(&self.recipients).unwrap_or(Value::Null)),
            ("outlet_id", json!(self.outlet_id)),
            ("corrects_id", json!(self.corrects_id)),
            ("symbol", json!(self.symbol)),
            ("issued_on", json!(self.issued_on.map(|d| d.to_string()))),
            ("file_sha256", json!(self.file_sha256)),
            ("signed_sha256", json!(self.signed_sha256)),
            ("drafter_name", json!(self.drafter_name)),
            ("signer_caption", json!(self.signer_caption)),
        ]
    }
}

/// A draft as a person types it. Text is trimmed and runs of spaces collapsed before the lengths
/// are counted.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftInput {
    #[schema(schema_with = doc_type_schema)]
    pub doc_type: String,
    /// At most 200 characters.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub title: String,
    /// At most 500 characters; not blank except for a permit.
    #[schema(max_length = 500)]
    pub summary: String,
    /// "Kính gửi", one per line.
    #[serde(default)]
    pub addressees: String,
    /// Legal bases, one per line.
    #[serde(default)]
    pub bases: String,
    /// Body: "# " headings, "- " bullets, "| a | b |" table rows, other lines paragraphs. At most
    /// 200,000 bytes of UTF-8.
    #[serde(default)]
    #[schema(max_length = 200000)]
    pub body: String,
    /// One of the agency's signers (`GET /api/v1/agencies/{id}`); empty: none yet.
    #[serde(default)]
    pub signer_id: String,
    /// Drafting unit for an official letter's symbol (e.g. TTr in 35/STTTT-TTr): at most 20
    /// characters, no spaces, no `/`.
    #[serde(default)]
    #[schema(max_length = 20, pattern = "^[^\\s/]*$")]
    pub unit_code: String,
    /// "Nơi nhận", one per line.
    #[serde(default)]
    pub recipients: String,
    /// An outlet of the registry; empty: none.
    #[serde(default)]
    pub outlet_id: String,
    /// The issued document this one corrects; empty: none.
    #[serde(default)]
    pub corrects_id: String,
    /// Who signs when no agency signer does (minutes, the team report). At most 120 characters.
    #[serde(default)]
    #[schema(max_length = 120)]
    pub drafter_name: String,
    /// The caption above that name, one line per line (e.g. "TRƯỞNG ĐOÀN"); empty for minutes:
    /// "NGƯỜI LẬP BIÊN BẢN". At most 200 characters.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub signer_caption: String,
    /// A model form with its own register: `violation_record` (a minutes type, `…/BB-VPHC`),
    /// `sanction_decision` (a decision, `…/QĐ-XPHC`), `dossier_receipt` and `dossier_request` (the
    /// permit desk's slips, minutes types, `…/TNHS` and `…/BSHS`); empty: the type's usual layout.
    #[serde(default)]
    #[schema(pattern = "^(?:violation_record|sanction_decision|dossier_receipt|dossier_request)?$")]
    pub form: String,
    /// Other signatures, one per line, `CAPTION | name` (name may be left empty to write by hand):
    /// the other side of minutes, the violator and the witnesses of a violation record. At most 8.
    #[serde(default)]
    pub parties: String,
}

impl DraftInput {
    /// Only a permit may leave its summary blank (the schema's `allOf` in the document).
    pub fn dependencies() -> Vec<serde_json::Value> {
        use crate::domain::openapi::{filled, unless};
        vec![unless("doc_type", &["permit"], filled(&["summary"]))]
    }
}

fn doc_type_schema() -> utoipa::openapi::Object {
    crate::domain::openapi::choice(DocType::ALL.map(DocType::code), "The kind of document.")
}

fn lines(s: &str) -> Vec<String> {
    s.lines().map(text::clean).filter(|l| !l.is_empty()).collect()
}

/// Checked draft content.
pub struct DraftFields {
    pub doc_type: DocType,
    pub title: String,
    pub summary: String,
    pub addressees: Vec<String>,
    pub bases: Vec<String>,
    pub body: Vec<Block>,
    pub signer_id: Option<String>,
    pub unit_code: String,
    pub recipients: Vec<String>,
    pub outlet_id: Option<OutletId>,
    pub corrects_id: Option<DocumentId>,
    pub drafter_name: String,
    pub signer_caption: String,
    pub form: Form,
    pub parties: Vec<Party>,
}

/// A signature block beside the signer's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Party {
    pub caption: String,
    pub name: String,
}

/// The parties as the form shows them back, one per line.
pub fn parties_text(parties: &[Party]) -> String {
    parties
        .iter()
        .map(|p| if p.name.is_empty() { p.caption.clone() } else { format!("{} | {}", p.caption, p.name) })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A draft with its parties, as the audit trail records it.
pub struct DraftRecord<'a>(pub &'a DocumentRow, pub &'a [Party]);

impl Auditable for DraftRecord<'_> {
    const RECORD_TYPE: &'static str = "document";
    fn audit_id(&self) -> String {
        self.0.audit_id()
    }
    fn audit_label(&self) -> String {
        self.0.audit_label()
    }
    fn audit_fields(&self) -> Vec<(&'static str, Value)> {
        let mut f = self.0.audit_fields();
        f.push(("parties", json!(parties_text(self.1))));
        f
    }
}

impl DraftInput {
    pub fn validate(&self) -> Result<DraftFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let doc_type = DocType::parse(&self.doc_type);
        if doc_type.is_none() {
            e.add("doc_type", Code::InvalidChoice);
        }
        let summary = text::clean(&self.summary);
        let permit = doc_type == Some(DocType::Permit);
        if summary.is_empty() && !permit {
            e.add("summary", Code::Required);
        } else if summary.chars().count() > 500 {
            e.push(FieldError::with_arg("summary", Code::TooLong, 500));
        }
        let title = text::clean(&self.title);
        if title.chars().count() > 200 {
            e.push(FieldError::with_arg("title", Code::TooLong, 200));
        }
        if self.body.len() > 200_000 {
            e.push(FieldError::with_arg("body", Code::TooLong, 200_000));
        }
        let body = parse_body(&text::clean_multiline(&self.body));
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let drafter_name = text::clean(&self.drafter_name);
        if drafter_name.chars().count() > 120 {
            e.push(FieldError::with_arg("drafter_name", Code::TooLong, 120));
        }
        let signer_caption = lines(&self.signer_caption).join("\n");
        if signer_caption.chars().count() > 200 {
            e.push(FieldError::with_arg("signer_caption", Code::TooLong, 200));
        }
        let form = Form::parse(&self.form);
        match form {
            None => e.add("form", Code::InvalidChoice),
            Some(f) if f.doc_type().is_some() && f.doc_type() != doc_type => e.add("form", Code::InvalidChoice),
            Some(_) => {}
        }
        let mut parties = Vec::new();
        for (i, line) in self.parties.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
            let (caption, name) = line.split_once('|').unwrap_or((line, ""));
            let (caption, name) = (text::clean(caption), text::clean(name));
            if caption.is_empty() || caption.chars().count() > 120 || name.chars().count() > 120 {
                e.push(FieldError::with_arg("parties", Code::LineFormat, i + 1));
                break;
            }
            parties.push(Party { caption, name });
        }
        if parties.len() > 8 {
            e.push(FieldError::with_arg("parties", Code::TooLong, 8));
        }
        let unit_code = self.unit_code.trim().to_string();
        if unit_code.len() > 20 || unit_code.contains(char::is_whitespace) || unit_code.contains('/') {
            e.add("unit_code", Code::CodeFormat);
        }
        e.into_result()?;
        Ok(DraftFields {
            doc_type: doc_type.unwrap_or(DocType::Notice),
            title,
            summary,
            addressees: lines(&self.addressees),
            bases: lines(&self.bases),
            body,
            signer_id: opt(&self.signer_id),
            unit_code,
            recipients: lines(&self.recipients),
            outlet_id: opt(&self.outlet_id).map(OutletId::from),
            corrects_id: opt(&self.corrects_id).map(DocumentId::from),
            drafter_name,
            signer_caption,
            form: form.unwrap_or_default(),
            parties,
        })
    }
}

impl DocumentRow {
    /// The model form the document follows, by its register.
    /// The i18n key of what the document is, as lists name it: its model form's own name where the
    /// form is not simply a kind of its type (a receipt slip is not "minutes"), else its type.
    pub fn kind_key(&self) -> &'static str {
        match self.form() {
            Form::DossierReceipt => "documents.kind.dossier_receipt",
            Form::DossierRequest => "documents.kind.dossier_request",
            _ => self.doc_type().label_key(),
        }
    }
    pub fn form(&self) -> Form {
        Form::of_register(&self.register)
    }

    pub fn to_input(&self, parties: &[Party]) -> DraftInput {
        DraftInput {
            doc_type: self.doc_type.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            addressees: self.addressee_list().join("\n"),
            bases: self.basis_list().join("\n"),
            body: super::spec::body_text(&self.body_blocks()),
            signer_id: self.signer_id.clone().unwrap_or_default(),
            unit_code: self.unit_code.clone(),
            recipients: self.recipient_list().join("\n"),
            outlet_id: self.outlet_id.as_deref().unwrap_or_default().to_string(),
            corrects_id: self.corrects_id.as_deref().unwrap_or_default().to_string(),
            drafter_name: self.drafter_name.clone(),
            signer_caption: self.signer_caption.clone(),
            form: self.form().code().into(),
            parties: parties_text(parties),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct DocFilter {
    pub doc_type: Option<String>,
    pub year: Option<i32>,
    pub status: Option<String>,
    pub outlet_id: Option<String>,
    pub q: String,
    /// Documents mailed between two moments (UTC) to a recipient now in one of these states
    /// (`crate::mail::figures::states`), from the reports' mail figures.
    pub mail: Option<(&'static [&'static str], chrono::NaiveDateTime, chrono::NaiveDateTime)>,
}
