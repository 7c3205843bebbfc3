//! The violation and sanction forms as an inspector and a leader use them: opened from a finding,
//! the rules of the engagement's sector only, errors beside their fields with the input kept, the
//! sanctioning title taken from the signer, and set-up that is missing named with a link.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::builders::{
    DELEGATION, EngagementBuilder, EngagementState, OutletBuilder, UserBuilder, agency_with_signer, delegate,
};
use crate::helpers::{PASSWORD, TestApp, spawn_app};
use thanhtra::auth::Role;

async fn api(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>) -> Value {
    let (s, v) = app.api(method, path, token, body).await;
    assert!(s.is_success(), "{path}: {s} {v}");
    v
}

fn field_error<'a>(html: &'a str, field: &str) -> Option<&'a str> {
    // The error paragraph beside a field: <p class="field-error" id="e-<field>">…</p>.
    let start = html.find(&format!("id=\"e-{field}\""))?;
    let rest = &html[start..];
    Some(&rest[rest.find('>')? + 1..rest.find("</p>")?])
}

#[actix_web::test]
async fn a_violation_is_recorded_from_its_finding_and_sanctioned_through_the_pages() {
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    delegate(&app, &signer, DELEGATION).await;
    let (leader, token) = UserBuilder::leader("truongdoan").build_with_token(&app);
    let outlet = OutletBuilder::printing(41).build(&app, &token).await;
    let id =
        EngagementBuilder::check(&outlet, &leader, &signer).state(EngagementState::OnSite).build(&app, &token).await;
    let d = api(&app, &token, Method::GET, &format!("/api/v1/engagements/{id}"), None).await;
    let finding = d["findings"][1]["id"].as_str().unwrap().to_string();
    let item = d["findings"][1]["item_text"].as_str().unwrap().to_string();
    api(
        &app,
        &token,
        Method::PUT,
        &format!("/api/v1/engagements/{id}/findings/{finding}"),
        Some(json!({"result": "non_compliant", "note": "Sổ ghi chép bỏ trống từ tháng 9"})),
    )
    .await;
    assert_eq!(app.login("truongdoan", PASSWORD).await.status(), StatusCode::SEE_OTHER);

    // The engagement page offers to record a violation from the non-compliant finding.
    let (_, page) = app.get_html(&format!("/inspections/{id}")).await;
    let link = format!("/inspections/{id}/violations/new?finding={finding}");
    assert!(page.contains(&link), "a link from the finding");
    let (st, form) = app.get_html(&link).await;
    assert_eq!(st, StatusCode::OK);
    assert!(form.contains(&format!("<option value=\"{finding}\" selected>")), "the finding is picked");
    assert!(
        form.contains("Sổ ghi chép bỏ trống từ tháng 9") && form.contains(item.trim_end_matches('.')),
        "carried over"
    );
    assert!(form.contains(&format!("<option value=\"{leader}\" selected>")), "the person recording makes the record");
    assert!(form.contains("type=\"datetime-local\""), "the time the record is made");
    // Only the printing sector's rules, in force today.
    assert!(form.contains("Điều 28c") && !form.contains("Điều 95") && !form.contains("Điều 101"), "sector rules only");

    // Errors stand beside their fields; what was typed stays.
    let tomorrow = (thanhtra::time::today_vn() + chrono::Days::new(1)).format("%Y-%m-%dT09:00").to_string();
    let r = app
        .post_form(
            &format!("/inspections/{id}/violations"),
            &[
                ("finding_id", &finding),
                ("rule_id", ""),
                ("offender", "organisation"),
                ("description", "Không lập sổ ghi chép theo quy định"),
                ("made_at", &tomorrow),
                ("maker_id", &leader),
                ("witnesses", "Lê Văn Chứng | Công chức UBND phường"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(field_error(&html, "rule_id").is_some_and(|e| e.contains("Bắt buộc")), "a rule must be chosen: {html}");
    assert!(html.contains("Không lập sổ ghi chép theo quy định") && html.contains("Lê Văn Chứng"), "input kept");
    let rule = crate::builders::colour_copier_rule(&app);
    let r = app
        .post_form(
            &format!("/inspections/{id}/violations"),
            &[
                ("finding_id", &finding),
                ("rule_id", &rule),
                ("offender", "organisation"),
                ("description", "Không lập sổ ghi chép theo quy định"),
                ("made_at", &tomorrow),
                ("maker_id", &leader),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(field_error(&html, "made_at").is_some_and(|e| !e.is_empty()), "a record cannot be made tomorrow");
    let now = thanhtra::time::vn_wall(&thanhtra::time::now()).format("%Y-%m-%dT%H:%M").to_string();
    let r = app
        .post_form(
            &format!("/inspections/{id}/violations"),
            &[
                ("finding_id", &finding),
                ("rule_id", &rule),
                ("offender", "organisation"),
                ("description", "Sử dụng máy photocopy màu không đăng ký"),
                ("made_at", &now),
                ("maker_id", &leader),
                ("representative_title", "Giám đốc"),
                ("opinion", "Công ty thừa nhận."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(r.headers()["location"].to_str().unwrap().ends_with("#violations"));
    let d = api(&app, &token, Method::GET, &format!("/api/v1/engagements/{id}"), None).await;
    let vid = d["violations"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(d["violations"][0]["finding_id"], finding);
    let r = app.post_form(&format!("/inspections/violations/{vid}/record"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // The sanction form: the signer's block (KT. CHÁNH THANH TRA of Thanh tra tỉnh) gives the title.
    let (st, form) = app.get_html(&format!("/inspections/violations/{vid}/sanction")).await;
    assert_eq!(st, StatusCode::OK);
    assert!(form.contains("<option value=\"chief_provincial_inspector\" selected>"), "authority from the signer");
    assert!(form.contains("3.000.000 – 5.000.000"), "the range beside the fine");
    let sanction = |amount: &'static str| {
        vec![
            ("amount", amount),
            ("signer_id", signer.as_str()),
            ("authority", "chief_provincial_inspector"),
            ("mitigating", "Vi phạm lần đầu"),
        ]
    };
    let r = app.post_form(&format!("/inspections/violations/{vid}/sanction"), &sanction("9.000.000")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(field_error(&html, "amount").is_some_and(|e| e.contains("3.000.000")), "beside the fine");
    assert!(html.contains("value=\"9.000.000\"") && html.contains("Vi phạm lần đầu"), "input kept");
    // Without the treasury the decision cannot say where the fine is paid: named, with a link.
    let r = app.post_form(&format!("/inspections/violations/{vid}/sanction"), &sanction("4.000.000")).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Kho bạc") && html.contains(&format!("href=\"/admin/agencies/{}/edit\"", app.default_agency())),
        "{html}"
    );
    // The violation's running clock is listed with the sanctions' work, naming the outlet and
    // opening the engagement.
    let o = api(&app, &token, Method::GET, &format!("/api/v1/outlets/{outlet}"), None).await;
    let (_, list) = app.get_html("/deadlines?kind=violation").await;
    let named = format!("<a href=\"/inspections/{id}\">{}</a>", o["name"].as_str().unwrap());
    assert!(list.contains(&named) && list.contains("Chấp hành quyết định xử phạt"), "{named} in {list}");
    crate::builders::with_treasury(&app);
    let r = app.post_form(&format!("/inspections/violations/{vid}/sanction"), &sanction("4.000.000")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let d = api(&app, &token, Method::GET, &format!("/api/v1/engagements/{id}"), None).await;
    assert_eq!(d["violations"][0]["status"], "decided");
    assert_eq!(d["violations"][0]["fine_amount"], 4_000_000);
}

#[actix_web::test]
async fn the_api_gives_every_id_and_an_inspector_on_the_team_makes_the_record() {
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    let (leader, token) = UserBuilder::leader("truongdoan").build_with_token(&app);
    let (inspector, inspector_token) = UserBuilder::inspector("thanhtravien").build_with_token(&app);
    let (_, outsider_token) = UserBuilder::inspector("nguoingoai").build_with_token(&app);
    let outlet = OutletBuilder::printing(42).build(&app, &token).await;
    let id = EngagementBuilder::check(&outlet, &leader, &signer).members(&inspector).build(&app, &token).await;

    // Only the leader signs the decision.
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/engagements/{id}/steps"),
            &inspector_token,
            Some(json!({"step": "decide"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    for step in ["decide", "announce", "start_on_site"] {
        api(&app, &token, Method::POST, &format!("/api/v1/engagements/{id}/steps"), Some(json!({"step": step}))).await;
    }

    // The catalogue's ids and the checklist's item codes are read from the API.
    let today = thanhtra::time::today_vn();
    let rules = api(
        &app,
        &inspector_token,
        Method::GET,
        &format!("/api/v1/catalogue/violations?sector=printing&on={today}"),
        None,
    )
    .await;
    let rule = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["provision"] == "điểm a khoản 1 Điều 28c")
        .cloned()
        .expect("the colour copier rule");
    assert_eq!(rule["range_organisation"], json!([3_000_000, 5_000_000]));
    assert_eq!(rule["range_individual"], json!([1_500_000, 2_500_000]));
    assert!(rules.as_array().unwrap().iter().all(|r| r["sector"] == "printing"));
    let decrees = api(&app, &inspector_token, Method::GET, "/api/v1/catalogue/decrees", None).await;
    assert!(decrees.as_array().unwrap().iter().any(|d| d["id"] == rule["decree_id"]));
    let checklists = api(&app, &inspector_token, Method::GET, "/api/v1/catalogue/checklists", None).await;
    let printing = checklists.as_array().unwrap().iter().find(|c| c["sector"] == "printing").unwrap();
    assert!(printing["items"].as_array().unwrap().iter().any(|i| i["code"] == "register"));
    let signers =
        api(&app, &inspector_token, Method::GET, &format!("/api/v1/agencies/{}", app.default_agency()), None).await;
    assert!(signers["signers"].as_array().unwrap().iter().any(|s| s["id"] == signer.as_str()), "{signers}");

    // An inspector on the team draws up and issues the record; one who is not on it may not.
    let v = api(
        &app,
        &inspector_token,
        Method::POST,
        &format!("/api/v1/engagements/{id}/violations"),
        Some(
            json!({"rule_id": rule["id"], "offender": "organisation", "description": "Máy photocopy màu chưa đăng ký"}),
        ),
    )
    .await;
    let vid = v["id"].as_str().unwrap();
    let (s, _) = app.api(Method::POST, &format!("/api/v1/violations/{vid}/record"), &outsider_token, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "not on the team");
    let v = api(&app, &inspector_token, Method::POST, &format!("/api/v1/violations/{vid}/record"), None).await;
    assert_eq!(v["status"], "recorded");
    // The sanction decision is the leader's.
    let (s, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/violations/{vid}/sanction"),
            &inspector_token,
            Some(json!({"amount": "4000000", "signer_id": signer, "authority": "chief_provincial_inspector"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn a_deputy_signs_a_sanction_decision_only_under_the_heads_delegation_which_it_cites_last() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    // The fixture's signer is the deputy: "KT. CHÁNH THANH TRA / PHÓ CHÁNH THANH TRA".
    let signer = agency_with_signer(&app);
    let (leader, token) = UserBuilder::leader("truongdoan").build_with_token(&app);
    let outlet = OutletBuilder::printing(43).build(&app, &token).await;
    let id =
        EngagementBuilder::check(&outlet, &leader, &signer).state(EngagementState::OnSite).build(&app, &token).await;
    let rule = crate::builders::colour_copier_rule(&app);
    let body =
        json!({"rule_id": rule, "offender": "organisation", "description": "Sử dụng máy photocopy màu chưa đăng ký"});
    let v = api(&app, &token, Method::POST, &format!("/api/v1/engagements/{id}/violations"), Some(body)).await;
    let vid = v["id"].as_str().unwrap().to_string();
    api(&app, &token, Method::POST, &format!("/api/v1/violations/{vid}/record"), None).await;
    crate::builders::with_treasury(&app);

    // Without the delegation on record the API refuses, with the code and the signer named.
    let sanction = json!({"amount": "4000000", "signer_id": signer, "authority": "chief_provincial_inspector"});
    let (st, err) =
        app.api(Method::POST, &format!("/api/v1/violations/{vid}/sanction"), &token, Some(sanction.clone())).await;
    assert_eq!(st, StatusCode::CONFLICT, "{err}");
    assert_eq!(err["errors"][0]["code"], "delegation_missing", "{err}");
    assert_eq!(err["errors"][0]["params"]["name"], "Nguyễn Văn Đạt", "{err}");
    // The page says so too, with a link to where the delegation is entered; the input is kept.
    assert_eq!(app.login("truongdoan", PASSWORD).await.status(), StatusCode::SEE_OTHER);
    let form = [
        ("amount", "4.000.000"),
        ("signer_id", signer.as_str()),
        ("authority", "chief_provincial_inspector"),
        ("mitigating", "Vi phạm lần đầu"),
    ];
    let r = app.post_form(&format!("/inspections/violations/{vid}/sanction"), &form).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    let signers_page = format!("/admin/agencies/{agency}/signers");
    assert!(
        html.contains("Nguyễn Văn Đạt")
            && html.contains("giao quyền xử phạt")
            && html.contains(&format!("href=\"{signers_page}\"")),
        "{html}"
    );
    assert!(html.contains("Vi phạm lần đầu"), "input kept");
    let d = api(&app, &token, Method::GET, &format!("/api/v1/engagements/{id}"), None).await;
    assert_eq!(d["violations"][0]["status"], "recorded", "nothing issued");

    // The administrator enters it on the signers page, beside the signer's other fields.
    app.post_form("/logout", &[]).await;
    app.login_as(Role::Admin).await;
    let (st, page) = app.get_html(&signers_page).await;
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("name=\"signers.0.sanction_delegation\""), "one input per row");
    assert!(page.contains("ký thay (KT.) quyết định xử phạt"), "the hint says when it is needed");
    let s = app.with_conn(|c| thanhtra::agencies::queries::signers(c, &agency).unwrap()).remove(0);
    let (from, delegation) = (s.valid_from.to_string(), format!("Căn cứ {DELEGATION};"));
    let row = [
        ("signers.0.id", s.id.as_str()),
        ("signers.0.prefix", "KT."),
        ("signers.0.authority_title", s.authority_title.as_str()),
        ("signers.0.title", s.title.as_str()),
        ("signers.0.full_name", s.full_name.as_str()),
        ("signers.0.valid_from", from.as_str()),
        ("signers.0.valid_to", ""),
        ("signers.0.sanction_delegation", delegation.as_str()),
    ];
    let r = app.post_form(&signers_page, &row).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.get_html(&signers_page).await;
    assert!(
        page.contains(&format!(">{DELEGATION}</textarea>")),
        "kept as the basis names it, 'Căn cứ' and ';' dropped"
    );
    // The agency's history says the change in words.
    let (_, show) = app.get_html(&format!("/admin/agencies/{agency}")).await;
    assert!(show.contains(&format!("PHÓ CHÁNH THANH TRA ({}", thanhtra::time::show_date(&s.valid_from))), "{show}");
    assert!(show.contains(&format!("; {DELEGATION}")), "{show}");

    // Now the decision is issued, and cites the delegation as its last basis.
    app.post_form("/logout", &[]).await;
    assert_eq!(app.login("truongdoan", PASSWORD).await.status(), StatusCode::SEE_OTHER);
    let r = app.post_form(&format!("/inspections/violations/{vid}/sanction"), &form).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let d = api(&app, &token, Method::GET, &format!("/api/v1/engagements/{id}"), None).await;
    assert_eq!(d["violations"][0]["status"], "decided");
    let pdf = crate::helpers::pdf_bytes(&app, &token, d["violations"][0]["decision_id"].as_str().unwrap()).await;
    let text = crate::helpers::pdf_text_words(&pdf);
    let bases = &text[..text.find("QUYẾT ĐỊNH:").expect("the decision's operative part")];
    let last = &bases[bases.rfind("Căn cứ").unwrap()..];
    assert_eq!(last.trim(), format!("Căn cứ {DELEGATION}."), "{text}");
    assert!(bases.contains("Căn cứ Biên bản vi phạm hành chính số:"), "the record before it: {text}");
    assert!(text.contains("KT. CHÁNH THANH TRA"), "{text}");
}
