//! The permit desk's documents, as drafts of the document engine (numbered and frozen there): the
//! receipt slip with the promised return date, the request to complete a dossier, the certificate,
//! and the refusal. Written in Vietnamese whatever the reader's language; the slips follow the
//! one-stop desk's model forms (Mẫu 01 and 02, Thông tư 01/2018/TT-VPCP; the 2025 one-stop decree,
//! NĐ 118/2025/NĐ-CP, was not read: DOMAIN.md marks such forms unverified), the certificate and the
//! refusal Nghị định 30/2020.

use chrono::NaiveDate;

use super::model::{DossierRow, ItemRow, PermitTypeRow};
use crate::documents::model::DraftInput;

fn d(x: NaiveDate) -> String {
    x.format("%d/%m/%Y").to_string()
}

/// "15 ngày", "10 ngày làm việc".
pub fn duration_words(n: i32, unit: &str) -> String {
    if unit == "working" { format!("{n:02} ngày làm việc") } else { format!("{n:02} ngày") }
}

/// What a document is written from.
pub struct Letter<'a> {
    pub d: &'a DossierRow,
    pub t: &'a PermitTypeRow,
    pub items: &'a [ItemRow],
    /// The applicant's registered address.
    pub address: &'a str,
    /// The agency's name.
    pub agency: &'a str,
    /// Whoever is taking the step (the receiving officer signs the slips).
    pub officer: &'a str,
    /// One of the agency's signers in force, or empty.
    pub signer_id: &'a str,
}

fn contacts(l: &Letter) -> String {
    let mut parts = vec![];
    if !l.d.contact_phone.trim().is_empty() {
        parts.push(format!("Số điện thoại: {}", l.d.contact_phone.trim()));
    }
    if !l.d.contact_email.trim().is_empty() {
        parts.push(format!("Email: {}", l.d.contact_email.trim()));
    }
    parts.join("; ")
}

fn item_lines(items: &[ItemRow], received: bool) -> String {
    items
        .iter()
        .filter(|i| i.received == received)
        .map(|i| match i.note.trim() {
            "" => format!("- {}", i.name),
            n => format!("- {} ({n})", i.name),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The receipt slip (Mẫu 01): what was handed in, the time the law allows, when the result is
/// due back (`promised`, the published deadline), and the code to follow it with.
pub fn receipt(l: &Letter, promised: NaiveDate, duration: i32, unit: &str, status_url: &str) -> DraftInput {
    let mut body = vec![
        format!("Mã hồ sơ: {}", l.d.tracking_code),
        format!("{} tiếp nhận hồ sơ của: {}", l.agency, l.d.applicant),
    ];
    let follow = if status_url.is_empty() {
        format!("Tra cứu tình trạng hồ sơ bằng mã hồ sơ {} tại trang tra cứu của {}.", l.d.tracking_code, l.agency)
    } else {
        format!("Tra cứu tình trạng hồ sơ bằng mã hồ sơ {} tại {status_url}.", l.d.tracking_code)
    };
    body.insert(1, follow);

    if !l.address.trim().is_empty() {
        body.push(format!("Địa chỉ: {}", l.address.trim()));
    }
    let c = contacts(l);
    if !c.is_empty() {
        body.push(c);
    }
    body.push(format!("Nội dung yêu cầu giải quyết: {}.", l.t.name_vi));
    body.push("# 1. Thành phần hồ sơ nộp gồm:".into());
    let handed = item_lines(l.items, true);
    body.push(if handed.is_empty() { "- (chưa có giấy tờ nào)".into() } else { handed });
    body.push(format!("# 2. Thời gian giải quyết hồ sơ theo quy định là: {}.", duration_words(duration, unit)));
    body.push(format!("# 3. Thời gian nhận hồ sơ: ngày {}.", d(l.d.received_on)));
    body.push(format!("# 4. Thời gian trả kết quả giải quyết hồ sơ: ngày {}.", d(promised)));
    body.push(format!("# 5. Đăng ký nhận kết quả tại: {}.", l.agency));
    DraftInput {
        doc_type: "minutes".into(),
        form: "dossier_receipt".into(),
        title: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ".into(),
        summary: format!("Hồ sơ số {}: {}", l.d.register_no(), l.t.name_vi),
        body: body.join("\n"),
        outlet_id: l.d.outlet_id.clone(),
        drafter_name: l.officer.into(),
        signer_caption: "NGƯỜI TIẾP NHẬN HỒ SƠ".into(),
        parties: format!("NGƯỜI NỘP HỒ SƠ | {}", l.d.applicant),
        ..Default::default()
    }
}

/// The request to complete the dossier (Mẫu 02): what is missing and why, and that the time counts
/// again from the day it is complete.
pub fn request(l: &Letter, on: NaiveDate, missing: &str) -> DraftInput {
    let mut body = vec![
        format!("Mã hồ sơ: {}", l.d.tracking_code),
        format!(
            "Ngày {}, {} tiếp nhận hồ sơ của {} đề nghị giải quyết thủ tục: {}.",
            d(l.d.received_on),
            l.agency,
            l.d.applicant,
            l.t.name_vi
        ),
        format!("Ngày {}, sau khi kiểm tra, hồ sơ chưa đầy đủ. Đề nghị bổ sung, hoàn thiện các nội dung sau:", d(on)),
    ];
    for line in missing.lines().map(str::trim).filter(|l| !l.is_empty()) {
        body.push(format!("- {}", line.trim_start_matches("- ")));
    }
    body.push(
        "Thời hạn giải quyết được tính lại từ ngày nhận đủ hồ sơ hợp lệ. Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, xin liên hệ bộ phận tiếp nhận để được hướng dẫn."
            .into(),
    );
    DraftInput {
        doc_type: "minutes".into(),
        form: "dossier_request".into(),
        title: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ".into(),
        summary: format!("Hồ sơ số {}: {}", l.d.register_no(), l.t.name_vi),
        body: body.join("\n"),
        drafter_name: l.officer.into(),
        signer_caption: "NGƯỜI HƯỚNG DẪN".into(),
        ..Default::default()
    }
}

/// The certificate or licence: who holds it, where, what it allows, and until when.
pub fn certificate(l: &Letter, valid_until: Option<NaiveDate>, scope: &str) -> DraftInput {
    let mut bases: Vec<String> = l.t.certificate_bases.lines().map(str::to_string).collect();
    bases.push(format!(
        "Xét hồ sơ đề nghị của {} (hồ sơ số {}, tiếp nhận ngày {})",
        l.d.applicant,
        l.d.register_no(),
        d(l.d.received_on)
    ));
    let mut body = vec![format!("Cấp cho: {}", l.d.applicant)];
    if !l.address.trim().is_empty() {
        body.push(format!("Địa chỉ: {}", l.address.trim()));
    }
    if !scope.trim().is_empty() {
        body.push(format!("Nội dung: {}", scope.trim().trim_end_matches('.')));
    }
    body.push(match valid_until {
        Some(u) => format!("{} có hiệu lực kể từ ngày ký đến hết ngày {}.", title_words(l.t), d(u)),
        None => format!("{} có hiệu lực kể từ ngày ký.", title_words(l.t)),
    });
    DraftInput {
        doc_type: "permit".into(),
        title: l.t.certificate_title.clone(),
        summary: String::new(),
        bases: bases.join("\n"),
        body: body.join("\n"),
        signer_id: l.signer_id.into(),
        recipients: [l.d.applicant.as_str(), "Lưu: VT, hồ sơ"].join("\n"),
        outlet_id: l.d.outlet_id.clone(),
        ..Default::default()
    }
}

/// "Giấy chứng nhận", "Giấy phép", "Văn bản xác nhận": how the body names the document.
fn title_words(t: &PermitTypeRow) -> String {
    let title = t.certificate_title.to_lowercase();
    for (start, words) in [
        ("giấy chứng nhận", "Giấy chứng nhận"),
        ("giấy phép", "Giấy phép"),
        ("giấy xác nhận", "Giấy xác nhận"),
        ("văn bản xác nhận", "Văn bản xác nhận"),
    ] {
        if title.starts_with(start) {
            return words.into();
        }
    }
    "Văn bản".into()
}

/// The refusal in writing, with its reasons (NĐ 60/2014 and the other decrees: "trả lời bằng văn
/// bản và nêu rõ lý do").
pub fn refusal(l: &Letter, on: NaiveDate, reason: &str) -> DraftInput {
    let body = format!(
        "Ngày {}, {} tiếp nhận hồ sơ của {} đề nghị giải quyết thủ tục: {} (hồ sơ số {}).\nSau khi xem xét, thẩm định hồ sơ, {} thông báo không giải quyết đề nghị nêu trên vì lý do sau: {}.\nNgày trả lời: {}. Nếu không đồng ý, {} có quyền khiếu nại hoặc khởi kiện theo quy định của pháp luật.\nThông báo để {} biết./.",
        d(l.d.received_on),
        l.agency,
        l.d.applicant,
        l.t.name_vi,
        l.d.register_no(),
        l.agency,
        reason.trim().trim_end_matches('.'),
        d(on),
        l.d.applicant,
        l.d.applicant,
    );
    DraftInput {
        doc_type: "notice".into(),
        summary: format!("Về việc không cấp {}", lower_first(&l.t.name_vi)),
        addressees: l.d.applicant.clone(),
        body,
        signer_id: l.signer_id.into(),
        recipients: ["Như trên", "Lưu: VT, hồ sơ"].join("\n"),
        outlet_id: l.d.outlet_id.clone(),
        ..Default::default()
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> (DossierRow, PermitTypeRow, Vec<ItemRow>) {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let seed = &super::super::catalogue::TYPES.iter().find(|t| t.code == "game_shop").unwrap();
        let t = PermitTypeRow {
            id: "t".into(),
            code: seed.code.into(),
            name_vi: seed.name_vi.into(),
            name_en: seed.name_en.into(),
            sector_code: seed.sector_code.into(),
            issuer: seed.issuer.into(),
            legal_rule: seed.legal_rule.into(),
            published_rule: format!("{}.published", seed.legal_rule),
            completeness_rule: seed.completeness_rule.into(),
            required_documents: serde_json::to_string(&seed.documents()).unwrap(),
            appraisal_fee: 0,
            levy: 0,
            fee_source: String::new(),
            validity_months: 36,
            renew_before_days: 20,
            remind_days: 60,
            site_survey: true,
            certificate_title: seed.certificate_title.into(),
            certificate_bases: seed.certificate_bases.into(),
            legal_source: String::new(),
            verified: true,
            valid_from: day,
            valid_to: None,
            created_at: now,
            updated_at: now,
        };
        let d = DossierRow {
            id: "d".into(),
            agency_id: "a".into(),
            year: 2026,
            number: 7,
            tracking_code: "ABCD-EFGH".into(),
            permit_type_id: "t".into(),
            type_code: "game_shop".into(),
            purpose: super::super::model::Purpose::New,
            original_permit_id: None,
            outlet_id: "o".into(),
            applicant: "Hộ kinh doanh Game Sao Mai".into(),
            contact_email: "saomai@example.vn".into(),
            contact_phone: "0912 345 678".into(),
            channel: super::super::model::Channel::Desk,
            received_on: day,
            complete_on: None,
            state: super::super::state::State::Received,
            missing: String::new(),
            appraisal: String::new(),
            outcome_reason: String::new(),
            decided_on: None,
            on_time: super::super::model::Timeliness::Pending,
            officer_id: None,
            search_text: String::new(),
            version: 1,
            created_by: String::new(),
            created_at: now,
            updated_at: now,
        };
        let items = vec![
            ItemRow {
                id: "1".into(),
                dossier_id: "d".into(),
                position: 1,
                code: "application".into(),
                name: "Đơn đề nghị".into(),
                required: true,
                received: true,
                note: String::new(),
            },
            ItemRow {
                id: "2".into(),
                dossier_id: "d".into(),
                position: 2,
                code: "owner_id".into(),
                name: "Thông tin căn cước của chủ điểm".into(),
                required: true,
                received: false,
                note: String::new(),
            },
        ];
        (d, t, items)
    }

    #[test]
    fn the_slip_lists_what_was_handed_in_and_the_promised_day() {
        let (d, t, items) = fixture();
        let l = Letter {
            d: &d,
            t: &t,
            items: &items,
            address: "Số 1 Trần Phú",
            agency: "Sở VHTTDL",
            officer: "Lê Thị Nhận",
            signer_id: "",
        };
        let promised = chrono::NaiveDate::from_ymd_opt(2026, 12, 16).unwrap();
        let r = receipt(&l, promised, 15, "calendar", "https://tt.example.vn/permits/status");
        assert!(r.body.contains("Mã hồ sơ: ABCD-EFGH"));
        assert!(r.body.contains("- Đơn đề nghị"));
        assert!(!r.body.contains("căn cước"), "only what was handed in");
        assert!(r.body.contains("15 ngày.") && r.body.contains("ngày 16/12/2026"));
        assert_eq!((r.form.as_str(), r.doc_type.as_str()), ("dossier_receipt", "minutes"));
        assert!(r.validate().is_ok());
        let q = request(&l, promised, "Thông tin căn cước của chủ điểm\n- Bản vẽ mặt bằng");
        assert!(q.body.contains("- Thông tin căn cước của chủ điểm\n- Bản vẽ mặt bằng"));
        assert!(q.validate().is_ok());
    }

    #[test]
    fn the_certificate_states_its_validity_and_the_refusal_its_reasons() {
        let (d, t, items) = fixture();
        let l = Letter { d: &d, t: &t, items: &items, address: "", agency: "UBND xã", officer: "", signer_id: "" };
        let c = certificate(&l, chrono::NaiveDate::from_ymd_opt(2029, 12, 20), "");
        assert!(c.body.contains("Giấy chứng nhận có hiệu lực kể từ ngày ký đến hết ngày 20/12/2029."), "{}", c.body);
        assert!(c.bases.contains("Nghị định số 147/2024/NĐ-CP") && c.bases.contains("hồ sơ số 7/2026"));
        let r = refusal(&l, chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(), "Biển hiệu không đúng quy định.");
        assert!(r.body.contains("vì lý do sau: Biển hiệu không đúng quy định."), "{}", r.body);
        assert!(r.summary.starts_with("Về việc không cấp giấy chứng nhận"));
    }
}
