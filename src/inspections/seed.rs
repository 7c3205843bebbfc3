//! The catalogue a fresh install starts with: violation rules with their fine ranges and sources,
//! field fine caps (Luật XLVPHC Art. 24) and sector checklists, from DOMAIN.md §3, §9.4, §9.5.
//! Entries not checked against the decree's text are flagged unverified; admins add new versions.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::catalogue::{ChecklistItem, ChecklistRow, ViolationRow};
use crate::audit::{self, Actor, AuditEntry};
use crate::db::DbConnection;
use crate::db::schema::*;
use crate::error::AppError;

/// (code, sector, decree, article, description, min_org, max_org, remedies, valid_from, valid_to, source, verified)
type ViolationSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    i64,
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    bool,
);

const VIOLATIONS: &[ViolationSeed] = &[
    (
        "postal.licence_change_unreported",
        "postal",
        "NĐ 15/2020/NĐ-CP",
        "Điều 5 khoản 2",
        "Không thông báo với cơ quan quản lý khi có thay đổi nội dung giấy phép bưu chính",
        5_000_000,
        7_000_000,
        "",
        "2020-04-15",
        Some("2026-06-30"),
        "DOMAIN.md §3.2 [S]; thay thế bởi NĐ 174/2026 từ 01/7/2026",
        false,
    ),
    (
        "postal.notice_late",
        "postal",
        "NĐ 15/2020/NĐ-CP (sửa đổi bởi NĐ 14/2022)",
        "Điều 6 khoản 1",
        "Thông báo hoạt động bưu chính quá 07 ngày làm việc kể từ ngày bắt đầu hoạt động, hoặc thông báo sai nội dung thay đổi",
        3_000_000,
        5_000_000,
        "",
        "2022-01-28",
        Some("2026-06-30"),
        "DOMAIN.md §3.2 [S]",
        false,
    ),
    (
        "postal.notice_change_unreported",
        "postal",
        "NĐ 15/2020/NĐ-CP (sửa đổi bởi NĐ 14/2022)",
        "Điều 6 khoản 2",
        "Không thông báo thay đổi nội dung đã thông báo hoạt động bưu chính",
        5_000_000,
        7_000_000,
        "",
        "2022-01-28",
        Some("2026-06-30"),
        "DOMAIN.md §3.2 [S]",
        false,
    ),
    (
        "postal.prohibited_goods",
        "postal",
        "NĐ 15/2020/NĐ-CP",
        "(chưa xác định điều)",
        "Gửi, chấp nhận, vận chuyển hàng cấm qua đường bưu chính",
        10_000_000,
        20_000_000,
        "",
        "2020-04-15",
        Some("2026-06-30"),
        "DOMAIN.md §3.2 [S]",
        false,
    ),
    (
        "postal.unlicensed",
        "postal",
        "NĐ 15/2020/NĐ-CP",
        "(chưa xác định điều)",
        "Cung ứng dịch vụ bưu chính không có giấy phép; mua bán, cầm cố, cho thuê, cho mượn giấy phép bưu chính",
        20_000_000,
        30_000_000,
        "Đình chỉ giấy phép 01–03 tháng (mua bán giấy phép)",
        "2020-04-15",
        Some("2026-06-30"),
        "DOMAIN.md §3.2 [S]",
        false,
    ),
    (
        "online.false_information",
        "online_info",
        "NĐ 15/2020/NĐ-CP",
        "Điều 101 khoản 1",
        "Sử dụng mạng xã hội để chia sẻ thông tin giả mạo, sai sự thật, xuyên tạc, vu khống",
        10_000_000,
        20_000_000,
        "Buộc gỡ bỏ thông tin",
        "2020-04-15",
        Some("2026-06-30"),
        "DOMAIN.md §3.2 [S]; NĐ 174/2026 Điều 95 từ 01/7/2026",
        false,
    ),
    (
        "press.source_not_cited",
        "press",
        "NĐ 119/2020/NĐ-CP",
        "Điều 8",
        "Không ghi rõ nguồn thông tin do cơ quan cung cấp khi đăng, phát trên báo chí, bản tin, đặc san",
        500_000,
        2_000_000,
        "",
        "2020-12-01",
        None,
        "DOMAIN.md §3.3 [S] (mức thấp nhất có thể là cảnh cáo)",
        false,
    ),
    (
        "press.harmful_content",
        "press",
        "NĐ 119/2020/NĐ-CP",
        "Điều 8",
        "Đăng, phát nội dung gây phương hại lợi ích quốc gia, bịa đặt, xuyên tạc lịch sử, tiết lộ bí mật nhà nước chưa đến mức truy cứu hình sự",
        150_000_000,
        200_000_000,
        "Buộc gỡ bỏ, thu hồi",
        "2020-12-01",
        None,
        "DOMAIN.md §3.3 [S]",
        false,
    ),
    (
        "press.conference_not_notified",
        "press",
        "NĐ 119/2020/NĐ-CP",
        "Điều 11",
        "Tổ chức họp báo không thông báo trước bằng văn bản",
        1_000_000,
        3_000_000,
        "",
        "2020-12-01",
        None,
        "DOMAIN.md §3.3 [S]",
        false,
    ),
    (
        "press.distribution_obstructed",
        "press",
        "NĐ 119/2020/NĐ-CP",
        "Điều 13",
        "Cản trở phát hành hợp pháp sản phẩm báo chí, hoặc bán sản phẩm báo chí nhập khẩu trái phép",
        5_000_000,
        10_000_000,
        "Buộc nộp lại số lợi bất hợp pháp",
        "2020-12-01",
        None,
        "DOMAIN.md §3.3 [S]",
        false,
    ),
    (
        "press.banned_distribution",
        "press",
        "NĐ 119/2020/NĐ-CP",
        "Điều 13",
        "Phát hành sản phẩm báo chí đã có quyết định cấm, thu hồi; không thu hồi theo quyết định",
        20_000_000,
        40_000_000,
        "Buộc thu hồi, tiêu hủy",
        "2020-12-01",
        None,
        "DOMAIN.md §3.3 [S]",
        false,
    ),
    (
        "printing.register_not_kept",
        "printing",
        "NĐ 119/2020/NĐ-CP",
        "(chưa xác định điều)",
        "Không lập sổ ghi chép theo dõi việc nhận in, hoặc ghi không đầy đủ thông tin",
        1_000_000,
        3_000_000,
        "",
        "2020-12-01",
        None,
        "Mức theo NĐ 159/2013 (đã thay thế) — chưa đối chiếu NĐ 119/2020, DOMAIN.md §3.3 [U]",
        false,
    ),
];

/// (sector, name, items: (code, text, legal_ref))
type ChecklistSeed = (&'static str, &'static str, &'static [(&'static str, &'static str, &'static str)]);

const CHECKLISTS: &[ChecklistSeed] = &[
    (
        "printing",
        "Kiểm tra cơ sở in",
        &[
            (
                "licence",
                "Có giấy phép hoạt động in hoặc giấy xác nhận đăng ký hoạt động cơ sở in còn hiệu lực",
                "NĐ 60/2014/NĐ-CP (sửa đổi NĐ 25/2018, NĐ 72/2022)",
            ),
            (
                "register",
                "Lập và ghi đầy đủ sổ đăng ký nhận in (tên sản phẩm, số lượng, khách hàng)",
                "NĐ 60/2014/NĐ-CP",
            ),
            (
                "contracts",
                "Có hợp đồng in, bản thảo, giấy phép xuất bản hoặc văn bản cho phép in của từng sản phẩm",
                "NĐ 60/2014/NĐ-CP",
            ),
            ("quantity", "In đúng số lượng ghi trong hợp đồng và giấy phép", "NĐ 60/2014/NĐ-CP"),
            ("equipment", "Thiết bị in đã đăng ký, khai báo đúng thực tế", "NĐ 60/2014/NĐ-CP"),
            ("changes", "Thông báo thay đổi thông tin cơ sở in trong 05 ngày làm việc", "NĐ 60/2014/NĐ-CP"),
        ],
    ),
    (
        "postal",
        "Kiểm tra hoạt động bưu chính",
        &[
            (
                "licence",
                "Có giấy phép bưu chính hoặc văn bản xác nhận thông báo hoạt động bưu chính còn hiệu lực",
                "NĐ 47/2011/NĐ-CP (sửa đổi NĐ 25/2022)",
            ),
            ("notice_changes", "Thông báo thay đổi nội dung hoạt động bưu chính đúng hạn", "NĐ 47/2011/NĐ-CP"),
            ("prohibited", "Kiểm soát, không chấp nhận hàng cấm gửi qua đường bưu chính", "Luật Bưu chính 2010"),
            ("prices", "Niêm yết giá cước, chất lượng dịch vụ, quy định bồi thường", "Luật Bưu chính 2010"),
            ("records", "Lưu giữ chứng từ chấp nhận bưu gửi theo quy định", "Luật Bưu chính 2010"),
        ],
    ),
    (
        "game",
        "Kiểm tra điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        &[
            (
                "certificate",
                "Giấy chứng nhận đủ điều kiện còn hiệu lực (03 năm) và được niêm yết",
                "NĐ 147/2024/NĐ-CP; DOMAIN.md §9.5",
            ),
            (
                "signboard",
                "Biển hiệu \"Điểm cung cấp dịch vụ trò chơi điện tử công cộng\" ghi tên, địa chỉ, điện thoại, số đăng ký kinh doanh",
                "NĐ 147/2024/NĐ-CP",
            ),
            ("fire_safety", "Có phương tiện và nội quy phòng cháy, chữa cháy", "NĐ 147/2024/NĐ-CP"),
            (
                "hours",
                "Không hoạt động từ 22 giờ đến 08 giờ sáng hôm sau (chưa kiểm chứng còn áp dụng theo NĐ 147/2024)",
                "NĐ 72/2013 sửa đổi NĐ 27/2018 [U]",
            ),
            ("games", "Chỉ cung cấp trò chơi đã được phê duyệt nội dung, kịch bản", "NĐ 147/2024/NĐ-CP"),
        ],
    ),
    (
        "press",
        "Kiểm tra văn phòng đại diện, phóng viên thường trú",
        &[
            (
                "registration",
                "Văn phòng đại diện đã được chấp thuận, thông báo hoạt động theo quy định",
                "Luật Báo chí 2016",
            ),
            ("reporters", "Phóng viên thường trú có thẻ nhà báo còn hạn, đã đăng ký", "Luật Báo chí 2016"),
            ("scope", "Hoạt động đúng chức năng (không hoạt động như cơ quan báo chí)", "Luật Báo chí 2016"),
            ("newsletters", "Bản tin, đặc san có giấy phép và ghi đủ thông tin bắt buộc", "TT 41/2020/TT-BTTTT"),
        ],
    ),
    (
        "online_info",
        "Kiểm tra trang thông tin điện tử",
        &[
            (
                "licence",
                "Có giấy phép thiết lập trang thông tin điện tử tổng hợp (nếu thuộc diện phải cấp phép)",
                "NĐ 147/2024/NĐ-CP",
            ),
            (
                "owner_info",
                "Ghi đầy đủ thông tin chủ quản, người chịu trách nhiệm trên trang",
                "NĐ 147/2024/NĐ-CP; NĐ 174/2026/NĐ-CP",
            ),
            ("sources", "Trích dẫn nguồn tin đúng quy định, không tự sản xuất tin như báo chí", "NĐ 147/2024/NĐ-CP"),
            ("domain", "Sử dụng tên miền đã đăng ký, đúng với giấy phép", "NĐ 147/2024/NĐ-CP"),
        ],
    ),
];

/// The largest fine of each field for an individual (organisations: twice), Luật XLVPHC Art. 24 as
/// amended by Luật 88/2025 (DOMAIN.md §9.2). Postal and press caps were not found in the amended
/// points: flagged unverified.
const CAPS: &[(&str, i64, &str, bool)] = &[
    ("printing", 100_000_000, "Luật XLVPHC Điều 24 khoản 1 điểm đ (sửa đổi bởi Luật 88/2025/QH15): xuất bản; in", true),
    ("online_info", 100_000_000, "Luật XLVPHC Điều 24 (sửa đổi bởi Luật 88/2025/QH15): công nghệ thông tin", true),
    ("game", 100_000_000, "Luật XLVPHC Điều 24 (sửa đổi bởi Luật 88/2025/QH15): công nghệ thông tin", false),
    ("postal", 100_000_000, "Luật XLVPHC Điều 24: bưu chính (mức tối đa chưa đối chiếu)", false),
    ("press", 100_000_000, "Luật XLVPHC Điều 24: báo chí (mức tối đa chưa đối chiếu)", false),
];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

/// Fills both catalogues on a fresh database; call inside a write transaction.
pub fn seed(conn: &mut DbConnection, actor: &Actor) -> Result<(), AppError> {
    let now = crate::time::now();
    let n: i64 = violation_rules::table.count().get_result(conn)?;
    if n == 0 {
        for (code, sector, decree, article, desc, min, max, remedies, from, to, source, verified) in VIOLATIONS {
            let row = ViolationRow {
                id: uuid::Uuid::now_v7().to_string(),
                code: (*code).into(),
                sector_code: (*sector).into(),
                decree: (*decree).into(),
                article: (*article).into(),
                description: (*desc).into(),
                min_org: *min,
                max_org: *max,
                remedies: (*remedies).into(),
                valid_from: date(from),
                valid_to: to.map(date),
                legal_source: (*source).into(),
                verified: *verified,
                created_at: now,
                updated_at: now,
            };
            diesel::insert_into(violation_rules::table).values(&row).execute(conn)?;
            audit::record(conn, actor, AuditEntry::created(&row))?;
        }
    }
    let n: i64 = crate::db::schema::sanction_caps::table.count().get_result(conn)?;
    if n == 0 {
        for (sector, max, source, verified) in CAPS {
            diesel::insert_into(crate::db::schema::sanction_caps::table)
                .values((
                    crate::db::schema::sanction_caps::sector_code.eq(*sector),
                    crate::db::schema::sanction_caps::valid_from.eq(date("2025-07-01")),
                    crate::db::schema::sanction_caps::max_individual.eq(*max),
                    crate::db::schema::sanction_caps::legal_source.eq(*source),
                    crate::db::schema::sanction_caps::verified.eq(*verified),
                ))
                .execute(conn)?;
        }
    }
    let n: i64 = checklist_templates::table.count().get_result(conn)?;
    if n == 0 {
        for (sector, name, items) in CHECKLISTS {
            let list: Vec<ChecklistItem> = items
                .iter()
                .map(|(c, t, r)| ChecklistItem { code: (*c).into(), text: (*t).into(), legal_ref: (*r).into() })
                .collect();
            let row = ChecklistRow {
                id: uuid::Uuid::now_v7().to_string(),
                sector_code: (*sector).into(),
                version: 1,
                name: (*name).into(),
                items: serde_json::to_string(&list).map_err(anyhow::Error::from)?,
                valid_from: date("2025-07-01"),
                created_at: now,
            };
            diesel::insert_into(checklist_templates::table).values(&row).execute(conn)?;
            audit::record(conn, actor, AuditEntry::created(&row))?;
        }
    }
    Ok(())
}
