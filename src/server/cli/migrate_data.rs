//! `rebound migrate-data --from URL --to URL`: moves a whole Rebound database to another one,
//! typically from the embedded SQLite file to PostgreSQL, in one command.

use crate::server::db::{self, EngineKind, PoolOptions, transfer::TableSummary};
use crate::server::error::{CliError, failed};

/// Copies every row of every table from `from` into the empty database `to` (migrating it
/// first), checks each table's count and checksum before committing, and returns them. Refuses a
/// source this build cannot read as it is, or a target that holds anything; never writes to the
/// source.
pub async fn run(from: &str, to: &str, options: &PoolOptions) -> Result<Vec<TableSummary>, CliError> {
    let (Some(from_kind), Some(_)) = (EngineKind::of_url(from), EngineKind::of_url(to)) else {
        return Err(CliError::from("give both databases as sqlite://path or postgres://role@host:port/database URLs"));
    };
    if from.trim() == to.trim() {
        return Err(CliError::from("the source and the target are the same database"));
    }
    let (from_url, to_url) = (from, to);
    let (from, to) = (&crate::server::config::shown_url(from), &crate::server::config::shown_url(to));
    if from_kind == EngineKind::Sqlite {
        let path = from_url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
        let path = path.split('?').next().unwrap_or(path);
        if !std::path::Path::new(path).is_file() {
            return Err(CliError::from(format!("there is no database at {from}; nothing was copied")));
        }
    }
    let source = db::connect(from_url, options).await.map_err(failed(format!("cannot open {from}")))?;
    let mut snapshot = source.begin_snapshot().await.map_err(failed(format!("cannot read {from}")))?;
    let applied = db::transfer::applied_migrations(&mut snapshot).await.map_err(failed(format!("cannot read {from}")))?;
    if applied != db::known_migrations(from_kind) {
        return Err(CliError::from(format!(
            "{from} is not a Rebound database at this version's schema (it has {} of {} migrations); run `rebound --database {from} migrate` with this version first, or use the version that made it",
            applied.len(),
            db::known_migrations(from_kind).len()
        )));
    }
    let target = db::connect(to_url, options).await.map_err(failed(format!("cannot open {to}")))?;
    db::migrate(&target).await.map_err(failed(format!("cannot prepare {to}")))?;
    let mut writing = target.begin_write().await.map_err(failed(format!("cannot write to {to}")))?;
    let occupied = db::transfer::tables_with_rows(&mut writing).await.map_err(failed(format!("cannot read {to}")))?;
    if !occupied.is_empty() {
        return Err(CliError::from(format!("{to} is not empty (rows in {}); give an empty database, nothing was copied", occupied.join(", "))));
    }
    let copied = db::transfer::copy(&mut snapshot, &mut writing).await.map_err(failed("copying failed, nothing was written"))?;
    // Read back inside the same transaction: a difference rolls everything back.
    let landed = db::transfer::summaries(&mut writing).await.map_err(failed("cannot check the copy, nothing was written"))?;
    let differing: Vec<&str> = copied.iter().zip(&landed).filter(|(read, written)| read != written).map(|(read, _)| read.table).collect();
    if !differing.is_empty() {
        return Err(CliError::from(format!("the copy of {} differs from the source, so nothing was written", differing.join(", "))));
    }
    writing.commit().await.map_err(failed("cannot commit the copy, nothing was written"))?;
    drop(snapshot);
    source.close().await;
    target.close().await;
    Ok(copied)
}
