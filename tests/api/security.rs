//! Holes found by probing the running service from outside (issue 10), each with the probe that
//! found it.

use reqwest::StatusCode;
use reqwest::header::LOCATION;
use thanhtra::auth::Role;

use crate::helpers::{PASSWORD, csrf_in, spawn_app};

/// `next` values that browsers would follow to another site, or that would break the header.
const HOSTILE_NEXT: &[&str] = &[
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0d%0aSet-Cookie:%20x=1",
    "//evil.example",
    "/%5Cevil.example",
    "https://evil.example/",
    "%2F%2Fevil.example",
];

fn location(r: &reqwest::Response) -> String {
    r.headers().get(LOCATION).map(|v| v.to_str().unwrap_or("<not text>").to_string()).unwrap_or_default()
}

#[actix_web::test]
async fn no_redirect_leaves_the_site_whatever_next_says() {
    let app = spawn_app().await;
    app.create_user("lan", Role::Inspector, &app.default_agency());

    // Signed out: the language switch.
    for next in HOSTILE_NEXT {
        let r = app.get(&format!("/lang/en?next={next}")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(location(&r), "/", "{next}");
    }
    let r = app.get("/lang/en?next=/outlets%3Fq%3Din").await;
    assert_eq!(location(&r), "/outlets?q=in", "a local path is kept");

    // Signing in with a hostile next (each attempt a fresh browser).
    for next in HOSTILE_NEXT {
        let browser =
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).cookie_store(true).build().unwrap();
        let page = browser.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
        let csrf = csrf_in(&page);
        let r = browser
            .post(app.url("/login"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("username", "lan"),
                ("password", PASSWORD),
                ("next", &percent_decode(next)),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(location(&r), "/", "{next}");
    }

    // Signed in: the sign-in page sends the user on, to this site only.
    app.login("lan", PASSWORD).await;
    for next in HOSTILE_NEXT {
        let r = app.get(&format!("/login?next={next}")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(location(&r), "/", "{next}");
    }
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned()).unwrap_or_default()
}

#[actix_web::test]
async fn parallel_guesses_are_checked_no_more_often_than_the_limit_and_a_lock_holds() {
    let app = spawn_app().await;
    app.create_user("lan", Role::Inspector, &app.default_agency());
    // Eight browsers, each with its sign-in form, sending 25 wrong guesses at once.
    let mut forms = Vec::new();
    for _ in 0..8 {
        let browser =
            reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).cookie_store(true).build().unwrap();
        let page = browser.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
        forms.push((browser, csrf_in(&page)));
    }
    let mut guesses = Vec::new();
    for (browser, csrf) in &forms {
        for i in 0..25 {
            let (browser, csrf, url) = (browser.clone(), csrf.clone(), app.url("/login"));
            guesses.push(actix_web::rt::spawn(async move {
                let guess = format!("wrong guess number {i}");
                browser
                    .post(url)
                    .form(&[("csrf_token", csrf.as_str()), ("username", "lan"), ("password", &guess), ("next", "/")])
                    .send()
                    .await
                    .unwrap()
                    .status()
            }));
        }
    }
    let mut checked = 0;
    for g in guesses {
        match g.await.unwrap() {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("unexpected answer {other}"),
        }
    }
    assert!(checked <= 5, "{checked} of 200 parallel guesses had their password checked (limit 5)");
    // The lock set by the guesses holds: the right password is refused too.
    let r = app.login("lan", PASSWORD).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let (failures, locked): (i32, bool) = app.with_conn(|c| {
        use diesel::prelude::*;
        use thanhtra::db::schema::login_failures as lf;
        let (n, until) = lf::table
            .find("acct:lan")
            .select((lf::failures, lf::locked_until))
            .first::<(i32, Option<chrono::NaiveDateTime>)>(c)
            .unwrap();
        (n, until.is_some_and(|u| u > thanhtra::time::now()))
    });
    assert!(locked, "the account is locked ({failures} failures counted since)");
}

#[actix_web::test]
async fn a_password_change_or_reset_ends_api_tokens_unless_the_user_keeps_them() {
    let app = spawn_app().await;
    let lan = app.create_user("lan", Role::Inspector, &app.default_agency());
    let answers = |app: &crate::helpers::TestApp, token: String| {
        let app_url = app.url("/api/v1/me");
        async move { reqwest::Client::new().get(app_url).bearer_auth(token).send().await.unwrap().status() }
    };

    // The default: the token ends with the password.
    let token = app.token_for(&lan);
    assert_eq!(answers(&app, token.clone()).await, StatusCode::OK);
    app.login("lan", PASSWORD).await;
    let new_password = "một mật khẩu mới đủ dài";
    let r = app
        .post_form(
            "/account/password",
            &[("current_password", PASSWORD), ("new_password", new_password), ("confirm_password", new_password)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/account?m=password_changed");
    assert_eq!(answers(&app, token).await, StatusCode::UNAUTHORIZED, "the token ended with the old password");
    let (_, page) = app.get_html("/account?m=password_changed").await;
    assert!(page.contains("mọi mã truy cập API đã bị thu hồi"), "the page says so");

    // Keeping tokens is a choice the user makes, and the page says it was kept.
    let token = app.token_for(&lan);
    let newer = "mật khẩu thứ ba cũng đủ dài";
    let r = app
        .post_form(
            "/account/password",
            &[
                ("current_password", new_password),
                ("new_password", newer),
                ("confirm_password", newer),
                ("keep_tokens", "1"),
            ],
        )
        .await;
    assert_eq!(location(&r), "/account?m=password_changed_tokens_kept");
    assert_eq!(answers(&app, token.clone()).await, StatusCode::OK, "kept as chosen");

    // An administrator's reset ends every session and token of the user.
    app.create_user("boss", Role::InstallationAdmin, &app.default_agency());
    app.post_form("/logout", &[]).await;
    app.login("boss", PASSWORD).await;
    let r = app.post_form(&format!("/admin/users/{lan}/password"), &[("password", "đặt lại bởi quản trị viên")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(answers(&app, token).await, StatusCode::UNAUTHORIZED, "a reset ends the tokens");
    let (_, page) = app.get_html(&format!("/admin/users/{lan}")).await;
    assert!(page.contains("Số mã truy cập API đã thu hồi"), "the history says how many were revoked");
}

#[actix_web::test]
async fn nothing_frozen_into_a_document_comes_from_the_request_host() {
    use crate::builders::{UserBuilder, agency_with_signer, document_draft};
    let app = crate::helpers::spawn_app_with(|s| s.base_url = None).await;
    let signer = agency_with_signer(&app);
    let (_, token) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let issue = |id: String| {
        let url = app.url(&format!("/api/v1/documents/{id}/issue"));
        let token = token.clone();
        async move {
            let r = reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .header("Host", "evil.example")
                .header("X-Forwarded-Host", "evil.example")
                .send()
                .await
                .unwrap();
            (r.status(), r.json::<serde_json::Value>().await.unwrap())
        }
    };
    let (_, draft) = app.api(reqwest::Method::POST, "/api/v1/documents", &token, Some(document_draft(&signer))).await;
    let id = draft["id"].as_str().unwrap().to_string();

    // Without a public address, issuing refuses and says where to set it; nothing is numbered.
    let (status, body) = issue(id.clone()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["errors"][0]["code"], "public_address_missing");
    assert!(body["errors"][0]["detail"].as_str().unwrap().contains("/admin/settings"));
    let (_, d) = app.api(reqwest::Method::GET, &format!("/api/v1/documents/{id}"), &token, None).await;
    assert!(d["symbol"].is_null(), "no number was taken: {d}");

    // On the pages the refusal links to where the address is set.
    app.login("lanhdao", PASSWORD).await;
    let r = app.post_form(&format!("/documents/{id}/issue"), &[]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("href=\"/admin/settings\""), "a link to the set-up page");
    app.post_form("/logout", &[]).await;

    // An administrator sets it on the settings page (a bad one is refused beside its field).
    app.create_user("boss", Role::InstallationAdmin, &app.default_agency());
    app.login("boss", PASSWORD).await;
    let r = app.post_form("/admin/settings", &[("public_address", "thanhtra.hatinh.gov.vn/app")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("https://ten-mien"));
    let r = app.post_form("/admin/settings", &[("public_address", "https://thanhtra.hatinh.gov.vn/")]).await;
    assert_eq!(location(&r), "/admin/settings?m=saved");

    // Issued with a hostile Host: the frozen verify link is the public address.
    let (status, body) = issue(id.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let code = body["verify_code"].as_str().unwrap();
    let pdf = crate::helpers::pdf_bytes(&app, &token, &id).await;
    let text = crate::helpers::pdf_text_words(&pdf).replace(' ', "");
    assert!(text.contains(&format!("https://thanhtra.hatinh.gov.vn/verify/{code}")), "{text}");
    assert!(!text.contains("evil.example"));
}

#[actix_web::test]
async fn exported_csv_cells_cannot_run_as_spreadsheet_formulas() {
    let app = spawn_app().await;
    let token = app.token_for(&app.create_user("lan", Role::Inspector, &app.default_agency()));
    let mut body = crate::helpers::duc_huy();
    body["name"] = "=HYPERLINK(\"http://evil.example\",\"Bấm vào đây\")".into();
    body["legal_representative"] = "@SUM(1+1)*cmd|' /C calc'!A0".into();
    body["notes"] = "+cmd|' /C calc'!A0".into();
    let created = app.api_create_outlet(&token, body).await;
    assert!(created["id"].is_string(), "{created}");
    app.login("lan", PASSWORD).await;
    let r = app.get("/outlets/export.csv").await;
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| row.get(headers.iter().position(|h| h == name).unwrap()).unwrap().to_string();
    assert_eq!(cell("name"), "'=HYPERLINK(\"http://evil.example\",\"Bấm vào đây\")");
    assert_eq!(cell("legal_representative"), "'@SUM(1+1)*cmd|' /C calc'!A0");
    assert_eq!(cell("notes"), "'+cmd|' /C calc'!A0");
    for (i, c) in row.iter().enumerate() {
        assert!(!c.starts_with(['=', '+', '-', '@', '\t', '\r']), "column {} starts a formula: {c}", &headers[i]);
    }
}

#[actix_web::test]
async fn records_are_never_cached_and_https_installs_ask_for_https_only() {
    let app = spawn_app().await;
    let token = app.token_for(&app.create_user("lan", Role::Inspector, &app.default_agency()));
    let r = reqwest::Client::new().get(app.url("/api/v1/me")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store", "API JSON");
    assert!(r.headers().get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    app.login("lan", PASSWORD).await;
    let r = app.get("/outlets/export.csv").await;
    assert!(r.headers()["cache-control"].to_str().unwrap().contains("no-store"), "CSV");
    let r = app.get("/assets/app.css").await;
    assert!(r.headers()["cache-control"].to_str().unwrap().starts_with("public"), "assets stay cacheable");

    let https = crate::helpers::spawn_app_with(|s| s.secure_cookies = true).await;
    let r = https.get("/healthz").await;
    assert_eq!(r.headers()["strict-transport-security"], "max-age=31536000; includeSubDomains");
}

#[actix_web::test]
async fn trace_is_not_allowed_anywhere() {
    let app = spawn_app().await;
    for path in ["/", "/api/v1/outlets", "/login"] {
        let r = app.client.request(reqwest::Method::TRACE, app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED, "{path}");
    }
}

fn cli(app: &crate::helpers::TestApp, args: &[&str]) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_thanhtra"))
        .args(args)
        .env(
            "DATABASE_URL",
            match app.db_target() {
                thanhtra::db::DbTarget::Sqlite(p) => p.display().to_string(),
                thanhtra::db::DbTarget::Postgres(u) => u,
            },
        )
        .env("THANHTRA_PASSWORD", "một mật khẩu đủ dài cho dòng lệnh")
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

#[actix_web::test]
async fn the_command_line_never_picks_an_agency_silently() {
    let app = spawn_app().await;
    let (code, out) = cli(&app, &["user", "add", "mot", "--role", "inspector"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("THANH TRA TỈNH (TTT)"), "says which agency the user joined: {out}");

    app.add_agency("SVHTTDL", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH");
    let (code, out) = cli(&app, &["user", "add", "hai", "--role", "inspector"]);
    assert_ne!(code, 0, "refused with two agencies in force: {out}");
    assert!(out.contains("--agency") && out.contains("SVHTTDL") && out.contains("TTT"), "{out}");
    let (code, out) = cli(&app, &["user", "add", "hai", "--role", "inspector", "--agency", "SVHTTDL"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(SVHTTDL)"), "{out}");
    let (code, out) = cli(&app, &["user", "add", "ba", "--role", "inspector", "--agency", "NOPE"]);
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("NOPE"), "{out}");
}

/// Signs in with an `X-Forwarded-For` header, as a reverse proxy would pass it.
async fn login_via(app: &crate::helpers::TestApp, forwarded_for: &str, username: &str, password: &str) -> StatusCode {
    let page = app.client.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    let csrf = csrf_in(&page);
    app.client
        .post(app.url("/login"))
        .header("x-forwarded-for", forwarded_for)
        .form(&[("csrf_token", csrf.as_str()), ("username", username), ("password", password), ("next", "/")])
        .send()
        .await
        .unwrap()
        .status()
}

#[actix_web::test]
async fn behind_a_trusted_proxy_one_clients_failures_do_not_lock_out_everyone() {
    // The tests connect from 127.0.0.1, as a proxy on the same machine would.
    let app = crate::helpers::spawn_app_with(|s| {
        s.login_max_failures_per_address = 3;
        s.trusted_proxies = vec!["127.0.0.1".into(), "::1".into()];
    })
    .await;
    app.create_user("boss", Role::InstallationAdmin, &app.default_agency());
    for name in ["a1x", "b2x", "c3x", "d4x"] {
        login_via(&app, "203.0.113.66", name, "whatever-password").await;
    }
    assert_eq!(login_via(&app, "203.0.113.66", "e5x", "whatever-password").await, StatusCode::TOO_MANY_REQUESTS);
    // A forged entry on the left does not free the guesser: the proxy's own entry is the address.
    assert_eq!(
        login_via(&app, "198.51.100.1, 203.0.113.66", "f6x", "whatever-password").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // The administrator, at another address behind the same proxy, signs in.
    assert_eq!(login_via(&app, "198.51.100.20", "boss", PASSWORD).await, StatusCode::SEE_OTHER);
}

#[actix_web::test]
async fn without_trusted_proxies_x_forwarded_for_changes_nothing() {
    let app = crate::helpers::spawn_app_with(|s| s.login_max_failures_per_address = 3).await;
    app.create_user("boss", Role::InstallationAdmin, &app.default_agency());
    for (i, name) in ["a1x", "b2x", "c3x"].iter().enumerate() {
        login_via(&app, &format!("203.0.113.{i}"), name, "whatever-password").await;
    }
    // A new address in the header each time does not escape the lock of the real peer.
    assert_eq!(login_via(&app, "203.0.113.99", "boss", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
}

/// Sends `head` and part of a body on a raw connection, then waits: returns the status line the
/// server answered with (or "" when it just closed) and how long it took.
async fn stall(app: &crate::helpers::TestApp, head: &str, body_part: &str) -> (String, std::time::Duration) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = app.address.trim_start_matches("http://").to_string();
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let start = std::time::Instant::now();
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(body_part.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(20), s.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the server still holds the connection after 20 s");
    let text = String::from_utf8_lossy(&buf).to_string();
    (text.lines().next().unwrap_or("").to_string(), start.elapsed())
}

#[actix_web::test]
async fn a_body_that_stops_arriving_is_given_up_within_the_timeout() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.request_timeout_seconds = 2;
        s.request_body_seconds = 4;
    })
    .await;
    // A sign-in form announcing 100 bytes and sending 10.
    let head = "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n";
    let (status, took) = stall(&app, head, "username=a").await;
    assert!(status.contains("408"), "{status:?}");
    assert!(took < std::time::Duration::from_secs(8), "{took:?}");
    // The same on the API.
    let head = "POST /api/v1/outlets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer x\r\nContent-Length: 100\r\n\r\n";
    let (_, took) = stall(&app, head, "{\"name\":").await;
    assert!(took < std::time::Duration::from_secs(8), "{took:?}");
    // A head that never ends.
    let (_, took) = stall(&app, "GET / HTTP/1.1\r\nHost: x\r\n", "").await;
    assert!(took < std::time::Duration::from_secs(8), "{took:?}");
}

#[actix_web::test]
async fn a_body_trickling_in_runs_out_of_its_whole_time() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = crate::helpers::spawn_app_with(|s| {
        s.request_timeout_seconds = 2;
        s.request_body_seconds = 3;
    })
    .await;
    let addr = app.address.trim_start_matches("http://").to_string();
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let start = std::time::Instant::now();
    s.write_all(b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
        .await
        .unwrap();
    // One byte a second: never a pause of 2 s, but the whole body is not in after 3 s.
    let mut answer = Vec::new();
    for _ in 0..20 {
        if s.write_all(b"a").await.is_err() {
            break;
        }
        let mut buf = [0u8; 512];
        match tokio::time::timeout(std::time::Duration::from_secs(1), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => {
                answer.extend_from_slice(&buf[..n]);
                break;
            }
            Err(_) => {}
        }
    }
    assert!(start.elapsed() < std::time::Duration::from_secs(8), "{:?}", start.elapsed());
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 408"), "{:?}", String::from_utf8_lossy(&answer));
}
