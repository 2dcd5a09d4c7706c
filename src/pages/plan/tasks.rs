//! The development plan: practice tasks, paired work, micro-experiments and shadowing. The
//! employee moves their tasks along; the manager adds, edits and removes them.

use super::PlanActions;
use super::editing::EditOrRemove;
use super::form::PlanForm;
use super::section::PlanSection;
use crate::components::feedback::{ProblemText, described_by, invalid, kept, kept_for, problem_with, refusal, refusal_for, refused};
use crate::components::field::Field;
use crate::components::format::day;
use crate::model::{AppError, PlanTask, PlanView, RiskLevel, TaskKind, TaskStatus};
use crate::playbook::PlanPart;
use leptos::prelude::*;
use std::sync::Arc;

const ADD: &str = "/api/plans/task";
const EDIT: &str = "/api/plans/task_edit";

#[component]
pub(super) fn Tasks(plan: Arc<PlanView>, can_manage: bool, can_work: bool, actions: PlanActions) -> impl IntoView {
    let today = plan.today;
    let plan_id = plan.id;
    let add_refusal = refusal(actions.task.value());
    view! {
        <PlanSection plan=plan.clone() anchor="tasks-heading" heading="Development plan" part=PlanPart::DevelopmentPlan empty=plan.tasks.is_empty().then_some("No tasks yet.")>
            <crate::components::feedback::ActionError result=actions.task_progress.value() />
            <ul class="plain tasks">
                {plan.tasks.clone().into_iter().map(move |task| {
                    let details = match task.kind {
                        TaskKind::PairedWork => format!("with {}", task.colleague),
                        TaskKind::MicroExperiment => format!("hypothesis: {}; risk {}", task.hypothesis, task.risk_level.map(|r| r.label().to_lowercase()).unwrap_or_default()),
                        _ => String::new(),
                    };
                    let overdue = task.due_date.is_some_and(|due| due < today) && matches!(task.status, TaskStatus::Todo | TaskStatus::InProgress);
                    let progress_id = format!("task-status-{}", task.id);
                    view! {
                        <li>
                            <p>
                                <span class="badge kind">{task.kind.label()}</span> " "
                                <strong>{task.title.clone()}</strong>
                                {(!details.is_empty()).then(|| format!(" · {details}"))}
                                {task.due_date.map(|due| format!(" · due {}", day(due)))}
                                " · " <span class=format!("status {}", task.status.as_str())>{task.status.label()}</span>
                                {overdue.then(|| view! { <span class="badge overdue">"overdue"</span> })}
                            </p>
                            {(!task.result.is_empty()).then(|| view! { <p class="muted">"Result: " {task.result.clone()}</p> })}
                            {can_work.then(|| {
                                let task = task.clone();
                                view! {
                                <PlanForm action=actions.task_progress plan_id class="inline" shows_error=false>
                                    <input type="hidden" name="task_id" value=task.id.to_string() />
                                    <label for=progress_id.clone()>{format!("Status of \u{201c}{}\u{201d}", task.title)}</label>
                                    <select id=progress_id name="status">
                                        {TaskStatus::ALL.iter().map(|status| view! {
                                            <option value=status.as_str() selected=*status == task.status>{status.label()}</option>
                                        }).collect_view()}
                                    </select>
                                    {(task.kind == TaskKind::MicroExperiment).then(|| view! {
                                        <input name="result" type="text" placeholder="What did you find?" aria-label="Result" value=task.result.clone() />
                                    })}
                                    <button type="submit">"Update"</button>
                                </PlanForm>
                                }
                            })}
                            {can_manage.then(|| view! { <EditTask plan_id task=task.clone() actions /> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_manage.then(|| view! {
                <details open=refused(actions.task.value())>
                    <summary>"Add a task"</summary>
                    <PlanForm action=actions.task plan_id>
                        <TaskFields prefix="task".to_owned() task=None action=ADD refusal=add_refusal />
                        <button type="submit">"Add task"</button>
                    </PlanForm>
                </details>
            })}
        </PlanSection>
    }
}

/// Editing and removing one task, folded away under the task.
#[component]
fn EditTask(plan_id: i64, task: PlanTask, actions: PlanActions) -> impl IntoView {
    let id = task.id;
    let edit_refusal = refusal_for(actions.task_edit.value(), EDIT, "task_id", id);
    view! {
        <EditOrRemove plan_id actions item="task" item_id=id name=task.title.clone() edit_refused=edit_refusal.is_some()>
            <PlanForm action=actions.task_edit plan_id shows_error=edit_refusal.is_some()>
                <input type="hidden" name="task_id" value=id.to_string() />
                <TaskFields prefix=format!("task-{id}") task=Some(task.clone()) action=EDIT refusal=edit_refusal.clone() />
                <button type="submit">"Save changes"</button>
            </PlanForm>
        </EditOrRemove>
    }
}

/// The fields of a task, for a new one (`task` none) or an existing one. Fields that only one kind
/// uses show only while that kind is chosen (CSS `:has`, so also without JavaScript).
#[component]
fn TaskFields(prefix: String, task: Option<PlanTask>, action: &'static str, refusal: Option<AppError>) -> impl IntoView {
    let item = task.as_ref().map(|task| task.id);
    // A refused post shows what was typed, in the form it came from only.
    let typed = move |name: &str, saved: String| -> String {
        let kept = match item {
            Some(id) => kept_for(action, "task_id", id, name),
            None => kept(action, name),
        };
        kept.unwrap_or(saved)
    };
    let saved = task.clone();
    let kind = typed("kind", saved.as_ref().map(|t| t.kind.as_str().to_owned()).unwrap_or_default());
    let risk = typed("risk_level", saved.as_ref().and_then(|t| t.risk_level).map(|r| r.as_str().to_owned()).unwrap_or_default());
    let title = typed("title", saved.as_ref().map(|t| t.title.clone()).unwrap_or_default());
    let colleague = typed("colleague", saved.as_ref().map(|t| t.colleague.clone()).unwrap_or_default());
    let hypothesis = typed("hypothesis", saved.as_ref().map(|t| t.hypothesis.clone()).unwrap_or_default());
    let due = typed("due_date", saved.as_ref().and_then(|t| t.due_date).map(|d| d.to_string()).unwrap_or_default());
    let kind_id = format!("{prefix}-kind");
    let risk_id = format!("{prefix}-risk");
    let risk_problem = problem_with(&refusal, &risk_id, "risk_level");
    view! {
        <div class="task-fields">
            <div class="field">
                <label for=kind_id.clone()>"Kind"</label>
                <select id=kind_id name="kind">
                    {TaskKind::ALL.iter().map(|option| view! { <option value=option.as_str() selected=kind == option.as_str()>{option.label()}</option> }).collect_view()}
                </select>
            </div>
            <Field id=format!("{prefix}-title") name="title" label="Task" value=title required=true refusal=refusal.clone() />
            <Field id=format!("{prefix}-colleague") name="colleague" label="Colleague to pair with" value=colleague class="only-paired_work" refusal=refusal.clone() />
            <Field id=format!("{prefix}-hypothesis") name="hypothesis" label="Hypothesis: what do you expect to happen?" value=hypothesis class="only-micro_experiment" refusal=refusal.clone() />
            <div class="field only-micro_experiment">
                <label for=risk_id.clone()>"Risk level"</label>
                <select id=risk_id name="risk_level" aria-invalid=invalid(&risk_problem) aria-describedby=described_by(&risk_problem) autofocus=risk_problem.is_some()>
                    <option value="">"—"</option>
                    {RiskLevel::ALL.iter().map(|option| view! { <option value=option.as_str() selected=risk == option.as_str()>{option.label()}</option> }).collect_view()}
                </select>
                <ProblemText problem=risk_problem />
            </div>
            <Field id=format!("{prefix}-due") name="due_date" label="Due date" kind="date" value=due refusal />
        </div>
    }
}
