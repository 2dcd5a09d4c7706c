//! All SQL lives under this module. Queries use `$1`-style placeholders and portable SQL, so a
//! PostgreSQL backend is a change to these files and the migrations only.

pub mod audit;
pub mod departments;
pub mod first_sign_in;
pub mod hand_overs;
pub mod insights;
pub mod maintenance;
pub mod plans;
pub mod sessions;
pub mod settings;
pub mod throttle;
pub mod users;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::time::Duration;

/// The database driver in use.
pub type Db = sqlx::Sqlite;
/// A connection pool to the database.
pub type Pool = sqlx::Pool<Db>;
/// One connection (also what a transaction derefs to).
pub type Conn = <Db as sqlx::Database>::Connection;

/// Opens (creating if needed) the database at `url` with the durability settings we rely on:
/// write-ahead logging, enforced foreign keys, a busy timeout and fully synchronous commits.
pub async fn connect(url: &str) -> Result<Pool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        // Deleted content is overwritten, so erased plans cannot be recovered from the file.
        .pragma("secure_delete", "on")
        .busy_timeout(Duration::from_secs(5));
    if let Some(parent) = std::path::Path::new(options.get_filename()).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
    }
    SqlitePoolOptions::new()
        .max_connections(8)
        // An embedded database cannot lose its connection, and each liveness ping is one more
        // round trip to the connection's worker thread on every acquire.
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
}

/// Starts a write transaction. `BEGIN IMMEDIATE` takes the write lock at once, waiting up to the
/// busy timeout for it. A deferred transaction that reads first and writes later instead fails at
/// once with "database is locked" when another connection wrote in between (seen when the first
/// admin claimed a fresh instance while the start-up retention job ran).
pub async fn write_transaction(pool: &Pool) -> Result<sqlx::Transaction<'static, Db>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Applies any migrations not yet applied. Safe to run on every start.
pub async fn migrate(pool: &Pool) -> Result<(), sqlx::migrate::MigrateError> {
    sqlx::migrate!("./migrations").run(pool).await
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// A fresh, migrated database in a temporary directory that lives as long as the guard.
    pub async fn fresh_pool() -> (Pool, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let pool = connect(&url).await.expect("open database");
        migrate(&pool).await.expect("migrate");
        (pool, dir)
    }

    /// Adds a person with a placeholder hash and returns their id.
    pub async fn add_person(conn: &mut Conn, email: &str, manager_id: Option<i64>, is_admin: bool) -> i64 {
        use crate::server::auth::password::PasswordHash;
        let hash = PasswordHash::from_stored("not-a-real-hash".into());
        super::users::insert(
            conn,
            chrono::Utc::now(),
            &super::users::NewPerson {
                email,
                display_name: email.split('@').next().unwrap_or(email),
                password_hash: &hash,
                must_change_password: false,
                is_hr: false,
                is_admin,
                department_id: None,
                manager_id,
            },
        )
        .await
        .expect("add person")
    }
}
