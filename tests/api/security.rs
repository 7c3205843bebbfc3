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
