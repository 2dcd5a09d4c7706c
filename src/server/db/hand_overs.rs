//! One-time hand-overs from a form post to the page it returns to: a refused form kept for the
//! page it returns to (see `api::guard::respond`), or the first sign-in links of people just
//! imported. Each is kept under the hash of a token in the browser's cookie and taken once.

use super::Pool;
use chrono::{DateTime, Duration, Utc};

/// How long a hand-over waits to be shown.
pub const KEPT_FOR_MINUTES: i64 = 10;

/// Drops hand-overs older than [`KEPT_FOR_MINUTES`] that no page took. Returns how many.
pub async fn drop_stale(pool: &Pool, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM hand_overs WHERE created_at < $1").bind(now - Duration::minutes(KEPT_FOR_MINUTES)).execute(pool).await?.rows_affected())
}

/// Keeps a hand-over (`action`: the endpoint that made it) under the hash of its one-time token,
/// dropping stale ones on the way.
pub async fn keep(pool: &Pool, token_hash: &str, action: &str, body: &[u8], now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    drop_stale(pool, now).await?;
    sqlx::query("INSERT INTO hand_overs (token_hash, action, body, created_at) VALUES ($1, $2, $3, $4)").bind(token_hash).bind(action).bind(body).bind(now).execute(pool).await?;
    Ok(())
}

/// Takes (and deletes) the hand-over kept under `token_hash`, if it is still fresh.
pub async fn take(pool: &Pool, token_hash: &str, now: DateTime<Utc>) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    let kept: Option<(String, Vec<u8>, DateTime<Utc>)> =
        sqlx::query_as("DELETE FROM hand_overs WHERE token_hash = $1 RETURNING action, body, created_at").bind(token_hash).fetch_optional(pool).await?;
    Ok(kept.filter(|(_, _, at)| *at >= now - Duration::minutes(KEPT_FOR_MINUTES)).map(|(action, body, _)| (action, body)))
}
