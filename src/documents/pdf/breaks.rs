//! Where a centred line (the header's agency names, a title, a summary, the authority line) may
//! break. Vietnamese words are mostly two syllables written apart ("thể thao", "hoạt động"), so a
//! break at any space can cut a word in half; the printed models never do. The breaker chooses, among
//! the ways to set the text in the fewest lines that fit, the one that cuts no word or fixed phrase,
//! prefers breaks after a comma and before a linking word ("và", "về", "tại", "đối với"), and keeps
//! the lines of even length. Pure: words and their widths in, line ranges out.

/// Two- and three-syllable words and fixed phrases of administrative writing that are never split
/// across lines (compared without case).
const PHRASES: &[&str] = &[
    // bodies and places
    "ủy ban",
    "nhân dân",
    "hội đồng",
    "chính phủ",
    "thủ tướng",
    "bộ trưởng",
    "chủ tịch",
    "giám đốc",
    "thành phố",
    "hà tĩnh",
    "hà nội",
    "việt nam",
    "cộng hòa",
    "xã hội",
    "chủ nghĩa",
    "độc lập",
    "tự do",
    "hạnh phúc",
    "văn hóa",
    "thể thao",
    "du lịch",
    "khoa học",
    "công nghệ",
    "thông tin",
    "truyền thông",
    "báo chí",
    "xuất bản",
    "phát hành",
    "bưu chính",
    "viễn thông",
    "tần số",
    "vô tuyến",
    "điện tử",
    "trò chơi",
    "trò chơi điện tử",
    "công cộng",
    "trang thông tin",
    "tổng hợp",
    "phát thanh",
    "truyền hình",
    "quảng cáo",
    "văn phòng",
    "phòng ban",
    "quản lý",
    "nhà nước",
    // work and law
    "thanh tra",
    "kiểm tra",
    "chánh thanh tra",
    "phó chánh",
    "trưởng đoàn",
    "thành viên",
    "hoạt động",
    "hoạt động in",
    "cơ sở",
    "cơ sở in",
    "chấp hành",
    "pháp luật",
    "quy định",
    "quyết định",
    "nghị định",
    "thông tư",
    "kết luận",
    "kế hoạch",
    "báo cáo",
    "thông báo",
    "biên bản",
    "giấy phép",
    "chứng nhận",
    "giấy chứng nhận",
    "đăng ký",
    "hồ sơ",
    "xử phạt",
    "vi phạm",
    "vi phạm hành chính",
    "hành chính",
    "chuyên ngành",
    "chuyên đề",
    "đột xuất",
    "định kỳ",
    "thành lập",
    "tiến hành",
    "công bố",
    "công khai",
    "trực tiếp",
    "làm việc",
    "khắc phục",
    "hậu quả",
    "biện pháp",
    "khiếu nại",
    "tố cáo",
    "kiến nghị",
    "phản ánh",
    "tiếp công dân",
    "công dân",
    "giải quyết",
    "thụ lý",
    "đối với",
    "liên quan",
    "trách nhiệm",
    "hữu hạn",
    "trách nhiệm hữu hạn",
    "cổ phần",
    "doanh nghiệp",
    "hộ kinh doanh",
    "kinh doanh",
    "công ty",
    "chi nhánh",
    "tổ chức",
    "cá nhân",
    "sản phẩm",
    "ấn phẩm",
    "xuất bản phẩm",
    "dịch vụ",
    "nội dung",
    "năm 2025",
    "năm 2026",
    "năm 2027",
];

/// Words a line may well start with: a break before them reads naturally.
const LINKING: &[&str] = &["và", "về", "tại", "đối", "của", "trong", "theo", "cho", "trên", "thuộc", "năm", "tỉnh"];

fn key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// For each gap between word i and word i+1: the cost of breaking there.
fn gap_costs(words: &[&str]) -> Vec<f32> {
    let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
    let mut inside = vec![false; words.len().saturating_sub(1)];
    for phrase in PHRASES {
        let parts: Vec<&str> = phrase.split(' ').collect();
        if parts.len() > keys.len() {
            continue;
        }
        for start in 0..=keys.len() - parts.len() {
            if parts.iter().enumerate().all(|(j, p)| keys[start + j] == *p) {
                // A phrase ending in a comma-separated list item still binds its own words only.
                let n = parts.len() - 1;
                if (0..n).all(|j| !words[start + j].ends_with([',', ';', ':'])) {
                    for g in inside.iter_mut().skip(start).take(n) {
                        *g = true;
                    }
                }
            }
        }
    }
    (0..words.len().saturating_sub(1))
        .map(|i| {
            let (a, b) = (words[i], words[i + 1]);
            if a.ends_with([',', ';', ':']) {
                0.0
            } else if inside[i] {
                60.0
            } else if LINKING.contains(&keys[i + 1].as_str()) {
                1.0
            } else if is_name_part(a) && is_name_part(b) {
                // Inside a proper name ("In Hồng Lam", "Nguyễn Du").
                25.0
            } else {
                6.0
            }
        })
        .collect()
}

/// A capitalised word in mixed-case text (all upper case says nothing about names).
fn is_name_part(w: &str) -> bool {
    let mut chars = w.chars().filter(|c| c.is_alphabetic());
    match chars.next() {
        Some(first) if first.is_uppercase() => chars.clone().any(|c| c.is_lowercase()) || chars.next().is_none(),
        _ => false,
    }
}

/// Splits `words` (with their `widths` and the width of a space) into lines no wider than `max`,
/// as ranges of word indices. Fewest lines first, then the lowest break cost, then the most even
/// lengths. A single word wider than `max` gets a line of its own.
pub(super) fn centred_lines(words: &[&str], widths: &[f32], space: f32, max: f32) -> Vec<std::ops::Range<usize>> {
    let n = words.len();
    if n == 0 {
        return Vec::new();
    }
    let costs = gap_costs(words);
    let width_of = |a: usize, b: usize| widths[a..b].iter().sum::<f32>() + space * (b - a - 1) as f32;
    // best[i] = (lines, cost, raggedness) to set words[..i]; prev[i] = where the last line starts.
    let mut best: Vec<Option<(usize, f32, f32)>> = vec![None; n + 1];
    let mut prev = vec![0usize; n + 1];
    best[0] = Some((0, 0.0, 0.0));
    for end in 1..=n {
        for start in (0..end).rev() {
            let w = width_of(start, end);
            if w > max && end - start > 1 {
                break;
            }
            let Some((lines, cost, rag)) = best[start] else { continue };
            let gap = if start == 0 { 0.0 } else { costs[start - 1] };
            let slack = (max - w).max(0.0) / max;
            let cand = (lines + 1, cost + gap, rag + slack * slack);
            let better = match best[end] {
                None => true,
                Some(cur) => (cand.0, cand.1 + cand.2 * 4.0) < (cur.0, cur.1 + cur.2 * 4.0),
            };
            if better {
                best[end] = Some(cand);
                prev[end] = start;
            }
        }
    }
    let mut out = Vec::new();
    let mut end = n;
    while end > 0 {
        let start = prev[end];
        out.push(start..end);
        end = start;
    }
    out.reverse();
    // Even lengths: with the line count fixed, retry narrower widths and keep the most even result
    // whose break cost is no worse.
    if out.len() > 1 {
        let count = out.len();
        let cost_of =
            |lines: &[std::ops::Range<usize>]| -> f32 { lines.iter().skip(1).map(|r| costs[r.start - 1]).sum() };
        let base_cost = cost_of(&out);
        let mut narrower = max;
        loop {
            narrower *= 0.96;
            if narrower < max * 0.45 {
                break;
            }
            let trial = centred_lines_exact(words, widths, space, narrower, &costs);
            match trial {
                Some(t) if t.len() == count && cost_of(&t) <= base_cost => out = t,
                _ => break,
            }
        }
    }
    out
}

/// The fewest-lines, lowest-cost setting at `max` (no balancing pass); none when a word is too wide.
fn centred_lines_exact(
    words: &[&str],
    widths: &[f32],
    space: f32,
    max: f32,
    costs: &[f32],
) -> Option<Vec<std::ops::Range<usize>>> {
    let n = words.len();
    if widths.iter().any(|w| *w > max) {
        return None;
    }
    let width_of = |a: usize, b: usize| widths[a..b].iter().sum::<f32>() + space * (b - a - 1) as f32;
    let mut best: Vec<Option<(usize, f32)>> = vec![None; n + 1];
    let mut prev = vec![0usize; n + 1];
    best[0] = Some((0, 0.0));
    for end in 1..=n {
        for start in (0..end).rev() {
            if width_of(start, end) > max {
                break;
            }
            let Some((lines, cost)) = best[start] else { continue };
            let gap = if start == 0 { 0.0 } else { costs[start - 1] };
            let cand = (lines + 1, cost + gap);
            if best[end].is_none_or(|cur| (cand.0, cand.1) < (cur.0, cur.1)) {
                best[end] = Some(cand);
                prev[end] = start;
            }
        }
    }
    best[n]?;
    let mut out = Vec::new();
    let mut end = n;
    while end > 0 {
        out.push(prev[end]..end);
        end = prev[end];
    }
    out.reverse();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Widths as character counts: enough to exercise the choice of breaks.
    fn set(text: &str, max: f32) -> Vec<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let widths: Vec<f32> = words.iter().map(|w| w.chars().count() as f32).collect();
        centred_lines(&words, &widths, 1.0, max).into_iter().map(|r| words[r].join(" ")).collect()
    }

    #[test]
    fn agency_names_break_between_words_not_inside_them() {
        let lines = set("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", 20.0);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(!lines[0].ends_with("THỂ"), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with("THAO") && !l.starts_with("LỊCH")), "{lines:?}");
    }

    #[test]
    fn summaries_keep_their_phrases() {
        let text =
            "Về việc kiểm tra việc chấp hành quy định pháp luật về hoạt động in đối với Công ty TNHH In Hồng Lam";
        for max in [40.0, 50.0, 60.0, 70.0] {
            let lines = set(text, max);
            for pair in [("hoạt", "động"), ("động", "in"), ("đối", "với"), ("Hồng", "Lam"), ("chấp", "hành")]
            {
                for l in &lines {
                    assert!(
                        !l.ends_with(pair.0) || !text.contains(&format!("{} {}", pair.0, pair.1)),
                        "{max}: {lines:?}"
                    );
                }
            }
            assert!(lines.iter().all(|l| l.chars().count() as f32 <= max), "{max}: {lines:?}");
        }
    }

    #[test]
    fn a_line_that_fits_is_one_line_and_an_over_long_word_gets_its_own() {
        assert_eq!(set("THANH TRA TỈNH", 30.0), vec!["THANH TRA TỈNH"]);
        assert_eq!(set("a bbbbbbbbbbbb c", 5.0), vec!["a", "bbbbbbbbbbbb", "c"]);
        assert!(set("", 10.0).is_empty());
    }
}
