//! The catalogue a fresh install starts with: violation rules with their fine ranges and sources,
//! field fine caps (Luật XLVPHC Art. 24) and sector checklists, from DOMAIN.md §3, §9.4, §9.5.
//! Entries not checked against the decree's text are flagged unverified; admins add new versions.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::catalogue::{ChecklistItem, ChecklistRow, DecreeRow, ViolationRow};
mod rules;

use crate::audit::{self, Actor, AuditEntry};
use crate::db::DbConnection;
use crate::db::schema::*;
use crate::error::AppError;
use rules::{DECREES, RULES};

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

/// The decrees and rules a release knows: those missing are added (existing installations get the
/// rules of a new decree), rules recorded before decrees were kept apart are linked to theirs and
/// given their provision; nothing an administrator added or ended is changed. Call inside a write
/// transaction.
fn seed_catalogue(conn: &mut DbConnection, actor: &Actor, now: chrono::NaiveDateTime) -> Result<(), AppError> {
    for d in DECREES {
        let exists: i64 =
            sanction_decrees::table.filter(sanction_decrees::number.eq(d.number)).count().get_result(conn)?;
        if exists == 0 {
            let row = DecreeRow {
                id: uuid::Uuid::now_v7().to_string(),
                number: d.number.into(),
                title: d.title.into(),
                individual_clause: d.individual_clause.into(),
                valid_from: date(d.from),
                valid_to: d.to.map(date),
                legal_source: d.source.into(),
                verified: d.verified,
                created_at: now,
            };
            diesel::insert_into(sanction_decrees::table).values(&row).execute(conn)?;
            audit::record(conn, actor, AuditEntry::created(&row))?;
        }
    }
    for r in RULES {
        let decree: DecreeRow = sanction_decrees::table
            .filter(sanction_decrees::number.eq(r.decree))
            .select(DecreeRow::as_select())
            .first(conn)?;
        let existing: Option<ViolationRow> = violation_rules::table
            .filter(violation_rules::code.eq(r.code))
            .filter(violation_rules::valid_from.eq(date(r.from)))
            .select(ViolationRow::as_select())
            .first(conn)
            .optional()?;
        match existing {
            None => {
                let row = ViolationRow {
                    id: uuid::Uuid::now_v7().to_string(),
                    code: r.code.into(),
                    sector_code: r.sector.into(),
                    decree: format!("NĐ {}", r.decree),
                    article: r.article.into(),
                    description: r.description.into(),
                    min_org: r.min,
                    max_org: r.max,
                    remedies: r.remedies.into(),
                    valid_from: date(r.from),
                    valid_to: r.to.map(date),
                    legal_source: r.source.into(),
                    verified: false,
                    created_at: now,
                    updated_at: now,
                    decree_id: Some(decree.id.clone()),
                    fine_basis: r.basis,
                };
                diesel::insert_into(violation_rules::table).values(&row).execute(conn)?;
                audit::record(conn, actor, AuditEntry::created(&row))?;
            }
            Some(before) if before.decree_id.is_none() => {
                let mut after = before.clone();
                after.decree_id = Some(decree.id.clone());
                after.fine_basis = r.basis;
                after.article = r.article.into();
                after.legal_source = r.source.into();
                after.updated_at = now;
                diesel::update(violation_rules::table.find(&before.id))
                    .set((
                        violation_rules::decree_id.eq(&after.decree_id),
                        violation_rules::fine_basis.eq(after.fine_basis),
                        violation_rules::article.eq(&after.article),
                        violation_rules::legal_source.eq(&after.legal_source),
                        violation_rules::updated_at.eq(after.updated_at),
                    ))
                    .execute(conn)?;
                if let Some(e) = AuditEntry::updated(&before, &after) {
                    audit::record(conn, actor, e)?;
                }
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Fills the catalogues: decrees and rules (see `seed_catalogue`), field caps and checklists on a
/// fresh database; call inside a write transaction.
pub fn seed(conn: &mut DbConnection, actor: &Actor) -> Result<(), AppError> {
    let now = crate::time::now();
    seed_catalogue(conn, actor, now)?;
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
