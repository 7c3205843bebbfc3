//! `cargo bench --bench scale`: the figures of issue 12 (performance at a country's scale), each
//! beside a peer measured in the same run. It fills a database with `thanhtra demo`, starts
//! `thanhtra serve` from this build, and measures, interleaved with a bare actix-web hello-world
//! (lists, search and pages), an fsync loop on the same disk (writes) and Typst (the conclusion
//! render); then prints the machine, the tables, and one line per goal: MET / NOT MET.
//!
//! Knobs (environment):
//! - `THANHTRA_BENCH_OUTLETS` (default 100000), `THANHTRA_BENCH_FINDINGS` (default 1000000),
//!   `THANHTRA_BENCH_SEED` (the demo's `--seed`; default: the demo's own);
//! - `THANHTRA_BENCH_SECONDS` (default 3): the length of each measured run;
//!   `THANHTRA_BENCH_ROUNDS` (default 3): interleaved rounds, whose medians are printed;
//! - `THANHTRA_BENCH_DATA_DIR`: keep the data in this folder instead of a temporary one, and reuse
//!   it when a previous run filled it with the same numbers on the same database (so reruns skip
//!   the fill; on SQLite a copy taken after the fill is put back first, so the outlets a run's
//!   writes add do not pile up; on PostgreSQL they do);
//! - `DATABASE_URL=postgres://…`: measure on PostgreSQL (the demo and the service take it from the
//!   environment); otherwise SQLite in the data dir.
//!
//! Run only by `cargo bench` (it is skipped when a test run starts it without `--bench`).

#[path = "scale/disk.rs"]
mod disk;
#[path = "scale/load.rs"]
mod load;
#[path = "scale/machine.rs"]
mod machine;
#[path = "scale/peer.rs"]
mod peer;
#[path = "scale/render.rs"]
mod render;
#[path = "scale/report.rs"]
mod report;
#[path = "scale/service.rs"]
mod service;
#[path = "scale/workload.rs"]
mod workload;

use std::path::PathBuf;
use std::time::Duration;

use load::median;
use report::{Goal, ms, rate, ratio};
use service::{Service, Target};

pub struct Knobs {
    pub outlets: u64,
    pub findings: u64,
    pub seed: Option<String>,
    pub run: Duration,
    pub rounds: usize,
    pub data_dir: Option<PathBuf>,
    pub pg_url: Option<String>,
}

impl Knobs {
    fn from_env() -> anyhow::Result<Knobs> {
        fn var(name: &str) -> Option<String> {
            std::env::var(name).ok().filter(|v| !v.trim().is_empty())
        }
        fn number<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T> {
            match var(name) {
                None => Ok(default),
                Some(v) => {
                    v.trim().replace('_', "").parse().map_err(|_| anyhow::anyhow!("{name}={v:?} is not a number"))
                }
            }
        }
        let pg_url = var("DATABASE_URL");
        if let Some(u) = &pg_url
            && !(u.starts_with("postgres://") || u.starts_with("postgresql://"))
        {
            anyhow::bail!("DATABASE_URL must name PostgreSQL (postgres://…); leave it unset for SQLite");
        }
        Ok(Knobs {
            outlets: number("THANHTRA_BENCH_OUTLETS", 100_000)?,
            findings: number("THANHTRA_BENCH_FINDINGS", 1_000_000)?,
            seed: var("THANHTRA_BENCH_SEED"),
            run: Duration::from_secs_f64(number("THANHTRA_BENCH_SECONDS", 3.0f64)?.max(0.5)),
            rounds: number("THANHTRA_BENCH_ROUNDS", 3usize)?.max(1),
            data_dir: var("THANHTRA_BENCH_DATA_DIR").map(PathBuf::from),
            pg_url,
        })
    }

    /// What a filled data dir records, so that a rerun with the same numbers reuses it.
    fn fill_marker(&self) -> String {
        let db = match &self.pg_url {
            // The address without a password.
            Some(u) => match url::Url::parse(u) {
                Ok(mut url) => {
                    let _ = url.set_password(None);
                    url.to_string()
                }
                Err(_) => "postgres".into(),
            },
            None => "sqlite".into(),
        };
        format!(
            "outlets={} findings={} seed={} database={db}\n",
            self.outlets,
            self.findings,
            self.seed.as_deref().unwrap_or("default")
        )
    }
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("scale: skipped (run it with `cargo bench --bench scale`)");
        return;
    }
    if let Err(e) = run() {
        eprintln!("scale bench failed: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> anyhow::Result<()> {
    let knobs = Knobs::from_env()?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (data_dir, _temp) = service::data_dir(knobs.data_dir.as_deref())?;
    let target = Target { data_dir: data_dir.clone(), pg_url: knobs.pg_url.clone(), workers };

    println!("# thanhtra at scale (issue 12)\n");
    println!("machine:  {}", machine::cpu());
    println!("kernel:   {}", machine::kernel());
    println!("data dir: {} on {}", data_dir.display(), machine::disk(&data_dir));
    println!(
        "scale:    {} outlets, {} findings; {} rounds of {:.1} s runs; service and hello-world with {workers} workers",
        knobs.outlets,
        knobs.findings,
        knobs.rounds,
        knobs.run.as_secs_f64()
    );

    let marker = data_dir.join("bench-filled");
    let fill = if std::fs::read_to_string(&marker).ok().as_deref() == Some(knobs.fill_marker().as_str()) {
        let how = if knobs.pg_url.is_some() {
            "the outlets earlier runs' writes added are still there"
        } else if target.restore()? {
            "restored from the copy taken after the fill"
        } else {
            "no copy of it: the outlets earlier runs' writes added are still there"
        };
        println!("fill:     reusing the data filled by an earlier run ({how})");
        None
    } else {
        if knobs.pg_url.is_none() && data_dir.join("thanhtra.sqlite3").exists() {
            anyhow::bail!(
                "{} holds a database filled otherwise than asked ({}): remove it or name another THANHTRA_BENCH_DATA_DIR",
                data_dir.display(),
                marker.display()
            );
        }
        println!("fill:     thanhtra demo --outlets {} --findings {} …", knobs.outlets, knobs.findings);
        let took = target.fill(knobs.outlets, knobs.findings, knobs.seed.as_deref())?;
        println!("fill:     took {:.1} s", took.as_secs_f64());
        if knobs.data_dir.is_some() && knobs.pg_url.is_none() {
            target.snapshot()?;
        }
        std::fs::write(&marker, knobs.fill_marker())?;
        Some(took)
    };
    let token = target.account()?;

    // Start-up: three starts on the filled database, the last one kept for the load.
    let mut startups = Vec::new();
    for _ in 0..2 {
        let s = Service::start(&target)?;
        startups.push(s.startup.as_secs_f64() * 1000.0);
        s.stop();
    }
    let service = Service::start(&target)?;
    startups.push(service.startup.as_secs_f64() * 1000.0);
    // Asked once the service has opened the database (it sets the journal mode).
    println!("backend:  {}", machine::backend(knobs.pg_url.as_deref(), &data_dir.join("thanhtra.sqlite3")));
    let startup_ms = median(startups.clone());
    std::thread::sleep(Duration::from_secs(1));
    let idle_rss = service::rss_mb(service.pid()).0;
    println!(
        "start-up: {} to the first 200 on /healthz (3 starts: {}); idle RSS {idle_rss:.1} MB",
        ms(startup_ms),
        startups.iter().map(|s| ms(*s)).collect::<Vec<_>>().join(", ")
    );

    // The load generator takes half the cores (on 2 cores: one thread, which keeps up with the
    // hello-world's two workers); the service and the hello-world get the other half and more.
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads((workers / 2).max(1)).enable_all().build()?;
    let peer = peer::Peer::start(workers);
    let bench =
        workload::Bench { addr: service.addr, pid: service.pid(), peer: peer.addr, token, knobs: &knobs, rt: &rt };
    let endpoints = bench.endpoints()?;
    println!("requests: {}", endpoints.iter().map(|e| e.label.as_str()).collect::<Vec<_>>().join(" · "));
    println!();

    let reads = bench.reads(&endpoints)?;
    let writes = bench.writes(&data_dir)?;
    let (_, peak_rss) = service::rss_mb(service.pid());
    let log = service.log.clone();
    service.stop();
    drop(peer);

    println!("\n## Reads (medians of {} interleaved rounds)\n", knobs.rounds);
    print!("{}", report::reads_table(&reads.rows, reads.peer_rps, reads.peer_p50, reads.peer_p99));
    println!(
        "\nHalf load: an open-loop rate of half the goal's load (goal ratio × hello-world), or half of what \
         the service carried when it carried less; latency counted from when each request was due."
    );

    println!("\n## Writes (8 clients creating outlets through the API; medians)\n");
    println!("| Figure | per second | p50 | p99 | beside | ratio | goal |");
    println!("|---|---|---|---|---|---|---|");
    println!("| fsync loop: 8 threads, 4 KiB + fdatasync, in the data dir | {} | | | | | |", rate(writes.fsync));
    println!(
        "| 8 clients creating outlets{} | {} | {} | {} | fsync loop | {} | ≥ 0.8×, p99 < 20 ms |",
        writes.errors_note(),
        rate(writes.alone.0),
        ms(writes.alone.1),
        ms(writes.alone.2),
        ratio(writes.alone.0 / writes.fsync),
    );
    println!(
        "| the same while 32 connections search (`q=cong ty in`: {} req/s) | {} | {} | {} | writes alone | {} | ≥ 0.5× (readers never starve writers) |",
        rate(writes.readers_rps),
        rate(writes.mixed.0),
        ms(writes.mixed.1),
        ms(writes.mixed.2),
        ratio(writes.mixed.0 / writes.alone.0),
    );

    println!("\n## Conclusion render (tests/data/conclusion.json)\n");
    let (ours, typst) = render::both(3, 10, &data_dir)?;
    println!("| Renderer | median | size | pages |");
    println!("|---|---|---|---|");
    println!(
        "| thanhtra::documents::render (3 × 10 runs) | {} | {:.0} KB | {} |",
        ms(ours.median_ms),
        ours.kb,
        ours.pages
    );
    match &typst {
        Ok(t) => println!(
            "| Typst {} in process (3 × 10 runs, in turn with the above; first compile {}) | {} | {:.0} KB | {} |",
            t.version,
            ms(t.first_ms),
            ms(t.median_ms),
            t.kb,
            t.pages
        ),
        Err(why) => println!("| Typst | skipped: {why} | | |"),
    }

    println!("\n## Memory and start-up\n");
    println!("| Figure | value | goal |");
    println!("|---|---|---|");
    println!("| start-up to a 200 on /healthz (median of 3) | {} | < 100 ms |", ms(startup_ms));
    println!("| RSS idle, 1 s after start | {idle_rss:.1} MB | < 50 MB |");
    println!("| RSS peak (VmHWM, whole run) | {peak_rss:.1} MB | bounded and stated |");
    if let Some(t) = fill {
        println!("| fill: thanhtra demo | {:.1} s | |", t.as_secs_f64());
    }

    let mut goals = Vec::new();
    for r in &reads.rows {
        let Some(g) = r.goal_ratio else { continue };
        goals.push(Goal::new(
            format!("{} throughput", r.label),
            format!("{} of hello-world ({} req/s)", ratio(r.ratio), rate(r.rps)),
            format!("≥ {g}×"),
            r.ratio >= g && r.errors == 0,
        ));
        goals.push(Goal::new(
            format!("{} p99 at half load", r.label),
            format!("{} at {} req/s", ms(r.half_p99), rate(r.half_rate)),
            format!("< {} ms", report::P99_GOAL_MS),
            r.half_p99 < report::P99_GOAL_MS,
        ));
    }
    let row = |label: &str| reads.rows.iter().find(|r| r.label == label);
    if let (Some(plain), Some(filtered)) = (row(workload::SEARCH_LABEL), row(workload::FILTERED_LABEL)) {
        let cost = plain.rps / filtered.rps;
        goals.push(Goal::new(
            "a filtered search beside the same search unfiltered",
            format!("{cost:.2}× the cost ({} vs {} req/s)", rate(filtered.rps), rate(plain.rps)),
            "at most 2×",
            cost <= 2.0,
        ));
    }
    let w = writes.alone.0 / writes.fsync;
    goals.push(Goal::new(
        "writes, 8 clients",
        format!("{} commits/s = {} of the fsync loop", rate(writes.alone.0), ratio(w)),
        "≥ 0.8×",
        w >= 0.8,
    ));
    goals.push(Goal::new("writes p99", ms(writes.alone.2), "< 20 ms", writes.alone.2 < 20.0));
    let starve = writes.mixed.0 / writes.alone.0;
    goals.push(Goal::new(
        "writes while 32 connections search",
        format!("{} commits/s = {} of writes alone", rate(writes.mixed.0), ratio(starve)),
        "≥ 0.5× (readers never starve writers)",
        starve >= 0.5,
    ));
    goals.push(Goal::new("conclusion render time", ms(ours.median_ms), "< 8 ms", ours.median_ms < 8.0));
    goals.push(Goal::new("conclusion size", format!("{:.0} KB", ours.kb), "< 45 KB", ours.kb < 45.0));
    goals.push(match &typst {
        Ok(t) => Goal::new(
            "conclusion render beside Typst",
            {
                let x = t.median_ms / ours.median_ms;
                let (ours, theirs) = (ms(ours.median_ms), ms(t.median_ms));
                if x >= 1.0 {
                    format!("{x:.1}× faster than Typst ({ours} vs {theirs})")
                } else {
                    format!("{x:.2}×: Typst is {:.1}× faster ({ours} vs {theirs})", 1.0 / x)
                }
            },
            "≥ 5×",
            t.median_ms / ours.median_ms >= 5.0,
        ),
        Err(why) => {
            Goal {
                what: "conclusion render beside Typst".into(), figure: why.clone(), goal: "≥ 5×".into(), met: None
            }
        }
    });
    goals.push(Goal::new("idle memory", format!("{idle_rss:.1} MB"), "< 50 MB", idle_rss < 50.0));
    goals.push(Goal::new("start-up to a 200 on /healthz", ms(startup_ms), "< 100 ms", startup_ms < 100.0));
    println!("\n## Goals\n");
    print!("{}", report::goals(&goals));
    println!(
        "\n(service log, warnings only: {})",
        if knobs.data_dir.is_some() { log.display().to_string() } else { "removed with the temporary data dir".into() }
    );
    disk::clean(&data_dir, 8);
    Ok(())
}
