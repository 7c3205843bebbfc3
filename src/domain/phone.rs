//! A Vietnamese phone number as people write it: digits with spaces, dots or hyphens, an optional +84,
//! and an optional extension. Stored in a compact form.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Option<Phone> {
        let s = input.trim();
        let (main, ext) = match s.split_once(['x', '#']) {
            Some((m, e)) => (m, Some(e.trim())),
            None => (s, None),
        };
        let mut digits = String::new();
        for (i, c) in main.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => digits.push('+'),
                ' ' | '.' | '-' | '(' | ')' => {}
                _ => return None,
            }
        }
        let count = digits.chars().filter(char::is_ascii_digit).count();
        if !(8..=15).contains(&count) {
            return None;
        }
        if let Some(e) = ext {
            if e.is_empty() || e.len() > 6 || !e.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            digits.push_str(" x");
            digits.push_str(e);
        }
        Some(Phone(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_ways_of_writing_numbers_are_accepted() {
        assert_eq!(Phone::parse("0239.3856.123").unwrap().as_str(), "02393856123");
        assert_eq!(Phone::parse("+84 912 345 678").unwrap().as_str(), "+84912345678");
        assert_eq!(Phone::parse("(0239) 385 6123 x12").unwrap().as_str(), "02393856123 x12");
    }

    #[test]
    fn junk_is_refused() {
        assert!(Phone::parse("12").is_none());
        assert!(Phone::parse("gọi tôi").is_none());
        assert!(Phone::parse("0912+345678").is_none());
    }
}
