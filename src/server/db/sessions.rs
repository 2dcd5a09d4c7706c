//! Server-side sessions, keyed by a hash of the cookie's token.

use super::users::{VIEWER_COLUMNS, viewer_from_row};
use super::{Conn, Pool};
use crate::model::Viewer;
use chrono::{DateTime, Utc};
use sqlx::Row;

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// Stores a new session for a person.
pub async fn insert(conn: &mut Conn, token_hash: &str, user_id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)").bind(token_hash).bind(user_id).bind(now).execute(conn).await?;
    Ok(())
}

/// The session with this token hash and the person it belongs to, if it exists and the person is
/// active. One query, because every signed-in request asks it.
pub async fn find(pool: &Pool, token_hash: &str) -> Result<Option<(StoredSession, Viewer)>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT s.created_at, s.last_seen_at, {VIEWER_COLUMNS}
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND u.is_active = TRUE"
    ))
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| {
        let viewer = viewer_from_row(&row);
        (StoredSession { user_id: viewer.id, created_at: row.get("created_at"), last_seen_at: row.get("last_seen_at") }, viewer)
    }))
}

/// Records activity on a session (resets its idle timer).
pub async fn touch(pool: &Pool, token_hash: &str, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2").bind(now).bind(token_hash).execute(pool).await?;
    Ok(())
}

/// Ends one session.
pub async fn delete(conn: &mut Conn, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(conn).await?;
    Ok(())
}

/// Ends every session of a person except, optionally, the one in use.
pub async fn delete_for_user(conn: &mut Conn, user_id: i64, keep_token_hash: Option<&str>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2").bind(user_id).bind(keep_token_hash.unwrap_or("")).execute(conn).await?;
    Ok(done.rows_affected())
}

/// Deletes sessions idle since before `idle_before` or started before `started_before`.
pub async fn delete_expired(pool: &Pool, idle_before: DateTime<Utc>, started_before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2").bind(idle_before).bind(started_before).execute(pool).await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::test_support::{add_person, fresh_pool};
    use crate::server::db::users;
    use chrono::Duration;

    #[tokio::test]
    async fn sessions_are_found_touched_and_ended() {
        let (pool, _dir) = fresh_pool().await;
        let mut conn = pool.acquire().await.unwrap();
        let person = add_person(&mut conn, "s@example.org", None, false).await;
        let start = Utc::now();
        insert(&mut conn, "aaa", person, start).await.unwrap();
        insert(&mut conn, "bbb", person, start).await.unwrap();
        let later = start + Duration::minutes(5);
        touch(&pool, "aaa", later).await.unwrap();
        let (found, viewer) = find(&pool, "aaa").await.unwrap().unwrap();
        assert_eq!((found.user_id, found.created_at, found.last_seen_at), (person, start, later));
        assert_eq!((viewer.id, viewer.email.as_str(), viewer.is_manager), (person, "s@example.org", false));
        assert_eq!(delete_for_user(&mut conn, person, Some("aaa")).await.unwrap(), 1);
        assert!(find(&pool, "bbb").await.unwrap().is_none());
        delete(&mut conn, "aaa").await.unwrap();
        assert!(find(&pool, "aaa").await.unwrap().is_none());
    }

    #[tokio::test]
    async fn expired_sessions_are_swept_and_inactive_people_have_none() {
        let (pool, _dir) = fresh_pool().await;
        let mut conn = pool.acquire().await.unwrap();
        let person = add_person(&mut conn, "t@example.org", None, false).await;
        let now = Utc::now();
        insert(&mut conn, "old", person, now - Duration::hours(13)).await.unwrap();
        insert(&mut conn, "fresh", person, now).await.unwrap();
        assert_eq!(delete_expired(&pool, now - Duration::minutes(30), now - Duration::hours(12)).await.unwrap(), 1);
        users::set_active(&mut conn, now, person, false).await.unwrap();
        assert!(find(&pool, "fresh").await.unwrap().is_none());
    }
}
