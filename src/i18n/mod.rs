//! Vietnamese first, English available. Every text a page shows goes through `Tr::t` with a key from
//! the table below; a missing key shows itself (and a unit test checks that templates use known keys).

mod agencies;
mod audit;
mod auth;
mod calendar;
mod common;
mod complaints;
mod documents;
mod errors;
mod inspections;
mod outlets;
mod permits;
mod reception;
mod reports;

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Of a name kept in both languages, the reader's: the English where one is given, else the
    /// Vietnamese (the legal one).
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        if self == Lang::En && !en.is_empty() { en } else { vi }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language's name in itself ("Tiếng Việt", "English"), as language pickers show it.
    pub fn name(self) -> &'static str {
        lookup(self, &format!("lang.{}", self.code()))
    }
}

/// Translator handed to every template.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }
    pub fn t(&self, key: &str) -> &'static str {
        lookup(self.lang, key)
    }
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
    pub fn lang(&self) -> Lang {
        self.lang
    }
}

pub fn lookup(lang: Lang, key: &str) -> &'static str {
    match TABLE.get(key) {
        Some((vi, en)) => match lang {
            Lang::Vi => vi,
            Lang::En => en,
        },
        None => {
            tracing::warn!(key, "missing translation key");
            "⟨?⟩"
        }
    }
}

/// A share in per cent with one decimal as the reader writes it: "95,5 %", "95.5%".
pub fn percent(lang: Lang, p: f64) -> String {
    let s = format!("{p:.1}");
    match lang {
        Lang::Vi => format!("{} %", s.replace('.', ",")),
        Lang::En => format!("{s}%"),
    }
}

/// A count as the reader writes it: "1.234" in Vietnamese, "1,234" in English.
pub fn number(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = if lang == Lang::En { ',' } else { '.' };
    let mut grouped = String::new();
    if n < 0 {
        grouped.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    grouped
}

/// An amount in đồng as the reader writes it: "150.000.000 đ", "VND 150,000,000".
pub fn vnd(lang: Lang, amount: i64) -> String {
    let grouped = number(lang, amount).trim_start_matches('-').to_string();
    let sign = if amount < 0 { "-" } else { "" };
    match lang {
        Lang::Vi => format!("{sign}{grouped} đ"),
        Lang::En => format!("{sign}VND {grouped}"),
    }
}

/// A range of amounts: "10.000.000 – 20.000.000 đ", "VND 10,000,000 – 20,000,000".
pub fn vnd_range(lang: Lang, low: i64, high: i64) -> String {
    let bare = |a: i64| vnd(lang, a).replace(" đ", "").replace("VND ", "");
    match lang {
        Lang::Vi => format!("{} – {} đ", bare(low), bare(high)),
        Lang::En => format!("VND {} – {}", bare(low), bare(high)),
    }
}

pub fn has_key(key: &str) -> bool {
    TABLE.contains_key(key)
}

static TABLE: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> =
    LazyLock::new(|| TABLES.iter().flat_map(|t| t.iter()).map(|(k, vi, en)| (*k, (*vi, *en))).collect());

/// One table per feature; a key belongs to exactly one of them.
const TABLES: &[&[(&str, &str, &str)]] = &[
    agencies::ENTRIES,
    audit::ENTRIES,
    auth::ENTRIES,
    calendar::ENTRIES,
    common::ENTRIES,
    complaints::ENTRIES,
    reception::ENTRIES,
    permits::ENTRIES,
    reports::ENTRIES,
    documents::ENTRIES,
    errors::ENTRIES,
    inspections::ENTRIES,
    outlets::ENTRIES,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_kept_in_both_languages_is_the_readers_or_the_vietnamese() {
        assert_eq!(Lang::En.pick("Tết Nguyên đán", "Lunar New Year"), "Lunar New Year");
        assert_eq!(Lang::Vi.pick("Tết Nguyên đán", "Lunar New Year"), "Tết Nguyên đán");
        assert_eq!(Lang::En.pick("Tết Nguyên đán", ""), "Tết Nguyên đán", "no English given");
    }

    #[test]
    fn amounts_are_grouped_as_each_language_writes_them() {
        assert_eq!(vnd(Lang::Vi, 150_000_000), "150.000.000 đ");
        assert_eq!(vnd(Lang::En, 7_500_000), "VND 7,500,000");
        assert_eq!(vnd(Lang::Vi, 0), "0 đ");
    }

    #[test]
    fn every_entry_key_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for (k, _, _) in TABLES.iter().flat_map(|t| t.iter()) {
            assert!(seen.insert(*k), "duplicate key {k}");
        }
    }

    #[test]
    fn every_key_a_template_uses_exists() {
        let re = regex::Regex::new(r#"t\.t\("([a-z0-9_.]+)"\)"#).unwrap();
        let mut missing = Vec::new();
        for entry in walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/templates"))) {
            let text = std::fs::read_to_string(&entry).unwrap();
            for cap in re.captures_iter(&text) {
                if !has_key(&cap[1]) {
                    missing.push(format!("{}: {}", entry.display(), &cap[1]));
                }
            }
        }
        assert!(missing.is_empty(), "missing translation keys: {missing:#?}");
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }
}
