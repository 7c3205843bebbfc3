//! An email address for notices, checked with `validator`'s HTML5 rule and stored lower-cased.

use std::fmt;

use validator::ValidateEmail;

#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Option<Email> {
        let s = input.trim().to_lowercase();
        if s.len() > 254 || !s.validate_email() || !s.rsplit('@').next().is_some_and(|d| d.contains('.')) {
            return None;
        }
        Some(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A form safe for logs: `n***@example.vn`.
    pub fn masked(&self) -> String {
        mask_email(&self.0)
    }

    /// Splits a list typed by a person (commas, semicolons, spaces or new lines), dropping repeats.
    pub fn parse_list(input: &str) -> Result<Vec<Email>, String> {
        let mut out: Vec<Email> = Vec::new();
        for part in input.split([',', ';', '\n', '\r', ' ', '\t']).map(str::trim).filter(|p| !p.is_empty()) {
            let e = Email::parse(part).ok_or_else(|| part.to_string())?;
            if !out.contains(&e) {
                out.push(e);
            }
        }
        Ok(out)
    }
}

pub fn mask_email(s: &str) -> String {
    match s.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_and_normalised() {
        assert_eq!(Email::parse(" Info@GHTK.vn ").unwrap().as_str(), "info@ghtk.vn");
        assert!(Email::parse("no-at-sign").is_none());
        assert!(Email::parse("a@b").is_none());
        assert!(Email::parse("a b@c.vn").is_none());
    }

    #[test]
    fn lists_split_on_any_separator_and_drop_repeats() {
        let l = Email::parse_list("a@x.vn, b@x.vn;\nA@x.vn").unwrap();
        assert_eq!(l.len(), 2);
        assert_eq!(Email::parse_list("a@x.vn, nope").unwrap_err(), "nope");
    }

    #[test]
    fn masking_hides_the_local_part() {
        assert_eq!(mask_email("nguyen@so.gov.vn"), "n***@so.gov.vn");
    }
}
