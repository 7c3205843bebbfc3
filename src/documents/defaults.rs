//! The fixed wording each document type starts from (type line, legal bases, body skeleton,
//! recipients). Staff adjust the files in `templates/documents/defaults/<type>.txt`; a file there
//! (read at run time, from the working folder) wins over the copy compiled into the binary.

use super::spec::DocType;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Defaults {
    pub title: String,
    pub bases: String,
    pub body: String,
    pub recipients: String,
}

fn builtin(t: DocType) -> &'static str {
    match t {
        DocType::Decision => include_str!("../../templates/documents/defaults/decision.txt"),
        DocType::Conclusion => include_str!("../../templates/documents/defaults/conclusion.txt"),
        DocType::Notice => include_str!("../../templates/documents/defaults/notice.txt"),
        DocType::Minutes => include_str!("../../templates/documents/defaults/minutes.txt"),
        DocType::Report => include_str!("../../templates/documents/defaults/report.txt"),
        DocType::Plan => include_str!("../../templates/documents/defaults/plan.txt"),
        DocType::OfficialLetter => include_str!("../../templates/documents/defaults/official_letter.txt"),
        DocType::Permit => include_str!("../../templates/documents/defaults/permit.txt"),
    }
}

/// Reads the `[title]`, `[bases]`, `[body]` and `[recipients]` sections.
pub fn parse(text: &str) -> Defaults {
    let mut d = Defaults::default();
    let mut current: Option<&mut String> = None;
    for line in text.lines() {
        match line.trim() {
            "[title]" => current = Some(&mut d.title),
            "[bases]" => current = Some(&mut d.bases),
            "[body]" => current = Some(&mut d.body),
            "[recipients]" => current = Some(&mut d.recipients),
            _ => {
                if let Some(s) = current.as_deref_mut() {
                    if !s.is_empty() {
                        s.push('\n');
                    }
                    s.push_str(line.trim_end());
                }
            }
        }
    }
    d
}

pub fn load(t: DocType) -> Defaults {
    load_named(t.code(), builtin(t))
}

/// The wording of a model form with its own file (`sanction_decision.txt`): the legal bases every
/// sanction decision starts with (Luật XLVPHC, NĐ 118/2021, NĐ 189/2025 and their amendments).
pub fn load_form(form: super::spec::Form) -> Defaults {
    match form {
        super::spec::Form::SanctionDecision => {
            load_named("sanction_decision", include_str!("../../templates/documents/defaults/sanction_decision.txt"))
        }
        other => other.doc_type().map(load).unwrap_or_default(),
    }
}

fn load_named(name: &str, builtin: &str) -> Defaults {
    let path = std::path::Path::new("templates/documents/defaults").join(format!("{name}.txt"));
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text),
        Err(_) => parse(builtin),
    }
}

/// The summary a correcting document starts with: "Đính chính 05/KL-TTr".
pub fn correction_summary(original: &crate::documents::model::DocumentRow) -> String {
    format!("Đính chính {}", original.symbol.clone().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_wording_and_the_conclusion_cites_the_2025_law() {
        for t in DocType::ALL {
            let d = parse(builtin(t));
            assert!(!d.body.is_empty(), "{t:?}");
        }
        let c = parse(builtin(DocType::Conclusion));
        assert_eq!(c.title, "KẾT LUẬN THANH TRA");
        assert!(c.bases.starts_with("Căn cứ Luật Thanh tra ngày 25 tháng 6 năm 2025;"));
        assert!(c.recipients.contains("Lưu: VT"));
    }
}
