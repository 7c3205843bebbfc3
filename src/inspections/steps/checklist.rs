//! The whole checklist saved in one submit from the field page. Every item sent is checked first
//! (each error keyed by its finding: `result.<id>`, `note.<id>`), and nothing is saved while any is
//! wrong; then the items this person changed are written in one transaction, each with its audit
//! entry. An item the page showed one way and that comes back the same is left alone, so a submit
//! does not undo what a colleague recorded on it meanwhile.

use sha2::{Digest, Sha256};

use crate::audit::Actor;
use crate::db::{DbConnection, write_tx};
use crate::domain::text;
use crate::error::{AppError, Code, FieldError, FieldErrors};
use crate::inspections::model::{FindingResult, FindingRow};
use crate::inspections::queries as q;
use crate::inspections::steps::findings::{FindingInput, check_finding, on_site, write_finding};

/// One item of the checklist form as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChecklistEntry {
    pub finding_id: String,
    /// Empty when no result was chosen.
    pub result: String,
    pub note: String,
    /// The `fingerprint` of the item as the page showed it.
    pub seen: String,
}

/// Reads the field page's checklist form (`result.<id>`, `note.<id>`, `seen.<id>`), in the
/// page's order; other fields are not the checklist's.
pub fn read(pairs: &[(String, String)]) -> Vec<ChecklistEntry> {
    let mut out: Vec<ChecklistEntry> = Vec::new();
    for (k, v) in pairs {
        let Some((part, id)) = k.split_once('.') else { continue };
        if !matches!(part, "result" | "note" | "seen") || !text::is_plausible_id(id) {
            continue;
        }
        let i = match out.iter().position(|e| e.finding_id == id) {
            Some(i) => i,
            None => {
                out.push(ChecklistEntry { finding_id: id.to_string(), ..ChecklistEntry::default() });
                out.len() - 1
            }
        };
        let e = &mut out[i];
        match part {
            "result" => e.result = v.clone(),
            "note" => e.note = v.clone(),
            _ => e.seen = v.clone(),
        }
    }
    out
}

/// A short fingerprint of a finding's result and note (the note as it would be stored).
pub fn fingerprint(result: FindingResult, note: &str) -> String {
    let digest = Sha256::digest(format!("{}\n{}", result.code(), text::clean_multiline(note)).as_bytes());
    hex::encode(&digest[..8])
}

/// The fingerprint of a finding as recorded.
pub fn seen(f: &FindingRow) -> String {
    fingerprint(f.result, &f.note)
}

/// Checks every entry, then writes the changed ones in one transaction; how many were written.
pub fn record_checklist(
    conn: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    engagement_id: &str,
    entries: &[ChecklistEntry],
) -> Result<usize, AppError> {
    let mut errors = FieldErrors::new();
    let mut checked = Vec::new();
    for e in entries {
        if e.result.trim().is_empty() {
            if !text::clean_multiline(&e.note).is_empty() {
                errors.add(&format!("result.{}", e.finding_id), Code::ChooseFindingResult);
            }
            continue;
        }
        let input = FindingInput { result: e.result.clone(), note: e.note.clone() };
        match check_finding(&input) {
            Ok((result, note)) => checked.push((e, result, note)),
            Err(found) => {
                for f in found.0 {
                    errors.push(FieldError { field: format!("{}.{}", f.field, e.finding_id), ..f });
                }
            }
        }
    }
    errors.into_result()?;
    write_tx(conn, |conn| {
        let eng = q::engagement(conn, engagement_id, agency_id)?;
        on_site(&eng)?;
        let stored = q::findings_of(conn, engagement_id)?;
        let mut written = 0;
        for (e, result, note) in checked {
            let before = stored.iter().find(|f| f.id == e.finding_id).ok_or(AppError::NotFound)?;
            let untouched = fingerprint(result, &note) == e.seen;
            if untouched || (before.result == result && before.note == note) {
                continue;
            }
            write_finding(conn, actor, before, result, &note)?;
            written += 1;
        }
        Ok(written)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_form_is_read_item_by_item_in_the_pages_order() {
        let read = read(&pairs(&[
            ("csrf_token", "x"),
            ("seen.b", "2"),
            ("result.a", "compliant"),
            ("note.a", "ok"),
            ("note.b", "missing"),
            ("result.b", "non_compliant"),
            ("note.bad id!", "skipped"),
        ]));
        assert_eq!(read.len(), 2);
        assert_eq!(read[0].finding_id, "b");
        assert_eq!(
            (read[0].result.as_str(), read[0].note.as_str(), read[0].seen.as_str()),
            ("non_compliant", "missing", "2")
        );
        assert_eq!((read[1].result.as_str(), read[1].note.as_str(), read[1].seen.as_str()), ("compliant", "ok", ""));
    }

    #[test]
    fn the_fingerprint_reads_the_note_as_it_is_stored() {
        let a = fingerprint(FindingResult::NonCompliant, "Không lập sổ\r\nquản lý ");
        assert_eq!(a, fingerprint(FindingResult::NonCompliant, "Không lập sổ\nquản lý"));
        assert_ne!(a, fingerprint(FindingResult::Compliant, "Không lập sổ\nquản lý"));
        assert_eq!(a.len(), 16);
    }
}
