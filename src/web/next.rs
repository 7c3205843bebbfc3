//! Where a page may send the browser back to (`next=` after sign-in or a language switch): only a
//! path of this site. Browsers drop tabs and line breaks inside URLs and read `\` as `/`, so
//! `/\t/evil.example` would become `//evil.example`, another site; such input is refused, not cleaned.

/// `next` when it is a local path (starts with one `/`, no scheme, no authority, no control
/// characters or backslashes, parses as a path of this site); `None` otherwise.
pub fn local_path(next: &str) -> Option<&str> {
    if next.is_empty() || next.len() > 2048 || !next.starts_with('/') || next.starts_with("//") {
        return None;
    }
    if next.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let base = url::Url::parse("http://thanhtra.invalid/").expect("a valid base");
    let joined = base.join(next).ok()?;
    let same_site = joined.scheme() == "http"
        && joined.host_str() == Some("thanhtra.invalid")
        && joined.port().is_none()
        && joined.username().is_empty()
        && joined.password().is_none();
    same_site.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_accepted() {
        for ok in ["/", "/outlets?q=in&page=2", "/inspections/01a2#history", "/%2F/x"] {
            assert_eq!(local_path(ok), Some(ok), "{ok}");
        }
        for bad in [
            "",
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "evil.example",
            "/\u{7f}/evil.example",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }
}
