//! The documents that close the on-site work: the working minutes (BB làm việc), the team's
//! report (BC) and the conclusion (KL) or result notice (TB).

use super::*;
use crate::documents::model::DraftInput;
use crate::inspections::model::{EngagementRow, FindingResult, FindingRow, RecommendationRow, ViolationRecRow};

/// The caption over the team's signature: its representative, the team leader.
fn team_caption(k: Kind) -> String {
    format!("ĐẠI DIỆN {}\nTRƯỞNG ĐOÀN", team_noun(k).to_uppercase())
}

pub fn minutes(
    e: &EngagementRow,
    o: &OutletRow,
    team: &[MemberLine],
    findings: &[FindingRow],
    when: &str,
    trail: &Trail,
) -> DraftInput {
    let k = e.kind();
    let mut body = String::new();
    let under = match &trail.decision {
        Some(d) => format!(", thực hiện {}", d.cite("Quyết định")),
        None => String::new(),
    };
    body.push_str(&format!("Hôm nay, {when}, tại {}, địa chỉ: {}{under}.\n", o.name, address(o)));
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
            official(&f.item_text).replace('|', "/"),
            official(&f.legal_ref).replace('|', "/"),
            f.result.label(VI),
            f.note.replace('|', "/").replace('\n', " ")
        ));
    }
    body.push_str(&format!("# IV. Ý KIẾN CỦA {}\n", o.name.to_uppercase()));
    body.push_str("……………………………………………………………………………………………\n");
    body.push_str("Biên bản kết thúc vào hồi …… giờ …… cùng ngày, được đọc lại cho những người có tên trên nghe, cùng thống nhất ký tên; biên bản lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản./.\n");
    DraftInput {
        doc_type: "minutes".into(),
        title: "BIÊN BẢN LÀM VIỆC".into(),
        drafter_name: team.first().map(|m| m.name.clone()).unwrap_or_default(),
        signer_caption: team_caption(k),
        summary: format!("Về việc {} tại {}", scope_phrase(k, &e.scope), o.name),
        body,
        outlet_id: o.id.to_string(),
        ..Default::default()
    }
}

/// The team's report (báo cáo kết quả) from the team leader to the person who decided the
/// engagement (Luật Thanh tra 2025 Art. 33): numbered, addressed to the decision-maker, signed by
/// the team leader.
pub fn report(
    e: &EngagementRow,
    o: &OutletRow,
    team: &[MemberLine],
    findings: &[FindingRow],
    violations: &[ViolationRecRow],
    trail: &Trail,
) -> DraftInput {
    let k = e.kind();
    let mut body = String::new();
    body.push_str(&format!(
        "Thực hiện {}, từ ngày {} đến ngày {}, {} đã tiến hành {} {} tại {}, địa chỉ: {}. {} báo cáo kết quả như sau:\n",
        decision_words(trail),
        d(e.announced_on),
        d(e.onsite_ended_on),
        team_noun(k),
        verb(k),
        lower_first(&e.scope),
        o.name,
        address(o),
        team_noun(k)
    ));
    body.push_str("# I. KHÁI QUÁT CHUNG\n");
    body.push_str(&overview(o));
    body.push_str(&format!("# II. KẾT QUẢ {}\n", verb(k).to_uppercase()));
    findings_table(&mut body, findings);
    body.push_str("# III. CÁC BIỆN PHÁP XỬ LÝ THEO THẨM QUYỀN ĐÃ ÁP DỤNG\n");
    measures(&mut body, violations);
    body.push_str(&format!("# IV. Ý KIẾN KHÁC NHAU GIỮA CÁC THÀNH VIÊN {}\n", team_noun(k).to_uppercase()));
    body.push_str("Không có.\n");
    body.push_str("# V. KIẾN NGHỊ\n");
    body.push_str(&format!("{} kiến nghị nội dung kết luận như dự thảo kèm theo.\n", team_noun(k)));
    body.push_str(&format!(
        "Trên đây là báo cáo kết quả {} của {}, kính trình {} xem xét, quyết định./.\n",
        verb(k),
        team_noun(k),
        decision_maker(trail)
    ));
    DraftInput {
        doc_type: "report".into(),
        title: String::new(),
        summary: format!("Kết quả {} tại {}", scope_phrase(k, &e.scope), o.name),
        addressees: decision_maker(trail),
        body,
        outlet_id: o.id.to_string(),
        drafter_name: team.first().map(|m| m.name.clone()).unwrap_or_default(),
        signer_caption: "TRƯỞNG ĐOÀN".into(),
        recipients: format!("Như trên;\nThành viên {};\nLưu: {}.", team_noun(k), dossier_word(k)),
        ..Default::default()
    }
}

/// "Quyết định số 05/QĐ-TT ngày 12 tháng 3 năm 2026 của Chánh Thanh tra tỉnh", or a blank to fill
/// while the decision is not issued.
fn decision_words(trail: &Trail) -> String {
    match &trail.decision {
        Some(c) => c.cite("Quyết định"),
        None => "Quyết định số …… ngày …… của ……".into(),
    }
}

/// Who decided the engagement, as a report is addressed to them.
fn decision_maker(trail: &Trail) -> String {
    trail.decision.as_ref().map(|c| c.issuer.clone()).unwrap_or_else(|| "người ra quyết định".into())
}

fn overview(o: &OutletRow) -> String {
    let mut s = format!("{}, địa chỉ: {}", o.name, address(o));
    if let Some(t) = o.tax_code.as_deref().filter(|t| !t.is_empty()) {
        s.push_str(&format!("; mã số thuế: {t}"));
    }
    if !o.legal_representative.is_empty() {
        s.push_str(&format!("; người đại diện theo pháp luật: {}", o.legal_representative));
    }
    s.push_str(".\n");
    s
}

fn measures(body: &mut String, violations: &[ViolationRecRow]) {
    let decided: Vec<&ViolationRecRow> = violations.iter().filter(|v| v.decision_id.is_some()).collect();
    if decided.is_empty() {
        body.push_str("Không.\n");
    }
    for v in decided {
        body.push_str(&format!("- {}{}.\n", v.description.trim_end_matches('.'), fine_note(v)));
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
            official(&f.item_text).replace('|', "/"),
            f.result.label(VI),
            f.note.replace('|', "/").replace('\n', " ")
        ));
    }
}

/// The conclusion (thanh tra) or the result notice (kiểm tra), with every section of its template
/// even when a section has nothing to say, citing the decision and the team's report.
pub fn conclusion(
    e: &EngagementRow,
    o: &OutletRow,
    findings: &[FindingRow],
    violations: &[ViolationRecRow],
    recs: &[RecommendationRow],
    signer_id: &str,
    trail: &Trail,
) -> DraftInput {
    let k = e.kind();
    let mut body = String::new();
    body.push_str(&format!(
        "Thực hiện {} về việc {}, từ ngày {} đến ngày {}, {} đã tiến hành {} tại {}, địa chỉ: {}.\n",
        decision_words(trail),
        scope_phrase(k, &e.scope),
        d(e.announced_on),
        d(e.onsite_ended_on),
        team_noun(k),
        verb(k),
        o.name,
        address(o)
    ));
    let report = match &trail.report {
        Some(r) => format!(
            "Báo cáo kết quả {} số {} ngày {} của Trưởng đoàn",
            verb(k),
            r.symbol,
            crate::documents::spec::date_words(r.date)
        ),
        None => format!("báo cáo kết quả {} của Trưởng đoàn", verb(k)),
    };
    let who = trail.decision.as_ref().map(|c| format!("{} ", c.issuer)).unwrap_or_default();
    body.push_str(&format!("Xét {report}, ý kiến giải trình của đối tượng {} (nếu có), {who}", verb(k)));
    body.push_str(match k {
        Kind::ThanhTra => "kết luận như sau:\n",
        Kind::KiemTra => "thông báo kết quả kiểm tra như sau:\n",
    });
    body.push_str("# 1. Khái quát chung\n");
    body.push_str(&overview(o));
    body.push_str("# 2. Kết quả kiểm tra, xác minh\n");
    let good: Vec<&FindingRow> = findings.iter().filter(|f| f.result == FindingResult::Compliant).collect();
    let bad: Vec<&FindingRow> = findings.iter().filter(|f| f.result == FindingResult::NonCompliant).collect();
    if good.is_empty() && bad.is_empty() {
        body.push_str("Không có nội dung được ghi nhận.\n");
    }
    if !good.is_empty() {
        body.push_str("Những nội dung chấp hành đúng quy định:\n");
        for f in &good {
            body.push_str(&format!("- {};\n", official(&f.item_text).trim_end_matches('.')));
        }
    }
    if !bad.is_empty() {
        body.push_str("Những tồn tại, vi phạm:\n");
        for f in &bad {
            let note = if f.note.is_empty() { String::new() } else { format!(": {}", f.note.trim_end_matches('.')) };
            body.push_str(&format!("- {}{note};\n", official(&f.item_text).trim_end_matches('.')));
        }
    }
    body.push_str("# 3. Kết luận\n");
    if bad.is_empty() && violations.is_empty() {
        body.push_str(&format!(
            "{} đã chấp hành đúng các quy định của pháp luật về {} trong phạm vi {}.\n",
            o.name,
            field_words(&o.sector_code),
            verb(k)
        ));
    } else {
        body.push_str(&format!(
            "{} chưa chấp hành đầy đủ các quy định của pháp luật về {}: có {} nội dung chưa đạt yêu cầu{}. Trách nhiệm thuộc về {} và người đại diện theo pháp luật của cơ sở.\n",
            o.name,
            field_words(&o.sector_code),
            bad.len(),
            if violations.is_empty() { String::new() } else { format!(", {} hành vi vi phạm hành chính", violations.len()) },
            o.name
        ));
    }
    body.push_str("# 4. Các biện pháp xử lý theo thẩm quyền đã áp dụng\n");
    measures(&mut body, violations);
    body.push_str("# 5. Kiến nghị biện pháp xử lý\n");
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
        Kind::ThanhTra => {
            ("conclusion", "KẾT LUẬN THANH TRA", format!("Về việc {} tại {}", scope_phrase(k, &e.scope), o.name))
        }
        Kind::KiemTra => ("notice", "", format!("Kết quả {} tại {}", scope_phrase(k, &e.scope), o.name)),
    };
    let mut recipients = vec![o.name.clone()];
    recipients.extend(superiors(k, &trail.agency));
    recipients.push(format!("Lưu: VT, {}", dossier_word(k)));
    DraftInput {
        doc_type: doc_type.into(),
        title: title.into(),
        summary,
        body,
        signer_id: signer_id.into(),
        recipients: recipients.join("\n"),
        outlet_id: o.id.to_string(),
        ..Default::default()
    }
}
