//! The documents that open an engagement: the annual plan (KH) and the decision (QĐ).

use super::*;
use crate::documents::model::DraftInput;
use crate::inspections::model::{EngagementRow, PlanItemRow, PlanRow};

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

/// "Căn cứ Kế hoạch số 01/KH-TT ngày 15 tháng 12 năm 2025 của Chánh Thanh tra tỉnh về thanh tra,
/// kiểm tra năm 2026;": the plan's title without its leading "Kế hoạch".
fn plan_basis(p: &Citation) -> String {
    let title = p.summary.trim();
    let topic = match crate::domain::text::fold(title).strip_prefix("ke hoach") {
        Some(_) => title.chars().skip("Kế hoạch".chars().count()).collect::<String>().trim().to_string(),
        None => title.to_string(),
    };
    let topic = if topic.is_empty() { String::new() } else { format!(" về {}", lower_first(&topic)) };
    format!("Căn cứ {}{topic};", p.cite("Kế hoạch"))
}

pub fn decision(e: &EngagementRow, o: &OutletRow, team: &[MemberLine], signer_id: &str, trail: &Trail) -> DraftInput {
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
    let mut bases = legal_basis(k);
    if let Some(p) = &trail.plan {
        bases.push(plan_basis(p));
    }
    let mut recipients = vec!["Như Điều 3".to_string()];
    recipients.extend(superiors(k, &trail.agency));
    recipients.push(format!("Lưu: VT, {}", dossier_word(k)));
    DraftInput {
        doc_type: "decision".into(),
        title: String::new(),
        summary: format!("Về việc {} tại {}", scope_phrase(k, &e.scope), o.name),
        bases: bases.join("\n"),
        body,
        signer_id: signer_id.into(),
        recipients: recipients.join("\n"),
        outlet_id: o.id.to_string(),
        ..Default::default()
    }
}
