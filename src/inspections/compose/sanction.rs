//! The documents of a violation, as Nghị định 118/2021 lays them out: the record (biên bản vi phạm
//! hành chính, Mẫu MBB01, `…/BB-VPHC`) and the sanction decision (quyết định xử phạt vi phạm hành
//! chính, Mẫu MQĐ02, `…/QĐ-XPHC`).

use chrono::Timelike;

use super::*;
use crate::documents::model::DraftInput;
use crate::documents::spec::date_words;
use crate::inspections::catalogue::{DecreeRow, ViolationRow};
use crate::inspections::model::{Offender, ViolationRecRow};
use crate::inspections::record::{Explanation, RecordDetails};

/// What a record or decision says of the rule broken.
pub struct RuleText<'a> {
    pub rule: &'a ViolationRow,
    /// The rule's decree; none for a rule from before decrees were kept (cited by its short name).
    pub decree: Option<&'a DecreeRow>,
}

impl RuleText<'_> {
    /// "điểm a khoản 1 Điều 95 Nghị định số 174/2026/NĐ-CP ngày … quy định …" in full, or with the
    /// point, clause and article left blank to fill by hand while the catalogue has not identified
    /// them; the clause that sets an individual's fine is cited too when the violator is not the
    /// kind the decree's figures are for ("… và khoản 3 Điều 4 …").
    pub fn provision(&self, who: Offender, full: bool) -> String {
        let cited = match self.rule.provision() {
            Some(p) => p.cite(),
            None => "điểm …… khoản …… Điều ……".into(),
        };
        let other = match self.decree {
            Some(d) if who != self.rule.fine_basis && !d.individual_clause.is_empty() => {
                format!(" và {}", d.individual_clause)
            }
            _ => String::new(),
        };
        let decree = match (self.decree, full) {
            (Some(d), true) => d.citation(),
            (Some(d), false) => d.short(),
            (None, _) => self.rule.decree.clone(),
        };
        format!("{cited}{other} {decree}")
    }
}

/// "Tổ chức" / "Cá nhân" and the words the forms use for each.
fn kind_words(who: Offender) -> (&'static str, &'static str) {
    match who {
        Offender::Organisation => ("tổ chức", "người đại diện của tổ chức"),
        Offender::Individual => ("cá nhân", "cá nhân"),
    }
}

/// The violator as both forms describe them.
fn violator_lines(body: &mut String, v: &ViolationRecRow, o: &OutletRow, d: &RecordDetails, numbered: bool) {
    let lead = if numbered { "1. " } else { "" };
    match v.offender {
        Offender::Organisation => {
            body.push_str(&format!("{lead}Tên của tổ chức: {}.\n", v.offender_name));
            body.push_str(&format!("Địa chỉ trụ sở chính: {}.\n", address(o)));
            if let Some(t) = o.tax_code.as_deref().filter(|t| !t.is_empty()) {
                body.push_str(&format!("Mã số doanh nghiệp: {t}.\n"));
            }
            let title = if d.representative_title.is_empty() {
                String::new()
            } else {
                format!("; chức danh: {}", d.representative_title)
            };
            body.push_str(&format!("Người đại diện theo pháp luật: {}{title}.\n", representative(d)));
        }
        Offender::Individual => {
            body.push_str(&format!("{lead}Họ và tên: {}.\n", v.offender_name));
            if !d.offender_details.is_empty() {
                body.push_str(&format!("{}.\n", d.offender_details.trim_end_matches('.')));
            }
        }
    }
}

fn representative(d: &RecordDetails) -> String {
    if d.representative.is_empty() { "……………………".into() } else { d.representative.clone() }
}

/// Who answers for the violator: the representative of an organisation, the individual.
fn answerer(v: &ViolationRecRow, d: &RecordDetails) -> String {
    match v.offender {
        Offender::Organisation => representative(d),
        Offender::Individual => v.offender_name.clone(),
    }
}

fn or_none(s: &str) -> String {
    if s.trim().is_empty() { "Không.".into() } else { format!("{}.", s.trim().trim_end_matches('.')) }
}

/// The page count the renderer writes into the record ("gồm 02 tờ").
pub const PAGE_COUNT: &str = crate::documents::spec::PAGE_COUNT_MARK;

/// Where a record stands: what it is made on, by which agency, who receives an explanation.
pub struct RecordContext<'a> {
    /// What the record is made on (the decision and the inspection at the premises).
    pub basis: &'a str,
    pub agency: &'a str,
    /// Who may sanction and receives an explanation ("Chánh Thanh tra tỉnh").
    pub authority: &'a str,
    /// The working days to explain in writing and to ask for a hearing (the deadline rules).
    pub explanation_days: (u32, u32),
}

/// The violation record (Mẫu MBB01).
pub fn violation_record(
    v: &ViolationRecRow,
    r: &RuleText,
    o: &OutletRow,
    d: &RecordDetails,
    c: &RecordContext,
) -> DraftInput {
    let RecordContext { basis, agency, authority, explanation_days } = *c;
    let (kind, speaker) = kind_words(v.offender);
    let mut body = String::new();
    let when = crate::time::vn_wall(&d.made_at.unwrap_or_default());
    body.push_str(&format!(
        "Hôm nay, hồi {:02} giờ {:02} phút, ngày {}, tại {}.\n",
        when.hour(),
        when.minute(),
        when.format("%d/%m/%Y"),
        if d.place.is_empty() { address(o) } else { d.place.clone() }
    ));
    if !d.place_reason.is_empty() {
        body.push_str(&format!("Lý do lập biên bản tại địa điểm này: {}.\n", d.place_reason.trim_end_matches('.')));
    }
    body.push_str(&format!("Căn cứ: {}.\n", basis.trim_end_matches('.')));
    body.push_str("Chúng tôi gồm:\n");
    body.push_str("1. Người có thẩm quyền lập biên bản:\n");
    body.push_str(&format!(
        "Họ và tên: {}; chức vụ: {}.\n",
        d.maker_name,
        if d.maker_title.is_empty() { "……………" } else { &d.maker_title }
    ));
    body.push_str(&format!("Cơ quan: {}.\n", crate::documents::spec::name_in_text(agency)));
    if !d.witnesses.is_empty() {
        body.push_str("2. Với sự chứng kiến của:\n");
        for w in &d.witnesses {
            let mut line = format!("Họ và tên: {}", w.name);
            if !w.role.is_empty() {
                line.push_str(&format!("; nghề nghiệp, chức vụ: {}", w.role));
            }
            if !w.address.is_empty() {
                line.push_str(&format!("; địa chỉ: {}", w.address));
            }
            body.push_str(&format!("{line}.\n"));
        }
    }
    body.push_str(&format!(
        "Tiến hành lập biên bản vi phạm hành chính đối với {} có tên sau đây:\n",
        if v.offender == Offender::Individual { "ông (bà)" } else { "tổ chức" }
    ));
    violator_lines(&mut body, v, o, d, true);
    body.push_str(&format!("2. Đã có các hành vi vi phạm hành chính: {}.\n", v.description.trim_end_matches('.')));
    body.push_str(&format!("3. Quy định tại: {}.\n", r.provision(v.offender, true)));
    body.push_str("4. Cá nhân, tổ chức bị thiệt hại (nếu có): Không.\n");
    body.push_str(&format!(
        "5. Ý kiến trình bày của {speaker} vi phạm: {}\n",
        if d.opinion.is_empty() {
            "……………………………………………".to_string()
        } else {
            or_none(&d.opinion)
        }
    ));
    body.push_str(&format!(
        "6. Ý kiến trình bày của đại diện chính quyền, người chứng kiến (nếu có): {}\n",
        or_none(&d.witness_opinion)
    ));
    body.push_str("7. Ý kiến trình bày của cá nhân, tổ chức bị thiệt hại (nếu có): Không.\n");
    body.push_str(&format!("8. Chúng tôi đã yêu cầu {kind} vi phạm chấm dứt ngay hành vi vi phạm.\n"));
    body.push_str("9. Các biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính được áp dụng, gồm: Không.\n");
    let who = answerer(v, d);
    match d.explanation {
        Explanation::None => {}
        e => {
            let (days, what) = match e {
                Explanation::Hearing => (explanation_days.1, "văn bản yêu cầu được giải trình trực tiếp"),
                _ => (explanation_days.0, "văn bản giải trình"),
            };
            body.push_str(&format!(
                "10. Quyền và thời hạn giải trình: Trong thời hạn {days:02} ngày làm việc kể từ ngày lập biên bản này, ông (bà) {who} là {speaker} vi phạm có quyền gửi {what} đến {authority} để thực hiện quyền giải trình.\n"
            ));
        }
    }
    body.push_str(&format!(
        "Biên bản lập xong hồi …… giờ …… phút cùng ngày, gồm {PAGE_COUNT} tờ, được lập thành 02 bản có nội dung và giá trị như nhau; đã đọc lại cho những người có tên nêu trên cùng nghe, công nhận là đúng và cùng ký tên dưới đây; giao cho ông (bà) {who} là {speaker} vi phạm 01 bản, 01 bản lưu hồ sơ.\n"
    ));
    if !d.refused_reason.is_empty() {
        body.push_str(&format!(
            "Lý do ông (bà) {who} là {speaker} vi phạm không ký biên bản: {}.\n",
            d.refused_reason.trim_end_matches('.')
        ));
    }
    let mut parties = vec![format!(
        "{} | {}",
        match v.offender {
            Offender::Organisation => "CÁ NHÂN/NGƯỜI ĐẠI DIỆN CỦA TỔ CHỨC VI PHẠM",
            Offender::Individual => "CÁ NHÂN VI PHẠM",
        },
        if d.representative.is_empty() && v.offender == Offender::Organisation { "" } else { &who }
    )];
    parties.extend(d.witnesses.iter().map(|w| format!("NGƯỜI CHỨNG KIẾN | {}", w.name)));
    DraftInput {
        doc_type: "minutes".into(),
        form: "violation_record".into(),
        title: "BIÊN BẢN VI PHẠM HÀNH CHÍNH".into(),
        summary: format!("Về {}", field_words(&o.sector_code)),
        body,
        drafter_name: d.maker_name.clone(),
        signer_caption: "NGƯỜI LẬP BIÊN BẢN".into(),
        parties: parties.join("\n"),
        outlet_id: o.id.to_string(),
        ..Default::default()
    }
}

/// What the decision adds to the record.
pub struct Sanction<'a> {
    pub amount: i64,
    pub signer_id: &'a str,
    pub record_symbol: &'a str,
    pub record_date: Option<chrono::NaiveDate>,
    pub treasury: &'a str,
    pub account: &'a str,
    /// Aggravating and mitigating circumstances (empty: none).
    pub aggravating: &'a str,
    pub mitigating: &'a str,
    /// Days given to carry out the remedies.
    pub remedy_days: Option<u32>,
    /// Who organises carrying it out (the inspection team, the agency's office).
    pub executor: &'a str,
    /// The legal bases every sanction decision of the agency starts with (defaults file).
    pub bases: &'a [String],
    /// The head's delegation of sanctioning power to the deputy who signs "KT." (empty: the
    /// signer needs none), cited as the last basis.
    pub delegation: &'a str,
}

/// The sanction decision (Mẫu MQĐ02).
pub fn sanction_decision(
    v: &ViolationRecRow,
    r: &RuleText,
    o: &OutletRow,
    d: &RecordDetails,
    s: &Sanction,
) -> DraftInput {
    let (kind, speaker) = kind_words(v.offender);
    let cap = capitalise(kind);
    let mut body = String::new();
    body.push_str("# QUYẾT ĐỊNH:\n");
    body.push_str("Điều 1.\n");
    body.push_str(&format!(
        "1. Xử phạt vi phạm hành chính đối với {} có tên sau đây:\n",
        if v.offender == Offender::Individual { "ông (bà)" } else { "tổ chức" }
    ));
    violator_lines(&mut body, v, o, d, false);
    body.push_str(&format!("2. Đã thực hiện hành vi vi phạm hành chính: {}.\n", v.description.trim_end_matches('.')));
    body.push_str(&format!("3. Quy định tại: {}.\n", r.provision(v.offender, false)));
    body.push_str(&format!("4. Các tình tiết tăng nặng (nếu có): {}\n", or_none(s.aggravating)));
    body.push_str(&format!("5. Các tình tiết giảm nhẹ (nếu có): {}\n", or_none(s.mitigating)));
    body.push_str("6. Bị áp dụng hình thức xử phạt, biện pháp khắc phục hậu quả như sau:\n");
    body.push_str("a) Hình thức xử phạt chính: Phạt tiền.\n");
    body.push_str(&format!("Cụ thể: {} đồng (Bằng chữ: {} đồng).\n", money(s.amount), words(s.amount)));
    body.push_str("b) Hình thức xử phạt bổ sung (nếu có): Không.\n");
    body.push_str(&format!("c) Biện pháp khắc phục hậu quả (nếu có): {}\n", or_none(&v.remedies)));
    if !v.remedies.trim().is_empty() {
        let days = s.remedy_days.map(|n| format!("{n:02}")).unwrap_or_else(|| "……".into());
        body.push_str(&format!(
            "Thời hạn thực hiện biện pháp khắc phục hậu quả {days} ngày, kể từ ngày nhận được Quyết định này.\n"
        ));
        body.push_str(&format!("Mọi chi phí tổ chức thi hành biện pháp khắc phục hậu quả do {kind} bị xử phạt có tên tại Điều này chi trả.\n"));
    }
    body.push_str("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n");
    body.push_str("Điều 3. Quyết định này được:\n");
    let who = answerer(v, d);
    body.push_str(&format!(
        "1. Giao cho ông (bà) {who} là {speaker} bị xử phạt có tên tại Điều 1 Quyết định này để chấp hành.\n"
    ));
    body.push_str(&format!(
        "{cap} có tên tại Điều 1 phải nghiêm chỉnh chấp hành Quyết định xử phạt này. Nếu quá thời hạn mà {kind} {} không tự nguyện chấp hành thì sẽ bị cưỡng chế thi hành theo quy định của pháp luật.\n",
        v.offender_name
    ));
    body.push_str(&format!(
        "a) {cap} bị xử phạt có tên tại Điều 1 phải nộp tiền phạt tại {} hoặc nộp tiền phạt vào tài khoản số: {} của {} trong thời hạn 10 ngày, kể từ ngày nhận được Quyết định này. Quá thời hạn trên, cứ mỗi ngày chậm nộp phạt thì {kind} bị xử phạt phải nộp thêm 0,05% tính trên tổng số tiền phạt chưa nộp.\n",
        s.treasury, s.account, s.treasury
    ));
    body.push_str(&format!(
        "b) {cap} {} có quyền khiếu nại hoặc khởi kiện hành chính đối với Quyết định này theo quy định của pháp luật.\n",
        v.offender_name
    ));
    body.push_str(&format!("2. Gửi cho {} để thu tiền phạt.\n", s.treasury));
    body.push_str(&format!("3. Gửi cho {} để tổ chức thực hiện Quyết định này./.\n", s.executor));
    let mut bases: Vec<String> = s.bases.to_vec();
    bases.push(format!("Căn cứ {};", r.decree.map(DecreeRow::citation).unwrap_or_else(|| r.rule.decree.clone())));
    bases.push(format!(
        "Căn cứ Biên bản vi phạm hành chính số: {} lập {};",
        s.record_symbol,
        s.record_date.map(date_words).unwrap_or_else(|| "ngày …… tháng …… năm ……".into())
    ));
    // Mẫu MQĐ02: "Căn cứ Quyết định về việc giao quyền xử phạt vi phạm hành chính số …/QĐ-GQXP
    // ngày … tháng … năm …;" stands last, after the record.
    let delegation = s.delegation.trim().trim_end_matches([';', '.', ' ']);
    if !delegation.is_empty() {
        bases.push(format!("Căn cứ {delegation};"));
    }
    DraftInput {
        doc_type: "decision".into(),
        form: "sanction_decision".into(),
        title: String::new(),
        summary: "Xử phạt vi phạm hành chính".into(),
        bases: bases.join("\n"),
        body,
        signer_id: s.signer_id.into(),
        recipients: "Như Điều 3;\nLưu: Hồ sơ.".into(),
        outlet_id: o.id.to_string(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn rule(article: &str, basis: Offender) -> ViolationRow {
        let now = chrono::NaiveDateTime::default();
        ViolationRow {
            id: "r".into(),
            code: "x".into(),
            sector_code: "press".into(),
            decree: "NĐ 119/2020/NĐ-CP".into(),
            article: article.into(),
            description: String::new(),
            min_org: 1,
            max_org: 2,
            remedies: String::new(),
            valid_from: NaiveDate::default(),
            valid_to: None,
            legal_source: String::new(),
            verified: false,
            created_at: now,
            updated_at: now,
            decree_id: Some("d".into()),
            fine_basis: basis,
        }
    }

    fn decree() -> DecreeRow {
        DecreeRow {
            id: "d".into(),
            number: "119/2020/NĐ-CP".into(),
            title: "ngày 07 tháng 10 năm 2020 của Chính phủ quy định xử phạt vi phạm hành chính trong hoạt động báo chí, hoạt động xuất bản".into(),
            individual_clause: "khoản 2 Điều 4".into(),
            valid_from: NaiveDate::default(),
            valid_to: None,
            legal_source: String::new(),
            verified: false,
            created_at: chrono::NaiveDateTime::default(),
        }
    }

    #[test]
    fn the_rule_applied_is_cited_point_clause_article_with_the_decree() {
        let (r, d) = (rule("Điều 13 khoản 1 điểm a", Offender::Organisation), decree());
        let t = RuleText { rule: &r, decree: Some(&d) };
        assert_eq!(t.provision(Offender::Organisation, false), "điểm a khoản 1 Điều 13 Nghị định số 119/2020/NĐ-CP");
        // An individual pays half an organisation's figures under Art. 4(2): cited with it.
        assert_eq!(
            t.provision(Offender::Individual, false),
            "điểm a khoản 1 Điều 13 và khoản 2 Điều 4 Nghị định số 119/2020/NĐ-CP"
        );
        assert!(t.provision(Offender::Organisation, true).ends_with("trong hoạt động báo chí, hoạt động xuất bản"));
        // Not identified yet: blanks to fill, never an internal note.
        let r = rule("(chưa xác định điều)", Offender::Organisation);
        let t = RuleText { rule: &r, decree: Some(&d) };
        assert_eq!(t.provision(Offender::Organisation, false), "điểm …… khoản …… Điều …… Nghị định số 119/2020/NĐ-CP");
    }
}
