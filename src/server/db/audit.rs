//! The append-only audit log: who did what to which target, and when. Never free text from plans.

use super::{Conn, DbResult, Pool, on_engine};
use crate::model::{AuditAction, PlanChange};
use chrono::{DateTime, Utc};

/// One thing to record. `detail` is a short machine-written note (a role name, a count), never
/// anything a person typed.
#[derive(Debug, Clone, Copy)]
pub struct AuditEvent<'a> {
    pub actor_id: Option<i64>,
    pub action: AuditAction,
    pub target_kind: Option<&'static str>,
    pub target_id: Option<i64>,
    pub detail: Option<&'a str>,
}

impl<'a> AuditEvent<'a> {
    /// An event with no target.
    pub fn new(actor_id: Option<i64>, action: AuditAction) -> Self {
        Self { actor_id, action, target_kind: None, target_id: None, detail: None }
    }

    /// A change to a plan, as the employee's access log lists it.
    pub fn on_plan(actor_id: i64, plan_id: i64, change: PlanChange) -> AuditEvent<'static> {
        AuditEvent { actor_id: Some(actor_id), action: AuditAction::PlanWrite, target_kind: Some("plan"), target_id: Some(plan_id), detail: Some(change.as_str()) }
    }

    /// A read of a plan, as the employee's access log lists it.
    pub fn plan_read(reader_id: i64, plan_id: i64) -> AuditEvent<'static> {
        AuditEvent { actor_id: Some(reader_id), action: AuditAction::PlanRead, target_kind: Some("plan"), target_id: Some(plan_id), detail: None }
    }

    /// The same event about a person.
    pub fn on_person(mut self, person_id: i64) -> Self {
        self.target_kind = Some("person");
        self.target_id = Some(person_id);
        self
    }

    /// The same event about a department.
    pub fn on_department(mut self, department_id: i64) -> Self {
        self.target_kind = Some("department");
        self.target_id = Some(department_id);
        self
    }

    /// The same event with a short machine-written detail.
    pub fn detail(mut self, detail: &'a str) -> Self {
        self.detail = Some(detail);
        self
    }
}

/// Appends an event inside the caller's transaction, so it commits or rolls back with the change.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn record(conn: &mut Conn, at: DateTime<Utc>, event: AuditEvent<'_>) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query(
        "INSERT INTO audit_events (occurred_at, actor_id, action, target_kind, target_id, detail)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(at)
    .bind(event.actor_id)
    .bind(event.action.as_str())
    .bind(event.target_kind)
    .bind(event.target_id)
    .bind(event.detail)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Appends the event of a change HR statistics count (people, departments, settings, plans) and
/// marks the statistics stale, inside the caller's transaction: the next insights request
/// computes a new edition.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn record_counted(conn: &mut Conn, at: DateTime<Utc>, event: AuditEvent<'_>) -> DbResult<()> {
    record(conn, at, event).await?;
    super::settings::bump_data_version(conn).await
}

/// Appends several events in one statement inside the caller's transaction.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn record_many(conn: &mut Conn, events: &[(DateTime<Utc>, AuditEvent<'_>)]) -> DbResult<()> {
    if events.is_empty() {
        return Ok(());
    }
    on_engine!(conn, |c| {
        let mut insert = sqlx::QueryBuilder::new("INSERT INTO audit_events (occurred_at, actor_id, action, target_kind, target_id, detail) ");
        insert.push_values(events, |mut row, (at, event)| {
            row.push_bind(*at).push_bind(event.actor_id).push_bind(event.action.as_str()).push_bind(event.target_kind).push_bind(event.target_id).push_bind(event.detail);
        });
        insert.build().execute(&mut *c).await.map(|_| ())
    })?;
    Ok(())
}

/// Appends an event on its own (for events with no other write, such as a failed sign-in).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn record_now(pool: &Pool, at: DateTime<Utc>, event: AuditEvent<'_>) -> DbResult<()> {
    let mut tx = pool.begin_write().await?;
    record(&mut tx, at, event).await?;
    tx.commit().await
}

/// Sign-in and admin events (never plan reads or writes), newest first, optionally of one action
/// and within `[since, until)`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn admin_events(conn: &mut Conn, action: Option<AuditAction>, since: DateTime<Utc>, until: DateTime<Utc>, limit: i64) -> DbResult<Vec<crate::model::AuditEntry>> {
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "SELECT a.occurred_at AS at, actor.display_name AS actor, a.action, target.display_name AS target, a.detail
         FROM audit_events a
         LEFT JOIN users actor ON actor.id = a.actor_id
         LEFT JOIN users target ON a.target_kind = 'person' AND target.id = a.target_id
         WHERE (a.target_kind IS NULL OR a.target_kind <> 'plan')
           AND ($1 = '' OR a.action = $1) AND a.occurred_at >= $2 AND a.occurred_at < $3
         ORDER BY a.occurred_at DESC, a.id DESC LIMIT $4",
    )
    .bind(action.map(AuditAction::as_str).unwrap_or_default())
    .bind(since)
    .bind(until)
    .bind(limit)
    .fetch_all(&mut *c)
    .await)?)
}

/// Counts events with the given action (used by tests and the admin overview).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count_by_action(conn: &mut Conn, action: AuditAction) -> DbResult<i64> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = $1").bind(action.as_str()).fetch_one(&mut *c).await)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::test_support::fresh_pool;

    #[tokio::test]
    async fn events_are_recorded_and_cannot_be_changed_or_deleted() {
        let (pool, _dir) = fresh_pool().await;
        record_now(&pool, crate::server::clock::now(), AuditEvent::new(None, AuditAction::SignInFailed)).await.unwrap();
        let mut conn = pool.test_writer().await;
        assert_eq!(count_by_action(&mut conn, AuditAction::SignInFailed).await.unwrap(), 1);
        // The schema refuses every change to the log, on either engine, whoever asks.
        for change in ["UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"] {
            let refused = on_engine!(conn, |c| sqlx::query(change).execute(&mut *c).await.map(|_| ())).unwrap_err();
            assert!(refused.to_string().contains("audit_events is append-only"), "{change}: {refused}");
        }
        if conn.kind() == crate::server::db::EngineKind::Postgres {
            let refused = on_engine!(conn, |c| sqlx::query("TRUNCATE audit_events").execute(&mut *c).await.map(|_| ())).unwrap_err();
            assert!(refused.to_string().contains("audit_events is append-only"), "{refused}");
        }
        assert_eq!(count_by_action(&mut conn, AuditAction::SignInFailed).await.unwrap(), 1);
    }
}
