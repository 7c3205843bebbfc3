//! The engagement's dossier: its issued documents in the order they were issued, each with its
//! bytes, pages and signed copy, and the agency's header for the contents.

use super::*;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::files::FileStore;
use crate::inspections::dossier::Entry;

/// What the dossier bundle holds: the contents' entries and, for each, the files it brings.
pub struct Dossier {
    pub header: crate::documents::spec::DocSpec,
    pub subject: String,
    pub entries: Vec<Entry>,
    /// (file name, bytes), in the order of the entries (a document, then its signed copy).
    pub files: Vec<(String, Vec<u8>)>,
}

fn pages(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes).map(|d| d.get_pages().len()).unwrap_or(0)
}

pub fn dossier(conn: &mut DbConnection, files: &dyn FileStore, id: &str, agency: &str) -> Result<Dossier, AppError> {
    let e = engagement(conn, id, agency)?;
    let outlet = crate::outlets::queries::find(conn, &e.outlet_id)?;
    let mut ids: Vec<crate::domain::DocumentId> =
        [&e.decision_id, &e.minutes_id, &e.report_id, &e.conclusion_id].into_iter().flatten().cloned().collect();
    for v in violations_of(conn, &e.id)? {
        ids.extend(v.record_id);
        ids.extend(v.decision_id);
    }
    let mut docs = Vec::new();
    for id in ids {
        let d = crate::documents::queries::find(conn, &id, agency)?;
        if d.is_issued() {
            docs.push(d);
        }
    }
    docs.sort_by_key(|d| (d.issued_on, d.issued_at));
    let agency_row = crate::agencies::queries::find(conn, agency)?;
    let mut entries = Vec::new();
    let mut out = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let sha = d.file_sha256.clone().ok_or(AppError::NotFound)?;
        let bytes = files.get(conn, &sha)?.ok_or(AppError::NotFound)?;
        let file = format!("{:02}-{}", i + 1, d.file_name());
        let signed = match &d.signed_sha256 {
            Some(s) => {
                let b = files.get(conn, s)?.ok_or(AppError::NotFound)?;
                let name = file.replace(".pdf", "-ban-ky.pdf");
                let n = pages(&b);
                Some((name, b, n))
            }
            None => None,
        };
        entries.push(Entry {
            symbol: d.symbol.clone().unwrap_or_default(),
            date: d.issued_on,
            title: d.name_in_text(),
            author: crate::documents::spec::name_in_text(&agency_row.name),
            pages: pages(&bytes),
            file: file.clone(),
            signed: signed.as_ref().map(|(n, _, p)| (n.clone(), *p)),
        });
        out.push((file, bytes));
        if let Some((name, b, _)) = signed {
            out.push((name, b));
        }
    }
    let header = crate::documents::spec::DocSpec {
        doc_type: crate::documents::spec::DocType::Report,
        governing_body: agency_row.governing_body.clone(),
        agency: agency_row.name.clone(),
        agency_abbreviation: agency_row.abbreviation.clone(),
        unit_code: None,
        number: None,
        place: agency_row.place_name.clone(),
        date: None,
        title: None,
        summary: String::new(),
        authority: None,
        addressees: vec![],
        bases: vec![],
        body: vec![],
        signer: None,
        counter_signer: None,
        more_signers: vec![],
        form: crate::documents::spec::Form::Index,
        recipients: vec![],
        draft: false,
        verification: None,
        public_copy: false,
    };
    let subject = crate::inspections::dossier::subject(e.kind().label(crate::i18n::Lang::Vi), &outlet.name, &e.scope);
    Ok(Dossier { header, subject, entries, files: out })
}
