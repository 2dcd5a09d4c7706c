//! `/plans/{id}` (view and work a plan) and `/plans/new` (open one). The same page serves the
//! manager (everything) and the employee (shared parts, their own forms); the server decides
//! which parts exist in the data at all.

pub mod fields;
pub mod new;

use crate::api::plans::*;
use crate::components::chart::ProgressChart;
use crate::components::feedback::{ActionError, ErrorNotice, SavedNotice, kept, kept_choice, refused};
use crate::components::hints::{Hints, SignSuggestions};
use crate::components::text_area::text_area_content;
use crate::components::wording::WordingCheckedText;
use crate::model::*;
use crate::playbook::PlanPart;
use fields::EventAndDebriefFields;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::sync::Arc;

/// Every action the plan page can take; any of them finishing reloads the plan.
#[derive(Clone, Copy)]
struct PlanActions {
    debrief: ServerAction<SaveDebrief>,
    status: ServerAction<ChangePlanStatus>,
    small_win: ServerAction<AddSmallWin>,
    win_done: ServerAction<CompleteSmallWin>,
    task: ServerAction<AddTask>,
    task_progress: ServerAction<UpdateTask>,
    milestone: ServerAction<AddMilestone>,
    milestone_reached: ServerAction<SetMilestoneReached>,
    goal: ServerAction<AddGoal>,
    check_in: ServerAction<RecordCheckIn>,
    self_assessment: ServerAction<AddSelfAssessment>,
    note: ServerAction<AddPrivateNote>,
    support: ServerAction<FlagSupport>,
    keep: ServerAction<KeepPlan>,
}

impl PlanActions {
    fn new() -> Self {
        Self {
            debrief: ServerAction::new(),
            status: ServerAction::new(),
            small_win: ServerAction::new(),
            win_done: ServerAction::new(),
            task: ServerAction::new(),
            task_progress: ServerAction::new(),
            milestone: ServerAction::new(),
            milestone_reached: ServerAction::new(),
            goal: ServerAction::new(),
            check_in: ServerAction::new(),
            self_assessment: ServerAction::new(),
            note: ServerAction::new(),
            support: ServerAction::new(),
            keep: ServerAction::new(),
        }
    }
}

/// The plan page.
#[component]
pub fn PlanPage() -> impl IntoView {
    // "all" lists the whole history; the server refuses any other word with a message.
    let history = use_query_map().with_untracked(|query| query.get("history"));
    let params = use_params_map();
    let plan_id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or(0);
    let actions = PlanActions::new();
    let plan = Resource::new(plan_id, move |id| get_plan(id, history.clone()));
    view! {
        <Title text="Recovery plan" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match plan.await {
                    Err(error) => view! { <h1>"Recovery plan"</h1><ErrorNotice error /> }.into_any(),
                    Ok(plan) => view! { <Plan plan actions /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Plan(plan: PlanView, actions: PlanActions) -> impl IntoView {
    // Each section gets the same plan; sharing it saves a deep copy of every check-in, task and
    // timeline entry per section.
    let plan = Arc::new(plan);
    let manager = plan.viewpoint == Viewpoint::Manager;
    let closed = plan.status == PlanStatus::Closed;
    let can_manage = manager && !closed;
    let can_work = !closed && (manager || plan.status == PlanStatus::Active);
    let heading = if manager { format!("{}: {}", plan.employee_name, plan.event.title) } else { format!("My plan: {}", plan.event.title) };
    view! {
        <h1>{heading}</h1>
        <p class="lead">
            <span class=format!("badge {}", plan.status.as_str())>{plan.status.label()}</span>
            {plan.outcome.map(|outcome| format!(" · {}", outcome.label()))}
            {format!(" · readable only by {} and {}", plan.employee_name, plan.manager_name.clone().unwrap_or_else(|| "their manager".into()))}
        </p>
        {(manager && plan.status == PlanStatus::Draft).then(|| view! {
            <p class="notice" role="status">"This is a draft: only you can see it. Activate it to share it with " {plan.employee_name.clone()} "."</p>
        })}
        {closed.then(|| view! { <p class="notice" role="status">"This plan is closed and read-only."</p> })}
        <Retention plan=plan.clone() action=actions.keep />
        {(manager && plan.status != PlanStatus::Active).then(|| view! { <Lifecycle plan=plan.clone() action=actions.status /> })}
        {manager.then(|| view! { <Support plan=plan.clone() can_manage action=actions.support /> })}

        <section class="card" aria-labelledby="progress-heading">
            <h2 id="progress-heading">"Progress over time"</h2>
            <ProgressChart ratings=plan.ratings.clone() small_wins=plan.small_wins.clone() milestones=plan.milestones.clone() />
        </section>

        <Debrief plan=plan.clone() editable=can_manage action=actions.debrief />
        <SmallWins plan=plan.clone() can_manage actions />
        <Tasks plan=plan.clone() can_manage can_work actions />
        <Milestones plan=plan.clone() can_manage actions />
        <Goals plan=plan.clone() can_manage action=actions.goal />
        <CheckIns plan=plan.clone() can_manage actions />
        {manager.then(|| view! { <PrivateNotes plan=plan.clone() can_manage action=actions.note /> })}
        <Timeline plan_id=plan.id entries=plan.timeline.clone() total=plan.timeline_total />
        {(manager && !closed).then(|| view! { <ClosePlan plan=plan.clone() action=actions.status /> })}
    }
}

#[component]
fn Lifecycle(plan: Arc<PlanView>, action: ServerAction<ChangePlanStatus>) -> impl IntoView {
    let id = plan.id;
    let employee_name = plan.employee_name.clone();
    view! {
        <section class="card lifecycle" aria-label="Plan status">
            <ActionError result=action.value() />
            {match plan.status {
                PlanStatus::Draft => view! {
                    <ActionForm action=action attr:class="inline">
                        <input type="hidden" name="plan_id" value=id.to_string() />
                        <input type="hidden" name="action" value="activate" />
                        <button type="submit" class="primary">"Activate and share with " {employee_name}</button>
                    </ActionForm>
                }.into_any(),
                PlanStatus::Closed => view! {
                    <ActionForm action=action attr:class="inline">
                        <input type="hidden" name="plan_id" value=id.to_string() />
                        <input type="hidden" name="action" value="reopen" />
                        <button type="submit">"Reopen plan"</button>
                    </ActionForm>
                }.into_any(),
                PlanStatus::Active => ().into_any(),
            }}
        </section>
    }
}

/// Closing the plan: the last section of the page, behind a confirmation, with no outcome
/// preselected.
#[component]
fn ClosePlan(plan: Arc<PlanView>, action: ServerAction<ChangePlanStatus>) -> impl IntoView {
    let id = plan.id;
    view! {
        <section class="card" aria-labelledby="close-heading">
            <h2 id="close-heading">"Close the plan"</h2>
            <p class="hint">"When the plan has done its work, or is no longer the right help. It can be reopened later."</p>
            <ActionError result=action.value() />
            {view! {
                <details class="danger-zone">
                    <summary>"Close this plan…"</summary>
                    <ActionForm action=action attr:class="stack">
                        <input type="hidden" name="plan_id" value=id.to_string() />
                        <input type="hidden" name="action" value="close" />
                        <fieldset class="inline-choices">
                            <legend>"How did it end?"</legend>
                            {Outcome::ALL.iter().map(|outcome| view! {
                                <label class="check"><input type="radio" name="outcome" value=outcome.as_str() required />" " {outcome.label()}</label>
                            }).collect_view()}
                        </fieldset>
                        <label class="check"><input type="checkbox" name="confirm" value="on" required />" Close it: the plan becomes read-only until it is reopened"</label>
                        <button type="submit" class="danger">"Close plan"</button>
                    </ActionForm>
                </details>
            }}
        </section>
    }
}

#[component]
fn Debrief(plan: Arc<PlanView>, editable: bool, action: ServerAction<SaveDebrief>) -> impl IntoView {
    let kind = crate::playbook::pressure_point(&plan.event.kind).map(|point| point.title).unwrap_or("Something else");
    let drivers: Vec<&str> = plan.debrief.drivers.iter().filter_map(|id| crate::playbook::driver(id).map(|driver| driver.title)).collect();
    let text_or_dash = |text: &str| if text.is_empty() { "—".to_owned() } else { text.to_owned() };
    view! {
        <section class="card" aria-labelledby="debrief-heading">
            <h2 id="debrief-heading">"The event and the debrief"</h2>
            <SavedNotice anchor="debrief-heading" />
            <dl class="facts">
                <dt>"Event"</dt><dd>{format!("{} on {} ({}, {})", plan.event.title, plan.event.date, kind, plan.event.visibility.label().to_lowercase())}</dd>
                <dt>"What happened"</dt><dd class="prose">{text_or_dash(&plan.debrief.what_happened)}</dd>
                <dt>"What is known"</dt><dd class="prose">{text_or_dash(&plan.debrief.what_is_known)}</dd>
                <dt>"Open questions"</dt><dd class="prose">{text_or_dash(&plan.debrief.open_questions)}</dd>
                <dt>"Drivers"</dt><dd>{if drivers.is_empty() { "—".to_owned() } else { drivers.join(", ") }}</dd>
                <dt>"One technical fix"</dt><dd>{text_or_dash(&plan.debrief.technical_fix)}</dd>
                <dt>"One communication change"</dt><dd>{text_or_dash(&plan.debrief.communication_change)}</dd>
            </dl>
            {(plan.viewpoint == Viewpoint::Manager).then(|| {
                let notes: Vec<LanguageNote> = plan.language_notes.iter().filter(|note| !note.field.starts_with("Check-in")).cloned().collect();
                view! { <LanguageNotes notes /><Hints part=PlanPart::Debrief /> }
            })}
            {editable.then(|| {
                let today = plan.today;
                view! {
                    <details open=refused(action.value())>
                        <summary>"Edit the event and debrief"</summary>
                        <ActionError result=action.value() />
                        <ActionForm action=action attr:class="stack">
                            <input type="hidden" name="plan_id" value=plan.id.to_string() />
                            <EventAndDebriefFields event=Some(plan.event.clone()) debrief=Some(plan.debrief.clone()) today=today.to_string() action="/api/plans/debrief" />
                            <button type="submit">"Save debrief"</button>
                        </ActionForm>
                    </details>
                }
            })}
        </section>
    }
}

#[component]
fn SmallWins(plan: Arc<PlanView>, can_manage: bool, actions: PlanActions) -> impl IntoView {
    let employee_can_finish = plan.viewpoint == Viewpoint::Employee && plan.status == PlanStatus::Active;
    let open = plan.open_small_win().cloned();
    let today = plan.today;
    let default_due = add_working_days(today, SMALL_WIN_DEFAULT_WORKING_DAYS).to_string();
    let plan_id = plan.id;
    view! {
        <section class="card" aria-labelledby="win-heading">
            <h2 id="win-heading">"One small, visible win"</h2>
            <SavedNotice anchor="win-heading" />
            {(plan.viewpoint == Viewpoint::Manager).then(|| view! { <Hints part=PlanPart::SmallWin /> })}
            {if plan.small_wins.is_empty() { Some(view! { <p class="muted">"No small win set yet."</p> }) } else { None }}
            <ul class="plain">
                {plan.small_wins.clone().into_iter().map(move |win| {
                    let late_plan = working_days_between(win.created_on, win.due_date) > SMALL_WIN_WARN_WORKING_DAYS;
                    let overdue = win.done_on.is_none() && win.due_date < today;
                    view! {
                        <li>
                            <strong>{win.title.clone()}</strong>
                            {match (win.done_on, win.recognition) {
                                (Some(done), Some(recognition)) => format!(" · done {done}, recognised {}", recognition.label().to_lowercase()),
                                (Some(done), None) => format!(" · done {done}"),
                                _ => format!(" · due {}", win.due_date),
                            }}
                            {overdue.then(|| view! { <span class="badge overdue">"overdue"</span> })}
                            {(late_plan && win.done_on.is_none()).then(|| view! {
                                <p class="notice warning">"This win is due more than ten working days after it was set. A small win works best within days."</p>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {match (open, employee_can_finish) {
                (Some(win), true) => Some(view! {
                    <ActionError result=actions.win_done.value() />
                    <ActionForm action=actions.win_done attr:class="stack">
                        <input type="hidden" name="plan_id" value=plan_id.to_string() />
                        <input type="hidden" name="win_id" value=win.id.to_string() />
                        <fieldset>
                            <legend>"Done? Choose how you would like it recognised"</legend>
                            {Recognition::ALL.iter().map(|recognition| view! {
                                <label class="check"><input type="radio" name="recognition" value=recognition.as_str() required />" " {recognition.label()}</label>
                            }).collect_view()}
                        </fieldset>
                        <button type="submit" class="primary">"Mark my small win done"</button>
                    </ActionForm>
                }.into_any()),
                (None, _) if can_manage => Some(view! {
                    <ActionError result=actions.small_win.value() />
                    <ActionForm action=actions.small_win attr:class="stack">
                        <input type="hidden" name="plan_id" value=plan_id.to_string() />
                        <label for="win-title">"A visible task they can own and finish within days"</label>
                        <input id="win-title" name="title" type="text" required maxlength="120" value=kept("/api/plans/small_win", "title") />
                        <label for="win-due">"Due (defaults to five working days from today)"</label>
                        <input id="win-due" name="due_date" type="date" value=kept("/api/plans/small_win", "due_date").unwrap_or(default_due) />
                        <button type="submit">"Set small win"</button>
                    </ActionForm>
                }.into_any()),
                _ => None,
            }}
        </section>
    }
}

#[component]
fn Tasks(plan: Arc<PlanView>, can_manage: bool, can_work: bool, actions: PlanActions) -> impl IntoView {
    let today = plan.today;
    let plan_id = plan.id;
    view! {
        <section class="card" aria-labelledby="tasks-heading">
            <h2 id="tasks-heading">"Development plan"</h2>
            <SavedNotice anchor="tasks-heading" />
            {(plan.viewpoint == Viewpoint::Manager).then(|| view! { <Hints part=PlanPart::DevelopmentPlan /><Hints part=PlanPart::PairedWork /> })}
            {if plan.tasks.is_empty() { Some(view! { <p class="muted">"No tasks yet."</p> }) } else { None }}
            <ActionError result=actions.task_progress.value() />
            <ul class="plain tasks">
                {plan.tasks.clone().into_iter().map(move |task| {
                    let details = match task.kind {
                        TaskKind::PairedWork => format!("with {}", task.colleague),
                        TaskKind::MicroExperiment => format!("hypothesis: {}; risk {}", task.hypothesis, task.risk_level.map(|r| r.label().to_lowercase()).unwrap_or_default()),
                        _ => String::new(),
                    };
                    let overdue = task.due_date.is_some_and(|due| due < today) && matches!(task.status, TaskStatus::Todo | TaskStatus::InProgress);
                    view! {
                        <li>
                            <p>
                                <span class="badge kind">{task.kind.label()}</span> " "
                                <strong>{task.title.clone()}</strong>
                                {(!details.is_empty()).then(|| format!(" · {details}"))}
                                {task.due_date.map(|due| format!(" · due {due}"))}
                                " · " <span class=format!("status {}", task.status.as_str())>{task.status.label()}</span>
                                {overdue.then(|| view! { <span class="badge overdue">"overdue"</span> })}
                            </p>
                            {(!task.result.is_empty()).then(|| view! { <p class="muted">"Result: " {task.result.clone()}</p> })}
                            {can_work.then(|| view! {
                                <ActionForm action=actions.task_progress attr:class="inline">
                                    <input type="hidden" name="plan_id" value=plan_id.to_string() />
                                    <input type="hidden" name="task_id" value=task.id.to_string() />
                                    <label for=format!("task-status-{}", task.id)>{format!("Status of \u{201c}{}\u{201d}", task.title)}</label>
                                    <select id=format!("task-status-{}", task.id) name="status">
                                        {TaskStatus::ALL.iter().map(|status| view! {
                                            <option value=status.as_str() selected=*status == task.status>{status.label()}</option>
                                        }).collect_view()}
                                    </select>
                                    {(task.kind == TaskKind::MicroExperiment).then(|| view! {
                                        <input name="result" type="text" placeholder="What did you find?" aria-label="Result" value=task.result.clone() />
                                    })}
                                    <button type="submit">"Update"</button>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_manage.then(|| view! {
                <details open=refused(actions.task.value())>
                    <summary>"Add a task"</summary>
                    <ActionError result=actions.task.value() />
                    <ActionForm action=actions.task attr:class="stack">
                        <input type="hidden" name="plan_id" value=plan_id.to_string() />
                        <label for="task-kind">"Kind"</label>
                        <select id="task-kind" name="kind">
                            {TaskKind::ALL.iter().map(|kind| view! { <option value=kind.as_str() selected=kept("/api/plans/task", "kind").as_deref() == Some(kind.as_str())>{kind.label()}</option> }).collect_view()}
                        </select>
                        <label for="task-title">"Task"</label>
                        <input id="task-title" name="title" type="text" required maxlength="120" value=kept("/api/plans/task", "title") />
                        <label for="task-colleague">"Colleague (for paired work)"</label>
                        <input id="task-colleague" name="colleague" type="text" maxlength="120" value=kept("/api/plans/task", "colleague") />
                        <label for="task-hypothesis">"Hypothesis (for a micro-experiment)"</label>
                        <input id="task-hypothesis" name="hypothesis" type="text" value=kept("/api/plans/task", "hypothesis") />
                        <label for="task-risk">"Risk level (for a micro-experiment)"</label>
                        <select id="task-risk" name="risk_level">
                            <option value="">"—"</option>
                            {RiskLevel::ALL.iter().map(|risk| view! { <option value=risk.as_str() selected=kept("/api/plans/task", "risk_level").as_deref() == Some(risk.as_str())>{risk.label()}</option> }).collect_view()}
                        </select>
                        <label for="task-due">"Due date"</label>
                        <input id="task-due" name="due_date" type="date" value=kept("/api/plans/task", "due_date") />
                        <button type="submit">"Add task"</button>
                    </ActionForm>
                </details>
            })}
        </section>
    }
}

#[component]
fn Milestones(plan: Arc<PlanView>, can_manage: bool, actions: PlanActions) -> impl IntoView {
    let plan_id = plan.id;
    let today = plan.today;
    view! {
        <section class="card" aria-labelledby="milestones-heading">
            <h2 id="milestones-heading">"Milestones"</h2>
            <SavedNotice anchor="milestones-heading" />
            {(plan.viewpoint == Viewpoint::Manager).then(|| view! { <Hints part=PlanPart::Milestones /> })}
            {if plan.milestones.is_empty() { Some(view! { <p class="muted">"No milestones yet."</p> }) } else { None }}
            <ActionError result=actions.milestone_reached.value() />
            <ul class="plain">
                {plan.milestones.clone().into_iter().map(move |milestone| view! {
                    <li>
                        <strong>{milestone.title.clone()}</strong>
                        {format!(" · target {}", milestone.target_date)}
                        {match milestone.reached_on {
                            Some(day) => format!(" · reached {day}"),
                            None => " · not reached yet".to_owned(),
                        }}
                        {(can_manage && milestone.reached_on.is_none()).then(|| view! {
                            <details>
                                <summary>"Mark as reached…"</summary>
                                <ActionForm action=actions.milestone_reached attr:class="inline">
                                    <input type="hidden" name="plan_id" value=plan_id.to_string() />
                                    <input type="hidden" name="milestone_id" value=milestone.id.to_string() />
                                    <label for=format!("reached-{}", milestone.id)>"Reached on"</label>
                                    <input id=format!("reached-{}", milestone.id) name="reached_on" type="date" required max=today.to_string() />
                                    <button type="submit">"Mark reached"</button>
                                </ActionForm>
                            </details>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            {can_manage.then(|| view! {
                <details open=refused(actions.milestone.value())>
                    <summary>"Add a milestone"</summary>
                    <ActionError result=actions.milestone.value() />
                    <ActionForm action=actions.milestone attr:class="stack">
                        <input type="hidden" name="plan_id" value=plan_id.to_string() />
                        <label for="milestone-title">"Milestone"</label>
                        <input id="milestone-title" name="title" type="text" required maxlength="120" value=kept("/api/plans/milestone", "title") />
                        <label for="milestone-date">"Target date"</label>
                        <input id="milestone-date" name="target_date" type="date" required value=kept("/api/plans/milestone", "target_date") />
                        <button type="submit">"Add milestone"</button>
                    </ActionForm>
                </details>
            })}
        </section>
    }
}

#[component]
fn Goals(plan: Arc<PlanView>, can_manage: bool, action: ServerAction<AddGoal>) -> impl IntoView {
    let today = plan.today;
    let plan_id = plan.id;
    view! {
        <section class="card" aria-labelledby="goals-heading">
            <h2 id="goals-heading">"Temporarily recalibrated goals"</h2>
            <SavedNotice anchor="goals-heading" />
            {(plan.viewpoint == Viewpoint::Manager).then(|| view! { <Hints part=PlanPart::GoalRecalibration /> })}
            {if plan.goals.is_empty() { Some(view! { <p class="muted">"No goals recalibrated."</p> }) } else { None }}
            <ul class="plain">
                {plan.goals.clone().into_iter().map(move |goal| {
                    let passed = goal.restore_by < today;
                    view! {
                        <li>
                            <span class="badge temporary">"Temporary"</span> " "
                            <strong>{goal.goal.clone()}</strong>
                            {format!(": usually {}; for now {}; restore by {}", goal.usual_scope, goal.temporary_scope, goal.restore_by)}
                            {passed.then(|| view! { <span class="badge overdue">"restore-by date passed"</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_manage.then(|| view! {
                <details open=refused(action.value())>
                    <summary>"Recalibrate a goal"</summary>
                    <ActionError result=action.value() />
                    <ActionForm action=action attr:class="stack">
                        <input type="hidden" name="plan_id" value=plan_id.to_string() />
                        <label for="goal-goal">"Goal"</label>
                        <input id="goal-goal" name="goal" type="text" required maxlength="120" value=kept("/api/plans/goal", "goal") />
                        <label for="goal-usual">"Usual scope"</label>
                        <input id="goal-usual" name="usual_scope" type="text" required maxlength="120" value=kept("/api/plans/goal", "usual_scope") />
                        <label for="goal-temporary">"Temporary scope"</label>
                        <input id="goal-temporary" name="temporary_scope" type="text" required maxlength="120" value=kept("/api/plans/goal", "temporary_scope") />
                        <label for="goal-restore">"Restore by"</label>
                        <input id="goal-restore" name="restore_by" type="date" required value=kept("/api/plans/goal", "restore_by") />
                        <button type="submit">"Save temporary goal"</button>
                    </ActionForm>
                </details>
            })}
        </section>
    }
}

#[component]
fn CheckIns(plan: Arc<PlanView>, can_manage: bool, actions: PlanActions) -> impl IntoView {
    let manager = plan.viewpoint == Viewpoint::Manager;
    let employee_can_add = !manager && plan.status == PlanStatus::Active;
    let plan_id = plan.id;
    let today = plan.today;
    let next = plan.next_check_in;
    let upcoming_for_manager = plan.upcoming_self_assessment.clone();
    let employee_first = plan.employee_name.split_whitespace().next().unwrap_or("They").to_owned();
    view! {
        <section class="card" aria-labelledby="checkins-heading">
            <h2 id="checkins-heading">"One-on-one check-ins"</h2>
            <SavedNotice anchor="checkins-heading" />
            {manager.then(|| {
                let latest_signs = plan.check_ins.iter().rev().find(|c| !c.signs.is_empty()).map(|c| c.signs.clone()).unwrap_or_default();
                let notes: Vec<LanguageNote> = plan.language_notes.iter().filter(|note| note.field.starts_with("Check-in")).cloned().collect();
                view! {
                    <Hints part=PlanPart::CheckIns />
                    <Hints part=PlanPart::ManagerExample />
                    <SignSuggestions signs=latest_signs />
                    <LanguageNotes notes />
                }
            })}
            {next.map(|next| view! {
                <p class:overdue=next < today>{format!("Next check-in: {next}")}{(next < today).then_some(" (overdue)")}</p>
            })}
            {if plan.check_ins.is_empty() { Some(view! { <p class="muted">"No check-ins yet."</p> }) } else { None }}
            <ActionError result=actions.self_assessment.value() />
            <ol class="plain check-ins">
                {plan.check_ins.clone().into_iter().rev().map(move |check_in| {
                    let signs: Vec<&str> = check_in.signs.iter().filter_map(|id| crate::playbook::sign(id).map(|sign| sign.title)).collect();
                    view! {
                        <li>
                            <h3>{check_in.held_on.to_string()}</h3>
                            <p>{format!("Confidence (self): {} · Readiness (observed): {}", rating_label(check_in.self_confidence), rating_label(check_in.observed_readiness))}</p>
                            {(!check_in.shared_summary.is_empty()).then(|| view! { <p class="prose">"Summary: " {check_in.shared_summary.clone()}</p> })}
                            {(!check_in.employee_reflection.is_empty()).then(|| view! { <p class="prose">"Reflection: " {check_in.employee_reflection.clone()}</p> })}
                            {(manager && !signs.is_empty()).then(|| view! { <p>"Signs observed: " {signs.join(", ")}</p> })}
                            {(manager && !check_in.private_note.is_empty()).then(|| view! {
                                <p class="private prose"><span class="badge private">"Only you"</span> " " {check_in.private_note.clone()}</p>
                            })}
                            {employee_can_add.then(|| view! {
                                <details>
                                    <summary>"Add my rating and reflection"</summary>
                                    <ActionForm action=actions.self_assessment attr:class="stack">
                                        <input type="hidden" name="plan_id" value=plan_id.to_string() />
                                        <input type="hidden" name="check_in_id" value=check_in.id.to_string() />
                                        <RatingField name="self_confidence" label="My confidence (1 low, 5 high)" id=format!("self-{}", check_in.id) selected=check_in.self_confidence />
                                        <label for=format!("reflection-{}", check_in.id)>"My reflection"</label>
                                        <textarea id=format!("reflection-{}", check_in.id) name="reflection" rows="2" inner_html=text_area_content(&check_in.employee_reflection)></textarea>
                                        <button type="submit">"Save"</button>
                                    </ActionForm>
                                </details>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <HistoryLink plan_id listed=plan.check_ins.len() total=plan.ratings.len() recent=RECENT_CHECK_INS noun="check-ins" anchor="checkins-heading" />
            {employee_can_add.then(|| {
                let upcoming = plan.upcoming_self_assessment.clone();
                let (rating, reflection) = upcoming.as_ref().map(|u| (u.self_confidence, u.reflection.clone())).unwrap_or_default();
                view! {
                    {upcoming.as_ref().map(|u| view! {
                        <p>{format!("Your rating for the next one-on-one: {} (given {}). It is saved with that check-in when your manager records it.", rating_label(u.self_confidence), u.rated_at.format("%-d %b %Y"))}</p>
                    })}
                    <details>
                        <summary>"Before our next one-on-one: how confident do I feel?"</summary>
                        <ActionForm action=actions.self_assessment attr:class="stack">
                            <input type="hidden" name="plan_id" value=plan_id.to_string() />
                            <input type="hidden" name="check_in_id" value="" />
                            <RatingField name="self_confidence" label="My confidence (1 low, 5 high)" id="self-new".to_owned() selected=rating />
                            <label for="reflection-new">"My reflection"</label>
                            <textarea id="reflection-new" name="reflection" rows="2" inner_html=text_area_content(&reflection)></textarea>
                            <button type="submit" class="primary">"Save my rating"</button>
                        </ActionForm>
                    </details>
                }
            })}
            {can_manage.then(|| view! {
                <details open=refused(actions.check_in.value())>
                    <summary>"Record a check-in"</summary>
                    <ActionError result=actions.check_in.value() />
                    <ActionForm action=actions.check_in attr:class="stack">
                        <input type="hidden" name="plan_id" value=plan_id.to_string() />
                        <label for="checkin-date">"Held on"</label>
                        <input id="checkin-date" name="held_on" type="date" required max=today.to_string() value=kept("/api/plans/check_in", "held_on").unwrap_or_else(|| today.to_string()) />
                        {match &upcoming_for_manager {
                            Some(upcoming) => view! {
                                <p>{format!("{employee_first} rated their own confidence {} before this one-on-one ({}); it is saved with this check-in.", rating_label(upcoming.self_confidence), upcoming.rated_at.format("%-d %b %Y"))}</p>
                            }.into_any(),
                            None => view! {
                                <p class="hint">{format!("{employee_first} rates their own confidence on the plan, before or after the meeting.")}</p>
                            }.into_any(),
                        }}
                        <RatingField name="observed_readiness" label="Readiness you observed" id="checkin-readiness".to_owned() selected=kept("/api/plans/check_in", "observed_readiness").and_then(|rating| rating.parse().ok()) />
                        <fieldset>
                            <legend>"Warning signs observed (only you see these)"</legend>
                            {crate::playbook::SIGNS.items.iter().enumerate().map(|(index, sign)| view! {
                                <label class="check"><input type="checkbox" name=format!("signs[{index}]") value=sign.id checked=kept_choice("/api/plans/check_in", "signs[", sign.id).unwrap_or(false) />" " {sign.title}</label>
                            }).collect_view()}
                        </fieldset>
                        <label for="checkin-summary">"Shared summary (they see this)"</label>
                        <WordingCheckedText id="checkin-summary".to_owned() name="shared_summary".to_owned() rows=2 value=kept("/api/plans/check_in", "shared_summary").unwrap_or_default() />
                        <label for="checkin-private">"Private note (only you see this)"</label>
                        <textarea id="checkin-private" name="private_note" rows="2" inner_html=text_area_content(&kept("/api/plans/check_in", "private_note").unwrap_or_default())></textarea>
                        <label for="checkin-next">"Next check-in"</label>
                        <input id="checkin-next" name="next_check_in" type="date" value=kept("/api/plans/check_in", "next_check_in") />
                        <button type="submit" class="primary">"Save check-in"</button>
                    </ActionForm>
                </details>
            })}
        </section>
    }
}

/// A 1-5 rating as radio buttons ("not given" first).
#[component]
fn RatingField(name: &'static str, label: &'static str, id: String, selected: Option<u8>) -> impl IntoView {
    view! {
        <fieldset class="rating" id=id>
            <legend>{label}</legend>
            <label class="check"><input type="radio" name=name value="" checked=selected.is_none() />" not given"</label>
            {(1..=5u8).map(|value| view! {
                <label class="check"><input type="radio" name=name value=value.to_string() checked=selected == Some(value) />" " {value}</label>
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn PrivateNotes(plan: Arc<PlanView>, can_manage: bool, action: ServerAction<AddPrivateNote>) -> impl IntoView {
    view! {
        <section class="card private" aria-labelledby="notes-heading">
            <h2 id="notes-heading">"Private notes " <span class="badge private">"Only you"</span></h2>
            <SavedNotice anchor="notes-heading" />
            <Hints part=PlanPart::PrivateNotes />
            {if plan.private_notes.is_empty() { Some(view! { <p class="muted">"No private notes."</p> }) } else { None }}
            <ul class="plain">
                {plan.private_notes.clone().into_iter().map(move |note| view! {
                    <li><span class="muted">{note.created_at.format("%Y-%m-%d").to_string()}</span> " " <span class="prose">{note.body.clone()}</span></li>
                }).collect_view()}
            </ul>
            {can_manage.then(|| view! {
                <ActionError result=action.value() />
                <ActionForm action=action attr:class="stack">
                    <input type="hidden" name="plan_id" value=plan.id.to_string() />
                    <label for="note-body">"New private note"</label>
                    <textarea id="note-body" name="body" rows="2" required inner_html=text_area_content(&kept("/api/plans/private_note", "body").unwrap_or_default())></textarea>
                    <button type="submit">"Add note"</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn Timeline(plan_id: i64, entries: Vec<TimelineEntry>, total: usize) -> impl IntoView {
    let listed = entries.len();
    view! {
        <section class="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Timeline"</h2>
            <HistoryLink plan_id listed total recent=RECENT_TIMELINE_ENTRIES noun="timeline entries" anchor="timeline-heading" />
            <ol class="timeline">
                {entries.into_iter().map(|entry| view! {
                    <li>
                        <time datetime=entry.at.to_rfc3339()>{entry.at.format("%Y-%m-%d %H:%M").to_string()}</time>
                        " " {entry.description}
                        {entry.actor.map(|actor| view! { <span class="muted">{format!(" · {actor}")}</span> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Under a shortened list, the way to the whole of it; under the whole list, the way back.
#[component]
fn HistoryLink(plan_id: i64, listed: usize, total: usize, recent: usize, noun: &'static str, anchor: &'static str) -> impl IntoView {
    if listed < total {
        Some(
            view! {
                <p class="more">
                    {format!("Showing the latest {listed} of {total} {noun}. ")}
                    <a href=format!("/plans/{plan_id}?history=all#{anchor}")>{format!("Show all {total} {noun}")}</a>
                </p>
            }
            .into_any(),
        )
    } else if total > recent {
        Some(
            view! {
                <p class="more"><a href=format!("/plans/{plan_id}#{anchor}")>{format!("Show only the latest {recent} {noun}")}</a></p>
            }
            .into_any(),
        )
    } else {
        None
    }
}

/// Words that judge the person rather than the event, with better ways to say it. Advice only:
/// saving is never blocked.
#[component]
fn LanguageNotes(notes: Vec<LanguageNote>) -> impl IntoView {
    (!notes.is_empty()).then(|| {
        view! {
            <div class="notice warning language" role="note">
                <p><strong>"Wording to reconsider"</strong> " (describe the event, not the person):"</p>
                <ul>
                    {notes.into_iter().map(|note| view! {
                        <li>"\u{201c}" {note.phrase} "\u{201d} in " {note.field} ": " {note.suggestion}</li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// The "beyond a quick fix" card and the manager's flag.
#[component]
fn Support(plan: Arc<PlanView>, can_manage: bool, action: ServerAction<FlagSupport>) -> impl IntoView {
    let needs = plan.needs_support();
    let escalation = crate::playbook::ESCALATION;
    let contacts = plan.support.clone().unwrap_or_default();
    let contact_for = move |id: &str| match id {
        "occupational-health" => contacts.occupational_health.clone(),
        "employee-assistance" => contacts.employee_assistance.clone(),
        _ => contacts.professional.clone(),
    };
    view! {
        {needs.then(|| view! {
            <section class="card support-card" aria-labelledby="support-heading">
                <h2 id="support-heading">{escalation.title}</h2>
                <SavedNotice anchor="support-heading" />
                <p>
                    {if plan.support_flagged { "You flagged that this needs more than work-focused help. " } else { "Self-rated confidence has stayed at 2 or lower across the last three check-ins without rising. " }}
                    {escalation.intro}
                </p>
                <ul>
                    {escalation.items.iter().map(|item| {
                        let contact = contact_for(item.id);
                        view! {
                            <li>
                                <strong>{item.title}</strong> ": " {item.text}
                                <br />
                                {if contact.is_empty() {
                                    view! { <span class="muted">"No contact set yet; an administrator can add it under Settings."</span> }.into_any()
                                } else {
                                    view! { <span class="prose">{contact}</span> }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        {can_manage.then(|| view! {
            <ActionForm action=action attr:class="inline support-flag">
                <input type="hidden" name="plan_id" value=plan.id.to_string() />
                <input type="hidden" name="flagged" value=(!plan.support_flagged).to_string() />
                <button type="submit">{if plan.support_flagged { "Clear the support flag" } else { "Flag: this needs more than a quick fix" }}</button>
            </ActionForm>
        })}
    }
}

/// When a closed plan will be erased, and the employee's choice to keep it.
#[component]
fn Retention(plan: Arc<PlanView>, action: ServerAction<KeepPlan>) -> impl IntoView {
    let employee = plan.viewpoint == Viewpoint::Employee;
    let notice = match (plan.erase_on, plan.keep_after_close, plan.status) {
        (Some(day), _, _) => Some(format!("This closed plan will be erased on {day}.")),
        (None, true, _) => Some(format!("{} chose to keep this plan after it closes.", if employee { "You" } else { "The employee" })),
        _ => None,
    };
    view! {
        {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
        {employee.then(|| view! {
            <ActionError result=action.value() />
            <ActionForm action=action attr:class="inline keep">
                <input type="hidden" name="plan_id" value=plan.id.to_string() />
                <input type="hidden" name="keep" value=(!plan.keep_after_close).to_string() />
                <button type="submit">{if plan.keep_after_close { "Let this plan be erased after it closes" } else { "Keep this plan after it closes" }}</button>
            </ActionForm>
        })}
    }
}
