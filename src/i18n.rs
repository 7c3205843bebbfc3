//! Vietnamese first, English available. Every text a page shows goes through `Tr::t` with a key from
//! the table below; a missing key shows itself (and a unit test checks that templates use known keys).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }
}

/// Translator handed to every template.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }
    pub fn t(&self, key: &str) -> &'static str {
        lookup(self.lang, key)
    }
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
}

pub fn lookup(lang: Lang, key: &str) -> &'static str {
    match TABLE.get(key) {
        Some((vi, en)) => match lang {
            Lang::Vi => vi,
            Lang::En => en,
        },
        None => {
            tracing::warn!(key, "missing translation key");
            "⟨?⟩"
        }
    }
}

pub fn has_key(key: &str) -> bool {
    TABLE.contains_key(key)
}

static TABLE: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> =
    LazyLock::new(|| ENTRIES.iter().map(|(k, vi, en)| (*k, (*vi, *en))).collect());

/// The message for a field error code; `{}` in the text is replaced by `arg`.
pub fn field_message(lang: Lang, code: &str, arg: Option<&str>) -> String {
    let key = format!("err.{code}");
    let text = if has_key(&key) { lookup(lang, &key) } else { lookup(lang, "err.invalid") };
    match arg {
        Some(a) => text.replace("{}", a),
        None => text.to_string(),
    }
}

/// (Vietnamese, English) texts for an error page.
pub fn error_texts(e: &AppError) -> (String, String) {
    let key = match e {
        AppError::NotFound => "errpage.not_found",
        AppError::Unauthorized => "errpage.unauthorized",
        AppError::Forbidden => "errpage.forbidden",
        AppError::Csrf => "errpage.csrf",
        AppError::Validation(_) => "errpage.validation",
        AppError::BadRequest(_) => "errpage.bad_request",
        AppError::Conflict(_) => "errpage.conflict",
        AppError::PayloadTooLarge => "errpage.too_large",
        AppError::TooManyRequests => "errpage.too_many",
        AppError::Unavailable(_) => "errpage.unavailable",
        AppError::Internal(_) => "errpage.internal",
    };
    let mut vi = lookup(Lang::Vi, key).to_string();
    let mut en = lookup(Lang::En, key).to_string();
    if let AppError::BadRequest(m) | AppError::Conflict(m) = e {
        vi = format!("{vi} {m}");
        en = format!("{en} {m}");
    }
    (vi, en)
}

#[rustfmt::skip]
const ENTRIES: &[(&str, &str, &str)] = &[
    ("app.name", "Thanh tra chuyên ngành", "Sector inspection"),
    ("app.tagline", "Quản lý thanh tra, kiểm tra, khiếu nại, cấp phép", "Inspections, complaints and permits"),
    ("nav.home", "Trang chủ", "Home"),
    ("nav.plans", "Kế hoạch & thanh tra/kiểm tra", "Plans & inspections"),
    ("nav.complaints", "Khiếu nại - tố cáo", "Complaints"),
    ("nav.permits", "Cấp phép", "Permits"),
    ("nav.documents", "Văn bản", "Documents"),
    ("nav.reports", "Báo cáo", "Reports"),
    ("nav.outlets", "Cơ sở quản lý", "Outlets"),
    ("nav.admin", "Quản trị", "Administration"),
    ("nav.account", "Tài khoản", "Account"),
    ("nav.logout", "Đăng xuất", "Sign out"),
    ("nav.login", "Đăng nhập", "Sign in"),
    ("nav.soon", "Sắp có", "Coming soon"),
    ("nav.menu", "Danh mục", "Menu"),
    ("lang.switch", "English", "Tiếng Việt"),
    ("common.save", "Lưu", "Save"),
    ("common.cancel", "Hủy", "Cancel"),
    ("common.delete", "Xóa", "Delete"),
    ("common.edit", "Sửa", "Edit"),
    ("common.create", "Thêm mới", "Add"),
    ("common.search", "Tìm kiếm", "Search"),
    ("common.filter", "Lọc", "Filter"),
    ("common.clear", "Bỏ lọc", "Clear"),
    ("common.all", "Tất cả", "All"),
    ("common.back", "Quay lại", "Back"),
    ("common.yes", "Có", "Yes"),
    ("common.no", "Không", "No"),
    ("common.none", "—", "—"),
    ("common.actions", "Thao tác", "Actions"),
    ("common.details", "Chi tiết", "Details"),
    ("common.history", "Lịch sử", "History"),
    ("common.page", "Trang", "Page"),
    ("common.prev", "Trước", "Previous"),
    ("common.next", "Sau", "Next"),
    ("common.of", "trên", "of"),
    ("common.results", "kết quả", "results"),
    ("common.no_results", "Không có kết quả phù hợp.", "No matching results."),
    ("common.export_csv", "Xuất CSV", "Export CSV"),
    ("common.import_csv", "Nhập từ CSV", "Import CSV"),
    ("common.confirm", "Xác nhận", "Confirm"),
    ("common.status", "Trạng thái", "Status"),
    ("common.notes", "Ghi chú", "Notes"),
    ("common.created", "Tạo lúc", "Created"),
    ("common.updated", "Cập nhật", "Updated"),
    ("common.valid_from", "Hiệu lực từ", "Valid from"),
    ("common.valid_to", "Hiệu lực đến", "Valid to"),
    ("common.required_hint", "Trường có dấu * là bắt buộc.", "Fields marked * are required."),
    ("common.form_has_errors", "Biểu mẫu có lỗi, vui lòng sửa các trường được đánh dấu.", "The form has errors; please correct the marked fields."),
    ("common.per_page", "Mỗi trang", "Per page"),
    ("common.sort", "Sắp xếp", "Sort"),
    ("common.code", "Mã", "Code"),
    ("common.name", "Tên", "Name"),
    ("common.add_row", "Thêm dòng", "Add row"),
    ("flash.saved", "Đã lưu.", "Saved."),
    ("flash.created", "Đã thêm mới.", "Created."),
    ("flash.deleted", "Đã xóa.", "Deleted."),
    ("flash.imported", "Đã nhập dữ liệu.", "Import done."),
    ("flash.password_changed", "Đã đổi mật khẩu.", "Password changed."),
    ("flash.logged_out", "Bạn đã đăng xuất.", "You have signed out."),
    ("flash.token_created", "Đã tạo mã truy cập API. Hãy lưu lại ngay: mã chỉ hiện một lần.", "API token created. Copy it now: it is shown only once."),
    ("flash.token_revoked", "Đã thu hồi mã truy cập.", "Token revoked."),
    ("flash.user_disabled", "Đã khóa tài khoản và chấm dứt các phiên đăng nhập.", "User disabled; their sessions and tokens have ended."),
    ("flash.user_enabled", "Đã mở khóa tài khoản.", "User enabled."),
    ("login.title", "Đăng nhập", "Sign in"),
    ("login.username", "Tên đăng nhập", "Username"),
    ("login.password", "Mật khẩu", "Password"),
    ("login.submit", "Đăng nhập", "Sign in"),
    ("login.failed", "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong username or password."),
    ("login.locked", "Đăng nhập tạm thời bị khóa do nhập sai nhiều lần. Vui lòng thử lại sau {} phút.", "Sign-in is temporarily locked after repeated failures. Try again in {} minutes."),
    ("home.title", "Tổng quan", "Overview"),
    ("home.welcome", "Xin chào", "Welcome"),
    ("home.outlets_count", "Cơ sở đang quản lý", "Outlets in the registry"),
    ("home.modules_soon", "Các phân hệ thanh tra, khiếu nại và cấp phép đang được xây dựng.", "The inspection, complaint and permit modules are under construction."),
    ("account.title", "Tài khoản của tôi", "My account"),
    ("account.change_password", "Đổi mật khẩu", "Change password"),
    ("account.current_password", "Mật khẩu hiện tại", "Current password"),
    ("account.new_password", "Mật khẩu mới", "New password"),
    ("account.confirm_password", "Nhập lại mật khẩu mới", "Confirm new password"),
    ("account.language", "Ngôn ngữ", "Language"),
    ("account.tokens", "Mã truy cập API", "API tokens"),
    ("account.token_name", "Tên mã", "Token name"),
    ("account.create_token", "Tạo mã mới", "Create token"),
    ("account.revoke", "Thu hồi", "Revoke"),
    ("account.last_used", "Dùng lần cuối", "Last used"),
    ("account.new_token", "Mã mới (chỉ hiện một lần)", "New token (shown once)"),
    ("role.admin", "Quản trị hệ thống", "Administrator"),
    ("role.leader", "Lãnh đạo", "Leader"),
    ("role.inspector", "Thanh tra viên", "Inspector"),
    ("role.permit_officer", "Cán bộ cấp phép", "Permit officer"),
    ("role.reception_officer", "Cán bộ tiếp công dân", "Reception officer"),
    ("role.viewer", "Chỉ xem", "Viewer"),
    ("outlets.title", "Cơ sở chịu sự quản lý", "Supervised outlets"),
    ("outlets.new", "Thêm cơ sở", "New outlet"),
    ("outlets.edit", "Sửa thông tin cơ sở", "Edit outlet"),
    ("outlets.search_placeholder", "Tên, mã số thuế, địa chỉ (gõ có dấu hoặc không dấu)", "Name, tax code, address (with or without diacritics)"),
    ("outlets.name", "Tên cơ sở", "Name"),
    ("outlets.sector", "Lĩnh vực", "Sector"),
    ("outlets.kind", "Loại hình", "Kind"),
    ("outlets.tax_code", "Mã số thuế", "Tax code"),
    ("outlets.tax_code_hint", "10 chữ số, hoặc 10 chữ số - 3 chữ số với chi nhánh", "10 digits, or 10 digits-3 digits for a branch"),
    ("outlets.business_reg_no", "Số đăng ký kinh doanh", "Business registration no."),
    ("outlets.address", "Địa chỉ (số nhà, đường, thôn/tổ)", "Address (street)"),
    ("outlets.address_short", "Địa chỉ", "Address"),
    ("outlets.commune", "Xã/phường/đặc khu", "Commune/ward"),
    ("outlets.province", "Tỉnh/thành phố", "Province"),
    ("outlets.legal_representative", "Người đại diện theo pháp luật", "Legal representative"),
    ("outlets.phone", "Điện thoại", "Phone"),
    ("outlets.notice_emails", "Email nhận thông báo", "Notice emails"),
    ("outlets.notice_emails_hint", "Một hoặc nhiều địa chỉ, cách nhau bởi dấu phẩy hoặc xuống dòng", "One or more addresses, separated by commas or new lines"),
    ("outlets.attributes", "Thông tin theo lĩnh vực", "Sector details"),
    ("outlets.attributes_hint", "Chỉ lưu các trường của lĩnh vực đã chọn.", "Only the fields of the chosen sector are saved."),
    ("outlets.delete_confirm", "Xóa cơ sở này khỏi danh sách? Lịch sử vẫn được lưu.", "Remove this outlet from the registry? Its history is kept."),
    ("outlets.import_title", "Nhập danh sách cơ sở từ CSV", "Import outlets from CSV"),
    ("outlets.import_help", "Tệp CSV mã UTF-8 (Excel: \"CSV UTF-8\"). Dòng đầu là tên cột. Không có dữ liệu nào được ghi cho tới khi bạn xác nhận; chỉ ghi khi mọi dòng đều hợp lệ.", "A UTF-8 CSV file (Excel: \"CSV UTF-8\"). The first line names the columns. Nothing is written until you confirm, and only if every row is valid."),
    ("outlets.import_file", "Tệp CSV", "CSV file"),
    ("outlets.import_preview", "Xem trước", "Preview"),
    ("outlets.import_rows_ok", "dòng hợp lệ", "valid rows"),
    ("outlets.import_rows_bad", "dòng có lỗi", "rows with errors"),
    ("outlets.import_fix", "Hãy sửa tệp và tải lên lại. Chưa có dữ liệu nào được ghi.", "Fix the file and upload it again. Nothing has been written."),
    ("outlets.import_confirm", "Ghi toàn bộ vào danh sách", "Write all rows to the registry"),
    ("outlets.import_columns", "Các cột nhận biết", "Recognised columns"),
    ("outlets.row", "Dòng", "Row"),
    ("outlets.errors", "Lỗi", "Errors"),
    ("outlets.count", "cơ sở", "outlets"),
    ("outlets.history", "Lịch sử thay đổi", "Change history"),
    ("outlets.later", "Các cuộc thanh tra, giấy phép và đơn thư liên quan sẽ hiển thị ở đây.", "Related inspections, permits and complaints will appear here."),
    ("outlets.reporters_hint", "Mỗi dòng: Họ tên; số thẻ nhà báo", "One per line: full name; press card number"),
    ("outlets.list_hint", "Mỗi dòng một mục", "One item per line"),
    ("outlets.conflict", "Cơ sở này vừa được người khác sửa. Hãy mở lại trang và nhập lại thay đổi.", "Someone else changed this outlet meanwhile. Reload the page and make your change again."),
    ("kind.enterprise", "Doanh nghiệp", "Enterprise"),
    ("kind.household", "Hộ kinh doanh", "Household business"),
    ("kind.branch", "Chi nhánh", "Branch"),
    ("kind.press_office", "Văn phòng cơ quan báo chí", "Press-agency office"),
    ("kind.individual", "Cá nhân", "Individual"),
    ("status.active", "Đang hoạt động", "Active"),
    ("status.suspended", "Tạm ngừng", "Suspended"),
    ("status.closed", "Đã đóng cửa", "Closed"),
    ("status.draft", "Dự thảo", "Draft"),
    ("status.issued", "Đã ban hành", "Issued"),
    ("sort.name", "Tên", "Name"),
    ("sort.updated", "Mới cập nhật", "Recently updated"),
    ("sort.tax_code", "Mã số thuế", "Tax code"),
    ("sort.province", "Tỉnh", "Province"),
    ("sectors.title", "Lĩnh vực quản lý", "Sectors"),
    ("sectors.new", "Thêm lĩnh vực", "New sector"),
    ("sectors.name_vi", "Tên (tiếng Việt)", "Name (Vietnamese)"),
    ("sectors.name_en", "Tên (tiếng Anh)", "Name (English)"),
    ("sectors.attributes", "Trường riêng (mỗi dòng: mã|nhãn|kiểu text/integer/list)", "Own fields (one per line: key|label|type text/integer/list)"),
    ("sectors.builtin", "Có sẵn", "Built in"),
    ("admin.title", "Quản trị", "Administration"),
    ("admin.users", "Người dùng", "Users"),
    ("admin.agencies", "Cơ quan", "Agencies"),
    ("admin.audit", "Nhật ký", "Audit trail"),
    ("admin.sectors", "Lĩnh vực", "Sectors"),
    ("admin.permissions", "Bảng phân quyền", "Permissions"),
    ("users.new", "Thêm người dùng", "New user"),
    ("users.username", "Tên đăng nhập", "Username"),
    ("users.full_name", "Họ và tên", "Full name"),
    ("users.email", "Email", "Email"),
    ("users.role", "Vai trò", "Role"),
    ("users.agency", "Cơ quan", "Agency"),
    ("users.password", "Mật khẩu", "Password"),
    ("users.disabled", "Đã khóa", "Disabled"),
    ("users.active", "Đang hoạt động", "Active"),
    ("users.disable", "Khóa tài khoản", "Disable"),
    ("users.enable", "Mở khóa", "Enable"),
    ("users.reset_password", "Đặt lại mật khẩu", "Reset password"),
    ("agencies.title", "Cơ quan ban hành", "Issuing agencies"),
    ("agencies.new", "Thêm cơ quan", "New agency"),
    ("agencies.code", "Mã cơ quan (nội bộ)", "Agency code (internal)"),
    ("agencies.governing_body", "Cơ quan chủ quản", "Governing body"),
    ("agencies.name", "Tên cơ quan ban hành", "Issuing agency"),
    ("agencies.abbreviation", "Chữ viết tắt trong ký hiệu văn bản", "Abbreviation in document symbols"),
    ("agencies.place_name", "Địa danh ghi trên văn bản", "Place name on documents"),
    ("agencies.province", "Tỉnh", "Province"),
    ("agencies.successor", "Cơ quan kế nhiệm", "Successor"),
    ("agencies.units", "Đơn vị (mã dùng trong ký hiệu)", "Units (codes used in symbols)"),
    ("agencies.units_hint", "Mỗi dòng: mã|tên đơn vị", "One per line: code|unit name"),
    ("agencies.signers", "Người ký", "Signers"),
    ("agencies.signers_hint", "Mỗi dòng: quyền hạn ký (KT./TM./Q./TL./TUQ. hoặc để trống)|chức danh thủ trưởng|chức vụ người ký|họ tên", "One per line: signing prefix (KT./TM./Q./TL./TUQ. or empty)|head's title|signer's title|full name"),
    ("agencies.sectors", "Lĩnh vực phụ trách", "Sectors handled"),
    ("agencies.in_force", "Cơ quan có hiệu lực vào ngày", "Agency in force on"),
    ("agencies.current", "Đang có hiệu lực", "In force"),
    ("agencies.ended", "Hết hiệu lực", "Ended"),
    ("agencies.header_preview", "Mẫu tiêu đề văn bản", "Document header preview"),
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
    ("perm.title", "Bảng phân quyền theo vai trò", "Permissions by role"),
    ("errpage.not_found", "Không tìm thấy trang hoặc bản ghi.", "Page or record not found."),
    ("errpage.unauthorized", "Bạn cần đăng nhập.", "You need to sign in."),
    ("errpage.forbidden", "Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this."),
    ("errpage.csrf", "Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang và gửi lại.", "The form has expired or is invalid. Reload the page and submit again."),
    ("errpage.validation", "Dữ liệu không hợp lệ.", "Invalid input."),
    ("errpage.bad_request", "Yêu cầu không hợp lệ.", "Bad request."),
    ("errpage.conflict", "Xung đột dữ liệu.", "Conflict."),
    ("errpage.too_large", "Dữ liệu gửi lên quá lớn.", "The upload is too large."),
    ("errpage.too_many", "Quá nhiều lần thử. Vui lòng thử lại sau.", "Too many attempts. Try again later."),
    ("errpage.unavailable", "Hệ thống tạm thời không phục vụ được. Vui lòng thử lại sau.", "The service is temporarily unavailable. Try again later."),
    ("errpage.internal", "Đã xảy ra lỗi hệ thống. Sự cố đã được ghi lại.", "Something went wrong. The fault has been logged."),
    ("err.invalid", "Giá trị không hợp lệ.", "Invalid value."),
    ("err.required", "Bắt buộc nhập.", "Required."),
    ("err.too_long", "Dài quá {} ký tự.", "Longer than {} characters."),
    ("err.too_short", "Cần ít nhất {} ký tự.", "Needs at least {} characters."),
    ("err.tax_code_format", "Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (chi nhánh).", "A tax code is 10 digits, or 10 digits, a hyphen and 3 digits (branch)."),
    ("err.tax_code_checksum", "Mã số thuế sai chữ số kiểm tra: có thể gõ nhầm một chữ số.", "The tax code's check digit is wrong: a digit may be mistyped."),
    ("err.tax_code_branch", "Mã chi nhánh phải từ 001 đến 999.", "The branch suffix must be 001 to 999."),
    ("err.tax_code_duplicate", "Mã số thuế đã có trong danh sách: {}.", "This tax code is already in the registry: {}."),
    ("err.tax_code_duplicate_file", "Mã số thuế trùng với dòng {} trong tệp.", "Same tax code as row {} of the file."),
    ("err.email_invalid", "Địa chỉ email không hợp lệ: {}.", "Not a valid email address: {}."),
    ("err.email_too_many", "Tối đa {} địa chỉ email.", "At most {} email addresses."),
    ("err.phone_invalid", "Số điện thoại không hợp lệ.", "Not a valid phone number."),
    ("err.invalid_choice", "Giá trị không nằm trong danh sách cho phép.", "Not one of the allowed values."),
    ("err.unknown_sector", "Lĩnh vực không tồn tại: {}.", "Unknown sector: {}."),
    ("err.not_integer", "Phải là số nguyên.", "Must be a whole number."),
    ("err.out_of_range", "Giá trị ngoài khoảng cho phép ({}).", "Out of the allowed range ({})."),
    ("err.unknown_field", "Trường không được hỗ trợ: {}.", "Unsupported field: {}."),
    ("err.unknown_column", "Cột không được hỗ trợ: {}.", "Unsupported column: {}."),
    ("err.reporter_format", "Mỗi dòng: Họ tên; số thẻ nhà báo.", "Each line: full name; press card number."),
    ("err.password_too_short", "Mật khẩu cần ít nhất {} ký tự.", "The password needs at least {} characters."),
    ("err.password_mismatch", "Hai lần nhập mật khẩu không khớp.", "The two passwords differ."),
    ("err.wrong_password", "Mật khẩu hiện tại không đúng.", "The current password is wrong."),
    ("err.username_format", "Tên đăng nhập gồm 3–32 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.", "A username is 3–32 characters: lower-case letters, digits, dot, hyphen, underscore."),
    ("err.username_taken", "Tên đăng nhập đã được dùng.", "This username is taken."),
    ("err.code_format", "Mã gồm chữ thường không dấu, số và dấu gạch dưới.", "A code is lower-case letters, digits and underscores."),
    ("err.code_taken", "Mã này đã được dùng.", "This code is taken."),
    ("err.date_invalid", "Ngày không hợp lệ (định dạng YYYY-MM-DD).", "Not a valid date (YYYY-MM-DD)."),
    ("err.date_order", "Ngày kết thúc phải sau ngày bắt đầu.", "The end date must follow the start date."),
    ("err.line_format", "Dòng {} không đúng định dạng.", "Line {} has the wrong format."),
    ("err.file_empty", "Tệp rỗng hoặc không có dòng dữ liệu.", "The file is empty or has no data rows."),
    ("err.file_not_csv", "Tệp không phải CSV văn bản UTF-8.", "The file is not a UTF-8 CSV text."),
    ("err.file_too_many_rows", "Tệp có quá {} dòng.", "The file has more than {} rows."),
    ("err.column_missing", "Thiếu cột bắt buộc: {}.", "A required column is missing: {}."),
    ("err.successor_self", "Cơ quan không thể kế nhiệm chính nó.", "An agency cannot succeed itself."),
    ("err.not_found", "Không tìm thấy: {}.", "Not found: {}."),
    ("nav.calendar", "Lịch & thời hạn", "Calendar & deadlines"),
    ("calendar.title", "Lịch làm việc", "Working calendar"),
    ("calendar.month", "Tháng", "Month"),
    ("calendar.working_days", "ngày làm việc trong năm", "working days in the year"),
    ("calendar.rules", "Quy tắc ngày nghỉ và thời hạn", "Holiday and deadline rules"),
    ("calendar.holiday_rules", "Ngày nghỉ lễ, tết theo luật", "Statutory holidays"),
    ("calendar.deadline_rules", "Thời hạn theo quy định", "Deadline rules"),
    ("calendar.days_off", "Ngày nghỉ năm", "Days off in"),
    ("calendar.day", "Ngày", "Day"),
    ("calendar.kind", "Loại", "Kind"),
    ("calendar.kind_day_off", "Ngày nghỉ thêm / hoán đổi", "Extra or swapped day off"),
    ("calendar.kind_working_day", "Ngày làm bù", "Make-up working day"),
    ("calendar.legal_source", "Căn cứ pháp lý", "Legal source"),
    ("calendar.add_override", "Thêm ngày theo lịch nghỉ Chính phủ công bố", "Add a day from the Government's schedule"),
    ("calendar.add_override_hint", "Ngày nghỉ thêm, ngày nghỉ hoán đổi hoặc ngày làm bù. Hạn của các hồ sơ đang mở được tính lại ngay và ghi vào lịch sử từng hồ sơ.", "Extra days off, swapped days or make-up working days. Due dates of open cases are recomputed at once and the change is recorded on each."),
    ("calendar.key_work", "Làm việc", "Working day"),
    ("calendar.key_weekend", "Nghỉ hằng tuần", "Weekend"),
    ("calendar.key_holiday", "Lễ, tết", "Public holiday"),
    ("calendar.key_comp", "Nghỉ bù", "Compensatory day"),
    ("calendar.key_extra", "Nghỉ thêm/hoán đổi", "Extra day off"),
    ("calendar.key_makeup", "Làm bù", "Make-up working day"),
    ("calendar.when", "Ngày", "When"),
    ("calendar.lunar", "âm lịch", "lunar"),
    ("calendar.days", "Số ngày", "Days"),
    ("calendar.days_before", "ngày trước mùng 1", "days before the 1st"),
    ("calendar.compensate", "Trùng ngày nghỉ hằng tuần thì được nghỉ bù", "Compensate when it falls on a weekend"),
    ("calendar.verified", "Đã đối chiếu văn bản gốc", "Checked against the official text"),
    ("calendar.unverified", "chưa kiểm chứng", "unverified"),
    ("calendar.unverified_hint", "Chưa đối chiếu với văn bản gốc: kiểm tra trên Công báo trước khi dựa vào.", "Not yet checked against the official text."),
    ("unit.calendar", "ngày", "calendar days"),
    ("unit.working", "ngày làm việc", "working days"),
    ("unit.months", "tháng", "months"),
    ("deadline.calculator", "Tính thời hạn", "Deadline calculator"),
    ("deadline.compute", "Tính hạn", "Compute"),
    ("deadline.tracked", "Thời hạn đang theo dõi", "Tracked deadlines"),
    ("deadline.start", "Ngày xảy ra sự kiện", "Event date"),
    ("deadline.rule", "Quy định", "Rule"),
    ("deadline.duration", "Thời hạn", "Duration"),
    ("deadline.duration_hint", "Để trống để dùng thời hạn của quy định đã chọn", "Leave empty to use the chosen rule's duration"),
    ("deadline.unit", "Đơn vị", "Unit"),
    ("deadline.due", "Hạn cuối", "Due"),
    ("deadline.start_event", "Sự kiện bắt đầu", "Starting event"),
    ("deadline.extension_max", "Số lần gia hạn tối đa", "Maximum extensions"),
    ("deadline.extension_duration", "Thời gian mỗi lần gia hạn", "Length of each extension"),
    ("deadline.extensions", "Gia hạn", "Extensions"),
    ("deadline.pausable", "Được tạm dừng", "Can be paused"),
    ("deadline.label", "Tên việc", "What it is for"),
    ("deadline.label_hint", "Ví dụ: Thụ lý đơn khiếu nại của ông A", "E.g. accept Mr A's complaint"),
    ("deadline.track", "Theo dõi hạn này", "Track this deadline"),
    ("deadline.working", "Cách tính", "How it was computed"),
    ("deadline.adjustments", "Gia hạn và tạm dừng", "Extensions and pauses"),
    ("deadline.extension", "Gia hạn", "Extension"),
    ("deadline.extend", "Gia hạn", "Extend"),
    ("deadline.pause", "Tạm dừng", "Pause"),
    ("deadline.pause_from", "Tạm dừng từ ngày", "Paused from"),
    ("deadline.pause_end", "Ngày cuối cùng tạm dừng", "Last paused day"),
    ("deadline.resume", "Tiếp tục", "Resume"),
    ("deadline.reason", "Lý do", "Reason"),
    ("deadline.close", "Kết thúc theo dõi", "Close"),
    ("deadline.adjust_invalid", "Nhập đủ số ngày (1–365) hoặc ngày hợp lệ, và lý do.", "Enter a number of days (1–365) or a valid date, and a reason."),
    ("deadline.on_track", "Trong hạn", "On track"),
    ("deadline.due_soon", "Sắp đến hạn", "Due soon"),
    ("deadline.due_today", "Đến hạn hôm nay", "Due today"),
    ("deadline.overdue", "Quá hạn", "Overdue"),
    ("deadline.closed", "Đã kết thúc", "Closed"),
    ("deadline.cause", "Lý do tính lại", "Cause"),
    ("calendar.new_version", "Tạo phiên bản mới", "New version"),
    ("calendar.new_version_hint", "Khi văn bản mới thay đổi thời hạn: phiên bản hiện tại kết thúc trước ngày hiệu lực mới; các hồ sơ đã bắt đầu vẫn tính theo phiên bản cũ.", "When a new text changes the time limit: the current version ends the day before; cases already started keep the old version."),
    ("calendar.add_holiday_rule", "Thêm ngày nghỉ lễ theo luật", "Add a statutory holiday"),
    ("calendar.solar", "dương lịch", "solar"),
    ("err.unknown_rule", "Không có quy định thời hạn: {}.", "No deadline rule: {}."),
    ("err.unknown_unit", "Đơn vị phải là calendar, working hoặc months.", "The unit must be calendar, working or months."),
    ("err.extension_limit", "Đã gia hạn tối đa {} lần theo quy định.", "The rule allows at most {} extensions."),
    ("err.not_pausable", "Thời hạn này không được tạm dừng theo quy định.", "This deadline cannot be paused."),
    ("documents.title", "Văn bản", "Documents"),
    ("documents.new", "Soạn văn bản mới", "New document"),
    ("documents.edit", "Sửa dự thảo", "Edit draft"),
    ("documents.type", "Loại văn bản", "Document type"),
    ("documents.outlet", "Cơ sở liên quan", "Outlet concerned"),
    ("documents.title_line", "Tên loại (nếu khác mặc định)", "Type line (if not the default)"),
    ("documents.title_hint", "Ví dụ: KẾT LUẬN THANH TRA, GIẤY PHÉP HOẠT ĐỘNG IN", "E.g. KẾT LUẬN THANH TRA"),
    ("documents.summary", "Trích yếu", "Summary"),
    ("documents.addressees", "Kính gửi", "Addressed to"),
    ("documents.bases", "Căn cứ", "Legal bases"),
    ("documents.body", "Nội dung", "Body"),
    ("documents.body_hint", "Dòng bắt đầu bằng \"# \" là đề mục, \"- \" là gạch đầu dòng, \"| a | b |\" là dòng bảng; các dòng khác là đoạn văn.", "Lines starting \"# \" are headings, \"- \" bullets, \"| a | b |\" table rows; other lines are paragraphs."),
    ("documents.signer", "Người ký", "Signer"),
    ("documents.signer_hint", "Người ký đang có hiệu lực của cơ quan (Quản trị → Cơ quan).", "The agency's signers in force (Administration → Agencies)."),
    ("documents.unit_code", "Đơn vị soạn thảo (công văn)", "Drafting unit (official letters)"),
    ("documents.unit_code_hint", "Ví dụ: TTr trong 35/STTTT-TTr", "E.g. TTr in 35/STTTT-TTr"),
    ("documents.recipients", "Nơi nhận", "Recipients"),
    ("documents.draft", "Dự thảo", "Draft"),
    ("documents.issued", "Đã ban hành", "Issued"),
    ("documents.number", "Số, ký hiệu", "Number"),
    ("documents.preview", "Xem bản in (PDF)", "Preview (PDF)"),
    ("documents.download", "Tải bản gốc (PDF)", "Download the original (PDF)"),
    ("documents.issue", "Ban hành: cấp số và khóa bản gốc", "Issue: number and freeze"),
    ("documents.issue_confirm", "Cấp số và ban hành? Văn bản đã ban hành không thể sửa.", "Number and issue? An issued document cannot be edited."),
    ("documents.missing", "Cần bổ sung trước khi ban hành", "Needed before issuing"),
    ("documents.signed_copy", "Bản đã ký, đóng dấu (PDF)", "Signed and sealed copy (PDF)"),
    ("documents.attach_signed", "Đính kèm bản ký", "Attach the signed copy"),
    ("documents.correct", "Soạn văn bản đính chính", "Draft a correction"),
    ("documents.corrects", "Đính chính cho văn bản", "Corrects"),
    ("documents.verify_code", "Mã xác thực", "Verification code"),
    ("documents.sha256", "Mã băm SHA-256 của bản gốc", "SHA-256 of the original"),
    ("documents.issued_by", "Người ban hành", "Issued by"),
    ("verify.title", "Xác thực văn bản", "Verify a document"),
    ("verify.found", "Văn bản này do cơ quan nhà nước ban hành qua hệ thống và được lưu bản gốc.", "This document was issued through the system; its original is kept."),
    ("verify.not_found", "Không tìm thấy văn bản với mã xác thực này.", "No document has this verification code."),
    ("verify.upload", "Đối chiếu tệp PDF bạn có với bản gốc", "Compare your PDF file with the original"),
    ("verify.same", "Tệp trùng khớp từng byte với bản gốc.", "The file is byte-identical to the original."),
    ("verify.different", "Tệp KHÔNG trùng khớp với bản gốc.", "The file is NOT identical to the original."),
    ("verify.compare", "Đối chiếu", "Compare"),
    ("mail.send_to_business", "Gửi cho cơ sở", "Send to business"),
    ("mail.deliveries", "Tình trạng gửi thư", "Delivery status"),
    ("mail.to", "Người nhận", "Recipients"),
    ("mail.others", "Địa chỉ khác", "Other addresses"),
    ("mail.cover", "Lời nhắn kèm theo", "Cover message"),
    ("mail.preview", "Xem trước", "Preview"),
    ("mail.send", "Gửi", "Send"),
    ("mail.attempts", "Số lần gửi", "Attempts"),
    ("mail.server_reply", "Phản hồi của máy chủ thư", "Server reply"),
    ("mail.resend", "Gửi lại", "Resend"),
    ("mail.queued", "Đang chờ gửi", "Queued"),
    ("mail.sending", "Đang gửi", "Sending"),
    ("mail.accepted", "Máy chủ đã nhận", "Accepted by the server"),
    ("mail.temp_failed", "Lỗi tạm thời, sẽ gửi lại", "Temporary failure, will retry"),
    ("mail.perm_failed", "Gửi không thành công", "Failed"),
    ("mail.no_outlet_emails", "Cơ sở chưa có email nhận thông báo: nhập địa chỉ bên dưới.", "The outlet has no notice email: type addresses below."),
    ("mail.failures", "Thư gửi không thành công", "Undelivered mail"),
    ("inspections.catalogue", "Danh mục vi phạm và bộ tiêu chí kiểm tra", "Violation catalogue and checklists"),
    ("inspections.catalogue_hint", "Mức phạt ghi cho tổ chức; cá nhân bằng một nửa. Các mục chưa đối chiếu văn bản gốc được đánh dấu.", "Fines are for organisations; individuals pay half. Entries not checked against the official text are marked."),
    ("inspections.violations", "Hành vi vi phạm", "Violations"),
    ("inspections.violation", "Hành vi", "Violation"),
    ("inspections.fine_org", "Mức phạt (tổ chức)", "Fine (organisation)"),
    ("inspections.fine_ind", "Mức phạt (cá nhân)", "Fine (individual)"),
    ("err.not_pdf", "Tệp không phải PDF.", "The file is not a PDF."),
    ("err.json", "{}", "{}"),
    ("err.conflict", "Bản ghi vừa được người khác sửa. Hãy mở lại trang và nhập lại thay đổi.", "Someone else changed this record meanwhile. Reload the page and make your change again."),
    ("err.not_a_user", "Không phải người dùng đang hoạt động của cơ quan: {}.", "Not an active user of this agency: {}."),
    ("err.over_rule", "Vượt mức tối đa {} ngày theo quy định.", "Over the legal maximum of {} days."),
    ("err.plan_exists", "Năm này đã có kế hoạch; hãy điều chỉnh kế hoạch đã có.", "This year already has a plan; amend it instead."),
    ("err.plan_not_approved", "Kế hoạch chưa được phê duyệt.", "The plan is not approved."),
    ("err.date_future", "Ngày không được sau hôm nay.", "The date cannot be in the future."),
    ("err.before_decision", "Ngày công bố không được trước ngày ký quyết định.", "The announcement cannot precede the decision."),
    ("err.before_announcement", "Ngày kết thúc không được trước ngày công bố.", "The end cannot precede the announcement."),
    ("err.before_signing", "Ngày công khai không được trước ngày ký kết luận.", "Publication cannot precede signing."),
    ("err.describe_non_compliance", "Ghi rõ nội dung không đạt.", "Describe what is not compliant."),
    ("err.file_too_large", "Tệp lớn quá {} KB.", "The file is larger than {} KB."),
    ("err.not_an_image", "Tệp không phải ảnh JPEG, PNG hoặc WebP hợp lệ.", "The file is not a valid JPEG, PNG or WebP image."),
    ("err.finding_not_non_compliant", "Chỉ lập vi phạm từ nội dung \"Không đạt\".", "Only a non-compliant finding can raise a violation."),
    ("err.rule_not_in_force", "Hành vi này không còn (hoặc chưa) được quy định vào ngày phát hiện.", "This violation rule was not in force on that day."),
    ("err.fine_out_of_range", "Mức phạt phải trong khung {}.", "The fine must lie within {}."),
    ("err.fine_over_authority", "Vượt thẩm quyền xử phạt của người ký (tối đa {}).", "Over the signer's sanctioning authority (at most {})."),
    ("err.no_sanction_authority", "Chức danh này không có thẩm quyền xử phạt.", "This title has no sanctioning authority."),
    ("err.number_invalid", "Nhập một số tiền hợp lệ.", "Enter a valid amount."),
    ("err.evidence_type", "Tài liệu chứng minh phải là PDF hoặc ảnh.", "Evidence must be a PDF or a photo."),
    ("err.evidence_or_note", "Đính kèm tài liệu chứng minh hoặc ghi chú kết quả.", "Attach evidence or write a note."),
    ("err.too_early_removal", "Chưa đủ 15 ngày liên tục; sớm nhất ngày {}.", "Not yet 15 consecutive days; earliest {}."),
    ("err.last_admin", "Không thể khóa hoặc hạ quyền quản trị viên cuối cùng của cơ quan.", "Cannot disable or demote the agency's last administrator."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_key_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for (k, _, _) in ENTRIES {
            assert!(seen.insert(*k), "duplicate key {k}");
        }
    }

    #[test]
    fn every_key_a_template_uses_exists() {
        let re = regex::Regex::new(r#"t\.t\("([a-z0-9_.]+)"\)"#).unwrap();
        let mut missing = Vec::new();
        for entry in walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/templates"))) {
            let text = std::fs::read_to_string(&entry).unwrap();
            for cap in re.captures_iter(&text) {
                if !has_key(&cap[1]) {
                    missing.push(format!("{}: {}", entry.display(), &cap[1]));
                }
            }
        }
        assert!(missing.is_empty(), "missing translation keys: {missing:#?}");
    }

    fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }

    #[test]
    fn field_messages_fill_in_their_argument() {
        assert_eq!(field_message(Lang::En, "too_long", Some("200")), "Longer than 200 characters.");
        assert_eq!(field_message(Lang::Vi, "no_such_code", None), "Giá trị không hợp lệ.");
    }
}
