//! The permit desk's own clocks beside the legal ones in `deadlines.rs`: the short time to check a
//! dossier for completeness and return it with what is missing, and the deadline the province
//! publishes for each procedure (DOMAIN.md §4: often shorter than the law, sometimes called working
//! days where the decree says days). A fresh installation starts each published deadline equal to
//! the legal one, unverified, until an administrator enters the province's own with its source.

use super::deadlines::DeadlineSeed;

const PUBLISHED: &str = "Thời hạn tỉnh công bố trên Cổng dịch vụ công: bằng thời hạn luật định cho đến khi quản trị viên nhập thời hạn công bố của tỉnh (kèm quyết định công bố thủ tục hành chính).";

/// One published rule per legal rule: (code, name_vi, name_en, duration, unit).
macro_rules! published {
    ($code:literal, $vi:literal, $en:literal, $n:literal, $unit:literal, $from:literal) => {
        (
            concat!($code, ".published"),
            concat!($vi, " (thời hạn công bố)"),
            concat!($en, " (published deadline)"),
            $n,
            $unit,
            "dossier_complete",
            0,
            0,
            false,
            PUBLISHED,
            false,
            $from,
            "",
        )
    };
}

pub const PERMIT_DEADLINES: &[DeadlineSeed] = &[
    (
        "permit.completeness",
        "Kiểm tra tính đầy đủ của hồ sơ, yêu cầu bổ sung",
        "Check a dossier is complete and ask for what is missing",
        3,
        "working",
        "dossier_received",
        0,
        0,
        false,
        "Nghị định 61/2018/NĐ-CP về cơ chế một cửa (thay bởi Nghị định 118/2025/NĐ-CP từ 01/7/2025); thời hạn chưa kiểm chứng với văn bản",
        false,
        "2018-06-21",
        "",
    ),
    (
        "permit.completeness.publishing",
        "Thông báo hồ sơ xuất bản tài liệu không kinh doanh chưa đầy đủ",
        "Tell the applicant a non-commercial publication dossier is incomplete",
        2,
        "working",
        "dossier_received",
        0,
        0,
        false,
        "Thủ tục 1.003868 (dichvucong.gov.vn); Nghị định 138/2025/NĐ-CP",
        false,
        "2025-07-01",
        "",
    ),
    published!(
        "permit.printing_licence",
        "Cấp giấy phép hoạt động in",
        "Printing licence",
        15,
        "calendar",
        "2018-02-28"
    ),
    published!(
        "permit.printing_licence_reissue",
        "Cấp lại giấy phép hoạt động in",
        "Re-issue the printing licence",
        7,
        "working",
        "2018-02-28"
    ),
    published!(
        "permit.printing_registration",
        "Xác nhận đăng ký hoạt động cơ sở in",
        "Print-shop registration confirmation",
        3,
        "working",
        "2018-02-28"
    ),
    published!(
        "permit.publishing_noncommercial",
        "Giấy phép xuất bản tài liệu không kinh doanh",
        "Licence to publish a non-commercial document",
        10,
        "working",
        "2025-07-01"
    ),
    published!("permit.newsletter", "Giấy phép xuất bản bản tin", "Newsletter licence", 20, "calendar", "2021-01-01"),
    published!(
        "permit.postal_licence",
        "Cấp giấy phép bưu chính (nội tỉnh)",
        "Postal licence (intra-provincial)",
        20,
        "calendar",
        "2022-06-01"
    ),
    published!(
        "permit.postal_notice",
        "Xác nhận thông báo hoạt động bưu chính",
        "Postal-activity notice confirmation",
        10,
        "working",
        "2022-06-01"
    ),
    published!(
        "permit.game_shop",
        "Cấp giấy chứng nhận đủ điều kiện điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        "Game-shop eligibility certificate",
        15,
        "calendar",
        "2025-07-01"
    ),
    published!(
        "permit.game_shop_reissue",
        "Cấp lại giấy chứng nhận điểm trò chơi điện tử công cộng",
        "Re-issue the game-shop certificate",
        5,
        "working",
        "2024-12-25"
    ),
];
