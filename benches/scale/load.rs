//! The load generator (no wrk needed): keep-alive HTTP/1.1 connections on tokio, each sending its next request as
//! soon as the last answer is read (closed loop, like wrk), or on a fixed schedule (open loop: the
//! latency counts from when a request was due, so a stalled server cannot hide its queue).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The bytes of request number `n` (numbers are unique within one run).
pub type MakeRequest = Arc<dyn Fn(u64) -> Arc<[u8]> + Send + Sync>;

/// Extra request headers: name, value.
pub type Headers<'a> = &'a [(&'static str, String)];

/// An HTTP/1.1 request with the given extra headers, and a JSON body when given one.
pub fn request(method: &str, path: &str, headers: Headers, json: Option<&str>) -> Arc<[u8]> {
    let mut r = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (k, v) in headers {
        r.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(body) = json {
        r.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}", body.len()));
    } else {
        r.push_str("\r\n");
    }
    r.into_bytes().into()
}

/// The same GET of `path` every time.
pub fn get(path: &str, headers: Headers) -> MakeRequest {
    let bytes = request("GET", path, headers, None);
    Arc::new(move |_| bytes.clone())
}

/// How requests are paced.
#[derive(Clone, Copy, Debug)]
pub enum Pace {
    /// Each connection sends again as soon as its answer is read.
    Closed,
    /// This many requests per second in all, spread evenly over the connections.
    Rate(f64),
}

/// What one measurement saw.
#[derive(Debug, Default, Clone)]
pub struct Shot {
    /// Answers with the expected status.
    pub ok: u64,
    /// Other answers, and failed connections.
    pub errors: u64,
    pub first_error: Option<String>,
    pub secs: f64,
    /// Every answer's latency, in microseconds, sorted.
    pub latencies_us: Vec<u32>,
}

impl Shot {
    /// Expected answers per second.
    pub fn rate(&self) -> f64 {
        if self.secs > 0.0 { self.ok as f64 / self.secs } else { 0.0 }
    }

    /// The `p`-th percentile of the latency, in milliseconds (NaN without answers).
    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * self.latencies_us.len() as f64).ceil() as usize;
        let i = rank.clamp(1, self.latencies_us.len()) - 1;
        f64::from(self.latencies_us[i]) / 1000.0
    }
}

/// Runs `conns` connections against `addr` for `duration`, expecting `expect` from every answer.
/// A request under way when the time is up is still waited for and counted.
pub async fn run(
    addr: SocketAddr,
    conns: usize,
    duration: Duration,
    pace: Pace,
    make: MakeRequest,
    expect: u16,
) -> Shot {
    let start = Instant::now();
    let deadline = start + duration;
    let seq = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::with_capacity(conns);
    for c in 0..conns {
        // Open loop: connection c sends at start + (c + k·conns) / rate, k = 0, 1, 2…
        let interval = match pace {
            Pace::Closed => None,
            Pace::Rate(r) => Some(Duration::from_secs_f64(conns as f64 / r.max(0.001))),
        };
        let offset = interval.map(|i| i.mul_f64(c as f64 / conns as f64));
        let (make, seq) = (make.clone(), seq.clone());
        tasks.push(tokio::spawn(async move {
            let mut shot = Shot::default();
            let mut conn: Option<Conn> = None;
            let mut k = 0u32;
            loop {
                let due = match (interval, offset) {
                    (Some(i), Some(o)) => start + o + i * k,
                    _ => Instant::now(),
                };
                if due >= deadline {
                    break;
                }
                k += 1;
                tokio::time::sleep_until(due.into()).await;
                if conn.is_none() {
                    match Conn::open(addr).await {
                        Ok(c) => conn = Some(c),
                        Err(e) => {
                            shot.fail(e);
                            tokio::time::sleep(Duration::from_millis(10)).await;
                            continue;
                        }
                    }
                }
                let c = conn.as_mut().expect("connected above");
                let req = make(seq.fetch_add(1, Ordering::Relaxed));
                match c.exchange(&req).await {
                    Ok(status) => {
                        let us = due.elapsed().as_micros().min(u128::from(u32::MAX)) as u32;
                        shot.latencies_us.push(us);
                        if status == expect {
                            shot.ok += 1;
                        } else {
                            shot.fail(format!("status {status}"));
                        }
                    }
                    Err(e) => {
                        shot.fail(e);
                        conn = None;
                    }
                }
            }
            shot
        }));
    }
    let mut all = Shot::default();
    for t in tasks {
        let s = t.await.expect("a load task does not panic");
        all.ok += s.ok;
        all.errors += s.errors;
        all.first_error = all.first_error.or(s.first_error);
        all.latencies_us.extend(s.latencies_us);
    }
    all.secs = start.elapsed().as_secs_f64().max(duration.as_secs_f64());
    all.latencies_us.sort_unstable();
    all
}

impl Shot {
    fn fail(&mut self, why: impl ToString) {
        self.errors += 1;
        if self.first_error.is_none() {
            self.first_error = Some(why.to_string());
        }
    }
}

/// One keep-alive HTTP/1.1 connection, read and written by hand: the answers of this service
/// and of the hello-world carry a Content-Length or are chunked, and nothing else is needed.
pub struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Conn {
    pub async fn open(addr: SocketAddr) -> Result<Conn, String> {
        let stream = TcpStream::connect(addr).await.map_err(|e| format!("connect: {e}"))?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        Ok(Conn { stream, buf: Vec::with_capacity(64 * 1024) })
    }

    /// Reads until `buf` holds at least `n` bytes.
    async fn fill(&mut self, n: usize) -> Result<(), String> {
        while self.buf.len() < n {
            self.buf.reserve(n - self.buf.len());
            let read = self.stream.read_buf(&mut self.buf).await.map_err(|e| format!("read: {e}"))?;
            if read == 0 {
                return Err("the server closed the connection".into());
            }
        }
        Ok(())
    }

    /// Sends one request and reads its whole answer; its status.
    pub async fn exchange(&mut self, req: &[u8]) -> Result<u16, String> {
        self.stream.write_all(req).await.map_err(|e| format!("write: {e}"))?;
        self.buf.clear();
        let head_end = loop {
            if let Some(i) = find(&self.buf, b"\r\n\r\n") {
                break i + 4;
            }
            let n = self.buf.len() + 1;
            self.fill(n).await?;
        };
        let head = std::str::from_utf8(&self.buf[..head_end]).map_err(|_| "a head that is not text".to_string())?;
        let status: u16 =
            head.get(9..12).and_then(|s| s.parse().ok()).ok_or_else(|| format!("a bad status line: {head:?}"))?;
        let mut length = None;
        let mut chunked = false;
        for line in head.split("\r\n").skip(1) {
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse::<usize>().ok();
                } else if k.eq_ignore_ascii_case("transfer-encoding") && v.to_ascii_lowercase().contains("chunked") {
                    chunked = true;
                }
            }
        }
        if chunked {
            let mut pos = head_end;
            loop {
                let line_end = loop {
                    if let Some(i) = find(&self.buf[pos..], b"\r\n") {
                        break pos + i;
                    }
                    let n = self.buf.len() + 1;
                    self.fill(n).await?;
                };
                let size_text = std::str::from_utf8(&self.buf[pos..line_end]).unwrap_or("");
                let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
                    .map_err(|_| format!("a bad chunk size {size_text:?}"))?;
                // The chunk and its CRLF (the last chunk: the empty line that ends the body).
                pos = line_end + 2 + size + 2;
                self.fill(pos).await?;
                if size == 0 {
                    break;
                }
            }
        } else if let Some(n) = length {
            self.fill(head_end + n).await?;
        } else if !(status == 204 || status == 304 || (100..200).contains(&status)) {
            return Err("an answer with neither Content-Length nor chunks".into());
        }
        Ok(status)
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The median of some figures (NaN for none).
pub fn median(mut v: Vec<f64>) -> f64 {
    v.retain(|x| !x.is_nan());
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}
