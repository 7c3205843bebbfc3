//! What is measured: the requests of issue 12 and their interleaved rounds beside the hello-world,
//! and the writes beside the fsync loop.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::Knobs;
use crate::load::{self, Headers, MakeRequest, Pace, Shot, median};
use crate::report::{ReadRow, ms, rate};

/// Connections for the throughput runs, and for the half-load runs (paced, open loop).
const CONNS: usize = 32;
const HALF_CONNS: usize = 16;
const WRITERS: usize = 8;
/// The goals' least ratios to the hello-world: the JSON API, and the HTML pages.
const API_GOAL: f64 = 0.1;
const PAGE_GOAL: f64 = 0.05;
pub const SEARCH: &str = "/api/v1/outlets?q=cong%20ty%20in";
pub const SEARCH_LABEL: &str = "GET /api/v1/outlets?q=cong ty in";
/// The same search with filters, which the goals allow to cost at most twice as much.
const FILTERED: &str = "/api/v1/outlets?q=cong%20ty%20in&sector=printing&status=active";
pub const FILTERED_LABEL: &str = "GET /api/v1/outlets?q=cong ty in&sector=printing&status=active";

pub struct Bench<'a> {
    pub addr: SocketAddr,
    /// The service's process, checked after every run.
    pub pid: u32,
    pub peer: SocketAddr,
    pub token: String,
    pub knobs: &'a Knobs,
    pub rt: &'a tokio::runtime::Runtime,
}

pub struct Endpoint {
    pub label: String,
    pub goal_ratio: Option<f64>,
    make: MakeRequest,
}

pub struct Reads {
    pub rows: Vec<ReadRow>,
    pub peer_rps: f64,
    pub peer_p50: f64,
    pub peer_p99: f64,
}

/// Medians of the write runs: (per second, p50 ms, p99 ms).
pub struct Writes {
    pub fsync: f64,
    pub alone: (f64, f64, f64),
    pub mixed: (f64, f64, f64),
    pub readers_rps: f64,
    pub errors: u64,
    pub first_error: Option<String>,
}

impl Writes {
    pub fn errors_note(&self) -> String {
        match self.errors {
            0 => String::new(),
            n => format!(" ({n} errors: {})", self.first_error.as_deref().unwrap_or("?")),
        }
    }
}

fn medians(shots: &[Shot]) -> (f64, f64, f64) {
    (
        median(shots.iter().map(Shot::rate).collect()),
        median(shots.iter().map(|s| s.percentile_ms(50.0)).collect()),
        median(shots.iter().map(|s| s.percentile_ms(99.0)).collect()),
    )
}

fn say(what: &str, s: &Shot) {
    let errors = if s.errors > 0 { format!(", {} errors", s.errors) } else { String::new() };
    eprintln!(
        "  {what}: {} /s, p50 {}, p99 {}{errors}",
        rate(s.rate()),
        ms(s.percentile_ms(50.0)),
        ms(s.percentile_ms(99.0))
    );
}

impl Bench<'_> {
    fn bearer(&self) -> (&'static str, String) {
        ("authorization", format!("Bearer {}", self.token))
    }

    fn shot(&self, addr: SocketAddr, conns: usize, pace: Pace, make: &MakeRequest, expect: u16) -> Shot {
        self.rt.block_on(load::run(addr, conns, self.knobs.run, pace, make.clone(), expect))
    }

    /// Stops the bench when the service is gone (no figure after that would mean anything).
    fn alive(&self, during: &str) -> anyhow::Result<()> {
        if crate::service::running(self.pid) {
            Ok(())
        } else {
            anyhow::bail!("the service (process {}) stopped during {during}; see its log", self.pid)
        }
    }

    /// The requests of issue 12, each checked once for a 200 before it is measured.
    pub fn endpoints(&self) -> anyhow::Result<Vec<Endpoint>> {
        let cookie = self.rt.block_on(crate::service::session_cookie(self.addr))?;
        let base = format!("http://{}", self.addr);
        let client = reqwest::Client::new();
        let first: serde_json::Value = self.rt.block_on(async {
            client.get(format!("{base}/api/v1/outlets")).bearer_auth(&self.token).send().await?.json().await
        })?;
        // A rare search: the last two words of a real name, without diacritics.
        let name = first["items"][0]["name"].as_str().ok_or_else(|| anyhow::anyhow!("no outlet on the first page"))?;
        let words: Vec<&str> = name.split_whitespace().collect();
        let rare = thanhtra::domain::text::fold(&words[words.len().saturating_sub(2)..].join(" "));
        let rare_q: String = url::form_urlencoded::byte_serialize(rare.as_bytes()).collect();

        let bearer = [self.bearer()];
        let session = [("cookie", cookie)];
        let (none, api, page): (Headers, Headers, Headers) = (&[], &bearer, &session);
        let rare_path = format!("/api/v1/outlets?q={rare_q}");
        let year = thanhtra::time::today_vn().format("%Y").to_string();
        let (year_api, year_page) = (format!("/api/v1/reports?period={year}"), format!("/reports?period={year}"));
        let list = [
            ("GET /healthz".to_string(), "/healthz", None, none),
            ("GET /api/v1/outlets".into(), "/api/v1/outlets", Some(API_GOAL), api),
            (SEARCH_LABEL.into(), SEARCH, Some(API_GOAL), api),
            (FILTERED_LABEL.into(), FILTERED, Some(API_GOAL), api),
            (format!("GET /api/v1/outlets?q={rare}"), &rare_path, Some(API_GOAL), api),
            ("GET /outlets (page)".into(), "/outlets", Some(PAGE_GOAL), page),
            ("GET /api/v1/engagements".into(), "/api/v1/engagements", Some(API_GOAL), api),
            ("GET /inspections (page)".into(), "/inspections", Some(PAGE_GOAL), page),
            ("GET /documents (page)".into(), "/documents", Some(PAGE_GOAL), page),
            // The report of the year: every area's figures, the year before, twelve months' trend,
            // the split by sector and today's alerts (issue 15).
            ("GET /api/v1/reports?period=<this year>".into(), &year_api, Some(API_GOAL), api),
            ("GET /reports (page, this year)".into(), &year_page, Some(PAGE_GOAL), page),
        ];
        let mut out = Vec::new();
        for (label, path, goal_ratio, headers) in list {
            let mut rb = client.get(format!("{base}{path}"));
            for (k, v) in headers {
                rb = rb.header(*k, v);
            }
            let status = self.rt.block_on(rb.send())?.status();
            if status != reqwest::StatusCode::OK {
                anyhow::bail!("{label} answered {status} before the load");
            }
            out.push(Endpoint { label, goal_ratio, make: load::get(path, headers) });
        }
        Ok(out)
    }

    /// Rounds of: hello-world, every request at 32 connections, hello-world, every request at half
    /// load. Medians over the rounds.
    pub fn reads(&self, endpoints: &[Endpoint]) -> anyhow::Result<Reads> {
        let hello = load::get("/", &[]);
        let mut peer: Vec<Shot> = Vec::new();
        let mut full: Vec<Vec<Shot>> = endpoints.iter().map(|_| Vec::new()).collect();
        let mut half: Vec<Vec<(f64, Shot)>> = endpoints.iter().map(|_| Vec::new()).collect();
        for round in 1..=self.knobs.rounds {
            eprintln!("reads, round {round} of {}", self.knobs.rounds);
            for (i, e) in endpoints.iter().enumerate() {
                // The peer before every request, so that each ratio's two figures ran side by side.
                if i % 4 == 0 {
                    let p = self.shot(self.peer, CONNS, Pace::Closed, &hello, 200);
                    say("hello-world", &p);
                    peer.push(p);
                }
                let s = self.shot(self.addr, CONNS, Pace::Closed, &e.make, 200);
                say(&e.label, &s);
                self.alive(&e.label)?;
                full[i].push(s);
            }
            let peer_now = median(peer.iter().map(Shot::rate).collect());
            for (i, e) in endpoints.iter().enumerate() {
                let carried = full[i].last().map_or(0.0, Shot::rate);
                let goal = e.goal_ratio.map_or(f64::INFINITY, |g| g * peer_now);
                // At least one request in a run, however slow the service.
                let pace = (carried.min(goal) / 2.0).max(0.05);
                let s = self.shot(self.addr, HALF_CONNS, Pace::Rate(pace), &e.make, 200);
                say(&format!("{} at {} /s", e.label, rate(pace)), &s);
                self.alive(&e.label)?;
                half[i].push((pace, s));
            }
        }
        let (peer_rps, peer_p50, peer_p99) = medians(&peer);
        let rows = endpoints
            .iter()
            .zip(full.iter().zip(&half))
            .map(|(e, (f, h))| {
                let (rps, p50, p99) = medians(f);
                let all = f.iter().chain(h.iter().map(|(_, s)| s));
                ReadRow {
                    label: e.label.clone(),
                    rps,
                    p50,
                    p99,
                    ratio: rps / peer_rps,
                    half_rate: median(h.iter().map(|(r, _)| *r).collect()),
                    half_p99: median(h.iter().map(|(_, s)| s.percentile_ms(99.0)).collect()),
                    errors: all.clone().map(|s| s.errors).sum(),
                    first_error: all.filter_map(|s| s.first_error.clone()).next(),
                    goal_ratio: e.goal_ratio,
                }
            })
            .collect();
        Ok(Reads { rows, peer_rps, peer_p50, peer_p99 })
    }

    /// New outlets through the API, each a household with its own 12-digit personal number (no
    /// check digit; a run's numbers start at a random point so reruns do not collide).
    fn create_outlet(&self) -> MakeRequest {
        let nonce = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let province = 1 + (nonce % 96) as u64;
        let start = ((nonce / 96) % 90_000_000) as u64;
        let next = Arc::new(AtomicU64::new(0));
        let auth = self.bearer().1;
        Arc::new(move |_| {
            let n = next.fetch_add(1, Ordering::Relaxed);
            let body = serde_json::json!({
                "name": format!("Hộ kinh doanh photocopy Đo Tải {}", start + n),
                "sector": "printing",
                "kind": "household",
                "tax_code": format!("{province:03}3{:08}", start + n),
                "province": "Hà Tĩnh",
                "commune": "Phường Thành Sen",
                "address": format!("{} đường Trần Phú", 1 + n % 400),
            });
            load::request("POST", "/api/v1/outlets", &[("authorization", auth.clone())], Some(&body.to_string()))
        })
    }

    /// Rounds of: the fsync loop, 8 writers alone, 8 writers while 32 connections search.
    pub fn writes(&self, dir: &Path) -> anyhow::Result<Writes> {
        let post = self.create_outlet();
        let search = load::get(SEARCH, &[self.bearer()]);
        let (mut fsync, mut alone, mut mixed, mut readers) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for round in 1..=self.knobs.rounds {
            eprintln!("writes, round {round} of {}", self.knobs.rounds);
            let f = crate::disk::fsync_rate(dir, WRITERS, self.knobs.run)?;
            eprintln!("  fsync loop: {} /s", rate(f));
            fsync.push(f);
            let w = self.shot(self.addr, WRITERS, Pace::Closed, &post, 201);
            say("8 writers", &w);
            self.alive("the writes")?;
            alone.push(w);
            let (r, w) = self.rt.block_on(async {
                tokio::join!(
                    load::run(self.addr, CONNS, self.knobs.run, Pace::Closed, search.clone(), 200),
                    load::run(self.addr, WRITERS, self.knobs.run, Pace::Closed, post.clone(), 201),
                )
            });
            say("8 writers beside 32 searching", &w);
            say("  the 32 searching", &r);
            self.alive("the writes beside searches")?;
            readers.push(r.rate());
            mixed.push(w);
        }
        let errors = alone.iter().chain(&mixed).map(|s| s.errors).sum();
        let first_error = alone.iter().chain(&mixed).find_map(|s| s.first_error.clone());
        Ok(Writes {
            fsync: median(fsync),
            alone: medians(&alone),
            mixed: medians(&mixed),
            readers_rps: median(readers),
            errors,
            first_error,
        })
    }
}
