//! Opening a database: the URL's engine, its two pools, and the migrations of that engine.

use super::DbError;
use super::engine::{EngineKind, Pool, PoolOptions, RawPool};
use sqlx::PgConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

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
    // An embedded database cannot lose its connection, and each liveness ping is one more round
    // trip to the connection's worker thread on every acquire. The writers connect first: they
    // create the file and switch it to write-ahead logging, which a read-only connection cannot.
    // One writes at a time; the second serves a backup or a connection still on its way back.
    let writers = SqlitePoolOptions::new().max_connections(2).test_before_acquire(false).acquire_timeout(Duration::from_secs(5)).connect_with(connect.clone()).await?;
    let readers = SqlitePoolOptions::new()
        .max_connections(options.max_connections)
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(connect.pragma("query_only", "ON"))
        .await?;
    Ok(Pool::sqlite(readers, writers))
}

async fn connect_postgres(url: &str, options: &PoolOptions) -> Result<Pool, DbError> {
    let timeout = options.statement_timeout.as_millis().to_string();
    let connect = PgConnectOptions::from_str(url)?.application_name("rebound").options([("statement_timeout", timeout.as_str()), ("timezone", "UTC")]);
    // A connection can die with the server; each is checked when taken, so the pools heal by
    // themselves once the server is back. One writes at a time, as on SQLite.
    let pool_of = |size: u32| PgPoolOptions::new().max_connections(size).test_before_acquire(true).acquire_timeout(Duration::from_secs(5));
    let writers = pool_of(2).connect_with(connect.clone()).await?;
    let readers = pool_of(options.max_connections).connect_with(connect).await?;
    Ok(Pool::postgres(readers, writers))
}

/// Applies any migrations not yet applied, from the engine's own folder (`migrations/sqlite` or
/// `migrations/postgres`, numbered alike). Safe to run on every start, and by several instances
/// starting at once: sqlx holds a lock while it migrates.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn migrate(pool: &Pool) -> Result<(), sqlx::migrate::MigrateError> {
    match pool.writers() {
        RawPool::Sqlite(writers) => sqlx::migrate!("./migrations/sqlite").run(writers).await,
        RawPool::Postgres(writers) => sqlx::migrate!("./migrations/postgres").run(writers).await,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the same SQL on whichever engine's writers.
    macro_rules! on_pool {
        ($pool:expr, |$p:ident| $body:expr) => {
            match $pool.writers() {
                RawPool::Sqlite($p) => $body,
                RawPool::Postgres($p) => $body,
            }
        };
    }

    /// A database at migration `upto`, applied from a copy of this engine's first migrations.
    async fn at_migration(upto: i64) -> (Pool, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = match std::env::var("REBOUND_TEST_POSTGRES_URL") {
            Ok(server) => scratch_postgres_database(&server).await.unwrap(),
            Err(_) => format!("sqlite://{}", dir.path().join("old.db").display()),
        };
        let pool = connect(&url, &PoolOptions::default()).await.unwrap();
        let folder = match pool.kind() {
            EngineKind::Sqlite => "migrations/sqlite",
            EngineKind::Postgres => "migrations/postgres",
        };
        let old = dir.path().join("migrations");
        std::fs::create_dir(&old).unwrap();
        for entry in std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let version: i64 = path.file_name().unwrap().to_str().unwrap()[..4].parse().unwrap();
            if version <= upto {
                std::fs::copy(&path, old.join(path.file_name().unwrap())).unwrap();
            }
        }
        let migrator = sqlx::migrate::Migrator::new(old.as_path()).await.unwrap();
        match pool.writers() {
            RawPool::Sqlite(writers) => migrator.run(writers).await.unwrap(),
            RawPool::Postgres(writers) => migrator.run(writers).await.unwrap(),
        }
        (pool, dir)
    }

    #[tokio::test]
    async fn ratings_given_before_a_check_in_survive_migration_9_and_give_back_the_next_check_in() {
        let (pool, _dir) = at_migration(8).await;
        // Before migration 9, an employee's own rating before a one-on-one was saved as a check-in
        // of its own, and wiped the next check-in the manager had scheduled.
        for statement in [
            "INSERT INTO users (id, email, email_normalized, display_name, password_hash, created_at, updated_at) VALUES (1, 'maya@x.org', 'maya@x.org', 'Maya', 'x', '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z')",
            "INSERT INTO users (id, email, email_normalized, display_name, password_hash, manager_id, created_at, updated_at) VALUES (2, 'sam@x.org', 'sam@x.org', 'Sam', 'x', 1, '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z')",
            "INSERT INTO plans (id, employee_id, opened_by, status, event_title, event_date, event_kind, event_visibility, created_at, updated_at, activated_at) VALUES (1, 2, 1, 'active', 'Demo', '2026-10-01', 'other', 'public', '2026-10-02T09:00:00Z', '2026-10-02T09:00:00Z', '2026-10-02T09:00:00Z')",
            "INSERT INTO check_ins (id, plan_id, held_on, observed_readiness, shared_summary, next_check_in, created_at, updated_at) VALUES (1, 1, '2026-10-10', 3, 'Went through the plan', '2026-10-24', '2026-10-10T09:00:00Z', '2026-10-10T09:00:00Z')",
            "INSERT INTO check_ins (id, plan_id, held_on, self_confidence, employee_reflection, created_at, updated_at) VALUES (2, 1, '2026-10-20', 4, 'Feeling steadier', '2026-10-20T09:00:00Z', '2026-10-20T09:00:00Z')",
            "UPDATE plans SET next_check_in = NULL WHERE id = 1",
        ] {
            on_pool!(&pool, |p| sqlx::query(statement).execute(p).await.map(|_| ())).unwrap();
        }
        super::migrate(&pool).await.unwrap();
        let recorded: Vec<(i64, bool, Option<i64>, String)> =
            on_pool!(&pool, |p| sqlx::query_as("SELECT id, recorded_by_manager, CAST(self_confidence AS BIGINT), employee_reflection FROM check_ins ORDER BY id")
                .fetch_all(p)
                .await)
            .unwrap();
        assert_eq!(recorded, vec![(1, true, None, String::new()), (2, false, Some(4), "Feeling steadier".into())], "the employee's own rating is kept, as theirs");
        let next: Option<String> = on_pool!(&pool, |p| sqlx::query_scalar("SELECT CAST(next_check_in AS TEXT) FROM plans WHERE id = 1").fetch_one(p).await).unwrap();
        assert_eq!(next.as_deref(), Some("2026-10-24"), "the manager's scheduled check-in is back");
    }
}
