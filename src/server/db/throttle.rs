//! Failed sign-in attempts, counted per account and per client address within a window.

use super::{Conn, DbResult, on_engine};
use chrono::{DateTime, Utc};

/// Failures inside the current window, with the oldest one (which decides when the window frees up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct FailureCount {
    pub count: i64,
    pub oldest: Option<DateTime<Utc>>,
}

/// Records one failed attempt and forgets attempts older than `forget_before` (in the caller's
/// transaction, so both land together).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn record_failure(conn: &mut Conn, email_normalized: &str, client_ip: &str, at: DateTime<Utc>, forget_before: DateTime<Utc>) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("DELETE FROM login_failures WHERE failed_at < $1").bind(forget_before).execute(&mut *c).await.map(|_| ()))?;
    on_engine!(conn, |c| sqlx::query("INSERT INTO login_failures (email_normalized, client_ip, failed_at) VALUES ($1, $2, $3)")
        .bind(email_normalized)
        .bind(client_ip)
        .bind(at)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Failures for this account since `since`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn failures_for_email(conn: &mut Conn, email_normalized: &str, since: DateTime<Utc>) -> DbResult<FailureCount> {
    Ok(on_engine!(conn, |c| sqlx::query_as("SELECT COUNT(*) AS count, MIN(failed_at) AS oldest FROM login_failures WHERE email_normalized = $1 AND failed_at >= $2")
        .bind(email_normalized)
        .bind(since)
        .fetch_one(&mut *c)
        .await)?)
}

/// Failures from this client address since `since`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn failures_for_ip(conn: &mut Conn, client_ip: &str, since: DateTime<Utc>) -> DbResult<FailureCount> {
    Ok(on_engine!(conn, |c| sqlx::query_as("SELECT COUNT(*) AS count, MIN(failed_at) AS oldest FROM login_failures WHERE client_ip = $1 AND failed_at >= $2")
        .bind(client_ip)
        .bind(since)
        .fetch_one(&mut *c)
        .await)?)
}

/// Forgets an account's failures after a successful sign-in.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn clear_for_email(conn: &mut Conn, email_normalized: &str) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("DELETE FROM login_failures WHERE email_normalized = $1").bind(email_normalized).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::test_support::fresh_pool;
    use chrono::Duration;

    #[tokio::test]
    async fn failures_are_counted_per_email_and_ip_inside_the_window() {
        let (pool, _dir) = fresh_pool().await;
        let now = crate::server::clock::now();
        let window_start = now - Duration::minutes(15);
        record_failure(&mut pool.test_writer().await, "a@x.org", "10.0.0.1", now - Duration::minutes(20), window_start - Duration::hours(1)).await.unwrap();
        record_failure(&mut pool.test_writer().await, "a@x.org", "10.0.0.1", now - Duration::minutes(10), window_start).await.unwrap();
        record_failure(&mut pool.test_writer().await, "b@x.org", "10.0.0.1", now, window_start).await.unwrap();
        // The attempt from 20 minutes ago was older than the window and has been forgotten.
        let by_email = failures_for_email(&mut pool.test_writer().await, "a@x.org", window_start).await.unwrap();
        assert_eq!(by_email, FailureCount { count: 1, oldest: Some(now - Duration::minutes(10)) });
        assert_eq!(failures_for_ip(&mut pool.test_writer().await, "10.0.0.1", window_start).await.unwrap().count, 2);
        clear_for_email(&mut pool.test_writer().await, "a@x.org").await.unwrap();
        assert_eq!(failures_for_email(&mut pool.test_writer().await, "a@x.org", window_start).await.unwrap().count, 0);
        assert_eq!(failures_for_ip(&mut pool.test_writer().await, "10.0.0.1", window_start).await.unwrap().count, 1);
    }
}
