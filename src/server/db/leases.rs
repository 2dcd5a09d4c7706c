//! Leases on background jobs, so that of several instances on one database only one runs each.

use super::{Conn, DbResult, on_engine};
use chrono::{DateTime, Utc};

/// Takes or renews the lease on `job` for `holder` until `expires_at`: true when `holder` now
/// holds it (it was free, expired at `now`, or already `holder`'s), false while another instance
/// holds it. One statement, so two instances asking at once cannot both get it.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn take(conn: &mut Conn, job: &str, holder: &str, now: DateTime<Utc>, expires_at: DateTime<Utc>) -> DbResult<bool> {
    let held: Option<String> = on_engine!(conn, |c| sqlx::query_scalar(
        "INSERT INTO job_leases (job, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE job_leases.expires_at <= $4 OR job_leases.holder = excluded.holder
         RETURNING holder"
    )
    .bind(job)
    .bind(holder)
    .bind(expires_at)
    .bind(now)
    .fetch_optional(&mut *c)
    .await)?;
    Ok(held.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::test_support::fresh_pool;
    use chrono::Duration;

    #[tokio::test]
    async fn one_holder_at_a_time_and_an_expired_lease_passes_on() {
        let (pool, _dir) = fresh_pool().await;
        let mut conn = pool.test_writer().await;
        let now = crate::server::clock::now();
        let hour = Duration::hours(1);
        assert!(take(&mut conn, "retention", "a", now, now + hour).await.unwrap());
        assert!(!take(&mut conn, "retention", "b", now, now + hour).await.unwrap(), "held by a");
        assert!(take(&mut conn, "retention", "a", now + Duration::minutes(5), now + hour).await.unwrap(), "a renews its own");
        assert!(take(&mut conn, "other_job", "b", now, now + hour).await.unwrap(), "leases are per job");
        assert!(take(&mut conn, "retention", "b", now + hour, now + hour * 2).await.unwrap(), "expired: b takes over");
        assert!(!take(&mut conn, "retention", "a", now + hour, now + hour * 2).await.unwrap());
    }
}
