//! Database access: one connection type over SQLite and PostgreSQL, a pool, migrations, and the
//! transaction helper every write goes through.

pub mod health;
pub mod schema;
pub mod text_enum;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use diesel::Connection;
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::error::AppError;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// One connection to whichever backend the installation uses. PostgreSQL is listed first and SQLite
/// last, as diesel advises; the pool below picks the variant from the URL explicitly anyway.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Where the database lives, parsed from `DATABASE_URL` or the default SQLite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DbTarget {
    pub fn parse(url: &str) -> Result<DbTarget, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err("is empty".into());
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DbTarget::Postgres(url.to_string()));
        }
        let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
        if path.contains("://") {
            return Err(format!("unsupported scheme in {:?}: use postgres://… or a SQLite file path", redact_url(url)));
        }
        if path.is_empty() {
            return Err("has no SQLite file path".into());
        }
        Ok(DbTarget::Sqlite(PathBuf::from(path)))
    }

    pub fn backend(&self) -> Backend {
        match self {
            DbTarget::Sqlite(_) => Backend::Sqlite,
            DbTarget::Postgres(_) => Backend::Postgres,
        }
    }

    /// A form safe to log: the password of a PostgreSQL URL is hidden.
    pub fn describe(&self) -> String {
        match self {
            DbTarget::Sqlite(p) => format!("sqlite:{}", p.display()),
            DbTarget::Postgres(u) => redact_url(u),
        }
    }
}

/// Hides the password in `scheme://user:password@host/...`.
pub fn redact_url(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((userinfo, host)) = rest.split_once('@')
    {
        let user = userinfo.split(':').next().unwrap_or("");
        return format!("{scheme}://{user}:***@{host}");
    }
    url.to_string()
}

/// How each SQLite connection uses memory (settings `sqlite_cache_mib`, `sqlite_mmap_mib`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SqliteTuning {
    pub cache_mib: u32,
    pub mmap_mib: u32,
}

impl Default for SqliteTuning {
    fn default() -> Self {
        SqliteTuning { cache_mib: 16, mmap_mib: 1024 }
    }
}

impl SqliteTuning {
    /// The per-connection pragmas: the busy wait (writers of other processes), durability as WAL
    /// allows it, foreign keys, the page cache, memory mapping, and a write-ahead log cut back to
    /// 64 MiB after each checkpoint instead of keeping its largest size.
    fn pragmas(self) -> String {
        format!(
            "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
             PRAGMA cache_size = -{}; PRAGMA mmap_size = {}; PRAGMA journal_size_limit = 67108864; \
             PRAGMA temp_store = MEMORY;",
            u64::from(self.cache_mib) * 1024,
            u64::from(self.mmap_mib) * 1024 * 1024
        )
    }
}

/// r2d2 manager that opens the variant named by the target and sets SQLite's per-connection pragmas.
#[derive(Debug, Clone)]
pub struct Manager {
    target: DbTarget,
    tuning: SqliteTuning,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        match &self.target {
            DbTarget::Postgres(url) => PgConnection::establish(&health::with_connect_timeout(url))
                .map(DbConnection::Pg)
                .map_err(r2d2::Error::ConnectionError),
            DbTarget::Sqlite(path) => {
                let mut conn =
                    SqliteConnection::establish(&path.to_string_lossy()).map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(&self.tuning.pragmas()).map_err(r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1").map_err(r2d2::Error::QueryError)
    }

    /// Asks the connection itself: a PostgreSQL connection whose socket failed, or one left inside
    /// a broken transaction, is dropped instead of being handed out again.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        use diesel::r2d2::R2D2Connection;
        match conn {
            DbConnection::Pg(c) => c.is_broken(),
            DbConnection::Sqlite(c) => c.is_broken(),
        }
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

tokio::task_local! {
    /// Set by the request middleware for requests that change something (POST, PUT, PATCH,
    /// DELETE): their database work takes its connections from the writers' pool.
    pub static WRITES: bool;
}

/// The database handle handed to every part of the application.
///
/// Two pools on one database: requests that change something take their connections from a
/// pool of their own, so that searches filling every connection of the other never make a write
/// wait for one (readers must not starve writers).
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    writers: Pool,
    backend: Backend,
    health: Arc<health::Health>,
}

impl Db {
    /// Opens the pool (creating the SQLite file and its folder if needed) without migrating.
    pub fn connect(target: &DbTarget, max_size: u32) -> anyhow::Result<Db> {
        Db::connect_tuned(target, max_size, SqliteTuning::default())
    }

    /// As [`Db::connect`], with SQLite's memory use set.
    pub fn connect_tuned(target: &DbTarget, max_size: u32, tuning: SqliteTuning) -> anyhow::Result<Db> {
        if let DbTarget::Sqlite(path) = target {
            if let Some(parent) = path.parent()
                && !parent.as_os_str().is_empty()
            {
                std::fs::create_dir_all(parent)
                    .map_err(|e| anyhow::anyhow!("cannot create the folder {}: {e}", parent.display()))?;
            }
            // WAL is a property of the file: set it once, before the pool opens its connections.
            let mut first = SqliteConnection::establish(&path.to_string_lossy())
                .map_err(|e| anyhow::anyhow!("cannot open the database {}: {e}", target.describe()))?;
            first.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;")?;
        }
        let health = Arc::new(health::Health::default());
        let open = |size: u32, min_idle: Option<u32>| {
            r2d2::Pool::builder()
                .max_size(size)
                .min_idle(min_idle)
                .connection_timeout(health::POOL_TIMEOUT)
                .error_handler(Box::new(health::OnError(health.clone())))
                .event_handler(Box::new(health::OnEvent(health.clone())))
                .build(Manager { target: target.clone(), tuning })
                .map_err(|e| anyhow::anyhow!("cannot open the database {}: {e}", target.describe()))
        };
        let pool = open(max_size, None)?;
        // Half as many for writers (at least two), opened as they are first needed.
        let writers = open((max_size / 2).max(2), Some(0))?;
        Ok(Db { pool, writers, backend: target.backend(), health })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A connection: waits up to five seconds for a busy pool, but gives up (503) as soon as the
    /// pool finds the database away, and after a quarter of a second while it is known to be.
    pub fn get(&self) -> Result<PooledConn, AppError> {
        self.get_from(&self.pool)
    }

    /// As [`Db::get`], from the writers' pool.
    pub fn get_for_writing(&self) -> Result<PooledConn, AppError> {
        self.get_from(&self.writers)
    }

    fn get_from(&self, pool: &Pool) -> Result<PooledConn, AppError> {
        let end = std::time::Instant::now() + self.health.wait();
        loop {
            let slice = health::WAIT_WHEN_AWAY.min(end.saturating_duration_since(std::time::Instant::now()));
            match pool.get_timeout(slice) {
                Ok(c) => return Ok(c),
                Err(e) if self.health.is_away() || std::time::Instant::now() >= end => {
                    return Err(AppError::Unavailable(format!("database: {e}")));
                }
                Err(_) => {}
            }
        }
    }

    /// A connection within `wait` at most (the health check).
    pub fn get_within(&self, wait: std::time::Duration) -> Result<PooledConn, AppError> {
        self.pool.get_timeout(wait).map_err(|e| AppError::Unavailable(format!("database: {e}")))
    }

    /// Whether the pool last failed to reach the database (see [`health`]).
    pub fn is_away(&self) -> bool {
        self.health.is_away()
    }

    /// Runs blocking diesel work on the blocking thread pool, keeping the current tracing span; in
    /// a request that changes something ([`WRITES`]), on a connection of the writers' pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.clone();
        let span = tracing::Span::current();
        let writes = WRITES.try_with(|w| *w).unwrap_or(false);
        actix_web::web::block(move || {
            let _entered = span.enter();
            let mut conn = if writes { pool.get_for_writing()? } else { pool.get()? };
            f(&mut conn)
        })
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("blocking task failed: {e}")))?
    }

    /// Applies pending migrations (under an advisory lock on PostgreSQL, so that several instances
    /// starting together migrate once).
    pub fn migrate(&self) -> anyhow::Result<Vec<String>> {
        let mut conn = self.pool.get()?;
        run_migrations(&mut conn)
    }
}

pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    let applied = match conn {
        DbConnection::Sqlite(c) => {
            let applied: Vec<String> = c
                .run_pending_migrations(SQLITE_MIGRATIONS)
                .map_err(|e| anyhow::anyhow!("migration failed: {e}"))?
                .iter()
                .map(|v| v.to_string())
                .collect();
            // Statistics for the query planner, gathered where tables changed enough since the last
            // time (a bounded sample, so quick on a large file): without them SQLite can pick a
            // covering index that matches one column over a narrower one that matches two.
            c.batch_execute("PRAGMA optimize=0x10002;")?;
            applied
        }
        DbConnection::Pg(c) => {
            c.batch_execute("SELECT pg_advisory_lock(7428190)")?;
            let result = c
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|v| v.iter().map(|v| v.to_string()).collect::<Vec<_>>())
                .map_err(|e| anyhow::anyhow!("migration failed: {e}"));
            c.batch_execute("SELECT pg_advisory_unlock(7428190)")?;
            result?
        }
    };
    Ok(applied)
}

/// Runs reads that must see one moment of the database, however many statements they take (the
/// audit chain walked in batches while others write): a read-only repeatable-read transaction on
/// PostgreSQL, a deferred transaction (one WAL snapshot from the first read) on SQLite.
pub fn read_snapshot<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    let pg = matches!(conn, DbConnection::Pg(_));
    conn.transaction(|conn| {
        if pg {
            // The first statement of the transaction, as PostgreSQL requires.
            conn.batch_execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")?;
        }
        f(conn)
    })
}

/// Whose turn it is to write to SQLite (see [`write_tx`]): parking_lot's lock hands over fairly
/// under contention, so no writer waits long behind a stream of later ones.
static SQLITE_WRITER: parking_lot::Mutex<()> = parking_lot::const_mutex(());

/// Runs `f` in one write transaction. On SQLite the transaction starts with `BEGIN IMMEDIATE`, so
/// that concurrent writers wait on the busy timeout instead of failing on a lock upgrade; on
/// PostgreSQL it is an ordinary transaction.
pub fn write_tx<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    let nested = match conn {
        DbConnection::Sqlite(inner) => {
            AnsiTransactionManager::transaction_manager_status_mut(inner).transaction_depth()?.is_some()
        }
        DbConnection::Pg(_) => true,
    };
    if nested {
        // Inside a transaction already (a savepoint), or PostgreSQL: the ordinary path.
        return conn.transaction(f);
    }
    if let DbConnection::Sqlite(inner) = conn {
        // One writer at a time in this process, in the order they came: the next one starts the
        // moment the last commits, where SQLite's busy handler would sleep in steps of up to
        // 100 ms (eight writers were no faster than one). Other processes (the CLI) still meet
        // the busy wait; a writer that waits longer than it goes ahead and meets it too.
        let _turn = SQLITE_WRITER.try_lock_for(std::time::Duration::from_secs(10));
        AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?;
        let result = f(conn);
        let DbConnection::Sqlite(inner) = conn else { unreachable_backend() };
        match result {
            Ok(value) => match AnsiTransactionManager::commit_transaction(inner) {
                Ok(()) => Ok(value),
                Err(e) => {
                    let _ = AnsiTransactionManager::rollback_transaction(inner);
                    Err(e.into())
                }
            },
            Err(e) => {
                AnsiTransactionManager::rollback_transaction(inner)?;
                Err(e)
            }
        }
    } else {
        conn.transaction(f)
    }
}

#[expect(clippy::panic, reason = "the variant cannot change inside one call")]
fn unreachable_backend() -> ! {
    panic!("connection changed backend inside a transaction")
}

/// How many rows a list counts before it says "more than": counting every match of a search over a
/// country's records costs more than the page itself (issue 12).
pub const COUNT_CAP: i64 = 1000;

/// How many rows a list holds, counted up to [`COUNT_CAP`]: `n` exactly, or `COUNT_CAP` with
/// `more` for "more than".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Total {
    pub n: i64,
    pub more: bool,
}

impl Total {
    /// The total, given whether a row exists past [`COUNT_CAP`] (`SELECT id … OFFSET 1000 LIMIT 1`,
    /// which reads at most that many rows) and, when none does, the exact count.
    /// The total of a list whose page at `offset` (at most `per_page` rows) came back with `got`
    /// rows: a first page that is not full is the whole list, so `count` is not run (a search that
    /// finds a few rows costs one pass, not three).
    pub fn unless_short<E>(
        got: usize,
        offset: i64,
        per_page: i64,
        count: impl FnOnce() -> Result<Total, E>,
    ) -> Result<Total, E> {
        if offset == 0 && (got as i64) < per_page { Ok(Total { n: got as i64, more: false }) } else { count() }
    }

    pub fn bounded<E>(past_cap: bool, count: impl FnOnce() -> Result<i64, E>) -> Result<Total, E> {
        match past_cap {
            true => Ok(Total { n: COUNT_CAP, more: true }),
            false => Ok(Total { n: count()?, more: false }),
        }
    }
}

/// A consistent copy of a SQLite database, taken with `VACUUM INTO` while others read and write.
pub fn backup_sqlite(conn: &mut DbConnection, dest: &Path) -> anyhow::Result<()> {
    match conn {
        DbConnection::Sqlite(c) => {
            if dest.exists() {
                anyhow::bail!("{} already exists; choose a new file name", dest.display());
            }
            let quoted = dest.to_string_lossy().replace('\'', "''");
            c.batch_execute(&format!("VACUUM INTO '{quoted}'"))?;
            // VACUUM may renumber the rowids of tables keyed by text, which the outlets' and the
            // dossiers' trigram indexes refer to: rebuild them in the copy from its own rows.
            let mut copy = SqliteConnection::establish(&dest.to_string_lossy())?;
            copy.batch_execute(
                "INSERT INTO outlets_fts(outlets_fts) VALUES ('rebuild'); \
                 INSERT INTO dossiers_fts(dossiers_fts) VALUES ('rebuild');",
            )?;
            Ok(())
        }
        DbConnection::Pg(_) => {
            anyhow::bail!("backup copies the SQLite database; on PostgreSQL use pg_dump (see README)")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_urls_pick_the_backend_by_scheme() {
        assert_eq!(DbTarget::parse("postgres://u:p@h/db").unwrap().backend(), Backend::Postgres);
        assert_eq!(DbTarget::parse("sqlite://data/x.db").unwrap(), DbTarget::Sqlite(PathBuf::from("data/x.db")));
        assert_eq!(DbTarget::parse("./data/x.sqlite3").unwrap(), DbTarget::Sqlite(PathBuf::from("./data/x.sqlite3")));
        assert!(DbTarget::parse("mysql://x").is_err());
        assert!(DbTarget::parse("  ").is_err());
    }

    #[actix_web::test]
    async fn a_write_gets_a_connection_while_reads_hold_every_other() {
        let dir = tempfile::tempdir().unwrap();
        let target = DbTarget::parse(&dir.path().join("t.db").to_string_lossy()).unwrap();
        let db = Db::connect(&target, 2).unwrap();
        // Two long searches hold the whole readers' pool.
        let held = (db.get().unwrap(), db.get().unwrap());
        assert!(db.get_within(std::time::Duration::from_millis(50)).is_err(), "the readers' pool is empty");
        let started = std::time::Instant::now();
        let n = WRITES
            .scope(
                true,
                db.run(|c| Ok(diesel::RunQueryDsl::execute(diesel::sql_query("CREATE TABLE t (x INTEGER)"), c)?)),
            )
            .await
            .unwrap();
        assert_eq!(n, 0);
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "the write did not wait for a reader");
        drop(held);
    }

    #[test]
    fn a_connection_left_inside_a_transaction_is_reported_broken_to_the_pool() {
        let dir = std::env::temp_dir().join(format!("tt-broken-{}", uuid::Uuid::new_v4().simple()));
        let target = DbTarget::Sqlite(dir.join("x.sqlite3"));
        std::fs::create_dir_all(&dir).unwrap();
        let m = Manager { target, tuning: SqliteTuning::default() };
        let mut conn = m.connect().unwrap();
        assert!(!m.has_broken(&mut conn), "a fresh connection is fine");
        let DbConnection::Sqlite(inner) = &mut conn else { unreachable!() };
        AnsiTransactionManager::begin_transaction(inner).unwrap();
        assert!(m.has_broken(&mut conn), "an unfinished transaction must not go back to the pool");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn postgres_passwords_never_reach_descriptions() {
        let t = DbTarget::parse("postgres://app:s3cret@db:5432/tt").unwrap();
        assert!(!t.describe().contains("s3cret"));
    }
}
