//! Whole-database operations: consistent online backups.

use super::Pool;

/// Writes a consistent copy of the live database to `path` while others keep reading and writing.
/// Refuses to overwrite an existing file.
pub async fn backup_into(pool: &Pool, path: &str) -> Result<(), sqlx::Error> {
    // VACUUM INTO takes a read transaction, so the copy is one consistent snapshot.
    sqlx::query("VACUUM INTO $1").bind(path).execute(pool).await?;
    Ok(())
}

/// Checks that `file` is an intact Rebound database this version understands, then makes it the
/// database at `database_url` (the previous file is kept beside it as `.before-restore`).
/// Returns the name the previous database was kept under, if there was one.
pub async fn restore_from(database_url: &str, file: &str) -> Result<Option<String>, String> {
    use sqlx::sqlite::SqliteConnectOptions;
    use std::str::FromStr;
    if !std::path::Path::new(file).is_file() {
        return Err(format!("{file} does not exist."));
    }
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{file}")).map_err(|error| error.to_string())?.read_only(true);
    let mut conn = sqlx::ConnectOptions::connect(&options).await.map_err(|_| format!("{file} is not a database Rebound can open."))?;
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut conn).await.map_err(|_| format!("{file} is not a SQLite database."))?;
    if integrity != "ok" {
        return Err(format!("{file} failed the integrity check: {integrity}"));
    }
    let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = TRUE")
        .fetch_all(&mut conn)
        .await
        .map_err(|_| format!("{file} is not a Rebound backup (it has no schema history)."))?;
    let known: Vec<i64> = sqlx::migrate!("./migrations").iter().map(|migration| migration.version).collect();
    if applied.is_empty() {
        return Err(format!("{file} is not a Rebound backup (no schema applied)."));
    }
    if let Some(unknown) = applied.iter().find(|version| !known.contains(version)) {
        return Err(format!("{file} has schema version {unknown}, which this version of Rebound does not know; restore it with the version that made it."));
    }
    drop(conn);
    let target = database_url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let target = target.split('?').next().unwrap_or(target);
    let staging = format!("{target}.restoring");
    std::fs::copy(file, &staging).map_err(|error| format!("cannot copy {file}: {error}"))?;
    let kept = if std::path::Path::new(target).exists() {
        let kept = format!("{target}.before-restore");
        std::fs::rename(target, &kept).map_err(|error| format!("cannot set aside the current database: {error}"))?;
        Some(kept)
    } else {
        None
    };
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{target}{suffix}"));
    }
    std::fs::rename(&staging, target).map_err(|error| format!("cannot put the restored database in place: {error}"))?;
    Ok(kept)
}

/// Moves committed pages from the write-ahead log into the database file and truncates the log,
/// so content just erased (and overwritten thanks to `secure_delete`) leaves no copy behind.
pub async fn flush_deleted_pages(pool: &Pool) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::{connect, test_support::fresh_pool};

    #[tokio::test]
    async fn a_backup_is_a_complete_database_and_never_overwrites() {
        let (pool, dir) = fresh_pool().await;
        sqlx::query("INSERT INTO settings (key, value) VALUES ('organisation_name', 'Acme')").execute(&pool).await.unwrap();
        let target = dir.path().join("copy.db");
        let target = target.to_str().unwrap();
        backup_into(&pool, target).await.unwrap();
        let copy = connect(&format!("sqlite://{target}")).await.unwrap();
        let name: String = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'organisation_name'").fetch_one(&copy).await.unwrap();
        assert_eq!(name, "Acme");
        assert!(backup_into(&pool, target).await.is_err());
    }
}
