//! Recovery plans: the manager builds and runs them, the employee works their own parts.
//!
//! Each function asks who is calling, parses its form into plan input, and hands both to one
//! rule of `server::plans`, which decides on the plan's current reporting line whether the caller
//! may, and writes the change with its timeline line and access-log entry in one transaction.
//! A browser's form post is then sent back to the section it changed, with what was saved.

use crate::model::forms::{CheckInForm, DebriefForm, GoalForm, MilestoneForm, ProgressForm, RemovalForm, SelfAssessmentForm, SmallWinForm, StarterForm, StatusForm, TaskForm};
use crate::model::{AppError, MyData, MyPlans, PlanCandidate, PlanView, TeamOverview};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::guard::{caller, confirm_form_post},
    crate::model::{History, PlanChange, Recognition},
    crate::server::auth::caller::{Manager, Person},
    crate::server::plans::input::{
        self, EventAndDebrief, NewCheckIn, NewGoal, NewMilestone, NewSmallWin, NewTask, PrivateNoteText, SelfAssessment, StarterItems, StatusAction, TaskProgress,
    },
    crate::server::plans::journal::Saved,
    crate::server::plans::{check_ins, lifecycle, parts, view},
};

/// The caller's direct reports with their current plan.
#[server(prefix = "/api", endpoint = "team")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn load_team() -> Result<TeamOverview, AppError> {
    let (state, Manager(manager)) = caller().await?;
    view::team(&state, manager.id).await
}

/// The name of a direct report the caller may open a plan for.
#[server(prefix = "/api", endpoint = "plans/candidate")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(employee_id = employee_id)))]
pub async fn load_plan_candidate(employee_id: i64) -> Result<PlanCandidate, AppError> {
    let (state, Person(viewer)) = caller().await?;
    view::candidate(&state, viewer.id, employee_id).await
}

/// Opens a draft plan for a direct report, with the event, the debrief and what a template
/// suggested. Returns the new plan's id.
#[server(prefix = "/api", endpoint = "plans/create")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(employee_id = employee_id)))]
pub async fn create_plan(employee_id: i64, #[server(flatten)] debrief: DebriefForm, #[server(flatten)] starter: StarterForm) -> Result<i64, AppError> {
    let (state, Person(viewer)) = caller().await?;
    let (fields, starter) = (EventAndDebrief::parse(debrief)?, StarterItems::parse(starter)?);
    let saved = lifecycle::create(&state, viewer.id, employee_id, fields, starter).await?;
    confirm_form_post(&format!("/plans/{}", saved.plan_id), section_of(saved.change), "Saved. Draft plan created: only you can see it until you activate it.");
    Ok(saved.plan_id)
}

/// A plan, as the caller may see it. Recorded in the access log. `history` "all" lists every
/// check-in and timeline entry; by default only the latest are listed in full.
#[server(prefix = "/api", endpoint = "plans/get")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id)))]
pub async fn get_plan(plan_id: i64, history: Option<String>) -> Result<PlanView, AppError> {
    let (state, Person(viewer)) = caller().await?;
    let history = History::parse(history.as_deref()).ok_or_else(|| AppError::invalid("History is either \"all\" or left out for the latest entries."))?;
    view::read(&state, viewer.id, plan_id, history).await
}

/// Saves the event and debrief.
#[server(prefix = "/api", endpoint = "plans/debrief")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id)))]
pub async fn save_debrief(plan_id: i64, #[server(flatten)] debrief: DebriefForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(lifecycle::save_debrief(&state, viewer.id, plan_id, EventAndDebrief::parse(debrief)?).await?)
}

/// Activates (shares with the employee), closes with an outcome, or reopens a plan.
#[server(prefix = "/api", endpoint = "plans/status")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id)))]
pub async fn change_plan_status(plan_id: i64, #[server(flatten)] change: StatusForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(lifecycle::change_status(&state, viewer.id, plan_id, StatusAction::parse(&change)?).await?)
}

/// Sets the plan's one small win (only when none is open).
#[server(prefix = "/api", endpoint = "plans/small_win")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id)))]
pub async fn add_small_win(plan_id: i64, #[server(flatten)] win: SmallWinForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(parts::add_small_win(&state, viewer.id, plan_id, NewSmallWin::parse(&win)?).await?)
}

/// The employee marks their small win done and chooses how it is recognised.
#[server(prefix = "/api", endpoint = "plans/small_win_done")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, win_id = win_id)))]
pub async fn complete_small_win(plan_id: i64, win_id: i64, recognition: String) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    let recognition = Recognition::parse(&recognition).ok_or_else(|| AppError::invalid("Choose how you would like the win recognised."))?;
    confirm(parts::complete_small_win(&state, viewer.id, plan_id, win_id, recognition).await?)
}

/// Adds a development-plan task.
#[server(prefix = "/api", endpoint = "plans/task")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id)))]
pub async fn add_task(plan_id: i64, #[server(flatten)] task: TaskForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(parts::add_task(&state, viewer.id, plan_id, NewTask::parse(&task)?).await?)
}

/// Updates a task's status (and a micro-experiment's result). The employee or the manager.
#[server(prefix = "/api", endpoint = "plans/task_progress")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, task_id = task_id)))]
pub async fn update_task(plan_id: i64, task_id: i64, #[server(flatten)] progress: ProgressForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(parts::update_task_progress(&state, viewer.id, plan_id, task_id, TaskProgress::parse(&progress)?).await?)
}

/// Changes a task: its kind, title, kind-specific fields and due date, checked as a new task is.
/// Its status stays.
#[server(prefix = "/api", endpoint = "plans/task_edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, task_id = task_id)))]
pub async fn edit_task(plan_id: i64, task_id: i64, #[server(flatten)] task: TaskForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(parts::edit_task(&state, viewer.id, plan_id, task_id, NewTask::parse(&task)?).await?)
}

/// Adds a milestone.
#[server(prefix = "/api", endpoint = "plans/milestone")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id)))]
pub async fn add_milestone(plan_id: i64, #[server(flatten)] milestone: MilestoneForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(parts::add_milestone(&state, viewer.id, plan_id, NewMilestone::parse(&milestone)?).await?)
}

/// Records the day a milestone was reached ("" clears it).
#[server(prefix = "/api", endpoint = "plans/milestone_reached")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, milestone_id = milestone_id)))]
pub async fn set_milestone_reached(plan_id: i64, milestone_id: i64, reached_on: String) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(parts::set_milestone_reached(&state, viewer.id, plan_id, milestone_id, input::reached_on(&reached_on)?).await?)
}

/// Changes a milestone's title and target date.
#[server(prefix = "/api", endpoint = "plans/milestone_edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, milestone_id = milestone_id)))]
pub async fn edit_milestone(plan_id: i64, milestone_id: i64, #[server(flatten)] milestone: MilestoneForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(parts::edit_milestone(&state, viewer.id, plan_id, milestone_id, NewMilestone::parse(&milestone)?).await?)
}

/// Adds a temporary goal recalibration.
#[server(prefix = "/api", endpoint = "plans/goal")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id)))]
pub async fn add_goal(plan_id: i64, #[server(flatten)] goal: GoalForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(parts::add_goal(&state, viewer.id, plan_id, NewGoal::parse(&goal)?).await?)
}

/// Changes a recalibrated goal: its wording, both scopes and the restore-by date.
#[server(prefix = "/api", endpoint = "plans/goal_edit")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, goal_id = goal_id)))]
pub async fn edit_goal(plan_id: i64, goal_id: i64, #[server(flatten)] goal: GoalForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(parts::edit_goal(&state, viewer.id, plan_id, goal_id, NewGoal::parse(&goal)?).await?)
}

/// Removes a task, milestone or goal (`item`: "task", "milestone", "goal") from the plan, once
/// `confirm` is ticked. The timeline keeps a line saying what was removed.
#[server(prefix = "/api", endpoint = "plans/remove")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id, item_id = item_id)))]
pub async fn remove_plan_item(plan_id: i64, item_id: i64, #[server(flatten)] removal: RemovalForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    let part = parts::RemovablePart::parse(&removal.item)?;
    confirm(parts::remove(&state, viewer.id, plan_id, part, item_id, crate::model::forms::ticked(&removal.confirm)).await?)
}

/// Records a one-on-one check-in (the manager).
#[server(prefix = "/api", endpoint = "plans/check_in")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id)))]
pub async fn record_check_in(plan_id: i64, #[server(flatten)] check_in: CheckInForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(check_ins::record(&state, viewer.id, plan_id, NewCheckIn::parse(check_in)?).await?)
}

/// The employee adds their own confidence rating and reflection, to an existing check-in or as
/// a new one before the meeting (`check_in_id` empty).
#[server(prefix = "/api", endpoint = "plans/self_assessment")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id)))]
pub async fn add_self_assessment(plan_id: i64, #[server(flatten)] assessment: SelfAssessmentForm) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(check_ins::assess_self(&state, viewer.id, plan_id, SelfAssessment::parse(&assessment)?).await?)
}

/// Adds a manager-private note. Its text never reaches the employee.
#[server(prefix = "/api", endpoint = "plans/private_note")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id)))]
pub async fn add_private_note(plan_id: i64, body: String) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(parts::add_private_note(&state, viewer.id, plan_id, PrivateNoteText::parse(&body)?).await?)
}

/// Flags (or unflags) that the plan needs more than a quick fix, which shows the support card.
#[server(prefix = "/api", endpoint = "plans/support_flag")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id)))]
pub async fn flag_support(plan_id: i64, flagged: bool) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(lifecycle::flag_support(&state, viewer.id, plan_id, flagged).await?)
}

/// The employee keeps (or stops keeping) their plan beyond the retention period after it closes.
#[server(prefix = "/api", endpoint = "plans/keep")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id)))]
pub async fn keep_plan(plan_id: i64, keep: bool) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    confirm(lifecycle::keep(&state, viewer.id, plan_id, keep).await?)
}

/// The caller's own active and closed plans, who can read them, and who has.
#[server(prefix = "/api", endpoint = "plans/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn load_my_plans() -> Result<MyPlans, AppError> {
    let (state, Person(viewer)) = caller().await?;
    view::own_plans(&state, &viewer).await
}

/// Everything Rebound holds about the caller that they may take with them.
#[server(prefix = "/api", endpoint = "my_data")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn export_my_data() -> Result<MyData, AppError> {
    let (state, Person(viewer)) = caller().await?;
    crate::server::people::own_data::collect(&state, viewer.id).await
}

/// Sends a browser's form post back to the section of the plan it changed, saying what was saved.
#[cfg(feature = "ssr")]
fn confirm(saved: Saved) -> Result<(), AppError> {
    confirm_form_post(&format!("/plans/{}", saved.plan_id), section_of(saved.change), &format!("Saved. {}.", saved.line));
    Ok(())
}

/// The heading id of the plan page's section that shows a change.
#[cfg(feature = "ssr")]
fn section_of(change: PlanChange) -> &'static str {
    match change {
        PlanChange::Created | PlanChange::Status | PlanChange::Keep => "content",
        PlanChange::Debrief => "debrief-heading",
        PlanChange::SmallWin | PlanChange::SmallWinDone => "win-heading",
        PlanChange::Task | PlanChange::TaskProgress => "tasks-heading",
        PlanChange::Milestone => "milestones-heading",
        PlanChange::Goal => "goals-heading",
        PlanChange::CheckIn | PlanChange::SelfAssessment => "checkins-heading",
        PlanChange::PrivateNote => "notes-heading",
        PlanChange::SupportFlag => "support-heading",
    }
}
