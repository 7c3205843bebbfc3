//! The complaints desk end to end, through the API and the pages: a walk-in complaint accepted and
//! decided at first instance; a denunciation extended twice and concluded, its denouncer masked
//! from an inspector not on the case and every reveal audited; a petition forwarded; bad input
//! refused with nothing saved.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use thanhtra::auth::Role;

use crate::builders::{OutletBuilder, UserBuilder};
use crate::helpers::TestApp;

async fn call(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>, want: StatusCode) -> Value {
    let (s, v) = app.api(method, path, token, body).await;
    assert_eq!(s, want, "{path}: {v}");
    v
}

async fn step(app: &TestApp, token: &str, id: &str, body: Value) -> Value {
    call(app, token, Method::POST, &format!("/api/v1/complaints/{id}/steps"), Some(body), StatusCode::OK).await
}

fn days_ago(n: u64) -> String {
    (thanhtra::time::today_vn() - chrono::Days::new(n)).to_string()
}

fn complaint(outlet: &str) -> Value {
    json!({
        "received_on": days_ago(3),
        "channel": "walk_in",
        "kind": "complaint",
        "kind_reason": "Đề nghị xem xét lại quyết định xử phạt: nội dung khiếu nại quyết định hành chính",
        "competence": "within",
        "subject": "Khiếu nại quyết định xử phạt của Công ty In Hồng Lam",
        "content": "Tôi không đồng ý với quyết định xử phạt số 12/QĐ-XPHC.",
        "people": [{"full_name": "Nguyễn Văn Khiếu", "phone": "0912 345 678", "address": "Xã Cẩm Xuyên, Hà Tĩnh"}],
        "outlet_ids": outlet,
    })
}

fn denunciation(officer: &str) -> Value {
    json!({
        "received_on": days_ago(2),
        "channel": "post",
        "kind": "denunciation",
        "kind_reason": "Báo tin về hành vi vi phạm pháp luật của cơ sở in",
        "competence": "within",
        "subject": "Tố cáo cơ sở in sách lậu",
        "content": "Tôi là Trần Thị Tố, nhà ở gần xưởng, thấy cơ sở in sách không phép ban đêm.",
        "people": [{"full_name": "Trần Thị Tố", "phone": "+84 987 654 321", "id_number": "042190001234"}],
        "officer_id": officer,
    })
}

#[actix_web::test]
async fn a_walk_in_complaint_is_accepted_and_decided_at_first_instance() {
    let app = crate::helpers::spawn_app().await;
    let (_, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let outlet = OutletBuilder::printing(7101).build(&app, &leader).await;
    let s = call(&app, &token, Method::POST, "/api/v1/complaints", Some(complaint(&outlet)), StatusCode::CREATED).await;
    let id = s["id"].as_str().unwrap().to_string();
    assert_eq!(s["state"], "received");
    assert_eq!(s["number"], 1);
    assert!(s["tracking_code"].as_str().unwrap().len() == 9, "{s}");
    // The handling clock (10 days from receipt) runs.
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{id}"), None, StatusCode::OK).await;
    assert_eq!(d["disclosure"], "open");
    assert_eq!(d["people"][0]["full_name"], "Nguyễn Văn Khiếu");
    assert_eq!(d["outlets"][0][0], outlet.as_str());
    let dl = d["deadlines"].as_array().unwrap();
    assert_eq!(dl.len(), 1);
    assert_eq!(dl[0]["rule_code"], "complaint.acceptance");
    // Out of order: nothing to decide before acceptance.
    let (st, e) = app
        .api(
            Method::POST,
            &format!("/api/v1/complaints/{id}/steps"),
            &token,
            Some(json!({"step": "decide", "reason": "x"})),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{e}");
    assert_eq!(e["errors"][0]["code"], "submission_step_not_allowed");
    // Accepted: the handling clock closes, the 30-day first-instance clock starts from that day.
    let acc = days_ago(1);
    let s = step(&app, &token, &id, json!({"step": "accept", "date": acc})).await;
    assert_eq!(s["state"], "accepted");
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{id}"), None, StatusCode::OK).await;
    let dl = d["deadlines"].as_array().unwrap();
    assert_eq!(dl.len(), 2);
    assert!(!dl[0]["closed_at"].is_null());
    assert_eq!(dl[1]["rule_code"], "complaint.first");
    assert_eq!(dl[1]["start_date"], acc.as_str());
    assert_eq!(dl[1]["duration"], 30);
    // Deciding needs the finding: refused without it, nothing changed.
    let (st, e) =
        app.api(Method::POST, &format!("/api/v1/complaints/{id}/steps"), &token, Some(json!({"step": "decide"}))).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(e["errors"][0]["field"], "reason");
    for st in ["start_verification", "hold_dialogue", "decide", "implement", "close"] {
        let s = step(
            &app,
            &token,
            &id,
            json!({"step": st, "reason": "Khiếu nại đúng một phần: quyết định xử phạt ghi sai mức phạt"}),
        )
        .await;
        assert_ne!(s["state"], "received", "{st}");
    }
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{id}"), None, StatusCode::OK).await;
    assert_eq!(d["submission"]["state"], "closed");
    assert!(d["deadlines"].as_array().unwrap().iter().all(|x| !x["closed_at"].is_null()));
    assert!(d["steps"].as_array().unwrap().is_empty());
    // The outlet's record shows it; the list finds it without diacritics.
    let l =
        call(&app, &token, Method::GET, "/api/v1/complaints?q=khieu%20nai%20hong%20lam", None, StatusCode::OK).await;
    assert_eq!(l["total"], 1);
    let l = call(&app, &token, Method::GET, "/api/v1/complaints?q=nguyen%20van%20khieu", None, StatusCode::OK).await;
    assert_eq!(l["total"], 1, "a complainant's name is searchable");
    // The history reads in words.
    app.login("tiepdan", crate::helpers::PASSWORD).await;
    let (st, html) = app.get_html(&format!("/complaints/{id}")).await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("Đã thụ lý") && html.contains("Đã kết thúc"), "states in words");
    assert!(!html.contains("submission_step"), "no codes");
}

#[actix_web::test]
async fn a_denunciation_is_extended_twice_and_its_denouncer_stays_secret() {
    let app = crate::helpers::spawn_app().await;
    let (officer, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let (_, outsider) = UserBuilder::inspector("thanhtravien").build_with_token(&app);
    let (verifier, verifier_token) = UserBuilder::inspector("xacminh").build_with_token(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let s =
        call(&app, &token, Method::POST, "/api/v1/complaints", Some(denunciation(&officer)), StatusCode::CREATED).await;
    let id = s["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/complaints/{id}");

    // An inspector not on the case: masked, and refused when asking to see.
    let d = call(&app, &outsider, Method::GET, &path, None, StatusCode::OK).await;
    assert_eq!(d["disclosure"], "masked");
    assert_eq!(d["people"].as_array().unwrap().len(), 0);
    assert_eq!(d["people_count"], 1);
    assert_eq!(d["submission"]["content"], "");
    assert!(!d.to_string().contains("Trần Thị Tố") && !d.to_string().contains("987 654"), "{d}");
    let e = call(&app, &outsider, Method::GET, &format!("{path}?reveal=true"), None, StatusCode::CONFLICT).await;
    assert_eq!(e["errors"][0]["code"], "submission_secret");
    // Nor does a search by the denouncer's name find it.
    let l = call(&app, &outsider, Method::GET, "/api/v1/complaints?q=tran%20thi%20to", None, StatusCode::OK).await;
    assert_eq!(l["total"], 0);
    let l = call(&app, &outsider, Method::GET, "/api/v1/complaints", None, StatusCode::OK).await;
    assert_eq!(l["items"][0]["content"], "");
    // The handling officer may reveal; a leader too; each reading is in the audit trail.
    let d = call(&app, &token, Method::GET, &format!("{path}?reveal=true"), None, StatusCode::OK).await;
    assert_eq!(d["disclosure"], "revealed");
    assert_eq!(d["people"][0]["full_name"], "Trần Thị Tố");
    let d = call(&app, &leader, Method::GET, &path, None, StatusCode::OK).await;
    assert_eq!(d["disclosure"], "may_reveal");
    assert_eq!(d["people"].as_array().unwrap().len(), 0, "a leader sees it only by asking");
    call(&app, &leader, Method::GET, &format!("{path}?reveal=true"), None, StatusCode::OK).await;
    let reveals = app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::audit_log;
        audit_log::table
            .filter(audit_log::record_id.eq(&id))
            .filter(audit_log::action.eq("reveal"))
            .select(audit_log::actor_name)
            .load::<String>(c)
            .unwrap()
    });
    assert_eq!(reveals, vec!["tiepdan".to_string(), "lanhdao".to_string()]);
    // The audit trail never holds the denouncer's name.
    let named = app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::audit_log;
        audit_log::table
            .filter(audit_log::changes.like("%Trần Thị Tố\"%").or(audit_log::record_label.like("%Trần Thị Tố%")))
            .filter(audit_log::record_type.eq("submission_person"))
            .count()
            .get_result::<i64>(c)
            .unwrap()
    });
    assert_eq!(named, 0);

    // Assigned to the verification team, the inspector may read it.
    call(
        &app,
        &token,
        Method::PUT,
        &format!("{path}/members"),
        Some(json!({"officer_id": officer, "verifier_ids": verifier})),
        StatusCode::OK,
    )
    .await;
    let d = call(&app, &verifier_token, Method::GET, &format!("{path}?reveal=true"), None, StatusCode::OK).await;
    assert_eq!(d["people"][0]["phone"], "+84 987 654 321");

    // Accepted, verified, extended twice (30 days each), a third refused; then concluded.
    step(&app, &token, &id, json!({"step": "accept"})).await;
    step(&app, &token, &id, json!({"step": "start_verification"})).await;
    let due = |d: &Value| d["deadlines"][1]["due_date"].as_str().unwrap().to_string();
    let before = due(&call(&app, &token, Method::GET, &path, None, StatusCode::OK).await);
    for n in 1..=2 {
        let s = step(&app, &token, &id, json!({"step": "extend", "days": "30", "reason": "Vụ việc phức tạp"})).await;
        assert_eq!(s["extensions"], n);
    }
    let after = due(&call(&app, &token, Method::GET, &path, None, StatusCode::OK).await);
    let (b, a) = (
        chrono::NaiveDate::parse_from_str(&before, "%Y-%m-%d").unwrap(),
        chrono::NaiveDate::parse_from_str(&after, "%Y-%m-%d").unwrap(),
    );
    assert!((a - b).num_days() >= 58, "{before} → {after}");
    let (st, e) = app
        .api(
            Method::POST,
            &format!("{path}/steps"),
            &token,
            Some(json!({"step": "extend", "days": "30", "reason": "x"})),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{e}");
    assert_eq!(e["errors"][0]["code"], "submission_extensions_used");
    // A step out of order is refused.
    let (st, _) = app.api(Method::POST, &format!("{path}/steps"), &token, Some(json!({"step": "accept"}))).await;
    assert_eq!(st, StatusCode::CONFLICT);
    for s in ["decide", "implement", "publish", "close"] {
        step(&app, &token, &id, json!({"step": s, "reason": "Tố cáo đúng: cơ sở in không có giấy phép"})).await;
    }
    let d = call(&app, &token, Method::GET, &path, None, StatusCode::OK).await;
    assert_eq!(d["submission"]["state"], "closed");
    // Its documents: the decision to accept, two extension decisions, the conclusion; none names
    // the denouncer.
    let roles: Vec<&str> = d["letters"].as_array().unwrap().iter().map(|l| l["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["acceptance", "extension", "extension", "conclusion"], "{d}");
    for l in d["letters"].as_array().unwrap() {
        let doc = call(
            &app,
            &token,
            Method::GET,
            &format!("/api/v1/documents/{}", l["document_id"].as_str().unwrap()),
            None,
            StatusCode::OK,
        )
        .await;
        let text = doc.to_string();
        for secret in ["Trần Thị Tố", "987 654 321", "0987654321", "042190001234", "nhà ở gần xưởng"] {
            assert!(!text.contains(secret), "{secret} in {}", l["role"]);
        }
    }
    let ext = call(
        &app,
        &token,
        Method::GET,
        &format!("/api/v1/documents/{}", d["letters"][2]["document_id"].as_str().unwrap()),
        None,
        StatusCode::OK,
    )
    .await;
    assert!(ext.to_string().contains("lần thứ 2, thêm 30 ngày"), "{ext}");
    let con = call(
        &app,
        &token,
        Method::GET,
        &format!("/api/v1/documents/{}", d["letters"][3]["document_id"].as_str().unwrap()),
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(con["doc_type"], "conclusion");
    assert!(con.to_string().contains("cơ sở in không có giấy phép"), "the finding: {con}");

    // The page: masked for the outsider, with no reveal button; the officer's reveal is audited.
    app.login("thanhtravien", crate::helpers::PASSWORD).await;
    let (_, html) = app.get_html(&format!("/complaints/{id}")).await;
    assert!(html.contains("được bảo mật") && !html.contains("Trần Thị Tố") && !html.contains("/reveal"), "masked page");
    assert!(!html.contains("nhà ở gần xưởng"), "content masked in the page and its history");
    let r = app.post_form(&format!("/complaints/{id}/reveal"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_html(r.headers()["location"].to_str().unwrap()).await;
    assert!(
        html.contains("Chỉ người được phân công giải quyết") && !html.contains("Trần Thị Tố"),
        "refused on the page"
    );
}

#[actix_web::test]
async fn a_petition_is_forwarded_and_bad_input_changes_nothing() {
    let app = crate::helpers::spawn_app().await;
    let (_, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let petition = json!({
        "received_on": days_ago(1),
        "channel": "forwarded",
        "forwarded_by": "Ban Tiếp công dân tỉnh",
        "forwarded_ref": "Phiếu chuyển số 45/PC-BTCD ngày 01/12/2026",
        "kind": "petition",
        "kind_reason": "Phản ánh về chất lượng dịch vụ bưu chính",
        "competence": "outside",
        "subject": "Phản ánh thư bảo đảm chậm",
        "content": "Thư bảo đảm gửi ngày 20/11 đến nay chưa tới.",
        "people": [{"full_name": "Lê Văn Phản", "email": "phan@example.vn"}],
    });
    let s = call(&app, &token, Method::POST, "/api/v1/complaints", Some(petition.clone()), StatusCode::CREATED).await;
    let id = s["id"].as_str().unwrap();
    assert_eq!(s["forwarded_by"], "Ban Tiếp công dân tỉnh");
    // Outside competence: not accepted, forwarded instead.
    let (st, e) =
        app.api(Method::POST, &format!("/api/v1/complaints/{id}/steps"), &token, Some(json!({"step": "accept"}))).await;
    assert_eq!((st, e["errors"][0]["code"].as_str()), (StatusCode::CONFLICT, Some("submission_outside_competence")));
    let (st, e) = app
        .api(Method::POST, &format!("/api/v1/complaints/{id}/steps"), &token, Some(json!({"step": "forward"})))
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    let s = step(&app, &token, id, json!({"step": "forward", "body": "Bưu điện tỉnh Hà Tĩnh"})).await;
    assert_eq!(s["state"], "forwarded");
    assert_eq!(s["forwarded_to"], "Bưu điện tỉnh Hà Tĩnh");
    assert!(!s["closed_on"].is_null());

    // Bad input: missing facts, a future date, a forwarded one without its sender, an anonymous
    // one accepted; each refused, nothing saved.
    let count = || {
        app.with_conn(|c| {
            use diesel::prelude::*;
            thanhtra::db::schema::submissions::table.count().get_result::<i64>(c).unwrap()
        })
    };
    let n = count();
    let mut bad = petition.clone();
    bad["received_on"] = json!("");
    bad["kind_reason"] = json!(" ");
    bad["forwarded_by"] = json!("");
    bad["people"] = json!([{"full_name": "", "phone": "12"}]);
    let (st, e) = app.api(Method::POST, "/api/v1/complaints", &token, Some(bad)).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    let fields: Vec<&str> = e["errors"].as_array().unwrap().iter().map(|x| x["field"].as_str().unwrap()).collect();
    for f in ["received_on", "kind_reason", "forwarded_by", "person_1_full_name", "person_1_phone"] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let mut future = petition.clone();
    future["received_on"] = json!((thanhtra::time::today_vn() + chrono::Days::new(2)).to_string());
    let (st, _) = app.api(Method::POST, "/api/v1/complaints", &token, Some(future)).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    let mut anon = petition.clone();
    anon["anonymous"] = json!("true");
    anon["people"] = json!([]);
    anon["competence"] = json!("within");
    let s = call(&app, &token, Method::POST, "/api/v1/complaints", Some(anon), StatusCode::CREATED).await;
    let (st, e) = app
        .api(
            Method::POST,
            &format!("/api/v1/complaints/{}/steps", s["id"].as_str().unwrap()),
            &token,
            Some(json!({"step": "accept"})),
        )
        .await;
    assert_eq!((st, e["errors"][0]["code"].as_str()), (StatusCode::CONFLICT, Some("submission_anonymous")));
    assert_eq!(count(), n + 1);
    // Numbers run without gaps through the refusals.
    assert_eq!(s["number"], 2);
    // A permit officer does not read citizens' submissions.
    let (_, permit) = UserBuilder::new("giayphep", Role::PermitOfficer).build_with_token(&app);
    let (st, _) = app.api(Method::GET, "/api/v1/complaints", &permit, None).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
}

#[actix_web::test]
async fn the_reception_form_keeps_input_and_shows_errors_beside_fields() {
    let app = crate::helpers::spawn_app().await;
    UserBuilder::new("tiepdan", Role::ReceptionOfficer).build(&app);
    app.login("tiepdan", crate::helpers::PASSWORD).await;
    let (st, html) = app.get_html("/complaints/new").await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("name=\"person_1_full_name\""));
    let r = app
        .post_form(
            "/complaints/new",
            &[
                ("received_on", ""),
                ("channel", "walk_in"),
                ("kind", "complaint"),
                ("subject", "Khiếu nại về giấy phép in"),
                ("competence", "within"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("Khiếu nại về giấy phép in"), "input kept");
    assert!(
        html.contains("id=\"e-received_on\"") && html.contains("id=\"e-person_1_full_name\""),
        "errors beside fields"
    );
    let r = app
        .post_form(
            "/complaints/new",
            &[
                ("received_on", &thanhtra::time::today_vn().to_string()),
                ("channel", "walk_in"),
                ("kind", "complaint"),
                ("kind_reason", "Khiếu nại việc từ chối cấp giấy phép"),
                ("competence", "within"),
                ("subject", "Khiếu nại về giấy phép in"),
                ("content", "Đề nghị xem xét lại."),
                ("person_1_full_name", "Phạm Thị Đơn"),
                ("person_1_phone", "0905 111 222"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "redirected to the case");
    let to = r.headers()["location"].to_str().unwrap().to_string();
    let (_, html) = app.get_html(&to).await;
    assert!(html.contains("Phạm Thị Đơn") && html.contains("Mã tra cứu"), "the case page after saving");
    let (_, list) = app.get_html("/complaints?q=pham%20thi%20don").await;
    assert!(list.contains("Khiếu nại về giấy phép in"));
    let (_, due) = app.get_html("/complaints/due").await;
    assert!(due.contains("Đơn đến hạn trong tuần"));
}

#[actix_web::test]
async fn a_duplicate_is_flagged_and_merged_keeping_both_records() {
    let app = crate::helpers::spawn_app().await;
    let (_, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let outlet = OutletBuilder::printing(7102).build(&app, &leader).await;
    let first =
        call(&app, &token, Method::POST, "/api/v1/complaints", Some(complaint(&outlet)), StatusCode::CREATED).await;
    let first_id = first["id"].as_str().unwrap().to_string();
    // The same person (phone written otherwise, name without diacritics) sends it again.
    let mut again = complaint(&outlet);
    again["received_on"] = json!(days_ago(1));
    again["channel"] = json!("post");
    again["content"] = json!("Tôi không đồng ý với quyết định xử phạt số 12/QĐ-XPHC (gửi lần hai).");
    again["people"] = json!([{"full_name": "Nguyen Van Khieu", "phone": "+84912345678"}]);
    let second = call(&app, &token, Method::POST, "/api/v1/complaints", Some(again), StatusCode::CREATED).await;
    let second_id = second["id"].as_str().unwrap().to_string();
    // Another matter from another person is not flagged.
    let mut other = complaint(&outlet);
    other["subject"] = json!("Phản ánh bưu tá giao thư chậm");
    other["content"] = json!("Thư bảo đảm gửi từ tháng trước chưa tới.");
    other["people"] = json!([{"full_name": "Lê Thị Khác", "phone": "0987000000"}]);
    let third = call(&app, &token, Method::POST, "/api/v1/complaints", Some(other), StatusCode::CREATED).await;
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{second_id}"), None, StatusCode::OK).await;
    let dups: Vec<&str> =
        d["possible_duplicates"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert_eq!(dups, vec![first_id.as_str()]);
    let d = call(
        &app,
        &token,
        Method::GET,
        &format!("/api/v1/complaints/{}", third["id"].as_str().unwrap()),
        None,
        StatusCode::OK,
    )
    .await;
    assert!(d["possible_duplicates"].as_array().unwrap().is_empty());
    // Merging into itself is refused; into the first, it is filed with a link and its clock closed.
    let (st, _) = app
        .api(
            Method::POST,
            &format!("/api/v1/complaints/{second_id}/merge"),
            &token,
            Some(json!({"into_id": second_id})),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
    let s = call(
        &app,
        &token,
        Method::POST,
        &format!("/api/v1/complaints/{second_id}/merge"),
        Some(json!({"into_id": first_id})),
        StatusCode::OK,
    )
    .await;
    assert_eq!((s["state"].as_str(), s["duplicate_of"].as_str()), (Some("filed"), Some(first_id.as_str())));
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{second_id}"), None, StatusCode::OK).await;
    assert!(d["deadlines"].as_array().unwrap().iter().all(|x| !x["closed_at"].is_null()));
    let (st, e) = app
        .api(Method::POST, &format!("/api/v1/complaints/{second_id}/merge"), &token, Some(json!({"into_id": first_id})))
        .await;
    assert_eq!((st, e["errors"][0]["code"].as_str()), (StatusCode::CONFLICT, Some("submission_step_not_allowed")));
    // Both records are kept; the first goes on as before.
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{first_id}"), None, StatusCode::OK).await;
    assert_eq!(d["submission"]["state"], "received");
    // The page shows the link in words.
    app.login("tiepdan", crate::helpers::PASSWORD).await;
    let (_, html) = app.get_html(&format!("/complaints/{second_id}")).await;
    assert!(html.contains("Trùng với đơn") && html.contains("1/"), "the duplicate links to the first");
}

#[actix_web::test]
async fn the_start_page_and_the_outlet_page_show_the_desk() {
    let app = crate::helpers::spawn_app().await;
    let (officer, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let outlet = OutletBuilder::printing(7103).build(&app, &leader).await;
    // Received 20 days ago: its 10-day handling clock is past.
    let mut late = complaint(&outlet);
    late["received_on"] = json!(days_ago(20));
    late["officer_id"] = json!(officer);
    call(&app, &token, Method::POST, "/api/v1/complaints", Some(late), StatusCode::CREATED).await;
    let mut secret = denunciation(&officer);
    secret["outlet_ids"] = json!(outlet);
    call(&app, &token, Method::POST, "/api/v1/complaints", Some(secret), StatusCode::CREATED).await;
    app.login("tiepdan", crate::helpers::PASSWORD).await;
    let (_, home) = app.get_html("/").await;
    assert!(home.contains("Đơn đang xử lý, giải quyết"), "the tile");
    assert!(home.contains("/complaints/") && home.contains("Xử lý đơn"), "my work lists the cases");
    assert!(home.contains("dl-overdue"), "the late one in red");
    let (_, page) = app.get_html(&format!("/outlets/{outlet}")).await;
    assert!(page.contains("Khiếu nại quyết định xử phạt") && page.contains("Tố cáo cơ sở in sách lậu"), "both listed");
    assert!(!page.contains("Trần Thị Tố"), "never the denouncer");
    let (_, form) = app.get_html(&format!("/complaints/new?outlet_id={outlet}")).await;
    assert!(form.contains(&format!("value=\"{outlet}\"")), "the outlet chosen");
}

#[actix_web::test]
async fn each_outcome_drafts_its_letter_and_a_denunciations_never_names_the_denouncer() {
    use crate::helpers::{pdf_bytes, pdf_text_words};
    let app = crate::helpers::spawn_app().await;
    crate::builders::agency_with_signer(&app);
    let (officer, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let outlet = OutletBuilder::printing(7104).build(&app, &leader).await;
    // A complaint accepted: a notice to the complainant, with the 30-day limit, issued by a leader.
    let c = call(&app, &token, Method::POST, "/api/v1/complaints", Some(complaint(&outlet)), StatusCode::CREATED).await;
    let cid = c["id"].as_str().unwrap();
    step(&app, &token, cid, json!({"step": "accept"})).await;
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{cid}"), None, StatusCode::OK).await;
    assert_eq!(d["letters"][0]["role"], "acceptance", "{d}");
    let doc = d["letters"][0]["document_id"].as_str().unwrap();
    let issued =
        call(&app, &leader, Method::POST, &format!("/api/v1/documents/{doc}/issue"), None, StatusCode::OK).await;
    let symbol = issued["symbol"].as_str().unwrap().to_string();
    assert!(symbol.contains("/TB-"), "a notice: {symbol}");
    let text = pdf_text_words(&pdf_bytes(&app, &leader, doc).await);
    for want in [
        "THÔNG BÁO",
        "Về việc thụ lý giải quyết khiếu nại",
        "Kính gửi: Ông (bà) Nguyễn Văn Khiếu",
        "30 ngày",
        "Điều 28 Luật Khiếu nại",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    // Decided at first instance: the decision states the finding and the right to go further.
    for st in ["start_verification", "hold_dialogue"] {
        step(&app, &token, cid, json!({"step": st})).await;
    }
    step(&app, &token, cid, json!({"step": "decide", "reason": "Khiếu nại đúng một phần: mức phạt ghi sai"})).await;
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{cid}"), None, StatusCode::OK).await;
    assert_eq!(d["letters"][1]["role"], "decision", "{d}");
    let doc = d["letters"][1]["document_id"].as_str().unwrap();
    let issued =
        call(&app, &leader, Method::POST, &format!("/api/v1/documents/{doc}/issue"), None, StatusCode::OK).await;
    assert!(issued["symbol"].as_str().unwrap().contains("/QĐ-"), "{issued}");
    let text = pdf_text_words(&pdf_bytes(&app, &leader, doc).await);
    for want in [
        "QUYẾT ĐỊNH",
        "Về việc giải quyết khiếu nại (lần đầu)",
        "Căn cứ Luật Khiếu nại",
        "Nghị định số 124/2020/NĐ-CP",
        "Nguyễn Văn Khiếu",
        "mức phạt ghi sai",
        "khiếu nại lần hai",
        "Điều 3.",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    // A denunciation accepted: a decision that states the content, never who sent it.
    let n =
        call(&app, &token, Method::POST, "/api/v1/complaints", Some(denunciation(&officer)), StatusCode::CREATED).await;
    let nid = n["id"].as_str().unwrap();
    step(&app, &token, nid, json!({"step": "accept"})).await;
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{nid}"), None, StatusCode::OK).await;
    let doc = d["letters"][0]["document_id"].as_str().unwrap();
    let text = pdf_text_words(&pdf_bytes(&app, &leader, doc).await);
    assert!(text.contains("QUYẾT ĐỊNH") && text.contains("Thụ lý tố cáo"), "{text}");
    for secret in ["Trần Thị Tố", "987 654 321", "042190001234", "nhà ở gần xưởng"] {
        assert!(!text.contains(secret), "{secret} in the decision");
    }
    // A petition forwarded: the letter goes to the body named.
    let mut p = complaint(&outlet);
    p["kind"] = json!("petition");
    p["competence"] = json!("outside");
    p["subject"] = json!("Phản ánh thư chậm");
    let p = call(&app, &token, Method::POST, "/api/v1/complaints", Some(p), StatusCode::CREATED).await;
    let pid = p["id"].as_str().unwrap();
    step(&app, &token, pid, json!({"step": "forward", "body": "Bưu điện tỉnh Hà Tĩnh"})).await;
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{pid}"), None, StatusCode::OK).await;
    assert_eq!(d["letters"][0]["role"], "forwarding");
    let doc = d["letters"][0]["document_id"].as_str().unwrap();
    let text = pdf_text_words(&pdf_bytes(&app, &leader, doc).await);
    assert!(
        text.contains("Kính gửi: Bưu điện tỉnh Hà Tĩnh") && text.contains("V/v chuyển đơn kiến nghị, phản ánh"),
        "{text}"
    );
    // A petition within competence accepted and answered: the answer is a letter to the citizen.
    let mut p = complaint(&outlet);
    p["kind"] = json!("petition");
    p["subject"] = json!("Phản ánh điểm trò chơi mở quá giờ");
    let p = call(&app, &token, Method::POST, "/api/v1/complaints", Some(p), StatusCode::CREATED).await;
    let pid = p["id"].as_str().unwrap();
    step(&app, &token, pid, json!({"step": "accept"})).await;
    step(&app, &token, pid, json!({"step": "answer", "reason": "Đã kiểm tra và nhắc nhở chủ điểm trò chơi"})).await;
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{pid}"), None, StatusCode::OK).await;
    assert_eq!(d["letters"][0]["role"], "answer", "{d}");
    let doc = d["letters"][0]["document_id"].as_str().unwrap();
    let text = pdf_text_words(&pdf_bytes(&app, &leader, doc).await);
    for want in ["V/v trả lời kiến nghị, phản ánh", "Kính gửi: Ông (bà) Nguyễn Văn Khiếu", "nhắc nhở chủ điểm trò chơi"]
    {
        assert!(text.contains(want), "{want} in {text}");
    }
}

#[actix_web::test]
async fn the_public_status_page_shows_state_and_deadline_only_to_code_and_phone() {
    let app = crate::helpers::spawn_app().await;
    let (officer, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let s =
        call(&app, &token, Method::POST, "/api/v1/complaints", Some(denunciation(&officer)), StatusCode::CREATED).await;
    let code = s["tracking_code"].as_str().unwrap().to_string();
    step(&app, &token, s["id"].as_str().unwrap(), json!({"step": "accept"})).await;
    let ask = |code: String, phone: &'static str| {
        let app = &app;
        async move {
            let (st, page) = app.get_html("/status").await;
            assert_eq!(st, StatusCode::OK);
            let csrf = crate::helpers::csrf_in(&page);
            let r = app
                .client
                .post(app.url("/status"))
                .form(&[("csrf_token", csrf.as_str()), ("code", code.as_str()), ("phone", phone)])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            r.text().await.unwrap()
        }
    };
    // Signed out, with the code (in lower case) and the phone written another way.
    let page = ask(code.to_lowercase(), "0987.654.321").await;
    assert!(page.contains("Đã tìm thấy đơn") && page.contains("Đã thụ lý") && page.contains("Tố cáo"), "{page}");
    for secret in ["Trần Thị Tố", "nhà ở gần xưởng", "Tố cáo cơ sở in sách lậu", "tiepdan"] {
        assert!(!page.contains(secret), "{secret} on the public page");
    }
    // A wrong phone finds nothing; the same answer as a wrong code.
    let page = ask(code.clone(), "0912 000 000").await;
    assert!(page.contains("Không tìm thấy đơn"));
    // Guessing is throttled: after the limit, even the right pair waits.
    for _ in 0..12 {
        ask(code.clone(), "0912 000 000").await;
    }
    let page = ask(code.clone(), "0987 654 321").await;
    assert!(page.contains("quá nhiều lần"), "locked");
    // Without the form's token: refused.
    let r = app
        .client
        .post(app.url("/status"))
        .form(&[("code", code.as_str()), ("phone", "0987654321")])
        .send()
        .await
        .unwrap();
    assert_ne!(r.status(), StatusCode::OK);
}

#[actix_web::test]
async fn the_receipt_carries_the_number_code_and_deadline_and_names_no_denouncer() {
    let app = crate::helpers::spawn_app().await;
    let (officer, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let c = call(&app, &token, Method::POST, "/api/v1/complaints", Some(complaint("")), StatusCode::CREATED).await;
    let n =
        call(&app, &token, Method::POST, "/api/v1/complaints", Some(denunciation(&officer)), StatusCode::CREATED).await;
    app.login("tiepdan", crate::helpers::PASSWORD).await;
    let (st, page) = app.get_html(&format!("/complaints/{}/receipt", c["id"].as_str().unwrap())).await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        page.contains(c["tracking_code"].as_str().unwrap()) && page.contains("1/") && page.contains("Nguyễn Văn Khiếu")
    );
    let (_, page) = app.get_html(&format!("/complaints/{}/receipt", n["id"].as_str().unwrap())).await;
    assert!(page.contains(n["tracking_code"].as_str().unwrap()) && !page.contains("Trần Thị Tố"));
}

#[actix_web::test]
async fn scans_are_pdfs_or_images_and_a_denunciations_open_only_for_the_case() {
    let app = crate::helpers::spawn_app().await;
    let (officer, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let (_, outsider) = UserBuilder::inspector("thanhtravien").build_with_token(&app);
    let s =
        call(&app, &token, Method::POST, "/api/v1/complaints", Some(denunciation(&officer)), StatusCode::CREATED).await;
    let id = s["id"].as_str().unwrap().to_string();
    let send = |bytes: Vec<u8>, name: &'static str| {
        let (app, token, id) = (&app, token.clone(), id.clone());
        async move {
            let form =
                reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(bytes).file_name(name));
            let r = reqwest::Client::new()
                .post(app.url(&format!("/api/v1/complaints/{id}/files")))
                .bearer_auth(token)
                .multipart(form)
                .send()
                .await
                .unwrap();
            let st = r.status();
            (st, serde_json::from_str::<Value>(&r.text().await.unwrap()).unwrap_or(Value::Null))
        }
    };
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let (st, f) = send(pdf.clone(), "don-tran-thi-to.pdf").await;
    assert_eq!(st, StatusCode::CREATED, "{f}");
    let (st, e) = send(b"<html>not a scan</html>".to_vec(), "scan.pdf").await;
    assert_eq!((st, e["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("scan_type")));
    // The outsider sees that there is a scan, not its name, and cannot open it.
    let d = call(&app, &outsider, Method::GET, &format!("/api/v1/complaints/{id}"), None, StatusCode::OK).await;
    assert_eq!(d["files"].as_array().unwrap().len(), 1);
    assert_eq!(d["files"][0]["file_name"], "");
    app.login("thanhtravien", crate::helpers::PASSWORD).await;
    let fid = f["id"].as_str().unwrap();
    let r = app.client.get(app.url(&format!("/complaints/{id}/files/{fid}"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "refused back to the case");
    // The officer opens it; the opening is in the audit trail; the name never is.
    app.post_form("/logout", &[]).await;
    app.login("tiepdan", crate::helpers::PASSWORD).await;
    let r = app.client.get(app.url(&format!("/complaints/{id}/files/{fid}"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.bytes().await.unwrap().to_vec(), pdf);
    let (reveals, named) = app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::audit_log as a;
        let reveals: i64 =
            a::table.filter(a::record_id.eq(&id)).filter(a::action.eq("reveal")).count().get_result(c).unwrap();
        let named: i64 = a::table.filter(a::changes.like("%tran-thi-to%")).count().get_result(c).unwrap();
        (reveals, named)
    });
    assert_eq!((reveals, named), (1, 0));
}

#[actix_web::test]
async fn a_denunciation_opens_an_ad_hoc_inspection_of_the_outlet_with_its_reason() {
    let app = crate::helpers::spawn_app().await;
    let (officer, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let outlet = OutletBuilder::printing(7105).build(&app, &leader).await;
    let mut body = denunciation(&officer);
    body["outlet_ids"] = json!(outlet);
    let s = call(&app, &token, Method::POST, "/api/v1/complaints", Some(body), StatusCode::CREATED).await;
    app.login("lanhdao", crate::helpers::PASSWORD).await;
    let (_, page) = app.get_html(&format!("/complaints/{}", s["id"].as_str().unwrap())).await;
    let start = page.find("/inspections/new?").expect("a link to open an inspection");
    let href = page[start..].split('"').next().unwrap().replace("&amp;", "&").replace("&#38;", "&");
    let (st, form) = app.get_html(&href).await;
    assert_eq!(st, StatusCode::OK);
    assert!(form.contains(&format!("value=\"{outlet}\"")), "the outlet chosen");
    assert!(
        form.contains("Giải quyết đơn tố cáo số 1"),
        "the reason filled in: {href}\n{}",
        &form[form.find("name=\"reason\"").unwrap_or(0)..][..300.min(form.len())]
    );
    // Opened with that reason, the inspection is listed on the case, in the API and on the page.
    let signer = crate::builders::agency_with_signer(&app);
    let leader_id = app.with_conn(|c| thanhtra::users::queries::find_by_username(c, "lanhdao").unwrap().unwrap().id);
    let reason = href.split("reason=").nth(1).unwrap();
    let reason: String =
        serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("r={reason}")).unwrap()[0].1.clone();
    let eng = crate::builders::EngagementBuilder::check(&outlet, &leader_id, &signer)
        .with("reason", json!(reason))
        .build(&app, &leader)
        .await;
    let d = call(
        &app,
        &leader,
        Method::GET,
        &format!("/api/v1/complaints/{}", s["id"].as_str().unwrap()),
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(d["inspections"][0]["id"], eng.as_str(), "{d}");
    let (_, page) = app.get_html(&format!("/complaints/{}", s["id"].as_str().unwrap())).await;
    assert!(page.contains(&format!("/inspections/{eng}")), "the case links to its inspection");
    // The reception officer, who does not open inspections, gets no such link.
    app.post_form("/logout", &[]).await;
    app.login("tiepdan", crate::helpers::PASSWORD).await;
    let (_, page) = app.get_html(&format!("/complaints/{}", s["id"].as_str().unwrap())).await;
    assert!(!page.contains("/inspections/new?"));
}

#[actix_web::test]
async fn a_periods_figures_count_what_happened_and_link_to_the_submissions_behind_them() {
    let app = crate::helpers::spawn_app().await;
    let (officer, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let outlet = OutletBuilder::printing(7109).build(&app, &leader).await;
    let create = |body: Value| {
        let (app, token) = (&app, &token);
        async move { call(app, token, Method::POST, "/api/v1/complaints", Some(body), StatusCode::CREATED).await }
    };
    // Two complaints (one accepted, one left past its 10-day handling clock), a denunciation, two
    // petitions (one forwarded, one guided), one reception.
    let c1 = create(complaint(&outlet)).await;
    step(&app, &token, c1["id"].as_str().unwrap(), json!({"step": "accept"})).await;
    let mut late = complaint(&outlet);
    late["received_on"] = json!(days_ago(20));
    create(late).await;
    create(denunciation(&officer)).await;
    for (step_name, extra) in
        [("forward", json!({"body": "Bưu điện tỉnh"})), ("guide", json!({"reason": "Gửi UBND xã"}))]
    {
        let mut p = complaint(&outlet);
        p["kind"] = json!("petition");
        p["competence"] = json!("outside");
        let p = create(p).await;
        let mut b = extra;
        b["step"] = json!(step_name);
        step(&app, &token, p["id"].as_str().unwrap(), b).await;
    }
    call(
        &app,
        &token,
        Method::POST,
        "/api/v1/reception",
        Some(json!({"held_on": days_ago(1), "kind": "regular", "host": "Cán bộ trực", "topic": "petition",
            "subject": "Hỏi thủ tục", "content": "Hỏi thủ tục cấp phép", "action": "answered",
            "action_text": "Đã hướng dẫn", "visitors": [{"full_name": "Lê Văn Hỏi"}]})),
        StatusCode::CREATED,
    )
    .await;
    let (from, to) = (days_ago(30), days_ago(0));
    let f = call(
        &app,
        &token,
        Method::GET,
        &format!("/api/v1/complaints/figures?from={from}&to={to}"),
        None,
        StatusCode::OK,
    )
    .await;
    let kind = |k: &str| f["by_kind"].as_array().unwrap().iter().find(|x| x["kind"] == k).unwrap().clone();
    assert_eq!((kind("complaint")["received"].as_i64(), kind("complaint")["accepted"].as_i64()), (Some(2), Some(1)));
    assert_eq!(kind("complaint")["overdue"], 1, "the one left past its handling clock: {f}");
    assert_eq!(kind("denunciation")["received"], 1);
    assert_eq!((kind("petition")["forwarded"].as_i64(), kind("petition")["guided"].as_i64()), (Some(1), Some(1)));
    assert_eq!(f["total"]["received"], 5);
    assert_eq!(f["receptions"], 1);
    // The lists by the running clock's colour split the three open ones, the late one alone red.
    let mut by_colour = vec![];
    for due in ["overdue", "due_soon", "on_track"] {
        let l = call(&app, &token, Method::GET, &format!("/api/v1/complaints?due={due}"), None, StatusCode::OK).await;
        by_colour.push(l["total"].as_i64().unwrap());
    }
    assert_eq!((by_colour[0], by_colour.iter().sum::<i64>()), (1, 3), "{by_colour:?}");
    // Before any of it: nothing.
    let f0 = call(&app, &token, Method::GET, "/api/v1/complaints/figures?month=2020-01", None, StatusCode::OK).await;
    assert_eq!((f0["total"]["received"].as_i64(), f0["from"].as_str()), (Some(0), Some("2020-01-01")));
    // The list behind a figure holds exactly those.
    let l = call(
        &app,
        &token,
        Method::GET,
        &format!("/api/v1/complaints?by=closed&from={from}&to={to}&state=forwarded"),
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(l["total"], 1);
    let l = call(
        &app,
        &token,
        Method::GET,
        &format!("/api/v1/complaints?by=received&from={from}&to={to}&kind=complaint"),
        None,
        StatusCode::OK,
    )
    .await;
    assert_eq!(l["total"], 2);
    // The page shows them with their links.
    app.login("tiepdan", crate::helpers::PASSWORD).await;
    let (st, html) = app.get_html(&format!("/complaints/figures?from={from}&to={to}")).await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("by=closed") && html.contains("state=forwarded") && html.contains("Tổng cộng"), "{html}");
}

#[actix_web::test]
async fn a_new_rule_version_entered_with_its_source_applies_to_cases_accepted_from_its_date_only() {
    let app = crate::helpers::spawn_app().await;
    let (_, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let (_, leader) = UserBuilder::leader("lanhdao").build_with_token(&app);
    UserBuilder::new("caidat", Role::InstallationAdmin).build_with_token(&app);
    let outlet = OutletBuilder::printing(7110).build(&app, &leader).await;
    let old = app.with_conn(|c| {
        thanhtra::calendar::queries::rule_in_force(c, "complaint.first", thanhtra::time::today_vn()).unwrap().unwrap()
    });
    assert!(!old.pausable, "the seeded 2011 rule has no suspension");
    // The administrator enters the version Luật 136/2025 brings, from 1 July 2026, with its source.
    app.login("caidat", crate::helpers::PASSWORD).await;
    let r =
        app.post_form(&format!("/calendar/deadline-rules/{}/versions", old.id), &[("valid_from", "2026-07-01")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let new_id = loc.trim_start_matches("/calendar/deadline-rules/").split('?').next().unwrap().to_string();
    let (duration, ext_max, ext_days) =
        (old.duration.to_string(), old.extension_max.to_string(), old.extension_duration.to_string());
    let r = app
        .post_form(
            &format!("/calendar/deadline-rules/{new_id}"),
            &[
                ("name_vi", old.name_vi.as_str()),
                ("name_en", old.name_en.as_str()),
                ("duration", duration.as_str()),
                ("unit", old.unit.as_str()),
                ("start_event", old.start_event.as_str()),
                ("extension_max", ext_max.as_str()),
                ("extension_duration", ext_days.as_str()),
                ("pausable", "on"),
                ("legal_source", "Luật số 136/2025/QH15 sửa đổi Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo"),
                ("valid_from", "2026-07-01"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // A case accepted before then keeps the old version: no suspension; one accepted now may be
    // suspended, its clock paused.
    let mut before = complaint(&outlet);
    before["received_on"] = json!("2026-06-15");
    let a = call(&app, &token, Method::POST, "/api/v1/complaints", Some(before), StatusCode::CREATED).await;
    let a = a["id"].as_str().unwrap().to_string();
    step(&app, &token, &a, json!({"step": "accept", "date": "2026-06-20"})).await;
    let b = call(&app, &token, Method::POST, "/api/v1/complaints", Some(complaint(&outlet)), StatusCode::CREATED).await;
    let b = b["id"].as_str().unwrap().to_string();
    step(&app, &token, &b, json!({"step": "accept"})).await;
    let suspend = json!({"step": "suspend", "reason": "Chờ kết quả giải quyết của Tòa án"});
    let (st, e) = app.api(Method::POST, &format!("/api/v1/complaints/{a}/steps"), &token, Some(suspend.clone())).await;
    assert_eq!(st, StatusCode::CONFLICT, "{e}");
    assert_eq!(e["errors"][0]["code"], "not_pausable");
    let s = step(&app, &token, &b, suspend).await;
    assert_eq!(s["state"], "suspended");
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{b}"), None, StatusCode::OK).await;
    let clock =
        d["deadlines"].as_array().unwrap().iter().find(|x| x["rule_code"] == "complaint.first").unwrap().clone();
    assert!(clock["adjustments"].to_string().contains("Chờ kết quả giải quyết của Tòa án"), "{clock}");
    let d = call(&app, &token, Method::GET, &format!("/api/v1/complaints/{a}"), None, StatusCode::OK).await;
    assert_eq!(d["submission"]["state"], "accepted", "nothing changed");
}

#[actix_web::test]
async fn the_public_web_form_is_off_by_default_and_refuses_what_a_script_sends() {
    // Off: the page says where else to send, and sending is not found.
    let app = crate::helpers::spawn_app().await;
    let (st, page) = app.get_html("/submit").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(page.contains("chưa mở cổng gửi đơn trực tuyến"));
    drop(app);
    // On, for the default agency; no wait asked for in this test, the other checks stay.
    let app = crate::helpers::spawn_app_with(|s| {
        s.public_form_agency = "TTT".into();
        s.public_form_min_seconds = 0;
    })
    .await;
    let (_, token) = UserBuilder::new("tiepdan", Role::ReceptionOfficer).build_with_token(&app);
    let send = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            // Each showing of the form signs its own token and time.
            let (st, page) = app.get_html("/submit").await;
            assert_eq!(st, StatusCode::OK);
            let mut f: Vec<(&str, String)> = vec![("csrf_token", crate::helpers::csrf_in(&page))];
            f.extend(fields);
            let r = app.client.post(app.url("/submit")).form(&f).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    let good = || {
        vec![
            ("kind", "petition".to_string()),
            ("full_name", "Võ Thị Mạng".to_string()),
            ("phone", "0913 222 333".to_string()),
            ("subject", "Phản ánh trang tin điện tử đăng tin sai".to_string()),
            ("content", "Trang tin điện tử X đăng tin sai sự thật về địa phương.".to_string()),
        ]
    };
    // A script fills the field people never see: refused, nothing saved.
    let mut bot = good();
    bot.push(("website", "http://spam.example".into()));
    let (st, html) = send(bot).await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("gửi quá nhanh"), "{html}");
    // Missing facts: beside their fields, input kept.
    let (_, html) = send(vec![("kind", "petition".into()), ("phone", "0913 222 333".into())]).await;
    assert!(html.contains("aria-invalid") && html.contains("0913 222 333"), "errors beside the fields, input kept");
    let l = call(&app, &token, Method::GET, "/api/v1/complaints", None, StatusCode::OK).await;
    assert_eq!(l["total"], 0, "nothing saved");
    // A person: received as a web submission, with a tracking code that opens the status page.
    let (st, html) = send(good()).await;
    assert_eq!(st, StatusCode::OK);
    assert!(html.contains("Đã nhận đơn của bạn"), "{html}");
    let l = call(&app, &token, Method::GET, "/api/v1/complaints", None, StatusCode::OK).await;
    assert_eq!(l["total"], 1);
    let s = &l["items"][0];
    assert_eq!((s["channel"].as_str(), s["kind"].as_str()), (Some("web"), Some("petition")));
    assert!(html.contains(s["tracking_code"].as_str().unwrap()), "the tracking code shown");
    drop(app);
    // With the default wait, a sending that comes at once is refused in words.
    let app = crate::helpers::spawn_app_with(|s| s.public_form_agency = "TTT".into()).await;
    let (_, page) = app.get_html("/submit").await;
    let mut f: Vec<(&str, String)> = vec![("csrf_token", crate::helpers::csrf_in(&page))];
    f.extend(good());
    let r = app.client.post(app.url("/submit")).form(&f).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("gửi quá nhanh"));
}
