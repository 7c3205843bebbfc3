//! Text normalisation: NFC for storage, and a diacritic-free fold for search that also maps đ/Đ to d
//! (đ has no Unicode decomposition, so stripping marks alone would miss it).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Control characters (NUL included) and bidirectional overrides never reach storage: PostgreSQL
/// refuses NUL, and bidi overrides can disguise text.
fn is_unwanted(c: char, keep_newlines: bool) -> bool {
    (c.is_control() && !(keep_newlines && (c == '\n' || c == '\t')))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Trims, converts to NFC, drops control characters and collapses runs of whitespace to one space.
pub fn clean(input: &str) -> String {
    let nfc: String =
        input.nfc().map(|c| if c.is_control() { ' ' } else { c }).filter(|c| !is_unwanted(*c, false)).collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trims and converts to NFC, keeping line breaks (for notes and multi-line fields).
pub fn clean_multiline(input: &str) -> String {
    let nfc: String = input.replace("\r\n", "\n").nfc().filter(|c| !is_unwanted(*c, true)).collect();
    nfc.trim().to_string()
}

/// A query-string parameter: cleaned and capped, so that no odd input reaches a query.
pub fn param(input: &str) -> String {
    clean(input).chars().take(200).collect()
}

/// Record ids in paths are UUIDs or short codes: anything else is simply not found.
pub fn is_plausible_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Lower-case, no diacritics, đ→d, every run of non-alphanumerics a single space.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut last_space = true;
    for c in input.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            last_space = false;
        } else if !last_space {
            out.push(' ');
            last_space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Number of characters, as a person counts them (after NFC).
/// Escapes `%`, `_` and `\\` for a LIKE pattern with `ESCAPE '\\'`.
pub fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// The first letter in upper case, the rest as written.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_marks_and_maps_d_bar() {
        assert_eq!(fold("Công ty Cổ phần Giao Hàng Tiết Kiệm"), "cong ty co phan giao hang tiet kiem");
        assert_eq!(fold("Đức Huy"), "duc huy");
        assert_eq!(fold("QUYẾT ĐỊNH số 05/QĐ-TTr"), "quyet dinh so 05 qd ttr");
        assert_eq!(fold("Kết luận"), fold("Ke\u{0302}\u{0301}t lua\u{0323}\u{0302}n"));
    }

    #[test]
    fn cleaning_drops_controls_and_bidi_overrides() {
        assert_eq!(clean("a\u{0}b\u{202e}c"), "a bc");
        assert_eq!(clean_multiline("x\n\u{0}y"), "x\ny");
        assert!(is_plausible_id("01934c8e-6b0a-7cc2-9a4e-1d2c3b4a5f60"));
        assert!(!is_plausible_id("a\u{0}"));
        assert!(!is_plausible_id("₫"));
    }

    #[test]
    fn cleaning_gives_nfc_and_single_spaces() {
        let decomposed = "Ke\u{0302}\u{0301}t  lua\u{0323}\u{0302}n ";
        assert_eq!(clean(decomposed), "Kết luận");
    }
}
