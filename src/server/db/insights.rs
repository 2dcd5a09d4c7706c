//! The aggregate facts behind HR insights. Each query returns one row per plan, department or
//! manager with numbers only; names and text never leave this module towards HR.

use super::Pool;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

/// What the statistics need to know about one plan.
#[derive(Debug, Clone, PartialEq)]
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
pub async fn plan_facts(pool: &Pool, since: DateTime<Utc>) -> Result<Vec<PlanFact>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT p.employee_id, p.opened_by, u.department_id, p.created_at, p.activated_at, p.closed_at, p.outcome,
                w.first_done, COALESCE(t.done, 0) AS tasks_done, COALESCE(t.total, 0) AS tasks_total,
                COALESCE(c.scheduled, 0) AS scheduled, COALESCE(c.on_time, 0) AS on_time
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
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(PlanFact {
                employee_id: row.try_get("employee_id")?,
                opened_by: row.try_get("opened_by")?,
                department_id: row.try_get("department_id")?,
                created_at: row.try_get("created_at")?,
                activated_at: row.try_get("activated_at")?,
                closed_at: row.try_get("closed_at")?,
                outcome: row.try_get("outcome")?,
                first_win_done: row.try_get("first_done")?,
                tasks_done: row.try_get("tasks_done")?,
                tasks_total: row.try_get("tasks_total")?,
                check_ins_scheduled: row.try_get("scheduled")?,
                check_ins_on_time: row.try_get("on_time")?,
            })
        })
        .collect()
}

/// A department (`None`: no department), its name and its number of active people.
pub type DepartmentSize = (Option<i64>, String, i64);

/// Every department with its number of active people, plus (id `None`) people in no department.
pub async fn department_sizes(pool: &Pool) -> Result<Vec<DepartmentSize>, sqlx::Error> {
    let mut sizes: Vec<DepartmentSize> = sqlx::query(
        "SELECT d.id, d.name, (SELECT COUNT(*) FROM users u WHERE u.department_id = d.id AND u.is_active = TRUE) AS people
         FROM departments d ORDER BY d.name, d.id",
    )
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| Ok((Some(row.try_get("id")?), row.try_get("name")?, row.try_get("people")?)))
    .collect::<Result<_, sqlx::Error>>()?;
    let unplaced: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE department_id IS NULL AND is_active = TRUE").fetch_one(pool).await?;
    sizes.push((None, String::new(), unplaced));
    Ok(sizes)
}

/// People who currently manage someone, with their department.
pub async fn managers(pool: &Pool) -> Result<Vec<(i64, Option<i64>)>, sqlx::Error> {
    sqlx::query(
        "SELECT m.id, m.department_id FROM users m
         WHERE m.is_active = TRUE AND EXISTS (SELECT 1 FROM users r WHERE r.manager_id = m.id AND r.is_active = TRUE)",
    )
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| Ok((row.try_get("id")?, row.try_get("department_id")?)))
    .collect()
}

/// A stored edition of the statistics (its published tables as JSON), if there is one.
pub async fn edition(pool: &Pool, last_month: &str, k: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT body FROM insights_editions WHERE last_month = $1 AND privacy_k = $2").bind(last_month).bind(k).fetch_optional(pool).await
}

/// The most recent edition that ends before `last_month`, whatever its minimum group size.
pub async fn edition_before(pool: &Pool, last_month: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT body FROM insights_editions WHERE last_month < $1 ORDER BY last_month DESC, computed_at DESC LIMIT 1").bind(last_month).fetch_optional(pool).await
}

/// Stores an edition unless one is already stored for the same month and group size: the first
/// instance to publish wins, and every reader then gets that one.
pub async fn store_edition(pool: &Pool, last_month: &str, k: i64, at: DateTime<Utc>, body: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO insights_editions (last_month, privacy_k, computed_at, body) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .bind(last_month)
        .bind(k)
        .bind(at)
        .bind(body)
        .execute(pool)
        .await?;
    Ok(())
}
