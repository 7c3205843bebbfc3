//! The documents of a violation: the record (biên bản vi phạm hành chính) and the sanction
//! decision (quyết định xử phạt).

use super::*;
use crate::documents::model::DraftInput;
use crate::inspections::model::{Offender, ViolationRecRow};

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
