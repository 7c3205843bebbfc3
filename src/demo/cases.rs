//! What an engagement and its findings say, pure: the kind (most are a department's checks), why
//! an ad hoc one was opened, its scope by sector, the period it covers, and each checklist item's
//! result with the note an inspector would write (a non-compliance is always described, as the
//! checklist form requires).

use chrono::{Datelike, NaiveDate};
use fastrand::Rng;

use super::people::pick;
use crate::inspections::model::FindingResult;
use crate::inspections::state::Kind;

const REASONS: &[&str] = &[
    "Theo đơn phản ánh của người dân về hoạt động của cơ sở",
    "Theo chỉ đạo của Chủ tịch Ủy ban nhân dân tỉnh",
    "Qua theo dõi trên không gian mạng phát hiện dấu hiệu vi phạm",
    "Theo đề nghị của Sở Văn hóa, Thể thao và Du lịch",
    "Theo đề nghị của Sở Khoa học và Công nghệ",
    "Kiểm tra đột xuất trong dịp cao điểm lễ, Tết",
    "Theo phản ánh của cơ quan báo chí",
    "Theo kiến nghị của Công an xã về an ninh trật tự",
];

/// An engagement as the team leader opens it: kind, reason, scope, period covered.
pub struct Opening {
    pub kind: Kind,
    pub reason: String,
    pub scope: String,
    pub period_covered: String,
}

pub fn opening(rng: &mut Rng, sector: &str, today: NaiveDate) -> Opening {
    let kind = if rng.u32(..10) < 6 { Kind::KiemTra } else { Kind::ThanhTra };
    let subject = match sector {
        "printing" => "hoạt động in",
        "postal" => "bưu chính, chuyển phát",
        "game" => "cung cấp dịch vụ trò chơi điện tử công cộng",
        "press" => "hoạt động của văn phòng đại diện, phóng viên thường trú",
        "online_info" => "thiết lập và quản lý trang thông tin điện tử tổng hợp",
        _ => "hoạt động kinh doanh thuộc lĩnh vực quản lý",
    };
    let scope = match kind {
        Kind::KiemTra => format!("Kiểm tra việc chấp hành quy định pháp luật về {subject}"),
        Kind::ThanhTra => format!("Thanh tra việc chấp hành chính sách, pháp luật về {subject}"),
    };
    let from = today.year() - rng.i32(1..=3);
    Opening {
        kind,
        reason: (*pick(rng, REASONS)).to_string(),
        scope,
        period_covered: format!(
            "Từ ngày 01/01/{from} đến thời điểm {}",
            if kind == Kind::KiemTra { "kiểm tra" } else { "thanh tra" }
        ),
    }
}

/// What an inspector writes when `item` of `sector`'s checklist is not met.
fn shortfall(rng: &mut Rng, sector: &str, item: &str, text: &str) -> String {
    let notes: &[&str] = match (sector, item) {
        ("printing", "licence") => &[
            "Giấy phép hoạt động in hết hiệu lực, cơ sở chưa làm thủ tục cấp lại.",
            "Không xuất trình được giấy xác nhận đăng ký hoạt động cơ sở in.",
        ],
        ("printing", "register") => &[
            "Sổ đăng ký nhận in không ghi số lượng, tên khách hàng của 12 hợp đồng trong năm.",
            "Không lập sổ đăng ký nhận in theo mẫu quy định.",
        ],
        ("printing", "contracts") => {
            &["In 3.000 tờ rơi quảng cáo không có hợp đồng in.", "Không lưu bản thảo có chữ ký duyệt của khách hàng."]
        }
        ("printing", "quantity") => &["In vượt 500 bản so với số lượng ghi trong hợp đồng."],
        ("printing", "equipment") => &["Máy in offset mới lắp đặt chưa được đăng ký, khai báo."],
        ("printing", "changes") => &["Thay đổi địa điểm hoạt động nhưng không thông báo cho cơ quan quản lý."],
        ("postal", "licence") => {
            &["Cung ứng dịch vụ chuyển phát khi văn bản xác nhận thông báo hoạt động bưu chính đã hết hạn."]
        }
        ("postal", "prohibited") => &["Nhận gửi bưu kiện không kiểm tra nội dung, có hàng hóa không rõ nguồn gốc."],
        ("postal", "prices") => &["Không niêm yết giá cước và quy định bồi thường tại điểm giao dịch."],
        ("postal", "records") => &["Không lưu giữ chứng từ chấp nhận bưu gửi của tháng trước."],
        ("game", "certificate") => &[
            "Giấy chứng nhận đủ điều kiện đã hết hạn từ tháng trước.",
            "Không niêm yết giấy chứng nhận đủ điều kiện tại điểm kinh doanh.",
        ],
        ("game", "signboard") => &["Biển hiệu thiếu số điện thoại và số đăng ký kinh doanh."],
        ("game", "fire_safety") => &["Bình chữa cháy hết hạn kiểm định; không có nội quy phòng cháy."],
        ("game", "hours") => &["Hoạt động sau 22 giờ, có 6 người chơi tại thời điểm kiểm tra."],
        ("game", "games") => &["Cài đặt 2 trò chơi chưa được phê duyệt nội dung, kịch bản."],
        ("press", "reporters") => &["Một phóng viên thường trú có thẻ nhà báo đã hết hạn."],
        ("press", "scope") => &["Văn phòng đại diện tổ chức sản xuất tin bài như cơ quan báo chí."],
        ("online_info", "licence") => &["Trang thông tin điện tử tổng hợp hoạt động khi giấy phép đã hết hạn."],
        ("online_info", "owner_info") => &["Trang không ghi tên người chịu trách nhiệm quản lý nội dung."],
        ("online_info", "sources") => &["Đăng lại 15 tin bài không trích dẫn nguồn, có tin tự sản xuất."],
        ("online_info", "domain") => &["Sử dụng thêm tên miền chưa đăng ký trong giấy phép."],
        _ => &[],
    };
    if notes.is_empty() {
        let mut t = text.to_string();
        if let Some(first) = t.chars().next() {
            t.replace_range(..first.len_utf8(), &first.to_lowercase().to_string());
        }
        format!("Chưa đáp ứng: {t}.")
    } else {
        (*pick(rng, notes)).to_string()
    }
}

/// The result of one checklist item and its note; `Pending` while not yet recorded.
pub fn finding(rng: &mut Rng, sector: &str, item: &str, text: &str) -> (FindingResult, String) {
    match rng.u32(..100) {
        0..70 => {
            let note = if rng.u32(..8) == 0 { "Đã xuất trình bản chính.".to_string() } else { String::new() };
            (FindingResult::Compliant, note)
        }
        70..84 => (FindingResult::NonCompliant, shortfall(rng, sector, item, text)),
        84..90 => (FindingResult::NotApplicable, "Cơ sở không thực hiện nội dung này.".to_string()),
        _ => (FindingResult::Pending, String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_non_compliance_is_always_described() {
        let mut rng = Rng::with_seed(5);
        for _ in 0..2000 {
            for (sector, item) in [("printing", "register"), ("game", "hours"), ("added", "anything")] {
                let (result, note) = finding(&mut rng, sector, item, "Có sổ theo dõi");
                let input = crate::inspections::steps::findings::FindingInput { result: result.code().into(), note };
                if result != FindingResult::Pending {
                    assert!(crate::inspections::steps::findings::check_finding(&input).is_ok());
                }
            }
        }
        assert_eq!(shortfall(&mut rng, "x", "y", "Có sổ theo dõi"), "Chưa đáp ứng: có sổ theo dõi.");
    }
}
