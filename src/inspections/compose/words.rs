//! Amounts as sanction decisions write them: "7.500.000" and "Bảy triệu năm trăm nghìn".

use super::capitalise;

pub fn money(v: i64) -> String {
    let s = v.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if v < 0 { format!("-{out}") } else { out }
}

/// An amount in Vietnamese words, as written on sanction decisions ("bảy triệu năm trăm nghìn").
pub fn words(n: i64) -> String {
    const DIGITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
    fn three(n: i64, full: bool) -> String {
        let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
        let mut parts: Vec<String> = Vec::new();
        if full || h > 0 {
            parts.push(format!("{} trăm", DIGITS[h as usize]));
        }
        match t {
            0 if u > 0 && (full || h > 0) => parts.push("linh".into()),
            0 => {}
            1 => parts.push("mười".into()),
            _ => parts.push(format!("{} mươi", DIGITS[t as usize])),
        }
        if u > 0 {
            let w = match (t, u) {
                (t, 1) if t > 1 => "mốt",
                (t, 5) if t > 0 => "lăm",
                _ => DIGITS[u as usize],
            };
            parts.push(w.into());
        }
        parts.join(" ")
    }
    if n == 0 {
        return "không".into();
    }
    let units = ["", " nghìn", " triệu", " tỷ"];
    let mut groups = Vec::new();
    let mut x = n.abs();
    while x > 0 {
        groups.push(x % 1000);
        x /= 1000;
    }
    let mut out: Vec<String> = Vec::new();
    for (i, g) in groups.iter().enumerate().rev() {
        if *g == 0 {
            continue;
        }
        let full = i < groups.len() - 1;
        out.push(format!("{}{}", three(*g, full), units[i % 4]));
    }
    let s = out.join(" ");
    capitalise(&s)
}
