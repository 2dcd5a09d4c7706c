//! Temporarily recalibrated goals: the usual scope, the scope for now, and when it is restored.
//! The manager adds, edits and removes them.

use super::PlanActions;
use super::editing::EditOrRemove;
use super::form::PlanForm;
use super::section::PlanSection;
use crate::components::feedback::{kept, kept_for, refusal, refusal_for, refused};
use crate::components::field::Field;
use crate::components::format::day;
use crate::model::{AppError, PlanView};
use crate::playbook::PlanPart;
use leptos::prelude::*;
use std::sync::Arc;

const ADD: &str = "/api/plans/goal";
const EDIT: &str = "/api/plans/goal_edit";

#[component]
pub(super) fn Goals(plan: Arc<PlanView>, can_manage: bool, actions: PlanActions) -> impl IntoView {
    let today = plan.today;
    let plan_id = plan.id;
    let add_refusal = refusal(actions.goal.value());
    view! {
        <PlanSection plan=plan.clone() anchor="goals-heading" heading="Temporarily recalibrated goals" part=PlanPart::GoalRecalibration empty=plan.goals.is_empty().then_some("No goals recalibrated.")>
            <ul class="plain">
                {plan.goals.clone().into_iter().map(move |goal| {
                    let id = goal.id;
                    let passed = goal.restore_by < today;
                    let edit_refusal = refusal_for(actions.goal_edit.value(), EDIT, "goal_id", id);
                    let typed = move |name: &str, saved: String| kept_for(EDIT, "goal_id", id, name).unwrap_or(saved);
                    view! {
                        <li>
                            <span class="badge temporary">"Temporary"</span> " "
                            <strong>{goal.goal.clone()}</strong>
                            {format!(": usually {}; for now {}; restore by {}", goal.usual_scope, goal.temporary_scope, day(goal.restore_by))}
                            {passed.then(|| view! { <span class="badge overdue">"restore-by date passed"</span> })}
                            {can_manage.then(|| view! {
                                <EditOrRemove plan_id actions item="goal" item_id=id name=goal.goal.clone() edit_refused=edit_refusal.is_some()>
                                    <PlanForm action=actions.goal_edit plan_id shows_error=edit_refusal.is_some()>
                                        <input type="hidden" name="goal_id" value=id.to_string() />
                                        <GoalFields prefix=format!("goal-{id}") values=[
                                            typed("goal", goal.goal.clone()),
                                            typed("usual_scope", goal.usual_scope.clone()),
                                            typed("temporary_scope", goal.temporary_scope.clone()),
                                            typed("restore_by", goal.restore_by.to_string()),
                                        ] refusal=edit_refusal />
                                        <button type="submit">"Save changes"</button>
                                    </PlanForm>
                                </EditOrRemove>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_manage.then(|| view! {
                <details open=refused(actions.goal.value())>
                    <summary>"Recalibrate a goal"</summary>
                    <PlanForm action=actions.goal plan_id>
                        <GoalFields prefix="goal".to_owned() values=["goal", "usual_scope", "temporary_scope", "restore_by"].map(|name| kept(ADD, name).unwrap_or_default()) refusal=add_refusal />
                        <button type="submit">"Save temporary goal"</button>
                    </PlanForm>
                </details>
            })}
        </PlanSection>
    }
}

/// The goal, its usual and temporary scope and the restore-by date, in that order in `values`.
#[component]
fn GoalFields(prefix: String, values: [String; 4], refusal: Option<AppError>) -> impl IntoView {
    let [goal, usual, temporary, restore_by] = values;
    view! {
        <Field id=format!("{prefix}-goal") name="goal" label="Goal" required=true value=goal refusal=refusal.clone() />
        <Field id=format!("{prefix}-usual") name="usual_scope" label="Usual scope" required=true value=usual refusal=refusal.clone() />
        <Field id=format!("{prefix}-temporary") name="temporary_scope" label="Temporary scope" required=true value=temporary refusal=refusal.clone() />
        <Field id=format!("{prefix}-restore") name="restore_by" kind="date" label="Restore by" required=true value=restore_by refusal />
    }
}
