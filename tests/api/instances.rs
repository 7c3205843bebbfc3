//! Several identical instances on one database (issue 12, "scale out, proven"): two `thanhtra
//! serve` processes of the real binary share the test's database — PostgreSQL in the PostgreSQL
//! pass, the SQLite file otherwise — while clients spread over both. Documents issued through
//! either are numbered without gaps, a session opened on one is valid on the other, every notice
//! is delivered exactly once although both run the mail worker, and the audit chain holds.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use serde_json::{Value, json};

use crate::builders::{OutletBuilder, UserBuilder, agency_with_signer, document_draft};
use crate::crash::Instance;
use crate::helpers::{PASSWORD, csrf_in, spawn_app_with};
use crate::mail::smtp_server;

#[actix_web::test]
async fn two_instances_on_one_database_number_without_gaps_share_sessions_and_deliver_each_notice_once() {
    let app = spawn_app_with(|s| s.mail_worker = false).await;
    let signer = agency_with_signer(&app);
    let (_, token) = UserBuilder::leader("lanhdao").build_with_token(&app);
    let outlet = OutletBuilder::postal(4243).build(&app, &token).await;
    let (smtp, inbox) = smtp_server();
    let a = Instance::start(&app, smtp, true);
    let b = Instance::start(&app, smtp, true);
    let bases = [format!("http://127.0.0.1:{}", a.port), format!("http://127.0.0.1:{}", b.port)];

    // Eight clients, each alternating between the instances: draft, issue, send.
    let clients: Vec<_> = (0..8)
        .map(|c| {
            let (bases, token, signer, outlet) = (bases.clone(), token.clone(), signer.clone(), outlet.clone());
            actix_web::rt::spawn(async move {
                let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
                let mut sent = Vec::new();
                for i in 0..4 {
                    let base = &bases[(c + i) % 2];
                    let mut body = document_draft(&signer);
                    body["outlet_id"] = json!(outlet);
                    let post = |path: String, body: Option<Value>| {
                        let r = http.post(format!("{base}{path}")).bearer_auth(&token);
                        match body {
                            Some(b) => r.json(&b),
                            None => r,
                        }
                        .send()
                    };
                    let draft: Value =
                        post("/api/v1/documents".into(), Some(body)).await.unwrap().json().await.unwrap();
                    let id = draft["id"].as_str().unwrap_or_else(|| panic!("{draft}")).to_string();
                    // Issued on the other instance than the one that drafted it.
                    let other = &bases[(c + i + 1) % 2];
                    let r = http
                        .post(format!("{other}/api/v1/documents/{id}/issue"))
                        .bearer_auth(&token)
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(r.status(), reqwest::StatusCode::OK, "{}", r.text().await.unwrap());
                    let to = format!("nhan{c}-{i}@ghtk.vn");
                    let r =
                        post(format!("/api/v1/documents/{id}/send"), Some(json!({"recipients": [to]}))).await.unwrap();
                    assert_eq!(r.status(), reqwest::StatusCode::ACCEPTED);
                    sent.push(to);
                }
                sent
            })
        })
        .collect();
    let mut sent = Vec::new();
    for c in clients {
        sent.extend(c.await.unwrap());
    }

    // Numbered 1…32 in their register, whichever instance issued them.
    use thanhtra::db::schema::documents;
    let numbers: Vec<(String, Option<i64>)> = app.with_conn(|c| {
        documents::table
            .filter(documents::status.eq("issued"))
            .select((documents::register, documents::number))
            .load(c)
            .unwrap()
    });
    let mut by_register: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for (register, n) in numbers {
        by_register.entry(register).or_default().push(n.expect("an issued document has its number"));
    }
    assert_eq!(by_register.len(), 1, "{by_register:?}");
    let mut n = by_register.into_values().next().unwrap();
    n.sort();
    assert_eq!(n, (1..=32).collect::<Vec<i64>>(), "no gap, no number twice");

    // A session opened on one instance is valid on the other.
    let browser = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let page = browser.get(format!("{}/login", bases[0])).send().await.unwrap().text().await.unwrap();
    let r = browser
        .post(format!("{}/login", bases[0]))
        .form(&[
            ("csrf_token", csrf_in(&page).as_str()),
            ("username", "lanhdao"),
            ("password", PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success() || r.status().is_redirection(), "{}", r.status());
    let r = browser.get(format!("{}/outlets", bases[1])).send().await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Cơ sở chịu sự quản lý"), "signed in on the other instance");

    // Every notice delivered once, both workers claiming from the same outbox.
    use thanhtra::db::schema::outbox_recipients;
    let started = Instant::now();
    loop {
        let open: i64 = app.with_conn(|c| {
            outbox_recipients::table.filter(outbox_recipients::status.ne("accepted")).count().get_result(c).unwrap()
        });
        if open == 0 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{open} notices still not delivered after a minute");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
    let inbox = inbox.lock().unwrap();
    let mut received: Vec<String> = inbox.messages.iter().flat_map(|(to, _)| to.clone()).collect();
    received.sort();
    sent.sort();
    assert_eq!(received, sent, "each notice exactly once");
    drop(inbox);

    let verdict = app.with_conn(|c| thanhtra::audit::repo::verify(c).unwrap());
    assert!(matches!(verdict, thanhtra::audit::repo::VerifyOutcome::Ok { .. }), "{verdict:?}");
}
