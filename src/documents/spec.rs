//! What a document says, independent of how it is laid out: the view model every document type of
//! the system (decisions, conclusions, notices, minutes, reports, plans, official letters, permits)
//! is built into before rendering.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Document types and their abbreviations (Nghị định 30/2020, Phụ lục III; KL from inspection practice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    Decision,
    Conclusion,
    Notice,
    Minutes,
    Report,
    Plan,
    OfficialLetter,
    Permit,
}

impl DocType {
    pub const ALL: [DocType; 8] = [
        DocType::Decision,
        DocType::Conclusion,
        DocType::Notice,
        DocType::Minutes,
        DocType::Report,
        DocType::Plan,
        DocType::OfficialLetter,
        DocType::Permit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DocType::Decision => "decision",
            DocType::Conclusion => "conclusion",
            DocType::Notice => "notice",
            DocType::Minutes => "minutes",
            DocType::Report => "report",
            DocType::Plan => "plan",
            DocType::OfficialLetter => "official_letter",
            DocType::Permit => "permit",
        }
    }

    pub fn parse(s: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|t| t.code() == s.trim())
    }

    /// The abbreviation in the symbol; none for an official letter (công văn).
    pub fn abbreviation(self) -> Option<&'static str> {
        match self {
            DocType::Decision => Some("QĐ"),
            DocType::Conclusion => Some("KL"),
            DocType::Notice => Some("TB"),
            DocType::Minutes => Some("BB"),
            DocType::Report => Some("BC"),
            DocType::Plan => Some("KH"),
            DocType::OfficialLetter => None,
            DocType::Permit => Some("GP"),
        }
    }

    /// The type line printed above the summary (none for an official letter).
    pub fn type_line(self) -> Option<&'static str> {
        match self {
            DocType::Decision => Some("QUYẾT ĐỊNH"),
            DocType::Conclusion => Some("KẾT LUẬN"),
            DocType::Notice => Some("THÔNG BÁO"),
            DocType::Minutes => Some("BIÊN BẢN"),
            DocType::Report => Some("BÁO CÁO"),
            DocType::Plan => Some("KẾ HOẠCH"),
            DocType::OfficialLetter => None,
            DocType::Permit => Some("GIẤY PHÉP"),
        }
    }

    /// The i18n key of the type's name in the user's language.
    pub fn label_key(self) -> &'static str {
        match self {
            DocType::Decision => "doctype.decision",
            DocType::Conclusion => "doctype.conclusion",
            DocType::Notice => "doctype.notice",
            DocType::Minutes => "doctype.minutes",
            DocType::Report => "doctype.report",
            DocType::Plan => "doctype.plan",
            DocType::OfficialLetter => "doctype.official_letter",
            DocType::Permit => "doctype.permit",
        }
    }

    /// The type's Vietnamese name, as documents and mail to businesses print it.
    pub fn label_vi(self) -> &'static str {
        match self {
            DocType::Decision => "Quyết định",
            DocType::Conclusion => "Kết luận",
            DocType::Notice => "Thông báo",
            DocType::Minutes => "Biên bản",
            DocType::Report => "Báo cáo",
            DocType::Plan => "Kế hoạch",
            DocType::OfficialLetter => "Công văn",
            DocType::Permit => "Giấy phép",
        }
    }
}

/// A model form with its own register and layout beside the type's usual one (Nghị định
/// 118/2021, Phụ lục): the violation record (Mẫu MBB01, `…/BB-VPHC`, no place and date in the
/// header) and the sanction decision (Mẫu MQĐ02, `…/QĐ-XPHC`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    #[default]
    Standard,
    ViolationRecord,
    SanctionDecision,
    /// A dossier's table of contents (mục lục hồ sơ): not a numbered document of its own.
    Index,
    /// The one-stop desk's receipt slip (giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mẫu 01 of the
    /// one-stop rules), signed by the applicant and the receiving officer: `…/TNHS`.
    DossierReceipt,
    /// The request to complete a dossier (phiếu yêu cầu bổ sung, hoàn thiện hồ sơ, Mẫu 02): `…/BSHS`.
    DossierRequest,
}

impl Form {
    pub const ALL: [Form; 5] =
        [Form::Standard, Form::ViolationRecord, Form::SanctionDecision, Form::DossierReceipt, Form::DossierRequest];

    pub fn code(self) -> &'static str {
        match self {
            Form::Standard => "",
            Form::ViolationRecord => "violation_record",
            Form::SanctionDecision => "sanction_decision",
            Form::Index => "index",
            Form::DossierReceipt => "dossier_receipt",
            Form::DossierRequest => "dossier_request",
        }
    }

    pub fn parse(s: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.code() == s.trim())
    }

    /// The register (and symbol) of its own, numbered apart from the type's: "BB-VPHC", "QĐ-XPHC".
    pub fn register(self) -> Option<&'static str> {
        match self {
            Form::Standard | Form::Index => None,
            Form::ViolationRecord => Some("BB-VPHC"),
            Form::SanctionDecision => Some("QĐ-XPHC"),
            Form::DossierReceipt => Some("TNHS"),
            Form::DossierRequest => Some("BSHS"),
        }
    }

    /// The form a register belongs to.
    pub fn of_register(register: &str) -> Form {
        Form::ALL.into_iter().find(|f| f.register() == Some(register)).unwrap_or_default()
    }

    /// The document type the form is one of.
    pub fn doc_type(self) -> Option<DocType> {
        match self {
            Form::Standard | Form::Index => None,
            Form::ViolationRecord | Form::DossierReceipt | Form::DossierRequest => Some(DocType::Minutes),
            Form::SanctionDecision => Some(DocType::Decision),
        }
    }
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum Block {
    /// A numbered heading such as "1. Kết quả kiểm tra" (bold, kept with what follows).
    Heading(String),
    /// A justified paragraph with a first-line indent.
    Paragraph(String),
    /// "- item".
    Bullet(String),
    /// A table; the first row is the header.
    Table(Vec<Vec<String>>),
}

/// The signature block: authority lines (e.g. "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") and the name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Signer {
    pub lines: Vec<String>,
    pub name: String,
}

/// Everything the layout needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DocSpec {
    pub doc_type: DocType,
    pub governing_body: String,
    pub agency: String,
    /// Agency abbreviation for the symbol, e.g. "TTr" → "05/KL-TTr".
    pub agency_abbreviation: String,
    /// For an official letter: the drafting unit, e.g. "TTr" in "35/STTTT-TTr".
    pub unit_code: Option<String>,
    /// The register number, once issued; a draft has none.
    pub number: Option<i64>,
    pub place: String,
    /// The signing date; a draft shows "ngày … tháng … năm …" when absent.
    pub date: Option<NaiveDate>,
    /// Overrides the type line (e.g. "KẾT LUẬN THANH TRA", "GIẤY PHÉP HOẠT ĐỘNG IN").
    pub title: Option<String>,
    pub summary: String,
    /// The authority line of a decision or licence (thẩm quyền ban hành, e.g. "CHÁNH THANH TRA
    /// TỈNH"), printed between the summary and the legal bases (NĐ 30/2020 Mẫu 1.4; DOMAIN.md §9.8).
    #[serde(default)]
    pub authority: Option<String>,
    /// "Kính gửi:" recipients (official letters, reports to a superior).
    pub addressees: Vec<String>,
    /// Legal bases, one per line (italic).
    pub bases: Vec<String>,
    pub body: Vec<Block>,
    pub signer: Option<Signer>,
    /// The other side's signature (minutes): printed on the left.
    pub counter_signer: Option<Signer>,
    /// Further signatures (witnesses of a violation record...), two to a row below the first.
    #[serde(default)]
    pub more_signers: Vec<Signer>,
    #[serde(default)]
    pub form: Form,
    /// "Nơi nhận:" lines.
    pub recipients: Vec<String>,
    pub draft: bool,
    /// Verification code and URL printed on issued documents.
    pub verification: Option<(String, String)>,
    /// The published copy (secrets withheld): its verification line says so.
    #[serde(default)]
    pub public_copy: bool,
}

impl DocSpec {
    /// "05/KL-TTr" (number padded to two digits), "35/STTTT-TTr" for an official letter; a draft
    /// leaves the number blank.
    pub fn symbol(&self) -> String {
        let num = match self.number {
            Some(n) => format!("{n:02}"),
            None => "     ".to_string(),
        };
        if let Some(register) = self.form.register() {
            return format!("{num}/{register}");
        }
        match (self.doc_type.abbreviation(), &self.unit_code) {
            (Some(abbr), _) => format!("{num}/{abbr}-{}", self.agency_abbreviation),
            (None, Some(unit)) => format!("{num}/{}-{unit}", self.agency_abbreviation),
            (None, None) => format!("{num}/{}", self.agency_abbreviation),
        }
    }

    /// "Hà Tĩnh, ngày 05 tháng 02 năm 2026": day below 10 and months 1–2 padded, months 3–12 not.
    pub fn place_date(&self) -> String {
        match self.date {
            Some(d) => format!("{}, {}", self.place, date_words(d)),
            None => format!("{}, ngày      tháng      năm", self.place),
        }
    }
}

/// Written in a body where the document's page count goes ("gồm {{pages}} tờ"); the renderer
/// puts the count there (a violation record states how many pages it has).
pub const PAGE_COUNT_MARK: &str = "{{pages}}";

/// Marks a body block as a business secret (bí mật kinh doanh): printed in the conclusion sent to the
/// business, left out of the published version (NĐ 43/2023 Art. 48; Luật Thanh tra 2025 Art. 37).
pub const SECRET_MARK: &str = "[BMKD]";

/// What replaces a secret passage in the published version.
pub const SECRET_WITHHELD: &str = "(Nội dung thuộc bí mật kinh doanh, không công khai theo quy định.)";

impl Block {
    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> Block {
        match self {
            Block::Heading(t) => Block::Heading(f(t)),
            Block::Paragraph(t) => Block::Paragraph(f(t)),
            Block::Bullet(t) => Block::Bullet(f(t)),
            Block::Table(rows) => Block::Table(rows.iter().map(|r| r.iter().map(|c| f(c)).collect()).collect()),
        }
    }

    pub fn is_secret(&self) -> bool {
        match self {
            Block::Heading(t) | Block::Paragraph(t) | Block::Bullet(t) => t.trim_start().starts_with(SECRET_MARK),
            Block::Table(rows) => rows.first().and_then(|r| r.first()).is_some_and(|c| c.starts_with(SECRET_MARK)),
        }
    }
}

fn unmark(t: &str) -> String {
    match t.trim_start().strip_prefix(SECRET_MARK) {
        Some(rest) => rest.trim_start().to_string(),
        None => t.to_string(),
    }
}

impl DocSpec {
    /// The text as signed: secret marks removed, passages kept.
    pub fn unmarked(&self) -> DocSpec {
        let mut s = self.clone();
        s.body = self.body.iter().map(|b| b.map_text(&unmark)).collect();
        s
    }

    /// The version for publication: secret passages replaced by a notice.
    pub fn public_version(&self) -> DocSpec {
        let mut s = self.clone();
        s.body = self
            .body
            .iter()
            .map(|b| if b.is_secret() { Block::Paragraph(SECRET_WITHHELD.to_string()) } else { b.clone() })
            .collect();
        s.public_copy = true;
        s
    }

    pub fn has_secrets(&self) -> bool {
        self.body.iter().any(Block::is_secret)
    }
}

impl DocType {
    /// Whether the type prints the authority line: decisions and licences are issued in the name of
    /// the person with the power to decide.
    pub fn has_authority_line(self) -> bool {
        matches!(self, DocType::Decision | DocType::Permit)
    }
}

/// The authority line from the signer: the head's title (the signer's own when signing as head),
/// followed by the agency's name, without saying the shared words twice: "GIÁM ĐỐC" + "Sở Văn hóa,
/// Thể thao và Du lịch" → "GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"; "CHÁNH THANH TRA" + "Thanh tra
/// tỉnh" → "CHÁNH THANH TRA TỈNH". A title that already names its body is kept as it is.
pub fn authority_line(prefix: &str, authority_title: &str, own_title: &str, agency: &str) -> String {
    authority_phrase(prefix, authority_title, own_title, agency).to_uppercase()
}

/// The same authority as running text names it ("Quyết định số 05/QĐ-TTr … của Chánh Thanh tra
/// tỉnh", "Kính gửi: Giám đốc Sở Văn hóa, Thể thao và Du lịch"): the title in sentence case, the
/// agency's name as the agency writes it.
pub fn authority_phrase(prefix: &str, authority_title: &str, own_title: &str, agency: &str) -> String {
    let agency = &name_in_text(agency);
    let head = if prefix.trim().is_empty() || authority_title.trim().is_empty() { own_title } else { authority_title };
    let head = head.trim().to_lowercase();
    let fold = |w: &str| w.to_lowercase();
    let h: Vec<&str> = head.split_whitespace().collect();
    let a: Vec<&str> = agency.split_whitespace().collect();
    let (hf, af): (Vec<String>, Vec<String>) =
        (h.iter().map(|w| fold(w)).collect(), a.iter().map(|w| fold(w)).collect());
    if a.is_empty() || (hf.len() >= af.len() && hf[hf.len() - af.len()..] == af[..]) {
        return crate::domain::text::capitalise(&head);
    }
    // The longest tail of the title that starts the agency's name.
    let overlap = (1..=h.len().min(a.len())).rev().find(|&k| hf[h.len() - k..] == af[..k]).unwrap_or(0);
    if overlap == 0 && h.len() > 2 {
        // "PHÓ CHÁNH THANH TRA TỈNH HÀ TĨNH": a title longer than a bare office name names its body.
        let named = ["sở", "tỉnh", "ủy", "ubnd", "thanh"].iter().any(|w| hf[2..].iter().any(|x| x == w));
        if named {
            return crate::domain::text::capitalise(&head);
        }
    }
    let mut out: Vec<&str> = h[..h.len() - overlap].to_vec();
    out.extend_from_slice(&a);
    crate::domain::text::capitalise(&out.join(" "))
}

/// An agency's name as running text writes it, from the capitals a header prints (NĐ 30/2020 Phụ
/// lục II: the words naming the kind of body and its field take a capital; administrative units
/// before a place name do not, the place name does): "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" → "Sở Văn
/// hóa, Thể thao và Du lịch"; "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" → "Ủy ban nhân dân tỉnh Hà Tĩnh". A
/// name already in mixed case is kept as written.
pub fn name_in_text(name: &str) -> String {
    const KEEP: &[&str] = &["UBND", "HĐND", "TNHH", "MTV", "CP", "VN"];
    const BODIES: &[&str] = &["sở", "bộ", "cục", "chi cục", "viện", "trung tâm", "phòng", "văn phòng"];
    const UNITS: &[&str] = &["tỉnh", "thành phố", "xã", "phường", "huyện", "quận", "thị xã", "đặc khu"];
    let name = name.trim();
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut place = false;
    let mut capital_next = true;
    let ends = |i: usize, list: &[&str]| {
        list.iter().any(|p| {
            let parts: Vec<&str> = p.split(' ').collect();
            i + 1 >= parts.len()
                && parts.iter().rev().enumerate().all(|(k, w)| lower[i - k].trim_end_matches(',') == *w)
        })
    };
    for (i, w) in words.iter().enumerate() {
        let word = if KEEP.contains(w) {
            w.to_string()
        } else if capital_next || place {
            capitalise(&lower[i])
        } else {
            lower[i].clone()
        };
        out.push(word);
        let l = lower[i].as_str();
        // A place name follows a unit word and runs to the end or the next comma.
        if ends(i, UNITS) && i + 1 < words.len() {
            place = true;
        } else if l.ends_with(',') {
            place = false;
        }
        capital_next = l.ends_with(',') || l == "và" || ends(i, BODIES);
    }
    out.join(" ")
}

/// A document named in running text: its kind from its printed title when it has one ("BIÊN BẢN
/// VI PHẠM HÀNH CHÍNH" → "Biên bản vi phạm hành chính"), else the type's name, then its summary
/// continuing the sentence: a summary opening with a word a summary opens with ("Về việc …",
/// "Xử phạt …", "Kết quả …") loses its capital; any other (a name) keeps it.
pub fn name_in_text_of(kind: &str, title: &str, summary: &str) -> String {
    const OPENERS: &[&str] = &["Về", "Xử", "Kết", "Ban", "Phê", "Giao", "Thành", "Tạm", "Sửa", "Hủy", "Huỷ", "Gia"];
    let title = title.trim();
    let kind = if title.is_empty() { kind.to_string() } else { capitalise(&title.to_lowercase()) };
    let summary = summary.trim();
    let first = summary.split_whitespace().next().unwrap_or("");
    let summary = if OPENERS.contains(&first) {
        let mut c = summary.chars();
        c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
    } else {
        summary.to_string()
    };
    if summary.is_empty() { kind } else { format!("{kind} {summary}") }
}

fn capitalise(s: &str) -> String {
    crate::domain::text::capitalise(s)
}

pub fn date_words(d: NaiveDate) -> String {
    let month = if d.month() <= 2 { format!("{:02}", d.month()) } else { d.month().to_string() };
    format!("ngày {:02} tháng {} năm {}", d.day(), month, d.year())
}

/// Reads the body text people type: lines starting "# " are headings, "- " bullets, "|" table rows;
/// blank lines separate paragraphs; other lines are paragraphs.
pub fn parse_body(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    for raw in text.replace("\r\n", "\n").lines() {
        let line = raw.trim();
        if line.starts_with('|') {
            let cells: Vec<String> = line.trim_matches('|').split('|').map(|c| c.trim().to_string()).collect();
            if !cells.iter().all(|c| c.chars().all(|ch| ch == '-' || ch == ':' || ch == ' ')) {
                table.push(cells);
            }
            continue;
        }
        if !table.is_empty() {
            out.push(Block::Table(std::mem::take(&mut table)));
        }
        if line.is_empty() {
            continue;
        }
        if let Some(h) = line.strip_prefix("# ") {
            out.push(Block::Heading(h.trim().to_string()));
        } else if let Some(b) = line.strip_prefix("- ").or_else(|| line.strip_prefix("+ ")) {
            out.push(Block::Bullet(b.trim().to_string()));
        } else {
            out.push(Block::Paragraph(line.to_string()));
        }
    }
    if !table.is_empty() {
        out.push(Block::Table(table));
    }
    out
}

/// The inverse of `parse_body`, for editing.
pub fn body_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Heading(h) => out.push_str(&format!("# {h}\n")),
            Block::Paragraph(p) => out.push_str(&format!("{p}\n")),
            Block::Bullet(p) => out.push_str(&format!("- {p}\n")),
            Block::Table(rows) => {
                for r in rows {
                    out.push_str(&format!("| {} |\n", r.join(" | ")));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_named_in_running_text_continues_the_sentence() {
        assert_eq!(
            name_in_text_of("Biên bản", "BIÊN BẢN VI PHẠM HÀNH CHÍNH", "Về hoạt động in"),
            "Biên bản vi phạm hành chính về hoạt động in"
        );
        assert_eq!(
            name_in_text_of("Quyết định", "", "Xử phạt vi phạm hành chính"),
            "Quyết định xử phạt vi phạm hành chính"
        );
        assert_eq!(name_in_text_of("Công văn", "", "Công ty In Hồng Lam"), "Công văn Công ty In Hồng Lam");
        assert_eq!(name_in_text_of("Giấy phép", "", ""), "Giấy phép");
    }

    #[test]
    fn dates_follow_the_zero_padding_rule() {
        assert_eq!(date_words(NaiveDate::from_ymd_opt(2026, 2, 5).unwrap()), "ngày 05 tháng 02 năm 2026");
        assert_eq!(date_words(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()), "ngày 22 tháng 11 năm 2026");
        assert_eq!(date_words(NaiveDate::from_ymd_opt(2019, 6, 29).unwrap()), "ngày 29 tháng 6 năm 2019");
        assert_eq!(date_words(NaiveDate::from_ymd_opt(2020, 3, 3).unwrap()), "ngày 03 tháng 3 năm 2020");
        assert_eq!(date_words(NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()), "ngày 15 tháng 01 năm 2026");
    }

    #[test]
    fn secret_passages_are_printed_for_the_business_and_withheld_from_the_public() {
        let mut spec = crate::documents::samples::all()
            .into_iter()
            .find(|s| s.doc_type == DocType::Conclusion)
            .expect("a sample conclusion");
        spec.body.push(Block::Paragraph(format!("{SECRET_MARK} Doanh thu 2025: 12 tỷ đồng.")));
        assert!(spec.has_secrets());
        let full = spec.unmarked();
        assert!(matches!(full.body.last(), Some(Block::Paragraph(t)) if t == "Doanh thu 2025: 12 tỷ đồng."));
        let public = spec.public_version();
        assert!(!public.has_secrets());
        assert!(matches!(public.body.last(), Some(Block::Paragraph(t)) if t == SECRET_WITHHELD));
        assert_eq!(public.body.len(), spec.body.len());
    }

    #[test]
    fn agency_names_in_running_text_follow_the_capitalisation_rules() {
        assert_eq!(name_in_text("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"), "Sở Văn hóa, Thể thao và Du lịch");
        assert_eq!(name_in_text("THANH TRA TỈNH"), "Thanh tra tỉnh");
        assert_eq!(name_in_text("SỞ KHOA HỌC VÀ CÔNG NGHỆ"), "Sở Khoa học và Công nghệ");
        assert_eq!(name_in_text("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"), "Ủy ban nhân dân tỉnh Hà Tĩnh");
        assert_eq!(name_in_text("UBND TỈNH HÀ TĨNH"), "UBND tỉnh Hà Tĩnh");
        assert_eq!(
            name_in_text("SỞ VĂN HÓA VÀ THỂ THAO THÀNH PHỐ HỒ CHÍ MINH"),
            "Sở Văn hóa và Thể thao thành phố Hồ Chí Minh"
        );
        assert_eq!(name_in_text("Thanh tra tỉnh"), "Thanh tra tỉnh");
        assert_eq!(authority_phrase("", "", "CHÁNH THANH TRA", "THANH TRA TỈNH"), "Chánh Thanh tra tỉnh");
    }

    #[test]
    fn running_text_names_the_authority_in_sentence_case() {
        assert_eq!(authority_phrase("", "", "CHÁNH THANH TRA", "Thanh tra tỉnh"), "Chánh Thanh tra tỉnh");
        assert_eq!(
            authority_phrase("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Sở Văn hóa, Thể thao và Du lịch"),
            "Giám đốc Sở Văn hóa, Thể thao và Du lịch"
        );
        assert_eq!(
            authority_phrase("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Ủy ban nhân dân xã Thạch Hà"),
            "Ủy ban nhân dân xã Thạch Hà"
        );
    }

    #[test]
    fn the_authority_line_names_the_head_once() {
        assert_eq!(authority_line("", "", "Chánh Thanh tra", "Thanh tra tỉnh"), "CHÁNH THANH TRA TỈNH");
        assert_eq!(
            authority_line("KT.", "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", "Thanh tra tỉnh"),
            "CHÁNH THANH TRA TỈNH"
        );
        assert_eq!(
            authority_line("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Sở Văn hóa, Thể thao và Du lịch"),
            "GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
        );
        assert_eq!(authority_line("", "", "GIÁM ĐỐC", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"), "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ");
        assert_eq!(
            authority_line("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Ủy ban nhân dân xã Thạch Hà"),
            "ỦY BAN NHÂN DÂN XÃ THẠCH HÀ"
        );
    }

    #[test]
    fn body_text_round_trips() {
        let text = "# 1. Kết quả\nĐoạn một.\n- ý a\n| A | B |\n|---|---|\n| 1 | 2 |\nĐoạn hai.\n";
        let blocks = parse_body(text);
        assert_eq!(blocks.len(), 5);
        assert_eq!(blocks[3], Block::Table(vec![vec!["A".into(), "B".into()], vec!["1".into(), "2".into()]]));
        assert_eq!(parse_body(&body_text(&blocks)), blocks);
    }
}
