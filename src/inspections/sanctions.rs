//! Fine checks for sanction decisions: the amount must lie in the violation's range (organisations
//! pay the decree's figures, individuals half), and within the signer's sanctioning authority, a
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

/// A catalogue entry: the decree's fine range for organisations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViolationRule {
    pub code: String,
    pub decree: String,
    pub article: String,
    pub description: String,
    pub min_org: i64,
    pub max_org: i64,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

impl ViolationRule {
    /// The range for this offender: the decree's figures for an organisation, half for an individual.
    pub fn range(&self, who: Offender) -> (i64, i64) {
        match who {
            Offender::Organisation => (self.min_org, self.max_org),
            Offender::Individual => (self.min_org / 2, self.max_org / 2),
        }
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
            min_org: 10_000_000,
            max_org: 20_000_000,
            valid_from: d(2020, 4, 15),
            valid_to: Some(d(2026, 6, 30)),
        }
    }

    const FIELD_MAX: i64 = 100_000_000;

    #[test]
    fn individuals_pay_half_the_organisation_range() {
        assert_eq!(postal_prohibited_goods().range(Offender::Individual), (5_000_000, 10_000_000));
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
        r.max_org = 200_000_000;
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
