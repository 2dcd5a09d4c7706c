//! The two database engines behind one pool and one connection type.
//!
//! The engine is chosen at start from the URL (`sqlite://…` or `postgres://…`); nothing else in
//! the program knows which one runs. A storage function takes a [`Conn`] and writes each query
//! once inside [`on_engine!`](super::on_engine), which expands the body once per engine so each
//! copy is typed for its own driver. SQL both engines accept is written once; where they differ,
//! each arm carries its own statement.

use super::DbError;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, Postgres, Sqlite, SqliteConnection};
use std::str::FromStr;
use std::time::Duration;

/// Which engine a database URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    /// Embedded SQLite, one file (the default).
    Sqlite,
    /// A PostgreSQL server, which several instances can share.
    Postgres,
}

impl EngineKind {
    /// The engine a URL names, from its scheme; `None` for any other URL.
    pub fn of_url(url: &str) -> Option<Self> {
        let scheme = url.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase())?;
        match scheme.as_str() {
            "sqlite" => Some(Self::Sqlite),
            "postgres" | "postgresql" => Some(Self::Postgres),
            _ => None,
        }
    }

    /// The engine's name for people and logs.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }
}

/// How the pool talks to its database. The defaults suit one instance on two cores.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolOptions {
    /// Connections the pool keeps open at most.
    pub max_connections: u32,
    /// How long one statement may run before the server cancels it (PostgreSQL only: SQLite
    /// runs in the process, and a stuck statement there is a bug, not a slow network).
    pub statement_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self { max_connections: 8, statement_timeout: Duration::from_secs(10) }
    }
}

/// A pool of connections to one database.
#[derive(Debug, Clone)]
pub enum Pool {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// One connection taken from the pool, plain or inside a transaction. Storage functions take
/// `&mut Conn`, so a check and the write it guards can share one transaction.
#[derive(Debug)]
pub struct Conn(Held);

#[derive(Debug)]
enum Held {
    Sqlite(PoolConnection<Sqlite>),
    SqliteTransaction(sqlx::Transaction<'static, Sqlite>),
    Postgres(PoolConnection<Postgres>),
    PostgresTransaction(sqlx::Transaction<'static, Postgres>),
}

/// A write transaction: a [`Conn`] whose changes land together on [`Transaction::commit`] and
/// are rolled back when it is dropped without one.
#[derive(Debug)]
pub struct Transaction(Conn);

/// The driver connection under a [`Conn`], for [`on_engine!`](super::on_engine).
pub enum Engine<'c> {
    Sqlite(&'c mut SqliteConnection),
    Postgres(&'c mut PgConnection),
}

/// Writers take this PostgreSQL advisory lock for the length of their transaction, so writes
/// happen one at a time across every instance, as SQLite's write lock makes them happen on one.
/// Every check-then-write in the storage layer (the last admin, one active plan, the setup claim)
/// relies on no other write slipping in between. Readers never take it.
const POSTGRES_WRITE_LOCK: i64 = 0x0052_4542_4f55_4e44; // "REBOUND"

impl Pool {
    /// Which engine this pool talks to.
    pub fn kind(&self) -> EngineKind {
        match self {
            Self::Sqlite(_) => EngineKind::Sqlite,
            Self::Postgres(_) => EngineKind::Postgres,
        }
    }

    /// A connection for reads, or for writes that need no transaction.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn acquire(&self) -> Result<Conn, DbError> {
        Ok(Conn(match self {
            Self::Sqlite(pool) => Held::Sqlite(pool.acquire().await?),
            Self::Postgres(pool) => Held::Postgres(pool.acquire().await?),
        }))
    }

    /// Starts a write transaction, waiting for the write lock first. A SQLite transaction that
    /// read first and wrote later would instead fail at once with "database is locked" when
    /// another connection wrote in between (seen when the first admin claimed a fresh instance
    /// while the start-up retention job ran).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn begin_write(&self) -> Result<Transaction, DbError> {
        let held = match self {
            Self::Sqlite(pool) => Held::SqliteTransaction(pool.begin_with("BEGIN IMMEDIATE").await?),
            Self::Postgres(pool) => {
                let mut transaction = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(POSTGRES_WRITE_LOCK).execute(&mut *transaction).await?;
                Held::PostgresTransaction(transaction)
            }
        };
        Ok(Transaction(Conn(held)))
    }

    /// Starts a read-only transaction that sees one consistent snapshot of the whole database
    /// for as long as it lasts, while others keep writing.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn begin_snapshot(&self) -> Result<Transaction, DbError> {
        let held = match self {
            // In write-ahead-log mode a deferred transaction reads one snapshot from its first read.
            Self::Sqlite(pool) => Held::SqliteTransaction(pool.begin().await?),
            Self::Postgres(pool) => Held::PostgresTransaction(pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await?),
        };
        Ok(Transaction(Conn(held)))
    }

    /// Closes every connection, waiting for those in use to come back.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn close(&self) {
        match self {
            Self::Sqlite(pool) => pool.close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}

impl Conn {
    /// The driver connection, to run a query on.
    pub fn engine(&mut self) -> Engine<'_> {
        match &mut self.0 {
            Held::Sqlite(connection) => Engine::Sqlite(connection),
            Held::SqliteTransaction(transaction) => Engine::Sqlite(transaction),
            Held::Postgres(connection) => Engine::Postgres(connection),
            Held::PostgresTransaction(transaction) => Engine::Postgres(transaction),
        }
    }

    /// Which engine this connection talks to.
    pub fn kind(&self) -> EngineKind {
        match &self.0 {
            Held::Sqlite(_) | Held::SqliteTransaction(_) => EngineKind::Sqlite,
            Held::Postgres(_) | Held::PostgresTransaction(_) => EngineKind::Postgres,
        }
    }
}

impl Transaction {
    /// Makes every change of the transaction durable, or none of them.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn commit(self) -> Result<(), DbError> {
        match self.0.0 {
            Held::SqliteTransaction(transaction) => transaction.commit().await?,
            Held::PostgresTransaction(transaction) => transaction.commit().await?,
            // A Transaction is only ever built around a transaction (see Pool::begin_write).
            Held::Sqlite(_) | Held::Postgres(_) => {}
        }
        Ok(())
    }
}

impl std::ops::Deref for Transaction {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.0
    }
}

impl std::ops::DerefMut for Transaction {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.0
    }
}

/// Opens the database `url` names. SQLite: the file is created when missing, with write-ahead
/// logging, enforced foreign keys, a busy timeout and fully synchronous commits. PostgreSQL: the
/// URL carries host, database, role and TLS (`sslmode=disable|prefer|require|verify-ca|verify-full`).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn connect(url: &str, options: &PoolOptions) -> Result<Pool, DbError> {
    match EngineKind::of_url(url) {
        Some(EngineKind::Sqlite) => connect_sqlite(url, options).await,
        Some(EngineKind::Postgres) => connect_postgres(url, options).await,
        None => Err(DbError::Other(sqlx::Error::Configuration(format!("{url:?} names neither sqlite:// nor postgres://").into()))),
    }
}

async fn connect_sqlite(url: &str, options: &PoolOptions) -> Result<Pool, DbError> {
    let connect = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        // Deleted content is overwritten, so erased plans cannot be recovered from the file.
        .pragma("secure_delete", "on")
        .busy_timeout(Duration::from_secs(5));
    if let Some(parent) = std::path::Path::new(connect.get_filename()).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|error| DbError::Other(sqlx::Error::Io(error)))?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(options.max_connections)
        // An embedded database cannot lose its connection, and each liveness ping is one more
        // round trip to the connection's worker thread on every acquire.
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(connect)
        .await?;
    Ok(Pool::Sqlite(pool))
}

async fn connect_postgres(url: &str, options: &PoolOptions) -> Result<Pool, DbError> {
    let timeout = options.statement_timeout.as_millis().to_string();
    let connect = PgConnectOptions::from_str(url)?.application_name("rebound").options([("statement_timeout", timeout.as_str()), ("timezone", "UTC")]);
    let pool = PgPoolOptions::new()
        .max_connections(options.max_connections)
        // A connection can die with the server; each is checked when taken, so the pool heals by
        // itself once the server is back.
        .test_before_acquire(true)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(connect)
        .await?;
    Ok(Pool::Postgres(pool))
}

/// Applies any migrations not yet applied, from the engine's own folder (`migrations/sqlite` or
/// `migrations/postgres`, numbered alike). Safe to run on every start, and by several instances
/// starting at once: sqlx holds a lock while it migrates.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn migrate(pool: &Pool) -> Result<(), sqlx::migrate::MigrateError> {
    match pool {
        Pool::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await,
        Pool::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await,
    }
}

/// The migration versions this build knows, for the engine `kind`.
pub fn known_migrations(kind: EngineKind) -> Vec<i64> {
    let migrator = match kind {
        EngineKind::Sqlite => sqlx::migrate!("./migrations/sqlite"),
        EngineKind::Postgres => sqlx::migrate!("./migrations/postgres"),
    };
    migrator.iter().map(|migration| migration.version).collect()
}

/// Creates an empty database with a name nothing else uses on the PostgreSQL server at
/// `server_url` (a URL naming any existing database, such as `postgres`), and returns its URL.
/// For tests and benchmarks, each of which wants a database of its own on one throwaway server.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn scratch_postgres_database(server_url: &str) -> Result<String, DbError> {
    use sqlx::Connection;
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!("rebound_scratch_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
    let mut admin = PgConnection::connect(server_url).await?;
    // An identifier cannot be a bound parameter; the name is ours, made of letters, digits and `_`.
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await?;
    let base = server_url.split('?').next().unwrap_or(server_url);
    let (server, _) = base.rsplit_once('/').ok_or_else(|| DbError::Other(sqlx::Error::Configuration("a PostgreSQL URL ends in /database".into())))?;
    Ok(format!("{server}/{name}"))
}
