//! The service under test, driven through its own binary: `demo` fills the database, `user add` and
//! `token create` make the bench's account, `serve` runs it on a free port.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_thanhtra");
pub const USER: &str = "bench";
pub const PASSWORD: &str = "bench-mat-khau-2026";

/// Where the service keeps its data, and how every command of the binary is told so.
pub struct Target {
    pub data_dir: PathBuf,
    /// `DATABASE_URL` when it names PostgreSQL (taken from the environment by the binary too).
    pub pg_url: Option<String>,
    pub workers: usize,
}

impl Target {
    /// A command of the binary, run inside the data dir (so no stray ./thanhtra.toml is read).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .current_dir(&self.data_dir)
            .env("THANHTRA_DATA_DIR", &self.data_dir)
            .env("THANHTRA_WORKERS", self.workers.to_string())
            .env("RUST_LOG", "warn");
        // The service reads every THANHTRA_* variable as a setting and refuses unknown ones.
        for (k, _) in std::env::vars_os() {
            if k.to_string_lossy().starts_with("THANHTRA_BENCH_") {
                c.env_remove(k);
            }
        }
        match &self.pg_url {
            Some(url) => c.env("DATABASE_URL", url),
            None => c.env_remove("DATABASE_URL"),
        };
        c
    }

    /// Runs a command to its end; its standard output, or an error with what it printed.
    pub fn output(&self, args: &[&str], env: &[(&str, &str)]) -> anyhow::Result<String> {
        let mut c = self.command(args);
        c.envs(env.iter().copied()).stdin(Stdio::null());
        let out = c.output()?;
        if !out.status.success() {
            anyhow::bail!(
                "`thanhtra {}` failed ({}): {}{}",
                args.join(" "),
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// `thanhtra demo --outlets N --findings M [--seed S]`, its output shown as it goes; the time taken.
    pub fn fill(&self, outlets: u64, findings: u64, seed: Option<&str>) -> anyhow::Result<Duration> {
        let (o, f) = (outlets.to_string(), findings.to_string());
        let mut args = vec!["demo", "--outlets", o.as_str(), "--findings", f.as_str()];
        if let Some(s) = seed {
            args.extend(["--seed", s]);
        }
        let t = Instant::now();
        let status = self.command(&args).stdin(Stdio::null()).status()?;
        if !status.success() {
            anyhow::bail!("`thanhtra {}` failed ({status})", args.join(" "));
        }
        Ok(t.elapsed())
    }

    fn sqlite(&self) -> PathBuf {
        self.data_dir.join("thanhtra.sqlite3")
    }

    fn snapshot_path(&self) -> PathBuf {
        self.data_dir.join("bench-filled.sqlite3")
    }

    /// Keeps a copy of the freshly filled SQLite database (`thanhtra backup`), for reruns.
    pub fn snapshot(&self) -> anyhow::Result<()> {
        let copy = self.snapshot_path();
        let _ = std::fs::remove_file(&copy);
        self.output(&["backup", &copy.to_string_lossy()], &[])?;
        Ok(())
    }

    /// Puts the copy kept by `snapshot` back, so a rerun starts from the data as filled and not
    /// with the outlets the previous run's writes added. False when there is no copy.
    pub fn restore(&self) -> anyhow::Result<bool> {
        let copy = self.snapshot_path();
        if !copy.exists() {
            return Ok(false);
        }
        let db = self.sqlite();
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        std::fs::copy(&copy, &db)?;
        Ok(true)
    }

    /// The bench's administrator (added unless a previous run left it) and a new API token.
    pub fn account(&self) -> anyhow::Result<String> {
        let users = self.output(&["user", "list"], &[])?;
        if !users.lines().any(|l| l.split('\t').next() == Some(USER)) {
            self.output(
                &["user", "add", USER, "--role", "admin", "--full-name", "Người đo tải"],
                &[("THANHTRA_PASSWORD", PASSWORD)],
            )?;
        }
        let name = format!("bench-{}", std::process::id());
        let out = self.output(&["token", "create", USER, "--name", &name], &[])?;
        Ok(out.lines().next().unwrap_or_default().trim().to_string())
    }
}

/// A running `thanhtra serve`.
pub struct Service {
    child: Child,
    pub addr: SocketAddr,
    /// From spawning the process to its first 200 on /healthz.
    pub startup: Duration,
    pub log: PathBuf,
    ended: bool,
}

impl Service {
    /// Starts the service on a free port, its log (warnings only) in the data dir, and waits for
    /// /healthz to answer 200.
    pub fn start(target: &Target) -> anyhow::Result<Service> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
        let log = target.data_dir.join("bench-serve.log");
        let err = std::fs::OpenOptions::new().create(true).append(true).open(&log)?;
        let bind = addr.to_string();
        let t = Instant::now();
        let mut child = target
            .command(&["serve", "--bind", &bind])
            .stdin(Stdio::null())
            .stdout(err.try_clone()?)
            .stderr(err)
            .spawn()?;
        loop {
            if health(addr) == Some(200) {
                break;
            }
            if let Some(status) = child.try_wait()? {
                anyhow::bail!("`thanhtra serve` stopped ({status}); see {}", log.display());
            }
            if t.elapsed() > Duration::from_secs(120) {
                let _ = child.kill();
                anyhow::bail!("`thanhtra serve` gave no 200 on /healthz within 2 minutes; see {}", log.display());
            }
            std::thread::sleep(Duration::from_micros(500));
        }
        Ok(Service { startup: t.elapsed(), child, addr, log, ended: false })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Asks the service to stop (SIGTERM to its process id), and kills it after 20 s.
    pub fn stop(self) {
        // Drop does it.
    }

    fn end(&mut self) {
        if self.ended {
            return;
        }
        self.ended = true;
        if let Ok(Some(status)) = self.child.try_wait() {
            // It had stopped on its own: say how (e.g. "signal: 9 (SIGKILL)").
            eprintln!("the service had stopped by itself: {status}");
            return;
        }
        let _ = Command::new("kill").arg("-TERM").arg(self.pid().to_string()).status();
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(20) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Service {
    /// A bench that stops early leaves no service behind.
    fn drop(&mut self) {
        self.end();
    }
}

/// The status of `GET /healthz`, by hand over a fresh connection (None while nothing listens).
fn health(addr: SocketAddr) -> Option<u16> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_millis(200)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut head = [0u8; 12];
    s.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// Whether a process is alive (not gone, not a zombie waiting to be reaped).
pub fn running(pid: u32) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("State:"))
        .is_some_and(|s| !matches!(s.trim().chars().next(), Some('Z' | 'X')))
}

/// Resident memory of a process, in MB: (now, peak) from /proc/<pid>/status (VmRSS, VmHWM).
pub fn rss_mb(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Signs in through the login form (CSRF token from GET /login), returning the Cookie header.
pub async fn session_cookie(addr: SocketAddr) -> anyhow::Result<String> {
    use reqwest::cookie::CookieStore;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).cookie_provider(jar.clone()).build()?;
    let base = format!("http://{addr}");
    let page = client.get(format!("{base}/login")).send().await?.text().await?;
    let marker = "name=\"csrf_token\" value=\"";
    let start = page.find(marker).map(|i| i + marker.len()).ok_or_else(|| anyhow::anyhow!("no CSRF token"))?;
    let csrf = page[start..].split('"').next().unwrap_or_default();
    let r = client
        .post(format!("{base}/login"))
        .form(&[("csrf_token", csrf), ("username", USER), ("password", PASSWORD), ("next", "/")])
        .send()
        .await?;
    if r.status() != reqwest::StatusCode::SEE_OTHER {
        anyhow::bail!("signing in answered {}", r.status());
    }
    let url = url::Url::parse(&base)?;
    let cookie = jar.cookies(&url).ok_or_else(|| anyhow::anyhow!("no session cookie"))?;
    Ok(cookie.to_str()?.to_string())
}

/// A fresh temporary data dir (removed at the end), or the one named by THANHTRA_BENCH_DATA_DIR (kept, and reused).
pub fn data_dir(named: Option<&Path>) -> anyhow::Result<(PathBuf, Option<tempfile::TempDir>)> {
    match named {
        Some(p) => {
            std::fs::create_dir_all(p)?;
            Ok((p.canonicalize()?, None))
        }
        None => {
            // Under the target dir, on a real disk (/tmp may be memory).
            let t = tempfile::Builder::new().prefix("thanhtra-bench-").tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
            Ok((t.path().to_path_buf(), Some(t)))
        }
    }
}
