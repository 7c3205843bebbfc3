//! "My work" on the start page: each person sees what waits for them, with its deadline's colour.

use reqwest::StatusCode;

use crate::builders::{EngagementBuilder, EngagementState, OutletBuilder, UserBuilder, agency_with_signer};
use crate::helpers::{PASSWORD, spawn_app};

#[actix_web::test]
async fn the_start_page_lists_what_waits_for_each_person() {
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    let (leader, token) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let inspector = UserBuilder::inspector("thanhtravien").build(&app);
    let o1 = OutletBuilder::printing(51).build(&app, &token).await;
    let o2 = OutletBuilder::postal(52).build(&app, &token).await;
    // A check waiting for the leader's signature, and one on site with the inspector on the team.
    let planned = EngagementBuilder::check(&o1, &leader, &signer).build(&app, &token).await;
    let on_site = EngagementBuilder::check(&o2, &leader, &signer)
        .members(&inspector)
        .state(EngagementState::OnSite)
        .build(&app, &token)
        .await;

    assert_eq!(app.login("lanhdao", PASSWORD).await.status(), StatusCode::SEE_OTHER);
    let (_, home) = app.get_html("/").await;
    assert!(home.contains("Việc của tôi"), "{home}");
    assert!(home.contains(&format!("href=\"/inspections/{planned}\"><strong>Ký quyết định</strong>")), "{home}");

    app.post_form("/logout", &[]).await;
    assert_eq!(app.login("thanhtravien", PASSWORD).await.status(), StatusCode::SEE_OTHER);
    let (_, home) = app.get_html("/").await;
    let line = format!("href=\"/inspections/{on_site}\"><strong>Làm việc tại cơ sở, ghi nhận kết quả</strong>");
    assert!(home.contains(&line), "{home}");
    // The check's period runs: its due date is shown with the deadline's colour.
    assert!(home.contains("class=\"badge dl-"), "{home}");
    assert!(!home.contains("Ký quyết định"), "an inspector signs nothing");

    app.post_form("/logout", &[]).await;
    app.login_as(thanhtra::auth::Role::Viewer).await;
    let (_, home) = app.get_html("/").await;
    assert!(home.contains("Không có việc nào đang chờ bạn."), "a viewer has no work");
}
