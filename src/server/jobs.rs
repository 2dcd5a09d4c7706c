//! Background work: erasing closed plans whose retention period has run out, and refused forms
//! that no page took back; queueing and sending reminder emails.

use crate::server::AppState;
use crate::server::db::{self, audit::AuditEvent};
use std::time::Duration;

/// Plans erased per transaction.
pub const RETENTION_BATCH: i64 = 100;
/// How often retention runs (it also runs once at start).
pub const RETENTION_INTERVAL: Duration = Duration::from_secs(60 * 60);

/// Erases closed plans older than the retention setting, unless their employee kept them.
/// Returns how many were erased.
pub async fn run_retention(state: &AppState) -> Result<u64, crate::server::db::DbError> {
    let days = db::settings::retention_days(&mut state.pool.acquire().await?).await?;
    let mut erased = 0;
    loop {
        let now = state.now();
        let mut tx = state.pool.begin_write().await?;
        let batch = db::plans::erase_expired(&mut tx, now - chrono::Duration::days(days), RETENTION_BATCH).await?;
        if batch > 0 {
            let count = batch.to_string();
            db::audit::record_counted(&mut tx, now, AuditEvent::new(None, crate::model::AuditAction::PlansErasedByRetention).detail(&count)).await?;
        }
        tx.commit().await?;
        erased += batch;
        if batch < RETENTION_BATCH as u64 {
            break;
        }
        // Let waiting requests have the write lock between batches.
        tokio::task::yield_now().await;
    }
    // A refused form can hold plan text: one that no page took goes within the hour.
    let mut tx = state.pool.begin_write().await?;
    let stale_forms = db::hand_overs::drop_stale(&mut tx, state.now()).await?;
    tx.commit().await?;
    if erased > 0 || stale_forms > 0 {
        db::maintenance::flush_deleted_pages(&state.pool).await?;
        tracing::info!(erased, "retention erased closed plans");
    }
    Ok(erased)
}

/// Runs retention if this instance holds (or can take) the job's lease: of several instances on
/// one database, one runs it per interval; when that one stops, another takes over once its lease
/// runs out. Returns how many plans were erased, or `None` when another instance holds the lease.
pub async fn run_retention_if_ours(state: &AppState) -> Result<Option<u64>, db::DbError> {
    let now = state.now();
    // Renewed at every run by its holder; lasts a little longer than one interval, so a holder
    // that is late by a few seconds keeps it.
    let lease = chrono::Duration::from_std(RETENTION_INTERVAL).unwrap_or_else(|_| chrono::Duration::hours(1)) + chrono::Duration::minutes(5);
    let mut tx = state.pool.begin_write().await?;
    let ours = db::leases::take(&mut tx, RETENTION_JOB, &state.instance_id, now, now + lease).await?;
    tx.commit().await?;
    if !ours {
        return Ok(None);
    }
    run_retention(state).await.map(Some)
}

/// The name of the retention job's lease.
pub const RETENTION_JOB: &str = "retention";

/// Runs retention now and then every [`RETENTION_INTERVAL`] until the process ends, on whichever
/// instance holds the job's lease.
pub fn spawn_retention(state: AppState) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(RETENTION_INTERVAL);
        loop {
            ticker.tick().await;
            if let Err(error) = run_retention_if_ours(&state).await {
                tracing::error!(%error, "retention run failed");
            }
        }
    });
}

/// The name of the email job's lease.
pub const EMAIL_JOB: &str = "email";

/// Queues the reminders due now and sends what is queued, if this instance holds (or can take)
/// the email job's lease: one instance sends, so nothing goes out twice from two. Returns how many
/// emails were sent, or `None` when another instance holds the lease.
pub async fn run_email_if_ours(state: &AppState, config: &crate::server::email::EmailConfig) -> Result<Option<usize>, db::DbError> {
    let now = state.now();
    let lease = chrono::Duration::from_std(state.config.email_interval).unwrap_or_else(|_| chrono::Duration::minutes(1)) * 3 + chrono::Duration::minutes(2);
    let mut tx = state.pool.begin_write().await?;
    let ours = db::leases::take(&mut tx, EMAIL_JOB, &state.instance_id, now, now + lease).await?;
    tx.commit().await?;
    if !ours {
        return Ok(None);
    }
    crate::server::email::reminders::schedule(state).await?;
    crate::server::email::outbox::deliver(state, config).await.map(Some)
}

/// Runs the email job every `email_interval` until the process ends, when an SMTP server is
/// configured.
pub fn spawn_email(state: AppState) {
    let Some(config) = state.config.email.clone() else { return };
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(state.config.email_interval);
        loop {
            ticker.tick().await;
            if let Err(error) = run_email_if_ours(&state, &config).await {
                tracing::error!(%error, "email run failed");
            }
        }
    });
}
