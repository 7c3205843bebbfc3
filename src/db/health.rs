//! What this instance knows about the database's reachability, from the pool's own events: a
//! failed connect or check-out marks it away (logged once per outage), the next connection made
//! marks it back. While it is away, requests wait a moment for a connection instead of the full
//! wait, so they are answered 503 at once; the pool keeps reconnecting in the background at most
//! half a second apart, so service resumes within a second of the database.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use diesel::r2d2::{self, HandleError, HandleEvent};

/// How long a request waits for a connection while the database is reachable (a busy pool).
pub const WAIT_WHEN_UP: Duration = Duration::from_secs(5);
/// How long it waits while the database is away.
pub const WAIT_WHEN_AWAY: Duration = Duration::from_millis(250);
/// The pool's own connection timeout; r2d2 spaces reconnect attempts by at most half of it.
pub const POOL_TIMEOUT: Duration = Duration::from_secs(1);

#[derive(Debug, Default)]
pub struct Health {
    away: AtomicBool,
}

impl Health {
    pub fn is_away(&self) -> bool {
        self.away.load(Ordering::Relaxed)
    }

    pub fn wait(&self) -> Duration {
        if self.is_away() { WAIT_WHEN_AWAY } else { WAIT_WHEN_UP }
    }

    /// Marks the database away; logs only when it was not already.
    pub fn mark_away(&self, cause: &str) {
        if !self.away.swap(true, Ordering::Relaxed) {
            tracing::warn!(error = %cause, "database unreachable; answering 503 until it is back");
        }
    }

    pub fn mark_back(&self) {
        if self.away.swap(false, Ordering::Relaxed) {
            tracing::info!("database reachable again");
        }
    }
}

/// Connect and check-out failures (r2d2 would log each one at ERROR).
#[derive(Debug)]
pub struct OnError(pub Arc<Health>);

impl HandleError<r2d2::Error> for OnError {
    fn handle_error(&self, error: r2d2::Error) {
        self.0.mark_away(&error.to_string());
    }
}

/// A new connection made: the database is back.
#[derive(Debug)]
pub struct OnEvent(pub Arc<Health>);

impl HandleEvent for OnEvent {
    fn handle_acquire(&self, _event: r2d2::event::AcquireEvent) {
        self.0.mark_back();
    }
}

/// A PostgreSQL URL with `connect_timeout` (2 s) unless it sets one, so a host that drops packets
/// does not hold a reconnect attempt for minutes.
pub fn with_connect_timeout(url: &str) -> String {
    if url.contains("connect_timeout=") {
        return url.to_string();
    }
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}connect_timeout=2")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_timeout_is_added_once() {
        assert_eq!(with_connect_timeout("postgres://a@h/db"), "postgres://a@h/db?connect_timeout=2");
        assert_eq!(
            with_connect_timeout("postgres://a@h/db?sslmode=require"),
            "postgres://a@h/db?sslmode=require&connect_timeout=2"
        );
        assert_eq!(with_connect_timeout("postgres://a@h/db?connect_timeout=9"), "postgres://a@h/db?connect_timeout=9");
    }

    #[test]
    fn away_is_logged_once_and_shortens_the_wait() {
        let h = Health::default();
        assert_eq!(h.wait(), WAIT_WHEN_UP);
        h.mark_away("refused");
        h.mark_away("refused");
        assert!(h.is_away());
        assert_eq!(h.wait(), WAIT_WHEN_AWAY);
        h.mark_back();
        assert!(!h.is_away());
    }
}
