use reqwest::StatusCode;
use thanhtra::auth::Role;

use crate::helpers::{csrf_in, spawn_app, valid_mst};

async fn upload(app: &crate::helpers::TestApp, bytes: Vec<u8>) -> (StatusCode, String) {
    let (_, page) = app.get_html("/outlets/import").await;
    let csrf = csrf_in(&page);
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", csrf)
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name("co-so.csv").mime_str("text/csv").unwrap());
    let r = app.client.post(app.url("/outlets/import")).multipart(form).send().await.unwrap();
    let s = r.status();
    (s, r.text().await.unwrap())
}

fn pending_id(html: &str) -> Option<String> {
    let marker = "/outlets/import/";
    let start = html.find(marker)? + marker.len();
    Some(html[start..].split('/').next()?.to_string())
}

#[actix_web::test]
async fn a_file_with_a_bad_row_is_previewed_and_nothing_is_written() {
    let app = spawn_app().await;
    app.login_as(Role::Inspector).await;
    let (t1, t2) = (valid_mst(100), valid_mst(200));
    let csv = format!(
        "\u{feff}Tên cơ sở,Lĩnh vực,Mã số thuế,Địa chỉ,Xã/phường,Tỉnh,Email nhận thông báo,attr.machines\n\
         Điểm game Minh Anh,Trò chơi điện tử,{t1},Thôn 3,Xã Kỳ Anh,Hà Tĩnh,minhanh@gmail.com,12\n\
         Nhà in Thành Công,in,0100233480,5 Lê Lợi,Phường Thành Sen,Hà Tĩnh,,\n\
         Bưu cục Hưng Phú,postal,{t2},,,Hà Tĩnh,,\n\
         Bản sao Minh Anh,game,{t1},,,Hà Tĩnh,,\n"
    );
    let (s, html) = upload(&app, csv.into_bytes()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("2 dòng hợp lệ"), "{html}");
    assert!(html.contains("2 dòng có lỗi"));
    assert!(html.contains("chữ số kiểm tra"), "row 3 has a mistyped tax code");
    assert!(html.contains("trùng với dòng 2"), "row 5 repeats row 2's tax code");
    assert!(pending_id(&html).is_none(), "no confirm button while any row is bad");
    assert_eq!(app.with_conn(|c| thanhtra::outlets::queries::count(c).unwrap()), 0);
}

#[actix_web::test]
async fn a_clean_file_is_written_whole_after_confirmation() {
    let app = spawn_app().await;
    app.login_as(Role::Inspector).await;
    let existing = valid_mst(700);
    let id = app.create_user("api", Role::Inspector, &app.default_agency());
    let token = app.token_for(&id);
    app.api_create_outlet(&token, crate::helpers::ghtk(&existing)).await;

    // Semicolons, as Excel writes them in some locales; no BOM.
    let good = format!(
        "name;sector;tax_code;province;kind;status;attr.equipment\nNhà in Thành Công;printing;{};Hà Tĩnh;enterprise;active;Máy in | Máy cắt\nĐại lý bưu điện Thạch Hà;Bưu chính, chuyển phát;;Hà Tĩnh;Hộ kinh doanh;Đang hoạt động;\n",
        valid_mst(800)
    );
    let (s, html) = upload(&app, good.clone().into_bytes()).await;
    assert_eq!(s, StatusCode::OK, "{html}");
    let pid = pending_id(&html).expect("a confirm button");
    assert_eq!(
        app.with_conn(|c| thanhtra::outlets::queries::count(c).unwrap()),
        1,
        "nothing written before confirming"
    );
    let r = app.post_form(&format!("/outlets/import/{pid}/confirm"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.with_conn(|c| thanhtra::outlets::queries::count(c).unwrap()), 3);
    let (_, list) = app.get_html("/outlets?q=thanh+cong").await;
    assert!(list.contains("Nhà in Thành Công"));
    // Confirming twice writes nothing more.
    let r = app.post_form(&format!("/outlets/import/{pid}/confirm"), &[]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.with_conn(|c| thanhtra::outlets::queries::count(c).unwrap()), 3);

    // The same file again: every tax code is now a duplicate of the registry.
    let (s, html) = upload(&app, good.into_bytes()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("đã có trong danh sách"));
    // A file repeating a registered code.
    let (s, html) =
        upload(&app, format!("name,sector,tax_code,province\nX,game,{existing},Hà Tĩnh\n").into_bytes()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Giao Hàng Tiết Kiệm"), "the duplicate names the registered outlet");
}

#[actix_web::test]
async fn files_that_are_not_csv_are_refused_clearly() {
    let app = spawn_app().await;
    app.login_as(Role::Inspector).await;
    let (s, html) = upload(&app, vec![0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("không phải CSV"));
    let (s, html) = upload(&app, b"colour,size\nred,1\n".to_vec()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("Cột không được hỗ trợ: colour"));
    assert!(html.contains("Thiếu cột bắt buộc: name"));
    let (s, _) = upload(&app, vec![b'a'; 6 * 1024 * 1024]).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
}
