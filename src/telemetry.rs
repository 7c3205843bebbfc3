//! Logging set-up: human-readable text or JSON lines, filtered by `RUST_LOG` (default `info`).
//! Lines are written to standard output by a thread of their own, so a request never waits on the
//! terminal or the log collector (a quarter of a trivial route's throughput went to that).

use tracing_subscriber::EnvFilter;

/// Starts logging; keep the guard while the program runs (dropping it writes what is still queued).
pub fn init(format: &str) -> tracing_appender::non_blocking::WorkerGuard {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,diesel=warn"));
    // Not lossy: when 128,000 lines wait, requests wait too rather than lose a line.
    let (writer, guard) =
        tracing_appender::non_blocking::NonBlockingBuilder::default().lossy(false).finish(std::io::stdout());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).with_writer(writer);
    let _ = if format == "json" {
        builder.json().flatten_event(true).with_current_span(true).try_init()
    } else {
        builder.try_init()
    };
    guard
}

/// Quiet logging for tests, shown only for failing tests (`RUST_LOG` turns it up).
pub fn init_for_tests() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_test_writer().try_init();
}
