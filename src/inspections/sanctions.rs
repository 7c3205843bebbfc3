//! Fine checks for sanction decisions: the amount must lie in the violation's range (the decree
//! prints it for organisations, individuals paying half, or the other way round for some articles),
//! and within the signer's sanctioning authority, a
//! share of the field's maximum fine that depends on the title and the date (DOMAIN.md §9.2: Luật
//! 88/2025; NĐ 189/2025 from 01/7/2025; NĐ 311/2026 from 26/9/2026). The shares are data with their
//! sources, so a new decree is a new row, not new code.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::text_enum! {
    /// Who committed the violation: the decree's range is for organisations, half for individuals.
    pub enum Offender in "insp.offender" {
        Organisation = "organisation",
        Individual = "individual",
    }
}

/// A catalogue entry: the decree's fine range as the decree prints it, for `basis`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViolationRule {
    pub code: String,
    pub decree: String,
    pub article: String,
    pub description: String,
    pub min: i64,
    pub max: i64,
    /// Whom the printed figures are for: organisations in most articles of NĐ 174/2026 (Art. 4(3))
    /// and NĐ 119/2020 (Art. 4(2)); individuals in a few (NĐ 119/2020 Art. 6).
    pub basis: Offender,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl ViolationRule {
    /// The range for this offender: the decree's figures for its basis, half of them for an
    /// individual when they are an organisation's, twice for an organisation when an individual's.
    pub fn range(&self, who: Offender) -> (i64, i64) {
        match (self.basis, who) {
            (b, w) if b == w => (self.min, self.max),
            (Offender::Organisation, _) => (self.min / 2, self.max / 2),
            (Offender::Individual, _) => (self.min * 2, self.max * 2),
        }
    }

    /// Whether the violator has the right to explain (Luật XLVPHC Art. 61(1) as amended in 2020):
    /// the maximum of the range reaches the threshold for this offender.
    pub fn explanation_due(&self, who: Offender) -> bool {
        let (_, max) = self.range(who);
        max >= EXPLANATION_THRESHOLD.for_offender(who)
    }
}

/// The fine from which a violator may explain before being sanctioned.
pub struct Threshold {
    pub individual: i64,
    pub source: &'static str,
}

impl Threshold {
    pub fn for_offender(&self, who: Offender) -> i64 {
        match who {
            Offender::Individual => self.individual,
            Offender::Organisation => self.individual * 2,
        }
    }
}

/// Luật XLVPHC Art. 61(1) as amended by Luật 67/2020/QH14: 15 million đồng for an individual, 30
/// for an organisation (DOMAIN.md §9.8, [S]).
pub const EXPLANATION_THRESHOLD: Threshold =
    Threshold { individual: 15_000_000, source: "Luật XLVPHC Điều 61 khoản 1 (sửa đổi 2020) [S]" };

/// The point, clause and article of a decree that a violation breaks, cited smallest first as
/// records and decisions write them: "điểm a khoản 1 Điều 25".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provision {
    pub article: String,
    pub clause: Option<String>,
    pub point: Option<String>,
}

impl Provision {
    /// Reads a provision written in any order ("Điều 25 khoản 1 điểm a", "điểm a khoản 1 Điều 25");
    /// none when no article number is given (the catalogue does not yet identify it).
    pub fn parse(s: &str) -> Option<Provision> {
        static RE: std::sync::OnceLock<[regex::Regex; 3]> = std::sync::OnceLock::new();
        let [art, cl, pt] = RE.get_or_init(|| {
            [
                regex::Regex::new(r"(?i)\bđiều\s+(\d+[a-zđ]?)\b").expect("a valid pattern"),
                regex::Regex::new(r"(?i)\bkhoản\s+(\d+[a-zđ]?)\b").expect("a valid pattern"),
                regex::Regex::new(r"(?i)\bđiểm\s+([a-zđ])\b").expect("a valid pattern"),
            ]
        });
        let get = |re: &regex::Regex| re.captures(s).map(|c| c[1].to_lowercase());
        Some(Provision { article: get(art)?, clause: get(cl), point: get(pt).filter(|_| get(cl).is_some()) })
    }

    /// "điểm a khoản 1 Điều 25".
    pub fn cite(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = &self.point {
            parts.push(format!("điểm {p}"));
        }
        if let Some(c) = &self.clause {
            parts.push(format!("khoản {c}"));
        }
        parts.push(format!("Điều {}", self.article));
        parts.join(" ")
    }
}

crate::text_enum! {
    /// A sanctioning title (NĐ 189/2025, NĐ 311/2026).
    pub enum Title in "insp.title" {
        ChairmanProvince = "chairman_province",
        DepartmentDirector = "department_director",
        ChiefProvincialInspector = "chief_provincial_inspector",
        ProvincialInspectionTeamLeader = "provincial_inspection_team_leader",
        ProvincialInspector = "provincial_inspector",
        DepartmentCheckTeamLeader = "department_check_team_leader",
    }
}

/// The title a signer sanctions under, from their signature block and agency: the head they sign
/// for ("KT. GIÁM ĐỐC" → the director; "CHÁNH THANH TRA" of Thanh tra tỉnh → its chief; "CHỦ TỊCH"
/// → the provincial chairman), or their own title when they sign as themselves ("THANH TRA VIÊN").
pub fn title_of(prefix: &str, authority_title: &str, own_title: &str, agency: &str) -> Option<Title> {
    let fold = |s: &str| crate::domain::text::fold(s);
    // "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH": on behalf of a collective, the chairman's own power.
    let own = prefix.trim().is_empty() || prefix.trim() == "TM." || authority_title.trim().is_empty();
    let head = if own { own_title } else { authority_title };
    let (head, agency) = (fold(head), fold(agency));
    if head.starts_with("chu tich") {
        Some(Title::ChairmanProvince)
    } else if head.starts_with("chanh thanh tra") && agency.starts_with("thanh tra") {
        Some(Title::ChiefProvincialInspector)
    } else if head.starts_with("truong doan thanh tra") {
        Some(Title::ProvincialInspectionTeamLeader)
    } else if head.starts_with("thanh tra vien") {
        Some(Title::ProvincialInspector)
    } else if head.starts_with("giam doc") {
        Some(Title::DepartmentDirector)
    } else {
        None
    }
}

/// A title's share of the field maximum, in force between two dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorityRule {
    pub title: Title,
    /// Percent of the field's maximum fine for individuals (organisations: doubled).
    pub percent: u32,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub source: String,
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// The tiers of DOMAIN.md §9.2.
pub fn default_authority() -> Vec<AuthorityRule> {
    let r = |title, percent, from: NaiveDate, source: &str| AuthorityRule {
        title,
        percent,
        valid_from: from,
        valid_to: None,
        source: source.into(),
    };
    vec![
        r(Title::ChairmanProvince, 100, d(2025, 7, 1), "NĐ 189/2025/NĐ-CP, Điều 5"),
        r(Title::DepartmentDirector, 80, d(2025, 7, 1), "NĐ 189/2025/NĐ-CP, Điều 6 khoản 2"),
        r(Title::ChiefProvincialInspector, 80, d(2026, 9, 26), "NĐ 311/2026/NĐ-CP, Điều 1 khoản 2"),
        r(
            Title::ProvincialInspectionTeamLeader,
            50,
            d(2026, 9, 26),
            "NĐ 311/2026/NĐ-CP, Điều 2 khoản 2 (trong thời hạn thanh tra)",
        ),
        r(Title::ProvincialInspector, 10, d(2026, 9, 26), "NĐ 311/2026/NĐ-CP, Điều 2 khoản 1"),
    ]
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FineError {
    #[error("the fine {amount} is outside the range {min}–{max}")]
    OutOfRange { amount: i64, min: i64, max: i64 },
    #[error("this title may not sanction on that date")]
    NoAuthority,
    #[error("the fine {amount} exceeds the signer's authority of {limit}")]
    OverAuthority { amount: i64, limit: i64 },
    #[error("the violation rule is not in force on that date")]
    RuleNotInForce,
}

/// Checks a proposed fine.
pub fn check_fine(
    rule: &ViolationRule,
    who: Offender,
    amount: i64,
    title: Title,
    field_max_individual: i64,
    authority: &[AuthorityRule],
    on: NaiveDate,
) -> Result<(), FineError> {
    if rule.valid_from > on || rule.valid_to.is_some_and(|t| on > t) {
        return Err(FineError::RuleNotInForce);
    }
    let (min, max) = rule.range(who);
    if amount < min || amount > max {
        return Err(FineError::OutOfRange { amount, min, max });
    }
    let share = authority
        .iter()
        .filter(|a| a.title == title && a.valid_from <= on && a.valid_to.is_none_or(|t| on <= t))
        .map(|a| a.percent)
        .max()
        .ok_or(FineError::NoAuthority)?;
    let cap = match who {
        Offender::Individual => field_max_individual,
        Offender::Organisation => field_max_individual * 2,
    };
    let limit = cap * i64::from(share) / 100;
    if amount > limit {
        return Err(FineError::OverAuthority { amount, limit });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postal_prohibited_goods() -> ViolationRule {
        ViolationRule {
            code: "postal.prohibited_goods".into(),
            decree: "NĐ 15/2020/NĐ-CP".into(),
            article: "(điều khoản chưa xác định)".into(),
            description: "Gửi, chấp nhận, vận chuyển hàng cấm qua đường bưu chính".into(),
            min: 10_000_000,
            max: 20_000_000,
            basis: Offender::Organisation,
            valid_from: d(2020, 4, 15),
            valid_to: Some(d(2026, 6, 30)),
        }
    }

    const FIELD_MAX: i64 = 100_000_000;

    #[test]
    fn individuals_pay_half_the_organisation_range() {
        assert_eq!(postal_prohibited_goods().range(Offender::Individual), (5_000_000, 10_000_000));
        // An article whose figures are an individual's (NĐ 119/2020 Art. 6): organisations pay twice.
        let mut r = postal_prohibited_goods();
        r.basis = Offender::Individual;
        assert_eq!(r.range(Offender::Organisation), (20_000_000, 40_000_000));
        assert_eq!(r.range(Offender::Individual), (10_000_000, 20_000_000));
    }

    #[test]
    fn the_right_to_explain_follows_the_range() {
        let r = postal_prohibited_goods();
        // 20 m for an organisation is under 30 m; 10 m for an individual is under 15 m.
        assert!(!r.explanation_due(Offender::Organisation));
        let mut big = r.clone();
        big.max = 30_000_000;
        assert!(big.explanation_due(Offender::Organisation));
        assert!(big.explanation_due(Offender::Individual));
    }

    #[test]
    fn the_sanctioning_title_follows_the_signer_and_the_agency() {
        assert_eq!(
            title_of("KT.", "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", "THANH TRA TỈNH"),
            Some(Title::ChiefProvincialInspector)
        );
        assert_eq!(title_of("", "", "CHÁNH THANH TRA", "Thanh tra tỉnh"), Some(Title::ChiefProvincialInspector));
        assert_eq!(
            title_of("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
            Some(Title::DepartmentDirector)
        );
        assert_eq!(title_of("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "UBND TỈNH"), Some(Title::ChairmanProvince));
        assert_eq!(title_of("", "", "CHÁNH VĂN PHÒNG", "SỞ VĂN HÓA"), None);
        assert_eq!(title_of("", "", "CHỦ TỊCH", "UBND TỈNH"), Some(Title::ChairmanProvince));
    }

    #[test]
    fn provisions_are_cited_smallest_first_whatever_order_they_were_typed_in() {
        let p = Provision::parse("Điều 25 khoản 1 điểm a").unwrap();
        assert_eq!(p.cite(), "điểm a khoản 1 Điều 25");
        assert_eq!(Provision::parse("điểm đ khoản 2 Điều 28c").unwrap().cite(), "điểm đ khoản 2 Điều 28c");
        assert_eq!(Provision::parse("Điều 8").unwrap().cite(), "Điều 8");
        assert_eq!(Provision::parse("khoản 3 Điều 95").unwrap().cite(), "khoản 3 Điều 95");
        assert_eq!(Provision::parse("(chưa xác định điều)"), None);
        assert_eq!(Provision::parse("khoản 1"), None);
        assert_eq!(Provision::parse(""), None);
    }

    #[test]
    fn fines_outside_the_range_are_refused() {
        let r = postal_prohibited_goods();
        let a = default_authority();
        let on = d(2026, 3, 1);
        assert!(
            check_fine(&r, Offender::Organisation, 15_000_000, Title::DepartmentDirector, FIELD_MAX, &a, on).is_ok()
        );
        assert_eq!(
            check_fine(&r, Offender::Organisation, 25_000_000, Title::DepartmentDirector, FIELD_MAX, &a, on),
            Err(FineError::OutOfRange { amount: 25_000_000, min: 10_000_000, max: 20_000_000 })
        );
        assert!(
            check_fine(&r, Offender::Individual, 12_000_000, Title::DepartmentDirector, FIELD_MAX, &a, on).is_err()
        );
        assert_eq!(
            check_fine(&r, Offender::Organisation, 15_000_000, Title::DepartmentDirector, FIELD_MAX, &a, d(2026, 8, 1)),
            Err(FineError::RuleNotInForce)
        );
    }

    #[test]
    fn authority_depends_on_title_and_date() {
        let mut r = postal_prohibited_goods();
        r.max = 200_000_000;
        r.valid_to = None;
        let a = default_authority();
        // A department's check-team leader never signs a sanction.
        assert_eq!(
            check_fine(
                &r,
                Offender::Organisation,
                15_000_000,
                Title::DepartmentCheckTeamLeader,
                FIELD_MAX,
                &a,
                d(2026, 10, 1)
            ),
            Err(FineError::NoAuthority)
        );
        // The chief provincial inspector gains 80 % on 26/9/2026 (NĐ 311/2026).
        assert_eq!(
            check_fine(
                &r,
                Offender::Organisation,
                15_000_000,
                Title::ChiefProvincialInspector,
                FIELD_MAX,
                &a,
                d(2026, 9, 25)
            ),
            Err(FineError::NoAuthority)
        );
        assert!(
            check_fine(
                &r,
                Offender::Organisation,
                150_000_000,
                Title::ChiefProvincialInspector,
                FIELD_MAX,
                &a,
                d(2026, 9, 26)
            )
            .is_ok()
        );
        // 80 % of the organisation cap (2 × 100 m) is 160 m.
        assert_eq!(
            check_fine(
                &r,
                Offender::Organisation,
                170_000_000,
                Title::DepartmentDirector,
                FIELD_MAX,
                &a,
                d(2026, 10, 1)
            ),
            Err(FineError::OverAuthority { amount: 170_000_000, limit: 160_000_000 })
        );
        assert!(
            check_fine(&r, Offender::Organisation, 170_000_000, Title::ChairmanProvince, FIELD_MAX, &a, d(2026, 10, 1))
                .is_ok()
        );
        assert_eq!(
            check_fine(
                &r,
                Offender::Organisation,
                30_000_000,
                Title::ProvincialInspector,
                FIELD_MAX,
                &a,
                d(2026, 10, 1)
            ),
            Err(FineError::OverAuthority { amount: 30_000_000, limit: 20_000_000 })
        );
    }
}
