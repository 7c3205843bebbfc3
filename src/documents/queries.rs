//! Document records: drafts, the numbering register, issuing (number, render, freeze), verification.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::model::*;
use super::spec::{DocSpec, DocType, Signer};
use crate::agencies::model::SignerRow;
use crate::db::DbConnection;
use crate::db::schema::{agency_signers, document_parties, documents};
use crate::error::{AppError, Code, FieldErrors};
use crate::files::FileStore;

pub fn find(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<DocumentRow, AppError> {
    Ok(documents::table
        .find(id)
        .filter(documents::agency_id.eq(agency_id))
        .select(DocumentRow::as_select())
        .first(conn)?)
}

/// The view model of a document: a draft uses the agency and signer in force now; an issued one
/// uses the snapshot taken when it was signed.
pub fn spec_for(
    conn: &mut DbConnection,
    row: &DocumentRow,
    draft_date: Option<NaiveDate>,
) -> Result<DocSpec, AppError> {
    if let Some(s) = &row.snapshot {
        return serde_json::from_str(s).map_err(|e| AppError::Internal(anyhow::anyhow!("snapshot: {e}")));
    }
    let agency = crate::agencies::queries::find(conn, &row.agency_id)?;
    let signer: Option<SignerRow> = match &row.signer_id {
        Some(id) => agency_signers::table.find(id).select(SignerRow::as_select()).first(conn).optional()?,
        None => None,
    };
    let parties = parties_of(conn, &row.id)?;
    let authority = match (&signer, row.doc_type().has_authority_line()) {
        (Some(s), true) => Some(super::spec::authority_line(&s.prefix, &s.authority_title, &s.title, &agency.name)),
        _ => None,
    };
    Ok(DocSpec {
        authority,
        doc_type: row.doc_type(),
        governing_body: agency.governing_body,
        agency: agency.name,
        agency_abbreviation: agency.abbreviation,
        unit_code: Some(row.unit_code.clone()).filter(|u| !u.is_empty()),
        number: row.number,
        place: agency.place_name,
        date: row.issued_on.or(draft_date),
        title: Some(row.title.clone()).filter(|t| !t.is_empty()),
        summary: row.summary.clone(),
        addressees: row.addressee_list(),
        bases: row.basis_list(),
        body: row.body_blocks(),
        signer: match signer {
            Some(s) => Some(Signer { lines: s.block_lines(), name: s.full_name }),
            None => personal_signer(row),
        },
        counter_signer: match (parties.first(), &row.outlet_id, row.doc_type()) {
            (Some(p), _, _) => Some(Signer { lines: vec![p.caption.clone()], name: p.name.clone() }),
            (None, Some(o), DocType::Minutes) => {
                let rep = crate::outlets::queries::find(conn, o).map(|o| o.legal_representative).unwrap_or_default();
                Some(Signer { lines: vec!["ĐẠI DIỆN CƠ SỞ".into()], name: rep })
            }
            _ => None,
        },
        more_signers: parties
            .iter()
            .skip(1)
            .map(|p| Signer { lines: vec![p.caption.clone()], name: p.name.clone() })
            .collect(),
        form: row.form(),
        recipients: row.recipient_list(),
        draft: !row.is_issued(),
        verification: None,
        public_copy: false,
    })
}

/// A document with its signature blocks, as the edit forms show it.
pub fn with_parties(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<(DocumentRow, Vec<Party>), AppError> {
    let d = find(conn, id, agency_id)?;
    let p = parties_of(conn, &d.id)?;
    Ok((d, p))
}

/// The signature blocks of a document beside its signer, in order.
pub fn parties_of(conn: &mut DbConnection, id: &str) -> Result<Vec<Party>, AppError> {
    let rows: Vec<(String, String)> = document_parties::table
        .filter(document_parties::document_id.eq(id))
        .order(document_parties::position.asc())
        .select((document_parties::caption, document_parties::name))
        .load(conn)?;
    Ok(rows.into_iter().map(|(caption, name)| Party { caption, name }).collect())
}

/// The signature of a person rather than an agency signer: the caption typed with the draft, or
/// "NGƯỜI LẬP BIÊN BẢN" for minutes.
fn personal_signer(row: &DocumentRow) -> Option<Signer> {
    let caption: Vec<String> =
        row.signer_caption.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
    match (caption.is_empty(), row.doc_type()) {
        (false, _) => Some(Signer { lines: caption, name: row.drafter_name.clone() }),
        (true, DocType::Minutes) => {
            Some(Signer { lines: vec!["NGƯỜI LẬP BIÊN BẢN".into()], name: row.drafter_name.clone() })
        }
        (true, _) => None,
    }
}

/// What is missing before a draft can be issued.
pub fn issue_problems(row: &DocumentRow) -> FieldErrors {
    let mut e = FieldErrors::new();
    if row.summary.trim().is_empty() && row.doc_type() != DocType::Permit {
        e.add("summary", Code::Required);
    }
    // Minutes are signed by whoever drew them up and by the other side, by hand; a team report by
    // the team leader under their caption.
    let personal = row.doc_type() == DocType::Minutes || !row.signer_caption.trim().is_empty();
    if row.signer_id.is_none() && !personal {
        e.add("signer_id", Code::Required);
    }
    if row.signer_id.is_none() && !row.signer_caption.trim().is_empty() && row.drafter_name.trim().is_empty() {
        e.add("drafter_name", Code::Required);
    }
    if row.recipient_list().is_empty() && row.doc_type() != DocType::Minutes {
        e.add("recipients", Code::Required);
    }
    if row.body_blocks().is_empty() {
        e.add("body", Code::Required);
    }
    if row.doc_type() == DocType::OfficialLetter && row.addressee_list().is_empty() {
        e.add("addressees", Code::Required);
    }
    e
}

/// How many documents the agency has (read from an index that starts with the agency).
pub fn count(conn: &mut DbConnection, agency_id: &str) -> Result<i64, AppError> {
    Ok(documents::table.filter(documents::agency_id.eq(agency_id)).count().get_result(conn)?)
}

/// The documents list's filters, as the page's query string and the API's parameters give them.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A document type code (`conclusion`, `decision`, `report`…).
    #[serde(default)]
    pub doc_type: String,
    /// The year of its number (issued documents only).
    #[serde(default)]
    pub year: String,
    /// `draft` or `issued`.
    #[serde(default)]
    pub status: String,
    /// An outlet id.
    #[serde(default)]
    pub outlet: String,
    /// From 1.
    #[serde(default)]
    pub page: String,
    /// From the reports: documents mailed from `from` to `to` whose recipient is now in this state
    /// (`sent`, `accepted`, `failed`, `waiting`).
    #[serde(default)]
    pub mail: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl ListQuery {
    pub fn filter(&self) -> DocFilter {
        let o = |s: &str| Some(crate::domain::text::param(s)).filter(|s| !s.is_empty());
        DocFilter {
            doc_type: o(&self.doc_type),
            year: self.year.trim().parse().ok(),
            status: o(&self.status),
            outlet_id: o(&self.outlet),
            q: String::new(),
            mail: self.mail_filter(),
        }
    }

    fn mail_filter(&self) -> Option<(&'static [&'static str], chrono::NaiveDateTime, chrono::NaiveDateTime)> {
        use crate::{mail::figures::states, time::vn_day_start};
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let (a, b) = (day(&self.from)?, day(&self.to)?);
        Some((states(self.mail.trim())?, vn_day_start(a), vn_day_start(b.succ_opt()?)))
    }

    /// Whether the list is the mail of a period (the page says so, with a way back to every document).
    pub fn is_mail(&self) -> bool {
        self.mail_filter().is_some()
    }
    pub fn page_link(&self, page: i64) -> String {
        serde_urlencoded::to_string([
            ("doc_type", self.doc_type.as_str()),
            ("year", self.year.as_str()),
            ("status", self.status.as_str()),
            ("outlet", self.outlet.as_str()),
            ("mail", self.mail.as_str()),
            ("from", self.from.as_str()),
            ("to", self.to.as_str()),
            ("page", page.to_string().as_str()),
        ])
        .unwrap_or_default()
    }
}

pub fn list(
    conn: &mut DbConnection,
    agency_id: &str,
    f: &DocFilter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<DocumentRow>, crate::db::Total), AppError> {
    let build = || {
        let mut q = documents::table.filter(documents::agency_id.eq(agency_id.to_string())).into_boxed();
        if let Some(t) = &f.doc_type {
            q = q.filter(documents::doc_type.eq(t.clone()));
        }
        if let Some(y) = f.year {
            q = q.filter(documents::year.eq(y));
        }
        if let Some(s) = &f.status {
            q = q.filter(documents::status.eq(s.clone()));
        }
        if let Some(o) = &f.outlet_id {
            q = q.filter(documents::outlet_id.eq(o.clone()));
        }
        if let Some((states, a, b)) = f.mail {
            use crate::db::schema::{outbox_messages, outbox_recipients};
            let mailed = outbox_messages::table
                .inner_join(outbox_recipients::table)
                .filter(outbox_messages::agency_id.eq(agency_id.to_string()))
                .filter(outbox_messages::record_type.eq("document"))
                .filter(outbox_messages::created_at.ge(a))
                .filter(outbox_messages::created_at.lt(b))
                .filter(outbox_recipients::status.eq_any(states))
                .select(outbox_messages::record_id);
            q = q.filter(documents::id.eq_any(mailed));
        }
        q
    };
    let past_cap =
        build().select(documents::id).offset(crate::db::COUNT_CAP).limit(1).first::<String>(conn).optional()?.is_some();
    let total = crate::db::Total::bounded(past_cap, || build().count().get_result(conn))?;
    let rows = build()
        .order((documents::updated_at.desc(), documents::id.desc()))
        .offset(offset)
        .limit(limit)
        .select(DocumentRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// The published copies of a document: (day published, SHA-256 of the copy).
pub fn public_copies(conn: &mut DbConnection, id: &str) -> Result<Vec<(NaiveDate, String)>, AppError> {
    use crate::db::schema::document_copies;
    Ok(document_copies::table
        .filter(document_copies::document_id.eq(id))
        .filter(document_copies::kind.eq("public"))
        .order(document_copies::made_on.asc())
        .select((document_copies::made_on, document_copies::sha256))
        .load(conn)?)
}

/// Where a licence or certificate stands in the register of permits (read as a table, like any
/// record that names the document: the permit desk sits above documents), by its status code and
/// last day; `None` for a document that is not a permit of the register.
pub fn register_standing(conn: &mut DbConnection, id: &str) -> Result<Option<(String, Option<NaiveDate>)>, AppError> {
    use crate::db::schema::permits;
    Ok(permits::table
        .filter(permits::document_id.eq(id))
        .select((permits::status, permits::valid_until))
        .first(conn)
        .optional()?)
}

pub fn by_verify_code(conn: &mut DbConnection, code: &str) -> Result<Option<DocumentRow>, AppError> {
    Ok(documents::table
        .filter(documents::verify_code.eq(code.trim().to_uppercase()))
        .select(DocumentRow::as_select())
        .first(conn)
        .optional()?)
}

/// The PDF of a document and its file name: the frozen bytes once issued, a preview marked DỰ THẢO
/// before. The page and the API both answer with it.
pub fn pdf(
    conn: &mut DbConnection,
    files: &dyn FileStore,
    id: &str,
    agency_id: &str,
) -> Result<(Vec<u8>, String), AppError> {
    let d = find(conn, id, agency_id)?;
    let bytes = match &d.file_sha256 {
        Some(sha) => files.get(conn, sha)?.ok_or(AppError::NotFound)?,
        None => super::render(&spec_for(conn, &d, None)?).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?,
    };
    Ok((bytes, d.file_name()))
}

/// The signed copy kept beside an issued document, and its file name.
pub fn signed_pdf(
    conn: &mut DbConnection,
    files: &dyn FileStore,
    id: &str,
    agency_id: &str,
) -> Result<(Vec<u8>, String), AppError> {
    let d = find(conn, id, agency_id)?;
    let sha = d.signed_sha256.clone().ok_or(AppError::NotFound)?;
    Ok((files.get(conn, &sha)?.ok_or(AppError::NotFound)?, d.file_name().replace(".pdf", "-ban-ky.pdf")))
}

/// An issued document as another document cites it: "Quyết định số 05/QĐ-TT ngày 12 tháng 3 năm
/// 2026 của Chánh Thanh tra tỉnh".
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub symbol: String,
    pub date: NaiveDate,
    /// Who issued it, as running text names the authority (the signer's head and the agency as
    /// they stood when it was signed).
    pub issuer: String,
    pub summary: String,
}

impl Citation {
    /// "<type> số <symbol> ngày <date> của <issuer>", e.g. type "Quyết định".
    pub fn cite(&self, type_word: &str) -> String {
        format!("{type_word} số {} {} của {}", self.symbol, super::spec::date_words(self.date), self.issuer)
    }
}

/// The citation of an issued document; none for a draft or a missing one.
pub fn citation(conn: &mut DbConnection, id: &str, agency_id: &str) -> Result<Option<Citation>, AppError> {
    let Some(row) = documents::table
        .find(id)
        .filter(documents::agency_id.eq(agency_id))
        .select(DocumentRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let (Some(symbol), Some(date)) = (row.symbol.clone(), row.issued_on) else { return Ok(None) };
    let spec = spec_for(conn, &row, None)?;
    let signer: Option<SignerRow> = match &row.signer_id {
        Some(id) => agency_signers::table.find(id).select(SignerRow::as_select()).first(conn).optional()?,
        None => None,
    };
    let issuer = match signer {
        Some(s) => super::spec::authority_phrase(&s.prefix, &s.authority_title, &s.title, &spec.agency),
        None => super::spec::name_in_text(&spec.agency),
    };
    Ok(Some(Citation { symbol, date, issuer, summary: row.summary }))
}
