//! Which database errors are the database going away (answered 503 with Retry-After) rather than a
//! fault (500).

/// Whether a database error means the connection or the server went away (or the statement may
/// simply be retried), rather than a fault in the request: answered 503, not 500.
pub fn is_retryable(kind: &diesel::result::DatabaseErrorKind, message: &str) -> bool {
    use diesel::result::DatabaseErrorKind as K;
    if matches!(kind, K::ClosedConnection | K::SerializationFailure | K::ReadOnlyTransaction) {
        return true;
    }
    let m = message.to_ascii_lowercase();
    [
        "terminating connection",
        "server closed the connection",
        "no connection to the server",
        "connection to server",
        "could not receive data from server",
        "could not send data to server",
        "the database system is shutting down",
        "the database system is starting up",
        "the database system is in recovery mode",
        "ssl syscall error",
        "ssl connection has been closed",
        "broken pipe",
        "connection reset",
        "database is locked",
        "database table is locked",
        "in a read-only transaction", // a fail-over left us on a standby
    ]
    .iter()
    .any(|p| m.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::result::DatabaseErrorKind as K;

    #[test]
    fn connection_losses_are_retryable_and_faults_are_not() {
        assert!(is_retryable(&K::Unknown, "terminating connection due to administrator command"));
        assert!(is_retryable(
            &K::Unknown,
            "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally"
        ));
        assert!(is_retryable(&K::Unknown, "database is locked"));
        assert!(is_retryable(&K::ClosedConnection, ""));
        assert!(is_retryable(&K::SerializationFailure, "could not serialize access"));
        assert!(!is_retryable(&K::Unknown, "syntax error at or near \"SELEC\""));
        assert!(!is_retryable(&K::CheckViolation, "new row violates check constraint"));
        assert!(!is_retryable(&K::ForeignKeyViolation, "violates foreign key constraint"));
    }
}
