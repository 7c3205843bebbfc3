//! The permit types a fresh installation starts with (DOMAIN.md §4, §9.5, §9.7), each with its legal
//! source and whether it was verified against the text. Administrators add versions later (a new
//! issuing body, a new decree); a dossier keeps the version in force when it was received.

use super::model::RequiredDocument;

/// One seeded type.
pub struct TypeSeed {
    pub code: &'static str,
    pub name_vi: &'static str,
    pub name_en: &'static str,
    pub sector_code: &'static str,
    pub issuer: &'static str,
    /// The legal deadline rule; the published one is `<rule>.published`.
    pub legal_rule: &'static str,
    pub completeness_rule: &'static str,
    /// (code, vi, en, optional)
    pub documents: &'static [(&'static str, &'static str, &'static str, bool)],
    pub appraisal_fee: i64,
    pub levy: i64,
    pub fee_source: &'static str,
    pub validity_months: i32,
    pub renew_before_days: i32,
    pub remind_days: i32,
    pub site_survey: bool,
    pub certificate_title: &'static str,
    pub certificate_bases: &'static str,
    pub legal_source: &'static str,
    pub verified: bool,
    pub valid_from: &'static str,
}

impl TypeSeed {
    pub fn documents(&self) -> Vec<RequiredDocument> {
        self.documents
            .iter()
            .map(|(c, vi, en, opt)| RequiredDocument {
                code: (*c).into(),
                name_vi: (*vi).into(),
                name_en: (*en).into(),
                optional: *opt,
            })
            .collect()
    }
}

const FEES_UNKNOWN: &str =
    "Chưa nhập mức phí, lệ phí: quản trị viên nhập theo thông tư của Bộ Tài chính và nghị quyết HĐND tỉnh.";
const APPLICATION: (&str, &str, &str, bool) =
    ("application", "Đơn đề nghị (theo mẫu)", "Application (on the model form)", false);
const BUSINESS_REG: (&str, &str, &str, bool) = (
    "business_registration",
    "Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh (nếu chưa có trên Cổng thông tin quốc gia)",
    "Copy of the business registration (when not on the national portal)",
    true,
);

pub const TYPES: &[TypeSeed] = &[
    TypeSeed {
        code: "printing_licence",
        name_vi: "Giấy phép hoạt động in",
        name_en: "Printing licence",
        sector_code: "printing",
        issuer: "Sở Văn hóa, Thể thao và Du lịch",
        legal_rule: "permit.printing_licence",
        completeness_rule: "permit.completeness",
        documents: &[
            APPLICATION,
            BUSINESS_REG,
            (
                "premises",
                "Giấy tờ chứng minh quyền sử dụng mặt bằng sản xuất",
                "Proof of the right to use the premises",
                false,
            ),
            (
                "equipment",
                "Danh mục thiết bị in và giấy tờ sở hữu",
                "List of printing equipment and proof of ownership",
                false,
            ),
            ("manager", "Bản sao văn bằng và lý lịch của người đứng đầu", "The manager's qualifications and CV", false),
        ],
        appraisal_fee: 0,
        levy: 0,
        fee_source: FEES_UNKNOWN,
        validity_months: 0,
        renew_before_days: 0,
        remind_days: 0,
        site_survey: false,
        certificate_title: "GIẤY PHÉP HOẠT ĐỘNG IN",
        certificate_bases: "Căn cứ Nghị định số 60/2014/NĐ-CP ngày 19 tháng 6 năm 2014 của Chính phủ quy định về hoạt động in, được sửa đổi, bổ sung bởi Nghị định số 25/2018/NĐ-CP và Nghị định số 72/2022/NĐ-CP",
        legal_source: "Nghị định 60/2014/NĐ-CP (sửa đổi bởi NĐ 25/2018, NĐ 72/2022); Sở VHTTDL theo TT 10/2025/TT-BVHTTDL (DOMAIN.md §9.7)",
        verified: true,
        valid_from: "2025-03-01",
    },
    TypeSeed {
        code: "printing_registration",
        name_vi: "Xác nhận đăng ký hoạt động cơ sở in",
        name_en: "Print-shop registration",
        sector_code: "printing",
        issuer: "Sở Văn hóa, Thể thao và Du lịch",
        legal_rule: "permit.printing_registration",
        completeness_rule: "permit.completeness",
        documents: &[
            (
                "declaration",
                "Tờ khai đăng ký hoạt động cơ sở in (theo mẫu)",
                "Registration form (on the model form)",
                false,
            ),
            BUSINESS_REG,
        ],
        appraisal_fee: 0,
        levy: 0,
        fee_source: FEES_UNKNOWN,
        validity_months: 0,
        renew_before_days: 0,
        remind_days: 0,
        site_survey: false,
        certificate_title: "GIẤY XÁC NHẬN ĐĂNG KÝ HOẠT ĐỘNG CƠ SỞ IN",
        certificate_bases: "Căn cứ Nghị định số 60/2014/NĐ-CP ngày 19 tháng 6 năm 2014 của Chính phủ quy định về hoạt động in, được sửa đổi, bổ sung bởi Nghị định số 25/2018/NĐ-CP và Nghị định số 72/2022/NĐ-CP",
        legal_source: "Nghị định 60/2014/NĐ-CP; thời hạn 03 ngày làm việc (cổng DVC TP.HCM; Ninh Bình công bố 05)",
        verified: false,
        valid_from: "2025-03-01",
    },
    TypeSeed {
        code: "publishing_noncommercial",
        name_vi: "Giấy phép xuất bản tài liệu không kinh doanh",
        name_en: "Licence to publish a non-commercial document",
        sector_code: "printing",
        issuer: "Ủy ban nhân dân tỉnh (qua Sở Văn hóa, Thể thao và Du lịch)",
        legal_rule: "permit.publishing_noncommercial",
        completeness_rule: "permit.completeness.publishing",
        documents: &[
            (
                "application",
                "Đơn đề nghị cấp giấy phép (Mẫu 05, Nghị định 138/2025/NĐ-CP)",
                "Application (form 05, Decree 138/2025)",
                false,
            ),
            ("manuscript", "Bản thảo hoặc ma-két tài liệu (02 bản)", "Two copies of the manuscript or mock-up", false),
        ],
        appraisal_fee: 0,
        levy: 0,
        fee_source: FEES_UNKNOWN,
        validity_months: 0,
        renew_before_days: 0,
        remind_days: 0,
        site_survey: false,
        certificate_title: "GIẤY PHÉP XUẤT BẢN TÀI LIỆU KHÔNG KINH DOANH",
        certificate_bases: "Căn cứ Luật Xuất bản ngày 20 tháng 11 năm 2012\nCăn cứ Nghị định số 138/2025/NĐ-CP của Chính phủ",
        legal_source: "Thủ tục 1.003868 (dichvucong.gov.vn); Nghị định 138/2025/NĐ-CP: 10 ngày làm việc, báo hồ sơ thiếu trong 02 ngày làm việc",
        verified: true,
        valid_from: "2025-07-01",
    },
    TypeSeed {
        code: "newsletter",
        name_vi: "Giấy phép xuất bản bản tin",
        name_en: "Newsletter licence",
        sector_code: "press",
        issuer: "Sở Văn hóa, Thể thao và Du lịch",
        legal_rule: "permit.newsletter",
        completeness_rule: "permit.completeness",
        documents: &[
            APPLICATION,
            ("sample", "Mẫu trình bày tên bản tin, trang bìa", "The newsletter's name and cover as laid out", false),
            ("editor", "Sơ yếu lý lịch người chịu trách nhiệm xuất bản bản tin", "CV of the person responsible", false),
        ],
        appraisal_fee: 0,
        levy: 0,
        fee_source: FEES_UNKNOWN,
        validity_months: 0,
        renew_before_days: 0,
        remind_days: 0,
        site_survey: false,
        certificate_title: "GIẤY PHÉP XUẤT BẢN BẢN TIN",
        certificate_bases: "Căn cứ Luật Báo chí ngày 05 tháng 4 năm 2016\nCăn cứ Thông tư số 41/2020/TT-BTTTT ngày 24 tháng 12 năm 2020",
        legal_source: "Thông tư 41/2020/TT-BTTTT, Điều 18 (20 ngày); cơ quan cấp sau 2025 chưa kiểm chứng",
        verified: false,
        valid_from: "2025-03-01",
    },
    TypeSeed {
        code: "postal_licence",
        name_vi: "Giấy phép bưu chính (nội tỉnh)",
        name_en: "Postal licence (intra-provincial)",
        sector_code: "postal",
        issuer: "Sở Khoa học và Công nghệ",
        legal_rule: "permit.postal_licence",
        completeness_rule: "permit.completeness",
        documents: &[
            APPLICATION,
            BUSINESS_REG,
            ("plan", "Kế hoạch kinh doanh", "Business plan", false),
            ("sample_contract", "Mẫu hợp đồng cung ứng và sử dụng dịch vụ bưu chính", "Model service contract", false),
            ("tariff", "Bảng giá cước, tiêu chuẩn chất lượng dịch vụ", "Tariffs and quality standards", false),
        ],
        appraisal_fee: 0,
        levy: 0,
        fee_source: FEES_UNKNOWN,
        validity_months: 120,
        renew_before_days: 0,
        remind_days: 90,
        site_survey: false,
        certificate_title: "GIẤY PHÉP BƯU CHÍNH",
        certificate_bases: "Căn cứ Luật Bưu chính ngày 17 tháng 6 năm 2010\nCăn cứ Nghị định số 47/2011/NĐ-CP ngày 17 tháng 6 năm 2011 của Chính phủ, được sửa đổi, bổ sung bởi Nghị định số 25/2022/NĐ-CP",
        legal_source: "Nghị định 47/2011/NĐ-CP sửa đổi bởi NĐ 25/2022/NĐ-CP: 20 ngày, thời hạn giấy phép tối đa 10 năm; Sở KH&CN từ 01/3/2025",
        verified: true,
        valid_from: "2025-03-01",
    },
    TypeSeed {
        code: "postal_notice",
        name_vi: "Xác nhận thông báo hoạt động bưu chính",
        name_en: "Postal-activity notice confirmation",
        sector_code: "postal",
        issuer: "Sở Khoa học và Công nghệ",
        legal_rule: "permit.postal_notice",
        completeness_rule: "permit.completeness",
        documents: &[
            ("notice", "Văn bản thông báo hoạt động bưu chính", "Notice of postal activity", false),
            BUSINESS_REG,
            ("sample_contract", "Mẫu hợp đồng cung ứng dịch vụ bưu chính", "Model service contract", true),
        ],
        appraisal_fee: 1_000_000,
        levy: 200_000,
        fee_source: "Cổng DVC Bà Rịa – Vũng Tàu (thủ tục 1.005442): phí thẩm định 1.000.000 đồng, lệ phí 200.000 đồng",
        validity_months: 0,
        renew_before_days: 0,
        remind_days: 0,
        site_survey: false,
        certificate_title: "VĂN BẢN XÁC NHẬN THÔNG BÁO HOẠT ĐỘNG BƯU CHÍNH",
        certificate_bases: "Căn cứ Luật Bưu chính ngày 17 tháng 6 năm 2010\nCăn cứ Nghị định số 47/2011/NĐ-CP ngày 17 tháng 6 năm 2011 của Chính phủ, được sửa đổi, bổ sung bởi Nghị định số 25/2022/NĐ-CP",
        legal_source: "Thủ tục 1.005442: 10 ngày làm việc, từ chối trong 05 ngày làm việc; Sở KH&CN từ 01/3/2025",
        verified: true,
        valid_from: "2025-03-01",
    },
    TypeSeed {
        code: "game_shop",
        name_vi: "Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        name_en: "Game-shop eligibility certificate",
        sector_code: "game",
        issuer: "Ủy ban nhân dân cấp xã",
        legal_rule: "permit.game_shop",
        completeness_rule: "permit.completeness",
        documents: &[
            (
                "application",
                "Đơn đề nghị cấp giấy chứng nhận (Mẫu 51a, Nghị định 147/2024/NĐ-CP)",
                "Application (form 51a, Decree 147/2024)",
                false,
            ),
            ("owner_id", "Thông tin căn cước của chủ điểm", "The owner's identity details", false),
            BUSINESS_REG,
        ],
        appraisal_fee: 0,
        levy: 0,
        fee_source: FEES_UNKNOWN,
        validity_months: 36,
        renew_before_days: 20,
        remind_days: 60,
        site_survey: true,
        certificate_title: "GIẤY CHỨNG NHẬN ĐỦ ĐIỀU KIỆN HOẠT ĐỘNG ĐIỂM CUNG CẤP DỊCH VỤ TRÒ CHƠI ĐIỆN TỬ CÔNG CỘNG",
        certificate_bases: "Căn cứ Nghị định số 147/2024/NĐ-CP ngày 09 tháng 11 năm 2024 của Chính phủ về quản lý, cung cấp, sử dụng dịch vụ Internet và thông tin trên mạng\nCăn cứ Nghị định số 137/2025/NĐ-CP ngày 12 tháng 6 năm 2025 của Chính phủ",
        legal_source: "Nghị định 147/2024/NĐ-CP: 15 ngày kể cả kiểm tra thực tế, hiệu lực 03 năm, nộp lại ≥ 20 ngày trước khi hết hạn; UBND cấp xã theo NĐ 137/2025/NĐ-CP (DOMAIN.md §9.5)",
        verified: true,
        valid_from: "2025-07-01",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seeded_type_names_its_rules_and_documents() {
        let rules: Vec<&str> = crate::calendar::seed::deadlines::DEADLINES
            .iter()
            .chain(crate::calendar::seed::deadlines_permits::PERMIT_DEADLINES)
            .map(|r| r.0)
            .collect();
        for t in TYPES {
            assert!(rules.contains(&t.legal_rule), "{}", t.code);
            assert!(rules.contains(&format!("{}.published", t.legal_rule).as_str()), "{}", t.code);
            assert!(rules.contains(&t.completeness_rule), "{}", t.code);
            assert!(t.documents().iter().any(|d| !d.optional), "{}", t.code);
            assert!(chrono::NaiveDate::parse_from_str(t.valid_from, "%Y-%m-%d").is_ok());
        }
    }
}
