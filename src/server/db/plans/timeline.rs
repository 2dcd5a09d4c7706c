//! A plan's own timeline: machine-written lines about what changed (never note text). Lines
//! marked manager-only are never shown to the employee.

use crate::server::db::{Conn, DbResult, on_engine};
use chrono::{DateTime, Utc};

/// Appends a line to the plan's timeline.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn add_timeline_line(conn: &mut Conn, plan_id: i64, at: DateTime<Utc>, actor_id: Option<i64>, description: &str, manager_only: bool) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("INSERT INTO plan_events (plan_id, occurred_at, actor_id, description, manager_only) VALUES ($1, $2, $3, $4, $5)")
        .bind(plan_id)
        .bind(at)
        .bind(actor_id)
        .bind(description)
        .bind(manager_only)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Records a change of manager on every plan of the employee that is not closed.
#[tracing::instrument(level = "debug", skip_all, fields(employee_id = employee_id, actor_id = actor_id))]
pub async fn record_handover(conn: &mut Conn, at: DateTime<Utc>, employee_id: i64, actor_id: i64, description: &str) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query(
        "INSERT INTO plan_events (plan_id, occurred_at, actor_id, description, manager_only)
         SELECT id, $1, $2, $3, FALSE FROM plans WHERE employee_id = $4 AND status <> 'closed'",
    )
    .bind(at)
    .bind(actor_id)
    .bind(description)
    .bind(employee_id)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    Ok(())
}
