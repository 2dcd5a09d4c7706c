//! A plan's parts the manager adds and edits: the small win, development-plan tasks, milestones,
//! recalibrated goals and private notes. Every write names the plan as well as the part, so a
//! part id from another plan is simply not found.

use super::refresh_summary;
use crate::model::{GoalRecalibration, PlanTask, Recognition, TaskKind, TaskStatus};
use crate::server::db::{Conn, DbError, DbResult, on_engine, one_row};
use chrono::{DateTime, NaiveDate, Utc};

/// Adds the plan's small win. While another one is open this is a conflict on
/// [`Constraint::OneOpenSmallWin`](crate::server::db::Constraint::OneOpenSmallWin).
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn insert_small_win(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, title: &str, due_date: NaiveDate) -> DbResult<i64> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("INSERT INTO small_wins (plan_id, title, due_date, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(plan_id)
        .bind(title)
        .bind(due_date)
        .bind(now)
        .fetch_one(&mut *c)
        .await)?)
}

/// Marks the plan's open small win done with the chosen recognition; not found unless that win
/// is open on this plan.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, win_id = win_id))]
pub async fn complete_small_win(conn: &mut Conn, plan_id: i64, win_id: i64, recognition: Recognition, done_on: NaiveDate) -> DbResult<()> {
    let done = on_engine!(conn, |c| sqlx::query("UPDATE small_wins SET done_on = $1, recognition = $2 WHERE id = $3 AND plan_id = $4 AND done_on IS NULL")
        .bind(done_on)
        .bind(recognition)
        .bind(win_id)
        .bind(plan_id)
        .execute(&mut *c)
        .await
        .map(|done| done.rows_affected()))?;
    one_row(done)
}

/// Adds a development-plan task (and refreshes the plan's summary).
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn insert_task(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, task: &PlanTask) -> DbResult<i64> {
    let ids = insert_tasks(conn, now, plan_id, std::slice::from_ref(task)).await?;
    Ok(ids[0])
}

/// Adds several tasks to one plan and refreshes its summary once. Returns their ids in order.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn insert_tasks(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, tasks: &[PlanTask]) -> DbResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(tasks.len());
    for task in tasks {
        ids.push(insert_task_row(conn, now, plan_id, task).await?);
    }
    refresh_summary(conn, plan_id).await?;
    Ok(ids)
}

async fn insert_task_row(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, task: &PlanTask) -> DbResult<i64> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar(
        "INSERT INTO plan_tasks (plan_id, kind, title, colleague, hypothesis, risk_level, result, due_date, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(plan_id)
    .bind(task.kind)
    .bind(&task.title)
    .bind(&task.colleague)
    .bind(&task.hypothesis)
    .bind(task.risk_level)
    .bind(&task.result)
    .bind(task.due_date)
    .bind(task.status)
    .bind(now)
    .fetch_one(&mut *c)
    .await)?)
}

/// Updates a task's status and (for micro-experiments) its result, and the plan's summary.
/// Returns the task's title.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, task_id = task_id))]
pub async fn update_task_progress(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, task_id: i64, status: TaskStatus, result: &str) -> DbResult<String> {
    let title: Option<String> =
        on_engine!(conn, |c| sqlx::query_scalar("UPDATE plan_tasks SET status = $1, result = $2, updated_at = $3 WHERE id = $4 AND plan_id = $5 RETURNING title")
            .bind(status)
            .bind(result)
            .bind(now)
            .bind(task_id)
            .bind(plan_id)
            .fetch_optional(&mut *c)
            .await)?;
    let title = title.ok_or(DbError::NotFound)?;
    refresh_summary(conn, plan_id).await?;
    Ok(title)
}

/// Replaces a task's kind, title, kind-specific fields and due date; its status stays, and a
/// result only a micro-experiment has is dropped when it becomes another kind. Returns the title
/// it had before.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, task_id = task_id))]
pub async fn update_task(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, task_id: i64, task: &PlanTask) -> DbResult<String> {
    let before: Option<String> =
        on_engine!(conn, |c| sqlx::query_scalar("SELECT title FROM plan_tasks WHERE id = $1 AND plan_id = $2").bind(task_id).bind(plan_id).fetch_optional(&mut *c).await)?;
    let before = before.ok_or(DbError::NotFound)?;
    on_engine!(conn, |c| sqlx::query(
        "UPDATE plan_tasks SET kind = $1, title = $2, colleague = $3, hypothesis = $4, risk_level = $5, due_date = $6,
             result = CASE WHEN $1 = $7 THEN result ELSE '' END, updated_at = $8
         WHERE id = $9 AND plan_id = $10",
    )
    .bind(task.kind)
    .bind(&task.title)
    .bind(&task.colleague)
    .bind(&task.hypothesis)
    .bind(task.risk_level)
    .bind(task.due_date)
    .bind(TaskKind::MicroExperiment)
    .bind(now)
    .bind(task_id)
    .bind(plan_id)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    refresh_summary(conn, plan_id).await?;
    Ok(before)
}

/// Removes a task from the plan. Returns its title.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, task_id = task_id))]
pub async fn delete_task(conn: &mut Conn, plan_id: i64, task_id: i64) -> DbResult<String> {
    let title: Option<String> = on_engine!(conn, |c| sqlx::query_scalar("DELETE FROM plan_tasks WHERE id = $1 AND plan_id = $2 RETURNING title")
        .bind(task_id)
        .bind(plan_id)
        .fetch_optional(&mut *c)
        .await)?;
    let title = title.ok_or(DbError::NotFound)?;
    refresh_summary(conn, plan_id).await?;
    Ok(title)
}

/// Adds a milestone.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn insert_milestone(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, title: &str, target_date: NaiveDate) -> DbResult<i64> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("INSERT INTO milestones (plan_id, title, target_date, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(plan_id)
        .bind(title)
        .bind(target_date)
        .bind(now)
        .fetch_one(&mut *c)
        .await)?)
}

/// Records the date a milestone was reached (or clears it). Returns its title.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, milestone_id = milestone_id))]
pub async fn set_milestone_reached(conn: &mut Conn, plan_id: i64, milestone_id: i64, reached_on: Option<NaiveDate>) -> DbResult<String> {
    let title: Option<String> = on_engine!(conn, |c| sqlx::query_scalar("UPDATE milestones SET reached_on = $1 WHERE id = $2 AND plan_id = $3 RETURNING title")
        .bind(reached_on)
        .bind(milestone_id)
        .bind(plan_id)
        .fetch_optional(&mut *c)
        .await)?;
    title.ok_or(DbError::NotFound)
}

/// Changes a milestone's title and target date. Returns the title it had before.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, milestone_id = milestone_id))]
pub async fn update_milestone(conn: &mut Conn, plan_id: i64, milestone_id: i64, title: &str, target_date: NaiveDate) -> DbResult<String> {
    let before: Option<String> =
        on_engine!(conn, |c| sqlx::query_scalar("SELECT title FROM milestones WHERE id = $1 AND plan_id = $2").bind(milestone_id).bind(plan_id).fetch_optional(&mut *c).await)?;
    let before = before.ok_or(DbError::NotFound)?;
    on_engine!(conn, |c| sqlx::query("UPDATE milestones SET title = $1, target_date = $2 WHERE id = $3 AND plan_id = $4")
        .bind(title)
        .bind(target_date)
        .bind(milestone_id)
        .bind(plan_id)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(before)
}

/// Removes a milestone from the plan. Returns its title.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, milestone_id = milestone_id))]
pub async fn delete_milestone(conn: &mut Conn, plan_id: i64, milestone_id: i64) -> DbResult<String> {
    let title: Option<String> = on_engine!(conn, |c| sqlx::query_scalar("DELETE FROM milestones WHERE id = $1 AND plan_id = $2 RETURNING title")
        .bind(milestone_id)
        .bind(plan_id)
        .fetch_optional(&mut *c)
        .await)?;
    title.ok_or(DbError::NotFound)
}

/// Adds a temporary goal recalibration.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn insert_goal(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, goal: &GoalRecalibration) -> DbResult<i64> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar(
        "INSERT INTO goal_recalibrations (plan_id, goal, usual_scope, temporary_scope, restore_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(plan_id)
    .bind(&goal.goal)
    .bind(&goal.usual_scope)
    .bind(&goal.temporary_scope)
    .bind(goal.restore_by)
    .bind(now)
    .fetch_one(&mut *c)
    .await)?)
}

/// Replaces a recalibrated goal's wording and restore-by date. Returns the goal as it was named
/// before.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn update_goal(conn: &mut Conn, plan_id: i64, goal: &GoalRecalibration) -> DbResult<String> {
    let before: Option<String> =
        on_engine!(conn, |c| sqlx::query_scalar("SELECT goal FROM goal_recalibrations WHERE id = $1 AND plan_id = $2").bind(goal.id).bind(plan_id).fetch_optional(&mut *c).await)?;
    let before = before.ok_or(DbError::NotFound)?;
    on_engine!(conn, |c| sqlx::query("UPDATE goal_recalibrations SET goal = $1, usual_scope = $2, temporary_scope = $3, restore_by = $4 WHERE id = $5 AND plan_id = $6")
        .bind(&goal.goal)
        .bind(&goal.usual_scope)
        .bind(&goal.temporary_scope)
        .bind(goal.restore_by)
        .bind(goal.id)
        .bind(plan_id)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(before)
}

/// Removes a recalibrated goal from the plan. Returns the goal's name.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, goal_id = goal_id))]
pub async fn delete_goal(conn: &mut Conn, plan_id: i64, goal_id: i64) -> DbResult<String> {
    let goal: Option<String> = on_engine!(conn, |c| sqlx::query_scalar("DELETE FROM goal_recalibrations WHERE id = $1 AND plan_id = $2 RETURNING goal")
        .bind(goal_id)
        .bind(plan_id)
        .fetch_optional(&mut *c)
        .await)?;
    goal.ok_or(DbError::NotFound)
}

/// Adds a manager-private note.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn insert_private_note(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, body: &str) -> DbResult<i64> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("INSERT INTO private_notes (plan_id, body, created_at) VALUES ($1, $2, $3) RETURNING id")
        .bind(plan_id)
        .bind(body)
        .bind(now)
        .fetch_one(&mut *c)
        .await)?)
}
