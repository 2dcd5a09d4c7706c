//! The two database engines behind one pool and one connection type.
//!
//! The engine is chosen at start from the URL (`sqlite://…` or `postgres://…`); nothing else in
//! the program knows which one runs. A storage function takes a [`Conn`] and writes each query
//! once inside [`on_engine!`](super::on_engine), which expands the body once per engine so each
//! copy is typed for its own driver. SQL both engines accept is written once; where they differ,
//! each arm carries its own statement.

use super::DbError;
use sqlx::pool::PoolConnection;
use sqlx::{PgConnection, Postgres, Sqlite, SqliteConnection};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

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

/// Pools of connections to one database (readers apart from writers), and the queue SQLite's
/// writers wait in.
///
/// Writes happen one at a time (SQLite has one write lock; PostgreSQL writers take an advisory
/// lock, see [`POSTGRES_WRITE_LOCK`]). SQLite writers of this instance wait for their turn in
/// [`Pool::begin_write`]'s first-come, first-served queue, not inside the database: SQLite's busy
/// handler retries a locked database after sleeps that grow to 100 ms, so under contention a
/// write could wait a third of a second while the lock stood free most of that time (the mixed
/// load's p99 of 227 ms). PostgreSQL queues writers fairly in its own lock manager; its writers
/// wait on connections of their own, never on those readers need.
#[derive(Debug, Clone)]
pub struct Pool {
    engine: EnginePool,
    write_turns: Arc<Mutex<()>>,
}

#[derive(Debug, Clone)]
enum EnginePool {
    /// SQLite readers open with `query_only`, so a write that bypasses the queue fails loudly
    /// instead of contending for the lock; the writer pool's connections are used only by the
    /// holder of the turn (and by migrations and backups).
    Sqlite { readers: sqlx::SqlitePool, writers: sqlx::SqlitePool },
    /// PostgreSQL writers have two connections of their own: a writer waiting for the advisory
    /// lock holds one of those, not one a page read needs.
    Postgres { readers: sqlx::PgPool, writers: sqlx::PgPool },
}

/// An engine's own pool, see [`Pool::raw`].
pub enum RawPool<'p> {
    Sqlite(&'p sqlx::SqlitePool),
    Postgres(&'p sqlx::PgPool),
}

/// How long a writer waits for its turn before the write is refused as unavailable.
const WRITE_TURN_TIMEOUT: Duration = Duration::from_secs(10);

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
/// are rolled back when it is dropped without one. It holds the pool's write turn until then.
#[derive(Debug)]
pub struct Transaction {
    // Dropped in this order: the connection (queueing its rollback) before the turn.
    conn: Conn,
    _turn: Option<OwnedMutexGuard<()>>,
}

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
    fn new(engine: EnginePool) -> Self {
        Self { engine, write_turns: Arc::new(Mutex::new(())) }
    }

    /// A SQLite pool from its two connection pools (see [`super::connect`]).
    pub(super) fn sqlite(readers: sqlx::SqlitePool, writers: sqlx::SqlitePool) -> Self {
        Self::new(EnginePool::Sqlite { readers, writers })
    }

    /// A PostgreSQL pool from its two connection pools (see [`super::connect`]).
    pub(super) fn postgres(readers: sqlx::PgPool, writers: sqlx::PgPool) -> Self {
        Self::new(EnginePool::Postgres { readers, writers })
    }

    /// The writers' pool of either engine, for whole-database work outside any transaction of
    /// ours (migrations).
    pub(super) fn writers(&self) -> RawPool<'_> {
        match &self.engine {
            EnginePool::Sqlite { writers, .. } => RawPool::Sqlite(writers),
            EnginePool::Postgres { writers, .. } => RawPool::Postgres(writers),
        }
    }

    /// Which engine this pool talks to.
    pub fn kind(&self) -> EngineKind {
        match self.engine {
            EnginePool::Sqlite { .. } => EngineKind::Sqlite,
            EnginePool::Postgres { .. } => EngineKind::Postgres,
        }
    }

    /// A connection for reads. On SQLite it refuses to write: every write goes through
    /// [`Pool::begin_write`].
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn acquire(&self) -> Result<Conn, DbError> {
        Ok(Conn(match &self.engine {
            EnginePool::Sqlite { readers, .. } => Held::Sqlite(readers.acquire().await?),
            EnginePool::Postgres { readers, .. } => Held::Postgres(readers.acquire().await?),
        }))
    }

    /// Starts a write transaction once it is this writer's turn, then takes the database's write
    /// lock at once. A SQLite transaction that read first and wrote later would instead fail with
    /// "database is locked" when another connection wrote in between (seen when the first admin
    /// claimed a fresh instance while the start-up retention job ran).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn begin_write(&self) -> Result<Transaction, DbError> {
        match &self.engine {
            EnginePool::Sqlite { writers, .. } => {
                let turn = self.write_turn().await?;
                // Another process (a command run beside the server) can still hold the lock: then
                // SQLite's busy timeout applies.
                let transaction = writers.begin_with("BEGIN IMMEDIATE").await?;
                Ok(Transaction { conn: Conn(Held::SqliteTransaction(transaction)), _turn: Some(turn) })
            }
            // PostgreSQL's lock manager is the queue here: it hands the lock on inside the
            // server, while an in-process turn put two more round trips (and a wake-up on a busy
            // runtime) into every hand-over. With the turn, the mixed load's p99 at 16 users went
            // from 98 to 188 ms.
            EnginePool::Postgres { writers, .. } => {
                let mut transaction = writers.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(POSTGRES_WRITE_LOCK).execute(&mut *transaction).await?;
                Ok(Transaction { conn: Conn(Held::PostgresTransaction(transaction)), _turn: None })
            }
        }
    }

    /// A connection that writes outside the queue, for unit tests that set up rows by hand before
    /// the code under test runs (which queues as always).
    #[cfg(test)]
    pub(crate) async fn test_writer(&self) -> Conn {
        Conn(match &self.engine {
            EnginePool::Sqlite { writers, .. } => Held::Sqlite(writers.acquire().await.expect("a writer connection")),
            EnginePool::Postgres { readers, .. } => Held::Postgres(readers.acquire().await.expect("a connection")),
        })
    }

    /// Waits for this instance's turn to write, first come, first served. The turn lasts as long
    /// as the guard.
    async fn write_turn(&self) -> Result<OwnedMutexGuard<()>, DbError> {
        tokio::time::timeout(WRITE_TURN_TIMEOUT, self.write_turns.clone().lock_owned()).await.map_err(|_| DbError::Unavailable(sqlx::Error::PoolTimedOut))
    }

    /// Starts a read-only transaction that sees one consistent snapshot of the whole database
    /// for as long as it lasts, while others keep writing.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn begin_snapshot(&self) -> Result<Transaction, DbError> {
        let held = match &self.engine {
            // In write-ahead-log mode a deferred transaction reads one snapshot from its first read.
            EnginePool::Sqlite { readers, .. } => Held::SqliteTransaction(readers.begin().await?),
            EnginePool::Postgres { readers, .. } => Held::PostgresTransaction(readers.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await?),
        };
        Ok(Transaction { conn: Conn(held), _turn: None })
    }

    /// The engine's own pool, for SQL written outside the storage layer: the integration tests'
    /// raw checks of what is stored. On SQLite it is the writer pool (PostgreSQL: the readers'),
    /// which a raw write reaches without waiting for its turn; nothing in the program uses it
    /// (the program's whole-database statements go through `run_outside_transaction`).
    pub fn raw(&self) -> RawPool<'_> {
        match &self.engine {
            EnginePool::Sqlite { writers, .. } => RawPool::Sqlite(writers),
            EnginePool::Postgres { readers, .. } => RawPool::Postgres(readers),
        }
    }

    /// The SQLite pool that may write, for whole-database work that is no transaction of ours
    /// (migrations, backups); `None` on PostgreSQL.
    pub(super) fn sqlite_writers(&self) -> Option<&sqlx::SqlitePool> {
        match &self.engine {
            EnginePool::Sqlite { writers, .. } => Some(writers),
            EnginePool::Postgres { .. } => None,
        }
    }

    /// Runs one statement that must run outside any transaction (a checkpoint, a vacuum), as a
    /// writer: on SQLite in this instance's write turn, on the writers' connections; PostgreSQL
    /// needs no turn for it (its writers queue in the lock manager, and a vacuum takes none).
    #[tracing::instrument(level = "debug", skip_all)]
    pub(super) async fn run_outside_transaction(&self, sqlite: &'static str, postgres: &'static str) -> Result<(), DbError> {
        match &self.engine {
            EnginePool::Sqlite { writers, .. } => {
                let _turn = self.write_turn().await?;
                sqlx::query(sqlite).execute(writers).await?;
            }
            EnginePool::Postgres { writers, .. } => {
                sqlx::query(postgres).execute(writers).await?;
            }
        }
        Ok(())
    }

    /// Closes every connection, waiting for those in use to come back.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn close(&self) {
        match &self.engine {
            EnginePool::Sqlite { readers, writers } => {
                readers.close().await;
                writers.close().await;
            }
            EnginePool::Postgres { readers, writers } => {
                readers.close().await;
                writers.close().await;
            }
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
        match self.conn.0 {
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
        &self.conn
    }
}

impl std::ops::DerefMut for Transaction {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.conn
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::fresh_pool;
    use super::*;

    #[tokio::test]
    async fn sqlite_writers_take_their_turns_in_the_order_they_asked() {
        let (pool, _dir) = fresh_pool().await;
        if pool.kind() != EngineKind::Sqlite {
            // PostgreSQL's lock manager queues its writers (see `Pool::begin_write`).
            return;
        }
        let first = pool.begin_write().await.unwrap();
        let order = Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut waiting = Vec::new();
        for writer in 0..6 {
            let (pool, order) = (pool.clone(), order.clone());
            waiting.push(tokio::spawn(async move {
                let tx = pool.begin_write().await.unwrap();
                order.lock().unwrap().push(writer);
                tx.commit().await.unwrap();
            }));
            // Each is queued before the next asks.
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(order.lock().unwrap().is_empty(), "nobody writes while the first holds its turn");
        first.commit().await.unwrap();
        for task in waiting {
            task.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), vec![0, 1, 2, 3, 4, 5]);
    }

    #[tokio::test]
    async fn a_sqlite_read_connection_refuses_to_write() {
        let (pool, _dir) = fresh_pool().await;
        if pool.kind() != EngineKind::Sqlite {
            return;
        }
        let mut conn = pool.acquire().await.unwrap();
        let Engine::Sqlite(c) = conn.engine() else { unreachable!() };
        let refused = sqlx::query("INSERT INTO settings (key, value) VALUES ('x', 'y')").execute(&mut *c).await.unwrap_err();
        assert!(refused.to_string().contains("readonly"), "{refused}");
        let mut tx = pool.begin_write().await.unwrap();
        let Engine::Sqlite(c) = tx.engine() else { unreachable!() };
        sqlx::query("INSERT INTO settings (key, value) VALUES ('x', 'y')").execute(&mut *c).await.unwrap();
        tx.commit().await.unwrap();
    }
}
