//! Calendar feeds: each person's secret feed token (its hash only) and what their feed last
//! published for each event.

use crate::server::db::types::Day;
use crate::server::db::{Conn, DbResult, on_engine};
use chrono::{DateTime, NaiveDate, Utc};

/// Gives `user_id` a feed under `token_hash`, replacing the one they had.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn set_feed(conn: &mut Conn, user_id: i64, token_hash: &str, now: DateTime<Utc>) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query(
        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at"
    )
    .bind(user_id)
    .bind(token_hash)
    .bind(now)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Turns `user_id`'s feed off and forgets what it published. Returns whether they had one.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn remove_feed(conn: &mut Conn, user_id: i64) -> DbResult<bool> {
    on_engine!(conn, |c| sqlx::query("DELETE FROM calendar_entries WHERE user_id = $1").bind(user_id).execute(&mut *c).await.map(|_| ()))?;
    let removed = on_engine!(conn, |c| sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1").bind(user_id).execute(&mut *c).await.map(|done| done.rows_affected()))?;
    Ok(removed > 0)
}

/// When `user_id`'s feed was made, if they have one.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn feed_created(conn: &mut Conn, user_id: i64) -> DbResult<Option<DateTime<Utc>>> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE user_id = $1").bind(user_id).fetch_optional(&mut *c).await)?)
}

/// The active person whose feed token hashes to `token_hash`. The lookup is by the hash, so how
/// long it takes says nothing about how close a guessed token was.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn feed_owner(conn: &mut Conn, token_hash: &str) -> DbResult<Option<i64>> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id AND u.is_active = TRUE WHERE f.token_hash = $1")
        .bind(token_hash)
        .fetch_optional(&mut *c)
        .await)?)
}

/// An event as a feed last published it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedEntry {
    pub uid: String,
    pub summary: String,
    pub starts_on: NaiveDate,
    pub sequence: i64,
    pub cancelled_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    uid: String,
    summary: String,
    starts_on: Day,
    sequence: i64,
    cancelled_at: Option<DateTime<Utc>>,
}

/// Everything `user_id`'s feed has published and not yet dropped, by uid.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn entries(conn: &mut Conn, user_id: i64) -> DbResult<Vec<PublishedEntry>> {
    let rows: Vec<EntryRow> = on_engine!(conn, |c| sqlx::query_as("SELECT uid, summary, starts_on, sequence, cancelled_at FROM calendar_entries WHERE user_id = $1 ORDER BY uid")
        .bind(user_id)
        .fetch_all(&mut *c)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|row| PublishedEntry { uid: row.uid, summary: row.summary, starts_on: row.starts_on.0, sequence: row.sequence, cancelled_at: row.cancelled_at })
        .collect())
}

/// Records what `user_id`'s feed now publishes for `entry.uid`.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn put_entry(conn: &mut Conn, user_id: i64, entry: &PublishedEntry) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query(
        "INSERT INTO calendar_entries (user_id, uid, summary, starts_on, sequence, cancelled_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id, uid) DO UPDATE SET summary = excluded.summary, starts_on = excluded.starts_on,
             sequence = excluded.sequence, cancelled_at = excluded.cancelled_at"
    )
    .bind(user_id)
    .bind(&entry.uid)
    .bind(&entry.summary)
    .bind(entry.starts_on)
    .bind(entry.sequence)
    .bind(entry.cancelled_at)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Forgets `user_id`'s entry `uid` (a cancellation old enough that every calendar has seen it).
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn drop_entry(conn: &mut Conn, user_id: i64, uid: &str) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("DELETE FROM calendar_entries WHERE user_id = $1 AND uid = $2").bind(user_id).bind(uid).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}
