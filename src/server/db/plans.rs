//! Recovery plans and their parts. Reads take a [`Viewpoint`]: for the employee, the private
//! parts (private notes, check-in private notes, observed signs) are never selected at all.

use super::{Conn, Db, Pool};
use crate::model::*;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

/// Who may touch a plan is decided from these facts, read fresh on every request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
pub async fn access_facts<'c>(executor: impl sqlx::Executor<'c, Database = Db>, plan_id: i64) -> Result<Option<AccessFacts>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT p.employee_id, p.status, p.event_date, u.manager_id, p.activated_at IS NOT NULL AS shared
         FROM plans p JOIN users u ON u.id = p.employee_id
         WHERE p.id = $1",
    )
    .bind(plan_id)
    .fetch_optional(executor)
    .await?;
    row.map(|row| {
        Ok(AccessFacts {
            employee_id: row.try_get("employee_id")?,
            status: word(&row, "status", PlanStatus::parse)?,
            current_manager_id: row.try_get("manager_id")?,
            event_date: row.try_get("event_date")?,
            shared: row.try_get("shared")?,
        })
    })
    .transpose()
}

/// The fields of the event and debrief, as saved.
#[derive(Debug, Clone)]
pub struct EventAndDebrief {
    pub event: PlanEvent,
    pub debrief: Debrief,
}

/// Creates a draft plan for an employee.
pub async fn insert_plan(conn: &mut Conn, now: DateTime<Utc>, employee_id: i64, opened_by: i64, fields: &EventAndDebrief) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
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
    .bind(fields.event.visibility.as_str())
    .bind(&fields.debrief.what_happened)
    .bind(&fields.debrief.what_is_known)
    .bind(&fields.debrief.open_questions)
    .bind(fields.debrief.drivers.join(","))
    .bind(&fields.debrief.technical_fix)
    .bind(&fields.debrief.communication_change)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Replaces the event and debrief of a plan.
pub async fn update_event_and_debrief(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, fields: &EventAndDebrief) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE plans SET event_title = $1, event_date = $2, event_kind = $3, event_visibility = $4,
                          what_happened = $5, what_is_known = $6, open_questions = $7, drivers = $8,
                          technical_fix = $9, communication_change = $10, updated_at = $11
         WHERE id = $12",
    )
    .bind(&fields.event.title)
    .bind(fields.event.date)
    .bind(&fields.event.kind)
    .bind(fields.event.visibility.as_str())
    .bind(&fields.debrief.what_happened)
    .bind(&fields.debrief.what_is_known)
    .bind(&fields.debrief.open_questions)
    .bind(fields.debrief.drivers.join(","))
    .bind(&fields.debrief.technical_fix)
    .bind(&fields.debrief.communication_change)
    .bind(now)
    .bind(plan_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves a plan to a new status. Activating while the employee already has an active plan is a
/// conflict (the database enforces one active plan per employee).
pub async fn set_status(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, status: PlanStatus, outcome: Option<Outcome>) -> Result<(), AppError> {
    let result = sqlx::query(
        "UPDATE plans SET status = $1, outcome = $2, updated_at = $3,
                          activated_at = CASE WHEN $1 = 'active' AND activated_at IS NULL THEN $3 ELSE activated_at END,
                          closed_at = CASE WHEN $1 = 'closed' THEN $3 ELSE NULL END
         WHERE id = $4",
    )
    .bind(status.as_str())
    .bind(outcome.map(Outcome::as_str))
    .bind(now)
    .bind(plan_id)
    .execute(conn)
    .await;
    match result {
        Ok(_) => Ok(()),
        Err(error) if crate::server::error::is_unique_violation(&error) => {
            Err(AppError::Conflict("This person already has an active plan. Close it before activating another.".into()))
        }
        Err(error) => Err(error.into()),
    }
}

/// Writes a plan's whole past lifecycle at once (for generated organisations): activated at
/// `activated_at` and, when given, closed with an outcome.
pub async fn set_history(conn: &mut Conn, plan_id: i64, activated_at: DateTime<Utc>, closed: Option<(DateTime<Utc>, Outcome)>) -> Result<(), sqlx::Error> {
    let (status, closed_at, outcome) = match closed {
        Some((at, outcome)) => ("closed", Some(at), Some(outcome.as_str())),
        None => ("active", None, None),
    };
    sqlx::query("UPDATE plans SET status = $1, activated_at = $2, closed_at = $3, outcome = $4, updated_at = $2 WHERE id = $5")
        .bind(status)
        .bind(activated_at)
        .bind(closed_at)
        .bind(outcome)
        .bind(plan_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Appends a line to the plan's timeline.
pub async fn record_event(conn: &mut Conn, plan_id: i64, at: DateTime<Utc>, actor_id: Option<i64>, description: &str, manager_only: bool) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO plan_events (plan_id, occurred_at, actor_id, description, manager_only) VALUES ($1, $2, $3, $4, $5)")
        .bind(plan_id)
        .bind(at)
        .bind(actor_id)
        .bind(description)
        .bind(manager_only)
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets or clears the manager's "needs more than a quick fix" flag.
pub async fn set_support_flag(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, flagged: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE plans SET support_flagged = $1, updated_at = $2 WHERE id = $3").bind(flagged).bind(now).bind(plan_id).execute(conn).await?;
    Ok(())
}

/// Sets whether the employee keeps their closed plan beyond the retention period.
pub async fn set_keep(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, keep: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE plans SET keep_after_close = $1, updated_at = $2 WHERE id = $3").bind(keep).bind(now).bind(plan_id).execute(conn).await?;
    Ok(())
}

/// Hard-deletes up to `limit` closed plans whose retention has run out (closed before
/// `closed_before` and not kept); their parts go with them. Returns how many were erased. Small
/// batches keep each write transaction short, so people's own writes never wait long.
pub async fn erase_expired(conn: &mut Conn, closed_before: DateTime<Utc>, limit: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM plans WHERE id IN (
             SELECT id FROM plans WHERE status = 'closed' AND keep_after_close = FALSE AND closed_at < $1 LIMIT $2)",
    )
    .bind(closed_before)
    .bind(limit)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Hard-deletes every plan of one person (an erasure request). Returns how many were erased.
pub async fn erase_for_employee(conn: &mut Conn, employee_id: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM plans WHERE employee_id = $1").bind(employee_id).execute(conn).await?;
    Ok(done.rows_affected())
}

/// Ids of the plans an employee has been shared (what they may export): never drafts, nor plans closed before they were shared.
pub async fn shared_plan_ids(pool: &Pool, employee_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM plans WHERE employee_id = $1 AND activated_at IS NOT NULL ORDER BY created_at, id").bind(employee_id).fetch_all(pool).await
}

/// Records a change of manager on every plan of the employee that is not closed.
pub async fn record_handover(conn: &mut Conn, at: DateTime<Utc>, employee_id: i64, actor_id: i64, description: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO plan_events (plan_id, occurred_at, actor_id, description, manager_only)
         SELECT id, $1, $2, $3, FALSE FROM plans WHERE employee_id = $4 AND status <> 'closed'",
    )
    .bind(at)
    .bind(actor_id)
    .bind(description)
    .bind(employee_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Adds the plan's small win. Fails with a conflict while another one is open.
pub async fn insert_small_win(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, title: &str, due_date: NaiveDate) -> Result<i64, AppError> {
    let result = sqlx::query_scalar("INSERT INTO small_wins (plan_id, title, due_date, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(plan_id)
        .bind(title)
        .bind(due_date)
        .bind(now)
        .fetch_one(conn)
        .await;
    match result {
        Ok(id) => Ok(id),
        Err(error) if crate::server::error::is_unique_violation(&error) => {
            Err(AppError::Conflict("There is already an open small win. It must be done before the next one.".into()))
        }
        Err(error) => Err(error.into()),
    }
}

/// Marks the plan's open small win done with the chosen recognition.
pub async fn complete_small_win(conn: &mut Conn, plan_id: i64, win_id: i64, recognition: Recognition, done_on: NaiveDate) -> Result<(), AppError> {
    let done = sqlx::query("UPDATE small_wins SET done_on = $1, recognition = $2 WHERE id = $3 AND plan_id = $4 AND done_on IS NULL")
        .bind(done_on)
        .bind(recognition.as_str())
        .bind(win_id)
        .bind(plan_id)
        .execute(conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound("That small win is not open on this plan.".into()));
    }
    Ok(())
}

/// Adds a development-plan task (and refreshes the plan's summary).
pub async fn insert_task(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, task: &PlanTask) -> Result<i64, sqlx::Error> {
    let ids = insert_tasks(conn, now, plan_id, std::slice::from_ref(task)).await?;
    Ok(ids[0])
}

/// Adds several tasks to one plan and refreshes its summary once. Returns their ids in order.
pub async fn insert_tasks(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, tasks: &[PlanTask]) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids = Vec::with_capacity(tasks.len());
    for task in tasks {
        ids.push(insert_task_row(conn, now, plan_id, task).await?);
    }
    refresh_summary(conn, plan_id).await?;
    Ok(ids)
}

async fn insert_task_row(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, task: &PlanTask) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO plan_tasks (plan_id, kind, title, colleague, hypothesis, risk_level, result, due_date, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(plan_id)
    .bind(task.kind.as_str())
    .bind(&task.title)
    .bind(&task.colleague)
    .bind(&task.hypothesis)
    .bind(task.risk_level.map(RiskLevel::as_str))
    .bind(&task.result)
    .bind(task.due_date)
    .bind(task.status.as_str())
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Updates a task's status and (for micro-experiments) its result, and the plan's summary.
pub async fn update_task_progress(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, task_id: i64, status: TaskStatus, result: &str) -> Result<String, AppError> {
    let title: Option<String> = sqlx::query_scalar("UPDATE plan_tasks SET status = $1, result = $2, updated_at = $3 WHERE id = $4 AND plan_id = $5 RETURNING title")
        .bind(status.as_str())
        .bind(result)
        .bind(now)
        .bind(task_id)
        .bind(plan_id)
        .fetch_optional(&mut *conn)
        .await?;
    let title = title.ok_or_else(task_not_found)?;
    refresh_summary(conn, plan_id).await?;
    Ok(title)
}

/// Replaces a task's kind, title, kind-specific fields and due date; its status stays, and a
/// result only a micro-experiment has is dropped when it becomes another kind. Returns the title
/// it had before.
pub async fn update_task(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, task_id: i64, task: &PlanTask) -> Result<String, AppError> {
    let before: Option<String> = sqlx::query_scalar("SELECT title FROM plan_tasks WHERE id = $1 AND plan_id = $2").bind(task_id).bind(plan_id).fetch_optional(&mut *conn).await?;
    let before = before.ok_or_else(task_not_found)?;
    sqlx::query(
        "UPDATE plan_tasks SET kind = $1, title = $2, colleague = $3, hypothesis = $4, risk_level = $5, due_date = $6,
             result = CASE WHEN $1 = $7 THEN result ELSE '' END, updated_at = $8
         WHERE id = $9 AND plan_id = $10",
    )
    .bind(task.kind.as_str())
    .bind(&task.title)
    .bind(&task.colleague)
    .bind(&task.hypothesis)
    .bind(task.risk_level.map(RiskLevel::as_str))
    .bind(task.due_date)
    .bind(TaskKind::MicroExperiment.as_str())
    .bind(now)
    .bind(task_id)
    .bind(plan_id)
    .execute(&mut *conn)
    .await?;
    refresh_summary(conn, plan_id).await?;
    Ok(before)
}

/// Removes a task from the plan. Returns its title.
pub async fn delete_task(conn: &mut Conn, plan_id: i64, task_id: i64) -> Result<String, AppError> {
    let title: Option<String> =
        sqlx::query_scalar("DELETE FROM plan_tasks WHERE id = $1 AND plan_id = $2 RETURNING title").bind(task_id).bind(plan_id).fetch_optional(&mut *conn).await?;
    let title = title.ok_or_else(task_not_found)?;
    refresh_summary(conn, plan_id).await?;
    Ok(title)
}

fn task_not_found() -> AppError {
    AppError::NotFound("That task is not on this plan.".into())
}

/// Adds a milestone.
pub async fn insert_milestone(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, title: &str, target_date: NaiveDate) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("INSERT INTO milestones (plan_id, title, target_date, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(plan_id)
        .bind(title)
        .bind(target_date)
        .bind(now)
        .fetch_one(conn)
        .await
}

/// Records the date a milestone was reached (or clears it).
pub async fn set_milestone_reached(conn: &mut Conn, plan_id: i64, milestone_id: i64, reached_on: Option<NaiveDate>) -> Result<String, AppError> {
    let title: Option<String> = sqlx::query_scalar("UPDATE milestones SET reached_on = $1 WHERE id = $2 AND plan_id = $3 RETURNING title")
        .bind(reached_on)
        .bind(milestone_id)
        .bind(plan_id)
        .fetch_optional(conn)
        .await?;
    title.ok_or_else(milestone_not_found)
}

/// Changes a milestone's title and target date. Returns the title it had before.
pub async fn update_milestone(conn: &mut Conn, plan_id: i64, milestone_id: i64, title: &str, target_date: NaiveDate) -> Result<String, AppError> {
    let before: Option<String> =
        sqlx::query_scalar("SELECT title FROM milestones WHERE id = $1 AND plan_id = $2").bind(milestone_id).bind(plan_id).fetch_optional(&mut *conn).await?;
    let before = before.ok_or_else(milestone_not_found)?;
    sqlx::query("UPDATE milestones SET title = $1, target_date = $2 WHERE id = $3 AND plan_id = $4")
        .bind(title)
        .bind(target_date)
        .bind(milestone_id)
        .bind(plan_id)
        .execute(conn)
        .await?;
    Ok(before)
}

/// Removes a milestone from the plan. Returns its title.
pub async fn delete_milestone(conn: &mut Conn, plan_id: i64, milestone_id: i64) -> Result<String, AppError> {
    let title: Option<String> =
        sqlx::query_scalar("DELETE FROM milestones WHERE id = $1 AND plan_id = $2 RETURNING title").bind(milestone_id).bind(plan_id).fetch_optional(conn).await?;
    title.ok_or_else(milestone_not_found)
}

fn milestone_not_found() -> AppError {
    AppError::NotFound("That milestone is not on this plan.".into())
}

/// Adds a temporary goal recalibration.
pub async fn insert_goal(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, goal: &GoalRecalibration) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO goal_recalibrations (plan_id, goal, usual_scope, temporary_scope, restore_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(plan_id)
    .bind(&goal.goal)
    .bind(&goal.usual_scope)
    .bind(&goal.temporary_scope)
    .bind(goal.restore_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Replaces a recalibrated goal's wording and restore-by date. Returns the goal as it was named
/// before.
pub async fn update_goal(conn: &mut Conn, plan_id: i64, goal: &GoalRecalibration) -> Result<String, AppError> {
    let before: Option<String> =
        sqlx::query_scalar("SELECT goal FROM goal_recalibrations WHERE id = $1 AND plan_id = $2").bind(goal.id).bind(plan_id).fetch_optional(&mut *conn).await?;
    let before = before.ok_or_else(goal_not_found)?;
    sqlx::query("UPDATE goal_recalibrations SET goal = $1, usual_scope = $2, temporary_scope = $3, restore_by = $4 WHERE id = $5 AND plan_id = $6")
        .bind(&goal.goal)
        .bind(&goal.usual_scope)
        .bind(&goal.temporary_scope)
        .bind(goal.restore_by)
        .bind(goal.id)
        .bind(plan_id)
        .execute(conn)
        .await?;
    Ok(before)
}

/// Removes a recalibrated goal from the plan. Returns the goal's name.
pub async fn delete_goal(conn: &mut Conn, plan_id: i64, goal_id: i64) -> Result<String, AppError> {
    let goal: Option<String> =
        sqlx::query_scalar("DELETE FROM goal_recalibrations WHERE id = $1 AND plan_id = $2 RETURNING goal").bind(goal_id).bind(plan_id).fetch_optional(conn).await?;
    goal.ok_or_else(goal_not_found)
}

fn goal_not_found() -> AppError {
    AppError::NotFound("That goal is not on this plan.".into())
}

/// Adds a check-in (and refreshes the plan's summary).
pub async fn insert_check_in(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, check_in: &CheckIn) -> Result<i64, sqlx::Error> {
    let ids = insert_check_ins(conn, now, plan_id, std::slice::from_ref(check_in)).await?;
    Ok(ids[0])
}

/// Adds several check-ins to one plan and refreshes its summary once. Returns their ids in order.
pub async fn insert_check_ins(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, check_ins: &[CheckIn]) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids = Vec::with_capacity(check_ins.len());
    for check_in in check_ins {
        ids.push(insert_check_in_row(conn, now, plan_id, check_in).await?);
    }
    refresh_summary(conn, plan_id).await?;
    Ok(ids)
}

async fn insert_check_in_row(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, check_in: &CheckIn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO check_ins (plan_id, held_on, self_confidence, observed_readiness, signs, shared_summary, private_note,
                                next_check_in, employee_reflection, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(plan_id)
    .bind(check_in.held_on)
    .bind(check_in.self_confidence.map(i64::from))
    .bind(check_in.observed_readiness.map(i64::from))
    .bind(check_in.signs.join(","))
    .bind(&check_in.shared_summary)
    .bind(&check_in.private_note)
    .bind(check_in.next_check_in)
    .bind(&check_in.employee_reflection)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Sets the employee's own rating and reflection on a check-in, and refreshes the plan's summary.
pub async fn set_self_assessment(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, check_in_id: i64, rating: Option<u8>, reflection: &str) -> Result<(), AppError> {
    let done = sqlx::query("UPDATE check_ins SET self_confidence = $1, employee_reflection = $2, updated_at = $3 WHERE id = $4 AND plan_id = $5")
        .bind(rating.map(i64::from))
        .bind(reflection)
        .bind(now)
        .bind(check_in_id)
        .bind(plan_id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound("That check-in is not on this plan.".into()));
    }
    refresh_summary(conn, plan_id).await?;
    Ok(())
}

/// Keeps the employee's own rating and reflection for the next one-on-one, replacing one given
/// earlier: it is saved with the check-in the manager records next ([`take_upcoming_self_assessment`]).
pub async fn set_upcoming_self_assessment(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, rating: Option<u8>, reflection: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE plans SET upcoming_self_confidence = $1, upcoming_reflection = $2, upcoming_rated_at = $3, updated_at = $3 WHERE id = $4")
        .bind(rating.map(i64::from))
        .bind(reflection)
        .bind(now)
        .bind(plan_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The employee's rating and reflection waiting for the next check-in, cleared as it is taken.
pub async fn take_upcoming_self_assessment(conn: &mut Conn, plan_id: i64) -> Result<Option<(Option<u8>, String)>, sqlx::Error> {
    let waiting: Option<(Option<i64>, String)> = sqlx::query_as("SELECT upcoming_self_confidence, upcoming_reflection FROM plans WHERE id = $1 AND upcoming_rated_at IS NOT NULL")
        .bind(plan_id)
        .fetch_optional(&mut *conn)
        .await?;
    if waiting.is_some() {
        sqlx::query("UPDATE plans SET upcoming_self_confidence = NULL, upcoming_reflection = '', upcoming_rated_at = NULL WHERE id = $1").bind(plan_id).execute(conn).await?;
    }
    Ok(waiting.map(|(rating, reflection)| (rating.and_then(|r| u8::try_from(r).ok()), reflection)))
}

/// Adds a manager-private note.
pub async fn insert_private_note(conn: &mut Conn, now: DateTime<Utc>, plan_id: i64, body: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("INSERT INTO private_notes (plan_id, body, created_at) VALUES ($1, $2, $3) RETURNING id").bind(plan_id).bind(body).bind(now).fetch_one(conn).await
}

/// The plan as `viewpoint` may see it, listing as much of its history as `history` asks for.
/// Takes one connection for every part: each connection handed back to the pool costs a round
/// trip to its worker thread.
pub async fn load_plan(conn: &mut Conn, plan_id: i64, viewpoint: Viewpoint, today: NaiveDate, history: History) -> Result<Option<PlanView>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT p.*, e.display_name AS employee_name, m.display_name AS manager_name
         FROM plans p JOIN users e ON e.id = p.employee_id LEFT JOIN users m ON m.id = e.manager_id
         WHERE p.id = $1",
    )
    .bind(plan_id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let manager = viewpoint == Viewpoint::Manager;
    let small_wins = sqlx::query("SELECT * FROM small_wins WHERE plan_id = $1 ORDER BY created_at, id")
        .bind(plan_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(small_win_from_row)
        .collect::<Result<_, _>>()?;
    let tasks = sqlx::query("SELECT * FROM plan_tasks WHERE plan_id = $1 ORDER BY COALESCE(due_date, '9999-12-31'), id")
        .bind(plan_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(task_from_row)
        .collect::<Result<_, _>>()?;
    let milestones = sqlx::query("SELECT id, title, target_date, reached_on FROM milestones WHERE plan_id = $1 ORDER BY target_date, id")
        .bind(plan_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| Ok(Milestone { id: row.try_get("id")?, title: row.try_get("title")?, target_date: row.try_get("target_date")?, reached_on: row.try_get("reached_on")? }))
        .collect::<Result<_, sqlx::Error>>()?;
    let goals = sqlx::query("SELECT id, goal, usual_scope, temporary_scope, restore_by FROM goal_recalibrations WHERE plan_id = $1 ORDER BY id")
        .bind(plan_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| {
            Ok(GoalRecalibration {
                id: row.try_get("id")?,
                goal: row.try_get("goal")?,
                usual_scope: row.try_get("usual_scope")?,
                temporary_scope: row.try_get("temporary_scope")?,
                restore_by: row.try_get("restore_by")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    // Every check-in's ratings come as one text: a long plan has dozens of check-ins, and sqlx
    // copies, hands over and frees each value of each row on its own.
    let ratings: Option<String> = sqlx::query_scalar(
        "SELECT string_agg(CAST(held_on AS TEXT) || ' ' || COALESCE(CAST(self_confidence AS TEXT), '-') || ' '
                           || COALESCE(CAST(observed_readiness AS TEXT), '-'), ',' ORDER BY held_on, id)
         FROM check_ins WHERE plan_id = $1",
    )
    .bind(plan_id)
    .fetch_one(&mut *conn)
    .await?;
    let ratings = ratings.as_deref().map(parse_ratings).transpose()?.unwrap_or_default();
    // The employee's query names only shared columns, so private text is never even read.
    let check_in_sql = if manager {
        "SELECT id, held_on, self_confidence, observed_readiness, signs, shared_summary, private_note, next_check_in, employee_reflection
         FROM check_ins WHERE plan_id = $1 ORDER BY held_on DESC, id DESC LIMIT $2"
    } else {
        "SELECT id, held_on, self_confidence, observed_readiness, '' AS signs, shared_summary, '' AS private_note, next_check_in, employee_reflection
         FROM check_ins WHERE plan_id = $1 ORDER BY held_on DESC, id DESC LIMIT $2"
    };
    let mut check_ins: Vec<CheckIn> =
        sqlx::query(check_in_sql).bind(plan_id).bind(limit(history.check_in_limit())).fetch_all(&mut *conn).await?.iter().map(check_in_from_row).collect::<Result<_, _>>()?;
    check_ins.reverse();
    let private_notes = if manager {
        sqlx::query("SELECT id, body, created_at FROM private_notes WHERE plan_id = $1 ORDER BY created_at DESC, id DESC")
            .bind(plan_id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|row| Ok(PrivateNote { id: row.try_get("id")?, body: row.try_get("body")?, created_at: row.try_get("created_at")? }))
            .collect::<Result<_, sqlx::Error>>()?
    } else {
        Vec::new()
    };
    // The latest entries, with the count of all of them from the same scan.
    let timeline_rows = sqlx::query(
        "SELECT e.occurred_at, a.display_name AS actor, e.description, COUNT(*) OVER () AS total FROM plan_events e
         LEFT JOIN users a ON a.id = e.actor_id
         WHERE e.plan_id = $1 AND (e.manager_only = FALSE OR $2 = TRUE)
         ORDER BY e.occurred_at DESC, e.id DESC LIMIT $3",
    )
    .bind(plan_id)
    .bind(manager)
    .bind(limit(history.timeline_limit()))
    .fetch_all(&mut *conn)
    .await?;
    let timeline_total = match timeline_rows.first() {
        Some(row) => usize::try_from(row.try_get::<i64, _>("total")?).unwrap_or_default(),
        None => 0,
    };
    let timeline = timeline_rows
        .iter()
        .rev()
        .map(|row| Ok(TimelineEntry { at: row.try_get("occurred_at")?, actor: row.try_get("actor")?, description: row.try_get("description")? }))
        .collect::<Result<_, sqlx::Error>>()?;
    Ok(Some(PlanView {
        id: row.try_get("id")?,
        viewpoint,
        employee_id: row.try_get("employee_id")?,
        employee_name: row.try_get("employee_name")?,
        manager_name: row.try_get("manager_name")?,
        status: word(&row, "status", PlanStatus::parse)?,
        outcome: optional_word(&row, "outcome", Outcome::parse)?,
        event: PlanEvent {
            title: row.try_get("event_title")?,
            date: row.try_get("event_date")?,
            kind: row.try_get("event_kind")?,
            visibility: word(&row, "event_visibility", Visibility::parse)?,
        },
        debrief: Debrief {
            what_happened: row.try_get("what_happened")?,
            what_is_known: row.try_get("what_is_known")?,
            open_questions: row.try_get("open_questions")?,
            drivers: split_ids(row.try_get("drivers")?),
            technical_fix: row.try_get("technical_fix")?,
            communication_change: row.try_get("communication_change")?,
        },
        small_wins,
        tasks,
        milestones,
        goals,
        ratings,
        check_ins,
        private_notes,
        timeline,
        timeline_total,
        created_at: row.try_get("created_at")?,
        closed_at: row.try_get("closed_at")?,
        today,
        support_flagged: row.try_get("support_flagged")?,
        next_check_in: optional_date(&row, "next_check_in")?,
        upcoming_self_assessment: match row.try_get::<Option<DateTime<Utc>>, _>("upcoming_rated_at")? {
            None => None,
            Some(rated_at) => Some(UpcomingSelfAssessment {
                self_confidence: row.try_get::<Option<i64>, _>("upcoming_self_confidence")?.and_then(|r| u8::try_from(r).ok()),
                reflection: row.try_get("upcoming_reflection")?,
                rated_at,
            }),
        },
        keep_after_close: row.try_get("keep_after_close")?,
        erase_on: None,
        support: None,
        language_notes: Vec::new(),
    }))
}

fn small_win_from_row(row: &SqliteRow) -> Result<SmallWin, sqlx::Error> {
    let created_at: DateTime<Utc> = row.try_get("created_at")?;
    Ok(SmallWin {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        due_date: row.try_get("due_date")?,
        recognition: optional_word(row, "recognition", Recognition::parse)?,
        done_on: row.try_get("done_on")?,
        created_on: created_at.date_naive(),
    })
}

fn task_from_row(row: &SqliteRow) -> Result<PlanTask, sqlx::Error> {
    Ok(PlanTask {
        id: row.try_get("id")?,
        kind: word(row, "kind", TaskKind::parse)?,
        title: row.try_get("title")?,
        colleague: row.try_get("colleague")?,
        hypothesis: row.try_get("hypothesis")?,
        risk_level: optional_word(row, "risk_level", RiskLevel::parse)?,
        result: row.try_get("result")?,
        due_date: row.try_get("due_date")?,
        status: word(row, "status", TaskStatus::parse)?,
    })
}

/// Reads the check-in ratings [`load_plan`] aggregates: `date self readiness` per check-in,
/// comma-separated, `-` for a rating not given.
fn parse_ratings(text: &str) -> Result<Vec<CheckInRatings>, sqlx::Error> {
    let unexpected = || sqlx::Error::Decode(format!("unexpected check-in ratings {text:?}").into());
    let rating = |word: &str| if word == "-" { Ok(None) } else { word.parse::<u8>().map(Some).map_err(|_| unexpected()) };
    text.split(',')
        .map(|entry| match entry.split(' ').collect::<Vec<_>>()[..] {
            [held_on, self_confidence, observed_readiness] => Ok(CheckInRatings {
                held_on: iso_date(held_on).ok_or_else(unexpected)?,
                self_confidence: rating(self_confidence)?,
                observed_readiness: rating(observed_readiness)?,
            }),
            _ => Err(unexpected()),
        })
        .collect()
}

/// A SQL `LIMIT` for at most `count` rows, or for all of them.
fn limit(count: Option<usize>) -> i64 {
    count.map_or(i64::MAX, |count| i64::try_from(count).unwrap_or(i64::MAX))
}

/// A 1-5 rating column (NULL when not given).
fn rating(row: &SqliteRow, column: &str) -> Result<Option<u8>, sqlx::Error> {
    Ok(row.try_get::<Option<i64>, _>(column)?.and_then(|value| u8::try_from(value).ok()))
}

fn check_in_from_row(row: &SqliteRow) -> Result<CheckIn, sqlx::Error> {
    Ok(CheckIn {
        id: row.try_get("id")?,
        held_on: date(row, "held_on")?,
        self_confidence: rating(row, "self_confidence")?,
        observed_readiness: rating(row, "observed_readiness")?,
        signs: split_ids(row.try_get("signs")?),
        shared_summary: row.try_get("shared_summary")?,
        private_note: row.try_get("private_note")?,
        next_check_in: optional_date(row, "next_check_in")?,
        employee_reflection: row.try_get("employee_reflection")?,
    })
}

fn split_ids(joined: String) -> Vec<String> {
    joined.split(',').map(str::trim).filter(|id| !id.is_empty()).map(str::to_owned).collect()
}

/// A date column. Dates are stored as `YYYY-MM-DD` text, read here digit by digit: sqlx decodes
/// through chrono's general-purpose parser, which took a twentieth of a team page's time. Any
/// other form goes to sqlx's decoding (and its error).
fn date(row: &SqliteRow, column: &str) -> Result<NaiveDate, sqlx::Error> {
    match row.try_get_unchecked::<Option<&str>, _>(column).ok().flatten().and_then(iso_date) {
        Some(date) => Ok(date),
        None => row.try_get(column),
    }
}

/// [`date`], for a column that may be NULL.
fn optional_date(row: &SqliteRow, column: &str) -> Result<Option<NaiveDate>, sqlx::Error> {
    match row.try_get_unchecked::<Option<&str>, _>(column) {
        Ok(None) => Ok(None),
        Ok(Some(text)) => match iso_date(text) {
            Some(date) => Ok(Some(date)),
            None => row.try_get(column),
        },
        Err(_) => row.try_get(column),
    }
}

/// Parses exactly `YYYY-MM-DD`.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10 && bytes.iter().enumerate().all(|(index, byte)| if index == 4 || index == 7 { *byte == b'-' } else { byte.is_ascii_digit() });
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| bytes[range].iter().fold(0u32, |value, digit| value * 10 + u32::from(digit - b'0'));
    NaiveDate::from_ymd_opt(i32::try_from(number(0..4)).ok()?, number(5..7), number(8..10))
}

fn word<T>(row: &SqliteRow, column: &str, parse: fn(&str) -> Option<T>) -> Result<T, sqlx::Error> {
    let text: String = row.try_get(column)?;
    parse(&text).ok_or_else(|| sqlx::Error::Decode(format!("unexpected {column} {text:?}").into()))
}

fn optional_word<T>(row: &SqliteRow, column: &str, parse: fn(&str) -> Option<T>) -> Result<Option<T>, sqlx::Error> {
    let text: Option<String> = row.try_get(column)?;
    text.map(|text| parse(&text).ok_or_else(|| sqlx::Error::Decode(format!("unexpected {column} {text:?}").into()))).transpose()
}

/// How many of a plan's latest self-ratings a summary carries: enough for a trend line in a list;
/// the plan page charts them all. (Migration 0007 filled existing plans with this number too.)
pub const SUMMARY_RATINGS: usize = 12;

/// The columns [`summary_from_row`] reads, over `plans p` joined to its open small win `w`. The
/// counts, next check-in and ratings are kept on the plan row by [`refresh_summary`], so a list of
/// plans reads one row per plan and aggregates nothing.
const SUMMARY_COLUMNS: &str = "p.id AS plan_id, p.status, p.outcome, p.event_title, p.event_date,
    p.tasks_total, p.tasks_done, p.next_check_in, p.recent_ratings AS ratings,
    w.title AS open_win_title, w.due_date AS open_win_due";

/// Recomputes the summary kept on plan `plan_id`'s row from its tasks and check-ins: tasks not
/// dropped and tasks done, the latest check-in's next date, and the latest [`SUMMARY_RATINGS`]
/// self-ratings, oldest first. Every function here that writes a task or a check-in calls it in
/// the same transaction, so the summary can never disagree with what it summarises.
/// (`string_agg ... ORDER BY` is SQLite 3.44+ and PostgreSQL alike.)
pub async fn refresh_summary(conn: &mut Conn, plan_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE plans SET
            tasks_total = (SELECT COUNT(*) FROM plan_tasks t WHERE t.plan_id = plans.id AND t.status <> 'dropped'),
            tasks_done = (SELECT COUNT(*) FROM plan_tasks t WHERE t.plan_id = plans.id AND t.status = 'done'),
            next_check_in = (SELECT c.next_check_in FROM check_ins c WHERE c.plan_id = plans.id AND c.recorded_by_manager
                             ORDER BY c.held_on DESC, c.id DESC LIMIT 1),
            recent_ratings = COALESCE((
                SELECT string_agg(CAST(r.self_confidence AS TEXT), ',' ORDER BY r.held_on, r.id)
                FROM (SELECT c.held_on, c.id, c.self_confidence FROM check_ins c
                      WHERE c.plan_id = plans.id AND c.self_confidence IS NOT NULL
                      ORDER BY c.held_on DESC, c.id DESC LIMIT {SUMMARY_RATINGS}) r), '')
         WHERE id = $1"
    ))
    .bind(plan_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The open small win of `p`: at most one per plan (a unique index), so the join never repeats a plan.
const OPEN_WIN_JOIN: &str = "LEFT JOIN small_wins w ON w.plan_id = p.id AND w.done_on IS NULL";

/// The plan summary in a row that selected [`SUMMARY_COLUMNS`], or `None` when the row has no plan.
fn summary_from_row(row: &SqliteRow) -> Result<Option<PlanSummary>, sqlx::Error> {
    let Some(id) = row.try_get::<Option<i64>, _>("plan_id")? else { return Ok(None) };
    let ratings: String = row.try_get("ratings")?;
    let confidence: Vec<u8> = ratings.split(',').filter_map(|rating| rating.parse().ok()).collect();
    Ok(Some(PlanSummary {
        id,
        status: word(row, "status", PlanStatus::parse)?,
        outcome: optional_word(row, "outcome", Outcome::parse)?,
        event_title: row.try_get("event_title")?,
        event_date: date(row, "event_date")?,
        next_check_in: optional_date(row, "next_check_in")?,
        open_win_title: row.try_get("open_win_title")?,
        open_win_due: optional_date(row, "open_win_due")?,
        tasks_done: row.try_get("tasks_done")?,
        tasks_total: row.try_get("tasks_total")?,
        confidence,
    }))
}

/// A manager's current direct reports by name, each with the one plan the team page shows: the
/// active one, else the latest draft, else the latest closed one. One query; each of the three
/// choices is a seek on `plans_by_employee`, where one subquery ranking all of a person's plans
/// sorted them per person.
pub async fn team(pool: &Pool, manager_id: i64) -> Result<Vec<TeamMember>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT u.id AS person_id, u.display_name, d.name AS department_name, {SUMMARY_COLUMNS}
         FROM users u
         LEFT JOIN departments d ON d.id = u.department_id
         LEFT JOIN plans p ON p.id = COALESCE(
             (SELECT q.id FROM plans q WHERE q.employee_id = u.id AND q.status = 'active'),
             (SELECT q.id FROM plans q WHERE q.employee_id = u.id AND q.status = 'draft' ORDER BY q.created_at DESC, q.id DESC LIMIT 1),
             (SELECT q.id FROM plans q WHERE q.employee_id = u.id AND q.status = 'closed' ORDER BY q.created_at DESC, q.id DESC LIMIT 1))
         {OPEN_WIN_JOIN}
         WHERE u.manager_id = $1 AND u.is_active = TRUE
         ORDER BY u.display_name, u.id"
    ))
    .bind(manager_id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| {
        Ok(TeamMember { person_id: row.try_get("person_id")?, name: row.try_get("display_name")?, department: row.try_get("department_name")?, plan: summary_from_row(row)? })
    })
    .collect()
}

/// An employee's own plans once shared (never drafts, nor plans closed before they were shared), newest first. One query.
pub async fn own_plan_summaries(pool: &Pool, employee_id: i64) -> Result<Vec<PlanSummary>, sqlx::Error> {
    sqlx::query(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM plans p {OPEN_WIN_JOIN}
         WHERE p.employee_id = $1 AND p.activated_at IS NOT NULL
         ORDER BY p.created_at DESC, p.id DESC"
    ))
    .bind(employee_id)
    .fetch_all(pool)
    .await?
    .iter()
    .filter_map(|row| summary_from_row(row).transpose())
    .collect()
}

/// The latest `limit` reads and writes of the employee's plans, newest first (from the audit log).
/// Only what happened once a plan was shared counts: the employee never learns of a draft, of the
/// time a plan spent as one, or of a plan closed before it was shared. Each plan's entries come
/// from the index in order and stop at `limit`, so a plan that has been opened thousands of times
/// costs no more than one opened `limit` times.
pub async fn access_log(pool: &Pool, employee_id: i64, limit: i64) -> Result<Vec<AccessEntry>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let shared: Vec<(i64, DateTime<Utc>)> =
        sqlx::query_as("SELECT id, activated_at FROM plans WHERE employee_id = $1 AND activated_at IS NOT NULL").bind(employee_id).fetch_all(&mut *conn).await?;
    let mut entries: Vec<(i64, AccessEntry)> = Vec::new();
    for (plan_id, shared_at) in shared {
        let rows = sqlx::query(
            "SELECT a.id, a.occurred_at, COALESCE(u.display_name, 'Someone no longer here') AS actor, a.action, a.detail
             FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
             WHERE a.target_kind = 'plan' AND a.target_id = $1 AND a.occurred_at >= $2
             ORDER BY a.occurred_at DESC, a.id DESC LIMIT $3",
        )
        .bind(plan_id)
        .bind(shared_at)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
        for row in rows {
            let action: String = row.try_get("action")?;
            let detail: Option<String> = row.try_get("detail")?;
            let action = crate::model::access_action(&action, detail.as_deref());
            entries.push((row.try_get("id")?, AccessEntry { at: row.try_get("occurred_at")?, actor: row.try_get("actor")?, action }));
        }
    }
    entries.sort_by(|(a_id, a), (b_id, b)| b.at.cmp(&a.at).then(b_id.cmp(a_id)));
    entries.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(entries.into_iter().map(|(_, entry)| entry).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::test_support::{add_person, fresh_pool};
    use chrono::Duration;

    struct Fixture {
        pool: Pool,
        _dir: tempfile::TempDir,
        manager: i64,
        employee: i64,
        plan: i64,
        now: DateTime<Utc>,
        today: NaiveDate,
    }

    fn fields(title: &str, today: NaiveDate) -> EventAndDebrief {
        EventAndDebrief {
            event: PlanEvent { title: title.into(), date: today - Duration::days(3), kind: "public-demo-mistake".into(), visibility: Visibility::Public },
            debrief: Debrief { what_happened: "Demo failed".into(), drivers: vec!["process".into(), "social".into()], ..Debrief::default() },
        }
    }

    async fn fixture() -> Fixture {
        let (pool, dir) = fresh_pool().await;
        let mut conn = pool.acquire().await.unwrap();
        let manager = add_person(&mut conn, "m@example.org", None, false).await;
        let employee = add_person(&mut conn, "e@example.org", Some(manager), false).await;
        let now = Utc::now();
        let today = now.date_naive();
        let plan = insert_plan(&mut conn, now, employee, manager, &fields("Demo", today)).await.unwrap();
        drop(conn);
        Fixture { pool, _dir: dir, manager, employee, plan, now, today }
    }

    #[test]
    fn aggregated_ratings_are_read_back_and_anything_else_is_an_error() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(
            parse_ratings("2026-11-01 2 -,2026-11-08 - 4,2026-11-15 5 3").unwrap(),
            vec![
                CheckInRatings { held_on: day(1), self_confidence: Some(2), observed_readiness: None },
                CheckInRatings { held_on: day(8), self_confidence: None, observed_readiness: Some(4) },
                CheckInRatings { held_on: day(15), self_confidence: Some(5), observed_readiness: Some(3) },
            ]
        );
        for broken in ["", "2026-11-01 2", "2026-11-01 two -", "01/11/2026 2 3"] {
            assert!(parse_ratings(broken).is_err(), "{broken}");
        }
    }

    #[test]
    fn iso_dates_are_read_exactly_and_anything_else_is_left_to_sqlx() {
        assert_eq!(iso_date("2026-11-29"), NaiveDate::from_ymd_opt(2026, 11, 29));
        assert_eq!(iso_date("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        for other in ["2026-02-30", "2026-1-29", "26-11-29", "2026/11/29", "2026-11-29T00:00:00", "+026-11-29", ""] {
            assert_eq!(iso_date(other), None, "{other}");
        }
    }

    #[tokio::test]
    async fn access_facts_follow_the_current_reporting_line() {
        let f = fixture().await;
        let facts = access_facts(&f.pool, f.plan).await.unwrap().unwrap();
        assert_eq!((facts.employee_id, facts.status, facts.current_manager_id), (f.employee, PlanStatus::Draft, Some(f.manager)));
        let mut conn = f.pool.acquire().await.unwrap();
        crate::server::db::users::set_manager(&mut conn, f.now, f.employee, None).await.unwrap();
        assert_eq!(access_facts(&f.pool, f.plan).await.unwrap().unwrap().current_manager_id, None);
        assert!(access_facts(&f.pool, 9_999).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn expired_closed_plans_are_erased_in_batches_and_kept_ones_stay() {
        let f = fixture().await;
        let mut conn = f.pool.acquire().await.unwrap();
        let long_ago = f.now - Duration::days(400);
        set_history(&mut conn, f.plan, long_ago, Some((long_ago + Duration::days(10), Outcome::Recovered))).await.unwrap();
        let mut expired = vec![f.plan];
        for _ in 0..4 {
            let plan = insert_plan(&mut conn, long_ago, f.employee, f.manager, &fields("Old", f.today)).await.unwrap();
            set_history(&mut conn, plan, long_ago, Some((long_ago + Duration::days(10), Outcome::Withdrawn))).await.unwrap();
            expired.push(plan);
        }
        set_keep(&mut conn, f.now, expired[4], true).await.unwrap();
        let cutoff = f.now - Duration::days(365);
        assert_eq!(erase_expired(&mut conn, cutoff, 3).await.unwrap(), 3);
        assert_eq!(erase_expired(&mut conn, cutoff, 3).await.unwrap(), 1);
        assert_eq!(erase_expired(&mut conn, cutoff, 3).await.unwrap(), 0);
        assert!(access_facts(&f.pool, expired[4]).await.unwrap().is_some(), "the kept plan stays");
    }

    #[tokio::test]
    async fn debriefs_round_trip_and_update() {
        let f = fixture().await;
        let plan = load_plan(&mut f.pool.acquire().await.unwrap(), f.plan, Viewpoint::Manager, f.today, History::All).await.unwrap().unwrap();
        assert_eq!(plan.debrief.drivers, vec!["process", "social"]);
        assert_eq!(plan.event.visibility, Visibility::Public);
        let mut conn = f.pool.acquire().await.unwrap();
        let mut changed = fields("Renamed", f.today);
        changed.debrief.drivers.clear();
        update_event_and_debrief(&mut conn, f.now, f.plan, &changed).await.unwrap();
        let plan = load_plan(&mut f.pool.acquire().await.unwrap(), f.plan, Viewpoint::Manager, f.today, History::All).await.unwrap().unwrap();
        assert_eq!(plan.event.title, "Renamed");
        assert!(plan.debrief.drivers.is_empty());
    }

    #[tokio::test]
    async fn one_active_plan_per_employee_and_closing_stamps_the_outcome() {
        let f = fixture().await;
        let mut conn = f.pool.acquire().await.unwrap();
        set_status(&mut conn, f.now, f.plan, PlanStatus::Active, None).await.unwrap();
        let second = insert_plan(&mut conn, f.now, f.employee, f.manager, &fields("Second", f.today)).await.unwrap();
        assert!(matches!(set_status(&mut conn, f.now, second, PlanStatus::Active, None).await, Err(AppError::Conflict(_))));
        set_status(&mut conn, f.now, f.plan, PlanStatus::Closed, Some(Outcome::Recovered)).await.unwrap();
        set_status(&mut conn, f.now, second, PlanStatus::Active, None).await.unwrap();
        let closed = load_plan(&mut f.pool.acquire().await.unwrap(), f.plan, Viewpoint::Manager, f.today, History::All).await.unwrap().unwrap();
        assert_eq!((closed.status, closed.outcome), (PlanStatus::Closed, Some(Outcome::Recovered)));
        assert!(closed.closed_at.is_some());
    }

    #[tokio::test]
    async fn exactly_one_small_win_is_open_at_a_time() {
        let f = fixture().await;
        let mut conn = f.pool.acquire().await.unwrap();
        let due = f.today + Duration::days(5);
        let win = insert_small_win(&mut conn, f.now, f.plan, "Follow-up note", due).await.unwrap();
        assert!(matches!(insert_small_win(&mut conn, f.now, f.plan, "Another", due).await, Err(AppError::Conflict(_))));
        complete_small_win(&mut conn, f.plan, win, Recognition::Public, f.today).await.unwrap();
        assert!(matches!(complete_small_win(&mut conn, f.plan, win, Recognition::Public, f.today).await, Err(AppError::NotFound(_))));
        insert_small_win(&mut conn, f.now, f.plan, "Next one", due).await.unwrap();
        let plan = load_plan(&mut f.pool.acquire().await.unwrap(), f.plan, Viewpoint::Employee, f.today, History::All).await.unwrap().unwrap();
        assert_eq!(plan.small_wins.len(), 2);
        assert_eq!(plan.small_wins[0].recognition, Some(Recognition::Public));
        assert_eq!(plan.open_small_win().unwrap().title, "Next one");
    }

    #[tokio::test]
    async fn tasks_milestones_and_goals_are_stored_and_updated_only_on_their_plan() {
        let f = fixture().await;
        let mut conn = f.pool.acquire().await.unwrap();
        let task = PlanTask {
            id: 0,
            kind: TaskKind::MicroExperiment,
            title: "Ask one question".into(),
            colleague: String::new(),
            hypothesis: "Asking early helps".into(),
            risk_level: Some(RiskLevel::Low),
            result: String::new(),
            due_date: Some(f.today),
            status: TaskStatus::Todo,
        };
        let task_id = insert_task(&mut conn, f.now, f.plan, &task).await.unwrap();
        assert_eq!(update_task_progress(&mut conn, f.now, f.plan, task_id, TaskStatus::Done, "It did").await.unwrap(), "Ask one question");
        assert!(update_task_progress(&mut conn, f.now, f.plan + 1, task_id, TaskStatus::Done, "").await.is_err());
        let milestone = insert_milestone(&mut conn, f.now, f.plan, "Speak up once", f.today).await.unwrap();
        set_milestone_reached(&mut conn, f.plan, milestone, Some(f.today)).await.unwrap();
        assert!(set_milestone_reached(&mut conn, f.plan + 1, milestone, None).await.is_err());
        let goal = GoalRecalibration { id: 0, goal: "Demos".into(), usual_scope: "Lead".into(), temporary_scope: "Co-lead".into(), restore_by: f.today };
        insert_goal(&mut conn, f.now, f.plan, &goal).await.unwrap();
        let plan = load_plan(&mut f.pool.acquire().await.unwrap(), f.plan, Viewpoint::Employee, f.today, History::All).await.unwrap().unwrap();
        assert_eq!((plan.tasks[0].status, plan.tasks[0].result.as_str()), (TaskStatus::Done, "It did"));
        assert_eq!(plan.milestones[0].reached_on, Some(f.today));
        assert_eq!(plan.goals[0].temporary_scope, "Co-lead");
    }

    #[tokio::test]
    async fn the_employee_view_never_reads_private_parts() {
        let f = fixture().await;
        let mut conn = f.pool.acquire().await.unwrap();
        let check_in = CheckIn {
            id: 0,
            held_on: f.today,
            self_confidence: Some(2),
            observed_readiness: Some(3),
            signs: vec!["stops-volunteering".into()],
            shared_summary: "Shared".into(),
            private_note: "Private".into(),
            next_check_in: None,
            employee_reflection: String::new(),
        };
        let id = insert_check_in(&mut conn, f.now, f.plan, &check_in).await.unwrap();
        set_self_assessment(&mut conn, f.now, f.plan, id, Some(4), "Better").await.unwrap();
        insert_private_note(&mut conn, f.now, f.plan, "Secret").await.unwrap();
        record_event(&mut conn, f.plan, f.now, Some(f.manager), "Private note added", true).await.unwrap();
        record_event(&mut conn, f.plan, f.now, Some(f.manager), "Check-in held", false).await.unwrap();
        let manager = load_plan(&mut f.pool.acquire().await.unwrap(), f.plan, Viewpoint::Manager, f.today, History::All).await.unwrap().unwrap();
        assert_eq!((manager.check_ins[0].private_note.as_str(), manager.check_ins[0].signs.len()), ("Private", 1));
        assert_eq!(manager.private_notes.len(), 1);
        assert_eq!(manager.timeline.len(), 2);
        let employee = load_plan(&mut f.pool.acquire().await.unwrap(), f.plan, Viewpoint::Employee, f.today, History::All).await.unwrap().unwrap();
        assert!(employee.check_ins[0].private_note.is_empty() && employee.check_ins[0].signs.is_empty());
        assert_eq!((employee.check_ins[0].self_confidence, employee.check_ins[0].employee_reflection.as_str()), (Some(4), "Better"));
        assert!(employee.private_notes.is_empty());
        assert_eq!(employee.timeline.len(), 1);
        assert!(!format!("{employee:?}").contains("Secret") && !format!("{employee:?}").contains("Private\""));
    }

    #[tokio::test]
    async fn a_recent_view_lists_the_latest_history_in_full_and_rates_every_check_in() {
        let f = fixture().await;
        let mut conn = f.pool.acquire().await.unwrap();
        let weeks = RECENT_CHECK_INS + 2;
        let check_ins: Vec<CheckIn> = (0..weeks)
            .map(|week| CheckIn {
                id: 0,
                held_on: f.today - Duration::days(7 * (weeks - week) as i64),
                self_confidence: Some(1 + (week % 5) as u8),
                observed_readiness: None,
                signs: vec![],
                shared_summary: format!("Week {week}"),
                private_note: String::new(),
                next_check_in: None,
                employee_reflection: String::new(),
            })
            .collect();
        insert_check_ins(&mut conn, f.now, f.plan, &check_ins).await.unwrap();
        for entry in 0..RECENT_TIMELINE_ENTRIES + 3 {
            record_event(&mut conn, f.plan, f.now + Duration::seconds(entry as i64), None, &format!("Entry {entry}"), false).await.unwrap();
        }

        let recent = load_plan(&mut f.pool.acquire().await.unwrap(), f.plan, Viewpoint::Manager, f.today, History::Recent).await.unwrap().unwrap();
        let summaries: Vec<&str> = recent.check_ins.iter().map(|c| c.shared_summary.as_str()).collect();
        assert_eq!(summaries.len(), RECENT_CHECK_INS);
        assert_eq!((summaries[0], summaries[RECENT_CHECK_INS - 1]), ("Week 2", "Week 11"), "the latest, oldest first");
        assert_eq!(recent.ratings.len(), weeks, "the chart still gets every check-in");
        assert_eq!((recent.ratings[0].held_on, recent.ratings[0].self_confidence), (check_ins[0].held_on, Some(1)));
        assert_eq!(recent.timeline.len(), RECENT_TIMELINE_ENTRIES);
        assert_eq!(recent.timeline_total, RECENT_TIMELINE_ENTRIES + 3);
        assert_eq!(recent.timeline.last().unwrap().description, format!("Entry {}", RECENT_TIMELINE_ENTRIES + 2));
        assert_eq!(recent.timeline[0].description, "Entry 3");

        let whole = load_plan(&mut f.pool.acquire().await.unwrap(), f.plan, Viewpoint::Employee, f.today, History::All).await.unwrap().unwrap();
        assert_eq!((whole.check_ins.len(), whole.check_ins[0].shared_summary.as_str()), (weeks, "Week 0"));
        assert_eq!((whole.timeline.len(), whole.timeline_total), (RECENT_TIMELINE_ENTRIES + 3, RECENT_TIMELINE_ENTRIES + 3));
    }

    #[tokio::test]
    async fn the_stored_summary_follows_task_progress_and_the_employees_own_ratings() {
        let f = fixture().await;
        let mut conn = f.pool.acquire().await.unwrap();
        let practice = |title: &str| PlanTask {
            id: 0,
            kind: TaskKind::Practice,
            title: title.into(),
            colleague: String::new(),
            hypothesis: String::new(),
            risk_level: None,
            result: String::new(),
            due_date: None,
            status: TaskStatus::Todo,
        };
        let first = insert_task(&mut conn, f.now, f.plan, &practice("Dry run")).await.unwrap();
        let second = insert_task(&mut conn, f.now, f.plan, &practice("Walk-through")).await.unwrap();
        let check_in = CheckIn {
            id: 0,
            held_on: f.today,
            self_confidence: None,
            observed_readiness: Some(3),
            signs: vec![],
            shared_summary: String::new(),
            private_note: String::new(),
            next_check_in: Some(f.today + Duration::days(7)),
            employee_reflection: String::new(),
        };
        let check_in_id = insert_check_in(&mut conn, f.now, f.plan, &check_in).await.unwrap();
        let summary = || async { team(&f.pool, f.manager).await.unwrap().remove(0).plan.unwrap() };
        let before = summary().await;
        assert_eq!((before.tasks_done, before.tasks_total, before.confidence), (0, 2, vec![]), "no rating yet");

        update_task_progress(&mut conn, f.now, f.plan, first, TaskStatus::Done, "").await.unwrap();
        update_task_progress(&mut conn, f.now, f.plan, second, TaskStatus::Dropped, "").await.unwrap();
        set_self_assessment(&mut conn, f.now, f.plan, check_in_id, Some(4), "Better").await.unwrap();
        let after = summary().await;
        assert_eq!((after.tasks_done, after.tasks_total, after.confidence), (1, 1, vec![4]));
        assert_eq!(after.next_check_in, Some(f.today + Duration::days(7)));

        // A refused write (a task of another plan) leaves the summary as it was.
        assert!(update_task_progress(&mut conn, f.now, f.plan + 1, first, TaskStatus::Todo, "").await.is_err());
        let unchanged = summary().await;
        assert_eq!((unchanged.tasks_done, unchanged.tasks_total), (1, 1));
    }

    #[tokio::test]
    async fn a_rating_before_the_next_one_on_one_waits_for_it_and_keeps_the_scheduled_date() {
        let f = fixture().await;
        let mut conn = f.pool.acquire().await.unwrap();
        let next = f.today + Duration::days(7);
        let check_in = CheckIn {
            id: 0,
            held_on: f.today - Duration::days(1),
            self_confidence: None,
            observed_readiness: Some(3),
            signs: vec![],
            shared_summary: String::new(),
            private_note: String::new(),
            next_check_in: Some(next),
            employee_reflection: String::new(),
        };
        insert_check_in(&mut conn, f.now, f.plan, &check_in).await.unwrap();
        set_upcoming_self_assessment(&mut conn, f.now, f.plan, Some(2), "Nervous").await.unwrap();
        set_upcoming_self_assessment(&mut conn, f.now, f.plan, Some(3), "Less nervous").await.unwrap();
        let plan = load_plan(&mut conn, f.plan, Viewpoint::Employee, f.today, History::All).await.unwrap().unwrap();
        assert_eq!(plan.check_ins.len(), 1, "no check-in of its own");
        assert_eq!(plan.next_check_in, Some(next), "the scheduled check-in stays");
        assert_eq!(plan.upcoming_self_assessment.as_ref().map(|u| (u.self_confidence, u.reflection.as_str())), Some((Some(3), "Less nervous")), "the latest one counts");
        assert_eq!(team(&f.pool, f.manager).await.unwrap().remove(0).plan.unwrap().next_check_in, Some(next));
        assert_eq!(take_upcoming_self_assessment(&mut conn, f.plan).await.unwrap(), Some((Some(3), "Less nervous".to_owned())));
        assert_eq!(take_upcoming_self_assessment(&mut conn, f.plan).await.unwrap(), None, "taken once");
    }

    #[tokio::test]
    async fn ratings_saved_as_check_ins_before_the_migration_no_longer_clear_the_schedule() {
        let f = fixture().await;
        let mut conn = f.pool.acquire().await.unwrap();
        let next = f.today + Duration::days(7);
        let manager_check_in = CheckIn {
            id: 0,
            held_on: f.today - Duration::days(2),
            self_confidence: None,
            observed_readiness: Some(3),
            signs: vec![],
            shared_summary: "Talked it through".into(),
            private_note: String::new(),
            next_check_in: Some(next),
            employee_reflection: String::new(),
        };
        insert_check_in(&mut conn, f.now, f.plan, &manager_check_in).await.unwrap();
        // What an employee's rating before a meeting used to save: a check-in with nothing else.
        sqlx::query(
            "INSERT INTO check_ins (plan_id, held_on, self_confidence, signs, shared_summary, private_note, employee_reflection, created_at, updated_at, recorded_by_manager)
                     VALUES ($1, $2, 4, '', '', '', '', $3, $3, FALSE)",
        )
        .bind(f.plan)
        .bind(f.today)
        .bind(f.now)
        .execute(&mut *conn)
        .await
        .unwrap();
        refresh_summary(&mut conn, f.plan).await.unwrap();
        let summary = team(&f.pool, f.manager).await.unwrap().remove(0).plan.unwrap();
        assert_eq!(summary.next_check_in, Some(next));
        assert_eq!(summary.confidence, vec![4], "the old rating is kept as the employee's own");
    }

    #[tokio::test]
    async fn summaries_cover_the_team_or_the_employee_and_the_access_log_reads_the_audit() {
        let f = fixture().await;
        let mut conn = f.pool.acquire().await.unwrap();
        insert_task(
            &mut conn,
            f.now,
            f.plan,
            &PlanTask {
                id: 0,
                kind: TaskKind::Practice,
                title: "Dry run".into(),
                colleague: String::new(),
                hypothesis: String::new(),
                risk_level: None,
                result: String::new(),
                due_date: None,
                status: TaskStatus::Done,
            },
        )
        .await
        .unwrap();
        insert_small_win(&mut conn, f.now, f.plan, "Note", f.today).await.unwrap();
        for (days, rating) in [(2, 2), (1, 3)] {
            let check_in = CheckIn {
                id: 0,
                held_on: f.today - Duration::days(days),
                self_confidence: Some(rating),
                observed_readiness: None,
                signs: vec![],
                shared_summary: String::new(),
                private_note: String::new(),
                next_check_in: Some(f.today + Duration::days(days)),
                employee_reflection: String::new(),
            };
            insert_check_in(&mut conn, f.now, f.plan, &check_in).await.unwrap();
        }
        let members = team(&f.pool, f.manager).await.unwrap();
        assert_eq!(members.len(), 1);
        assert_eq!(members[0].person_id, f.employee);
        let summary = members[0].plan.as_ref().unwrap();
        assert_eq!((summary.tasks_done, summary.tasks_total, summary.confidence.clone()), (1, 1, vec![2, 3]));
        assert_eq!(summary.next_check_in, Some(f.today + Duration::days(1)));
        assert_eq!(summary.open_win_title.as_deref(), Some("Note"));
        // Older ratings beyond the cap drop out of the summary; dropped tasks never count.
        for days in 10..23 {
            let check_in = CheckIn {
                id: 0,
                held_on: f.today - Duration::days(days),
                self_confidence: Some(5),
                observed_readiness: None,
                signs: vec![],
                shared_summary: String::new(),
                private_note: String::new(),
                next_check_in: None,
                employee_reflection: String::new(),
            };
            insert_check_in(&mut conn, f.now, f.plan, &check_in).await.unwrap();
        }
        insert_task(
            &mut conn,
            f.now,
            f.plan,
            &PlanTask {
                id: 0,
                kind: TaskKind::Practice,
                title: "Abandoned".into(),
                colleague: String::new(),
                hypothesis: String::new(),
                risk_level: None,
                result: String::new(),
                due_date: None,
                status: TaskStatus::Dropped,
            },
        )
        .await
        .unwrap();
        let summary = team(&f.pool, f.manager).await.unwrap().remove(0).plan.unwrap();
        let mut expected = vec![5; SUMMARY_RATINGS - 2];
        expected.extend([2, 3]);
        assert_eq!((summary.tasks_done, summary.tasks_total, summary.confidence), (1, 1, expected));
        assert_eq!(summary.next_check_in, Some(f.today + Duration::days(1)), "the latest check-in sets the next one");
        assert!(own_plan_summaries(&f.pool, f.employee).await.unwrap().is_empty(), "drafts are not the employee's to list");
        set_status(&mut conn, f.now, f.plan, PlanStatus::Active, None).await.unwrap();
        assert_eq!(own_plan_summaries(&f.pool, f.employee).await.unwrap().len(), 1);

        let mut read = crate::server::db::audit::AuditEvent::new(Some(f.manager), "plan_read");
        read.target_kind = Some("plan");
        read.target_id = Some(f.plan);
        crate::server::db::audit::record(&mut conn, f.now, read).await.unwrap();
        record_handover(&mut conn, f.now, f.employee, f.manager, "Handed over").await.unwrap();
        let log = access_log(&f.pool, f.employee, 10).await.unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!((log[0].actor.as_str(), log[0].action.as_str()), ("m", "opened the plan"));
        // Entries from every plan of the employee merge newest first, and the limit holds.
        let other = insert_plan(&mut conn, f.now, f.employee, f.manager, &fields("Earlier", f.today)).await.unwrap();
        for (plan, minutes) in [(f.plan, 1), (other, 2), (f.plan, 3), (other, 4)] {
            let mut read = crate::server::db::audit::AuditEvent::new(Some(f.manager), "plan_read");
            read.target_kind = Some("plan");
            read.target_id = Some(plan);
            crate::server::db::audit::record(&mut conn, f.now + Duration::minutes(minutes), read).await.unwrap();
        }
        // While the other plan is a draft, its reads are not the employee's to see.
        let log = access_log(&f.pool, f.employee, 3).await.unwrap();
        let minutes: Vec<i64> = log.iter().map(|entry| (entry.at - f.now).num_minutes()).collect();
        assert_eq!(minutes, vec![3, 1, 0]);
        set_history(&mut conn, other, f.now - Duration::days(1), Some((f.now, Outcome::Recovered))).await.unwrap();
        let log = access_log(&f.pool, f.employee, 3).await.unwrap();
        let minutes: Vec<i64> = log.iter().map(|entry| (entry.at - f.now).num_minutes()).collect();
        assert_eq!(minutes, vec![4, 3, 2]);
        let shown: Vec<_> = team(&f.pool, f.manager).await.unwrap().into_iter().map(|member| member.plan.map(|plan| plan.id)).collect();
        assert_eq!(shown, vec![Some(f.plan)], "one plan per person: the active one, not the newer closed one");
        let newcomer = add_person(&mut conn, "n@example.org", Some(f.manager), false).await;
        let members = team(&f.pool, f.manager).await.unwrap();
        assert!(members.iter().any(|member| member.person_id == newcomer && member.plan.is_none()), "people without a plan are listed too");
        let plan = load_plan(&mut f.pool.acquire().await.unwrap(), f.plan, Viewpoint::Employee, f.today, History::All).await.unwrap().unwrap();
        assert!(plan.timeline.iter().any(|entry| entry.description == "Handed over"));
    }
}
