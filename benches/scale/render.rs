//! The four-page conclusion (tests/data/conclusion.json) rendered by the service's renderer, beside
//! Typst typesetting the same content in the same run (benches/scale/typst_conclusion.py): batches
//! of the one and the other in turn, the medians over all their renders.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::load::median;

const CONCLUSION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/conclusion.json");
const FONTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts");
const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/scale/typst_conclusion.py");

pub struct Ours {
    pub median_ms: f64,
    pub kb: f64,
    pub pages: usize,
}

pub struct Typst {
    pub median_ms: f64,
    /// The first compile of the first batch (fonts loaded, nothing cached).
    pub first_ms: f64,
    times: Vec<f64>,
    pub kb: f64,
    pub pages: usize,
    pub version: String,
}

/// The service's renderer: three renders to warm up, then `runs` timed ones (ms), and the last file.
fn ours(runs: usize) -> anyhow::Result<(Vec<f64>, Vec<u8>)> {
    let json = std::fs::read_to_string(CONCLUSION)?;
    let spec = serde_json::from_str::<thanhtra::documents::samples::BenchDoc>(&json)?.to_spec();
    for _ in 0..3 {
        thanhtra::documents::render(&spec)?;
    }
    let mut times = Vec::with_capacity(runs);
    let mut bytes = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        bytes = thanhtra::documents::render(&spec)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok((times, bytes))
}

/// `batches` turns of `per_batch` renders by the service's renderer, then by Typst.
pub fn both(batches: usize, per_batch: usize, scratch: &Path) -> anyhow::Result<(Ours, Result<Typst, String>)> {
    let mut mine = Vec::new();
    let mut bytes = Vec::new();
    let mut typst: Result<Vec<Typst>, String> = typst_ready().map(|()| Vec::new());
    for _ in 0..batches {
        let (times, b) = ours(per_batch)?;
        mine.extend(times);
        bytes = b;
        if let Ok(all) = &mut typst {
            match typst_batch(per_batch, scratch) {
                Ok(t) => all.push(t),
                Err(why) => typst = Err(why),
            }
        }
    }
    let pages = lopdf::Document::load_mem(&bytes)?.get_pages().len();
    let ours = Ours { median_ms: median(mine), kb: bytes.len() as f64 / 1024.0, pages };
    let typst = typst.and_then(|mut all| {
        let first = all.first().map(|t| t.first_ms).ok_or("no Typst batch ran")?;
        let times: Vec<f64> = all.iter_mut().flat_map(|t| std::mem::take(&mut t.times)).collect();
        let last = all.pop().ok_or("no Typst batch ran")?;
        Ok(Typst { median_ms: median(times), first_ms: first, ..last })
    });
    Ok((ours, typst))
}

/// Whether `python3` can import typst; if not, one `pip install --user typst` (said aloud).
/// Err: why the Typst figure is skipped.
fn typst_ready() -> Result<(), String> {
    let importable =
        || Command::new("python3").args(["-c", "import typst"]).output().map(|o| o.status.success()).unwrap_or(false);
    if importable() {
        return Ok(());
    }
    println!("  (the typst PyPI package is missing: installing it with `python3 -m pip install --user typst`)");
    let pip = Command::new("python3").args(["-m", "pip", "install", "--user", "--quiet", "typst"]).output();
    match pip {
        Ok(o) if o.status.success() => {
            if importable() {
                Ok(())
            } else {
                Err("pip installed typst, but python3 still cannot import it".into())
            }
        }
        Ok(o) => Err(format!("pip could not install typst: {}", String::from_utf8_lossy(&o.stderr).trim())),
        Err(e) => Err(format!("python3 cannot be run: {e}")),
    }
}

/// Typst typesetting the same conclusion `runs` times in one Python process.
fn typst_batch(runs: usize, scratch: &Path) -> Result<Typst, String> {
    let pdf = scratch.join("bench-typst-conclusion.pdf");
    let out = Command::new("python3")
        .arg(SCRIPT)
        .args([CONCLUSION, FONTS, &runs.to_string()])
        .arg(&pdf)
        .output()
        .map_err(|e| format!("python3 cannot be run: {e}"))?;
    if !out.status.success() {
        return Err(format!("the Typst script failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    let line = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |k: &str| {
        line.split_whitespace()
            .find_map(|f| f.strip_prefix(k).and_then(|v| v.strip_prefix('=')))
            .unwrap_or("")
            .to_string()
    };
    let num = |k: &str| field(k).parse::<f64>().map_err(|_| format!("the Typst script printed {line:?}"));
    let bytes = std::fs::read(&pdf).map_err(|e| e.to_string())?;
    let pages = lopdf::Document::load_mem(&bytes).map(|d| d.get_pages().len()).unwrap_or(0);
    let _ = std::fs::remove_file(&pdf);
    let times = field("times_ms").split(',').filter_map(|t| t.parse().ok()).collect();
    Ok(Typst {
        median_ms: num("median_ms")?,
        first_ms: num("first_ms")?,
        times,
        kb: num("bytes")? / 1024.0,
        pages,
        version: field("typst"),
    })
}
