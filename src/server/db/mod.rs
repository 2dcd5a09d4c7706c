//! All SQL lives under this module, for two engines: embedded SQLite (the default) and
//! PostgreSQL, chosen by the database URL (see [`engine`]). Each engine has its own migrations
//! (`migrations/sqlite`, `migrations/postgres`, numbered alike); the queries here are written once
//! in SQL both accept, with `$1`-style placeholders, and per engine only where they differ.
//! Rows decode into typed structs (`sqlx::FromRow`); failures come back as [`DbError`].

pub mod agenda;
pub mod audit;
pub mod calendar;
mod connect;
pub mod departments;
pub mod email;
mod engine;
mod error;
pub mod first_sign_in;
pub mod hand_overs;
pub mod insights;
pub mod leases;
pub mod maintenance;
pub mod plans;
pub mod sessions;
pub mod settings;
pub mod throttle;
pub mod transfer;
pub mod types;
pub mod users;

pub use connect::{connect, known_migrations, migrate, scratch_postgres_database};
pub use engine::{Conn, Engine, EngineKind, Pool, PoolOptions, RawPool, Transaction};
pub use error::{Constraint, DbError};

/// Runs `$body` on the driver connection under `$conn` (a `&mut Conn`), written once and
/// compiled once per engine: inside, `$c` is a `&mut SqliteConnection` in one copy and a
/// `&mut PgConnection` in the other, so every query is typed for the driver it runs on.
macro_rules! on_engine {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn.engine() {
            $crate::server::db::Engine::Sqlite($c) => $body,
            $crate::server::db::Engine::Postgres($c) => $body,
        }
    };
}
pub(crate) use on_engine;

/// The result of a storage function.
pub type DbResult<T> = Result<T, DbError>;

/// The outcome of a write aimed at one row: no row touched means the row was not where the
/// caller looked for it.
pub(crate) fn one_row(rows_affected: u64) -> DbResult<()> {
    if rows_affected == 0 { Err(DbError::NotFound) } else { Ok(()) }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// A fresh, migrated database that lives as long as the guard: a SQLite file in a temporary
    /// directory, or, when `REBOUND_TEST_POSTGRES_URL` names a PostgreSQL server (as `make test`
    /// sets it for its second run), a new database of its own on that server.
    pub async fn fresh_pool() -> (Pool, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = match std::env::var("REBOUND_TEST_POSTGRES_URL") {
            Ok(server) => scratch_postgres_database(&server).await.expect("a scratch PostgreSQL database"),
            Err(_) => format!("sqlite://{}", dir.path().join("test.db").display()),
        };
        let pool = connect(&url, &PoolOptions::default()).await.expect("open database");
        migrate(&pool).await.expect("migrate");
        (pool, dir)
    }

    /// Adds a person with a placeholder hash and returns their id.
    pub async fn add_person(conn: &mut Conn, email: &str, manager_id: Option<i64>, is_admin: bool) -> i64 {
        use crate::server::db::types::PasswordHash;
        let hash = PasswordHash::from_stored("not-a-real-hash".into());
        super::users::insert(
            conn,
            crate::server::clock::now(),
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
