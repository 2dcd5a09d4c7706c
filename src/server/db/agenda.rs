//! The dated items of the active plans a person may see, for the Today page, the navigation's
//! count and the calendar feed: next check-ins, open small wins, open tasks with a due date and
//! milestones not yet reached. A person sees the plans of their current, active direct reports
//! and their own active plan: what `plans::access::authorise` lets them read (drafts never, and
//! closed plans need nobody any more).

use crate::model::{DueItem, DueKind, QuietPlan};
use crate::server::db::types::Day;
use crate::server::db::{Conn, DbResult, on_engine};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
struct DueRow {
    plan_id: i64,
    item_id: i64,
    kind: DueKind,
    title: String,
    due: Day,
    person: Option<String>,
    own: bool,
}

/// Every open dated item due on or before `until` on the active plans `person_id` may see, in no
/// particular order. One query, every step a seek: the person's reports by `users_by_manager`,
/// each one's active plan, then each plan's items on their table's plan index. `CROSS JOIN`
/// keeps that order on SQLite, whose planner otherwise started from every active plan, or every
/// task, of the organisation: it cannot tell how few rows the person's plans are (the count in
/// the navigation then cost a `/team` page on the 10,000-employee seed 90M instructions, against
/// 4M without it). PostgreSQL plans each as the inner join it is.
#[tracing::instrument(level = "debug", skip_all, fields(person_id = person_id))]
pub async fn due_items(conn: &mut Conn, person_id: i64, until: NaiveDate) -> DbResult<Vec<DueItem>> {
    let rows: Vec<DueRow> = on_engine!(conn, |c| sqlx::query_as(
        "WITH visible AS MATERIALIZED (
             SELECT p.id AS plan_id, p.next_check_in, FALSE AS own, e.display_name AS person
             FROM users e CROSS JOIN plans p
             WHERE e.manager_id = $1 AND e.is_active = TRUE AND p.employee_id = e.id AND p.status = 'active'
             UNION ALL
             SELECT p.id, p.next_check_in, TRUE, m.display_name
             FROM users e CROSS JOIN plans p
             LEFT JOIN users m ON m.id = e.manager_id AND m.is_active = TRUE
             WHERE e.id = $1 AND e.is_active = TRUE AND p.employee_id = e.id AND p.status = 'active')
         SELECT v.plan_id, v.plan_id AS item_id, 'check_in' AS kind, '' AS title, v.next_check_in AS due, v.person, v.own
         FROM visible v WHERE v.next_check_in <= $2
         UNION ALL
         SELECT v.plan_id, w.id, 'small_win', w.title, w.due_date, v.person, v.own
         FROM visible v CROSS JOIN small_wins w WHERE w.plan_id = v.plan_id AND w.done_on IS NULL AND w.due_date <= $2
         UNION ALL
         SELECT v.plan_id, t.id, 'task', t.title, t.due_date, v.person, v.own
         FROM visible v CROSS JOIN plan_tasks t WHERE t.plan_id = v.plan_id AND t.status IN ('todo', 'in_progress') AND t.due_date <= $2
         UNION ALL
         SELECT v.plan_id, s.id, 'milestone', s.title, s.target_date, v.person, v.own
         FROM visible v CROSS JOIN milestones s WHERE s.plan_id = v.plan_id AND s.reached_on IS NULL AND s.target_date <= $2"
    )
    .bind(person_id)
    .bind(until)
    .fetch_all(&mut *c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|row| DueItem { plan_id: row.plan_id, item_id: row.item_id, kind: row.kind, title: row.title, due: row.due.0, person: row.person, own: row.own })
        .collect())
}

#[derive(sqlx::FromRow)]
struct QuietRow {
    plan_id: i64,
    person: String,
    last_check_in: Option<Day>,
    activated_at: Option<DateTime<Utc>>,
}

/// The active plans of `manager_id`'s current reports with no check-in since `since` (and, without
/// any check-in, started before it), by name. From the reports to their plans, as in [`due_items`].
#[tracing::instrument(level = "debug", skip_all, fields(manager_id = manager_id))]
pub async fn quiet_plans(conn: &mut Conn, manager_id: i64, since: NaiveDate) -> DbResult<Vec<QuietPlan>> {
    let rows: Vec<QuietRow> = on_engine!(conn, |c| sqlx::query_as(
        "SELECT p.id AS plan_id, e.display_name AS person, p.activated_at,
                (SELECT MAX(c.held_on) FROM check_ins c WHERE c.plan_id = p.id) AS last_check_in
         FROM users e CROSS JOIN plans p
         WHERE e.manager_id = $1 AND e.is_active = TRUE AND p.employee_id = e.id AND p.status = 'active'
         ORDER BY e.display_name, p.id"
    )
    .bind(manager_id)
    .fetch_all(&mut *c)
    .await)?;
    Ok(rows
        .into_iter()
        .filter(|row| match (row.last_check_in, row.activated_at) {
            (Some(held), _) => held.0 < since,
            (None, Some(started)) => started.date_naive() < since,
            (None, None) => false,
        })
        .map(|row| QuietPlan { plan_id: row.plan_id, person: row.person, last_check_in: row.last_check_in.map(NaiveDate::from) })
        .collect())
}
