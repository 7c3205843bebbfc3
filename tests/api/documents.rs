use reqwest::{Method, StatusCode};
use serde_json::json;
use thanhtra::auth::Role;

use crate::builders::{UserBuilder, agency_with_signer, issued_document_with};
use crate::helpers::{PASSWORD, csrf_in, pdf_bytes, pdf_text_words as pdf_text, spawn_app};

fn draft(signer: &str, summary: &str, doc_type: &str) -> serde_json::Value {
    json!({
        "doc_type": doc_type,
        "title": "KẾT LUẬN THANH TRA",
        "summary": summary,
        "bases": "Căn cứ Luật Thanh tra ngày 25 tháng 6 năm 2025;\nXét Báo cáo kết quả thanh tra.",
        "body": "# 1. Kết quả\nCông ty chấp hành tương đối đầy đủ quy định về bưu chính.\n- Chưa niêm yết giá cước;\n| TT | Nội dung |\n| 1 | Bổ sung niêm yết |",
        "signer_id": signer,
        "recipients": "Công ty CP Giao Hàng Tiết Kiệm - CN Hà Tĩnh;\nLưu: VT, TTr."
    })
}

#[actix_web::test]
async fn issuing_numbers_freezes_and_refuses_edits() {
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    let (_, token) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let (s, d) = app
        .api(
            Method::POST,
            "/api/v1/documents",
            &token,
            Some(draft(&signer, "Về việc chấp hành pháp luật về bưu chính", "conclusion")),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{d}");
    assert_eq!(d["status"], "draft");
    assert!(d["symbol"].is_null(), "a draft has no number");
    let id = d["id"].as_str().unwrap().to_string();
    let preview = pdf_text(&pdf_bytes(&app, &token, &id).await);
    assert!(preview.contains("DỰ THẢO"), "{preview}");

    let (s, d) = app.api(Method::POST, &format!("/api/v1/documents/{id}/issue"), &token, None).await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(d["symbol"], "01/KL-TTr");
    assert_eq!(d["status"], "issued");
    let sha = d["sha256"].as_str().unwrap().to_string();
    let code = d["verify_code"].as_str().unwrap().to_string();
    let bytes = pdf_bytes(&app, &token, &id).await;
    assert_eq!(thanhtra::files::sha256_hex(&bytes), sha, "the stored bytes are served");
    assert_eq!(pdf_bytes(&app, &token, &id).await, bytes, "never re-rendered");
    let text = pdf_text(&bytes);
    for phrase in [
        "Số: 01/KL-TTr",
        "THANH TRA TỈNH",
        "KẾT LUẬN THANH TRA",
        "Về việc chấp hành pháp luật về bưu chính",
        "Nơi nhận:",
        "Nguyễn Văn Đạt",
        "PHÓ CHÁNH THANH TRA",
        code.as_str(),
    ] {
        assert!(text.contains(phrase), "missing {phrase}: {text}");
    }
    assert!(!text.contains("DỰ THẢO"));

    let (s, _) = app.api(Method::POST, &format!("/api/v1/documents/{id}/issue"), &token, None).await;
    assert_eq!(s, StatusCode::CONFLICT, "issuing twice");
    let (s, _) = app
        .api(
            Method::PATCH,
            &format!("/api/v1/documents/{id}"),
            &token,
            Some(draft(&signer, "Sửa sau khi ban hành", "conclusion")),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "an issued document is never edited");

    // The header is a snapshot: renaming the agency later changes nothing issued.
    let agency = app.default_agency();
    app.with_conn(|c| {
        use diesel::prelude::*;
        diesel::update(thanhtra::db::schema::agencies::table.find(&agency))
            .set(thanhtra::db::schema::agencies::name.eq("TÊN MỚI"))
            .execute(c)
            .unwrap();
    });
    assert_eq!(pdf_bytes(&app, &token, &id).await, bytes);
    let (_, d2) = app
        .api(Method::POST, "/api/v1/documents", &token, Some(draft(&signer, "Văn bản sau khi đổi tên", "notice")))
        .await;
    let preview = pdf_text(&pdf_bytes(&app, &token, d2["id"].as_str().unwrap()).await);
    assert!(preview.contains("TÊN MỚI"));
    // Another register starts at 01 too.
    let (s, d2) =
        app.api(Method::POST, &format!("/api/v1/documents/{}/issue", d2["id"].as_str().unwrap()), &token, None).await;
    assert_eq!(s, StatusCode::OK, "{d2}");
    assert!(d2["symbol"].as_str().unwrap().starts_with("01/TB-"));
}

#[actix_web::test]
async fn incomplete_drafts_and_unauthorised_issuers_are_refused() {
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    let (_, token) = UserBuilder::inspector("tra").build_with_token(&app);
    let (s, v) =
        app.api(Method::POST, "/api/v1/documents", &token, Some(json!({"doc_type": "memo", "summary": ""}))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"doc_type") && fields.contains(&"summary"), "{v}");
    let (s, d) = app
        .api(
            Method::POST,
            "/api/v1/documents",
            &token,
            Some(json!({"doc_type": "notice", "summary": "Thiếu người ký"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let id = d["id"].as_str().unwrap();
    let (s, _) = app.api(Method::POST, &format!("/api/v1/documents/{id}/issue"), &token, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "inspectors draft; leaders issue");
    let (_, lt) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let (s, v) = app.api(Method::POST, &format!("/api/v1/documents/{id}/issue"), &lt, None).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"signer_id") && fields.contains(&"recipients") && fields.contains(&"body"), "{v}");
    let (_, d) = app.api(Method::GET, &format!("/api/v1/documents/{id}"), &lt, None).await;
    assert_eq!(d["status"], "draft", "nothing changed");
    assert!(d["number"].is_null());
    // A signer of another agency is refused.
    let other = app.add_agency("SKHCN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    let (_, ot) = UserBuilder::new("ngoai", Role::Admin).agency(&other).build_with_token(&app);
    let (s, _) = app.api(Method::POST, "/api/v1/documents", &ot, Some(draft(&signer, "x", "notice"))).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = app.api(Method::GET, &format!("/api/v1/documents/{id}"), &ot, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another agency's document is not found");
}

#[actix_web::test]
async fn numbers_have_no_gaps_or_repeats_when_issued_at_once() {
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    let (_, token) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let mut ids = Vec::new();
    for i in 0..12 {
        let (_, d) = app
            .api(
                Method::POST,
                "/api/v1/documents",
                &token,
                Some(draft(&signer, &format!("Kết luận số thứ tự {i}"), "conclusion")),
            )
            .await;
        ids.push(d["id"].as_str().unwrap().to_string());
    }
    let mut tasks = Vec::new();
    for id in ids {
        let url = app.url(&format!("/api/v1/documents/{id}/issue"));
        let token = token.clone();
        tasks.push(actix_web::rt::spawn(async move {
            let r = reqwest::Client::new().post(url).bearer_auth(token).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            r.json::<serde_json::Value>().await.unwrap()["number"].as_i64().unwrap()
        }));
    }
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(t.await.unwrap());
    }
    numbers.sort();
    assert_eq!(numbers, (1..=12).collect::<Vec<i64>>());
}

#[actix_web::test]
async fn the_public_verification_page_tells_the_original_from_a_copy() {
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    let (_, token) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let d = issued_document_with(&app, &token, &signer, draft(&signer, "Về việc kiểm tra", "notice")).await;
    let id = d["id"].as_str().unwrap().to_string();
    let code = d["verify_code"].as_str().unwrap().to_string();
    let original = pdf_bytes(&app, &token, &id).await;

    let public = reqwest::Client::builder()
        .cookie_store(true)
        .pool_idle_timeout(std::time::Duration::from_secs(1))
        .build()
        .unwrap();
    let page = public.get(app.url(&format!("/verify/{code}"))).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("01/TB-TTr") && html.contains(d["sha256"].as_str().unwrap()));
    assert!(!html.contains("Căn cứ Luật Thanh tra"), "no content unless published");
    let upload = |bytes: Vec<u8>, csrf: String| {
        let url = app.url(&format!("/verify/{code}"));
        let public = public.clone();
        async move {
            let form = reqwest::multipart::Form::new()
                .text("csrf_token", csrf)
                .part("file", reqwest::multipart::Part::bytes(bytes).file_name("x.pdf"));
            public.post(url).multipart(form).send().await.unwrap()
        }
    };
    let r = upload(original.clone(), csrf_in(&html)).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("trùng khớp từng byte"), "{html}");
    let mut modified = original.clone();
    let n = modified.len();
    modified[n / 2] ^= 1;
    let r = upload(modified, csrf_in(&html)).await;
    let html = r.text().await.unwrap();
    assert!(html.contains("KHÔNG trùng khớp"));
    let r = upload(original.clone(), "forged".into()).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = public.get(app.url("/verify/ZZZZZ-ZZZZZ")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Without a code, a form to type one; the form goes to the code's page.
    let r = public.get(app.url("/verify")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("name=\"code\""));
    let no_redirect = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = no_redirect.get(app.url(&format!("/verify?code={}", code.to_lowercase()))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], format!("/verify/{code}").as_str());
}

#[actix_web::test]
async fn pages_draft_issue_and_attach_the_signed_copy() {
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    app.create_user("lanhdao", Role::Leader, &app.default_agency());
    app.login("lanhdao", PASSWORD).await;
    let r = app.post_form("/documents", &[("doc_type", "notice"), ("summary", ""), ("body", "")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("Bắt buộc"));
    let r = app
        .post_form(
            "/documents",
            &[
                ("doc_type", "official_letter"),
                ("summary", "đề nghị cung cấp hồ sơ"),
                ("addressees", "Công ty TNHH In Hồng Lam"),
                ("body", "Đề nghị Công ty cung cấp hồ sơ."),
                ("signer_id", &signer),
                ("unit_code", "VP"),
                ("recipients", "Như trên;\nLưu: VT."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let loc = r.headers()["location"].to_str().unwrap().split('?').next().unwrap().to_string();
    let r = app.post_form(&format!("{loc}/issue"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = app.get_html(&loc).await;
    assert!(html.contains("01/TTr-VP"), "an official letter's symbol is agency-unit: {html}");
    // A signed copy must be a PDF.
    let upload = |bytes: Vec<u8>, csrf: String| {
        let url = app.url(&format!("{loc}/signed"));
        let client = app.client.clone();
        async move {
            let form = reqwest::multipart::Form::new()
                .text("csrf_token", csrf)
                .part("file", reqwest::multipart::Part::bytes(bytes).file_name("scan.pdf"));
            client.post(url).multipart(form).send().await.unwrap()
        }
    };
    let csrf = app.csrf().await;
    let r = upload(b"GIF89a not a pdf".to_vec(), csrf.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = upload(b"%PDF-1.7\n% signed scan\n".to_vec(), csrf).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = app.get(&format!("{loc}/signed.pdf")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let (_, list) = app.get_html("/documents?status=issued").await;
    assert!(list.contains("01/TTr-VP"));
}

#[actix_web::test]
async fn the_api_lists_documents_as_the_page_filters_them() {
    let app = spawn_app().await;
    let signer = agency_with_signer(&app);
    let (_, token) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let mut ids = Vec::new();
    for summary in ["Về bưu chính", "Về hoạt động in", "Về trò chơi điện tử"] {
        let (s, d) =
            app.api(Method::POST, "/api/v1/documents", &token, Some(draft(&signer, summary, "conclusion"))).await;
        assert_eq!(s, StatusCode::CREATED, "{d}");
        ids.push(d["id"].as_str().unwrap().to_string());
    }
    let (s, d) = app.api(Method::POST, &format!("/api/v1/documents/{}/issue", ids[1]), &token, None).await;
    assert_eq!(s, StatusCode::OK, "{d}");
    let list = |q: &str| app.api_get(format!("/api/v1/documents?{q}"), &token);
    let all = list("").await;
    assert_eq!((all["total"].as_i64(), all["more"].as_bool()), (Some(3), Some(false)), "{all}");
    assert_eq!(all["items"][0]["id"], ids[1].as_str(), "the one changed last first");
    assert!(all["items"][0]["updated_at"].as_str().unwrap().ends_with("+07:00"), "{all}");
    let issued = list("status=issued").await;
    assert_eq!(issued["total"], 1);
    assert_eq!(
        (issued["items"][0]["symbol"].as_str(), issued["items"][0]["summary"].as_str()),
        (Some("01/KL-TTr"), Some("Về hoạt động in"))
    );
    assert_eq!(list("status=draft").await["total"], 2);
    assert_eq!(list("doc_type=decision").await["total"], 0);
    let year = thanhtra::time::today_vn().format("%Y").to_string();
    assert_eq!(list(&format!("year={year}&status=issued")).await["total"], 1);
    // What was mailed today, as the reports' mail figure opens it.
    let (s, v) = app
        .api(
            Method::POST,
            &format!("/api/v1/documents/{}/send", ids[1]),
            &token,
            Some(json!({"recipients": ["nhanvien@ghtk.vn"]})),
        )
        .await;
    assert_eq!(s, StatusCode::ACCEPTED, "{v}");
    let today = thanhtra::time::today_vn();
    let (_, v) =
        app.api(Method::GET, &format!("/api/v1/documents?mail=sent&from={today}&to={today}"), &token, None).await;
    assert_eq!((v["total"].as_i64(), v["items"][0]["id"].as_str()), (Some(1), Some(ids[1].as_str())), "{v}");
    // Another agency's reader sees none of them.
    let other = app.add_agency("SKHCN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ");
    let ot = app.token_for(&app.create_user("ngoai", Role::Viewer, &other));
    let (_, v) = app.api(Method::GET, "/api/v1/documents", &ot, None).await;
    assert_eq!(v["total"], 0, "{v}");
}
