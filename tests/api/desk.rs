//! The daily desk (issue 11): the outlet picker every form that chooses an outlet shares, with and
//! without its script.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thanhtra::auth::Role;

use crate::builders::OutletBuilder;
use crate::engagements::setup;
use crate::helpers::{TestApp, valid_mst};

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
