//! The database going away under load (PostgreSQL only: a SQLite file does not go away). The
//! service talks to PostgreSQL through a TCP relay the test can cut and restore, which drops every
//! open connection and refuses new ones, as a PostgreSQL restart does.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::builders::{OutletBuilder, UserBuilder};
use crate::helpers::{TestApp, pg_admin_url, spawn_app_with};

/// A relay from a local port to PostgreSQL that can be cut and restored.
struct Relay {
    port: u16,
    upstream: SocketAddr,
    up: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl Relay {
    fn start(upstream: SocketAddr) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let relay = Relay { port, upstream, up: Arc::new(AtomicBool::new(true)), open: Arc::default() };
        relay.serve(listener);
        relay
    }

    fn serve(&self, listener: TcpListener) {
        let (up, open, upstream) = (self.up.clone(), self.open.clone(), self.upstream);
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if !up.load(Ordering::SeqCst) {
                    break; // the listener is dropped: new connections are refused
                }
                let Ok(client) = client else { continue };
                let Ok(server) = TcpStream::connect(upstream) else { continue };
                open.lock().unwrap().extend([client.try_clone().unwrap(), server.try_clone().unwrap()]);
                for (mut from, mut to) in [(client.try_clone().unwrap(), server.try_clone().unwrap()), (server, client)]
                {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut from, &mut to);
                        let _ = to.shutdown(std::net::Shutdown::Both);
                    });
                }
            }
        });
    }

    /// PostgreSQL goes away: open connections are closed, new ones refused.
    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port)); // wakes the accept loop so it ends
        for s in self.open.lock().unwrap().drain(..) {
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
    }

    /// PostgreSQL is back on the same port.
    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", self.port)) {
                Ok(l) => break l,
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        };
        self.serve(listener);
    }
}

async fn through_relay() -> Option<(TestApp, Relay)> {
    pg_admin_url()?;
    let relay = Arc::new(Mutex::new(None));
    let slot = relay.clone();
    let app = spawn_app_with(move |s| {
        let mut url = url::Url::parse(s.database_url.as_deref().unwrap()).unwrap();
        let upstream = (url.host_str().unwrap(), url.port().unwrap_or(5432));
        let upstream = std::net::ToSocketAddrs::to_socket_addrs(&upstream).unwrap().next().unwrap();
        let r = Relay::start(upstream);
        url.set_host(Some("127.0.0.1")).unwrap();
        url.set_port(Some(r.port)).unwrap();
        s.database_url = Some(url.to_string());
        *slot.lock().unwrap() = Some(r);
    })
    .await;
    let relay = relay.lock().unwrap().take().unwrap();
    Some((app, relay))
}

async fn health(app: &TestApp) -> (StatusCode, Option<String>, Value) {
    let r = app.get("/healthz").await;
    let retry = r.headers().get("retry-after").map(|v| v.to_str().unwrap().to_string());
    (r.status(), retry, r.json().await.unwrap_or(Value::Null))
}

#[actix_web::test]
async fn while_postgresql_is_away_the_service_answers_503_at_once_and_resumes_with_it() {
    let Some((app, relay)) = through_relay().await else {
        eprintln!("skipped: needs THANHTRA_TEST_PG_URL (the PostgreSQL pass of .ci/run)");
        return;
    };
    let (_, token) = UserBuilder::inspector("thanhtravien").build_with_token(&app);
    assert_eq!(app.api(Method::GET, "/api/v1/outlets", &token, None).await.0, StatusCode::OK);

    // Load throughout: reads and writes from four clients; none may ever see a 500.
    let stop = Arc::new(AtomicBool::new(false));
    let seen: Arc<Mutex<Vec<u16>>> = Arc::default();
    let mut load = Vec::new();
    for client in 0..4u32 {
        let (url, token, stop, seen) = (app.url(""), token.clone(), stop.clone(), seen.clone());
        load.push(actix_web::rt::spawn(async move {
            let http = reqwest::Client::new();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let r = if n % 2 == 0 {
                    let body = OutletBuilder::postal(client * 100_000 + n * 20).body();
                    http.post(format!("{url}/api/v1/outlets")).bearer_auth(&token).json(&body).send().await
                } else {
                    http.get(format!("{url}/api/v1/outlets")).bearer_auth(&token).send().await
                };
                if let Ok(r) = r {
                    seen.lock().unwrap().push(r.status().as_u16());
                }
                actix_web::rt::time::sleep(Duration::from_millis(20)).await;
            }
        }));
    }
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;

    relay.cut();
    // Health says so within a second (generous bounds: a loaded CI machine), and what is down.
    let started = Instant::now();
    let (status, retry, body) = health(&app).await;
    assert!(started.elapsed() < Duration::from_secs(3), "health took {:?}", started.elapsed());
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["checks"]["database"], "unreachable", "{body}");
    assert!(retry.is_some());
    // Requests fail fast: 503 with Retry-After and the unavailable code, not a 15 s hang.
    for _ in 0..3 {
        let started = Instant::now();
        let r = reqwest::Client::new().get(app.url("/api/v1/outlets")).bearer_auth(&token).send().await.unwrap();
        assert!(started.elapsed() < Duration::from_secs(3), "a request took {:?}", started.elapsed());
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(r.headers().contains_key("retry-after"));
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["errors"][0]["code"], "unavailable", "{v}");
    }
    actix_web::rt::time::sleep(Duration::from_secs(2)).await;

    relay.restore();
    let back = Instant::now();
    loop {
        if health(&app).await.0 == StatusCode::OK {
            break;
        }
        assert!(back.elapsed() < Duration::from_secs(5), "still down {:?} after PostgreSQL came back", back.elapsed());
        actix_web::rt::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(app.api(Method::GET, "/api/v1/outlets", &token, None).await.0, StatusCode::OK);
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    for l in load {
        l.await.unwrap();
    }
    let seen = seen.lock().unwrap();
    assert!(seen.contains(&503) && seen.contains(&201), "{seen:?}");
    assert!(seen.iter().all(|s| [200, 201, 503].contains(s)), "only answers and 503s: {seen:?}");
}
