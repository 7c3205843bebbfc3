//! The printed results: the table of figures beside their peers, then one line per goal of issue 12.

use std::fmt::Write;

/// A request measured at 32 connections and at half load.
pub struct ReadRow {
    pub label: String,
    pub rps: f64,
    pub p50: f64,
    pub p99: f64,
    pub ratio: f64,
    /// The open-loop rate of the half-load runs, and their p99.
    pub half_rate: f64,
    pub half_p99: f64,
    pub errors: u64,
    pub first_error: Option<String>,
    /// The least ratio to the hello-world the goal asks (None: no goal for this request).
    pub goal_ratio: Option<f64>,
}

pub struct Goal {
    pub what: String,
    pub figure: String,
    pub goal: String,
    /// None: not measured (the figure says why).
    pub met: Option<bool>,
}

impl Goal {
    pub fn new(what: impl Into<String>, figure: impl Into<String>, goal: impl Into<String>, met: bool) -> Goal {
        Goal { what: what.into(), figure: figure.into(), goal: goal.into(), met: Some(met) }
    }
}

pub const P99_GOAL_MS: f64 = 15.0;

pub fn ms(v: f64) -> String {
    if v.is_nan() {
        "—".into()
    } else if v < 10.0 {
        format!("{v:.2} ms")
    } else if v < 1000.0 {
        format!("{v:.0} ms")
    } else {
        format!("{:.1} s", v / 1000.0)
    }
}

pub fn rate(v: f64) -> String {
    if v.is_nan() {
        "—".into()
    } else if v >= 100.0 {
        // 75900 → 75,900
        let s = format!("{v:.0}");
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        format!("{v:.1}")
    }
}

pub fn ratio(v: f64) -> String {
    if v.is_nan() {
        "—".into()
    } else if v >= 0.1 {
        format!("{v:.2}×")
    } else {
        format!("{v:.5}×")
    }
}

/// The table of reads: one line per request.
pub fn reads_table(rows: &[ReadRow], peer_rps: f64, peer_p50: f64, peer_p99: f64) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "| Request (32 connections) | req/s | p50 | p99 | ratio to hello-world | goal | half load: rate → p99 (goal < {P99_GOAL_MS} ms) |"
    );
    let _ = writeln!(t, "|---|---|---|---|---|---|---|");
    let _ = writeln!(
        t,
        "| hello-world (actix-web, same workers) | {} | {} | {} | 1 | | |",
        rate(peer_rps),
        ms(peer_p50),
        ms(peer_p99)
    );
    for r in rows {
        let goal = r.goal_ratio.map_or_else(|| "—".into(), |g| format!("≥ {g}×"));
        let errors = if r.errors > 0 {
            format!(" ({} errors: {})", r.errors, r.first_error.as_deref().unwrap_or("?"))
        } else {
            String::new()
        };
        let _ = writeln!(
            t,
            "| `{}`{errors} | {} | {} | {} | {} | {goal} | {} req/s → {} |",
            r.label,
            rate(r.rps),
            ms(r.p50),
            ms(r.p99),
            ratio(r.ratio),
            rate(r.half_rate),
            ms(r.half_p99)
        );
    }
    t
}

/// One line per goal: MET / NOT MET with the figure.
pub fn goals(goals: &[Goal]) -> String {
    let mut t = String::new();
    for g in goals {
        let verdict = match g.met {
            Some(true) => "MET",
            Some(false) => "NOT MET",
            None => "NOT MEASURED",
        };
        let _ = writeln!(t, "{verdict:<12} {}: {} (goal {})", g.what, g.figure, g.goal);
    }
    t
}
