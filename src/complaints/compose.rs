//! The letters a submission's handling produces, as ordinary drafts of the document engine (edited,
//! numbered, frozen, mailed or printed there): the notice of acceptance (a decision to accept, for
//! a denunciation: Luật Tố cáo 2018, Art. 29), the notice of refusal with its reasons, the letter
//! forwarding it to the competent body, and the letter guiding the citizen. Written in Vietnamese
//! whatever the reader's language. A denunciation's letters never name or describe the denouncer:
//! the drafts are read by everyone who reads documents, and the accused is told the content only.

use super::model::{Kind, PersonRow, SubmissionRow};
use crate::documents::model::DraftInput;

/// What a letter is written from.
pub struct Letter<'a> {
    pub s: &'a SubmissionRow,
    /// The people on it; ignored for a denunciation.
    pub people: &'a [PersonRow],
    /// The agency's name.
    pub agency: &'a str,
    /// One of the agency's signers in force, or empty (chosen on the draft before it is issued).
    pub signer_id: &'a str,
    /// The first outlet it concerns, for the document's link to the registry.
    pub outlet_id: Option<&'a str>,
}

fn d(x: chrono::NaiveDate) -> String {
    x.format("%d/%m/%Y").to_string()
}

/// "đơn khiếu nại", "đơn tố cáo", "đơn kiến nghị, phản ánh".
fn kind_words(k: Kind) -> &'static str {
    match k {
        Kind::Complaint => "đơn khiếu nại",
        Kind::Denunciation => "đơn tố cáo",
        Kind::Petition => "đơn kiến nghị, phản ánh",
        Kind::Mixed => "đơn",
    }
}

/// The law a decision on a kind of submission cites (notices and letters cite none: Nghị định
/// 30/2020 gives "căn cứ" to decisions).
fn bases(k: Kind) -> Vec<String> {
    let mut v = match k {
        Kind::Complaint => vec!["Căn cứ Luật Khiếu nại số 02/2011/QH13;".to_string()],
        Kind::Denunciation => vec!["Căn cứ Luật Tố cáo số 25/2018/QH14;".to_string()],
        Kind::Petition | Kind::Mixed => vec!["Căn cứ Luật Tiếp công dân số 42/2013/QH13;".to_string()],
    };
    v.push("Căn cứ Thông tư số 05/2021/TT-TTCP ngày 01 tháng 10 năm 2021 của Thanh tra Chính phủ quy định quy trình xử lý đơn khiếu nại, đơn tố cáo, đơn kiến nghị, phản ánh;".into());
    v
}

/// "ông (bà) Nguyễn Văn A, địa chỉ: …" for each sender; for a denunciation, "người tố cáo".
fn senders(l: &Letter) -> String {
    if l.s.is_secret() || l.people.is_empty() {
        return match l.s.kind {
            Kind::Denunciation => "người tố cáo".into(),
            _ => "người gửi đơn".into(),
        };
    }
    l.people
        .iter()
        .map(|p| match p.address.trim() {
            "" => format!("ông (bà) {}", p.full_name),
            a => format!("ông (bà) {}, địa chỉ: {a}", p.full_name),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Who a letter to the citizen is addressed to.
fn to_citizen(l: &Letter) -> Vec<String> {
    if l.s.is_secret() || l.people.is_empty() {
        return vec![format!("Người gửi {} số {}", kind_words(l.s.kind), l.s.register_no())];
    }
    l.people.iter().map(|p| format!("Ông (bà) {}", p.full_name)).collect()
}

/// "Ngày 05/12/2026, Thanh tra tỉnh nhận được đơn khiếu nại của ông (bà) … (đơn số 3/2026)."
fn received(l: &Letter) -> String {
    let via = match l.s.forwarded_by.trim() {
        "" => String::new(),
        b => format!(" do {b} chuyển đến ({})", l.s.forwarded_ref.trim()),
    };
    format!(
        "Ngày {}, {} nhận được {} của {}{} (đơn số {}).",
        d(l.s.received_on),
        l.agency,
        kind_words(l.s.kind),
        senders(l),
        via,
        l.s.register_no()
    )
}

fn content_line(l: &Letter) -> String {
    format!("Nội dung đơn: {}.", l.s.subject.trim_end_matches('.'))
}

fn draft(
    l: &Letter,
    doc_type: &str,
    summary: String,
    addressees: Vec<String>,
    bases: Vec<String>,
    body: String,
    recipients: Vec<String>,
) -> DraftInput {
    DraftInput {
        doc_type: doc_type.into(),
        summary,
        addressees: addressees.join("\n"),
        bases: bases.join("\n"),
        body,
        signer_id: l.signer_id.into(),
        recipients: recipients.join("\n"),
        outlet_id: l.outlet_id.unwrap_or_default().into(),
        ..Default::default()
    }
}

/// Why a submission from the public web form has its kind: the sender chose it; reception staff
/// classify it by its content.
pub const WEB_KIND_REASON: &str =
    "Người gửi tự chọn loại đơn trên cổng trực tuyến; cán bộ tiếp nhận phân loại lại theo nội dung đơn.";

/// The reason an ad hoc inspection opened to resolve it gives (printed in its decision).
pub fn inspection_reason(s: &SubmissionRow) -> String {
    format!("Giải quyết {}{} {}", kind_words(s.kind), inspection_marker(s), s.subject.trim_end_matches('.'))
}

/// The words of that reason that name the submission (" số 7/2026:"), by which the case finds its
/// inspections.
pub fn inspection_marker(s: &SubmissionRow) -> String {
    format!(" số {}:", s.register_no())
}

/// The written answer to acceptance: a notice for a complaint, a decision for a denunciation
/// (Luật Tố cáo 2018, Art. 29); none for a petition, answered in writing when it is resolved.
/// `duration` is the resolution's length under the rule in force, in `unit_words`.
pub fn acceptance(l: &Letter, accepted: chrono::NaiveDate, duration: i32, unit_words: &str) -> Option<DraftInput> {
    match l.s.kind {
        Kind::Complaint => {
            let body = format!(
                "{}\n{}\nXét thấy đơn khiếu nại đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết của {}, {} thông báo: đơn khiếu nại đã được thụ lý giải quyết kể từ ngày {}. Thời hạn giải quyết là {} {} kể từ ngày thụ lý (Điều 28 Luật Khiếu nại).\nThông báo để ông (bà) biết./.\n",
                received(l),
                content_line(l),
                l.agency,
                l.agency,
                d(accepted),
                duration,
                unit_words
            );
            let mut recipients = vec!["Như trên".to_string()];
            if !l.s.forwarded_by.trim().is_empty() {
                recipients.push(format!("{} (để biết)", l.s.forwarded_by.trim()));
            }
            recipients.push("Lưu: VT, hồ sơ".into());
            Some(draft(
                l,
                "notice",
                "Về việc thụ lý giải quyết khiếu nại".into(),
                to_citizen(l),
                Vec::new(),
                body,
                recipients,
            ))
        }
        Kind::Denunciation => {
            let body = format!(
                "# QUYẾT ĐỊNH:\nĐiều 1. Thụ lý tố cáo (đơn số {}, nhận ngày {}). Nội dung tố cáo được thụ lý: {}.\nĐiều 2. Thời hạn giải quyết tố cáo là {} {} kể từ ngày thụ lý; có thể được gia hạn theo Điều 30 Luật Tố cáo. Thông tin về người tố cáo được giữ bí mật theo quy định của pháp luật.\nĐiều 3. Quyết định này có hiệu lực kể từ ngày ký. Người được giao xác minh và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.\n",
                l.s.register_no(),
                d(l.s.received_on),
                l.s.subject.trim_end_matches('.'),
                duration,
                unit_words
            );
            let recipients = vec![
                "Như Điều 3".to_string(),
                "Người tố cáo, người bị tố cáo (để biết)".into(),
                "Lưu: VT, hồ sơ".into(),
            ];
            Some(draft(l, "decision", "Về việc thụ lý tố cáo".into(), Vec::new(), bases(l.s.kind), body, recipients))
        }
        Kind::Petition | Kind::Mixed => None,
    }
}

/// The notice that it is not accepted, with the reasons.
pub fn refusal(l: &Letter, reason: &str) -> DraftInput {
    let body = format!(
        "{}\n{}\nSau khi xem xét, {} thông báo {} không được thụ lý giải quyết vì lý do sau: {}.\nThông báo để {} biết./.\n",
        received(l),
        content_line(l),
        l.agency,
        kind_words(l.s.kind),
        reason.trim_end_matches('.'),
        if l.s.is_secret() { "người tố cáo" } else { "ông (bà)" }
    );
    draft(
        l,
        "notice",
        format!("Về việc không thụ lý giải quyết {}", kind_words(l.s.kind).trim_start_matches("đơn ")),
        to_citizen(l),
        Vec::new(),
        body,
        vec!["Như trên".into(), "Lưu: VT, hồ sơ".into()],
    )
}

/// The letter sending it on to the competent body.
pub fn forwarding(l: &Letter, body_to: &str) -> DraftInput {
    let secret = if l.s.is_secret() {
        " Đề nghị giữ bí mật họ tên, địa chỉ, bút tích và các thông tin cá nhân khác của người tố cáo theo quy định của Luật Tố cáo."
    } else {
        ""
    };
    let body = format!(
        "{}\n{}\nCăn cứ quy định của pháp luật, nội dung đơn không thuộc thẩm quyền giải quyết của {}. {} chuyển đơn đến {} để xem xét, giải quyết theo thẩm quyền.{}\nGửi kèm theo đơn và các tài liệu kèm theo (nếu có)./.\n",
        received(l),
        content_line(l),
        l.agency,
        l.agency,
        body_to,
        secret
    );
    let mut recipients = vec!["Như trên".to_string()];
    if !l.s.is_secret() {
        recipients.push("Người gửi đơn (để biết)".into());
    }
    recipients.push("Lưu: VT, hồ sơ".into());
    draft(
        l,
        "official_letter",
        format!("V/v chuyển {}", kind_words(l.s.kind)),
        vec![body_to.to_string()],
        Vec::new(),
        body,
        recipients,
    )
}

/// The letter telling the citizen where to take it.
pub fn guidance(l: &Letter, guidance: &str) -> DraftInput {
    let body = format!(
        "{}\n{}\nNội dung đơn không thuộc thẩm quyền giải quyết của {}. {} hướng dẫn như sau: {}.\nTrân trọng./.\n",
        received(l),
        content_line(l),
        l.agency,
        l.agency,
        guidance.trim_end_matches('.')
    );
    draft(
        l,
        "official_letter",
        format!("V/v hướng dẫn gửi {}", kind_words(l.s.kind)),
        to_citizen(l),
        Vec::new(),
        body,
        vec!["Như trên".into(), "Lưu: VT, hồ sơ".into()],
    )
}

/// The decision on a complaint at first instance (Luật Khiếu nại 2011, Art. 31): what was
/// complained of, what verification found and concluded (`finding`, typed by the officer), and the
/// complainant's right to a second complaint or to sue.
pub fn complaint_decision(l: &Letter, finding: &str) -> DraftInput {
    let accepted = l.s.accepted_on.map(d).unwrap_or_default();
    let body = format!(
        "Xét {} của {} (đơn số {}, thụ lý ngày {}).\nNội dung khiếu nại: {}.\nKết quả xác minh nội dung khiếu nại và kết luận: {}.\n# QUYẾT ĐỊNH:\nĐiều 1. Giải quyết khiếu nại của {} theo kết luận nêu tại Quyết định này.\nĐiều 2. Trong thời hạn {} ngày kể từ ngày nhận được Quyết định này mà không đồng ý với việc giải quyết, người khiếu nại có quyền khiếu nại lần hai đến người có thẩm quyền hoặc khởi kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính (Điều 33 Luật Khiếu nại).\nĐiều 3. Quyết định này có hiệu lực kể từ ngày ký. Người khiếu nại, người có quyền, nghĩa vụ liên quan và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.\n",
        kind_words(l.s.kind),
        senders(l),
        l.s.register_no(),
        accepted,
        l.s.subject.trim_end_matches('.'),
        finding.trim_end_matches('.'),
        senders(l),
        // Luật Khiếu nại 2011, Art. 33: 30 days, 45 in remote and hard-to-reach areas.
        if l.s.remote_area { 45 } else { 30 },
    );
    let mut bases = bases(Kind::Complaint);
    bases.push("Căn cứ Nghị định số 124/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Khiếu nại;".into());
    let mut recipients = vec!["Như Điều 3".to_string()];
    if !l.s.forwarded_by.trim().is_empty() {
        recipients.push(format!("{} (để biết)", l.s.forwarded_by.trim()));
    }
    recipients.push("Cơ quan thanh tra cùng cấp".into());
    recipients.push("Lưu: VT, hồ sơ".into());
    draft(l, "decision", "Về việc giải quyết khiếu nại (lần đầu)".into(), Vec::new(), bases, body, recipients)
}

/// The conclusion on a denunciation's content (Luật Tố cáo 2018, Art. 35): what was denounced,
/// what verification found, the conclusion and the measures (`finding`). It is sent to the accused
/// and published, so it never names or describes the denouncer.
pub fn denunciation_conclusion(l: &Letter, finding: &str) -> DraftInput {
    let accepted = l.s.accepted_on.map(d).unwrap_or_default();
    let body = format!(
        "Ngày {}, {} thụ lý giải quyết tố cáo (đơn số {}). Trên cơ sở kết quả xác minh nội dung tố cáo, {} kết luận như sau:\n# 1. Nội dung tố cáo\n{}.\n# 2. Kết quả xác minh và kết luận nội dung tố cáo\n{}.\n# 3. Xử lý\nNgười bị tố cáo và các cơ quan, tổ chức, cá nhân có liên quan thực hiện các biện pháp xử lý nêu tại Kết luận này; kết luận được công khai theo Điều 36 Luật Tố cáo. Thông tin về người tố cáo được giữ bí mật theo quy định của pháp luật./.\n",
        accepted,
        l.agency,
        l.s.register_no(),
        l.agency,
        l.s.subject.trim_end_matches('.'),
        finding.trim_end_matches('.'),
    );
    let recipients = vec![
        "Người bị tố cáo".to_string(),
        "Người tố cáo (thông báo kết quả riêng)".into(),
        "Cơ quan thanh tra cùng cấp".into(),
        "Lưu: VT, hồ sơ".into(),
    ];
    let summary = format!("Về nội dung tố cáo (đơn số {})", l.s.register_no());
    draft(l, "conclusion", summary, Vec::new(), Vec::new(), body, recipients)
}

/// The written answer to a petition (kiến nghị, phản ánh).
pub fn petition_answer(l: &Letter, answer: &str) -> DraftInput {
    let body = format!(
        "{}\n{}\nSau khi xem xét, {} trả lời như sau: {}.\nTrân trọng./.\n",
        received(l),
        content_line(l),
        l.agency,
        answer.trim_end_matches('.')
    );
    let mut recipients = vec!["Như trên".to_string()];
    if !l.s.forwarded_by.trim().is_empty() {
        recipients.push(format!("{} (để biết)", l.s.forwarded_by.trim()));
    }
    recipients.push("Lưu: VT, hồ sơ".into());
    draft(l, "official_letter", "V/v trả lời kiến nghị, phản ánh".into(), to_citizen(l), Vec::new(), body, recipients)
}

/// The written extension of the resolution time (Luật Tố cáo 2018, Art. 30: decided in writing
/// and notified to the denouncer, the accused and others concerned): a decision for a
/// denunciation, a notice to the complainant otherwise. `n` is the extension's number (1, 2),
/// `days` its length and `until` the new due date.
pub fn extension(l: &Letter, n: i32, days: u32, until: Option<chrono::NaiveDate>, reason: &str) -> DraftInput {
    let until = until.map(|x| format!(", đến hết ngày {}", d(x))).unwrap_or_default();
    match l.s.kind {
        Kind::Denunciation => {
            let body = format!(
                "# QUYẾT ĐỊNH:\nĐiều 1. Gia hạn giải quyết tố cáo (đơn số {}, thụ lý ngày {}) lần thứ {}, thêm {} ngày{}.\nLý do gia hạn: {}.\nĐiều 2. Người được giao xác minh tiếp tục xác minh nội dung tố cáo trong thời hạn được gia hạn. Thông tin về người tố cáo được giữ bí mật theo quy định của pháp luật.\nĐiều 3. Quyết định này có hiệu lực kể từ ngày ký. Người được giao xác minh và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.\n",
                l.s.register_no(),
                l.s.accepted_on.map(d).unwrap_or_default(),
                n,
                days,
                until,
                reason.trim_end_matches('.')
            );
            let mut bases = bases(Kind::Denunciation);
            bases.push("Căn cứ Điều 30 Luật Tố cáo;".into());
            let recipients = vec![
                "Như Điều 3".to_string(),
                "Người tố cáo, người bị tố cáo (để biết)".into(),
                "Lưu: VT, hồ sơ".into(),
            ];
            draft(l, "decision", "Về việc gia hạn giải quyết tố cáo".into(), Vec::new(), bases, body, recipients)
        }
        _ => {
            let body = format!(
                "{}\n{}\n{} thông báo: thời hạn giải quyết {} được gia hạn thêm {} ngày{}.\nLý do: {}.\nThông báo để ông (bà) biết./.\n",
                received(l),
                content_line(l),
                l.agency,
                kind_words(l.s.kind),
                days,
                until,
                reason.trim_end_matches('.')
            );
            draft(
                l,
                "notice",
                "Về việc gia hạn thời hạn giải quyết".into(),
                to_citizen(l),
                Vec::new(),
                body,
                vec!["Như trên".into(), "Lưu: VT, hồ sơ".into()],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaints::model::*;
    use crate::complaints::state::State;

    fn row(kind: Kind) -> SubmissionRow {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let now = day.and_hms_opt(1, 0, 0).unwrap();
        SubmissionRow {
            id: "s".into(),
            agency_id: "a".into(),
            year: 2026,
            number: 7,
            tracking_code: "ABCD-EFGH".into(),
            received_on: day,
            channel: Channel::Post,
            forwarded_by: String::new(),
            forwarded_ref: String::new(),
            kind,
            kind_reason: "x".into(),
            competence: Competence::Within,
            subject: "Cơ sở in sách không phép".into(),
            content: "Tôi là Trần Thị Tố, nhà bên cạnh.".into(),
            anonymous: false,
            remote_area: false,
            complex_case: false,
            state: State::Received,
            resume_state: String::new(),
            outcome_reason: String::new(),
            forwarded_to: String::new(),
            accepted_on: None,
            decided_on: None,
            closed_on: None,
            extensions: 0,
            duplicate_of: None,
            officer_id: None,
            search_text: String::new(),
            version: 1,
            created_by: "x".into(),
            created_at: now,
            updated_at: now,
        }
    }

    fn person() -> PersonRow {
        PersonRow {
            id: "p".into(),
            submission_id: "s".into(),
            position: 1,
            full_name: "Trần Thị Tố".into(),
            id_number: "042190001234".into(),
            address: "Xã Cẩm Xuyên".into(),
            phone: "0987654321".into(),
            phone_digits: "0987654321".into(),
            email: String::new(),
        }
    }

    #[test]
    fn a_denunciations_letters_never_name_or_quote_the_denouncer() {
        let s = row(Kind::Denunciation);
        let people = [person()];
        let l = Letter { s: &s, people: &people, agency: "Thanh tra tỉnh", signer_id: "", outlet_id: None };
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let all = [
            acceptance(&l, day, 30, "ngày").unwrap(),
            refusal(&l, "Đã được giải quyết"),
            forwarding(&l, "Sở Văn hóa, Thể thao và Du lịch"),
            guidance(&l, "Gửi đến UBND xã"),
            denunciation_conclusion(&l, "Tố cáo đúng một phần"),
            extension(&l, 1, 30, Some(day), "Vụ việc phức tạp"),
        ];
        for x in &all {
            let text = format!("{} {} {} {} {}", x.summary, x.addressees, x.body, x.recipients, x.bases);
            for secret in ["Trần Thị Tố", "Cẩm Xuyên", "0987654321", "042190001234", "nhà bên cạnh"] {
                assert!(!text.contains(secret), "{secret} in {}", x.summary);
            }
        }
        assert_eq!(all[0].doc_type, "decision");
        assert!(all[0].body.contains("Thụ lý tố cáo (đơn số 7/2026, nhận ngày 03/12/2026)"));
        assert!(all[2].body.contains("giữ bí mật"));
    }

    #[test]
    fn a_complaints_acceptance_is_a_notice_to_the_complainant_with_the_time_limit() {
        let s = row(Kind::Complaint);
        let people = [person()];
        let l = Letter { s: &s, people: &people, agency: "Thanh tra tỉnh", signer_id: "", outlet_id: None };
        let n = acceptance(&l, chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(), 30, "ngày").unwrap();
        assert_eq!(n.doc_type, "notice");
        assert_eq!(n.addressees, "Ông (bà) Trần Thị Tố");
        assert!(n.body.contains("thụ lý giải quyết kể từ ngày 05/12/2026") && n.body.contains("30 ngày"));
        assert!(n.body.contains("Điều 28 Luật Khiếu nại"));
        assert!(acceptance(&Letter { s: &row(Kind::Petition), ..l }, s.received_on, 10, "ngày").is_none());
    }
}
