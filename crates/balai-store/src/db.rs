//! Connecting to SQLite or PostgreSQL, chosen by the URL's scheme, and transactions.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use tokio::sync::Notify;

use crate::{Result, StoreError};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Which engine a deployment runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A connection pool of either engine; run queries on it with [`crate::on_db!`].
#[derive(Debug, Clone)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The database: a pool for reads and one for writes. On SQLite the write pool has a single
/// connection, so concurrent officers queue in-process instead of meeting SQLITE_BUSY; on
/// PostgreSQL both are the same pool unless a read replica is configured.
#[derive(Debug, Clone)]
pub struct Db {
    read: Pool,
    write: Pool,
    engine: Engine,
    batcher: crate::batch::LazyBatcher,
    /// Told when a transaction that enqueued a job commits, so this process's worker wakes
    /// at once instead of at its next poll.
    jobs_signal: Arc<Notify>,
}

/// How to open the database.
#[derive(Clone)]
pub struct DbOptions {
    pub url: String,
    /// Optional PostgreSQL read replica.
    pub read_url: Option<String>,
    pub max_connections: u32,
    /// `synchronous=FULL` unless explicitly relaxed: an acknowledged submission must survive a
    /// power cut (architecture §2).
    pub sqlite_synchronous_full: bool,
    /// PostgreSQL only: run every connection with this `search_path` (tests use a schema each).
    pub pg_schema: Option<String>,
}

impl std::fmt::Debug for DbOptions {
    /// The URL may hold a password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbOptions")
            .field("url", &redact_url(&self.url))
            .field("max_connections", &self.max_connections)
            .finish()
    }
}

/// Replaces a password in a database URL with `***`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl DbOptions {
    pub fn new(url: impl Into<String>) -> Self {
        DbOptions {
            url: url.into(),
            read_url: None,
            max_connections: 16,
            sqlite_synchronous_full: true,
            pg_schema: None,
        }
    }
}

impl Db {
    /// Opens the database named by `opts.url`: `sqlite:` / `sqlite://` or `postgres://` /
    /// `postgresql://`.
    pub async fn connect(opts: &DbOptions) -> Result<Db> {
        let url = opts.url.trim();
        if url.starts_with("sqlite:") {
            Self::connect_sqlite(url, opts).await
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Self::connect_postgres(opts).await
        } else {
            Err(StoreError::Config(format!(
                "the database URL must start with sqlite: or postgres:// (got {})",
                redact_url(url)
            )))
        }
    }

    async fn connect_sqlite(url: &str, opts: &DbOptions) -> Result<Db> {
        let base = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("bad SQLite URL: {e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .synchronous(if opts.sqlite_synchronous_full {
                SqliteSynchronous::Full
            } else {
                SqliteSynchronous::Normal
            })
            .pragma("temp_store", "memory");
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(base.clone())
            .await?;
        // Each SQLite connection keeps its own page cache (about 2 MiB), so more readers than
        // the machine can run at once only cost memory.
        let readers = opts.max_connections.clamp(2, 8);
        let read = SqlitePoolOptions::new()
            .max_connections(readers)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(base.read_only(false))
            .await?;
        Ok(Db {
            read: Pool::Sqlite(read),
            write: Pool::Sqlite(write),
            engine: Engine::Sqlite,
            batcher: Default::default(),
            jobs_signal: Default::default(),
        })
    }

    async fn pg_options(url: &str, schema: Option<&str>) -> Result<PgConnectOptions> {
        let mut o = PgConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("bad PostgreSQL URL: {e}")))?;
        if let Some(s) = schema {
            o = o.options([("search_path", s)]);
        }
        Ok(o)
    }

    async fn connect_postgres(opts: &DbOptions) -> Result<Db> {
        let o = Self::pg_options(&opts.url, opts.pg_schema.as_deref()).await?;
        let write = PgPoolOptions::new()
            .max_connections(opts.max_connections)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(o)
            .await?;
        let read = match &opts.read_url {
            Some(r) => {
                let o = Self::pg_options(r, opts.pg_schema.as_deref()).await?;
                PgPoolOptions::new()
                    .max_connections(opts.max_connections)
                    .connect_with(o)
                    .await?
            }
            None => write.clone(),
        };
        Ok(Db {
            read: Pool::Postgres(read),
            write: Pool::Postgres(write),
            engine: Engine::Postgres,
            batcher: Default::default(),
            jobs_signal: Default::default(),
        })
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The pool for reads that need not see a write made a moment ago elsewhere.
    pub fn read(&self) -> &Pool {
        &self.read
    }

    /// The pool for writes and for reads that must see the latest data.
    pub fn write(&self) -> &Pool {
        &self.write
    }

    /// Applies the migrations of this engine.
    pub async fn migrate(&self) -> Result<()> {
        match &self.write {
            Pool::Sqlite(p) => SQLITE_MIGRATIONS.run(p).await?,
            Pool::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    /// Starts a write transaction.
    pub async fn begin(&self) -> Result<Tx> {
        let inner = match &self.write {
            Pool::Sqlite(p) => TxInner::Sqlite(p.begin().await?),
            Pool::Postgres(p) => TxInner::Postgres(p.begin().await?),
        };
        Ok(Tx::from_inner(inner, Some(self.jobs_signal.clone())))
    }

    /// The group-commit writer for high-rate submissions (see [`crate::batch`]).
    pub fn batcher(&self) -> crate::batch::Batcher {
        self.batcher.get(&self.write, &self.jobs_signal)
    }

    /// Notified after a transaction of this process that enqueued a job commits (the worker
    /// loop waits on it between polls).
    pub fn jobs_signal(&self) -> Arc<Notify> {
        self.jobs_signal.clone()
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<()> {
        crate::on_db!(&self.read, p => sqlx::query("SELECT 1").execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Closes both pools (waits for connections to be returned).
    pub async fn close(&self) {
        for p in [&self.read, &self.write] {
            match p {
                Pool::Sqlite(p) => p.close().await,
                Pool::Postgres(p) => p.close().await,
            }
        }
    }
}

/// A write transaction on either engine. Dropped without [`Tx::commit`], it rolls back.
pub struct Tx {
    inner: TxInner,
    jobs_signal: Option<Arc<Notify>>,
    enqueued_jobs: bool,
}

#[doc(hidden)]
pub enum TxInner {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub(crate) fn from_inner(inner: TxInner, jobs_signal: Option<Arc<Notify>>) -> Tx {
        Tx {
            inner,
            jobs_signal,
            enqueued_jobs: false,
        }
    }

    /// Marks that a job was enqueued: the worker is woken when this transaction commits.
    pub(crate) fn note_job_enqueued(&mut self) {
        self.enqueued_jobs = true;
    }

    #[doc(hidden)]
    pub fn inner_mut(&mut self) -> &mut TxInner {
        &mut self.inner
    }

    pub fn engine(&self) -> Engine {
        match self.inner {
            TxInner::Sqlite(_) => Engine::Sqlite,
            TxInner::Postgres(_) => Engine::Postgres,
        }
    }

    pub async fn commit(self) -> Result<()> {
        match self.inner {
            TxInner::Sqlite(t) => t.commit().await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        if let (true, Some(signal)) = (self.enqueued_jobs, self.jobs_signal) {
            signal.notify_one();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn password_is_redacted_from_urls() {
        assert_eq!(
            redact_url("postgres://balai:s3cret@db:5432/balai"),
            "postgres://balai:***@db:5432/balai"
        );
        assert_eq!(redact_url("sqlite://x.db"), "sqlite://x.db");
    }
}
