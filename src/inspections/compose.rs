//! The documents of an engagement, composed from what was recorded: the annual plan (KH), the
//! decision (QĐ), the working minutes (BB làm việc), the violation record (BB VPHC), the sanction
//! decision (QĐ xử phạt), the team report (BC) and the conclusion (KL) or, for a check, the result
//! notice (TB). Each comes out as an ordinary draft that people can still edit before it is issued.

use super::model::{
    DurationUnit, EngagementRow, FindingResult, FindingRow, Offender, Origin, PlanItemRow, PlanRow, RecommendationRow,
    ViolationRecRow,
};
use super::state::Kind;
use crate::documents::model::DraftInput;
use crate::outlets::model::OutletRow;

/// A team member as printed.
pub struct MemberLine {
    pub name: String,
    pub position: String,
    pub team_role: String,
}

impl MemberLine {
    /// A team member as the decision's table prints them: position and place on the team.
    pub fn of(name: &str, user_role: &str, team: super::model::TeamRole) -> MemberLine {
        MemberLine {
            name: name.to_string(),
            position: match user_role {
                "leader" => "Lãnh đạo",
                "inspector" => "Thanh tra viên",
                _ => "Công chức",
            }
            .into(),
            team_role: if team == super::model::TeamRole::Leader { "Trưởng đoàn" } else { "Thành viên" }.into(),
        }
    }
}

pub fn address(o: &OutletRow) -> String {
    [o.street.as_str(), o.commune.as_str(), o.province.as_str()]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
}

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

fn d(x: Option<chrono::NaiveDate>) -> String {
    x.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|| "…/…/……".into())
}

fn team_noun(k: Kind) -> &'static str {
    match k {
        Kind::ThanhTra => "Đoàn thanh tra",
        Kind::KiemTra => "Đoàn kiểm tra",
    }
}

fn verb(k: Kind) -> &'static str {
    match k {
        Kind::ThanhTra => "thanh tra",
        Kind::KiemTra => "kiểm tra",
    }
}

/// "thanh tra việc chấp hành…" from the scope, without saying the verb twice when the scope
/// already starts with it ("Thanh tra việc…" → not "thanh tra thanh tra việc…").
fn scope_phrase(k: Kind, scope: &str) -> String {
    let scope = lower_first(scope);
    let v = verb(k);
    let starts_with_verb = crate::domain::text::fold(&scope)
        .strip_prefix(&crate::domain::text::fold(v))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '));
    if starts_with_verb { scope } else { format!("{v} {scope}") }
}

/// Documents are written in Vietnamese whatever the reader's language.
const VI: crate::i18n::Lang = crate::i18n::Lang::Vi;

fn unit_words(unit: DurationUnit) -> &'static str {
    if unit == DurationUnit::Working { "ngày làm việc" } else { "ngày" }
}

/// The law the engagement follows, by kind (DOMAIN.md §9.1–9.2).
pub fn legal_basis(k: Kind) -> Vec<String> {
    match k {
        Kind::ThanhTra => vec![
            "Căn cứ Luật Thanh tra ngày 25 tháng 6 năm 2025;".into(),
            "Căn cứ Nghị định số 216/2025/NĐ-CP ngày 05 tháng 8 năm 2025 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Thanh tra;".into(),
        ],
        Kind::KiemTra => vec![
            "Căn cứ Nghị định số 217/2025/NĐ-CP ngày 05 tháng 8 năm 2025 của Chính phủ về hoạt động kiểm tra chuyên ngành;"
                .into(),
        ],
    }
}

pub fn plan(p: &PlanRow, items: &[(PlanItemRow, String)]) -> DraftInput {
    let mut body = String::new();
    body.push_str("# I. MỤC ĐÍCH, YÊU CẦU\n");
    body.push_str("Phát hiện, chấn chỉnh kịp thời thiếu sót, xử lý nghiêm vi phạm; nâng cao hiệu lực, hiệu quả quản lý nhà nước trong các lĩnh vực được giao. Hoạt động thanh tra, kiểm tra bảo đảm đúng pháp luật, không chồng chéo, không gây phiền hà cho tổ chức, cá nhân.\n");
    body.push_str(&format!("# II. NỘI DUNG, ĐỐI TƯỢNG, THỜI GIAN THỰC HIỆN NĂM {}\n", p.year));
    body.push_str("| TT | Đối tượng | Hình thức | Nội dung | Thời gian | Đơn vị chủ trì |\n");
    for (it, who) in items {
        body.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            it.position,
            who.replace('|', "/"),
            it.kind.label(VI),
            it.scope.replace('|', "/"),
            it.when(VI),
            it.lead_unit.replace('|', "/")
        ));
    }
    body.push_str("# III. TỔ CHỨC THỰC HIỆN\n");
    body.push_str("Các đơn vị chủ trì chủ động xây dựng kế hoạch tiến hành, đề xuất thành lập đoàn; báo cáo kết quả thực hiện theo quý. Trong quá trình thực hiện, nếu cần điều chỉnh kế hoạch, đơn vị đề xuất bằng văn bản để xem xét, quyết định./.\n");
    DraftInput {
        doc_type: "plan".into(),
        title: String::new(),
        summary: p.title.clone(),
        body,
        recipients: "Ủy ban nhân dân tỉnh (để b/c);\nThanh tra tỉnh;\nLưu: VT.".into(),
        ..Default::default()
    }
}

pub fn decision(e: &EngagementRow, o: &OutletRow, team: &[MemberLine], signer_id: &str) -> DraftInput {
    let k = e.kind();
    let mut body = String::new();
    body.push_str("# QUYẾT ĐỊNH:\n");
    body.push_str(&format!(
        "Điều 1. {} {} tại {}, địa chỉ: {}.\n",
        capitalise(verb(k)),
        lower_first(e.scope.trim_end_matches('.')),
        o.name,
        address(o)
    ));
    if !e.period_covered.is_empty() {
        body.push_str(&format!("Thời kỳ {}: {}.\n", verb(k), e.period_covered.trim_end_matches('.')));
    }
    body.push_str(&format!(
        "Thời hạn {}: {} {} kể từ ngày công bố quyết định {}.\n",
        verb(k),
        e.duration,
        unit_words(e.duration_unit),
        verb(k)
    ));
    if e.origin == Origin::AdHoc && !e.reason.is_empty() {
        body.push_str(&format!("Lý do {} đột xuất: {}.\n", verb(k), e.reason.trim_end_matches('.')));
    }
    body.push_str(&format!("Điều 2. Thành lập {} gồm các ông (bà) có tên sau:\n", team_noun(k)));
    body.push_str(&format!("| TT | Họ và tên | Chức vụ | Chức danh trong {} |\n", team_noun(k)));
    for (i, m) in team.iter().enumerate() {
        body.push_str(&format!("| {} | {} | {} | {} |\n", i + 1, m.name, m.position, m.team_role));
    }
    body.push_str(&format!(
        "{} có nhiệm vụ, quyền hạn theo quy định của pháp luật; thực hiện đúng nội dung, thời hạn ghi tại Điều 1.\n",
        team_noun(k)
    ));
    body.push_str(&format!(
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Các thành viên {}, {} và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.\n",
        team_noun(k),
        o.name
    ));
    DraftInput {
        doc_type: "decision".into(),
        title: String::new(),
        summary: format!("Về việc {} tại {}", scope_phrase(k, &e.scope), o.name),
        bases: legal_basis(k).join("\n"),
        body,
        signer_id: signer_id.into(),
        recipients: format!("Như Điều 3;\n{};\nLưu: VT, hồ sơ đoàn.", o.name),
        outlet_id: o.id.to_string(),
        ..Default::default()
    }
}

pub fn minutes(
    e: &EngagementRow,
    o: &OutletRow,
    team: &[MemberLine],
    findings: &[FindingRow],
    when: &str,
) -> DraftInput {
    let k = e.kind();
    let mut body = String::new();
    body.push_str(&format!("Hôm nay, {when}, tại {}, địa chỉ: {}.\n", o.name, address(o)));
    body.push_str(&format!("# I. ĐẠI DIỆN {}\n", team_noun(k).to_uppercase()));
    for m in team {
        body.push_str(&format!("- Ông (bà) {}, {}, {}.\n", m.name, m.position, m.team_role));
    }
    body.push_str(&format!("# II. ĐẠI DIỆN {}\n", o.name.to_uppercase()));
    let rep =
        if o.legal_representative.is_empty() { "…………………………" } else { &o.legal_representative };
    body.push_str(&format!("- Ông (bà) {rep}, người đại diện theo pháp luật.\n"));
    body.push_str(&format!("# III. NỘI DUNG, KẾT QUẢ {}\n", verb(k).to_uppercase()));
    body.push_str("| TT | Nội dung | Căn cứ | Kết quả | Ghi chú |\n");
    for f in findings.iter().filter(|f| f.result != FindingResult::Pending) {
        body.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            f.position,
            f.item_text.replace('|', "/"),
            f.legal_ref.replace('|', "/"),
            f.result.label(VI),
            f.note.replace('|', "/").replace('\n', " ")
        ));
    }
    body.push_str("Biên bản kết thúc vào hồi …… giờ …… cùng ngày, được đọc lại cho những người có tên trên nghe, cùng thống nhất ký tên; biên bản lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản./.\n");
    DraftInput {
        doc_type: "minutes".into(),
        title: "BIÊN BẢN LÀM VIỆC".into(),
        drafter_name: team.first().map(|m| m.name.clone()).unwrap_or_default(),
        summary: format!("Về việc {} tại {}", scope_phrase(k, &e.scope), o.name),
        body,
        outlet_id: o.id.to_string(),
        ..Default::default()
    }
}

pub struct RuleText<'a> {
    pub decree: &'a str,
    pub article: &'a str,
    pub description: &'a str,
    pub remedies: &'a str,
}

impl RuleText<'_> {
    /// "Điều 9 khoản 4 NĐ 174/2026/NĐ-CP"; an article the catalogue marks as not yet identified
    /// ("(chưa xác định điều)") is left out rather than printed on a legal document.
    pub fn citation(&self) -> String {
        let a = self.article.trim();
        if a.is_empty() || a.starts_with('(') || a.contains("chưa") {
            self.decree.to_string()
        } else {
            format!("{a} {}", self.decree)
        }
    }
}

pub fn violation_record(v: &ViolationRecRow, r: &RuleText, o: &OutletRow, team: &[MemberLine]) -> DraftInput {
    let mut body = String::new();
    body.push_str(&format!(
        "Hôm nay, hồi …… giờ …… ngày {}, tại {}, địa chỉ: {}.\n",
        v.detected_on.format("%d/%m/%Y"),
        o.name,
        address(o)
    ));
    body.push_str("# 1. Người lập biên bản\n");
    for m in team {
        body.push_str(&format!("- Ông (bà) {}, {}.\n", m.name, m.position));
    }
    body.push_str("# 2. Đối tượng vi phạm\n");
    let who = if v.offender == Offender::Individual { "Cá nhân" } else { "Tổ chức" };
    body.push_str(&format!("- {who}: {}; địa chỉ: {}.\n", v.offender_name, address(o)));
    if !o.legal_representative.is_empty() && v.offender != Offender::Individual {
        body.push_str(&format!("- Người đại diện theo pháp luật: {}.\n", o.legal_representative));
    }
    body.push_str("# 3. Hành vi vi phạm hành chính\n");
    body.push_str(&format!("{}.\n", v.description.trim_end_matches('.')));
    body.push_str(&format!("Quy định tại: {}: {}.\n", r.citation(), lower_first(r.description.trim_end_matches('.'))));
    if !r.remedies.is_empty() {
        body.push_str(&format!("Biện pháp khắc phục hậu quả có thể áp dụng: {}.\n", r.remedies.trim_end_matches('.')));
    }
    body.push_str("# 4. Quyền giải trình\n");
    body.push_str("Trường hợp vi phạm hành chính thuộc diện được giải trình, đối tượng vi phạm có quyền gửi văn bản giải trình trong thời hạn 02 ngày làm việc kể từ ngày lập biên bản đến người có thẩm quyền xử phạt.\n");
    body.push_str("Biên bản lập thành 02 bản, có nội dung và giá trị như nhau, đã đọc lại cho những người có tên trên cùng nghe và ký xác nhận; giao cho đối tượng vi phạm 01 bản./.\n");
    DraftInput {
        doc_type: "minutes".into(),
        title: "BIÊN BẢN VI PHẠM HÀNH CHÍNH".into(),
        drafter_name: team.first().map(|m| m.name.clone()).unwrap_or_default(),
        summary: format!("Về lĩnh vực {}", field_words(&o.sector_code)),
        bases:
            "Căn cứ Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012, được sửa đổi, bổ sung năm 2020 và năm 2025;"
                .into(),
        body,
        outlet_id: o.id.to_string(),
        ..Default::default()
    }
}

/// The field of state management a sector belongs to, as violation records name it.
pub fn field_words(sector: &str) -> &'static str {
    match sector {
        "printing" => "hoạt động in",
        "postal" => "bưu chính",
        "press" => "báo chí",
        "game" => "trò chơi điện tử",
        "online_info" => "thông tin điện tử",
        _ => "quản lý nhà nước được giao",
    }
}

pub fn sanction_decision(
    v: &ViolationRecRow,
    r: &RuleText,
    o: &OutletRow,
    amount: i64,
    record_symbol: &str,
    signer_id: &str,
) -> DraftInput {
    let who = if v.offender == Offender::Individual { "Cá nhân" } else { "Tổ chức" };
    let mut body = String::new();
    body.push_str("# QUYẾT ĐỊNH:\n");
    body.push_str(&format!("Điều 1. Xử phạt vi phạm hành chính đối với {}: {}.\n", lower_first(who), v.offender_name));
    body.push_str(&format!("Địa chỉ: {}.\n", address(o)));
    body.push_str(&format!("1. Đã thực hiện hành vi vi phạm hành chính: {}.\n", v.description.trim_end_matches('.')));
    body.push_str(&format!("2. Quy định tại: {}.\n", r.citation()));
    body.push_str(&format!(
        "3. Hình thức xử phạt chính: Phạt tiền với mức phạt {} đồng (bằng chữ: {} đồng).\n",
        money(amount),
        words(amount)
    ));
    if !v.remedies.is_empty() {
        body.push_str(&format!("4. Biện pháp khắc phục hậu quả: {}.\n", v.remedies.trim_end_matches('.')));
    }
    body.push_str(&format!(
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. {} bị xử phạt phải nghiêm chỉnh chấp hành Quyết định này trong thời hạn 10 ngày kể từ ngày nhận được Quyết định; nộp tiền phạt vào tài khoản của Kho bạc Nhà nước ghi trong thông báo kèm theo. Quá thời hạn mà không chấp hành thì bị cưỡng chế thi hành theo quy định của pháp luật.\n",
        who
    ));
    body.push_str("Điều 3. Trường hợp không đồng ý với Quyết định này, đối tượng bị xử phạt có quyền khiếu nại hoặc khởi kiện theo quy định của pháp luật./.\n");
    DraftInput {
        doc_type: "decision".into(),
        title: String::new(),
        summary: format!("Xử phạt vi phạm hành chính đối với {}", v.offender_name),
        bases: format!(
            "Căn cứ Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012, được sửa đổi, bổ sung năm 2020 và năm 2025;\nCăn cứ {} quy định xử phạt vi phạm hành chính trong lĩnh vực có liên quan;\nCăn cứ Nghị định số 189/2025/NĐ-CP quy định chi tiết Luật Xử lý vi phạm hành chính về thẩm quyền xử phạt vi phạm hành chính, được sửa đổi, bổ sung;\nCăn cứ Biên bản vi phạm hành chính số {}.",
            r.decree, record_symbol
        ),
        body,
        signer_id: signer_id.into(),
        recipients: format!("{};\nKho bạc Nhà nước tỉnh;\nLưu: VT, hồ sơ.", v.offender_name),
        outlet_id: o.id.to_string(),
        ..Default::default()
    }
}

pub fn report(e: &EngagementRow, o: &OutletRow, findings: &[FindingRow], violations: &[ViolationRecRow]) -> DraftInput {
    let k = e.kind();
    let mut body = String::new();
    body.push_str(&format!("# I. KHÁI QUÁT CHUNG\n{}, địa chỉ: {}.\n", o.name, address(o)));
    body.push_str(&format!(
        "{} đã tiến hành {} từ ngày {} đến ngày {}.\n",
        team_noun(k),
        verb(k),
        d(e.announced_on),
        d(e.onsite_ended_on)
    ));
    body.push_str(&format!("# II. KẾT QUẢ {}\n", verb(k).to_uppercase()));
    findings_table(&mut body, findings);
    if !violations.is_empty() {
        body.push_str("# III. VI PHẠM VÀ XỬ LÝ\n");
        for v in violations {
            body.push_str(&format!("- {}{}.\n", v.description.trim_end_matches('.'), fine_note(v)));
        }
    }
    body.push_str(&format!("# {}. KIẾN NGHỊ\n", if violations.is_empty() { "III" } else { "IV" }));
    body.push_str(&format!("{} kiến nghị nội dung kết luận như dự thảo kèm theo./.\n", team_noun(k)));
    DraftInput {
        doc_type: "report".into(),
        title: String::new(),
        summary: format!("Kết quả {} {} tại {}", verb(k), lower_first(&e.scope), o.name),
        body,
        outlet_id: o.id.to_string(),
        recipients: "Người ra quyết định (để b/c);\nLưu: hồ sơ đoàn.".into(),
        ..Default::default()
    }
}

fn fine_note(v: &ViolationRecRow) -> String {
    match v.fine_amount {
        Some(a) if v.decision_id.is_some() => format!(" (đã xử phạt {} đồng)", money(a)),
        _ => String::new(),
    }
}

fn findings_table(body: &mut String, findings: &[FindingRow]) {
    body.push_str("| TT | Nội dung | Kết quả | Ghi nhận |\n");
    for f in findings.iter().filter(|f| f.result != FindingResult::Pending) {
        body.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            f.position,
            f.item_text.replace('|', "/"),
            f.result.label(VI),
            f.note.replace('|', "/").replace('\n', " ")
        ));
    }
}

/// The conclusion (thanh tra) or the result notice (kiểm tra).
pub fn conclusion(
    e: &EngagementRow,
    o: &OutletRow,
    decision_symbol: &str,
    findings: &[FindingRow],
    violations: &[ViolationRecRow],
    recs: &[RecommendationRow],
    signer_id: &str,
) -> DraftInput {
    let k = e.kind();
    let mut body = String::new();
    body.push_str(&format!(
        "Thực hiện Quyết định số {decision_symbol}, từ ngày {} đến ngày {}, {} đã tiến hành {} {} tại {}, địa chỉ: {}.\n",
        d(e.announced_on),
        d(e.onsite_ended_on),
        team_noun(k),
        verb(k),
        lower_first(&e.scope),
        o.name,
        address(o)
    ));
    body.push_str(&format!("Xét báo cáo kết quả {} của Trưởng đoàn, ", verb(k)));
    body.push_str(match k {
        Kind::ThanhTra => "kết luận như sau:\n",
        Kind::KiemTra => "thông báo kết quả kiểm tra như sau:\n",
    });
    body.push_str("# 1. Khái quát chung\n");
    body.push_str(&format!("{} hoạt động trong lĩnh vực được kiểm tra tại địa chỉ nêu trên.\n", o.name));
    body.push_str(&format!("# 2. Kết quả {}\n", verb(k)));
    let good: Vec<&FindingRow> = findings.iter().filter(|f| f.result == FindingResult::Compliant).collect();
    let bad: Vec<&FindingRow> = findings.iter().filter(|f| f.result == FindingResult::NonCompliant).collect();
    if !good.is_empty() {
        body.push_str("Những nội dung chấp hành đúng quy định:\n");
        for f in good {
            body.push_str(&format!("- {};\n", f.item_text.trim_end_matches('.')));
        }
    }
    if !bad.is_empty() {
        body.push_str("Những tồn tại, vi phạm:\n");
        for f in bad {
            let note = if f.note.is_empty() { String::new() } else { format!(": {}", f.note.trim_end_matches('.')) };
            body.push_str(&format!("- {}{note};\n", f.item_text.trim_end_matches('.')));
        }
    }
    if !violations.is_empty() {
        body.push_str("# 3. Xử lý vi phạm\n");
        for v in violations {
            body.push_str(&format!("- {}{}.\n", v.description.trim_end_matches('.'), fine_note(v)));
        }
    }
    let n = if violations.is_empty() { 3 } else { 4 };
    body.push_str(&format!("# {n}. Kiến nghị, yêu cầu\n"));
    if recs.is_empty() {
        body.push_str(&format!("Yêu cầu {} tiếp tục chấp hành đúng các quy định của pháp luật./.\n", o.name));
    } else {
        for (i, r) in recs.iter().enumerate() {
            let end = if i + 1 == recs.len() { "./." } else { ";" };
            body.push_str(&format!(
                "- {} ({}; thực hiện: {}; thời hạn: trước ngày {}){end}\n",
                r.text.trim_end_matches(['.', ';']),
                r.kind.label(VI).to_lowercase(),
                r.responsible,
                r.due_date.format("%d/%m/%Y")
            ));
        }
    }
    let (doc_type, title, summary) = match k {
        Kind::ThanhTra => ("conclusion", "KẾT LUẬN THANH TRA", format!("{} tại {}", capitalise(&e.scope), o.name)),
        Kind::KiemTra => ("notice", "", format!("Kết quả kiểm tra {} tại {}", lower_first(&e.scope), o.name)),
    };
    DraftInput {
        doc_type: doc_type.into(),
        title: title.into(),
        summary,
        body,
        signer_id: signer_id.into(),
        recipients: format!("{};\nLưu: VT, hồ sơ đoàn.", o.name),
        outlet_id: o.id.to_string(),
        ..Default::default()
    }
}

pub use crate::domain::text::capitalise;

pub fn lower_first(s: &str) -> String {
    let mut c = s.trim().chars();
    match c.next() {
        // Keep proper nouns and abbreviations ("Công ty", "UBND") as written.
        Some(f) if c.clone().next().is_some_and(|n| n.is_lowercase()) && !s.trim().starts_with("Công ty") => {
            f.to_lowercase().chain(c).collect()
        }
        Some(f) => std::iter::once(f).chain(c).collect(),
        None => String::new(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_on_a_sanction_decision() {
        assert_eq!(words(7_500_000), "Bảy triệu năm trăm nghìn");
        assert_eq!(words(15_000_000), "Mười lăm triệu");
        assert_eq!(words(21_000_000), "Hai mươi mốt triệu");
        assert_eq!(words(100_000_000), "Một trăm triệu");
        assert_eq!(words(1_005_000), "Một triệu không trăm linh năm nghìn");
        assert_eq!(money(7_500_000), "7.500.000");
    }

    #[test]
    fn an_unidentified_article_is_not_printed() {
        let r = |article| RuleText { decree: "NĐ 119/2020/NĐ-CP", article, description: "", remedies: "" };
        assert_eq!(r("Điều 25 khoản 1 điểm a").citation(), "Điều 25 khoản 1 điểm a NĐ 119/2020/NĐ-CP");
        assert_eq!(r("(chưa xác định điều)").citation(), "NĐ 119/2020/NĐ-CP");
        assert_eq!(r("").citation(), "NĐ 119/2020/NĐ-CP");
    }

    #[test]
    fn the_scope_never_repeats_the_verb() {
        assert_eq!(
            scope_phrase(Kind::ThanhTra, "Việc chấp hành pháp luật về in"),
            "thanh tra việc chấp hành pháp luật về in"
        );
        assert_eq!(
            scope_phrase(Kind::ThanhTra, "Thanh tra việc chấp hành pháp luật"),
            "thanh tra việc chấp hành pháp luật"
        );
        assert_eq!(scope_phrase(Kind::KiemTra, "kiểm tra hoạt động in"), "kiểm tra hoạt động in");
        assert_eq!(scope_phrase(Kind::KiemTra, "Kiểm tra"), "kiểm tra");
        // A word that merely begins like the verb is not the verb.
        assert_eq!(scope_phrase(Kind::ThanhTra, "Thanh tran lan"), "thanh tra thanh tran lan");
    }

    #[test]
    fn lower_first_keeps_names() {
        assert_eq!(lower_first("Hoạt động in"), "hoạt động in");
        assert_eq!(lower_first("Công ty TNHH In Hồng Lam"), "Công ty TNHH In Hồng Lam");
        assert_eq!(lower_first("UBND xã"), "UBND xã");
    }
}
