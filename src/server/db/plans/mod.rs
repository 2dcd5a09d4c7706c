//! Recovery plans, split by job: the plan row and its life ([`self`]), its parts ([`parts`]),
//! its check-ins ([`check_ins`]), its timeline ([`timeline`]), the plan as a page shows it
//! ([`view`]) and the summaries lists of plans read ([`summaries`]). Reads take a
//! [`Viewpoint`](crate::model::Viewpoint): for the employee, the private parts (private notes,
//! check-in private notes, observed signs) are never selected at all.

pub mod check_ins;
pub mod parts;
pub mod summaries;
pub mod timeline;
pub mod view;

pub use check_ins::*;
pub use parts::*;
pub use summaries::*;
pub use timeline::*;
pub use view::*;

use super::{Conn, DbResult, on_engine};
use crate::model::{EventAndDebrief, Outcome, PlanStatus};
use chrono::{DateTime, NaiveDate, Utc};

/// Who may touch a plan is decided from these facts, read fresh on every request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct AccessFacts {
    pub employee_id: i64,
    pub status: PlanStatus,
    /// The employee's manager right now (not whoever opened the plan).
    pub current_manager_id: Option<i64>,
    pub event_date: NaiveDate,
    /// Whether the plan was ever activated: one closed straight from its draft never reached
    /// the employee.
    pub shared: bool,
}

/// The facts that decide access to a plan, or `None` when it does not exist.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn access_facts(conn: &mut Conn, plan_id: i64) -> DbResult<Option<AccessFacts>> {
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "SELECT p.employee_id, p.status, p.event_date, u.manager_id AS current_manager_id, p.activated_at IS NOT NULL AS shared
         FROM plans p JOIN users u ON u.id = p.employee_id
         WHERE p.id = $1",
    )
    .bind(plan_id)
    .fetch_optional(&mut *c)
    .await)?)
}

/// Creates a draft plan for an employee.
#[tracing::instrument(level = "debug", skip_all, fields(employee_id = employee_id))]
pub async fn insert_plan(conn: &mut Conn, now: DateTime<Utc>, employee_id: i64, opened_by: i64, fields: &EventAndDebrief) -> DbResult<i64> {
    let drivers = fields.debrief.drivers.join(",");
    Ok(on_engine!(conn, |c| sqlx::query_scalar(
        "INSERT INTO plans (employee_id, opened_by, status, event_title, event_date, event_kind, event_visibility,
                            what_happened, what_is_known, open_questions, drivers, technical_fix, communication_change,
                            created_at, updated_at)
         VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
         RETURNING id",
    )
    .bind(employee_id)
    .bind(opened_by)
    .bind(&fields.event.title)
    .bind(fields.event.date)
    .bind(&fields.event.kind)
    .bind(fields.event.visibility)
    .bind(&fields.debrief.what_happened)
    .bind(&fields.debrief.what_is_known)
    .bind(&fields.debrief.open_questions)
    .bind(&drivers)
    .bind(&fields.debrief.technical_fix)
    .bind(&fields.debrief.communication_change)
    .bind(now)
    .fetch_one(&mut *c)
    .await)?)
}

/// Replaces the event and debrief of a plan.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn update_event_and_debrief(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, fields: &EventAndDebrief) -> DbResult<()> {
    let drivers = fields.debrief.drivers.join(",");
    on_engine!(conn, |c| sqlx::query(
        "UPDATE plans SET event_title = $1, event_date = $2, event_kind = $3, event_visibility = $4,
                          what_happened = $5, what_is_known = $6, open_questions = $7, drivers = $8,
                          technical_fix = $9, communication_change = $10, updated_at = $11
         WHERE id = $12",
    )
    .bind(&fields.event.title)
    .bind(fields.event.date)
    .bind(&fields.event.kind)
    .bind(fields.event.visibility)
    .bind(&fields.debrief.what_happened)
    .bind(&fields.debrief.what_is_known)
    .bind(&fields.debrief.open_questions)
    .bind(&drivers)
    .bind(&fields.debrief.technical_fix)
    .bind(&fields.debrief.communication_change)
    .bind(now)
    .bind(plan_id)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Moves a plan to a new status. Activating while the employee already has an active plan is a
/// conflict on [`Constraint::OneActivePlan`](super::Constraint::OneActivePlan) (the schema
/// enforces one active plan per employee).
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn set_status(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, status: PlanStatus, outcome: Option<Outcome>) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query(
        "UPDATE plans SET status = $1, outcome = $2, updated_at = $3,
                          activated_at = CASE WHEN $1 = 'active' AND activated_at IS NULL THEN $3 ELSE activated_at END,
                          closed_at = CASE WHEN $1 = 'closed' THEN $3 ELSE NULL END
         WHERE id = $4",
    )
    .bind(status)
    .bind(outcome)
    .bind(now)
    .bind(plan_id)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Writes a plan's whole past lifecycle at once (for generated organisations): activated at
/// `activated_at` and, when given, closed with an outcome.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn set_history(conn: &mut Conn, plan_id: i64, activated_at: DateTime<Utc>, closed: Option<(DateTime<Utc>, Outcome)>) -> DbResult<()> {
    let (status, closed_at, outcome) = match closed {
        Some((at, outcome)) => (PlanStatus::Closed, Some(at), Some(outcome)),
        None => (PlanStatus::Active, None, None),
    };
    on_engine!(conn, |c| sqlx::query("UPDATE plans SET status = $1, activated_at = $2, closed_at = $3, outcome = $4, updated_at = $2 WHERE id = $5")
        .bind(status)
        .bind(activated_at)
        .bind(closed_at)
        .bind(outcome)
        .bind(plan_id)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Sets or clears the manager's "needs more than a quick fix" flag.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn set_support_flag(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, flagged: bool) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("UPDATE plans SET support_flagged = $1, updated_at = $2 WHERE id = $3")
        .bind(flagged)
        .bind(now)
        .bind(plan_id)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Sets whether the employee keeps their closed plan beyond the retention period.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn set_keep(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, keep: bool) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("UPDATE plans SET keep_after_close = $1, updated_at = $2 WHERE id = $3")
        .bind(keep)
        .bind(now)
        .bind(plan_id)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Hard-deletes up to `limit` closed plans whose retention has run out (closed before
/// `closed_before` and not kept); their parts go with them. Returns how many were erased. Small
/// batches keep each write transaction short, so people's own writes never wait long.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn erase_expired(conn: &mut Conn, closed_before: DateTime<Utc>, limit: i64) -> DbResult<u64> {
    Ok(on_engine!(conn, |c| sqlx::query(
        "DELETE FROM plans WHERE id IN (
             SELECT id FROM plans WHERE status = 'closed' AND keep_after_close = FALSE AND closed_at < $1 LIMIT $2)",
    )
    .bind(closed_before)
    .bind(limit)
    .execute(&mut *c)
    .await
    .map(|done| done.rows_affected()))?)
}

/// Hard-deletes every plan of one person (an erasure request). Returns how many were erased.
#[tracing::instrument(level = "debug", skip_all, fields(employee_id = employee_id))]
pub async fn erase_for_employee(conn: &mut Conn, employee_id: i64) -> DbResult<u64> {
    Ok(on_engine!(conn, |c| sqlx::query("DELETE FROM plans WHERE employee_id = $1").bind(employee_id).execute(&mut *c).await.map(|done| done.rows_affected()))?)
}

/// Ids of the plans an employee has been shared (what they may export): never drafts, nor plans closed before they were shared.
#[tracing::instrument(level = "debug", skip_all, fields(employee_id = employee_id))]
pub async fn shared_plan_ids(conn: &mut Conn, employee_id: i64) -> DbResult<Vec<i64>> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT id FROM plans WHERE employee_id = $1 AND activated_at IS NOT NULL ORDER BY created_at, id")
        .bind(employee_id)
        .fetch_all(&mut *c)
        .await)?)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod view_tests;
