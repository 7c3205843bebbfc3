//! Issue 11, a fresh install with no hidden steps: the start page lists what an administrator still
//! has to set up, and an action that needs a missing item says what is missing and where it is set.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thanhtra::auth::Role;

use crate::builders::{OutletBuilder, UserBuilder, agency_with_signer, document_draft};
use crate::helpers::{PASSWORD, TestApp, spawn_app, spawn_app_with};

/// The checklist card of the start page, if shown.
async fn checklist(app: &TestApp) -> Option<String> {
    let (s, html) = app.get_html("/").await;
    assert_eq!(s, StatusCode::OK);
    let start = html.find("<section class=\"card checklist\"")?;
    let end = html[start..].find("</section>").map(|e| start + e).unwrap_or(html.len());
    Some(html[start..end].to_string())
}

/// The checklist's line for `label`.
fn line<'a>(card: &'a str, label: &str) -> &'a str {
    card.split("<li").find(|l| l.contains(label)).unwrap_or_else(|| panic!("no line for {label} in {card}"))
}

async fn switch_to(app: &TestApp, username: &str) {
    app.post_form("/logout", &[]).await;
    let r = app.login(username, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn a_fresh_install_shows_its_administrators_what_is_left_to_set_up_until_it_is_done() {
    let app = spawn_app_with(|s| s.base_url = None).await;
    let agency = app.default_agency();
    app.create_user("root", Role::InstallationAdmin, &agency);
    app.create_user("quantri", Role::Admin, &agency);
    app.create_user("xem", Role::Viewer, &agency);
    app.login("root", PASSWORD).await;

    let card = checklist(&app).await.expect("the checklist is shown on a fresh install");
    let signers = format!("href=\"/admin/agencies/{agency}/signers\"");
    for (label, done, link) in [
        ("Thông tin cơ quan", true, format!("/admin/agencies/{agency}/edit")),
        ("người ký còn hiệu lực", false, signers.clone()),
        ("Địa chỉ công khai", false, "href=\"/admin/settings\"".into()),
        ("có chức vụ", false, "href=\"/admin/users\"".into()),
        ("Lĩnh vực cơ quan phụ trách", true, String::new()),
        ("Kho bạc và tài khoản nhận tiền phạt", false, format!("href=\"/admin/agencies/{agency}/edit\"")),
    ] {
        let l = line(&card, label);
        assert_eq!(l.contains("class=\"missing\""), !done, "{label}: {l}");
        if !done {
            assert!(l.contains(&link), "{label} links to where it is set: {l}");
        }
    }

    // An agency administrator sees it too; the public address is the installation's to set.
    switch_to(&app, "quantri").await;
    let card = checklist(&app).await.expect("shown to an agency administrator");
    let l = line(&card, "Địa chỉ công khai");
    assert!(!l.contains("href=") && l.contains("quản trị hệ thống đặt"), "{l}");
    assert!(line(&card, "người ký còn hiệu lực").contains(&signers));

    // Anyone else never sees it.
    switch_to(&app, "xem").await;
    assert!(checklist(&app).await.is_none(), "a viewer sees no checklist");

    // Set each item where the card says.
    switch_to(&app, "root").await;
    let r = app
        .post_form(
            &format!("/admin/agencies/{agency}/signers"),
            &[("signers.0.title", "Chánh Thanh tra"), ("signers.0.full_name", "Lê Văn Bình")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app.post_form("/admin/settings", &[("public_address", "https://thanhtra.hatinh.gov.vn")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let card = checklist(&app).await.expect("one item is left");
    assert!(line(&card, "có chức vụ").contains("class=\"missing\""));
    assert!(line(&card, "người ký còn hiệu lực").contains("class=\"done\""));
    // A leader without a position does not count; with one, the set-up is complete.
    let leader = UserBuilder::new("truongdoan", Role::Leader).build(&app);
    app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::users;
        diesel::update(users::table.find(&leader)).set(users::official_title.eq("")).execute(c).unwrap();
    });
    assert!(checklist(&app).await.is_some());
    app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::users;
        diesel::update(users::table.find(&leader))
            .set(users::official_title.eq("Phó Chánh Thanh tra"))
            .execute(c)
            .unwrap();
    });
    // The treasury sanction decisions name is the last item.
    let card = checklist(&app).await.expect("the treasury is left");
    assert!(line(&card, "Kho bạc").contains("class=\"missing\""), "{card}");
    app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::agencies;
        diesel::update(agencies::table.find(&agency))
            .set((agencies::treasury_name.eq("Kho bạc Nhà nước khu vực XIII"), agencies::treasury_account.eq("7111")))
            .execute(c)
            .unwrap();
    });
    assert!(checklist(&app).await.is_none(), "the card goes away once all is done");
}

/// The refusal of an API call: (status, field, code, params).
async fn refusal(app: &TestApp, m: Method, path: &str, token: &str, body: Option<Value>) -> (StatusCode, Value) {
    let (s, v) = app.api(m, path, token, body).await;
    (s, v["errors"].as_array().and_then(|e| e.iter().find(|e| e["field"] == "signer_id")).cloned().unwrap_or(v))
}

#[actix_web::test]
async fn an_action_that_needs_a_signer_says_none_is_set_up_and_where_it_is_set() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let (leader, token) = UserBuilder::leader("truongdoan").build_with_token(&app);
    let outlet = OutletBuilder::printing(8101).build(&app, &token).await;
    let year = thanhtra::time::today_vn().format("%Y").to_string();
    let (_, plan) = app.api(Method::POST, "/api/v1/plans", &token, Some(json!({"year": year}))).await;
    let plan = plan["id"].as_str().unwrap().to_string();
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/plans/{plan}/items"),
            &token,
            Some(json!({"outlet_id": outlet, "kind": "thanh_tra", "scope": "Hoạt động in", "quarter": "4"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");

    // The API: each refusal has the code and the agency whose signers page sets it up.
    let approve = format!("/api/v1/plans/{plan}/approve");
    let open =
        json!({"outlet_id": outlet, "kind": "kiem_tra", "reason": "Phản ánh", "leader_id": leader, "signer_id": ""});
    let (_, d) = app.api(Method::POST, "/api/v1/documents", &token, Some(document_draft(""))).await;
    let issue = format!("/api/v1/documents/{}/issue", d["id"].as_str().unwrap());
    for (path, body) in [
        (approve.as_str(), Some(json!({"signer_id": ""}))),
        ("/api/v1/engagements", Some(open.clone())),
        (issue.as_str(), None),
    ] {
        let (s, e) = refusal(&app, Method::POST, path, &token, body).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {e}");
        assert_eq!(e["code"], "no_signer_in_force", "{path}: {e}");
        assert_eq!(e["params"]["agency"], agency.as_str(), "{path}: {e}");
    }

    // The pages say it beside the signer choice: someone who may not set it up is told to ask.
    app.login("truongdoan", PASSWORD).await;
    let pages =
        [format!("/inspections/plans/{plan}"), format!("/inspections/new?outlet_id={outlet}"), "/documents/new".into()];
    let link = format!("href=\"/admin/agencies/{agency}/signers\"");
    for p in &pages {
        let (s, html) = app.get_html(p).await;
        assert_eq!(s, StatusCode::OK, "{p}");
        assert!(html.contains("class=\"setup-note\""), "{p}");
        assert!(html.contains("Cơ quan chưa có người ký nào còn hiệu lực hôm nay."), "{p}");
        assert!(html.contains("Hãy đề nghị quản trị viên thiết lập.") && !html.contains(&link), "{p}");
    }
    // Submitted anyway: refused, with the same words.
    let r = app.post_form(&format!("/inspections/plans/{plan}/approve"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let back = r.headers()["location"].to_str().unwrap().to_string();
    let (_, html) = app.get_html(&back).await;
    assert!(
        html.contains("role=\"alert\" tabindex=\"-1\" autofocus>Cơ quan chưa có người ký nào còn hiệu lực hôm nay."),
        "{back}"
    );
    let r = app
        .post_form(
            "/inspections/new",
            &[("outlet_id", &outlet), ("kind", "kiem_tra"), ("reason", "Phản ánh"), ("leader_id", &leader)],
        )
        .await;
    // (this form answers its errors with 200, as it always has)
    assert!(r.text().await.unwrap().contains("id=\"e-signer_id\" role=\"note\">Cơ quan chưa có người ký"));

    // An administrator of the agency gets the link.
    app.create_user("quantri", Role::Admin, &agency);
    switch_to(&app, "quantri").await;
    for p in &pages {
        let (_, html) = app.get_html(p).await;
        assert!(html.contains(&link), "{p} links to the signers page");
    }
    // In English too, without a Vietnamese word of interface.
    app.post_form("/account/lang", &[("lang", "en"), ("next", "/")]).await;
    let (_, html) = app.get_html(&pages[0]).await;
    assert!(
        html.contains("No signer is set up for this agency yet")
            && html.contains("Add one on the agency&#39;s signers page")
    );

    // Once a signer is in force the choice is back, and an empty one is merely "required".
    agency_with_signer(&app);
    let (_, html) = app.get_html(&pages[0]).await;
    assert!(!html.contains("class=\"setup-note\"") && html.contains("name=\"signer_id\""));
    let (s, e) = refusal(&app, Method::POST, &approve, &token, Some(json!({"signer_id": ""}))).await;
    assert_eq!((s, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("required")), "{e}");
}
