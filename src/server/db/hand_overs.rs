//! One-time hand-overs from a form post to the page it returns to: a refused form kept for the
//! page it returns to (see `server::http::server_fn_status`), or the first sign-in links of people just
//! imported. Each is kept under the hash of a token in the browser's cookie and taken once.

use super::{Conn, DbResult, Pool, on_engine};
use chrono::{DateTime, Duration, Utc};

/// How long a hand-over waits to be shown.
pub const KEPT_FOR_MINUTES: i64 = 10;

/// Drops hand-overs older than [`KEPT_FOR_MINUTES`] that no page took. Returns how many.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn drop_stale(conn: &mut Conn, now: DateTime<Utc>) -> DbResult<u64> {
    let before = now - Duration::minutes(KEPT_FOR_MINUTES);
    Ok(on_engine!(conn, |c| sqlx::query("DELETE FROM hand_overs WHERE created_at < $1").bind(before).execute(&mut *c).await.map(|done| done.rows_affected()))?)
}

/// Keeps a hand-over (`action`: the endpoint that made it) under the hash of its one-time token,
/// dropping stale ones on the way, in a write of its own.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn keep(pool: &Pool, token_hash: &str, action: &str, body: &[u8], now: DateTime<Utc>) -> DbResult<()> {
    let mut tx = pool.begin_write().await?;
    drop_stale(&mut tx, now).await?;
    on_engine!(tx, |c| sqlx::query("INSERT INTO hand_overs (token_hash, action, body, created_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(action)
        .bind(body)
        .bind(now)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    tx.commit().await
}

/// Takes (and deletes) the hand-over kept under `token_hash`, if it is still fresh, in a write
/// of its own.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn take(pool: &Pool, token_hash: &str, now: DateTime<Utc>) -> DbResult<Option<(String, Vec<u8>)>> {
    let mut tx = pool.begin_write().await?;
    let kept: Option<(String, Vec<u8>, DateTime<Utc>)> =
        on_engine!(tx, |c| sqlx::query_as("DELETE FROM hand_overs WHERE token_hash = $1 RETURNING action, body, created_at").bind(token_hash).fetch_optional(&mut *c).await)?;
    tx.commit().await?;
    Ok(kept.filter(|(_, _, at)| *at >= now - Duration::minutes(KEPT_FOR_MINUTES)).map(|(action, body, _)| (action, body)))
}
