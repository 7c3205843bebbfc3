//! The page writer: measured lines, greedy breaking and TJ justification, headings kept with what
//! follows, tables with repeated header rows, the signer block, page furniture.

use super::*;

const TABLE_SIZE: f32 = 12.0;
/// The width of a signature block: two side by side on a line.
const SIGNER_WIDTH: f32 = WIDTH * 0.46;
const TABLE_PAD: f32 = 3.0;
const TABLE_LINE: f32 = 15.0;

pub(super) fn nfc(s: &str) -> String {
    s.nfc().collect()
}

pub(super) struct Writer<'a> {
    pub(super) m: &'a Metrics,
    pub(super) fonts: Vec<PdfFontHandle>,
    pub(super) pages: Vec<Vec<Op>>,
    pub(super) ops: Vec<Op>,
    /// Top of the free space on the current page, in points from the bottom.
    pub(super) y: f32,
    /// Space the next paragraph's last lines must share a page with (see `paragraph_led`).
    pub(super) keep_tail: f32,
}

impl<'a> Writer<'a> {
    pub(super) fn width(&self, t: &str, style: Style, size: f32) -> f32 {
        self.m.width(t, style, size)
    }

    pub(super) fn new_page(&mut self) {
        let done = std::mem::take(&mut self.ops);
        self.pages.push(done);
        self.y = TOP;
    }

    /// Starts a new page unless `needed` points fit.
    pub(super) fn ensure(&mut self, needed: f32) {
        if self.y - needed < BOTTOM {
            self.new_page();
        }
    }

    pub(super) fn text(&mut self, x: f32, baseline: f32, style: Style, size: f32, items: Vec<TextItem>) {
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFont { font: self.fonts[style.index()].clone(), size: Pt(size) });
        self.ops.push(Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(baseline) } });
        self.ops.push(Op::ShowText { items });
        self.ops.push(Op::EndTextSection);
    }

    pub(super) fn plain(&mut self, x: f32, baseline: f32, style: Style, size: f32, t: &str) {
        self.text(x, baseline, style, size, vec![TextItem::Text(t.to_string())]);
    }

    pub(super) fn centered(&mut self, cx: f32, baseline: f32, style: Style, size: f32, t: &str) -> f32 {
        let w = self.width(t, style, size);
        self.plain(cx - w / 2.0, baseline, style, size, t);
        w
    }

    pub(super) fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        self.ops.push(Op::SetOutlineColor { col: Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None }) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint { p: Point { x: Pt(x1), y: Pt(y) }, bezier: false },
                    LinePoint { p: Point { x: Pt(x2), y: Pt(y) }, bezier: false },
                ],
                is_closed: false,
            },
        });
    }

    pub(super) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, thickness: f32) {
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                    .iter()
                    .map(|(a, b)| LinePoint { p: Point { x: Pt(*a), y: Pt(*b) }, bezier: false })
                    .collect(),
                is_closed: true,
            },
        });
    }

    /// Greedy line breaking: the first line may be narrower (indent). Over-long words are cut.
    pub(super) fn wrap(&self, text: &str, style: Style, size: f32, first: f32, rest: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut cur = String::new();
        let space = self.width(" ", style, size);
        let mut cur_w = 0.0;
        for word in text.split_whitespace() {
            let avail = if lines.is_empty() { first } else { rest };
            let w = self.width(word, style, size);
            if cur.is_empty() {
                if w <= avail {
                    cur.push_str(word);
                    cur_w = w;
                } else {
                    // Cut a word wider than the line.
                    let mut piece = String::new();
                    for c in word.chars() {
                        let avail = if lines.is_empty() { first } else { rest };
                        if !piece.is_empty() && self.width(&format!("{piece}{c}"), style, size) > avail {
                            lines.push(std::mem::take(&mut piece));
                        }
                        piece.push(c);
                    }
                    cur_w = self.width(&piece, style, size);
                    cur = piece;
                }
            } else if cur_w + space + w <= avail {
                cur.push(' ');
                cur.push_str(word);
                cur_w += space + w;
            } else {
                lines.push(std::mem::take(&mut cur));
                let avail = rest;
                if w <= avail {
                    cur.push_str(word);
                    cur_w = w;
                } else {
                    let mut piece = String::new();
                    for c in word.chars() {
                        if !piece.is_empty() && self.width(&format!("{piece}{c}"), style, size) > rest {
                            lines.push(std::mem::take(&mut piece));
                        }
                        piece.push(c);
                    }
                    cur_w = self.width(&piece, style, size);
                    cur = piece;
                }
            }
            // A dotted blank to fill in by hand that runs over a line fills its last line too.
            if w > rest && word.chars().all(|c| c == '…') {
                while self.width(&format!("{cur}…"), style, size) <= rest {
                    cur.push('…');
                }
                cur_w = self.width(&cur, style, size);
            }
        }
        if !cur.is_empty() {
            lines.push(cur);
        }
        lines
    }

    /// One line, justified to `width` by spreading the extra space over the gaps between words.
    #[expect(clippy::too_many_arguments, reason = "position, font and width of one line")]
    pub(super) fn justified(
        &mut self,
        x: f32,
        baseline: f32,
        style: Style,
        size: f32,
        line: &str,
        width: f32,
        justify: bool,
    ) {
        let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
        if !justify || words.len() < 2 {
            self.plain(x, baseline, style, size, line);
            return;
        }
        let natural = self.width(&words.join(" "), style, size);
        let extra = (width - natural).max(0.0);
        let per_gap = extra / (words.len() - 1) as f32;
        let offset = -(per_gap / size * 1000.0);
        let mut items = Vec::with_capacity(words.len() * 2);
        for (i, w) in words.iter().enumerate() {
            if i + 1 < words.len() {
                items.push(TextItem::Text(format!("{w} ")));
                items.push(TextItem::Offset(offset));
            } else {
                items.push(TextItem::Text((*w).to_string()));
            }
        }
        self.text(x, baseline, style, size, items);
    }

    /// A justified paragraph with a first-line indent; the last line is left-aligned.
    pub(super) fn paragraph(&mut self, text: &str, style: Style, size: f32, indent: f32) {
        self.paragraph_led(text, 0, style, size, indent);
    }

    /// Lines of a paragraph as `paragraph_led` sets them.
    pub(super) fn paragraph_lines(&self, text: &str, lead: usize, style: Style, size: f32, indent: f32) -> Vec<String> {
        let head = &text[..lead];
        let extra = self.width(head, Style::Bold, size) - self.width(head, style, size);
        self.wrap(text, style, size, WIDTH - indent - extra, WIDTH)
    }

    /// A paragraph whose first `lead` bytes (whole words, e.g. "Điều 3.") are set in bold. When
    /// `keep_tail` is set, its last two lines go to the next page with what must follow them
    /// (the signature block) rather than that standing alone; the rest stays where it is, so no
    /// large blank is left above the signature.
    pub(super) fn paragraph_led(&mut self, text: &str, lead: usize, style: Style, size: f32, indent: f32) {
        let head = &text[..lead];
        let hw = self.width(head, Style::Bold, size);
        let lines = self.paragraph_lines(text, lead, style, size, indent);
        let n = lines.len();
        let tail = std::mem::take(&mut self.keep_tail);
        let tail_from = n.saturating_sub(2);
        for (i, l) in lines.iter().enumerate() {
            let keep = (n - i) as f32 * LINE + PARA_GAP + tail;
            // Lines that still fit on this page.
            let room = ((self.y - BOTTOM) / LINE).floor() as usize;
            if tail > 0.0 && i == tail_from && keep < TOP - BOTTOM {
                self.ensure(keep);
            } else if n >= 2 && room == 1 && (i == 0 || (i + 2 == n && n >= 3)) {
                // No first line alone at a page's foot, no last line alone at the next page's top.
                self.new_page();
            } else {
                self.ensure(LINE);
            }
            let baseline = self.y - size * 0.85;
            if i == 0 && lead > 0 {
                let x = LEFT + indent;
                self.plain(x, baseline, Style::Bold, size, head);
                let rest = l.get(head.len()..).unwrap_or("").trim_start();
                if !rest.is_empty() {
                    let space = self.width(" ", style, size);
                    // The gap after the lead stretches like the others.
                    let gaps = rest.split(' ').filter(|w| !w.is_empty()).count();
                    let natural = hw + space + self.width(rest, style, size);
                    let stretch = if n > 1 { ((WIDTH - indent) - natural).max(0.0) / gaps as f32 } else { 0.0 };
                    let rx = x + hw + space + stretch;
                    self.justified(rx, baseline, style, size, rest, LEFT + WIDTH - rx, n > 1);
                }
            } else {
                let (x, w) = if i == 0 { (LEFT + indent, WIDTH - indent) } else { (LEFT, WIDTH) };
                self.justified(x, baseline, style, size, l, w, i + 1 < n);
            }
            self.y -= LINE;
        }
        self.y -= PARA_GAP;
    }

    /// The lines of a centred block: no word or fixed phrase cut, even lengths (`breaks`).
    pub(super) fn centred_lines(&self, text: &str, style: Style, size: f32, width: f32) -> Vec<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let widths: Vec<f32> = words.iter().map(|w| self.width(w, style, size)).collect();
        let space = self.width(" ", style, size);
        super::breaks::centred_lines(&words, &widths, space, width).into_iter().map(|r| words[r].join(" ")).collect()
    }

    /// Lines centred on `cx` within `width`.
    pub(super) fn centered_block(
        &mut self,
        cx: f32,
        width: f32,
        text: &str,
        style: Style,
        size: f32,
        line: f32,
    ) -> (f32, f32) {
        let lines = self.centred_lines(text, style, size, width);
        let mut widest: f32 = 0.0;
        let mut last_baseline = self.y;
        for l in &lines {
            let baseline = self.y - size * 0.85;
            widest = widest.max(self.centered(cx, baseline, style, size, l));
            last_baseline = baseline;
            self.y -= line;
        }
        (widest, last_baseline)
    }

    /// Column widths of a table: in proportion to their longest content, each at least 10 mm.
    fn table_widths(&self, rows: &[Vec<String>], cols: usize) -> Vec<f32> {
        let (size, pad) = (TABLE_SIZE, TABLE_PAD);
        let mut natural = vec![mm(10.0); cols];
        for (r, row) in rows.iter().enumerate() {
            let style = if r == 0 { Style::Bold } else { Style::Regular };
            for (c, cell) in row.iter().enumerate() {
                natural[c] = natural[c].max(self.width(cell, style, size).min(mm(90.0)) + 2.0 * pad);
            }
        }
        // No column narrower than its longest word (so "TT" or "Quý" never breaks mid-word): such
        // columns keep that width and the others share what is left in proportion.
        let mut min_word = vec![0.0f32; cols];
        for (r, row) in rows.iter().enumerate() {
            let style = if r == 0 { Style::Bold } else { Style::Regular };
            for (c, cell) in row.iter().enumerate() {
                for word in cell.split_whitespace() {
                    min_word[c] = min_word[c].max((self.width(word, style, size) + 2.0 * pad).min(mm(40.0)));
                }
            }
        }
        let mut fixed: Vec<Option<f32>> = vec![None; cols];
        let mut widths = natural.clone();
        for _ in 0..cols {
            let used: f32 = fixed.iter().flatten().sum();
            let flex: f32 = (0..cols).filter(|c| fixed[*c].is_none()).map(|c| natural[c]).sum();
            let scale = if flex > 0.0 { (WIDTH - used).max(0.0) / flex } else { 1.0 };
            let mut changed = false;
            for c in 0..cols {
                widths[c] = fixed[c].unwrap_or(natural[c] * scale);
                if fixed[c].is_none() && widths[c] < min_word[c] {
                    fixed[c] = Some(min_word[c]);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let total: f32 = widths.iter().sum();
        widths.iter().map(|w| w / total * WIDTH).collect()
    }

    /// A row's wrapped cells and height.
    fn table_row_layout(&self, widths: &[f32], r: usize, row: &[String]) -> (Vec<Vec<String>>, f32) {
        let style = if r == 0 { Style::Bold } else { Style::Regular };
        let cells: Vec<Vec<String>> = (0..widths.len())
            .map(|c| {
                let t = row.get(c).map(String::as_str).unwrap_or("");
                self.wrap(t, style, TABLE_SIZE, widths[c] - 2.0 * TABLE_PAD, widths[c] - 2.0 * TABLE_PAD)
            })
            .collect();
        let h = cells.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * TABLE_LINE + 2.0 * TABLE_PAD;
        (cells, h)
    }

    /// The height of a table's header row and first row: what a heading above it is kept with.
    pub(super) fn table_lead_height(&self, rows: &[Vec<String>]) -> f32 {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return 0.0;
        }
        let widths = self.table_widths(rows, cols);
        rows.iter().take(2).enumerate().map(|(r, row)| self.table_row_layout(&widths, r, row).1).sum()
    }

    pub(super) fn table(&mut self, rows: &[Vec<String>]) {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return;
        }
        let widths = self.table_widths(rows, cols);
        let header = self.table_row_layout(&widths, 0, &rows[0]);
        for (r, row) in rows.iter().enumerate() {
            let (cells, h) = self.table_row_layout(&widths, r, row);
            // The header row never stands alone at the foot of a page.
            let need = if r == 0 && rows.len() > 1 { h + self.table_row_layout(&widths, 1, &rows[1]).1 } else { h };
            if self.y - need < BOTTOM {
                self.new_page();
                if r > 0 {
                    self.table_row(&header.0, header.1, &widths, true, TABLE_SIZE, TABLE_PAD, TABLE_LINE);
                }
            }
            self.table_row(&cells, h, &widths, r == 0, TABLE_SIZE, TABLE_PAD, TABLE_LINE);
        }
        self.y -= PARA_GAP;
    }

    #[expect(clippy::too_many_arguments, reason = "one table row: geometry and style together")]
    pub(super) fn table_row(
        &mut self,
        cells: &[Vec<String>],
        h: f32,
        widths: &[f32],
        bold: bool,
        size: f32,
        pad: f32,
        lh: f32,
    ) {
        let mut x = LEFT;
        let style = if bold { Style::Bold } else { Style::Regular };
        for (c, lines) in cells.iter().enumerate() {
            self.rect(x, self.y - h, widths[c], h, 0.5);
            for (i, l) in lines.iter().enumerate() {
                let baseline = self.y - pad - size * 0.85 - i as f32 * lh;
                if bold {
                    let cx = x + widths[c] / 2.0;
                    self.centered(cx, baseline, style, size, l);
                } else {
                    self.plain(x + pad, baseline, style, size, l);
                }
            }
            x += widths[c];
        }
        self.y -= h;
    }

    /// The caption of a signature block, each line upper case and broken to the block's width
    /// between phrases ("CÁ NHÂN/NGƯỜI ĐẠI DIỆN / CỦA TỔ CHỨC VI PHẠM").
    pub(super) fn signer_lines(&self, s: &Signer) -> Vec<String> {
        s.lines.iter().flat_map(|l| self.centred_lines(&l.to_uppercase(), Style::Bold, BODY, SIGNER_WIDTH)).collect()
    }

    pub(super) fn signer_height(&self, s: &Signer) -> f32 {
        self.signer_lines(s).len() as f32 * LINE + mm(28.0) + LINE
    }

    /// A signature block: its caption from `top`, its name below the space to sign, at the height
    /// a caption of `caption_lines` puts it (so the names of one row line up).
    pub(super) fn signer(&mut self, s: &Signer, cx: f32, top: f32, caption_lines: usize) {
        let mut y = top;
        for l in self.signer_lines(s) {
            self.centered(cx, y - BODY * 0.85, Style::Bold, BODY, &l);
            y -= LINE;
        }
        let y = top - caption_lines as f32 * LINE - mm(28.0);
        self.centered(cx, y - BODY * 0.85, Style::Bold, BODY, &s.name);
    }

    pub(super) fn recipients_lines(&self, list: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        let n = list.len();
        for (i, r) in list.iter().enumerate() {
            let mut r = r.trim().trim_start_matches('-').trim().trim_end_matches([';', '.']).to_string();
            r.push(if i + 1 == n { '.' } else { ';' });
            for (j, l) in self.wrap(&r, Style::Regular, 11.0, mm(75.0), mm(72.0)).into_iter().enumerate() {
                out.push(if j == 0 { format!("- {l}") } else { format!("  {l}") });
            }
        }
        out
    }
}
