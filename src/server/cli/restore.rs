//! `rebound restore FILE`: checks that a file is an intact Rebound database this version
//! understands, then makes it the SQLite database (the previous file kept beside it).

use crate::server::db::{self, EngineKind};
use crate::server::error::{CliError, failed};

/// Restores `file` into the SQLite database at `database_url`, returning the name the previous
/// database was kept under, if there was one. Refuses a missing, damaged, foreign or newer file,
/// and a PostgreSQL URL (whose tools restore it), touching nothing.
pub async fn restore_from(database_url: &str, file: &str) -> Result<Option<String>, CliError> {
    if EngineKind::of_url(database_url) == Some(EngineKind::Postgres) {
        let shown = crate::server::config::shown_url(database_url);
        return Err(CliError::from(format!(
            "{shown} is a PostgreSQL database: restore a pg_dump backup with PostgreSQL's own tools, for example `pg_restore --clean --dbname='{shown}' {file}`; nothing was changed."
        )));
    }
    if !std::path::Path::new(file).is_file() {
        return Err(CliError::from(format!("{file} does not exist.")));
    }
    let checked = db::maintenance::check_sqlite_file(file).await.map_err(|_| format!("{file} is not a SQLite database."))?;
    if checked.integrity != "ok" {
        return Err(CliError::from(format!("{file} failed the integrity check: {}", checked.integrity)));
    }
    let applied = checked.applied.ok_or_else(|| format!("{file} is not a Rebound backup (it has no schema history)."))?;
    if applied.is_empty() {
        return Err(CliError::from(format!("{file} is not a Rebound backup (no schema applied).")));
    }
    let known = db::known_migrations(EngineKind::Sqlite);
    if let Some(unknown) = applied.iter().find(|version| !known.contains(version)) {
        return Err(CliError::from(format!("{file} has schema version {unknown}, which this version of Rebound does not know; restore it with the version that made it.")));
    }
    let target = database_url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let target = target.split('?').next().unwrap_or(target);
    let staging = format!("{target}.restoring");
    std::fs::copy(file, &staging).map_err(failed(format!("cannot copy {file}")))?;
    let kept = if std::path::Path::new(target).exists() {
        let kept = format!("{target}.before-restore");
        std::fs::rename(target, &kept).map_err(failed("cannot set aside the current database"))?;
        Some(kept)
    } else {
        None
    };
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{target}{suffix}"));
    }
    std::fs::rename(&staging, target).map_err(failed("cannot put the restored database in place"))?;
    Ok(kept)
}
