//! What a person types on any form, turned into validated values (pure: no database). Text is trimmed and runs
//! of spaces collapsed before lengths are counted.

use chrono::NaiveDate;

use crate::domain::text;
use crate::error::{Code, FieldError, FieldErrors};

/// A day as YYYY-MM-DD or DD/MM/YYYY, not after `today`; empty is `None` (refused when required).
pub fn day(field: &str, s: &str, required: bool, today: NaiveDate, e: &mut FieldErrors) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        if required {
            e.add(field, Code::Required);
        }
        return None;
    }
    match NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y")) {
        Ok(d) if d > today => {
            e.add(field, Code::DateFuture);
            None
        }
        Ok(d) if d < NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(d) => {
            e.add(field, Code::DateInvalid);
            None
        }
        Ok(d) => Some(d),
        Err(_) => {
            e.add(field, Code::DateInvalid);
            None
        }
    }
}

/// One line of text, required or not, at most `max` characters.
pub fn line(field: &str, s: &str, required: bool, max: usize, e: &mut FieldErrors) -> String {
    let v = text::clean(s);
    if required && v.is_empty() {
        e.add(field, Code::Required);
    } else if v.chars().count() > max {
        e.push(FieldError::with_arg(field, Code::TooLong, max));
    }
    v
}

/// Several lines of text, required or not, at most `max` characters.
pub fn block(field: &str, s: &str, required: bool, max: usize, e: &mut FieldErrors) -> String {
    let v = text::clean_multiline(s);
    if required && v.is_empty() {
        e.add(field, Code::Required);
    } else if v.chars().count() > max {
        e.push(FieldError::with_arg(field, Code::TooLong, max));
    }
    v
}

/// One of a closed set of choices, required: empty or unknown is refused beside the field.
pub fn choice<T>(field: &str, s: &str, parse: fn(&str) -> Option<T>, e: &mut FieldErrors) -> Option<T> {
    match s.trim() {
        "" => {
            e.add(field, Code::Required);
            None
        }
        v => parse(v).or_else(|| {
            e.add(field, Code::InvalidChoice);
            None
        }),
    }
}

/// The slot and field of a numbered form field: `person_2_phone` is (2, "phone") for the prefix
/// `person_` when 2 is within `slots`.
pub fn numbered<'a>(key: &'a str, prefix: &str, slots: usize) -> Option<(usize, &'a str)> {
    let (n, field) = key.strip_prefix(prefix)?.split_once('_')?;
    n.parse::<usize>().ok().filter(|n| (1..=slots).contains(n)).map(|n| (n, field))
}

/// A ticked box as forms and JSON send it.
pub fn ticked(s: &str) -> bool {
    matches!(s.trim(), "on" | "true" | "1" | "yes")
}

/// The national form of a phone number's digits (+84 9… → 09…), the key the public status page
/// compares; empty when it is not a phone number.
pub fn phone_key(s: &str) -> String {
    let Some(p) = crate::domain::Phone::parse(s) else { return String::new() };
    let main = p.as_str().split(" x").next().unwrap_or_default();
    match main.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => main.trim_start_matches('+').to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_compare_in_national_form() {
        assert_eq!(phone_key("+84 912 345 678"), "0912345678");
        assert_eq!(phone_key("0912.345.678"), "0912345678");
        assert_eq!(phone_key("0912-345-678 x12"), "0912345678");
        assert_eq!(phone_key("not a phone"), "");
    }

    #[test]
    fn days_are_not_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let mut e = FieldErrors::new();
        assert_eq!(day("d", "05/12/2026", true, today, &mut e), NaiveDate::from_ymd_opt(2026, 12, 5));
        assert_eq!(day("d", "2026-12-07", true, today, &mut e), None);
        assert_eq!(day("d", "", true, today, &mut e), None);
        assert_eq!(e.0.len(), 2);
    }
}
