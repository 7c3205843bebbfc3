use reqwest::StatusCode;
use thanhtra::auth::Role;

use crate::helpers::spawn_app;

#[actix_web::test]
async fn the_catalogue_lists_violations_with_fines_and_sector_checklists() {
    let app = spawn_app().await;
    app.login_as(Role::Viewer).await;
    let (s, html) = app.get_html("/inspections/catalogue").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("Gửi, chấp nhận, vận chuyển hàng cấm qua đường bưu chính"));
    assert!(
        html.contains("10.000.000 – 20.000.000 đ") && html.contains("5.000.000 – 10.000.000 đ"),
        "organisations and individuals (half)"
    );
    assert!(html.contains("Giấy chứng nhận đủ điều kiện còn hiệu lực (03 năm)"), "game shops under NĐ 147/2024");
    assert!(html.contains("chưa kiểm chứng"));
    // The seeded rule feeds the fine check.
    let rule = app.with_conn(|c| {
        thanhtra::inspections::catalogue::violations(c)
            .unwrap()
            .into_iter()
            .find(|v| v.code == "postal.prohibited_goods")
            .unwrap()
            .rule()
    });
    use thanhtra::inspections::sanctions::{Offender, Title, check_fine, default_authority};
    let on = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    assert!(
        check_fine(
            &rule,
            Offender::Organisation,
            12_000_000,
            Title::DepartmentDirector,
            100_000_000,
            &default_authority(),
            on
        )
        .is_ok()
    );
    assert!(
        check_fine(
            &rule,
            Offender::Individual,
            12_000_000,
            Title::DepartmentDirector,
            100_000_000,
            &default_authority(),
            on
        )
        .is_err()
    );
}
