//! Issue 11: an agency's signers are a list edited in place. Saving the agency form used to delete
//! every signer and insert them again with new ids, so each draft that named one lost its signer.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thanhtra::auth::Role;

use crate::builders::{UserBuilder, agency_with_signer, document_draft};
use crate::helpers::{TestApp, spawn_app};

fn signer_ids(app: &TestApp, agency: &str) -> Vec<String> {
    app.with_conn(|c| thanhtra::agencies::queries::signers(c, agency).unwrap().into_iter().map(|s| s.id).collect())
}

/// The agency form's fields as its edit page sends them.
fn agency_form(app: &TestApp, agency: &str) -> Vec<(String, String)> {
    let a = app.with_conn(|c| thanhtra::agencies::queries::full(c, agency).unwrap());
    let mut f = vec![
        ("code".to_string(), a.agency.code.clone()),
        ("governing_body".into(), a.agency.governing_body.clone()),
        ("name".into(), a.agency.name.clone()),
        ("abbreviation".into(), a.agency.abbreviation.clone()),
        ("place_name".into(), a.agency.place_name.clone()),
        ("province".into(), a.agency.province.clone()),
        ("valid_from".into(), a.agency.valid_from.to_string()),
        ("notes".into(), "Sửa ghi chú".into()),
    ];
    f.extend(a.sectors.iter().map(|s| (format!("sector.{}", s.sector_code), "1".to_string())));
    f
}

fn refs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn draft(app: &TestApp, token: &str, signer: &str) -> String {
    let (s, v) = app.api(Method::POST, "/api/v1/documents", token, Some(document_draft(signer))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["id"].as_str().unwrap().to_string()
}

#[actix_web::test]
async fn saving_the_agency_form_keeps_every_signer_and_a_draft_keeps_its_signer() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let signer = agency_with_signer(&app);
    let (_, token) = UserBuilder::leader("truongdoan").build_with_token(&app);
    let doc = draft(&app, &token, &signer).await;
    app.login_as(Role::Admin).await;

    // Twice, as people do.
    for _ in 0..2 {
        let r = app.post_form(&format!("/admin/agencies/{agency}"), &refs(&agency_form(&app, &agency))).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    assert_eq!(signer_ids(&app, &agency), vec![signer.clone()], "same signer, same id");
    let (_, d) = app.api(Method::GET, &format!("/api/v1/documents/{doc}"), &token, None).await;
    assert_eq!(d["signer_id"], signer.as_str());
    let (_, html) = app.get_html(&format!("/documents/{doc}")).await;
    assert!(html.contains("Nguyễn Văn Đạt (PHÓ CHÁNH THANH TRA)"), "the draft still names its signer");
    // The agency's history did not record the signers as changed.
    let (_, html) = app.get_html(&format!("/admin/agencies/{agency}")).await;
    assert_eq!(html.matches("<td>Người ký</td>").count(), 1, "only when the signer was added");
}

#[actix_web::test]
async fn the_treasury_is_shown_on_the_agency_and_its_change_in_its_history() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    app.login_as(Role::Admin).await;
    let mut form = agency_form(&app, &agency);
    form.push(("treasury_name".into(), "Kho bạc Nhà nước khu vực XIII".into()));
    form.push(("treasury_account".into(), "7111.1058.1234".into()));
    let r = app.post_form(&format!("/admin/agencies/{agency}"), &refs(&form)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_html(&format!("/admin/agencies/{agency}")).await;
    let history = &html[html.find("Lịch sử").expect("a history")..];
    assert!(history.contains("Kho bạc Nhà nước thu tiền phạt") && history.contains("7111.1058.1234"), "{history}");
    assert!(!history.contains("treasury_"), "labels, not field names");
    assert!(!history.contains(">2025-07-01<") && history.contains("01/07/2025"), "dates as people write them");
}

#[actix_web::test]
async fn the_signers_page_adds_changes_in_place_and_removes_a_signer_no_document_names() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    app.login_as(Role::Admin).await;
    let page = format!("/admin/agencies/{agency}/signers");
    let (s, html) = app.get_html(&page).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        html.contains("name=\"signers.0.full_name\"") && html.contains("name=\"signers.1.full_name\""),
        "two blank rows"
    );
    assert!(html.contains("<option value=\"TUQ.\">"), "the prefixes are offered");
    // The agency page links here.
    let (_, show) = app.get_html(&format!("/admin/agencies/{agency}")).await;
    assert!(show.contains(&format!("href=\"{page}\"")));

    // Add two (the second blank row left blank is ignored).
    let r = app
        .post_form(
            &page,
            &[
                ("signers.0.prefix", ""),
                ("signers.0.title", "Chánh Thanh tra"),
                ("signers.0.full_name", "Lê Văn Bình"),
                ("signers.1.prefix", "KT."),
                ("signers.1.authority_title", "Chánh Thanh tra"),
                ("signers.1.title", "Phó Chánh Thanh tra"),
                ("signers.1.full_name", "Nguyễn Văn Đạt"),
                ("signers.2.prefix", ""),
                ("signers.2.title", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let all = app.with_conn(|c| thanhtra::agencies::queries::signers(c, &agency).unwrap());
    assert_eq!(all.len(), 2);
    let binh = all.iter().find(|s| s.full_name == "Lê Văn Bình").unwrap().clone();
    let dat = all.iter().find(|s| s.full_name == "Nguyễn Văn Đạt").unwrap().clone();
    assert_eq!(dat.block_lines(), vec!["KT. CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA"]);

    // The page lists them with their ids; change one (a date to end it), remove the other.
    let (_, html) = app.get_html(&page).await;
    let row_of = |id: &str| {
        let marker = format!("value=\"{id}\"");
        let at = html.find(&marker).expect("the row carries its id");
        let name = &html[..at].rsplit("name=\"signers.").next().unwrap();
        name.split('.').next().unwrap().to_string()
    };
    let (b, d) = (row_of(&binh.id), row_of(&dat.id));
    let field = |row: &str, f: &str| format!("signers.{row}.{f}");
    let fields = [
        (field(&d, "id"), dat.id.clone()),
        (field(&d, "prefix"), "KT.".into()),
        (field(&d, "authority_title"), "CHÁNH THANH TRA".into()),
        (field(&d, "title"), "PHÓ CHÁNH THANH TRA".into()),
        (field(&d, "full_name"), "Nguyễn Văn Đạt".into()),
        (field(&d, "valid_from"), dat.valid_from.to_string()),
        (field(&d, "valid_to"), "2099-12-31".into()),
        (field(&b, "id"), binh.id.clone()),
        (field(&b, "title"), "CHÁNH THANH TRA".into()),
        (field(&b, "full_name"), "Lê Văn Bình".into()),
        (field(&b, "remove"), "1".into()),
    ];
    let r = app.post_form(&page, &refs(&fields)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let all = app.with_conn(|c| thanhtra::agencies::queries::signers(c, &agency).unwrap());
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].id, dat.id, "changed in place");
    assert_eq!(all[0].valid_to.map(|d| d.to_string()).as_deref(), Some("2099-12-31"));

    // The history says each change in words.
    let (_, show) = app.get_html(&format!("/admin/agencies/{agency}")).await;
    assert!(show.contains("Lê Văn Bình — CHÁNH THANH TRA ("), "the removed signer, in words");
    assert!(
        show.contains("Nguyễn Văn Đạt — KT. CHÁNH THANH TRA / PHÓ CHÁNH THANH TRA (") && show.contains("31/12/2099")
    );
}

#[actix_web::test]
async fn a_signer_a_document_names_is_not_removed_and_nothing_of_the_save_is_kept() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let signer = agency_with_signer(&app);
    let (_, token) = UserBuilder::leader("truongdoan").build_with_token(&app);
    draft(&app, &token, &signer).await;
    app.login_as(Role::Admin).await;
    let page = format!("/admin/agencies/{agency}/signers");
    let r = app
        .post_form(
            &page,
            &[
                ("signers.0.id", signer.as_str()),
                ("signers.0.title", "PHÓ CHÁNH THANH TRA"),
                ("signers.0.full_name", "Nguyễn Văn Đạt"),
                ("signers.0.remove", "1"),
                ("signers.1.title", "Chánh Thanh tra"),
                ("signers.1.full_name", "Lê Văn Bình"),
                ("signers.2.prefix", "KT."),
                ("signers.2.title", "Phó Chánh Thanh tra"),
                ("signers.2.full_name", "Trần Thị C"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    // Said at once with the other rows' errors.
    assert!(html.contains("id=\"e-s2-authority_title\">Bắt buộc nhập."));
    // Beside the row's remove box, and the input kept.
    let error = html.find("id=\"e-s0-remove\"").expect("the refusal is beside row 0's remove box");
    assert!(html[error..].contains("Nguyễn Văn Đạt là người ký của 1 văn bản"), "{}", &html[error..error + 300]);
    assert!(html.contains("Hiệu lực đến"));
    assert!(html.contains("name=\"signers.0.remove\" value=\"1\" checked"));
    assert!(html.contains("value=\"Lê Văn Bình\""), "the new row is kept");
    assert_eq!(signer_ids(&app, &agency), vec![signer.clone()], "nothing saved");

    // The API says the same with its code.
    let admin = app.create_user("quantri", Role::Admin, &agency);
    let (s, v) = app
        .api(Method::PUT, &format!("/api/v1/agencies/{agency}/signers"), &app.token_for(&admin), Some(json!([])))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(
        (v["errors"][0]["field"].as_str(), v["errors"][0]["code"].as_str()),
        (Some("signers"), Some("signer_in_use"))
    );
    assert_eq!(v["errors"][0]["params"]["count"], "1", "{v}");
    assert_eq!(signer_ids(&app, &agency), vec![signer]);
}

#[actix_web::test]
async fn errors_stand_beside_the_field_of_their_row() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    app.login_as(Role::Admin).await;
    let r = app
        .post_form(
            &format!("/admin/agencies/{agency}/signers"),
            &[
                ("signers.0.prefix", "KT."),
                ("signers.0.title", "Phó Chánh Thanh tra"),
                ("signers.0.full_name", "Nguyễn Văn Đạt"),
                ("signers.1.title", "Chánh Thanh tra"),
                ("signers.1.full_name", "Lê Văn Bình"),
                ("signers.1.valid_from", "2026-02-30"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"e-s0-authority_title\">Bắt buộc nhập."), "the head's title goes with a prefix");
    assert!(html.contains("id=\"e-s1-valid_from\">Ngày không hợp lệ"));
    assert!(html.contains("value=\"2026-02-30\"") && html.contains("value=\"Nguyễn Văn Đạt\""), "input kept");
    assert!(signer_ids(&app, &agency).is_empty());
}

#[actix_web::test]
async fn the_api_reads_and_saves_signers_with_their_ids() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let signer = agency_with_signer(&app);
    let admin = app.create_user("quantri", Role::Admin, &agency);
    let token = app.token_for(&admin);
    let (_, leader_token) = UserBuilder::leader("truongdoan").build_with_token(&app);
    let path = format!("/api/v1/agencies/{agency}/signers");

    // The id an API client sends as signer_id is in the agency and in its signers list.
    let (s, v) = app.api(Method::GET, &format!("/api/v1/agencies/{agency}"), &leader_token, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["signers"][0]["id"], signer.as_str(), "{v}");
    assert!(v["signers"][0].get("agency_id").is_none());
    let (s, v) = app.api(Method::GET, &path, &leader_token, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v[0]["id"], signer.as_str());
    assert_eq!((v[0]["in_force"].as_bool(), v[0]["documents"].as_i64()), (Some(true), Some(0)), "{v}");

    // A leader reads but does not change them.
    let (s, _) = app.api(Method::PUT, &path, &leader_token, Some(json!([]))).await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Change one in place and add one.
    let body = json!([
        {"id": signer, "prefix": "KT.", "authority_title": "Chánh Thanh tra", "title": "Phó Chánh Thanh tra", "full_name": "Nguyễn Văn Đạt", "valid_to": "2099-12-31"},
        {"title": "Chánh Thanh tra", "full_name": "Lê Văn Bình", "valid_from": "2026-01-01"},
    ]);
    let (s, v) = app.api(Method::PUT, &path, &token, Some(body)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let kept = list.iter().find(|x| x["id"] == signer.as_str()).expect("same id");
    assert_eq!(kept["valid_to"], "2099-12-31");
    let added = list.iter().find(|x| x["full_name"] == "Lê Văn Bình").unwrap();
    assert_eq!((added["title"].as_str(), added["prefix"].as_str()), (Some("CHÁNH THANH TRA"), Some("")));

    // Field errors name the entry; an id of another agency is not found; nothing is saved.
    let other = app.add_agency("SVHTTDL", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH");
    // (Another agency's list, with its document counts, is that agency's own.)
    let (s, _) = app.api(Method::GET, &format!("/api/v1/agencies/{other}/signers"), &token, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let foreign = app.with_conn(|c| {
        thanhtra::agencies::steps::signers::save(
            c,
            &thanhtra::audit::Actor::system("test"),
            &other,
            &[thanhtra::agencies::forms::SignerInput {
                title: "GIÁM ĐỐC".into(),
                full_name: "Trần Thị C".into(),
                ..Default::default()
            }],
            thanhtra::agencies::forms::Omitted::Kept,
        )
        .unwrap()[0]
            .id
            .clone()
    });
    let (s, v) = app
        .api(
            Method::PUT,
            &path,
            &token,
            Some(json!([{"id": signer, "prefix": "XX.", "title": "x", "full_name": "y"}, {"id": foreign, "title": "x", "full_name": "y"}])),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let fields: Vec<(&str, &str)> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(fields, vec![("signers.0.prefix", "invalid_choice"), ("signers.1.id", "not_found")]);
    let (_, v) = app.api(Method::GET, &path, &token, None).await;
    assert_eq!(v.as_array().map(Vec::len), Some(2));

    // Leaving one out removes it (no document names it).
    let (s, v) = app.api(Method::PUT, &path, &token, Some(json!([kept.clone()]).take_without_views())).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    assert_eq!(signer_ids(&app, &agency), vec![signer]);
    assert_eq!(signer_ids(&app, &other), vec![foreign], "the other agency's signer is untouched");
}

/// What `GET .../signers` returns, as `PUT` takes it back (without what the list shows beside it).
trait WithoutViews {
    fn take_without_views(self) -> Value;
}

impl WithoutViews for Value {
    fn take_without_views(mut self) -> Value {
        for e in self.as_array_mut().into_iter().flatten() {
            if let Some(o) = e.as_object_mut() {
                o.remove("in_force");
                o.remove("documents");
            }
        }
        self
    }
}

#[actix_web::test]
async fn the_api_round_trips_a_deputys_delegation_and_a_client_that_leaves_it_out_keeps_it() {
    let app = spawn_app().await;
    let agency = app.default_agency();
    let signer = agency_with_signer(&app);
    let admin = app.create_user("quantri", Role::Admin, &agency);
    let token = app.token_for(&admin);
    let path = format!("/api/v1/agencies/{agency}/signers");
    let (_, v) = app.api(Method::GET, &path, &token, None).await;
    assert_eq!(v[0]["sanction_delegation"], "", "none yet: {v}");

    let delegation = "Quyết định số 05/QĐ-GQXP ngày 02/01/2026 của Chánh Thanh tra tỉnh về việc giao quyền xử phạt vi phạm hành chính";
    let entry = |extra: Value| {
        let mut e = json!({"id": signer, "prefix": "KT.", "authority_title": "CHÁNH THANH TRA", "title": "PHÓ CHÁNH THANH TRA", "full_name": "Nguyễn Văn Đạt"});
        e.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        json!([e])
    };
    let (s, v) = app.api(Method::PUT, &path, &token, Some(entry(json!({"sanction_delegation": delegation})))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v[0]["sanction_delegation"], delegation);
    let (_, v) = app.api(Method::GET, &path, &token, None).await;
    assert_eq!(v[0]["sanction_delegation"], delegation, "read back as saved");
    let (_, a) = app.api(Method::GET, &format!("/api/v1/agencies/{agency}"), &token, None).await;
    assert_eq!(a["signers"][0]["sanction_delegation"], delegation, "and with the agency");

    // A client written before the field existed saves the signer without wiping it.
    let (s, v) = app.api(Method::PUT, &path, &token, Some(entry(json!({"valid_to": "2099-12-31"})))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v[0]["sanction_delegation"].as_str(), v[0]["valid_to"].as_str()),
        (Some(delegation), Some("2099-12-31"))
    );
    // Too long is refused beside the entry's field; empty clears it.
    let (s, v) =
        app.api(Method::PUT, &path, &token, Some(entry(json!({"sanction_delegation": "x".repeat(301)})))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(
        (v["errors"][0]["field"].as_str(), v["errors"][0]["code"].as_str()),
        (Some("signers.0.sanction_delegation"), Some("too_long"))
    );
    let (s, v) = app.api(Method::PUT, &path, &token, Some(entry(json!({"sanction_delegation": ""})))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v[0]["sanction_delegation"], "");

    // Saving the agency form (which has no signers) leaves it as it is.
    app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::agency_signers;
        diesel::update(agency_signers::table)
            .set(agency_signers::sanction_delegation.eq(delegation))
            .execute(c)
            .unwrap();
    });
    app.login_as(Role::Admin).await;
    let r = app.post_form(&format!("/admin/agencies/{agency}"), &refs(&agency_form(&app, &agency))).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, v) = app.api(Method::GET, &path, &token, None).await;
    assert_eq!(v[0]["sanction_delegation"], delegation);
}
