//! The audit record of plan reads, written with group commit.
//!
//! Every view of a plan is recorded before the plan is returned, and the record must be durable.
//! One synced transaction per view made plan pages the slowest in the benchmark and emptied every
//! other connection's page cache on each view. Views are instead queued to one writer task, which
//! commits whatever has queued up in a single transaction; each view waits for the commit that
//! holds its record, so nothing is shown before it is on disk.

use crate::model::AppError;
use crate::server::db::{self, Pool};
use chrono::{DateTime, Utc};
use tokio::sync::{mpsc, oneshot};

/// How many reads one transaction records at most.
const BATCH: usize = 256;

/// One plan read waiting to be recorded.
struct Read {
    at: DateTime<Utc>,
    reader_id: i64,
    plan_id: i64,
    recorded: oneshot::Sender<bool>,
}

/// The queue to the writer task. Cheap to clone; the task ends when the last clone is dropped.
#[derive(Clone)]
pub struct PlanReadLog {
    queue: mpsc::Sender<Read>,
}

impl PlanReadLog {
    /// Starts the writer task on the current runtime.
    pub fn start(pool: Pool) -> Self {
        let (queue, reads) = mpsc::channel(4 * BATCH);
        tokio::spawn(write_batches(pool, reads));
        Self { queue }
    }

    /// Records that `reader_id` read `plan_id` at `at`, returning once the record is committed.
    pub async fn record(&self, at: DateTime<Utc>, reader_id: i64, plan_id: i64) -> Result<(), AppError> {
        let (recorded, committed) = oneshot::channel();
        self.queue.send(Read { at, reader_id, plan_id, recorded }).await.map_err(|_| AppError::Internal)?;
        match committed.await {
            Ok(true) => Ok(()),
            _ => Err(AppError::Internal),
        }
    }
}

async fn write_batches(pool: Pool, mut reads: mpsc::Receiver<Read>) {
    let mut batch = Vec::with_capacity(BATCH);
    while reads.recv_many(&mut batch, BATCH).await > 0 {
        let events: Vec<(DateTime<Utc>, db::audit::AuditEvent<'_>)> = batch.iter().map(|read| (read.at, db::audit::AuditEvent::plan_read(read.reader_id, read.plan_id))).collect();
        let committed = match commit(&pool, &events).await {
            Ok(()) => true,
            Err(error) => {
                tracing::error!(%error, reads = batch.len(), "could not record plan reads");
                false
            }
        };
        drop(events);
        for read in batch.drain(..) {
            let _ = read.recorded.send(committed);
        }
    }
}

async fn commit(pool: &Pool, events: &[(DateTime<Utc>, db::audit::AuditEvent<'_>)]) -> Result<(), crate::server::db::DbError> {
    let mut tx = pool.begin_write().await?;
    db::audit::record_many(&mut tx, events).await?;
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::test_support::fresh_pool;

    #[tokio::test]
    async fn concurrent_reads_are_all_recorded_before_anyone_returns() {
        let (pool, _dir) = fresh_pool().await;
        let log = PlanReadLog::start(pool.clone());
        let now = crate::server::clock::now();
        let views: Vec<_> = (0..40)
            .map(|index| {
                let (log, pool) = (log.clone(), pool.clone());
                tokio::spawn(async move {
                    log.record(now, 7, index).await.unwrap();
                    // Once `record` returns, this read is in the log for everyone to see.
                    let mut conn = pool.test_writer().await;
                    let found: i64 = crate::server::db::on_engine!(conn, |c| sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'plan_read' AND target_id = $1")
                        .bind(index)
                        .fetch_one(&mut *c)
                        .await)
                    .unwrap();
                    assert_eq!(found, 1);
                })
            })
            .collect();
        for view in views {
            view.await.unwrap();
        }
        assert_eq!(db::audit::count_by_action(&mut pool.test_writer().await, crate::model::AuditAction::PlanRead).await.unwrap(), 40);
    }

    #[tokio::test]
    async fn a_failed_commit_is_reported_to_every_waiting_read() {
        let (pool, _dir) = fresh_pool().await;
        let log = PlanReadLog::start(pool.clone());
        pool.close().await;
        assert!(matches!(log.record(crate::server::clock::now(), 7, 1).await, Err(AppError::Internal)));
    }
}
