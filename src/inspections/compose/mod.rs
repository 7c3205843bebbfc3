//! The documents of an engagement, composed from what was recorded: the annual plan (KH), the
//! decision (QĐ), the working minutes (BB làm việc), the violation record (BB VPHC), the sanction
//! decision (QĐ xử phạt), the team report (BC) and the conclusion (KL) or, for a check, the result
//! notice (TB). Each comes out as an ordinary draft that people can still edit before it is issued.
//! Shared wording lives here; each group of documents has its file.

mod closing;
mod opening;
mod sanction;
pub mod words;

pub use closing::{conclusion, minutes, report};
pub use opening::{decision, plan};
pub use sanction::{RecordContext, RuleText, Sanction, sanction_decision, violation_record};
pub use words::{money, words};

use super::model::{DurationUnit, Origin};
use super::state::Kind;
use crate::documents::queries::Citation;
use crate::outlets::model::OutletRow;

/// A team member as printed.
pub struct MemberLine {
    pub name: String,
    pub position: String,
    pub team_role: String,
}

impl MemberLine {
    /// A team member as the decision's table prints them: official position (chức vụ, never the
    /// software role; a dotted blank to fill in by hand while none is recorded) and place on the
    /// team.
    pub fn of(name: &str, official_title: &str, team: super::model::TeamRole) -> MemberLine {
        MemberLine {
            name: name.to_string(),
            position: if official_title.trim().is_empty() {
                "……………".into()
            } else {
                official_title.trim().into()
            },
            team_role: if team == super::model::TeamRole::Leader { "Trưởng đoàn" } else { "Thành viên" }.into(),
        }
    }
}

pub fn address(o: &OutletRow) -> String {
    [o.street.as_str(), o.commune.as_str(), o.province.as_str()]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn d(x: Option<chrono::NaiveDate>) -> String {
    x.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|| "…/…/……".into())
}

pub(super) fn team_noun(k: Kind) -> &'static str {
    match k {
        Kind::ThanhTra => "Đoàn thanh tra",
        Kind::KiemTra => "Đoàn kiểm tra",
    }
}

pub(super) fn verb(k: Kind) -> &'static str {
    match k {
        Kind::ThanhTra => "thanh tra",
        Kind::KiemTra => "kiểm tra",
    }
}

/// "thanh tra việc chấp hành…" from the scope, without saying the verb twice when the scope
/// already starts with it ("Thanh tra việc…" → not "thanh tra thanh tra việc…").
pub(super) fn scope_phrase(k: Kind, scope: &str) -> String {
    let scope = lower_first(scope);
    let v = verb(k);
    let starts_with_verb = crate::domain::text::fold(&scope)
        .strip_prefix(&crate::domain::text::fold(v))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '));
    if starts_with_verb { scope } else { format!("{v} {scope}") }
}

/// Documents are written in Vietnamese whatever the reader's language.
pub(super) const VI: crate::i18n::Lang = crate::i18n::Lang::Vi;

pub(super) fn unit_words(unit: DurationUnit) -> &'static str {
    if unit == DurationUnit::Working { "ngày làm việc" } else { "ngày" }
}

/// The law the engagement follows, by kind (DOMAIN.md §9.1–9.2).
pub fn legal_basis(k: Kind) -> Vec<String> {
    match k {
        Kind::ThanhTra => vec![
            "Căn cứ Luật Thanh tra ngày 25 tháng 6 năm 2025;".into(),
            "Căn cứ Nghị định số 216/2025/NĐ-CP ngày 05 tháng 8 năm 2025 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Thanh tra;".into(),
        ],
        Kind::KiemTra => vec![
            "Căn cứ Nghị định số 217/2025/NĐ-CP ngày 05 tháng 8 năm 2025 của Chính phủ về hoạt động kiểm tra chuyên ngành;"
                .into(),
        ],
    }
}

/// Text from the catalogues as an official document may print it: internal notes for the people
/// who keep the catalogue ("(chưa kiểm chứng …)", "(chưa xác định …)", certainty marks "[U]",
/// "[S]", "[V]") are left out; they belong in the editor, not in a signed document.
pub fn official(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['(', '[']) {
        let close_char = if rest[open..].starts_with('(') { ')' } else { ']' };
        let Some(len) = rest[open..].find(close_char) else { break };
        let inner = &rest[open + 1..open + len];
        let folded = crate::domain::text::fold(inner);
        let internal = folded.starts_with("chua kiem chung")
            || folded.starts_with("chua xac dinh")
            || folded.starts_with("chua doi chieu")
            || matches!(inner.trim(), "U" | "S" | "V" | "S-weak");
        out.push_str(&rest[..open]);
        if !internal {
            out.push_str(&rest[open..open + len + 1]);
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    crate::domain::text::clean(&out).replace(" ,", ",").replace(" ;", ";").replace(" .", ".")
}

/// The recipients a decision or conclusion of the engagement goes to besides its own addressees
/// (Luật Thanh tra 2025 Art. 26(4), 36(5); NĐ 217/2025 Art. 7(2)(a)): the state management body of
/// the same level and the superior inspectorate for an inspection; the provincial committee and
/// Thanh tra tỉnh for a department's check.
pub(super) fn superiors(k: Kind, agency: &str) -> Vec<String> {
    match k {
        Kind::ThanhTra => vec!["Chủ tịch UBND tỉnh (để b/c)".into(), "Thanh tra Chính phủ (để b/c)".into()],
        Kind::KiemTra => {
            let mut v = vec!["UBND tỉnh (để b/c)".to_string()];
            if !crate::domain::text::fold(agency).starts_with("thanh tra") {
                v.push("Thanh tra tỉnh (để theo dõi)".into());
            }
            v
        }
    }
}

pub(super) fn dossier_word(k: Kind) -> &'static str {
    match k {
        Kind::ThanhTra => "hồ sơ thanh tra",
        Kind::KiemTra => "hồ sơ kiểm tra",
    }
}

/// What the documents of an engagement cite of its own paper trail.
#[derive(Debug, Clone, Default)]
pub struct Trail {
    /// The agency's name (for the recipients a decision or conclusion goes to).
    pub agency: String,
    /// The annual plan the engagement carries out (issued), when it came from one.
    pub plan: Option<Citation>,
    /// The engagement's decision, once issued.
    pub decision: Option<Citation>,
    /// The team's report, once issued.
    pub report: Option<Citation>,
}

/// The field of state management a sector belongs to, as violation records name it.
pub fn field_words(sector: &str) -> &'static str {
    match sector {
        "printing" => "hoạt động in",
        "postal" => "bưu chính",
        "press" => "báo chí",
        "game" => "trò chơi điện tử",
        "online_info" => "thông tin điện tử",
        _ => "quản lý nhà nước được giao",
    }
}

pub use crate::domain::text::capitalise;

pub fn lower_first(s: &str) -> String {
    let mut c = s.trim().chars();
    match c.next() {
        // Keep proper nouns and abbreviations ("Công ty", "UBND") as written.
        Some(f) if c.clone().next().is_some_and(|n| n.is_lowercase()) && !s.trim().starts_with("Công ty") => {
            f.to_lowercase().chain(c).collect()
        }
        Some(f) => std::iter::once(f).chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_on_a_sanction_decision() {
        assert_eq!(words(7_500_000), "Bảy triệu năm trăm nghìn");
        assert_eq!(words(15_000_000), "Mười lăm triệu");
        assert_eq!(words(21_000_000), "Hai mươi mốt triệu");
        assert_eq!(words(100_000_000), "Một trăm triệu");
        assert_eq!(words(1_005_000), "Một triệu không trăm linh năm nghìn");
        assert_eq!(money(7_500_000), "7.500.000");
    }

    #[test]
    fn the_scope_never_repeats_the_verb() {
        assert_eq!(
            scope_phrase(Kind::ThanhTra, "Việc chấp hành pháp luật về in"),
            "thanh tra việc chấp hành pháp luật về in"
        );
        assert_eq!(
            scope_phrase(Kind::ThanhTra, "Thanh tra việc chấp hành pháp luật"),
            "thanh tra việc chấp hành pháp luật"
        );
        assert_eq!(scope_phrase(Kind::KiemTra, "kiểm tra hoạt động in"), "kiểm tra hoạt động in");
        assert_eq!(scope_phrase(Kind::KiemTra, "Kiểm tra"), "kiểm tra");
        // A word that merely begins like the verb is not the verb.
        assert_eq!(scope_phrase(Kind::ThanhTra, "Thanh tran lan"), "thanh tra thanh tran lan");
    }

    #[test]
    fn lower_first_keeps_names() {
        assert_eq!(lower_first("Hoạt động in"), "hoạt động in");
        assert_eq!(lower_first("Công ty TNHH In Hồng Lam"), "Công ty TNHH In Hồng Lam");
        assert_eq!(lower_first("UBND xã"), "UBND xã");
    }
}
