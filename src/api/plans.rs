//! Recovery plans: the manager builds and runs them, the employee works their own parts.
//! Every function authorises against the plan's current reporting line before anything else, and
//! every read and write is written to the audit log (the employee's access log).

use crate::model::{AppError, MyPlans, PlanCandidate, PlanView, TeamOverview};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::guard::{caller, confirm_form_post},
    crate::model::*,
    crate::server::AppState,
    crate::server::auth::caller::{Manager, Person},
    crate::server::db::{self, audit::AuditEvent, plans::EventAndDebrief},
    crate::server::error::missing,
    crate::server::plans::access::{Intent, PlanRole, authorise, not_found},
    chrono::NaiveDate,
};

/// What a person is told when a part named in the request is not on the plan.
#[cfg(feature = "ssr")]
const TASK_NOT_HERE: &str = "That task is not on this plan.";
#[cfg(feature = "ssr")]
const MILESTONE_NOT_HERE: &str = "That milestone is not on this plan.";
#[cfg(feature = "ssr")]
const GOAL_NOT_HERE: &str = "That goal is not on this plan.";
#[cfg(feature = "ssr")]
const CHECK_IN_NOT_HERE: &str = "That check-in is not on this plan.";

/// The caller's direct reports with their current plan.
#[server(prefix = "/api", endpoint = "team")]
pub async fn load_team() -> Result<TeamOverview, AppError> {
    let (state, Manager(viewer)) = caller().await?;
    let members = db::plans::team(&mut state.pool.acquire().await?, viewer.id).await?;
    Ok(TeamOverview { today: state.now().date_naive(), members })
}

/// The name of a direct report the caller may open a plan for.
#[server(prefix = "/api", endpoint = "plans/candidate")]
pub async fn load_plan_candidate(employee_id: i64) -> Result<PlanCandidate, AppError> {
    let (state, Person(viewer)) = caller().await?;
    let person = direct_report(&state, viewer.id, employee_id).await?;
    Ok(PlanCandidate { name: person.display_name, today: state.now().date_naive() })
}

/// Opens a draft plan for a direct report. Returns the new plan's id.
#[server(prefix = "/api", endpoint = "plans/create")]
#[allow(clippy::too_many_arguments)]
pub async fn create_plan(
    employee_id: i64,
    event_title: String,
    event_date: String,
    event_kind: String,
    event_visibility: String,
    what_happened: String,
    what_is_known: String,
    open_questions: String,
    drivers: Option<Vec<String>>,
    technical_fix: String,
    communication_change: String,
    small_win: Option<String>,
    task_kinds: Option<Vec<String>>,
    task_titles: Option<Vec<String>>,
    task_due: Option<Vec<String>>,
    task_colleagues: Option<Vec<String>>,
    task_hypotheses: Option<Vec<String>>,
    task_risks: Option<Vec<String>>,
    milestone_titles: Option<Vec<String>>,
    milestone_dates: Option<Vec<String>>,
) -> Result<i64, AppError> {
    let (state, Person(viewer)) = caller().await?;
    direct_report(&state, viewer.id, employee_id).await?;
    let today = state.now().date_naive();
    let fields = event_and_debrief(
        today,
        event_title,
        event_date,
        event_kind,
        event_visibility,
        what_happened,
        what_is_known,
        open_questions,
        drivers,
        technical_fix,
        communication_change,
    )?;
    let suggested = SuggestedRows {
        task_kinds: task_kinds.unwrap_or_default(),
        task_titles: task_titles.unwrap_or_default(),
        task_due: task_due.unwrap_or_default(),
        task_colleagues: task_colleagues.unwrap_or_default(),
        task_hypotheses: task_hypotheses.unwrap_or_default(),
        task_risks: task_risks.unwrap_or_default(),
        milestone_titles: milestone_titles.unwrap_or_default(),
        milestone_dates: milestone_dates.unwrap_or_default(),
    };
    let starter = StarterItems::parse(fields.event.date, today, small_win, suggested)?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    let plan_id = db::plans::insert_plan(&mut tx, now, employee_id, viewer.id, &fields).await?;
    db::plans::add_timeline_line(&mut tx, plan_id, now, Some(viewer.id), "Plan opened as a draft", false).await?;
    starter.save(&mut tx, now, plan_id).await?;
    audit_write(&mut tx, &state, viewer.id, plan_id, PlanChange::Created).await?;
    tx.commit().await?;
    confirm_saved(plan_id, PlanChange::Created, "Draft plan created: only you can see it until you activate it");
    Ok(plan_id)
}

/// A plan, as the caller may see it. Recorded in the access log. `history` "all" lists every
/// check-in and timeline entry; by default only the latest are listed in full.
#[server(prefix = "/api", endpoint = "plans/get")]
pub async fn get_plan(plan_id: i64, history: Option<String>) -> Result<PlanView, AppError> {
    let (state, Person(viewer)) = caller().await?;
    // The access check and the plan share one connection (see `db::plans::load_plan`).
    let mut conn = state.pool.acquire().await?;
    let (role, _) = authorise_on(&mut conn, viewer.id, plan_id, Intent::Read).await?;
    let history = History::parse(history.as_deref()).ok_or_else(|| AppError::invalid("History is either \"all\" or left out for the latest entries."))?;
    let viewpoint = if role == PlanRole::Manager { Viewpoint::Manager } else { Viewpoint::Employee };
    let mut plan = db::plans::load_plan(&mut conn, plan_id, viewpoint, state.now().date_naive(), history).await?.ok_or_else(not_found)?;
    drop(conn);
    let settings = state.settings.get(&state.pool).await?;
    if let (Some(closed), false) = (plan.closed_at, plan.keep_after_close) {
        plan.erase_on = Some((closed + chrono::Duration::days(settings.retention_days)).date_naive());
    }
    if viewpoint == Viewpoint::Manager {
        plan.language_notes = language_notes(&plan);
        if plan.needs_support() {
            plan.support = Some(settings.support.clone());
        }
    }
    state.plan_reads.record(state.now(), viewer.id, plan_id).await?;
    Ok(plan)
}

/// Saves the event and debrief.
#[server(prefix = "/api", endpoint = "plans/debrief")]
#[allow(clippy::too_many_arguments)]
pub async fn save_debrief(
    plan_id: i64,
    event_title: String,
    event_date: String,
    event_kind: String,
    event_visibility: String,
    what_happened: String,
    what_is_known: String,
    open_questions: String,
    drivers: Option<Vec<String>>,
    technical_fix: String,
    communication_change: String,
) -> Result<(), AppError> {
    let (state, viewer, _, _) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let today = state.now().date_naive();
    let fields = event_and_debrief(
        today,
        event_title,
        event_date,
        event_kind,
        event_visibility,
        what_happened,
        what_is_known,
        open_questions,
        drivers,
        technical_fix,
        communication_change,
    )?;
    write(&state, viewer.id, plan_id, PlanChange::Debrief, Line::Shared("Event and debrief updated"), async |tx| {
        db::plans::update_event_and_debrief(tx, state.now(), plan_id, &fields).await?;
        Ok(())
    })
    .await
}

/// Activates (shares with the employee), closes with an outcome, or reopens a plan.
#[server(prefix = "/api", endpoint = "plans/status")]
pub async fn change_plan_status(plan_id: i64, action: String, outcome: Option<String>, confirm: Option<String>) -> Result<(), AppError> {
    let (state, viewer, _, facts) = open_plan(plan_id, Intent::ChangeStatus).await?;
    if action == "close" && confirm.is_none() {
        return Err(AppError::at("confirm")("Tick the box to confirm you want to close the plan: a closed plan is read-only until reopened.".into()));
    }
    let (next, outcome, line) = match (action.as_str(), facts.status) {
        ("activate", PlanStatus::Draft) => (PlanStatus::Active, None, "Plan activated and shared with the employee".to_owned()),
        ("close", PlanStatus::Active | PlanStatus::Draft) => {
            let outcome = outcome.as_deref().and_then(Outcome::parse).ok_or_else(|| AppError::at("outcome")("Choose how the plan ended.".into()))?;
            (PlanStatus::Closed, Some(outcome), format!("Plan closed: {}", outcome.label()))
        }
        ("reopen", PlanStatus::Closed) => (PlanStatus::Active, None, "Plan reopened".to_owned()),
        ("activate" | "close" | "reopen", current) => {
            return Err(AppError::Conflict(format!("A {} plan cannot be {}d.", current.label().to_lowercase(), action.trim_end_matches('e'))));
        }
        _ => return Err(AppError::invalid("Unknown plan action.")),
    };
    write(&state, viewer.id, plan_id, PlanChange::Status, Line::Shared(&line), async |tx| Ok(db::plans::set_status(tx, state.now(), plan_id, next, outcome).await?)).await
}

/// Sets the plan's one small win (only when none is open).
#[server(prefix = "/api", endpoint = "plans/small_win")]
pub async fn add_small_win(plan_id: i64, title: String, due_date: String) -> Result<(), AppError> {
    let (state, viewer, _, facts) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let title = required_title("the small win", &title).map_err(AppError::at("title"))?;
    let today = state.now().date_naive();
    let due = match parse_optional_date("the due date", &due_date).map_err(AppError::at("due_date"))? {
        Some(due) => due,
        None => add_working_days(today, SMALL_WIN_DEFAULT_WORKING_DAYS),
    };
    check_plan_date("the due date", due, facts.event_date).map_err(AppError::at("due_date"))?;
    if due < today {
        return Err(AppError::at("due_date")("The small win cannot be due in the past.".into()));
    }
    let line = format!("Small win set: {title}");
    write(&state, viewer.id, plan_id, PlanChange::SmallWin, Line::Shared(&line), async |tx| {
        db::plans::insert_small_win(tx, state.now(), plan_id, &title, due).await.map(|_| ()).map_err(AppError::from)
    })
    .await
}

/// The employee marks their small win done and chooses how it is recognised.
#[server(prefix = "/api", endpoint = "plans/small_win_done")]
pub async fn complete_small_win(plan_id: i64, win_id: i64, recognition: String) -> Result<(), AppError> {
    let (state, viewer, role, _) = open_plan(plan_id, Intent::EmployeeWrite).await?;
    if role != PlanRole::Employee {
        return Err(AppError::Conflict("The employee marks their own small win done.".into()));
    }
    let recognition = Recognition::parse(&recognition).ok_or_else(|| AppError::invalid("Choose how you would like the win recognised."))?;
    let line = format!("Small win done (recognised {})", recognition.label().to_lowercase());
    write(&state, viewer.id, plan_id, PlanChange::SmallWinDone, Line::Shared(&line), async |tx| {
        db::plans::complete_small_win(tx, plan_id, win_id, recognition, state.now().date_naive()).await.map_err(missing("That small win is not open on this plan."))
    })
    .await
}

/// Adds a development-plan task.
#[server(prefix = "/api", endpoint = "plans/task")]
pub async fn add_task(plan_id: i64, kind: String, title: String, colleague: String, hypothesis: String, risk_level: String, due_date: String) -> Result<(), AppError> {
    let (state, viewer, _, facts) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let task = checked_task(&kind, &title, &colleague, &hypothesis, &risk_level, &due_date, facts.event_date)?;
    let line = format!("{} task added: {}", task.kind.label(), task.title);
    write(&state, viewer.id, plan_id, PlanChange::Task, Line::Shared(&line), async |tx| {
        db::plans::insert_task(tx, state.now(), plan_id, &task).await.map(|_| ()).map_err(AppError::from)
    })
    .await
}

/// Updates a task's status (and a micro-experiment's result). The employee or the manager.
#[server(prefix = "/api", endpoint = "plans/task_progress")]
pub async fn update_task(plan_id: i64, task_id: i64, status: String, result: Option<String>) -> Result<(), AppError> {
    let (state, viewer, _, _) = open_plan(plan_id, Intent::EmployeeWrite).await?;
    let status = TaskStatus::parse(&status).ok_or_else(|| AppError::invalid("Choose a status: to do, in progress, done or dropped."))?;
    let result = optional_text("the result", result.as_deref().unwrap_or_default()).map_err(AppError::at("result"))?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    let title = db::plans::update_task_progress(&mut tx, now, plan_id, task_id, status, &result).await.map_err(missing(TASK_NOT_HERE))?;
    let line = format!("Task \u{201c}{title}\u{201d} is now {}", status.label().to_lowercase());
    db::plans::add_timeline_line(&mut tx, plan_id, now, Some(viewer.id), &line, false).await?;
    audit_write(&mut tx, &state, viewer.id, plan_id, PlanChange::TaskProgress).await?;
    tx.commit().await?;
    confirm_saved(plan_id, PlanChange::TaskProgress, &line);
    Ok(())
}

/// Changes a task: its kind, title, kind-specific fields and due date, checked as a new task is.
/// Its status stays.
#[server(prefix = "/api", endpoint = "plans/task_edit")]
#[allow(clippy::too_many_arguments)]
pub async fn edit_task(
    plan_id: i64,
    task_id: i64,
    kind: String,
    title: String,
    colleague: String,
    hypothesis: String,
    risk_level: String,
    due_date: String,
) -> Result<(), AppError> {
    let (state, viewer, _, facts) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let task = checked_task(&kind, &title, &colleague, &hypothesis, &risk_level, &due_date, facts.event_date)?;
    let mut line = String::new();
    write_with(&state, viewer.id, plan_id, PlanChange::Task, async |tx| {
        let before = db::plans::update_task(tx, state.now(), plan_id, task_id, &task).await.map_err(missing(TASK_NOT_HERE))?;
        line = renamed("Task changed", &before, &task.title);
        Ok(Line::Shared(&line))
    })
    .await
}

/// Adds a milestone.
#[server(prefix = "/api", endpoint = "plans/milestone")]
pub async fn add_milestone(plan_id: i64, title: String, target_date: String) -> Result<(), AppError> {
    let (state, viewer, _, facts) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let title = required_title("the milestone", &title).map_err(AppError::at("title"))?;
    let target = parse_date("the target date", &target_date).map_err(AppError::at("target_date"))?;
    check_plan_date("the target date", target, facts.event_date).map_err(AppError::at("target_date"))?;
    let line = format!("Milestone added: {title}");
    write(&state, viewer.id, plan_id, PlanChange::Milestone, Line::Shared(&line), async |tx| {
        db::plans::insert_milestone(tx, state.now(), plan_id, &title, target).await.map(|_| ()).map_err(AppError::from)
    })
    .await
}

/// Records the day a milestone was reached ("" clears it).
#[server(prefix = "/api", endpoint = "plans/milestone_reached")]
pub async fn set_milestone_reached(plan_id: i64, milestone_id: i64, reached_on: String) -> Result<(), AppError> {
    let (state, viewer, _, facts) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let reached = parse_optional_date("the date reached", &reached_on).map_err(AppError::at("reached_on"))?;
    if let Some(reached) = reached {
        check_plan_date("the date reached", reached, facts.event_date).map_err(AppError::at("reached_on"))?;
        if reached > state.now().date_naive() {
            return Err(AppError::at("reached_on")("A milestone cannot be reached in the future.".into()));
        }
    }
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    let title = db::plans::set_milestone_reached(&mut tx, plan_id, milestone_id, reached).await.map_err(missing(MILESTONE_NOT_HERE))?;
    let line = match reached {
        Some(day) => format!("Milestone reached on {}: {title}", day.format(DAY_FORMAT)),
        None => format!("Milestone marked not reached: {title}"),
    };
    db::plans::add_timeline_line(&mut tx, plan_id, now, Some(viewer.id), &line, false).await?;
    audit_write(&mut tx, &state, viewer.id, plan_id, PlanChange::Milestone).await?;
    tx.commit().await?;
    confirm_saved(plan_id, PlanChange::Milestone, &line);
    Ok(())
}

/// Changes a milestone's title and target date.
#[server(prefix = "/api", endpoint = "plans/milestone_edit")]
pub async fn edit_milestone(plan_id: i64, milestone_id: i64, title: String, target_date: String) -> Result<(), AppError> {
    let (state, viewer, _, facts) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let title = required_title("the milestone", &title).map_err(AppError::at("title"))?;
    let target = parse_date("the target date", &target_date).map_err(AppError::at("target_date"))?;
    check_plan_date("the target date", target, facts.event_date).map_err(AppError::at("target_date"))?;
    let mut line = String::new();
    write_with(&state, viewer.id, plan_id, PlanChange::Milestone, async |tx| {
        let before = db::plans::update_milestone(tx, plan_id, milestone_id, &title, target).await.map_err(missing(MILESTONE_NOT_HERE))?;
        line = format!("{}, target {}", renamed("Milestone changed", &before, &title), target.format(DAY_FORMAT));
        Ok(Line::Shared(&line))
    })
    .await
}

/// Adds a temporary goal recalibration.
#[server(prefix = "/api", endpoint = "plans/goal")]
pub async fn add_goal(plan_id: i64, goal: String, usual_scope: String, temporary_scope: String, restore_by: String) -> Result<(), AppError> {
    let (state, viewer, _, facts) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let goal = checked_goal(&goal, &usual_scope, &temporary_scope, &restore_by, facts.event_date)?;
    if goal.restore_by < state.now().date_naive() {
        return Err(AppError::at("restore_by")("The restore-by date is in the past: choose the day the usual scope returns.".into()));
    }
    let line = format!("Goal temporarily recalibrated: {}", goal.goal);
    write(&state, viewer.id, plan_id, PlanChange::Goal, Line::Shared(&line), async |tx| {
        db::plans::insert_goal(tx, state.now(), plan_id, &goal).await.map(|_| ()).map_err(AppError::from)
    })
    .await
}

/// Changes a recalibrated goal: its wording, both scopes and the restore-by date.
#[server(prefix = "/api", endpoint = "plans/goal_edit")]
pub async fn edit_goal(plan_id: i64, goal_id: i64, goal: String, usual_scope: String, temporary_scope: String, restore_by: String) -> Result<(), AppError> {
    let (state, viewer, _, facts) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let goal = GoalRecalibration { id: goal_id, ..checked_goal(&goal, &usual_scope, &temporary_scope, &restore_by, facts.event_date)? };
    let mut line = String::new();
    write_with(&state, viewer.id, plan_id, PlanChange::Goal, async |tx| {
        let before = db::plans::update_goal(tx, plan_id, &goal).await.map_err(missing(GOAL_NOT_HERE))?;
        line = renamed("Recalibrated goal changed", &before, &goal.goal);
        Ok(Line::Shared(&line))
    })
    .await
}

/// Removes a task, milestone or goal (`item`: "task", "milestone", "goal") from the plan, once
/// `confirm` is ticked. The timeline keeps a line saying what was removed.
#[server(prefix = "/api", endpoint = "plans/remove")]
pub async fn remove_plan_item(plan_id: i64, item: String, item_id: i64, confirm: Option<String>) -> Result<(), AppError> {
    let (state, viewer, _, _) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let (change, noun) = match item.as_str() {
        "task" => (PlanChange::Task, "Task"),
        "milestone" => (PlanChange::Milestone, "Milestone"),
        "goal" => (PlanChange::Goal, "Recalibrated goal"),
        _ => return Err(AppError::invalid("Only a task, a milestone or a goal can be removed.")),
    };
    if confirm.is_none() {
        return Err(AppError::at("confirm")(format!("Tick the box to confirm: the {} is removed from the plan for good.", noun.to_lowercase())));
    }
    let mut line = String::new();
    write_with(&state, viewer.id, plan_id, change, async |tx| {
        let name = match change {
            PlanChange::Task => db::plans::delete_task(tx, plan_id, item_id).await.map_err(missing(TASK_NOT_HERE))?,
            PlanChange::Milestone => db::plans::delete_milestone(tx, plan_id, item_id).await.map_err(missing(MILESTONE_NOT_HERE))?,
            _ => db::plans::delete_goal(tx, plan_id, item_id).await.map_err(missing(GOAL_NOT_HERE))?,
        };
        line = format!("{noun} removed: {name}");
        Ok(Line::Shared(&line))
    })
    .await
}

/// Records a one-on-one check-in (the manager).
#[server(prefix = "/api", endpoint = "plans/check_in")]
#[allow(clippy::too_many_arguments)]
pub async fn record_check_in(
    plan_id: i64,
    held_on: String,
    observed_readiness: String,
    signs: Option<Vec<String>>,
    shared_summary: String,
    private_note: String,
    next_check_in: String,
) -> Result<(), AppError> {
    let (state, viewer, _, facts) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let held_on = parse_date("the check-in date", &held_on).map_err(AppError::at("held_on"))?;
    check_plan_date("the check-in date", held_on, facts.event_date).map_err(AppError::at("held_on"))?;
    if held_on > state.now().date_naive() {
        return Err(AppError::at("held_on")("Record a check-in once it has happened (its date cannot be in the future).".into()));
    }
    let next_check_in = parse_optional_date("the next check-in", &next_check_in).map_err(AppError::at("next_check_in"))?;
    if next_check_in.is_some_and(|next| next <= held_on) {
        return Err(AppError::at("next_check_in")("The next check-in must be after this one.".into()));
    }
    if let Some(next) = next_check_in {
        check_plan_date("the next check-in", next, facts.event_date).map_err(AppError::at("next_check_in"))?;
    }
    let signs = known_ids("warning sign", signs.unwrap_or_default(), |id| crate::playbook::sign(id).is_some())?;
    // The employee's own rating is theirs to give (before the meeting or after it): the
    // manager records what they observed.
    let mut check_in = CheckIn {
        id: 0,
        held_on,
        self_confidence: None,
        observed_readiness: parse_rating("the observed readiness", &observed_readiness).map_err(AppError::at("observed_readiness"))?,
        signs,
        shared_summary: optional_text("the shared summary", &shared_summary).map_err(AppError::at("shared_summary"))?,
        private_note: optional_text("the private note", &private_note).map_err(AppError::at("private_note"))?,
        next_check_in,
        employee_reflection: String::new(),
    };
    let line = format!("Check-in held on {}", held_on.format(DAY_FORMAT));
    write(&state, viewer.id, plan_id, PlanChange::CheckIn, Line::Shared(&line), async |tx| {
        if let Some((rating, reflection)) = db::plans::take_upcoming_self_assessment(tx, plan_id).await? {
            check_in.self_confidence = rating;
            check_in.employee_reflection = reflection;
        }
        db::plans::insert_check_in(tx, state.now(), plan_id, &check_in).await.map(|_| ()).map_err(AppError::from)
    })
    .await
}

/// The employee adds their own confidence rating and reflection, to an existing check-in or as
/// a new one before the meeting (`check_in_id` empty).
#[server(prefix = "/api", endpoint = "plans/self_assessment")]
pub async fn add_self_assessment(plan_id: i64, check_in_id: String, self_confidence: String, reflection: String) -> Result<(), AppError> {
    let (state, viewer, role, _) = open_plan(plan_id, Intent::EmployeeWrite).await?;
    if role != PlanRole::Employee {
        return Err(AppError::Conflict("Only the employee adds their own rating and reflection.".into()));
    }
    let rating = parse_rating("your confidence", &self_confidence).map_err(AppError::at("self_confidence"))?;
    let reflection = optional_text("your reflection", &reflection).map_err(AppError::at("reflection"))?;
    if rating.is_none() && reflection.is_empty() {
        return Err(AppError::invalid("Add a confidence rating, a reflection, or both."));
    }
    let now = state.now();
    // Given before the meeting, the rating waits for the check-in the manager records next;
    // it is not a check-in of its own and leaves the scheduled one alone.
    let line = if check_in_id.trim().is_empty() { "Employee gave their own rating for the next one-on-one" } else { "Employee added their own rating and reflection" };
    write(&state, viewer.id, plan_id, PlanChange::SelfAssessment, Line::Shared(line), async |tx| match check_in_id.trim() {
        "" => Ok(db::plans::set_upcoming_self_assessment(tx, now, plan_id, rating, &reflection).await?),
        id => {
            let id = id.parse::<i64>().map_err(|_| AppError::invalid(CHECK_IN_NOT_HERE))?;
            db::plans::set_self_assessment(tx, now, plan_id, id, rating, &reflection).await.map_err(missing(CHECK_IN_NOT_HERE))
        }
    })
    .await
}

/// Adds a manager-private note. Its text never reaches the employee.
#[server(prefix = "/api", endpoint = "plans/private_note")]
pub async fn add_private_note(plan_id: i64, body: String) -> Result<(), AppError> {
    let (state, viewer, _, _) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let body = optional_text("the note", &body).map_err(AppError::at("body"))?;
    if body.is_empty() {
        return Err(AppError::at("body")("Write the note first.".into()));
    }
    write(&state, viewer.id, plan_id, PlanChange::PrivateNote, Line::ManagerOnly("Private note added"), async |tx| {
        db::plans::insert_private_note(tx, state.now(), plan_id, &body).await?;
        Ok(())
    })
    .await
}

/// Flags (or unflags) that the plan needs more than a quick fix, which shows the support card.
#[server(prefix = "/api", endpoint = "plans/support_flag")]
pub async fn flag_support(plan_id: i64, flagged: bool) -> Result<(), AppError> {
    let (state, viewer, _, _) = open_plan(plan_id, Intent::ManagerWrite).await?;
    let line = if flagged { "Flagged as needing support beyond a quick fix" } else { "Support flag cleared" };
    // Manager-only: whether someone was pointed to professional support is theirs to share.
    write(&state, viewer.id, plan_id, PlanChange::SupportFlag, Line::ManagerOnly(line), async |tx| {
        db::plans::set_support_flag(tx, state.now(), plan_id, flagged).await.map_err(AppError::from)
    })
    .await
}

/// The employee keeps (or stops keeping) their plan beyond the retention period after it closes.
#[server(prefix = "/api", endpoint = "plans/keep")]
pub async fn keep_plan(plan_id: i64, keep: bool) -> Result<(), AppError> {
    let (state, viewer, role, _) = open_plan(plan_id, Intent::Read).await?;
    if role != PlanRole::Employee {
        return Err(AppError::Forbidden);
    }
    let line = if keep { "Employee chose to keep this plan after it closes" } else { "Employee chose not to keep this plan after it closes" };
    write(&state, viewer.id, plan_id, PlanChange::Keep, Line::Shared(line), async |tx| db::plans::set_keep(tx, state.now(), plan_id, keep).await.map_err(AppError::from)).await
}

/// How many of the latest access-log entries /my-plan lists; the whole log is in the person's
/// data download.
pub const ACCESS_LOG_ON_PAGE: i64 = 50;

/// The caller's own active and closed plans, who can read them, and who has.
#[server(prefix = "/api", endpoint = "plans/mine")]
pub async fn load_my_plans() -> Result<MyPlans, AppError> {
    let (state, Person(viewer)) = caller().await?;
    let plans = db::plans::own_plan_summaries(&mut state.pool.acquire().await?, viewer.id).await?;
    let me = db::users::summary(&mut state.pool.acquire().await?, viewer.id).await?.ok_or(AppError::Unauthenticated)?;
    let mut readers = vec![format!("{} (you)", viewer.display_name)];
    if let Some(manager) = me.manager_name {
        readers.push(format!("{manager} (your current manager)"));
    }
    let access_log = db::plans::access_log(&mut state.pool.acquire().await?, viewer.id, ACCESS_LOG_ON_PAGE).await?;
    Ok(MyPlans { plans, readers, access_log })
}

/// The small win, tasks and milestones a template suggested, as edited before saving.
#[cfg(feature = "ssr")]
struct StarterItems {
    small_win: Option<(String, NaiveDate)>,
    tasks: Vec<PlanTask>,
    milestones: Vec<(String, NaiveDate)>,
}

/// The suggested rows of the new-plan form as sent: one entry per row in each list.
#[cfg(feature = "ssr")]
struct SuggestedRows {
    task_kinds: Vec<String>,
    task_titles: Vec<String>,
    task_due: Vec<String>,
    task_colleagues: Vec<String>,
    task_hypotheses: Vec<String>,
    task_risks: Vec<String>,
    milestone_titles: Vec<String>,
    milestone_dates: Vec<String>,
}

#[cfg(feature = "ssr")]
impl StarterItems {
    /// Checks the suggested items; rows whose title was cleared are left out. A suggested task is
    /// checked as the task form checks one ([`PlanTask::checked`]).
    fn parse(event_date: NaiveDate, today: NaiveDate, small_win: Option<String>, rows: SuggestedRows) -> Result<Self, AppError> {
        let small_win = match small_win.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(title) => Some((required_title("the small win", title).map_err(AppError::at("small_win"))?, add_working_days(today, SMALL_WIN_DEFAULT_WORKING_DAYS))),
        };
        let count = rows.task_titles.len();
        let field = |values: &[String], index: usize| values.get(index).map(String::as_str).unwrap_or_default().to_owned();
        if rows.task_kinds.len() != count || rows.task_due.len() != count {
            return Err(AppError::invalid("Each suggested task needs a kind, a title and a due date field."));
        }
        let mut tasks = Vec::new();
        for index in 0..count {
            let title = &rows.task_titles[index];
            if title.trim().is_empty() {
                continue;
            }
            let kind = TaskKind::parse(&rows.task_kinds[index]).ok_or_else(|| AppError::invalid("Choose the kind of each suggested task."))?;
            let due_date = parse_optional_date("a task's due date", &rows.task_due[index]).map_err(AppError::Invalid)?;
            if let Some(due) = due_date {
                check_plan_date("a task's due date", due, event_date).map_err(AppError::Invalid)?;
            }
            let task = PlanTask::checked(kind, title, &field(&rows.task_colleagues, index), &field(&rows.task_hypotheses, index), &field(&rows.task_risks, index), due_date)
                // The template rows repeat field names, so the message names the row instead.
                .map_err(|error| AppError::Invalid(error.to_string()))?;
            tasks.push(task);
        }
        let (titles, dates) = (rows.milestone_titles, rows.milestone_dates);
        if titles.len() != dates.len() {
            return Err(AppError::invalid("Each suggested milestone needs a title and a date field."));
        }
        let mut milestones = Vec::new();
        for (title, date) in titles.iter().zip(&dates) {
            if title.trim().is_empty() {
                continue;
            }
            let target = parse_date("a milestone's target date", date).map_err(AppError::Invalid)?;
            check_plan_date("a milestone's target date", target, event_date).map_err(AppError::Invalid)?;
            milestones.push((required_title("the milestone", title).map_err(AppError::Invalid)?, target));
        }
        Ok(Self { small_win, tasks, milestones })
    }

    async fn save(&self, conn: &mut db::Conn, now: chrono::DateTime<chrono::Utc>, plan_id: i64) -> Result<(), AppError> {
        if let Some((title, due)) = &self.small_win {
            db::plans::insert_small_win(conn, now, plan_id, title, *due).await?;
        }
        db::plans::insert_tasks(conn, now, plan_id, &self.tasks).await?;
        for (title, target) in &self.milestones {
            db::plans::insert_milestone(conn, now, plan_id, title, *target).await?;
        }
        Ok(())
    }
}

/// Judging words in the plan's debrief and shared check-in summaries, with suggestions.
#[cfg(feature = "ssr")]
fn language_notes(plan: &PlanView) -> Vec<LanguageNote> {
    let debrief = [
        ("What happened", &plan.debrief.what_happened),
        ("What is known", &plan.debrief.what_is_known),
        ("Open questions", &plan.debrief.open_questions),
        ("Technical fix", &plan.debrief.technical_fix),
        ("Communication change", &plan.debrief.communication_change),
    ]
    .into_iter()
    .map(|(field, text)| (field.to_owned(), text.as_str()));
    let summaries = plan.check_ins.iter().map(|c| (format!("Check-in of {} summary", c.held_on), c.shared_summary.as_str()));
    debrief
        .chain(summaries)
        .flat_map(|(field, text)| {
            crate::playbook::language::check(text).into_iter().map(move |finding| LanguageNote {
                field: field.clone(),
                phrase: finding.phrase,
                suggestion: finding.suggestion.to_owned(),
            })
        })
        .collect()
}

#[cfg(feature = "ssr")]
async fn open_plan(plan_id: i64, intent: Intent) -> Result<(AppState, crate::model::Viewer, PlanRole, db::plans::AccessFacts), AppError> {
    let (state, Person(viewer)) = caller().await?;
    let (role, facts) = authorise_on(&mut state.pool.acquire().await?, viewer.id, plan_id, intent).await?;
    Ok((state, viewer, role, facts))
}

/// The viewer's role on the plan for `intent`, read on `conn`; refused or not found otherwise.
#[cfg(feature = "ssr")]
async fn authorise_on(conn: &mut db::Conn, viewer_id: i64, plan_id: i64, intent: Intent) -> Result<(PlanRole, db::plans::AccessFacts), AppError> {
    let facts = db::plans::access_facts(conn, plan_id).await?.ok_or_else(not_found)?;
    Ok((authorise(viewer_id, &facts, intent)?, facts))
}

#[cfg(feature = "ssr")]
async fn direct_report(state: &AppState, manager_id: i64, employee_id: i64) -> Result<crate::model::PersonSummary, AppError> {
    match db::users::summary(&mut state.pool.acquire().await?, employee_id).await? {
        Some(person) if person.manager_id == Some(manager_id) && person.is_active => Ok(person),
        _ => Err(AppError::NotFound("You can only open plans for your current direct reports.".into())),
    }
}

/// A line for the plan's timeline, and who may see it.
#[cfg(feature = "ssr")]
enum Line<'a> {
    /// Both the manager and the employee see it.
    Shared(&'a str),
    /// Only the manager sees it (about private notes or support decisions).
    ManagerOnly(&'a str),
}

/// Runs one write in a transaction with its timeline line and access-log entry.
#[cfg(feature = "ssr")]
async fn write(
    state: &AppState,
    actor_id: i64,
    plan_id: i64,
    what: PlanChange,
    timeline: Line<'_>,
    change: impl AsyncFnOnce(&mut db::Conn) -> Result<(), AppError>,
) -> Result<(), AppError> {
    write_with(state, actor_id, plan_id, what, async |tx| {
        change(tx).await?;
        Ok(timeline)
    })
    .await
}

/// Like [`write`], for a change whose timeline line depends on what the change found (the name an
/// item had before it was edited or removed).
#[cfg(feature = "ssr")]
async fn write_with<'line>(
    state: &AppState,
    actor_id: i64,
    plan_id: i64,
    what: PlanChange,
    change: impl AsyncFnOnce(&mut db::Conn) -> Result<Line<'line>, AppError>,
) -> Result<(), AppError> {
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    let timeline = change(&mut tx).await?;
    let (line, manager_only) = match timeline {
        Line::Shared(line) => (line, false),
        Line::ManagerOnly(line) => (line, true),
    };
    db::plans::add_timeline_line(&mut tx, plan_id, now, Some(actor_id), line, manager_only).await?;
    audit_write(&mut tx, state, actor_id, plan_id, what).await?;
    tx.commit().await?;
    confirm_saved(plan_id, what, line);
    Ok(())
}

/// "Task changed: new title", naming the old title too when it changed.
#[cfg(feature = "ssr")]
fn renamed(what: &str, before: &str, after: &str) -> String {
    if before == after { format!("{what}: {after}") } else { format!("{what}: \u{201c}{before}\u{201d} is now \u{201c}{after}\u{201d}") }
}

/// A task as the task forms send it, checked ([`PlanTask::checked`], and its due date against
/// the plan's event).
#[cfg(feature = "ssr")]
fn checked_task(kind: &str, title: &str, colleague: &str, hypothesis: &str, risk_level: &str, due_date: &str, event_date: NaiveDate) -> Result<PlanTask, AppError> {
    let kind = TaskKind::parse(kind).ok_or_else(|| AppError::at("kind")("Choose the kind of task.".into()))?;
    let due_date = parse_optional_date("the due date", due_date).map_err(AppError::at("due_date"))?;
    if let Some(due) = due_date {
        check_plan_date("the due date", due, event_date).map_err(AppError::at("due_date"))?;
    }
    PlanTask::checked(kind, title, colleague, hypothesis, risk_level, due_date)
}

/// A recalibrated goal as the goal forms send it, checked.
#[cfg(feature = "ssr")]
fn checked_goal(goal: &str, usual_scope: &str, temporary_scope: &str, restore_by: &str, event_date: NaiveDate) -> Result<GoalRecalibration, AppError> {
    let goal = GoalRecalibration {
        id: 0,
        goal: required_title("the goal", goal).map_err(AppError::at("goal"))?,
        usual_scope: required_title("the usual scope", usual_scope).map_err(AppError::at("usual_scope"))?,
        temporary_scope: required_title("the temporary scope", temporary_scope).map_err(AppError::at("temporary_scope"))?,
        restore_by: parse_date("the restore-by date", restore_by).map_err(AppError::at("restore_by"))?,
    };
    check_plan_date("the restore-by date", goal.restore_by, event_date).map_err(AppError::at("restore_by"))?;
    Ok(goal)
}

/// Sends a browser's form post back to the section of the plan it changed, saying what was saved.
#[cfg(feature = "ssr")]
fn confirm_saved(plan_id: i64, what: PlanChange, line: &str) {
    confirm_form_post(&format!("/plans/{plan_id}"), section_of(what), &format!("Saved. {line}."));
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

#[cfg(feature = "ssr")]
async fn audit_write(conn: &mut db::Conn, state: &AppState, actor_id: i64, plan_id: i64, what: PlanChange) -> Result<(), AppError> {
    let mut event = AuditEvent::new(Some(actor_id), "plan_write").detail(what.as_str());
    event.target_kind = Some("plan");
    event.target_id = Some(plan_id);
    db::audit::record(conn, state.now(), event).await?;
    db::settings::bump_data_version(conn).await?;
    Ok(())
}

#[cfg(feature = "ssr")]
fn known_ids(what: &str, ids: Vec<String>, exists: impl Fn(&str) -> bool) -> Result<Vec<String>, AppError> {
    let mut unique: Vec<String> = Vec::new();
    for id in ids.into_iter().map(|id| id.trim().to_owned()).filter(|id| !id.is_empty()) {
        if !exists(&id) {
            return Err(AppError::Invalid(format!("Unknown {what}: {}.", id.chars().take(40).collect::<String>())));
        }
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    Ok(unique)
}

#[cfg(feature = "ssr")]
#[allow(clippy::too_many_arguments)]
fn event_and_debrief(
    today: NaiveDate,
    event_title: String,
    event_date: String,
    event_kind: String,
    event_visibility: String,
    what_happened: String,
    what_is_known: String,
    open_questions: String,
    drivers: Option<Vec<String>>,
    technical_fix: String,
    communication_change: String,
) -> Result<EventAndDebrief, AppError> {
    let date = parse_date("the event date", &event_date).map_err(AppError::at("event_date"))?;
    check_event_date(date, today).map_err(AppError::at("event_date"))?;
    let kind = event_kind.trim().to_owned();
    if kind != "other" && crate::playbook::pressure_point(&kind).is_none() {
        return Err(AppError::at("event_kind")("Choose what kind of event it was.".into()));
    }
    let visibility = Visibility::parse(&event_visibility).ok_or_else(|| AppError::at("event_visibility")("Say whether it happened in public or in private.".into()))?;
    Ok(EventAndDebrief {
        event: PlanEvent { title: required_title("a short title for the event", &event_title).map_err(AppError::at("event_title"))?, date, kind, visibility },
        debrief: Debrief {
            what_happened: optional_text("what happened", &what_happened).map_err(AppError::at("what_happened"))?,
            what_is_known: optional_text("what is known", &what_is_known).map_err(AppError::at("what_is_known"))?,
            open_questions: optional_text("the open questions", &open_questions).map_err(AppError::at("open_questions"))?,
            drivers: known_ids("driver", drivers.unwrap_or_default(), |id| crate::playbook::driver(id).is_some())?,
            technical_fix: optional_text("the technical fix", &technical_fix).map_err(AppError::at("technical_fix"))?,
            communication_change: optional_text("the communication change", &communication_change).map_err(AppError::at("communication_change"))?,
        },
    })
}

/// Everything Rebound holds about the caller that they may take with them.
#[server(prefix = "/api", endpoint = "my_data")]
pub async fn export_my_data() -> Result<crate::model::MyData, AppError> {
    let (state, Person(viewer)) = caller().await?;
    crate::server::people::own_data::collect(&state, viewer.id).await
}
