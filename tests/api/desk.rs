//! The daily desk (issue 11): the outlet picker every form shares, with and without its script; a
//! plan item's outlet, kind and scope carried into the engagement form; the team ticked as
//! checkboxes; the field page's checklist saved in one submit.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thanhtra::auth::Role;

use crate::builders::{OutletBuilder, UserBuilder};
use crate::engagements::{on_site, setup};
use crate::helpers::{TestApp, csrf_in, valid_mst};
fn sel(s: &str) -> scraper::Selector {
    scraper::Selector::parse(s).unwrap()
}

fn doc(html: &str) -> scraper::Html {
    scraper::Html::parse_document(html)
}

/// The `value` of the first element matching `css`, if any.
fn value_of(html: &str, css: &str) -> Option<String> {
    doc(html).select(&sel(css)).next().and_then(|e| e.value().attr("value").map(str::to_string))
}

fn count(html: &str, css: &str) -> usize {
    doc(html).select(&sel(css)).count()
}

async fn pick(app: &TestApp, q: &str) -> Vec<Value> {
    let r = app.client.get(app.url("/outlets/pick")).query(&[("q", q)]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{q}");
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    assert_eq!(r.headers()["cache-control"], "no-store", "outlets are records: no cache keeps them");
    r.json::<Vec<Value>>().await.unwrap()
}

fn names(found: &[Value]) -> Vec<String> {
    found.iter().map(|v| v["name"].as_str().unwrap().to_string()).collect()
}

#[actix_web::test]
async fn the_picker_finds_outlets_without_diacritics_and_by_part_of_a_tax_code() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let tax = valid_mst(5151);
    let postal = OutletBuilder::postal(7272).build(&app, &s.token).await;
    OutletBuilder::game().build(&app, &s.token).await;
    app.login("truongdoan", crate::helpers::PASSWORD).await;

    for q in ["cong ty in hong lam", "hồng lâm", "HONG LAM", "in hong"] {
        assert_eq!(names(&pick(&app, q).await), ["Công ty TNHH In Hồng Lam"], "{q}");
    }
    let found = pick(&app, "hong lam").await;
    assert_eq!(found[0]["id"], s.outlet.as_str());
    assert_eq!(found[0]["tax_code"], tax.as_str());
    assert_eq!(found[0]["address"], "Số 25 đường Nguyễn Du, Phường Thành Sen, Hà Tĩnh");
    assert_eq!(found[0]["sector"], "In", "the sector by its name, in the reader's language");
    assert_eq!(names(&pick(&app, "duc huy").await), ["Điểm trò chơi điện tử Đức Huy"], "đ folds to d");
    assert_eq!(names(&pick(&app, "đức").await), ["Điểm trò chơi điện tử Đức Huy"]);
    assert_eq!(names(&pick(&app, &tax[2..8]).await), ["Công ty TNHH In Hồng Lam"], "digits inside the tax code");
    let ghtk = pick(&app, &valid_mst(7272)[..6]).await;
    assert_eq!(ghtk[0]["id"], postal.as_str());
    assert!(pick(&app, "").await.is_empty(), "nothing asked, nothing offered");
    assert!(pick(&app, "khong co co so nay").await.is_empty());
    assert!(pick(&app, "%_%").await.is_empty(), "wildcards alone find nothing");

    for i in 0..11 {
        OutletBuilder::game().with("name", json!(format!("Phòng máy Kỳ Anh số {i:02}"))).build(&app, &s.token).await;
    }
    let many = pick(&app, "ky anh").await;
    assert_eq!(many.len(), 10, "at most ten at once");
    assert_eq!(many[0]["name"], "Phòng máy Kỳ Anh số 00", "by name");

    // Anyone who reads outlets may pick; nobody signed out may.
    app.create_user("xem", Role::Viewer, &app.default_agency());
    app.post_form("/logout", &[]).await;
    let r = app.get("/outlets/pick?q=hong").await;
    assert_ne!(r.status(), StatusCode::OK);
    app.login("xem", crate::helpers::PASSWORD).await;
    assert_eq!(pick(&app, "hong lam").await.len(), 1);
}

#[actix_web::test]
async fn plan_items_and_documents_choose_their_outlet_with_the_same_picker() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let t = s.token.as_str();
    let year = thanhtra::time::today_vn().format("%Y").to_string();
    let (_, plan) = app.api(Method::POST, "/api/v1/plans", t, Some(json!({"year": year}))).await;
    let pid = plan["id"].as_str().unwrap().to_string();
    app.login("truongdoan", crate::helpers::PASSWORD).await;

    // A plan item: Find keeps the item typed; the chosen outlet is saved.
    let item = [("kind", "thanh_tra"), ("scope", "Hoạt động in"), ("quarter", "3"), ("lead_unit", "Phòng 1")];
    let mut fields = item.to_vec();
    fields.extend([("outlet_id", ""), ("outlet_q", "hong lam"), ("outlet_find", "1")]);
    let r = app.post_form(&format!("/inspections/plans/{pid}/items"), &fields).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert_eq!(count(&html, &format!("input[type=radio][name=outlet_id][value=\"{}\"]", s.outlet)), 1);
    assert_eq!(count(&html, "input[type=radio][name=outlet_id][value=\"\"]"), 1, "or no outlet (a group)");
    assert_eq!(value_of(&html, "input[name=lead_unit]").as_deref(), Some("Phòng 1"));
    let (_, p) = app.api(Method::GET, &format!("/api/v1/plans/{pid}"), t, None).await;
    assert_eq!(p["items"].as_array().unwrap().len(), 0, "a search saves nothing");
    let mut fields = item.to_vec();
    fields.extend([("outlet_id", s.outlet.as_str()), ("outlet_q", "hong lam")]);
    let r = app.post_form(&format!("/inspections/plans/{pid}/items"), &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, p) = app.api(Method::GET, &format!("/api/v1/plans/{pid}"), t, None).await;
    assert_eq!(p["items"][0]["outlet_id"], s.outlet.as_str());

    // A document: the form no longer lists every outlet; Find offers the match.
    let (_, html) = app.get_html("/documents/new").await;
    assert_eq!(count(&html, "select[name=outlet_id]"), 0);
    assert_eq!(count(&html, "fieldset.picker input[name=outlet_q]"), 1);
    let doc = [
        ("doc_type", "notice"),
        ("summary", "Về việc chấn chỉnh hoạt động in"),
        ("body", "Nội dung."),
        ("signer_id", s.signer.as_str()),
        ("recipients", "Lưu: VT."),
    ];
    let mut fields = doc.to_vec();
    fields.extend([("outlet_q", "in hồng lâm"), ("outlet_find", "1")]);
    let html = app.post_form("/documents", &fields).await.text().await.unwrap();
    assert_eq!(count(&html, &format!("input[type=radio][name=outlet_id][value=\"{}\"]", s.outlet)), 1);
    assert!(html.contains("Về việc chấn chỉnh hoạt động in"), "the summary is kept");
    let mut fields = doc.to_vec();
    fields.push(("outlet_id", s.outlet.as_str()));
    let r = app.post_form("/documents", &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id = r.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/documents/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let (_, d) = app.api(Method::GET, &format!("/api/v1/documents/{id}"), t, None).await;
    assert_eq!(d["outlet_id"], s.outlet.as_str());
    let (_, html) = app.get_html(&format!("/documents/{id}/edit")).await;
    let chosen = format!("input[type=radio][name=outlet_id][value=\"{}\"][checked]", s.outlet);
    assert_eq!(count(&html, &chosen), 1, "editing shows the outlet chosen");
}

/// The text inside the first element matching `css` (a textarea's content).
fn text_of(html: &str, css: &str) -> String {
    doc(html).select(&sel(css)).next().map(|e| e.text().collect()).unwrap_or_default()
}

/// The fields of the new-engagement form as a person fills them in (without the outlet).
fn engagement_fields<'a>(s: &'a crate::engagements::Setup, other: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "thanh_tra"),
        ("reason", "Phản ánh của người dân về in ấn phẩm không phép"),
        ("scope", "Việc chấp hành pháp luật về hoạt động in"),
        ("period_covered", "Năm 2025"),
        ("duration", "5"),
        ("duration_unit", "working"),
        ("leader_id", &s.leader),
        ("member_ids", &s.inspector),
        ("member_ids", other),
        ("signer_id", &s.signer),
    ]
}

async fn engagement_count(app: &TestApp, token: &str) -> i64 {
    let (_, v) = app.api(Method::GET, "/api/v1/engagements", token, None).await;
    v["total"].as_i64().unwrap()
}

#[actix_web::test]
async fn without_script_the_engagement_form_searches_then_chooses_and_keeps_what_was_typed() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let other = UserBuilder::inspector("thanhtravien2").build(&app);
    OutletBuilder::postal(7272).build(&app, &s.token).await;
    app.login("truongdoan", crate::helpers::PASSWORD).await;

    let (st, html) = app.get_html("/inspections/new").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(count(&html, "fieldset.picker input[type=search][name=outlet_q]"), 1, "a search box");
    assert_eq!(count(&html, "fieldset.picker button[type=submit][name=outlet_find]"), 1, "and its Find button");
    assert_eq!(count(&html, "input[name=outlet_id]"), 0, "nothing chosen yet");
    assert!(html.contains("aria-live=\"polite\""), "results are announced");

    // Find: the same form again, everything kept, the matches to choose from; nothing saved.
    let mut fields = engagement_fields(&s, &other);
    fields.extend([("outlet_q", "cong ty in hong lam"), ("outlet_find", "1")]);
    let r = app.post_form("/inspections/new", &fields).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    let radio = format!("input[type=radio][name=outlet_id][value=\"{}\"]", s.outlet);
    assert_eq!(count(&html, &radio), 1, "the match is offered: {html}");
    assert_eq!(count(&html, "input[type=radio][name=outlet_id]"), 1, "only the match");
    assert!(html.contains("Công ty TNHH In Hồng Lam") && html.contains("Số 25 đường Nguyễn Du"));
    assert_eq!(value_of(&html, "input[name=outlet_q]").as_deref(), Some("cong ty in hong lam"));
    assert_eq!(
        value_of(&html, "input[name=reason]").as_deref(),
        Some("Phản ánh của người dân về in ấn phẩm không phép")
    );
    assert_eq!(text_of(&html, "textarea[name=scope]"), "Việc chấp hành pháp luật về hoạt động in");
    assert_eq!(value_of(&html, "input[name=period_covered]").as_deref(), Some("Năm 2025"));
    assert_eq!(value_of(&html, "input[name=duration]").as_deref(), Some("5"));
    assert_eq!(value_of(&html, "select[name=kind] option[selected]").as_deref(), Some("thanh_tra"));
    assert_eq!(value_of(&html, "select[name=duration_unit] option[selected]").as_deref(), Some("working"));
    assert_eq!(value_of(&html, "select[name=leader_id] option[selected]").as_deref(), Some(s.leader.as_str()));
    assert_eq!(value_of(&html, "select[name=signer_id] option[selected]").as_deref(), Some(s.signer.as_str()));
    assert_eq!(count(&html, "input[type=checkbox][name=member_ids][checked]"), 2, "both members still ticked");
    assert!(!html.contains("field-error"), "a search is not a refusal");
    assert_eq!(engagement_count(&app, &s.token).await, 0);

    // Enter in the search box (no Find pressed, nothing chosen) searches too; no match is said.
    let mut fields = engagement_fields(&s, &other);
    fields.push(("outlet_q", "khong co co so nay"));
    let html = app.post_form("/inspections/new", &fields).await.text().await.unwrap();
    assert!(html.contains("Không có cơ sở nào khớp."), "no match is said");
    assert_eq!(engagement_count(&app, &s.token).await, 0);

    // Choose: the radio sent with the rest opens the engagement (the search text left in the box
    // does not stand in the way).
    let mut fields = engagement_fields(&s, &other);
    fields.extend([("outlet_q", "cong ty in hong lam"), ("outlet_id", s.outlet.as_str())]);
    let r = app.post_form("/inspections/new", &fields).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    let id = to.trim_start_matches("/inspections/").split('?').next().unwrap().to_string();
    let (_, d) = app.api(Method::GET, &format!("/api/v1/engagements/{id}"), &s.token, None).await;
    assert_eq!(d["engagement"]["outlet_id"], s.outlet.as_str());
    assert_eq!(d["engagement"]["kind"], "thanh_tra");
    assert_eq!(d["engagement"]["scope"], "Việc chấp hành pháp luật về hoạt động in");
    let mut team: Vec<String> =
        d["members"].as_array().unwrap().iter().map(|m| m["user_id"].as_str().unwrap().into()).collect();
    team.sort();
    let mut want = vec![s.leader.clone(), s.inspector.clone(), other.clone()];
    want.sort();
    assert_eq!(team, want, "the leader and both members ticked");

    // Saved without an outlet chosen or searched: said beside the picker.
    let r = app.post_form("/inspections/new", &engagement_fields(&s, &other)).await;
    let html = r.text().await.unwrap();
    assert_eq!(count(&html, "fieldset.picker.has-error .field-error"), 1, "{html}");
}

#[actix_web::test]
async fn the_team_is_ticked_as_checkboxes_and_the_ticks_survive_a_refusal() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let other = UserBuilder::inspector("thanhtravien2").build(&app);
    app.login("truongdoan", crate::helpers::PASSWORD).await;
    let (_, html) = app.get_html(&format!("/inspections/new?outlet_id={}", s.outlet)).await;
    assert!(!html.contains("multiple"), "no Ctrl-click list");
    for u in [&s.leader, &s.inspector, &other] {
        assert_eq!(count(&html, &format!("input[type=checkbox][name=member_ids][value=\"{u}\"]")), 1);
    }
    assert_eq!(count(&html, "fieldset.checks legend"), 1, "the group is named");
    assert_eq!(count(&html, "select[name=leader_id]"), 1, "the leader stays a choice of one");
    let chosen = format!("input[type=radio][name=outlet_id][value=\"{}\"][checked]", s.outlet);
    assert_eq!(count(&html, &chosen), 1, "the outlet from the link is chosen");

    let r = app
        .post_form(
            "/inspections/new",
            &[
                ("outlet_id", &s.outlet),
                ("kind", "kiem_tra"),
                ("reason", ""),
                ("scope", "Hoạt động in"),
                ("leader_id", &s.leader),
                ("member_ids", &other),
                ("signer_id", &s.signer),
            ],
        )
        .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("field-error"), "the reason is missing");
    assert_eq!(count(&html, &format!("input[name=member_ids][value=\"{other}\"][checked]")), 1);
    assert_eq!(count(&html, &format!("input[name=member_ids][value=\"{}\"][checked]", s.inspector)), 0);
    assert_eq!(count(&html, &chosen), 1, "the outlet stays chosen");
}

/// An approved plan with one item for the setup's outlet; the item's id.
async fn approved_item(app: &TestApp, s: &crate::engagements::Setup) -> String {
    let t = s.token.as_str();
    let year = thanhtra::time::today_vn().format("%Y").to_string();
    let (_, plan) = app.api(Method::POST, "/api/v1/plans", t, Some(json!({"year": year}))).await;
    let pid = plan["id"].as_str().unwrap().to_string();
    let body = json!({"outlet_id": s.outlet, "kind": "thanh_tra", "scope": "Việc chấp hành pháp luật về hoạt động in năm 2025", "quarter": "4"});
    let (st, item) = app.api(Method::POST, &format!("/api/v1/plans/{pid}/items"), t, Some(body)).await;
    assert_eq!(st, StatusCode::CREATED, "{item}");
    let (st, v) =
        app.api(Method::POST, &format!("/api/v1/plans/{pid}/approve"), t, Some(json!({"signer_id": s.signer}))).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    item["item"]["id"].as_str().unwrap().to_string()
}

#[actix_web::test]
async fn an_engagement_opened_from_a_plan_item_starts_with_its_outlet_kind_and_scope_to_edit() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let item = approved_item(&app, &s).await;
    app.login("truongdoan", crate::helpers::PASSWORD).await;

    let (st, html) = app.get_html(&format!("/inspections/new?plan_item_id={item}")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(
        text_of(&html, "textarea[name=scope]"),
        "Việc chấp hành pháp luật về hoạt động in năm 2025",
        "the scope is filled in, in a box that can be edited"
    );
    assert_eq!(value_of(&html, "select[name=kind] option[selected]").as_deref(), Some("thanh_tra"));
    let chosen = format!("input[type=radio][name=outlet_id][value=\"{}\"][checked]", s.outlet);
    assert_eq!(count(&html, &chosen), 1, "the item's outlet is chosen");
    assert_eq!(value_of(&html, "input[type=hidden][name=plan_item_id]").as_deref(), Some(item.as_str()));
    assert_eq!(count(&html, "input[name=reason]"), 0, "a planned engagement needs no reason");

    let r = app
        .post_form(
            "/inspections/new",
            &[
                ("plan_item_id", &item),
                ("outlet_id", &s.outlet),
                ("kind", "kiem_tra"),
                ("scope", "Việc chấp hành pháp luật về hoạt động in và lưu chiểu"),
                ("leader_id", &s.leader),
                ("signer_id", &s.signer),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap());
    let (_, list) = app.api(Method::GET, "/api/v1/engagements", &s.token, None).await;
    let e = &list["items"][0];
    assert_eq!(e["plan_item_id"], item.as_str());
    assert_eq!(e["scope"], "Việc chấp hành pháp luật về hoạt động in và lưu chiểu", "edited");
    assert_eq!(e["kind"], "kiem_tra", "edited");
    assert_eq!(e["origin"], "plan");
}

/// The field page's checklist: the finding ids in the page's order and what the page saw of each.
struct Checklist {
    ids: Vec<String>,
    seen: Vec<String>,
    csrf: String,
}

async fn checklist(app: &TestApp, id: &str) -> Checklist {
    let (st, html) = app.get_html(&format!("/inspections/{id}/field")).await;
    assert_eq!(st, StatusCode::OK);
    let d = doc(&html);
    let ids: Vec<String> = d
        .select(&sel("section.finding"))
        .map(|e| e.value().attr("id").unwrap().trim_start_matches("f-").to_string())
        .collect();
    let seen = ids.iter().map(|f| value_of(&html, &format!("input[name=\"seen.{f}\"]")).unwrap()).collect();
    assert_eq!(count(&html, "form#checklist[action$=\"/findings\"]"), 1, "one form for the checklist");
    assert_eq!(count(&html, "button[type=submit][form=checklist]"), 1, "and one button that saves it");
    Checklist { ids, seen, csrf: csrf_in(&html) }
}

async fn post_checklist(app: &TestApp, id: &str, c: &Checklist, items: &[(usize, &str, &str)]) -> reqwest::Response {
    let mut form: Vec<(String, String)> = vec![("csrf_token".into(), c.csrf.clone())];
    for (i, f) in c.ids.iter().enumerate() {
        form.push((format!("seen.{f}"), c.seen[i].clone()));
        if let Some((_, result, note)) = items.iter().find(|(k, _, _)| *k == i) {
            if !result.is_empty() {
                form.push((format!("result.{f}"), result.to_string()));
            }
            form.push((format!("note.{f}"), note.to_string()));
        } else {
            form.push((format!("note.{f}"), String::new()));
        }
    }
    app.client.post(app.url(&format!("/inspections/{id}/findings"))).form(&form).send().await.unwrap()
}

async fn findings(app: &TestApp, token: &str, id: &str) -> Vec<(String, String)> {
    let (_, d) = app.api(Method::GET, &format!("/api/v1/engagements/{id}"), token, None).await;
    d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["result"].as_str().unwrap().to_string(), f["note"].as_str().unwrap().to_string()))
        .collect()
}

fn finding_audits(app: &TestApp, ids: &[String]) -> usize {
    app.with_conn(|c| ids.iter().map(|f| thanhtra::audit::repo::entries_of(c, "finding", f, None).unwrap().len()).sum())
}

#[actix_web::test]
async fn the_field_page_saves_every_finding_in_one_submit_or_none_with_the_error_beside_its_item() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let id = on_site(&app, &s).await;
    app.login("truongdoan", crate::helpers::PASSWORD).await;
    let c = checklist(&app, &id).await;
    assert!(c.ids.len() >= 4, "the printing checklist has several items");

    // One item non-compliant without a description: nothing is saved, the error stands beside
    // that item, and everything sent comes back.
    let r = post_checklist(
        &app,
        &id,
        &c,
        &[(0, "compliant", "Có sổ theo dõi"), (1, "non_compliant", "  "), (2, "not_applicable", "")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    let d = doc(&html);
    let wrong = d.select(&sel(&format!("section#f-{} .field-error", c.ids[1]))).next().expect("an error beside item 2");
    assert_eq!(wrong.text().collect::<String>(), "Ghi rõ nội dung không đạt.");
    assert!(wrong.value().attr("hidden").is_none());
    assert_eq!(count(&html, &format!("section#f-{} .field-error:not([hidden])", c.ids[0])), 0, "item 1 is fine");
    assert_eq!(count(&html, &format!("textarea[name=\"note.{}\"][aria-invalid]", c.ids[1])), 1);
    assert_eq!(count(&html, &format!("a[href=\"#f-{}\"]", c.ids[1])), 1, "the alert links to the item");
    assert_eq!(
        value_of(&html, &format!("input[name=\"result.{}\"][checked]", c.ids[0])).as_deref(),
        Some("compliant"),
        "choices kept"
    );
    assert_eq!(
        value_of(&html, &format!("input[name=\"result.{}\"][checked]", c.ids[1])).as_deref(),
        Some("non_compliant")
    );
    let note = d.select(&sel(&format!("textarea[name=\"note.{}\"]", c.ids[0]))).next().unwrap();
    assert_eq!(note.text().collect::<String>(), "Có sổ theo dõi", "notes kept");
    assert!(findings(&app, &s.token, &id).await.iter().all(|(r, _)| r == "pending"), "nothing saved");
    assert_eq!(finding_audits(&app, &c.ids), 0);

    // A note without a result is not lost silently either.
    let r = post_checklist(&app, &id, &c, &[(3, "", "Chưa xem được")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("Chọn kết quả"));

    // Corrected: all three saved at once, one audit entry each; the untouched items stay pending.
    let r = post_checklist(
        &app,
        &id,
        &c,
        &[
            (0, "compliant", "Có sổ theo dõi"),
            (1, "non_compliant", "Không lập sổ quản lý ấn phẩm"),
            (2, "not_applicable", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], format!("/inspections/{id}/field?m=saved"));
    let now = findings(&app, &s.token, &id).await;
    assert_eq!(now[0], ("compliant".to_string(), "Có sổ theo dõi".to_string()));
    assert_eq!(now[1], ("non_compliant".to_string(), "Không lập sổ quản lý ấn phẩm".to_string()));
    assert_eq!(now[2].0, "not_applicable");
    assert!(now[3..].iter().all(|(r, _)| r == "pending"));
    assert_eq!(finding_audits(&app, &c.ids), 3, "one entry per item changed");
    let (_, html) = app.get_html(&format!("/inspections/{id}/field?m=saved")).await;
    assert!(html.contains(&format!("<strong>3/{}</strong>", c.ids.len())), "three recorded");

    // A colleague changes item 1 meanwhile; a page opened before that, sent again with item 1 as
    // it showed it, leaves the colleague's finding alone and saves what was changed on it.
    let opened = checklist(&app, &id).await;
    let f0 = &c.ids[0];
    let (st, _) = app
        .api(
            Method::PUT,
            &format!("/api/v1/engagements/{id}/findings/{f0}"),
            &s.token,
            Some(json!({"result": "non_compliant", "note": "Sổ ghi thiếu số lượng in"})),
        )
        .await;
    assert_eq!(st, StatusCode::OK);
    let r = post_checklist(
        &app,
        &id,
        &opened,
        &[
            (0, "compliant", "Có sổ theo dõi"),
            (1, "non_compliant", "Không lập sổ quản lý ấn phẩm"),
            (2, "not_applicable", ""),
            (3, "compliant", ""),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let now = findings(&app, &s.token, &id).await;
    assert_eq!(now[0], ("non_compliant".to_string(), "Sổ ghi thiếu số lượng in".to_string()), "not undone");
    assert_eq!(now[3].0, "compliant", "the item changed on the page is saved");
    assert_eq!(finding_audits(&app, &c.ids), 5, "items sent back as they were read are not written again");
}

#[actix_web::test]
async fn the_checklists_script_saves_one_item_at_a_time_and_hears_why_not() {
    let app = crate::helpers::spawn_app().await;
    let s = setup(&app).await;
    let id = on_site(&app, &s).await;
    app.login("truongdoan", crate::helpers::PASSWORD).await;
    let c = checklist(&app, &id).await;
    let one = |result: &str, note: &str| {
        app.client
            .post(app.url(&format!("/inspections/{id}/findings/{}", c.ids[0])))
            .header("Accept", "application/json")
            .form(&[("csrf_token", c.csrf.as_str()), ("result", result), ("note", note)])
            .send()
    };
    let r = one("non_compliant", "").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"], "Ghi rõ nội dung không đạt.");
    let r = one("non_compliant", "Không có sổ").await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["result"], "non_compliant");
    // What the page now holds for that item: the whole form sent next leaves it as it is.
    let c2 = checklist(&app, &id).await;
    assert_eq!(v["seen"], c2.seen[0].as_str());
    assert_ne!(c2.seen[0], c.seen[0]);
}
