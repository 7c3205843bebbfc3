//! Mã số thuế (MST): 10 digits, the tenth a check digit over the first nine; a branch adds "-" and a
//! three-digit suffix 001–999. Check digit: 10 − (Σ wᵢ·dᵢ mod 11) with weights 31 29 23 19 17 13 7 5 3.
//! Since 01/7/2025 an individual's or household business's tax code is their 12-digit personal
//! identification number (số định danh cá nhân; TT 86/2024/TT-BTC, kept by TT 90/2026/TT-BTC;
//! DOMAIN.md §9.8): no check digit; the first three digits a province code (001–096), the fourth the
//! sex and century of birth (0–3 for births 1900–2099).

use crate::error::Code;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct TaxCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxCodeError {
    /// Not 10, 12 or 13 digits (separators aside).
    Format,
    /// 12 digits that cannot be a personal identification number (province or century code).
    Personal,
    /// The check digit does not match: a digit was probably mistyped.
    Checksum,
    /// Branch suffix 000.
    Branch,
}

impl TaxCodeError {
    pub fn code(self) -> Code {
        match self {
            TaxCodeError::Format => Code::TaxCodeFormat,
            TaxCodeError::Checksum => Code::TaxCodeChecksum,
            TaxCodeError::Branch => Code::TaxCodeBranch,
            TaxCodeError::Personal => Code::TaxCodePersonal,
        }
    }
}

const WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

fn check_digit(first_nine: &[u32]) -> Option<u32> {
    let total: u32 = first_nine.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    let digit = 10 - (total % 11);
    (digit <= 9).then_some(digit)
}

impl TaxCode {
    /// Accepts spaces, dots and one hyphen as separators; stores `0123456789` or `0123456789-001`.
    pub fn parse(input: &str) -> Result<TaxCode, TaxCodeError> {
        let compact: String = input.chars().filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}')).collect();
        if !matches!(compact.len(), 10 | 12 | 13) || !compact.bytes().all(|b| b.is_ascii_digit()) {
            return Err(TaxCodeError::Format);
        }
        let digits: Vec<u32> = compact.bytes().map(|b| u32::from(b - b'0')).collect();
        // A hyphen marks a branch suffix: "0100233488-01" is a mistyped branch, not a personal number.
        if compact.len() == 12 && input.contains('-') {
            return Err(TaxCodeError::Format);
        }
        if compact.len() == 12 {
            let province = digits[0] * 100 + digits[1] * 10 + digits[2];
            if !(1..=96).contains(&province) || digits[3] > 3 {
                return Err(TaxCodeError::Personal);
            }
            return Ok(TaxCode(compact));
        }
        if digits[2..9].iter().all(|d| *d == 0) {
            return Err(TaxCodeError::Format);
        }
        if check_digit(&digits[..9]) != Some(digits[9]) {
            return Err(TaxCodeError::Checksum);
        }
        if compact.len() == 13 {
            if &compact[10..] == "000" {
                return Err(TaxCodeError::Branch);
            }
            return Ok(TaxCode(format!("{}-{}", &compact[..10], &compact[10..])));
        }
        Ok(TaxCode(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    pub fn is_branch(&self) -> bool {
        self.0.len() == 14
    }

    /// A personal identification number used as the tax code (individuals, household businesses).
    pub fn is_personal(&self) -> bool {
        self.0.len() == 12
    }
}

impl fmt::Display for TaxCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn published_codes_are_accepted() {
        assert_eq!(TaxCode::parse("0100233488").unwrap().as_str(), "0100233488");
        assert_eq!(TaxCode::parse("0314409058-002").unwrap().as_str(), "0314409058-002");
        assert_eq!(TaxCode::parse("0314409058002").unwrap().as_str(), "0314409058-002");
        assert_eq!(TaxCode::parse(" 01.00.233.488 ").unwrap().as_str(), "0100233488");
        assert!(TaxCode::parse("0314409058-002").unwrap().is_branch());
    }

    #[test]
    fn a_personal_identification_number_is_a_household_business_tax_code() {
        let t = TaxCode::parse("042 0 85 012345").unwrap();
        assert_eq!(t.as_str(), "042085012345");
        assert!(t.is_personal() && !t.is_branch());
        assert_eq!(TaxCode::parse("001301999999").unwrap().as_str(), "001301999999");
        // No province 000 or 097+, no century code past 2099.
        assert_eq!(TaxCode::parse("000085012345"), Err(TaxCodeError::Personal));
        assert_eq!(TaxCode::parse("097085012345"), Err(TaxCodeError::Personal));
        assert_eq!(TaxCode::parse("042485012345"), Err(TaxCodeError::Personal));
        assert_eq!(TaxCode::parse("04208501234"), Err(TaxCodeError::Format));
    }

    #[test]
    fn a_mistyped_digit_is_caught() {
        assert_eq!(TaxCode::parse("0100233480"), Err(TaxCodeError::Checksum));
        assert_eq!(TaxCode::parse("0100233588"), Err(TaxCodeError::Checksum));
    }

    #[test]
    fn wrong_shapes_are_format_errors() {
        for bad in ["", "12345", "01002334881", "010023348A", "0100233488-01", "0100000008"] {
            assert_eq!(TaxCode::parse(bad), Err(TaxCodeError::Format), "{bad}");
        }
        assert_eq!(TaxCode::parse("0100233488-000"), Err(TaxCodeError::Branch));
    }

    proptest! {
        #[test]
        fn every_single_digit_change_is_detected(
            body in proptest::collection::vec(0u32..10, 9),
            pos in 0usize..9,
            delta in 1u32..10,
        ) {
            prop_assume!(body[2..9].iter().any(|d| *d != 0));
            if let Some(check) = check_digit(&body) {
                let good: String = body.iter().chain(std::iter::once(&check)).map(|d| char::from_digit(*d, 10).unwrap()).collect();
                prop_assert!(TaxCode::parse(&good).is_ok());
                let mut changed = body.clone();
                changed[pos] = (changed[pos] + delta) % 10;
                prop_assume!(changed[2..9].iter().any(|d| *d != 0));
                let bad: String = changed.iter().chain(std::iter::once(&check)).map(|d| char::from_digit(*d, 10).unwrap()).collect();
                prop_assert!(TaxCode::parse(&bad).is_err());
            }
        }
    }
}
