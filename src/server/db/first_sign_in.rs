//! One-time first sign-in links for imported people: only the token's hash is stored.

use super::{Conn, DbResult, on_engine};
use chrono::{DateTime, Utc};

/// Stores the link of `user_id` (replacing any earlier one), valid until `expires_at`.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn issue(conn: &mut Conn, now: DateTime<Utc>, user_id: i64, token_hash: &str, expires_at: DateTime<Utc>) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query(
        "INSERT INTO first_sign_in_links (user_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, expires_at = excluded.expires_at, created_at = excluded.created_at",
    )
    .bind(user_id)
    .bind(token_hash)
    .bind(expires_at)
    .bind(now)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// The person a link is for, while it is valid. Reading does not use it up.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn holder(conn: &mut Conn, token_hash: &str, now: DateTime<Utc>) -> DbResult<Option<i64>> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT user_id FROM first_sign_in_links WHERE token_hash = $1 AND expires_at > $2")
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *c)
        .await)?)
}

/// Uses the link up: deletes it and returns whose it was, if it was still valid.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn redeem(conn: &mut Conn, token_hash: &str, now: DateTime<Utc>) -> DbResult<Option<i64>> {
    let used: Option<(i64, DateTime<Utc>)> =
        on_engine!(conn, |c| sqlx::query_as("DELETE FROM first_sign_in_links WHERE token_hash = $1 RETURNING user_id, expires_at").bind(token_hash).fetch_optional(&mut *c).await)?;
    Ok(used.filter(|(_, expires_at)| *expires_at > now).map(|(user_id, _)| user_id))
}

/// Removes the link of `user_id`, if any (a password was set another way).
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn revoke(conn: &mut Conn, user_id: i64) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("DELETE FROM first_sign_in_links WHERE user_id = $1").bind(user_id).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}
