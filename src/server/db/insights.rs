//! The aggregate facts behind HR insights. Each query returns one row per plan, department or
//! manager with numbers only; names and text never leave this module towards HR.

use super::{Conn, DbResult, on_engine};
use chrono::{DateTime, NaiveDate, Utc};

/// What the statistics need to know about one plan.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PlanFact {
    pub employee_id: i64,
    pub opened_by: Option<i64>,
    pub department_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub activated_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
    pub first_win_done: Option<NaiveDate>,
    pub tasks_done: i64,
    pub tasks_total: i64,
    pub check_ins_scheduled: i64,
    pub check_ins_on_time: i64,
}

/// Plans that touch the window starting at `since` (created, active or closed in it).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn plan_facts(conn: &mut Conn, since: DateTime<Utc>) -> DbResult<Vec<PlanFact>> {
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "SELECT p.employee_id, p.opened_by, u.department_id, p.created_at, p.activated_at, p.closed_at, p.outcome,
                w.first_done AS first_win_done, COALESCE(t.done, 0) AS tasks_done, COALESCE(t.total, 0) AS tasks_total,
                COALESCE(c.scheduled, 0) AS check_ins_scheduled, COALESCE(c.on_time, 0) AS check_ins_on_time
         FROM plans p
         JOIN users u ON u.id = p.employee_id
         LEFT JOIN (SELECT plan_id, MIN(done_on) AS first_done FROM small_wins WHERE done_on IS NOT NULL GROUP BY plan_id) w ON w.plan_id = p.id
         LEFT JOIN (SELECT plan_id,
                           SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS done,
                           SUM(CASE WHEN status <> 'dropped' THEN 1 ELSE 0 END) AS total
                    FROM plan_tasks GROUP BY plan_id) t ON t.plan_id = p.id
         LEFT JOIN (SELECT plan_id,
                           SUM(CASE WHEN scheduled IS NOT NULL THEN 1 ELSE 0 END) AS scheduled,
                           SUM(CASE WHEN scheduled IS NOT NULL AND held_on <= scheduled THEN 1 ELSE 0 END) AS on_time
                    FROM (SELECT plan_id, held_on,
                                 LAG(next_check_in) OVER (PARTITION BY plan_id ORDER BY held_on, id) AS scheduled
                          FROM check_ins) ordered
                    GROUP BY plan_id) c ON c.plan_id = p.id
         WHERE p.created_at >= $1 OR p.closed_at IS NULL OR p.closed_at >= $1",
    )
    .bind(since)
    .fetch_all(&mut *c)
    .await)?)
}

/// A department (`None`: no department), its name and its number of active people.
pub type DepartmentSize = (Option<i64>, String, i64);

/// Every department with its number of active people, plus (id `None`) people in no department.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn department_sizes(conn: &mut Conn) -> DbResult<Vec<DepartmentSize>> {
    let placed: Vec<(i64, String, i64)> = on_engine!(conn, |c| sqlx::query_as(
        "SELECT d.id, d.name, (SELECT COUNT(*) FROM users u WHERE u.department_id = d.id AND u.is_active = TRUE) AS people
         FROM departments d ORDER BY d.name, d.id",
    )
    .fetch_all(&mut *c)
    .await)?;
    let unplaced: i64 = on_engine!(conn, |c| sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE department_id IS NULL AND is_active = TRUE").fetch_one(&mut *c).await)?;
    let mut sizes: Vec<DepartmentSize> = placed.into_iter().map(|(id, name, people)| (Some(id), name, people)).collect();
    sizes.push((None, String::new(), unplaced));
    Ok(sizes)
}

/// People who currently manage someone, with their department.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn managers(conn: &mut Conn) -> DbResult<Vec<(i64, Option<i64>)>> {
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "SELECT m.id, m.department_id FROM users m
         WHERE m.is_active = TRUE AND EXISTS (SELECT 1 FROM users r WHERE r.manager_id = m.id AND r.is_active = TRUE)",
    )
    .fetch_all(&mut *c)
    .await)?)
}

/// A stored edition of the statistics (its published tables as JSON), if there is one.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn edition(conn: &mut Conn, last_month: &str, k: i64) -> DbResult<Option<String>> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT body FROM insights_editions WHERE last_month = $1 AND privacy_k = $2")
        .bind(last_month)
        .bind(k)
        .fetch_optional(&mut *c)
        .await)?)
}

/// The most recent edition that ends before `last_month`, whatever its minimum group size.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn edition_before(conn: &mut Conn, last_month: &str) -> DbResult<Option<String>> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT body FROM insights_editions WHERE last_month < $1 ORDER BY last_month DESC, computed_at DESC LIMIT 1")
        .bind(last_month)
        .fetch_optional(&mut *c)
        .await)?)
}

/// Stores an edition unless one is already stored for the same month and group size: the first
/// instance to publish wins, and every reader then gets that one.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn store_edition(conn: &mut Conn, last_month: &str, k: i64, at: DateTime<Utc>, body: &str) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("INSERT INTO insights_editions (last_month, privacy_k, computed_at, body) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .bind(last_month)
        .bind(k)
        .bind(at)
        .bind(body)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}
