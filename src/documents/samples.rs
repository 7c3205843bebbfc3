//! Builds a `DocSpec` from the shared benchmark input format (`../shared/bench/conclusion.json`), and
//! sample documents of every type for tests and visual checks.

use chrono::NaiveDate;
use serde::Deserialize;

use super::spec::{Block, DocSpec, DocType, Form, Signer};

#[derive(Debug, Deserialize)]
pub struct BenchSection {
    pub heading: String,
    #[serde(default)]
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct BenchSigner {
    pub prefix: String,
    pub title: String,
    pub name: String,
}

/// The shape of `conclusion.json`.
#[derive(Debug, Deserialize)]
pub struct BenchDoc {
    pub governing_body: String,
    pub agency: String,
    pub number: String,
    pub place: String,
    pub date: NaiveDate,
    #[serde(rename = "type")]
    pub type_line: String,
    pub summary: String,
    #[serde(default)]
    pub bases: Vec<String>,
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    pub sections: Vec<BenchSection>,
    pub signer: BenchSigner,
    #[serde(default)]
    pub recipients: Vec<String>,
}

impl BenchDoc {
    pub fn to_spec(&self) -> DocSpec {
        let (num, symbol) = self.number.split_once('/').unwrap_or(("", &self.number));
        let abbr = symbol.split_once('-').map(|(_, a)| a).unwrap_or(symbol);
        let mut body = Vec::new();
        if !self.intro.is_empty() {
            body.push(Block::Paragraph(self.intro.clone()));
        }
        for s in &self.sections {
            body.push(Block::Heading(s.heading.clone()));
            for p in &s.paragraphs {
                body.push(Block::Paragraph(p.clone()));
            }
        }
        DocSpec {
            doc_type: DocType::Conclusion,
            governing_body: self.governing_body.clone(),
            agency: self.agency.clone(),
            agency_abbreviation: abbr.to_string(),
            unit_code: None,
            number: num.parse().ok(),
            place: self.place.clone(),
            date: Some(self.date),
            title: Some(self.type_line.clone()),
            summary: self.summary.clone(),
            authority: None,
            addressees: vec![],
            bases: self.bases.clone(),
            body,
            signer: Some(Signer {
                lines: vec![self.signer.prefix.clone(), self.signer.title.clone()],
                name: self.signer.name.clone(),
            }),
            counter_signer: None,
            more_signers: vec![],
            form: super::spec::Form::Standard,
            recipients: self.recipients.clone(),
            draft: false,
            verification: None,
            public_copy: false,
        }
    }
}

fn base(doc_type: DocType, summary: &str) -> DocSpec {
    DocSpec {
        doc_type,
        governing_body: "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH".into(),
        agency: "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH".into(),
        agency_abbreviation: "SVHTTDL".into(),
        unit_code: None,
        number: Some(7),
        place: "Hà Tĩnh".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 22),
        title: None,
        summary: summary.into(),
        authority: doc_type.has_authority_line().then(|| "GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH".to_string()),
        addressees: vec![],
        bases: vec![],
        body: vec![],
        signer: Some(Signer {
            lines: vec!["KT. GIÁM ĐỐC".into(), "PHÓ GIÁM ĐỐC".into()],
            name: "Trần Thị Minh Hương".into(),
        }),
        counter_signer: None,
        more_signers: vec![],
        form: super::spec::Form::Standard,
        recipients: vec!["Như Điều 3;".into(), "Giám đốc Sở (để b/c);".into(), "Lưu: VT, TTr.".into()],
        draft: false,
        verification: None,
        public_copy: false,
    }
}

/// One sample of each document type.
pub fn all() -> Vec<DocSpec> {
    let mut decision = base(DocType::Decision, "Về việc kiểm tra hoạt động in tại Công ty TNHH In Hồng Lam");
    decision.bases = vec![
        "Căn cứ Luật Xuất bản ngày 20 tháng 11 năm 2012;".into(),
        "Căn cứ Nghị định số 217/2025/NĐ-CP ngày 05 tháng 8 năm 2025 của Chính phủ về hoạt động kiểm tra chuyên ngành;"
            .into(),
        "Theo đề nghị của Trưởng phòng Quản lý báo chí, xuất bản.".into(),
    ];
    decision.body = vec![
        Block::Heading("QUYẾT ĐỊNH:".into()),
        Block::Paragraph("Điều 1. Kiểm tra việc chấp hành quy định pháp luật về hoạt động in tại Công ty TNHH In Hồng Lam, địa chỉ số 25 Nguyễn Du, phường Thành Sen, tỉnh Hà Tĩnh. Thời kỳ kiểm tra: từ ngày 01/01/2025 đến ngày kiểm tra. Thời hạn kiểm tra: 10 ngày kể từ ngày công bố quyết định.".into()),
        Block::Paragraph("Điều 2. Thành lập Đoàn kiểm tra gồm các ông (bà) có tên sau:".into()),
        Block::Table(vec![
            vec!["TT".into(), "Họ và tên".into(), "Chức vụ".into(), "Chức danh trong Đoàn".into()],
            vec!["1".into(), "Nguyễn Văn Đạt".into(), "Trưởng phòng".into(), "Trưởng đoàn".into()],
            vec!["2".into(), "Lê Thị Thu Hà".into(), "Chuyên viên".into(), "Thành viên".into()],
            vec!["3".into(), "Phạm Quốc Việt".into(), "Chuyên viên".into(), "Thành viên".into()],
        ]),
        Block::Paragraph("Điều 3. Chánh Văn phòng Sở, Trưởng phòng Quản lý báo chí, xuất bản, Đoàn kiểm tra và Công ty TNHH In Hồng Lam chịu trách nhiệm thi hành Quyết định này./.".into()),
    ];
    decision.recipients = vec!["Như Điều 3;".into(), "Giám đốc Sở (để b/c);".into(), "Lưu: VT, QLBC.".into()];

    let mut notice =
        base(DocType::Notice, "Kết quả kiểm tra hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng Đức Huy");
    notice.body = vec![
        Block::Paragraph("Ngày 18/11/2026, Đoàn kiểm tra theo Quyết định số 07/QĐ-SVHTTDL đã kiểm tra điểm cung cấp dịch vụ trò chơi điện tử công cộng Đức Huy, thôn Đông, xã Thạch Hà. Kết quả như sau:".into()),
        Block::Bullet("Giấy chứng nhận đủ điều kiện hoạt động còn hiệu lực, được niêm yết tại nơi dễ thấy;".into()),
        Block::Bullet("Biển hiệu chưa ghi số đăng ký kinh doanh; thiết bị phòng cháy chữa cháy đầy đủ;".into()),
        Block::Bullet("Hoạt động đúng giờ quy định.".into()),
        Block::Paragraph("Đề nghị chủ điểm bổ sung nội dung biển hiệu trước ngày 30/11/2026 và báo cáo kết quả về Sở Văn hóa, Thể thao và Du lịch.".into()),
    ];
    notice.recipients = vec!["Hộ kinh doanh Đức Huy;".into(), "UBND xã Thạch Hà;".into(), "Lưu: VT, QLBC.".into()];

    let mut minutes = base(DocType::Minutes, "Làm việc tại Công ty TNHH In Hồng Lam");
    minutes.body = vec![
        Block::Paragraph("Hôm nay, vào lúc 08 giờ 30 ngày 18 tháng 11 năm 2026, tại trụ sở Công ty TNHH In Hồng Lam, số 25 Nguyễn Du, phường Thành Sen, tỉnh Hà Tĩnh.".into()),
        Block::Heading("I. THÀNH PHẦN".into()),
        Block::Paragraph("1. Đoàn kiểm tra: ông Nguyễn Văn Đạt, Trưởng đoàn; bà Lê Thị Thu Hà, thành viên.".into()),
        Block::Paragraph("2. Công ty TNHH In Hồng Lam: ông Lê Văn Hùng, Giám đốc.".into()),
        Block::Heading("II. NỘI DUNG".into()),
        Block::Paragraph("Đoàn kiểm tra đã kiểm tra giấy phép hoạt động in, sổ đăng ký nhận in, thiết bị in và hợp đồng in của Công ty. Công ty xuất trình đầy đủ hồ sơ; sổ đăng ký nhận in ghi chưa đầy đủ thông tin số lượng in của 03 hợp đồng.".into()),
        Block::Paragraph("Biên bản kết thúc lúc 11 giờ 00 cùng ngày, được lập thành 02 bản có giá trị như nhau, đã đọc lại cho những người có tên trên nghe và cùng ký xác nhận./.".into()),
    ];
    minutes.signer = Some(Signer {
        lines: vec!["ĐẠI DIỆN ĐOÀN KIỂM TRA".into(), "TRƯỞNG ĐOÀN".into()],
        name: "Nguyễn Văn Đạt".into(),
    });
    minutes.counter_signer = Some(Signer {
        lines: vec!["ĐẠI DIỆN CƠ SỞ".into(), "GIÁM ĐỐC".into()],
        name: "Lê Văn Hùng".into(),
    });
    minutes.recipients = vec![];

    let mut report = base(DocType::Report, "Kết quả kiểm tra hoạt động in năm 2026");
    report.addressees = vec!["Ủy ban nhân dân tỉnh Hà Tĩnh".into()];
    report.body = vec![
        Block::Heading("1. Kết quả".into()),
        Block::Paragraph("Trong năm 2026, Sở đã kiểm tra 12 cơ sở in, phát hiện 03 cơ sở vi phạm, đã lập biên bản và xử phạt theo quy định.".into()),
        Block::Heading("2. Kiến nghị".into()),
        Block::Paragraph("Đề nghị Ủy ban nhân dân tỉnh chỉ đạo các xã, phường phối hợp quản lý cơ sở photocopy.".into()),
    ];
    report.recipients = vec!["Như trên;".into(), "Lưu: VT, QLBC.".into()];

    let mut plan = base(DocType::Plan, "Kiểm tra chuyên ngành năm 2027");
    plan.body = vec![
        Block::Heading("I. MỤC ĐÍCH, YÊU CẦU".into()),
        Block::Paragraph("Kiểm tra việc chấp hành pháp luật trong các lĩnh vực in, trò chơi điện tử công cộng và báo chí trên địa bàn tỉnh.".into()),
        Block::Heading("II. NỘI DUNG VÀ THỜI GIAN".into()),
        Block::Table(vec![
            vec!["TT".into(), "Đối tượng".into(), "Lĩnh vực".into(), "Thời gian".into()],
            vec!["1".into(), "Công ty TNHH In Hồng Lam".into(), "In".into(), "Quý I".into()],
            vec!["2".into(), "Điểm trò chơi điện tử Đức Huy".into(), "Trò chơi điện tử".into(), "Quý II".into()],
        ]),
    ];

    let mut letter = base(DocType::OfficialLetter, "đề nghị cung cấp hồ sơ hoạt động in");
    letter.unit_code = Some("QLBC".into());
    letter.addressees = vec!["Công ty TNHH In Hồng Lam".into()];
    letter.body = vec![Block::Paragraph(
        "Để phục vụ công tác kiểm tra theo Kế hoạch năm 2026, Sở Văn hóa, Thể thao và Du lịch đề nghị Công ty cung cấp bản sao giấy phép hoạt động in và sổ đăng ký nhận in năm 2026 trước ngày 30/11/2026.".into(),
    )];
    letter.recipients = vec!["Như trên;".into(), "Lưu: VT, QLBC.".into()];

    let mut permit = base(DocType::Permit, "");
    permit.title = Some("GIẤY PHÉP HOẠT ĐỘNG IN".into());
    permit.bases = vec![
        "Căn cứ Nghị định số 60/2014/NĐ-CP ngày 19 tháng 6 năm 2014 của Chính phủ quy định về hoạt động in;".into(),
    ];
    permit.body = vec![
        Block::Paragraph("Cho phép: CÔNG TY TNHH IN HỒNG LAM".into()),
        Block::Paragraph(
            "Địa chỉ trụ sở: số 25 Nguyễn Du, phường Thành Sen, tỉnh Hà Tĩnh. Mã số doanh nghiệp: 3000233440.".into(),
        ),
        Block::Paragraph(
            "Được hoạt động in các sản phẩm: tạp chí, tem chống giả. Giấy phép có hiệu lực kể từ ngày ký.".into(),
        ),
    ];
    permit.recipients = vec!["Công ty TNHH In Hồng Lam;".into(), "Lưu: VT, QLBC.".into()];

    let mut conclusion = base(DocType::Conclusion, "Kiểm tra hoạt động in tại Công ty TNHH In Hồng Lam");
    conclusion.title = Some("KẾT LUẬN KIỂM TRA".into());
    conclusion.body = notice.body.clone();
    conclusion.draft = true;
    conclusion.number = None;
    conclusion.date = None;

    let mut record = base(DocType::Minutes, "Về hoạt động in");
    record.form = Form::ViolationRecord;
    record.number = Some(3);
    record.title = Some("BIÊN BẢN VI PHẠM HÀNH CHÍNH".into());
    record.body = [
        "Hôm nay, hồi 09 giờ 40 phút, ngày 18/11/2026, tại Công ty TNHH In Hồng Lam, số 25 Nguyễn Du, phường Thành Sen, tỉnh Hà Tĩnh.",
        "Căn cứ: Quyết định số 07/QĐ-SVHTTDL ngày 10 tháng 11 năm 2026 của Giám đốc Sở Văn hóa, Thể thao và Du lịch; kết quả kiểm tra tại cơ sở.",
        "Chúng tôi gồm:",
        "1. Người có thẩm quyền lập biên bản:",
        "Họ và tên: Nguyễn Văn Đạt; chức vụ: Trưởng phòng Quản lý báo chí, xuất bản.",
        "Cơ quan: Sở Văn hóa, Thể thao và Du lịch.",
        "2. Với sự chứng kiến của:",
        "Họ và tên: Lê Văn Chứng; nghề nghiệp, chức vụ: Công chức UBND phường Thành Sen.",
        "Tiến hành lập biên bản vi phạm hành chính đối với tổ chức có tên sau đây:",
        "1. Tên của tổ chức: Công ty TNHH In Hồng Lam.",
        "Địa chỉ trụ sở chính: số 25 Nguyễn Du, phường Thành Sen, tỉnh Hà Tĩnh.",
        "Mã số doanh nghiệp: 3000233440.",
        "Người đại diện theo pháp luật: Lê Văn Hùng; chức danh: Giám đốc.",
        "2. Đã có các hành vi vi phạm hành chính: Không đăng ký sử dụng máy photocopy màu với cơ quan nhà nước có thẩm quyền.",
        "3. Quy định tại: điểm a khoản 1 Điều 28c Nghị định số 119/2020/NĐ-CP ngày 07 tháng 10 năm 2020 của Chính phủ quy định xử phạt vi phạm hành chính trong hoạt động báo chí, hoạt động xuất bản, được sửa đổi, bổ sung bởi Nghị định số 14/2022/NĐ-CP ngày 27 tháng 01 năm 2022 của Chính phủ.",
        "4. Cá nhân, tổ chức bị thiệt hại (nếu có): Không.",
        "5. Ý kiến trình bày của người đại diện của tổ chức vi phạm: Công ty thừa nhận vi phạm và sẽ đăng ký ngay.",
        "6. Ý kiến trình bày của đại diện chính quyền, người chứng kiến (nếu có): Không.",
        "7. Ý kiến trình bày của cá nhân, tổ chức bị thiệt hại (nếu có): Không.",
        "8. Chúng tôi đã yêu cầu tổ chức vi phạm chấm dứt ngay hành vi vi phạm.",
        "9. Các biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính được áp dụng, gồm: Không.",
        "Biên bản lập xong hồi …… giờ …… phút cùng ngày, gồm {{pages}} tờ, được lập thành 02 bản có nội dung và giá trị như nhau; đã đọc lại cho những người có tên nêu trên cùng nghe, công nhận là đúng và cùng ký tên dưới đây; giao cho ông (bà) Lê Văn Hùng là người đại diện của tổ chức vi phạm 01 bản, 01 bản lưu hồ sơ.",
    ]
    .into_iter()
    .map(|p| Block::Paragraph(p.into()))
    .collect();
    record.signer =
        Some(Signer { lines: vec!["NGƯỜI LẬP BIÊN BẢN".into()], name: "Nguyễn Văn Đạt".into() });
    record.counter_signer = Some(Signer {
        lines: vec!["CÁ NHÂN/NGƯỜI ĐẠI DIỆN CỦA TỔ CHỨC VI PHẠM".into()],
        name: "Lê Văn Hùng".into(),
    });
    record.more_signers =
        vec![Signer { lines: vec!["NGƯỜI CHỨNG KIẾN".into()], name: "Lê Văn Chứng".into() }];
    record.recipients = vec![];
    record.authority = None;

    let mut sanction = base(DocType::Decision, "Xử phạt vi phạm hành chính");
    sanction.form = Form::SanctionDecision;
    sanction.number = Some(2);
    sanction.bases = vec![
        "Căn cứ Điều 57, Điều 68, Điều 70, Điều 78, Điều 85 Luật Xử lý vi phạm hành chính (sửa đổi, bổ sung năm 2020 và năm 2025);".into(),
        "Căn cứ Nghị định số 119/2020/NĐ-CP ngày 07 tháng 10 năm 2020 của Chính phủ quy định xử phạt vi phạm hành chính trong hoạt động báo chí, hoạt động xuất bản;".into(),
        "Căn cứ Biên bản vi phạm hành chính số: 03/BB-VPHC lập ngày 18 tháng 11 năm 2026;".into(),
    ];
    sanction.body = vec![
        Block::Heading("QUYẾT ĐỊNH:".into()),
        Block::Paragraph("Điều 1.".into()),
        Block::Paragraph("1. Xử phạt vi phạm hành chính đối với tổ chức có tên sau đây:".into()),
        Block::Paragraph("Tên của tổ chức: Công ty TNHH In Hồng Lam.".into()),
        Block::Paragraph("2. Đã thực hiện hành vi vi phạm hành chính: Không đăng ký sử dụng máy photocopy màu với cơ quan nhà nước có thẩm quyền.".into()),
        Block::Paragraph("3. Quy định tại: điểm a khoản 1 Điều 28c Nghị định số 119/2020/NĐ-CP.".into()),
        Block::Paragraph("6. Bị áp dụng hình thức xử phạt, biện pháp khắc phục hậu quả như sau:".into()),
        Block::Paragraph("a) Hình thức xử phạt chính: Phạt tiền. Cụ thể: 4.000.000 đồng (Bằng chữ: Bốn triệu đồng).".into()),
        Block::Paragraph("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.".into()),
        Block::Paragraph("Điều 3. Quyết định này được giao cho ông (bà) Lê Văn Hùng là người đại diện của tổ chức bị xử phạt có tên tại Điều 1 để chấp hành./.".into()),
    ];
    sanction.recipients = vec!["Như Điều 3;".into(), "Lưu: Hồ sơ.".into()];

    vec![decision, conclusion, notice, minutes, report, plan, letter, permit, record, sanction]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(pdf: &[u8]) -> String {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let text = doc.extract_text(&pages).unwrap_or_default();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_bench_conclusion_renders_with_its_layout() {
        let json = include_str!("../../tests/data/conclusion.json");
        let spec: BenchDoc = serde_json::from_str(json).unwrap();
        let pdf = super::super::render(&spec.to_spec()).unwrap();
        let text = text_of(&pdf);
        for phrase in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 05/KL-TTr",
            "Hà Tĩnh, ngày 05 tháng 02 năm 2026",
            "KẾT LUẬN THANH TRA",
            "Nơi nhận:",
            "Nguyễn Văn Đạt",
            "PHÓ CHÁNH THANH TRA",
        ] {
            assert!(text.contains(phrase), "missing {phrase:?} in {text}");
        }
        let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
        assert!((3..=5).contains(&pages), "{pages} pages");
        assert!(text.contains(" 2 ") || text.starts_with("2 "), "page numbers from page 2");
    }

    #[test]
    fn every_document_type_renders_its_parts() {
        for spec in all() {
            let pdf = super::super::render(&spec).unwrap();
            let text = text_of(&pdf);
            assert!(
                text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                "{:?}: {}",
                spec.doc_type,
                text.chars().take(400).collect::<String>()
            );
            assert!(
                text.contains(&spec.symbol().trim().replace("  ", " ")) || spec.number.is_none(),
                "{:?}: {text}",
                spec.doc_type
            );
            match spec.doc_type {
                DocType::OfficialLetter => assert!(
                    text.contains("V/v đề nghị cung cấp hồ sơ") && text.contains("Kính gửi: Công ty TNHH In Hồng Lam")
                ),
                DocType::Minutes if spec.form == Form::ViolationRecord => {
                    // The record states its own page count, and no place and date in its header.
                    let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
                    assert!(text.contains("Số: 03/BB-VPHC") && text.contains(&format!("gồm {pages:02} tờ")), "{text}");
                    assert!(!text.contains("ngày 22 tháng"), "{text}")
                }
                DocType::Minutes => assert!(text.contains("ĐẠI DIỆN CƠ SỞ") && text.contains("Lê Văn Hùng")),
                DocType::Decision if spec.form == Form::SanctionDecision => {
                    assert!(text.contains("Số: 02/QĐ-XPHC"), "{text}")
                }
                DocType::Conclusion => assert!(text.contains("DỰ THẢO")),
                DocType::Permit => assert!(text.contains("GIẤY PHÉP HOẠT ĐỘNG IN")),
                _ => assert!(text.contains(spec.doc_type.type_line().unwrap())),
            }
        }
    }

    /// printpdf names font subsets at random, so bytes differ between runs; the text does not.
    /// (Issued documents are frozen as stored bytes, so byte-identical re-rendering is never needed.)
    #[test]
    fn rendering_twice_gives_the_same_text() {
        let spec = all().remove(0);
        let (a, b) = (super::super::render(&spec).unwrap(), super::super::render(&spec).unwrap());
        assert!(text_of(&a) == text_of(&b));
    }
}
