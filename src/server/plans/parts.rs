//! The parts of a plan the manager builds and both people work: the one small win, tasks,
//! milestones, recalibrated goals and private notes. Each rule is one [`PlanWrite`]: the access
//! check, the dates checked against the plan, the change, its timeline line and audit entry.

use crate::model::{AppError, DAY_FORMAT, PlanChange, Recognition, SMALL_WIN_DEFAULT_WORKING_DAYS, add_working_days};
use crate::server::AppState;
use crate::server::db;
use crate::server::error::missing;
use crate::server::plans::access::{Intent, PlanRole};
use crate::server::plans::input::{NewGoal, NewMilestone, NewSmallWin, NewTask, PrivateNoteText, TaskProgress};
use crate::server::plans::journal::{PlanWrite, Saved};
use chrono::NaiveDate;

/// What a person is told when a part named in the request is not on the plan.
const TASK_NOT_HERE: &str = "That task is not on this plan.";
const MILESTONE_NOT_HERE: &str = "That milestone is not on this plan.";
const GOAL_NOT_HERE: &str = "That goal is not on this plan.";

/// The day a small win set `today` is due when the manager names none: within days.
pub fn small_win_default_due(today: NaiveDate) -> NaiveDate {
    add_working_days(today, SMALL_WIN_DEFAULT_WORKING_DAYS)
}

/// A part of a plan that can be removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemovablePart {
    Task,
    Milestone,
    Goal,
}

impl RemovablePart {
    /// Parses the form's `item` word.
    pub fn parse(word: &str) -> Result<Self, AppError> {
        match word.trim() {
            "task" => Ok(Self::Task),
            "milestone" => Ok(Self::Milestone),
            "goal" => Ok(Self::Goal),
            _ => Err(AppError::invalid("Only a task, a milestone or a goal can be removed.")),
        }
    }

    /// The part as the timeline names it.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Task => "Task",
            Self::Milestone => "Milestone",
            Self::Goal => "Recalibrated goal",
        }
    }

    fn change(self) -> PlanChange {
        match self {
            Self::Task => PlanChange::Task,
            Self::Milestone => PlanChange::Milestone,
            Self::Goal => PlanChange::Goal,
        }
    }
}

/// "Task changed: new title", naming the old title too when it changed.
fn renamed(what: &str, before: &str, after: &str) -> String {
    if before == after { format!("{what}: {after}") } else { format!("{what}: \u{201c}{before}\u{201d} is now \u{201c}{after}\u{201d}") }
}

/// Sets the plan's one small win (only when none is open), due on `due_date` or within days.
#[tracing::instrument(skip(state, win))]
pub async fn add_small_win(state: &AppState, actor_id: i64, plan_id: i64, win: NewSmallWin) -> Result<Saved, AppError> {
    let NewSmallWin { title, due } = win;
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    let dates = write.dates();
    let due = due.unwrap_or_else(|| small_win_default_due(dates.today));
    dates.check("due_date", "the due date", due)?;
    if due < dates.today {
        return Err(AppError::at("due_date")("The small win cannot be due in the past.".into()));
    }
    let now = write.now();
    db::plans::insert_small_win(write.conn(), now, plan_id, &title, due).await?;
    write.record(PlanChange::SmallWin, format!("Small win set: {title}")).await
}

/// The employee marks their small win done and chooses how it is recognised.
#[tracing::instrument(skip(state))]
pub async fn complete_small_win(state: &AppState, actor_id: i64, plan_id: i64, win_id: i64, recognition: Recognition) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::EmployeeWrite).await?;
    if write.role() != PlanRole::Employee {
        return Err(AppError::Conflict("The employee marks their own small win done.".into()));
    }
    let today = write.dates().today;
    db::plans::complete_small_win(write.conn(), plan_id, win_id, recognition, today).await.map_err(missing("That small win is not open on this plan."))?;
    write.record(PlanChange::SmallWinDone, format!("Small win done (recognised {})", recognition.label().to_lowercase())).await
}

/// Adds a development-plan task.
#[tracing::instrument(skip(state, task))]
pub async fn add_task(state: &AppState, actor_id: i64, plan_id: i64, task: NewTask) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    task.check_dates(write.dates())?;
    let now = write.now();
    db::plans::insert_task(write.conn(), now, plan_id, task.task()).await?;
    write.record(PlanChange::Task, format!("{} task added: {}", task.task().kind.label(), task.task().title)).await
}

/// Changes a task's kind, title, kind-specific fields and due date; its status stays.
#[tracing::instrument(skip(state, task))]
pub async fn edit_task(state: &AppState, actor_id: i64, plan_id: i64, task_id: i64, task: NewTask) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    task.check_dates(write.dates())?;
    let now = write.now();
    let before = db::plans::update_task(write.conn(), now, plan_id, task_id, task.task()).await.map_err(missing(TASK_NOT_HERE))?;
    write.record(PlanChange::Task, renamed("Task changed", &before, &task.task().title)).await
}

/// Updates a task's status (and a micro-experiment's result). The employee or the manager.
#[tracing::instrument(skip(state, progress))]
pub async fn update_task_progress(state: &AppState, actor_id: i64, plan_id: i64, task_id: i64, progress: TaskProgress) -> Result<Saved, AppError> {
    let TaskProgress { status, result } = progress;
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::EmployeeWrite).await?;
    let now = write.now();
    let title = db::plans::update_task_progress(write.conn(), now, plan_id, task_id, status, &result).await.map_err(missing(TASK_NOT_HERE))?;
    write.record(PlanChange::TaskProgress, format!("Task \u{201c}{title}\u{201d} is now {}", status.label().to_lowercase())).await
}

/// Adds a milestone.
#[tracing::instrument(skip(state, milestone))]
pub async fn add_milestone(state: &AppState, actor_id: i64, plan_id: i64, milestone: NewMilestone) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    milestone.check_dates(write.dates())?;
    let now = write.now();
    db::plans::insert_milestone(write.conn(), now, plan_id, &milestone.title, milestone.target).await?;
    write.record(PlanChange::Milestone, format!("Milestone added: {}", milestone.title)).await
}

/// Changes a milestone's title and target date.
#[tracing::instrument(skip(state, milestone))]
pub async fn edit_milestone(state: &AppState, actor_id: i64, plan_id: i64, milestone_id: i64, milestone: NewMilestone) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    milestone.check_dates(write.dates())?;
    let before = db::plans::update_milestone(write.conn(), plan_id, milestone_id, &milestone.title, milestone.target).await.map_err(missing(MILESTONE_NOT_HERE))?;
    let line = format!("{}, target {}", renamed("Milestone changed", &before, &milestone.title), milestone.target.format(DAY_FORMAT));
    write.record(PlanChange::Milestone, line).await
}

/// Records the day a milestone was reached (`None` clears it): not before the event, not in the
/// future.
#[tracing::instrument(skip(state))]
pub async fn set_milestone_reached(state: &AppState, actor_id: i64, plan_id: i64, milestone_id: i64, reached: Option<NaiveDate>) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    if let Some(reached) = reached {
        let dates = write.dates();
        dates.check("reached_on", "the date reached", reached)?;
        if reached > dates.today {
            return Err(AppError::at("reached_on")("A milestone cannot be reached in the future.".into()));
        }
    }
    let title = db::plans::set_milestone_reached(write.conn(), plan_id, milestone_id, reached).await.map_err(missing(MILESTONE_NOT_HERE))?;
    let line = match reached {
        Some(day) => format!("Milestone reached on {}: {title}", day.format(DAY_FORMAT)),
        None => format!("Milestone marked not reached: {title}"),
    };
    write.record(PlanChange::Milestone, line).await
}

/// Adds a temporary goal recalibration, restored on a day still to come.
#[tracing::instrument(skip(state, goal))]
pub async fn add_goal(state: &AppState, actor_id: i64, plan_id: i64, goal: NewGoal) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    goal.check_dates(write.dates())?;
    goal.check_not_past(write.dates().today)?;
    let (now, goal) = (write.now(), goal.goal(0));
    db::plans::insert_goal(write.conn(), now, plan_id, &goal).await?;
    write.record(PlanChange::Goal, format!("Goal temporarily recalibrated: {}", goal.goal)).await
}

/// Changes a recalibrated goal: its wording, both scopes and the restore-by date.
#[tracing::instrument(skip(state, goal))]
pub async fn edit_goal(state: &AppState, actor_id: i64, plan_id: i64, goal_id: i64, goal: NewGoal) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    goal.check_dates(write.dates())?;
    let goal = goal.goal(goal_id);
    let before = db::plans::update_goal(write.conn(), plan_id, &goal).await.map_err(missing(GOAL_NOT_HERE))?;
    write.record(PlanChange::Goal, renamed("Recalibrated goal changed", &before, &goal.goal)).await
}

/// Removes a task, milestone or goal for good, once the removal is confirmed. The timeline keeps
/// a line saying what was removed.
#[tracing::instrument(skip(state))]
pub async fn remove(state: &AppState, actor_id: i64, plan_id: i64, part: RemovablePart, part_id: i64, confirmed: bool) -> Result<Saved, AppError> {
    if !confirmed {
        return Err(AppError::at("confirm")(format!("Tick the box to confirm: the {} is removed from the plan for good.", part.noun().to_lowercase())));
    }
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    let name = match part {
        RemovablePart::Task => db::plans::delete_task(write.conn(), plan_id, part_id).await.map_err(missing(TASK_NOT_HERE))?,
        RemovablePart::Milestone => db::plans::delete_milestone(write.conn(), plan_id, part_id).await.map_err(missing(MILESTONE_NOT_HERE))?,
        RemovablePart::Goal => db::plans::delete_goal(write.conn(), plan_id, part_id).await.map_err(missing(GOAL_NOT_HERE))?,
    };
    write.record(part.change(), format!("{} removed: {name}", part.noun())).await
}

/// Adds a manager-private note. Its text never reaches the employee, nor does its timeline line.
#[tracing::instrument(skip(state, note))]
pub async fn add_private_note(state: &AppState, actor_id: i64, plan_id: i64, note: PrivateNoteText) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    let now = write.now();
    db::plans::insert_private_note(write.conn(), now, plan_id, &note.0).await?;
    write.record(PlanChange::PrivateNote, "Private note added").await
}
