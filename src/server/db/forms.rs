//! Refused forms kept for the page they return to (see `api::guard::respond`).

use super::Pool;
use chrono::{DateTime, Duration, Utc};

/// How long a refused form waits to be shown again.
pub const KEPT_FOR_MINUTES: i64 = 10;

/// Drops refused forms older than [`KEPT_FOR_MINUTES`] that no page took. Returns how many.
pub async fn drop_stale(pool: &Pool, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM returned_forms WHERE created_at < $1").bind(now - Duration::minutes(KEPT_FOR_MINUTES)).execute(pool).await?.rows_affected())
}

/// Keeps a refused form under the hash of its one-time token, dropping stale ones on the way.
pub async fn keep(pool: &Pool, token_hash: &str, action: &str, body: &[u8], now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    drop_stale(pool, now).await?;
    sqlx::query("INSERT INTO returned_forms (token_hash, action, body, created_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(action)
        .bind(body)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// Takes (and deletes) the refused form kept under `token_hash`, if it is still fresh.
pub async fn take(pool: &Pool, token_hash: &str, now: DateTime<Utc>) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    let kept: Option<(String, Vec<u8>, DateTime<Utc>)> =
        sqlx::query_as("DELETE FROM returned_forms WHERE token_hash = $1 RETURNING action, body, created_at").bind(token_hash).fetch_optional(pool).await?;
    Ok(kept.filter(|(_, _, at)| *at >= now - Duration::minutes(KEPT_FOR_MINUTES)).map(|(action, body, _)| (action, body)))
}
