//! The layout of the documents, measured in the PDF: each text run's position is read from the
//! content stream (Td/Tm, Tf, TJ), its text decoded through the font's ToUnicode map, and its width
//! computed from the embedded font's metrics plus the TJ adjustments. Margins of NĐ 30/2020: left
//! 30 mm, right 15 mm (so text ends by 195 mm), top and bottom 20 mm.

use lopdf::content::Content;
use lopdf::{Document, Object};
use thanhtra::documents::fonts::{self, Style};
use thanhtra::documents::spec::{Block, DocSpec, DocType};

/// One text run as placed on the page (points from the bottom left).
#[derive(Debug, Clone)]
pub struct Run {
    pub page: usize,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub size: f32,
    pub style: Style,
    pub text: String,
}

pub const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

/// Every text run of a PDF, in content order.
pub fn runs(bytes: &[u8]) -> Vec<Run> {
    let doc = Document::load_mem(bytes).expect("a PDF");
    let metrics = fonts::metrics().expect("fonts");
    let mut out = Vec::new();
    for (page_no, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        let fonts = doc.get_page_fonts(page_id).expect("fonts of the page");
        let content = Content::decode(&doc.get_page_content(page_id)).expect("ops");
        let (mut font, mut size, mut x, mut y) = (Vec::new(), 0.0f32, 0.0f32, 0.0f32);
        for op in content.operations {
            match op.operator.as_str() {
                "BT" => (x, y) = (0.0, 0.0),
                "Tf" => {
                    font = op.operands[0].as_name().expect("font name").to_vec();
                    size = num(&op.operands[1]);
                }
                "Td" => {
                    x += num(&op.operands[0]);
                    y += num(&op.operands[1]);
                }
                "Tm" => {
                    x = num(&op.operands[4]);
                    y = num(&op.operands[5]);
                }
                "TJ" | "Tj" => {
                    let dict = fonts.get(&font).expect("the font of a run");
                    let base =
                        dict.get(b"BaseFont").and_then(Object::as_name).map(|n| String::from_utf8_lossy(n).to_string());
                    let base = base.unwrap_or_default();
                    let style = match (base.contains("Bold"), base.contains("Italic")) {
                        (true, true) => Style::BoldItalic,
                        (true, false) => Style::Bold,
                        (false, true) => Style::Italic,
                        _ => Style::Regular,
                    };
                    let enc = dict.get_font_encoding(&doc).expect("encoding");
                    let items: Vec<Object> = match &op.operands[0] {
                        Object::Array(a) => a.clone(),
                        o => vec![o.clone()],
                    };
                    let (mut text, mut width) = (String::new(), 0.0f32);
                    for it in items {
                        match it {
                            Object::String(b, _) => {
                                let t = Document::decode_text(&enc, &b).expect("text");
                                width += metrics.width(&t, style, size);
                                text.push_str(&t);
                            }
                            o => width -= num(&o) / 1000.0 * size,
                        }
                    }
                    out.push(Run { page: page_no, x, y, width, size, style, text });
                }
                _ => {}
            }
        }
    }
    out
}

/// Runs grouped into printed lines (same page and baseline), left to right, with their text joined.
pub fn lines(runs: &[Run]) -> Vec<(usize, f32, String)> {
    let mut out: Vec<(usize, f32, String)> = Vec::new();
    for r in runs {
        match out.iter_mut().find(|(p, y, _)| *p == r.page && (*y - r.y).abs() < 0.5) {
            Some(l) => {
                l.2.push(' ');
                l.2.push_str(r.text.trim());
            }
            None => out.push((r.page, r.y, r.text.trim().to_string())),
        }
    }
    out
}

fn render(spec: &DocSpec) -> Vec<Run> {
    runs(&thanhtra::documents::render(spec).expect("renders"))
}

fn all_samples() -> Vec<DocSpec> {
    let bench: thanhtra::documents::samples::BenchDoc =
        serde_json::from_str(include_str!("../data/conclusion.json")).expect("bench document");
    let mut all = thanhtra::documents::samples::all();
    all.push(bench.to_spec());
    all
}

#[test]
fn every_text_run_of_every_sample_stays_inside_the_margins() {
    for spec in all_samples() {
        let runs = render(&spec);
        assert!(runs.len() > 10, "{:?}: {} runs", spec.doc_type, runs.len());
        for r in &runs {
            assert!(
                r.x >= mm(30.0) - 0.5,
                "{:?}: {:?} starts {:.1} mm from the left edge",
                spec.doc_type,
                r.text,
                r.x / mm(1.0)
            );
            let end = r.x + r.width;
            assert!(
                end <= mm(195.0) + 0.5,
                "{:?}: {:?} ends {:.1} mm from the right edge",
                spec.doc_type,
                r.text,
                (mm(210.0) - end) / mm(1.0)
            );
            assert!(r.y >= mm(8.0) && r.y <= mm(297.0 - 10.0), "{:?}: {:?} at y {}", spec.doc_type, r.text, r.y);
        }
    }
}

#[test]
fn the_two_header_columns_keep_a_clear_space_between_them() {
    for spec in all_samples() {
        let runs = render(&spec);
        let title = runs.iter().find(|r| r.text.contains("CỘNG HÒA XÃ HỘI")).expect("the national title");
        let motto = runs.iter().find(|r| r.text.contains("Độc lập")).expect("the motto");
        let number = runs.iter().find(|r| r.text.starts_with("Số:")).expect("the number line");
        let right_edge_of_left = runs
            .iter()
            .filter(|r| r.page == 0 && r.y > number.y + 1.0 && r.x < title.x)
            .map(|r| r.x + r.width)
            .fold(0.0f32, f32::max);
        let left_edge_of_right = title.x.min(motto.x);
        assert!(
            left_edge_of_right - right_edge_of_left >= mm(3.0),
            "{:?}: the columns are {:.1} mm apart",
            spec.doc_type,
            (left_edge_of_right - right_edge_of_left) / mm(1.0)
        );
        assert!((12.0..=13.0).contains(&title.size), "the national title is 12–13 pt");
    }
}

/// Pairs that are one word and phrases that read as one: never split between two lines of a
/// centred block.
const UNSPLIT: &[(&str, &str)] = &[
    ("THỂ", "THAO"),
    ("DU", "LỊCH"),
    ("VĂN", "HÓA"),
    ("NHÂN", "DÂN"),
    ("HÀ", "TĨNH"),
    ("KHOA", "HỌC"),
    ("CÔNG", "NGHỆ"),
    ("hoạt", "động"),
    ("động", "in"),
    ("đối", "với"),
    ("chấp", "hành"),
    ("pháp", "luật"),
    ("Hồng", "Lam"),
    ("Công", "ty"),
    ("quy", "định"),
];

fn assert_no_split(lines: &[(usize, f32, String)], what: &str) {
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0].2, &pair[1].2);
        for (x, y) in UNSPLIT {
            assert!(
                !(a.split_whitespace().last() == Some(x) && b.split_whitespace().next() == Some(y)),
                "{what}: {x:?} / {y:?} split between lines {a:?} and {b:?}"
            );
        }
    }
}

#[test]
fn header_names_and_summaries_break_between_phrases() {
    let base = thanhtra::documents::samples::all().remove(0);
    let agencies = [
        ("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
        ("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
        ("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "THANH TRA TỈNH"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "SỞ VĂN HÓA VÀ THỂ THAO THÀNH PHỐ HỒ CHÍ MINH"),
    ];
    let summaries = [
        "Về việc kiểm tra việc chấp hành quy định pháp luật về hoạt động in đối với Công ty TNHH In Hồng Lam",
        "Về việc thanh tra việc chấp hành pháp luật về bưu chính đối với Công ty Cổ phần Chuyển phát nhanh Hồng Lĩnh",
        "Về việc kiểm tra hoạt động in tại Công ty TNHH In Hồng Lam",
    ];
    for (gov, agency) in agencies {
        for summary in summaries {
            let mut spec = base.clone();
            spec.governing_body = gov.into();
            spec.agency = agency.into();
            spec.summary = summary.into();
            let runs = render(&spec);
            let number = runs.iter().find(|r| r.text.starts_with("Số:")).expect("number").y;
            let title = runs.iter().find(|r| r.text.contains("CỘNG HÒA")).expect("title").x;
            let left: Vec<Run> = runs.iter().filter(|r| r.y > number + 1.0 && r.x < title).cloned().collect();
            assert_no_split(&lines(&left), agency);
            // The summary: the bold lines between the type line and the first basis.
            let type_line = runs.iter().find(|r| r.text == "QUYẾT ĐỊNH").expect("type line").y;
            let summary_runs: Vec<Run> = runs
                .iter()
                .filter(|r| r.page == 0 && r.y < type_line - 1.0 && r.style == Style::Bold && r.y > type_line - 90.0)
                .filter(|r| !r.text.starts_with("GIÁM ĐỐC"))
                .cloned()
                .collect();
            let printed: String = lines(&summary_runs).iter().map(|l| l.2.clone()).collect::<Vec<_>>().join(" ");
            assert_eq!(printed, summary, "the summary is printed whole");
            assert_no_split(&lines(&summary_runs), summary);
        }
    }
}

#[test]
fn a_decision_prints_its_authority_line_bold_articles_and_closing_mark() {
    let spec = thanhtra::documents::samples::all()
        .into_iter()
        .find(|s| s.doc_type == DocType::Decision)
        .expect("a sample decision");
    let runs = render(&spec);
    let summary = runs.iter().find(|r| r.text.starts_with("Về việc")).expect("summary");
    let authority = runs.iter().find(|r| r.text == "GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH").expect("authority line");
    let first_basis = runs.iter().find(|r| r.text.starts_with("Căn cứ")).expect("a basis");
    assert!(summary.y > authority.y && authority.y > first_basis.y, "summary, authority, bases in that order");
    assert_eq!(authority.style, Style::Bold);
    assert!(((authority.x + authority.width / 2.0) - mm(112.5)).abs() < 1.0, "centred");
    for n in 1..=3 {
        let lead = runs.iter().find(|r| r.text == format!("Điều {n}.")).unwrap_or_else(|| panic!("Điều {n}."));
        assert_eq!(lead.style, Style::Bold, "Điều {n}. is bold");
    }
    let text: Vec<(usize, f32, String)> = lines(&runs);
    let bases: Vec<&String> =
        text.iter().map(|l| &l.2).filter(|l| l.starts_with("Căn cứ") || l.starts_with("Theo đề nghị")).collect();
    assert!(bases.len() >= 2);
    let body_end = text.iter().position(|l| l.2.contains("./.")).expect("a closing mark");
    assert!(text[body_end + 1].2.contains("Nơi nhận") || text[body_end + 1].2.contains("KT."), "./. closes the body");
}

#[test]
fn bases_end_with_semicolons_and_a_full_stop_and_every_body_closes() {
    let mut spec = thanhtra::documents::samples::all().remove(0);
    spec.bases =
        vec!["Căn cứ Luật Thanh tra ngày 25 tháng 6 năm 2025".into(), "Căn cứ Nghị định số 216/2025/NĐ-CP;".into()];
    spec.body = vec![Block::Heading("QUYẾT ĐỊNH:".into()), Block::Paragraph("Điều 1. Nội dung.".into())];
    let text: Vec<String> = lines(&render(&spec)).into_iter().map(|l| l.2).collect();
    assert!(text.iter().any(|l| l == "Căn cứ Luật Thanh tra ngày 25 tháng 6 năm 2025;"), "{text:?}");
    assert!(text.iter().any(|l| l == "Căn cứ Nghị định số 216/2025/NĐ-CP."), "{text:?}");
    assert!(text.iter().any(|l| l == "Điều 1. Nội dung./."), "{text:?}");
    for spec in all_samples() {
        let text: String = lines(&render(&spec)).into_iter().map(|l| l.2).collect::<Vec<_>>().join("\n");
        if !matches!(spec.body.last(), Some(Block::Table(_))) {
            assert!(text.contains("./."), "{:?} closes with ./.", spec.doc_type);
        }
    }
}

/// Bodies of every length around a page break: headings followed by paragraphs, tables and other
/// headings, then a long last paragraph.
fn break_probes() -> Vec<DocSpec> {
    let base = thanhtra::documents::samples::all()
        .into_iter()
        .find(|s| s.doc_type == DocType::Conclusion)
        .expect("a sample conclusion");
    let para = |i: usize| {
        Block::Paragraph(format!(
            "Đoạn {i}: Đoàn kiểm tra đã xem xét hồ sơ, sổ sách, chứng từ liên quan đến hoạt động in của cơ sở trong thời kỳ kiểm tra."
        ))
    };
    let table = || {
        Block::Table(vec![
            vec!["TT".into(), "Nội dung".into(), "Kết quả".into()],
            vec!["1".into(), "Giấy phép hoạt động in".into(), "Đạt".into()],
            vec!["2".into(), "Sổ ghi chép ấn phẩm nhận in".into(), "Không đạt".into()],
        ])
    };
    let mut out = Vec::new();
    for n in 8..30 {
        let mut spec = base.clone();
        let mut body: Vec<Block> = (0..n).map(para).collect();
        body.push(Block::Heading("1. Kết quả kiểm tra".into()));
        body.push(table());
        body.push(Block::Heading("2. Kết luận".into()));
        body.push(Block::Heading("2.1. Những nội dung chấp hành đúng".into()));
        body.push(para(100));
        body.push(Block::Heading("3. Kiến nghị".into()));
        body.push(Block::Paragraph(format!(
            "{} Đề nghị cơ sở khắc phục.",
            "Yêu cầu thực hiện đúng quy định. ".repeat(12)
        )));
        spec.body = body;
        out.push(spec);
    }
    out
}

#[test]
fn no_heading_is_left_alone_at_the_foot_of_a_page() {
    for spec in break_probes() {
        let runs = render(&spec);
        let pages = runs.iter().map(|r| r.page).max().unwrap_or(0);
        for page in 0..pages {
            // The lowest line of body text on a page that is followed by another.
            let lowest = runs
                .iter()
                .filter(|r| r.page == page && r.y > mm(15.0))
                .min_by(|a, b| a.y.total_cmp(&b.y))
                .expect("text on the page");
            assert!(
                !(lowest.style == Style::Bold && lowest.text.chars().next().is_some_and(|c| c.is_ascii_digit())),
                "{} blocks: page {} ends with the heading {:?}",
                spec.body.len(),
                page + 1,
                lowest.text
            );
        }
    }
}

#[test]
fn the_signature_takes_the_last_lines_with_it_not_the_whole_paragraph() {
    for spec in break_probes() {
        let runs = render(&spec);
        let last = runs.iter().map(|r| r.page).max().unwrap_or(0);
        if last == 0 {
            continue;
        }
        // The page before the last is filled to near its foot: at most the signature block's
        // height and three lines are left blank.
        let lowest = runs.iter().filter(|r| r.page == last - 1 && r.y > mm(15.0)).map(|r| r.y).fold(f32::MAX, f32::min);
        let blank = lowest - mm(20.0);
        assert!(
            blank < mm(75.0),
            "{} blocks: {:.0} mm left blank at the foot of page {}",
            spec.body.len(),
            blank / mm(1.0),
            last
        );
        // And the last page carries body text above the signature.
        let signer =
            runs.iter().find(|r| r.page == last && r.text.contains("PHÓ GIÁM ĐỐC")).expect("signer on the last page");
        assert!(
            runs.iter()
                .any(|r| r.page == last && r.y > signer.y + 1.0 && r.style == Style::Regular && r.text.len() > 20),
            "{} blocks: the signature stands alone",
            spec.body.len()
        );
    }
}

/// A dotted blank left to fill in by hand (an opinion not yet given) that runs over a line ends
/// at the right margin on every line it takes, not a few dots into its last one.
#[test]
fn a_dotted_blank_fills_every_line_it_takes() {
    let mut spec = all_samples().into_iter().find(|s| s.doc_type == DocType::Minutes).expect("sample minutes");
    spec.body = vec![Block::Paragraph("…".repeat(45)), Block::Paragraph("Biên bản kết thúc cùng ngày.".into())];
    let runs = render(&spec);
    let dotted: Vec<&Run> =
        runs.iter().filter(|r| !r.text.trim().is_empty() && r.text.trim().chars().all(|c| c == '…')).collect();
    assert_eq!(dotted.len(), 2, "two lines of dots: {dotted:?}");
    for r in dotted {
        let end = r.x + r.width;
        assert!(end <= mm(195.0) + 0.5 && end > mm(195.0) - 12.0, "ends at the margin: {end} vs {}", mm(195.0));
    }
}
