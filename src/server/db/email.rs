//! Email: what each person switched off, their time zone, and the outbox every email goes
//! through (see `server::email`).

use crate::model::EmailChoices;
use crate::server::db::{Conn, DbResult, on_engine, one_row};
use chrono::{DateTime, Utc};

/// What `user_id` gets (everything, until they switch something off).
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn choices(conn: &mut Conn, user_id: i64) -> DbResult<EmailChoices> {
    let row: Option<(bool, bool, bool)> =
        on_engine!(conn, |c| sqlx::query_as("SELECT reminders, shared, digest FROM email_preferences WHERE user_id = $1").bind(user_id).fetch_optional(&mut *c).await)?;
    Ok(row.map_or(EmailChoices::default(), |(reminders, shared, digest)| EmailChoices { reminders, shared, digest }))
}

/// Records what `user_id` gets.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn set_choices(conn: &mut Conn, user_id: i64, choices: EmailChoices) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query(
        "INSERT INTO email_preferences (user_id, reminders, shared, digest) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET reminders = excluded.reminders, shared = excluded.shared, digest = excluded.digest"
    )
    .bind(user_id)
    .bind(choices.reminders)
    .bind(choices.shared)
    .bind(choices.digest)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// `user_id`'s own time zone, if they chose one.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn time_zone(conn: &mut Conn, user_id: i64) -> DbResult<Option<String>> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT time_zone FROM users WHERE id = $1").bind(user_id).fetch_optional(&mut *c).await)?.flatten())
}

/// Sets (or, with `None`, clears) `user_id`'s own time zone.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn set_time_zone(conn: &mut Conn, user_id: i64, zone: Option<&str>) -> DbResult<()> {
    let done = on_engine!(conn, |c| sqlx::query("UPDATE users SET time_zone = $2 WHERE id = $1").bind(user_id).bind(zone).execute(&mut *c).await.map(|done| done.rows_affected()))?;
    one_row(done)
}

/// Someone reminders may go to: an active person on an active plan, as its employee or as the
/// employee's current manager.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recipient {
    pub user_id: i64,
    pub email: String,
    pub time_zone: Option<String>,
    pub reminders: Option<bool>,
    pub shared: Option<bool>,
    pub digest: Option<bool>,
}

impl Recipient {
    /// What they get.
    pub fn choices(&self) -> EmailChoices {
        let default = EmailChoices::default();
        EmailChoices { reminders: self.reminders.unwrap_or(default.reminders), shared: self.shared.unwrap_or(default.shared), digest: self.digest.unwrap_or(default.digest) }
    }
}

/// Everyone with an active plan of their own or of a current report, by id.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn recipients(conn: &mut Conn) -> DbResult<Vec<Recipient>> {
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "WITH involved AS (
             SELECT e.id AS user_id FROM users e JOIN plans p ON p.employee_id = e.id AND p.status = 'active' WHERE e.is_active = TRUE
             UNION
             SELECT e.manager_id FROM users e JOIN plans p ON p.employee_id = e.id AND p.status = 'active' WHERE e.is_active = TRUE AND e.manager_id IS NOT NULL)
         SELECT u.id AS user_id, u.email, u.time_zone, f.reminders, f.shared, f.digest
         FROM involved i JOIN users u ON u.id = i.user_id AND u.is_active = TRUE
         LEFT JOIN email_preferences f ON f.user_id = u.id
         ORDER BY u.id"
    )
    .fetch_all(&mut *c)
    .await)?)
}

/// The active plans `employee_id` holds, with when each was shared.
#[tracing::instrument(level = "debug", skip_all, fields(employee_id = employee_id))]
pub async fn shared_plans(conn: &mut Conn, employee_id: i64) -> DbResult<Vec<(i64, DateTime<Utc>)>> {
    Ok(on_engine!(conn, |c| sqlx::query_as("SELECT id, activated_at FROM plans WHERE employee_id = $1 AND status = 'active' AND activated_at IS NOT NULL")
        .bind(employee_id)
        .fetch_all(&mut *c)
        .await)?)
}

/// An email to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmail {
    pub idempotency_key: String,
    pub user_id: i64,
    pub kind: &'static str,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub unsubscribe_hash: String,
    pub unsubscribe_token: String,
}

/// Queues `email` unless one with its idempotency key was queued before. True when queued now.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn enqueue(conn: &mut Conn, email: &NewEmail, now: DateTime<Utc>) -> DbResult<bool> {
    let done = on_engine!(conn, |c| sqlx::query(
        "INSERT INTO email_outbox (idempotency_key, user_id, kind, recipient, subject, body, unsubscribe_hash, unsubscribe_token, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
         ON CONFLICT (idempotency_key) DO NOTHING"
    )
    .bind(&email.idempotency_key)
    .bind(email.user_id)
    .bind(email.kind)
    .bind(&email.recipient)
    .bind(&email.subject)
    .bind(&email.body)
    .bind(&email.unsubscribe_hash)
    .bind(&email.unsubscribe_token)
    .bind(now)
    .execute(&mut *c)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(done > 0)
}

/// A queued email, claimed for sending.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QueuedEmail {
    pub id: i64,
    pub idempotency_key: String,
    pub user_id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub unsubscribe_token: String,
    pub attempts: i64,
}

/// Claims the next email due at `now` until `until` (when another sender may take it over), if any.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn claim_next(conn: &mut Conn, now: DateTime<Utc>, until: DateTime<Utc>) -> DbResult<Option<QueuedEmail>> {
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "UPDATE email_outbox SET claimed_until = $2
         WHERE id = (SELECT id FROM email_outbox
                     WHERE finished_at IS NULL AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
                     ORDER BY next_attempt_at, id LIMIT 1)
         RETURNING id, idempotency_key, user_id, kind, recipient, subject, body, unsubscribe_token, attempts"
    )
    .bind(now)
    .bind(until)
    .fetch_optional(&mut *c)
    .await)?)
}

/// Marks email `id` finished (`outcome` "sent" or "skipped") and drops its body, which held the
/// unsubscribe link.
#[tracing::instrument(level = "debug", skip_all, fields(id = id))]
pub async fn finish(conn: &mut Conn, id: i64, outcome: &str, now: DateTime<Utc>) -> DbResult<()> {
    let done = on_engine!(conn, |c| sqlx::query("UPDATE email_outbox SET finished_at = $2, outcome = $3, body = '', unsubscribe_token = '', claimed_until = NULL WHERE id = $1")
        .bind(id)
        .bind(now)
        .bind(outcome)
        .execute(&mut *c)
        .await
        .map(|done| done.rows_affected()))?;
    one_row(done)
}

/// Records a failed attempt at email `id`; it is tried again at `retry_at`.
#[tracing::instrument(level = "debug", skip_all, fields(id = id))]
pub async fn failed(conn: &mut Conn, id: i64, retry_at: DateTime<Utc>, error: &str) -> DbResult<()> {
    let done = on_engine!(conn, |c| sqlx::query("UPDATE email_outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3, claimed_until = NULL WHERE id = $1")
        .bind(id)
        .bind(retry_at)
        .bind(error)
        .execute(&mut *c)
        .await
        .map(|done| done.rows_affected()))?;
    one_row(done)
}

/// Who an unsubscribe link (by its token's hash) belongs to, and the kind of email it came with.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn unsubscribe_target(conn: &mut Conn, unsubscribe_hash: &str) -> DbResult<Option<(i64, String)>> {
    Ok(on_engine!(conn, |c| sqlx::query_as("SELECT user_id, kind FROM email_outbox WHERE unsubscribe_hash = $1").bind(unsubscribe_hash).fetch_optional(&mut *c).await)?)
}

/// Drops finished emails older than `before`. Returns how many.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn drop_finished(conn: &mut Conn, before: DateTime<Utc>) -> DbResult<u64> {
    Ok(on_engine!(conn, |c| sqlx::query("DELETE FROM email_outbox WHERE finished_at < $1").bind(before).execute(&mut *c).await.map(|done| done.rows_affected()))?)
}

/// How many emails wait to be sent, and the latest error of one that failed.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn waiting(conn: &mut Conn) -> DbResult<(i64, Option<String>)> {
    let count: i64 = on_engine!(conn, |c| sqlx::query_scalar("SELECT COUNT(*) FROM email_outbox WHERE finished_at IS NULL").fetch_one(&mut *c).await)?;
    let error: Option<String> = on_engine!(conn, |c| sqlx::query_scalar(
        "SELECT last_error FROM email_outbox WHERE finished_at IS NULL AND last_error IS NOT NULL ORDER BY next_attempt_at DESC, id DESC LIMIT 1"
    )
    .fetch_optional(&mut *c)
    .await)?;
    Ok((count, error))
}
