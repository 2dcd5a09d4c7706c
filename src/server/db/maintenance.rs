//! Whole-database operations: consistent online backups of a SQLite file, and making erased
//! content unrecoverable.

use super::{Conn, DbResult, Engine, Pool};

/// Writes a consistent copy of the live SQLite database to `path` while others keep reading and
/// writing. Refuses to overwrite an existing file. `None` on PostgreSQL, whose own tools
/// (`pg_dump`) make its backups.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn backup_into(pool: &Pool, path: &str) -> Option<DbResult<()>> {
    let pool = pool.sqlite_writers()?;
    // VACUUM INTO takes a read transaction, so the copy is one consistent snapshot.
    Some(sqlx::query("VACUUM INTO $1").bind(path).execute(pool).await.map(|_| ()).map_err(Into::into))
}

/// What a SQLite file holds, as far as a restore needs to know: the answer of its integrity
/// check, and the migrations applied to it (`None` when it has no schema history at all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCheck {
    pub integrity: String,
    pub applied: Option<Vec<i64>>,
}

/// Opens the SQLite file at `path` read-only and checks it. An error means it is no SQLite
/// database at all.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn check_sqlite_file(path: &str) -> DbResult<FileCheck> {
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = sqlx::ConnectOptions::connect(&options).await?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut conn).await?;
    let applied = sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = TRUE ORDER BY version").fetch_all(&mut conn).await.ok();
    Ok(FileCheck { integrity, applied })
}

/// Deletes every row of every Rebound table of a PostgreSQL database, keeping the schema (an
/// earlier demo replaced by a new one). The audit log's append-only triggers are disabled for
/// the length of the caller's write transaction only. SQLite replaces its demo by removing the
/// file instead.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn empty_every_table(tx: &mut super::Transaction) -> DbResult<()> {
    if let Engine::Postgres(c) = tx.engine() {
        sqlx::query("ALTER TABLE audit_events DISABLE TRIGGER USER").execute(&mut *c).await?;
        sqlx::query(
            "TRUNCATE audit_events, plan_events, private_notes, check_ins, goal_recalibrations, milestones, plan_tasks, small_wins, plans,
                      first_sign_in_links, hand_overs, sessions, login_failures, insights_editions, settings, users, departments RESTART IDENTITY",
        )
        .execute(&mut *c)
        .await?;
        sqlx::query("ALTER TABLE audit_events ENABLE TRIGGER USER").execute(&mut *c).await?;
    }
    Ok(())
}

/// Asks the database for the simplest answer it can give: proof that it is there and answering.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn ping(conn: &mut Conn) -> DbResult<()> {
    super::on_engine!(conn, |c| sqlx::query("SELECT 1").execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Makes content just erased unrecoverable from the database's files, as far as the engine
/// allows. SQLite: moves committed pages from the write-ahead log into the database file and
/// truncates the log, so erased text (overwritten thanks to `secure_delete`) leaves no copy
/// behind. PostgreSQL: `VACUUM` of the plan tables marks the dead row versions free for reuse;
/// their bytes stay on disk (and in the write-ahead log and any base backup) until reused or
/// the files are rewritten (`VACUUM FULL`), which README's "Running on PostgreSQL" states.
/// Neither statement may run inside a transaction; SQLite's waits for the write turn like any write.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn flush_deleted_pages(pool: &Pool) -> DbResult<()> {
    pool.run_outside_transaction("PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM plans, check_ins, private_notes, plan_tasks, milestones, goal_recalibrations, small_wins, plan_events")
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::{connect, test_support::fresh_pool};

    #[tokio::test]
    async fn a_backup_is_a_complete_database_and_never_overwrites() {
        let (pool, dir) = fresh_pool().await;
        let mut conn = pool.test_writer().await;
        crate::server::db::settings::set(&mut conn, crate::server::db::settings::ORGANISATION_NAME, "Acme").await.unwrap();
        let target = dir.path().join("copy.db");
        let target = target.to_str().unwrap();
        let Some(done) = backup_into(&pool, target).await else {
            assert_eq!(pool.kind(), crate::server::db::EngineKind::Postgres, "only PostgreSQL leaves backups to its own tools");
            return;
        };
        done.unwrap();
        let copy = connect(&format!("sqlite://{target}"), &Default::default()).await.unwrap();
        let mut copy = copy.test_writer().await;
        let name = crate::server::db::settings::get(&mut copy, crate::server::db::settings::ORGANISATION_NAME).await.unwrap();
        assert_eq!(name.as_deref(), Some("Acme"));
        assert!(backup_into(&pool, target).await.unwrap().is_err());
    }
}
