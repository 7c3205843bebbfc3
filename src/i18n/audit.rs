//! The audit trail and history lists.

#[rustfmt::skip]
pub(super) const ENTRIES: &[(&str, &str, &str)] = &[
    ("audit.title", "Nhật ký hệ thống", "Audit trail"),
    ("audit.at", "Thời điểm", "When"),
    ("audit.actor", "Người thực hiện", "Who"),
    ("audit.action", "Hành động", "Action"),
    ("audit.record", "Đối tượng", "Record"),
    ("audit.record_type", "Loại đối tượng", "Record type"),
    ("audit.changes", "Thay đổi", "Changes"),
    ("audit.field", "Trường", "Field"),
    ("audit.before", "Trước", "Before"),
    ("audit.after", "Sau", "After"),
    ("audit.from", "Từ ngày", "From"),
    ("audit.to", "Đến ngày", "To"),
    ("audit.verify", "Kiểm tra tính toàn vẹn", "Verify integrity"),
    ("audit.verify_ok", "Chuỗi nhật ký toàn vẹn", "The audit chain is intact"),
    ("audit.verify_broken", "Chuỗi nhật ký bị phá vỡ", "The audit chain is broken"),
    ("audit.entries", "bản ghi", "entries"),
];
