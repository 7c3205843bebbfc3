//! What the generator is asked for and how far it has come (the numbers the command line prints).

use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Options {
    pub outlets: usize,
    /// At least this many findings: engagements take whole checklists, so the last one may add a
    /// few more.
    pub findings: usize,
    /// The same seed on an empty database gives the same records (names, codes, addresses,
    /// results); ids and times are new on every run.
    pub seed: u64,
    /// Outlets written per transaction; engagements are grouped to about this many findings.
    pub batch: usize,
    /// Complaints, denunciations and petitions, written through the desk's own steps.
    pub submissions: usize,
    /// Permit dossiers received over the last year, written as the desk's steps leave them.
    pub dossiers: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { outlets: 1000, findings: 10_000, seed: 2025, batch: 1000, submissions: 1000, dossiers: 1000 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Outlets,
    Team,
    Engagements,
    Plan,
    Submissions,
    Dossiers,
    Done,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Outlets => "outlets",
            Phase::Team => "team",
            Phase::Engagements => "engagements",
            Phase::Plan => "plan",
            Phase::Submissions => "submissions",
            Phase::Dossiers => "dossiers",
            Phase::Done => "done",
        }
    }
}

/// Counts so far, and when the run and the current phase started.
#[derive(Debug, Clone)]
pub struct Tally {
    pub phase: Phase,
    pub outlets: usize,
    pub users: usize,
    pub engagements: usize,
    pub findings: usize,
    pub plan_items: usize,
    pub submissions: usize,
    pub dossiers: usize,
    /// Audit entries written by this run.
    pub audit_entries: i64,
    pub started: Instant,
    pub phase_started: Instant,
    /// Each finished phase: what it counted (outlets, users, findings, plan items) and how long it took.
    pub finished: Vec<(Phase, usize, Duration)>,
}

impl Tally {
    pub fn new() -> Tally {
        let now = Instant::now();
        Tally {
            phase: Phase::Outlets,
            outlets: 0,
            users: 0,
            engagements: 0,
            findings: 0,
            plan_items: 0,
            submissions: 0,
            dossiers: 0,
            audit_entries: 0,
            started: now,
            phase_started: now,
            finished: Vec::new(),
        }
    }

    pub fn enter(&mut self, phase: Phase) {
        if phase != self.phase {
            self.finished.push((self.phase, self.count(), self.phase_started.elapsed()));
        }
        self.phase = phase;
        self.phase_started = Instant::now();
    }

    /// What the current phase counts.
    pub fn count(&self) -> usize {
        match self.phase {
            Phase::Outlets => self.outlets,
            Phase::Team => self.users,
            Phase::Engagements => self.findings,
            Phase::Plan => self.plan_items,
            Phase::Submissions => self.submissions,
            Phase::Dossiers => self.dossiers,
            Phase::Done => 0,
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// What the current phase counts, per second.
    pub fn rate(&self) -> f64 {
        self.count() as f64 / self.phase_started.elapsed().as_secs_f64().max(1e-3)
    }
}

impl Default for Tally {
    fn default() -> Tally {
        Tally::new()
    }
}

/// Called after every transaction with the counts so far.
pub type Progress<'a> = dyn FnMut(&Tally) + 'a;
