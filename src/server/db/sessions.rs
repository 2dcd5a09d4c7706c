//! Server-side sessions, keyed by a hash of the cookie's token.

use super::{Conn, DbResult, on_engine};
use crate::model::Viewer;
use chrono::{DateTime, Utc};

/// A stored session, without its token (only the token's hash is stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    #[sqlx(flatten)]
    viewer: Viewer,
}

/// Stores a new session for `user_id`, identified by the SHA-256 of its token.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn insert(conn: &mut Conn, token_hash: &str, user_id: i64, now: DateTime<Utc>) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// The session with this token hash and the person it belongs to, if both exist and the person is
/// active. One query: it runs on every signed-in request.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn find(conn: &mut Conn, token_hash: &str) -> DbResult<Option<(StoredSession, Viewer)>> {
    let row: Option<SessionRow> = on_engine!(conn, |c| sqlx::query_as(
        "SELECT s.created_at, s.last_seen_at,
                u.id, u.email, u.display_name, u.is_hr, u.is_admin, u.must_change_password,
                EXISTS (SELECT 1 FROM users r WHERE r.manager_id = u.id AND r.is_active = TRUE) AS is_manager
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND u.is_active = TRUE"
    )
    .bind(token_hash)
    .fetch_optional(&mut *c)
    .await)?;
    Ok(row.map(|row| (StoredSession { user_id: row.viewer.id, created_at: row.created_at, last_seen_at: row.last_seen_at }, row.viewer)))
}

/// Records activity on a session (sliding idle timeout).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn touch(conn: &mut Conn, token_hash: &str, now: DateTime<Utc>) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2").bind(now).bind(token_hash).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Ends one session.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete(conn: &mut Conn, token_hash: &str) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// Ends every session of a person except, optionally, the one in use. Returns how many ended.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn delete_for_user(conn: &mut Conn, user_id: i64, keep_token_hash: Option<&str>) -> DbResult<u64> {
    let keep = keep_token_hash.unwrap_or("");
    Ok(on_engine!(conn, |c| sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep)
        .execute(&mut *c)
        .await
        .map(|done| done.rows_affected()))?)
}

/// Removes sessions idle since `idle_before` or started before `started_before`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_expired(conn: &mut Conn, idle_before: DateTime<Utc>, started_before: DateTime<Utc>) -> DbResult<u64> {
    Ok(on_engine!(conn, |c| sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
        .bind(idle_before)
        .bind(started_before)
        .execute(&mut *c)
        .await
        .map(|done| done.rows_affected()))?)
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
        let mut conn = pool.test_writer().await;
        let person = add_person(&mut conn, "s@example.org", None, false).await;
        let start = crate::server::clock::now();
        insert(&mut conn, "aaa", person, start).await.unwrap();
        insert(&mut conn, "bbb", person, start).await.unwrap();
        let later = start + Duration::minutes(5);
        touch(&mut pool.test_writer().await, "aaa", later).await.unwrap();
        let (found, viewer) = find(&mut pool.test_writer().await, "aaa").await.unwrap().unwrap();
        assert_eq!((found.user_id, found.created_at, found.last_seen_at), (person, start, later));
        assert_eq!((viewer.id, viewer.email.as_str(), viewer.is_manager), (person, "s@example.org", false));
        assert_eq!(delete_for_user(&mut conn, person, Some("aaa")).await.unwrap(), 1);
        assert!(find(&mut pool.test_writer().await, "bbb").await.unwrap().is_none());
        delete(&mut conn, "aaa").await.unwrap();
        assert!(find(&mut pool.test_writer().await, "aaa").await.unwrap().is_none());
    }

    #[tokio::test]
    async fn expired_sessions_are_swept_and_inactive_people_have_none() {
        let (pool, _dir) = fresh_pool().await;
        let mut conn = pool.test_writer().await;
        let person = add_person(&mut conn, "t@example.org", None, false).await;
        let now = crate::server::clock::now();
        insert(&mut conn, "old", person, now - Duration::hours(13)).await.unwrap();
        insert(&mut conn, "fresh", person, now).await.unwrap();
        assert_eq!(delete_expired(&mut pool.test_writer().await, now - Duration::minutes(30), now - Duration::hours(12)).await.unwrap(), 1);
        users::set_active(&mut conn, now, person, false).await.unwrap();
        assert!(find(&mut pool.test_writer().await, "fresh").await.unwrap().is_none());
    }
}
