//! One-on-one check-ins, and the employee's own rating given before the next one.

use super::refresh_summary;
use crate::model::CheckIn;
use crate::server::db::{Conn, DbResult, on_engine, one_row};
use chrono::{DateTime, Utc};

/// Adds a check-in (and refreshes the plan's summary).
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn insert_check_in(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, check_in: &CheckIn) -> DbResult<i64> {
    let ids = insert_check_ins(conn, now, plan_id, std::slice::from_ref(check_in)).await?;
    Ok(ids[0])
}

/// Adds several check-ins to one plan and refreshes its summary once. Returns their ids in order.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn insert_check_ins(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, check_ins: &[CheckIn]) -> DbResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(check_ins.len());
    for check_in in check_ins {
        ids.push(insert_check_in_row(conn, now, plan_id, check_in).await?);
    }
    refresh_summary(conn, plan_id).await?;
    Ok(ids)
}

async fn insert_check_in_row(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, check_in: &CheckIn) -> DbResult<i64> {
    let signs = check_in.signs.join(",");
    Ok(on_engine!(conn, |c| sqlx::query_scalar(
        "INSERT INTO check_ins (plan_id, held_on, self_confidence, observed_readiness, signs, shared_summary, private_note,
                                next_check_in, employee_reflection, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(plan_id)
    .bind(check_in.held_on)
    .bind(check_in.self_confidence.map(i64::from))
    .bind(check_in.observed_readiness.map(i64::from))
    .bind(&signs)
    .bind(&check_in.shared_summary)
    .bind(&check_in.private_note)
    .bind(check_in.next_check_in)
    .bind(&check_in.employee_reflection)
    .bind(now)
    .fetch_one(&mut *c)
    .await)?)
}

/// Sets the employee's own rating and reflection on a check-in, and refreshes the plan's
/// summary; not found unless the check-in is on this plan.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, check_in_id = check_in_id))]
pub async fn set_self_assessment(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, check_in_id: i64, rating: Option<u8>, reflection: &str) -> DbResult<()> {
    let done = on_engine!(conn, |c| sqlx::query("UPDATE check_ins SET self_confidence = $1, employee_reflection = $2, updated_at = $3 WHERE id = $4 AND plan_id = $5")
        .bind(rating.map(i64::from))
        .bind(reflection)
        .bind(now)
        .bind(check_in_id)
        .bind(plan_id)
        .execute(&mut *c)
        .await
        .map(|done| done.rows_affected()))?;
    one_row(done)?;
    refresh_summary(conn, plan_id).await
}

/// Keeps the employee's own rating and reflection for the next one-on-one, replacing one given
/// earlier: it is saved with the check-in the manager records next ([`take_upcoming_self_assessment`]).
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn set_upcoming_self_assessment(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, rating: Option<u8>, reflection: &str) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("UPDATE plans SET upcoming_self_confidence = $1, upcoming_reflection = $2, upcoming_rated_at = $3, updated_at = $3 WHERE id = $4")
        .bind(rating.map(i64::from))
        .bind(reflection)
        .bind(now)
        .bind(plan_id)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// The employee's rating and reflection waiting for the next check-in, cleared as it is taken.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn take_upcoming_self_assessment(conn: &mut Conn, plan_id: i64) -> DbResult<Option<(Option<u8>, String)>> {
    let waiting: Option<(Option<i64>, String)> =
        on_engine!(conn, |c| sqlx::query_as("SELECT upcoming_self_confidence, upcoming_reflection FROM plans WHERE id = $1 AND upcoming_rated_at IS NOT NULL")
            .bind(plan_id)
            .fetch_optional(&mut *c)
            .await)?;
    if waiting.is_some() {
        on_engine!(conn, |c| sqlx::query("UPDATE plans SET upcoming_self_confidence = NULL, upcoming_reflection = '', upcoming_rated_at = NULL WHERE id = $1")
            .bind(plan_id)
            .execute(&mut *c)
            .await
            .map(|_| ()))?;
    }
    Ok(waiting.map(|(rating, reflection)| (rating.and_then(|r| u8::try_from(r).ok()), reflection)))
}
