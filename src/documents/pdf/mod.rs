//! Lays a `DocSpec` out in the format of Nghị định 30/2020 and writes the PDF with printpdf's ops API:
//! A4; margins top 20, bottom 20, left 30, right 15 mm; the agency block top left and the national
//! title and motto top right (each with its rule); number and place-date on one line; type and summary
//! centred in bold; italic legal bases; a justified body with a 1.27 cm first-line indent and 6 pt
//! between paragraphs; page numbers centred at the top from page 2; the signer block beside "Nơi nhận"
//! kept together on one page. Text is NFC-normalised; lines are broken and justified here (printpdf
//! has no line breaking), justification by TJ offsets after each space.

use printpdf::{
    Color, Line, LinePoint, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rgb, TextItem,
};
use unicode_normalization::UnicodeNormalization;

use crate::documents::fonts::{self, Metrics, Style};
use crate::documents::spec::{Block, DocSpec, DocType, Form, PAGE_COUNT_MARK, Signer};

mod breaks;
mod writer;

use writer::{Writer, nfc};

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded fonts could not be read")]
    Fonts,
}

const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

const PAGE_W: f32 = mm(210.0);
const PAGE_H: f32 = mm(297.0);
const LEFT: f32 = mm(30.0);
const RIGHT: f32 = PAGE_W - mm(15.0);
const TOP: f32 = PAGE_H - mm(20.0);
const BOTTOM: f32 = mm(20.0);
const WIDTH: f32 = RIGHT - LEFT;
const BODY: f32 = 14.0;
const LINE: f32 = 18.0;
const PARA_GAP: f32 = 6.0;
const INDENT: f32 = mm(12.7);
/// The clear space between the two header columns.
const COL_GAP: f32 = mm(4.0);
const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

/// The two header columns inside the margins: the national title and motto on the right, as wide as
/// they need; the agency block on the left takes the rest, less a clear gap. The title is 13 pt, or
/// 12 pt when that sets the agency block in fewer lines (NĐ 30/2020 allows 12–13 pt).
/// Returns (left, right, title size).
fn header_columns(w: &Writer, names: &[(&str, Style)]) -> ((f32, f32), (f32, f32), f32) {
    let motto_w = w.width(MOTTO, Style::Bold, 14.0);
    let at = |size: f32| {
        let right = (RIGHT - (w.width(NATIONAL_TITLE, Style::Bold, size).max(motto_w) + mm(1.0)), RIGHT);
        ((LEFT, right.0 - COL_GAP), right, size)
    };
    let lines = |cols: &((f32, f32), (f32, f32), f32)| -> usize {
        let width = cols.0.1 - cols.0.0;
        names.iter().map(|(t, style)| w.centred_lines(t, *style, name_size(w, t, *style, width), width).len()).sum()
    };
    let (big, small) = (at(13.0), at(12.0));
    if lines(&small) < lines(&big) { small } else { big }
}

/// 12–13 pt for a name in the agency block: 12 when that saves a line.
fn name_size(w: &Writer, t: &str, style: Style, width: f32) -> f32 {
    if w.centred_lines(t, style, 12.0, width).len() < w.centred_lines(t, style, 13.0, width).len() {
        12.0
    } else {
        13.0
    }
}

fn header(w: &mut Writer, spec: &DocSpec) -> f32 {
    let top = TOP;
    let gov = nfc(&spec.governing_body.to_uppercase());
    let agency = nfc(&spec.agency.to_uppercase());
    let (col_l_edges, col_r_edges, tsize) = header_columns(w, &[(&gov, Style::Regular), (&agency, Style::Bold)]);
    let cx_l = (col_l_edges.0 + col_l_edges.1) / 2.0;
    let cx_r = (col_r_edges.0 + col_r_edges.1) / 2.0;
    let col_l = col_l_edges.1 - col_l_edges.0;

    // Left: governing body (regular), agency (bold) with a short rule, then the number.
    w.y = top;
    let (gs, asz) = (name_size(w, &gov, Style::Regular, col_l), name_size(w, &agency, Style::Bold, col_l));
    w.centered_block(cx_l, col_l, &gov, Style::Regular, gs, 16.0);
    let (agency_w, agency_base) = w.centered_block(cx_l, col_l, &agency, Style::Bold, asz, 16.0);
    let rule_w = agency_w * 0.4;
    w.rule(cx_l - rule_w / 2.0, cx_l + rule_w / 2.0, agency_base - 6.0, 0.6);
    let left_after_rule = w.y - 6.0;

    // Right: national title and motto with a rule as long as the motto.
    w.y = top;
    w.centered(cx_r, w.y - tsize * 0.85, Style::Bold, tsize, NATIONAL_TITLE);
    w.y -= 16.0;
    let motto_w = w.centered(cx_r, w.y - 14.0 * 0.85, Style::Bold, 14.0, MOTTO);
    w.rule(cx_r - motto_w / 2.0, cx_r + motto_w / 2.0, w.y - 14.0 * 0.85 - 5.5, 0.6);
    w.y -= 16.0;
    let right_after_rule = w.y - 6.0;

    // Number (left) and place-date (right) on one line.
    let line_top = left_after_rule.min(right_after_rule) - 4.0;
    let baseline = line_top - 13.0 * 0.85;
    if spec.form != Form::Index {
        w.centered(cx_l, baseline, Style::Regular, 13.0, &format!("Số: {}", spec.symbol()));
    }
    // A violation record states its time and place in its first line, not in the header (Mẫu MBB01).
    if spec.form != Form::ViolationRecord {
        let place_date = nfc(&spec.place_date());
        let col_r = col_r_edges.1 - col_r_edges.0;
        let mut dsize = 14.0;
        while w.width(&place_date, Style::Italic, dsize) > col_r && dsize > 11.0 {
            dsize -= 0.5;
        }
        w.centered(cx_r, baseline, Style::Italic, dsize, &place_date);
    }
    let mut y = line_top - 18.0;
    if spec.doc_type == DocType::OfficialLetter && !spec.summary.is_empty() {
        w.y = y;
        w.centered_block(
            cx_l,
            col_l,
            &nfc(&format!("V/v {}", spec.summary.trim_start_matches("V/v").trim())),
            Style::Regular,
            12.0,
            15.0,
        );
        y = w.y;
    }
    y - 10.0
}

fn draft_mark(w: &mut Writer) {
    let t = "DỰ THẢO";
    let tw = w.width(t, Style::Bold, 12.0);
    let x = RIGHT - tw - 8.0;
    let y = PAGE_H - mm(12.0);
    w.plain(x + 4.0, y + 4.0, Style::Bold, 12.0, t);
    w.rect(x, y, tw + 8.0, 16.0, 0.8);
}

/// One basis per line, each ending ";", the last "." (DOMAIN.md §9.8).
fn punctuated_bases(bases: &[String]) -> Vec<String> {
    let bases: Vec<&str> =
        bases.iter().map(|b| b.trim().trim_end_matches([';', '.', ',', ' '])).filter(|b| !b.is_empty()).collect();
    let n = bases.len();
    bases.iter().enumerate().map(|(i, b)| format!("{b}{}", if i + 1 == n { "." } else { ";" })).collect()
}

/// The body ends with "./." as the model forms and the seeds' documents do: the last paragraph or
/// item is closed with it unless it already is.
fn closed_body(body: &[Block]) -> Vec<Block> {
    let mut out = body.to_vec();
    let close = |t: &str| {
        let t = t.trim_end();
        if t.ends_with("./.") { t.to_string() } else { format!("{}./.", t.trim_end_matches(['.', ';', ',', ':'])) }
    };
    match out.last_mut() {
        Some(Block::Paragraph(t)) | Some(Block::Bullet(t)) => *t = close(t),
        _ => {}
    }
    out
}

/// "Điều 3." opening an article: printed bold (NĐ 30/2020, Phụ lục I). Returns the lead's bytes.
fn article_lead(p: &str) -> Option<&str> {
    let rest = p.strip_prefix("Điều ")?;
    let digits = rest.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || !rest[digits..].starts_with('.') {
        return None;
    }
    Some(&p[..("Điều ".len() + digits + 1)])
}

/// The height of the start of `rest` that a heading above it must share a page with.
fn lead_height(w: &Writer, rest: &[Block]) -> f32 {
    match rest.first() {
        None => 0.0,
        Some(Block::Paragraph(p)) => {
            let p = nfc(p);
            let lead = article_lead(&p).map(str::len).unwrap_or(0);
            w.paragraph_lines(&p, lead, Style::Regular, BODY, INDENT).len().min(2) as f32 * LINE
        }
        Some(Block::Bullet(p)) => {
            w.paragraph_lines(&nfc(&format!("- {p}")), 0, Style::Regular, BODY, INDENT).len().min(2) as f32 * LINE
        }
        Some(Block::Table(rows)) => w.table_lead_height(rows),
        Some(Block::Heading(h)) => {
            w.wrap(&nfc(h), Style::Bold, BODY, WIDTH - INDENT, WIDTH).len() as f32 * LINE
                + PARA_GAP
                + lead_height(w, &rest[1..])
        }
    }
}

fn is_operative_heading(h: &str) -> bool {
    matches!(h.trim(), "QUYẾT ĐỊNH:" | "QUYẾT ĐỊNH" | "KẾT LUẬN:" | "QUYẾT NGHỊ:")
}

/// Renders a document. Pure: the same spec gives the same text. A body that states its own page
/// count (`PAGE_COUNT_MARK`) is laid out until the count it prints is the count it has.
pub fn render(spec: &DocSpec) -> Result<Vec<u8>, PdfError> {
    let marked = spec.body.iter().any(|b| block_text(b).contains(PAGE_COUNT_MARK));
    if !marked {
        return Ok(layout(spec)?.0);
    }
    let mut count = 1;
    for _ in 0..3 {
        let mut s = spec.clone();
        s.body = s.body.iter().map(|b| b.map_text(&|t| t.replace(PAGE_COUNT_MARK, &format!("{count:02}")))).collect();
        let (bytes, pages) = layout(&s)?;
        if pages == count {
            return Ok(bytes);
        }
        count = pages;
    }
    let mut s = spec.clone();
    s.body = s.body.iter().map(|b| b.map_text(&|t| t.replace(PAGE_COUNT_MARK, &format!("{count:02}")))).collect();
    Ok(layout(&s)?.0)
}

fn block_text(b: &Block) -> String {
    match b {
        Block::Heading(t) | Block::Paragraph(t) | Block::Bullet(t) => t.clone(),
        Block::Table(rows) => rows.iter().flatten().cloned().collect::<Vec<_>>().join(" "),
    }
}

/// Lays a document out: its bytes and its number of pages.
fn layout(spec: &DocSpec) -> Result<(Vec<u8>, usize), PdfError> {
    let unmarked = spec.unmarked();
    let spec = &unmarked;
    let m = fonts::metrics().ok_or(PdfError::Fonts)?;
    let parsed = fonts::parsed().ok_or(PdfError::Fonts)?;
    let mut doc = PdfDocument::new(&nfc(&format!("{} {}", spec.symbol().trim(), spec.summary)));
    let handles: Vec<PdfFontHandle> = parsed.iter().map(|f| PdfFontHandle::External(doc.add_font(f))).collect();
    let mut w = Writer { m, fonts: handles, pages: Vec::new(), ops: Vec::new(), y: TOP, keep_tail: 0.0 };

    w.y = header(&mut w, spec);

    // Type line and summary, centred in bold, with a short rule.
    let cx = (LEFT + RIGHT) / 2.0;
    if spec.doc_type != DocType::OfficialLetter {
        let title = spec.title.clone().or(spec.doc_type.type_line().map(str::to_string)).unwrap_or_default();
        w.centered_block(cx, WIDTH, &nfc(&title.to_uppercase()), Style::Bold, 14.0, 18.0);
        if !spec.summary.is_empty() {
            let (sw, base) = w.centered_block(cx, mm(140.0), &nfc(&spec.summary), Style::Bold, 14.0, 18.0);
            let rw = sw.min(WIDTH) * 0.35;
            w.rule(cx - rw / 2.0, cx + rw / 2.0, base - 8.0, 0.6);
        }
        w.y -= 12.0;
        if let Some(a) = spec.authority.as_ref().filter(|a| !a.trim().is_empty()) {
            w.centered_block(cx, WIDTH, &nfc(&a.trim().to_uppercase()), Style::Bold, 14.0, 18.0);
            w.y -= 6.0;
        }
    }

    // Kính gửi.
    if !spec.addressees.is_empty() {
        let x = LEFT + mm(25.0);
        let label = "Kính gửi:";
        let lw = w.width(label, Style::Regular, BODY) + 4.0;
        if spec.addressees.len() == 1 {
            w.plain(
                x,
                w.y - BODY * 0.85,
                Style::Regular,
                BODY,
                &nfc(&format!("{label} {}", spec.addressees[0].trim())),
            );
            w.y -= LINE;
        } else {
            w.plain(x, w.y - BODY * 0.85, Style::Regular, BODY, label);
            let n = spec.addressees.len();
            for (i, a) in spec.addressees.iter().enumerate() {
                let end = if i + 1 == n { "." } else { ";" };
                w.plain(
                    x + lw,
                    w.y - BODY * 0.85,
                    Style::Regular,
                    BODY,
                    &nfc(&format!("- {}{end}", a.trim().trim_end_matches([';', '.']))),
                );
                w.y -= LINE;
            }
        }
        w.y -= PARA_GAP;
    }

    // Legal bases, italic, one per paragraph.
    for b in punctuated_bases(&spec.bases) {
        w.paragraph(&nfc(&b), Style::Italic, BODY, INDENT);
    }

    // Body.
    let blocks = &closed_body(&spec.body);
    // The signature block never stands alone on a page: the last paragraph goes with it.
    let nfc_signer = |s: &Signer| Signer { lines: s.lines.iter().map(|l| nfc(l)).collect(), name: nfc(&s.name) };
    let signer = spec.signer.as_ref().map(nfc_signer);
    let counter = spec.counter_signer.as_ref().map(nfc_signer);
    let more: Vec<Signer> = spec.more_signers.iter().map(nfc_signer).collect();
    let rec_lines = w.recipients_lines(&spec.recipients.iter().map(|r| nfc(r)).collect::<Vec<_>>());
    let rec_h = if rec_lines.is_empty() { 0.0 } else { 16.0 + rec_lines.len() as f32 * 13.0 };
    let sig_h = signer.as_ref().map(|s| w.signer_height(s)).unwrap_or(0.0);
    let counter_h = counter.as_ref().map(|s| w.signer_height(s)).unwrap_or(0.0);
    // Further signatures two to a row below the first.
    let rows: Vec<(f32, &[Signer])> = more
        .chunks(2)
        .map(|pair| (pair.iter().map(|s| w.signer_height(s)).fold(0.0f32, f32::max) + 18.0, pair))
        .collect();
    let rows_h: f32 = rows.iter().map(|r| r.0).sum();
    let first_h = if counter.is_some() { sig_h.max(counter_h) } else { sig_h.max(rec_h) };
    let needed = first_h + rows_h + if counter.is_some() { rec_h + 18.0 } else { 0.0 } + 8.0;
    for (i, b) in blocks.iter().enumerate() {
        if i + 1 == blocks.len() && needed > 8.0 {
            // The last lines of the body go with the signature block (see `Writer::paragraph_led`).
            w.keep_tail = needed + 6.0;
        }
        match b {
            Block::Heading(h) => {
                // Keep the heading with the start of what follows: two lines of a paragraph, the
                // header and first row of a table, or the next heading and its own start.
                let own = w.wrap(&nfc(h), Style::Bold, BODY, WIDTH - INDENT, WIDTH).len() as f32 * LINE + PARA_GAP;
                let next = lead_height(&w, &blocks[i + 1..]);
                let keep = own + next;
                if keep < TOP - BOTTOM {
                    w.ensure(keep);
                }
                if is_operative_heading(h) {
                    // "QUYẾT ĐỊNH:" opening the articles of a decision is centred (NĐ 30/2020, Phụ lục I).
                    let cx = (LEFT + RIGHT) / 2.0;
                    w.centered_block(cx, WIDTH, &nfc(h.trim()), Style::Bold, BODY, LINE);
                    w.y -= PARA_GAP;
                } else {
                    w.paragraph(&nfc(h), Style::Bold, BODY, INDENT);
                }
            }
            Block::Paragraph(p) => {
                let p = nfc(p);
                match article_lead(&p) {
                    Some(lead) => w.paragraph_led(&p, lead.len(), Style::Regular, BODY, INDENT),
                    None => w.paragraph(&p, Style::Regular, BODY, INDENT),
                }
            }
            Block::Bullet(p) => w.paragraph(&nfc(&format!("- {p}")), Style::Regular, BODY, INDENT),
            Block::Table(rows) => {
                let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| nfc(c)).collect()).collect();
                w.table(&rows);
            }
        }
    }

    w.keep_tail = 0.0;

    // Signer and recipients, kept together.
    if needed > 8.0 {
        w.y -= 6.0;
        w.ensure(needed);
        let top = w.y;
        let (cx_l, cx_r) = (LEFT + WIDTH * 0.24, LEFT + WIDTH * 0.72);
        let lines = |s: &Option<Signer>| s.as_ref().map(|s| w.signer_lines(s).len()).unwrap_or(0);
        let first_lines = lines(&signer).max(lines(&counter));
        if let Some(s) = &signer {
            w.signer(s, cx_r, top, first_lines);
        }
        let mut below = top - first_h - 18.0;
        if let Some(s) = &counter {
            w.signer(s, cx_l, top, first_lines);
        }
        for (h, pair) in &rows {
            let row_lines = pair.iter().map(|s| w.signer_lines(s).len()).max().unwrap_or(0);
            for (s, cx) in pair.iter().zip([cx_l, cx_r]) {
                w.signer(s, cx, below, row_lines);
            }
            below -= h;
        }
        if !rec_lines.is_empty() {
            let rec_top = if counter.is_some() || !rows.is_empty() { below } else { top };
            w.plain(LEFT, rec_top - 12.0 * 0.85, Style::BoldItalic, 12.0, "Nơi nhận:");
            let mut y = rec_top - 16.0;
            for l in &rec_lines {
                w.plain(LEFT, y - 11.0 * 0.85, Style::Regular, 11.0, l);
                y -= 13.0;
            }
        }
        w.y = top - needed;
    }
    w.new_page();

    // Page furniture: numbers from page 2, draft mark, verification line.
    let count = w.pages.len();
    let mut pages = Vec::with_capacity(count);
    let bodies = std::mem::take(&mut w.pages);
    for (i, ops) in bodies.into_iter().enumerate() {
        w.ops = ops;
        if i > 0 {
            w.centered((LEFT + RIGHT) / 2.0, PAGE_H - mm(13.0), Style::Regular, 13.0, &(i + 1).to_string());
        }
        if spec.draft {
            draft_mark(&mut w);
        }
        if let Some((code, url)) = &spec.verification {
            let t = if spec.public_copy {
                format!("Bản công khai — mã xác thực {code}, đối chiếu tại {url}")
            } else {
                format!("Mã xác thực {code} — đối chiếu bản gốc tại {url}")
            };
            w.plain(LEFT, mm(10.0), Style::Italic, 9.0, &t);
        }
        pages.push(PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), std::mem::take(&mut w.ops)));
    }
    let opts = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    let mut warnings = Vec::new();
    let count = pages.len();
    Ok((doc.with_pages(pages).save(&opts, &mut warnings), count))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the length of the body, the last page carries body text with the signature.
    #[test]
    fn the_signature_never_stands_alone_on_a_page() {
        let base = crate::documents::samples::all()
            .into_iter()
            .find(|s| s.doc_type == DocType::Decision)
            .expect("a sample decision");
        for n in (14..34).step_by(2) {
            let mut spec = base.clone();
            spec.body = (1..=n)
                .map(|i| {
                    Block::Paragraph(format!("Đoạn {i}: nội dung kiểm tra việc chấp hành pháp luật về hoạt động in."))
                })
                .collect();
            let bytes = render(&spec).expect("renders");
            let doc = lopdf::Document::load_mem(&bytes).expect("a PDF");
            let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
            let last = doc.extract_text(&[*pages.last().unwrap()]).unwrap_or_default();
            assert!(last.contains("Nguyễn") || last.contains("Trần"), "{n}: the signer is on the last page");
            assert!(last.contains("Đoạn"), "{n} paragraphs: the last page holds only the signature:\n{last}");
        }
    }
}
