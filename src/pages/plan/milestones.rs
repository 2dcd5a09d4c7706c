//! Milestones: incremental targets with dates, and when each was reached. The manager adds, edits,
//! removes and marks them reached (on a chosen day, behind its own step).

use super::PlanActions;
use super::editing::EditOrRemove;
use super::form::PlanForm;
use super::section::PlanSection;
use crate::components::feedback::{ActionError, kept, kept_for, refusal, refusal_for, refused};
use crate::components::field::Field;
use crate::components::format::day;
use crate::model::PlanView;
use crate::playbook::PlanPart;
use leptos::prelude::*;
use std::sync::Arc;

const ADD: &str = "/api/plans/milestone";
const EDIT: &str = "/api/plans/milestone_edit";
const REACHED: &str = "/api/plans/milestone_reached";

#[component]
pub(super) fn Milestones(plan: Arc<PlanView>, can_manage: bool, actions: PlanActions) -> impl IntoView {
    let plan_id = plan.id;
    let today = plan.today;
    let add_refusal = refusal(actions.milestone.value());
    view! {
        <PlanSection plan=plan.clone() anchor="milestones-heading" heading="Milestones" part=PlanPart::Milestones empty=plan.milestones.is_empty().then_some("No milestones yet.")>
            <ul class="plain">
                {plan.milestones.clone().into_iter().map(move |milestone| {
                    let id = milestone.id;
                    let reached_refusal = refusal_for(actions.milestone_reached.value(), REACHED, "milestone_id", id);
                    let reached_refused = reached_refusal.is_some();
                    let edit_refusal = refusal_for(actions.milestone_edit.value(), EDIT, "milestone_id", id);
                    let typed = move |name: &str, saved: String| kept_for(EDIT, "milestone_id", id, name).unwrap_or(saved);
                    view! {
                        <li>
                            <strong>{milestone.title.clone()}</strong>
                            {format!(" · target {}", day(milestone.target_date))}
                            {match milestone.reached_on {
                                Some(reached) => format!(" · reached {}", day(reached)),
                                None => " · not reached yet".to_owned(),
                            }}
                            {(can_manage && milestone.reached_on.is_none()).then(|| view! {
                                <details open=reached_refused>
                                    <summary>"Mark as reached…"</summary>
                                    {reached_refused.then(|| view! { <ActionError result=actions.milestone_reached.value() /> })}
                                    <PlanForm action=actions.milestone_reached plan_id class="inline" shows_error=false>
                                        <input type="hidden" name="milestone_id" value=id.to_string() />
                                        <Field id=format!("reached-{id}") name="reached_on" kind="date" label="Reached on" required=true max=today.to_string()
                                            value=kept_for(REACHED, "milestone_id", id, "reached_on").unwrap_or_default() refusal=reached_refusal />
                                        <button type="submit">"Mark reached"</button>
                                    </PlanForm>
                                </details>
                            })}
                            {can_manage.then(|| view! {
                                <EditOrRemove plan_id actions item="milestone" item_id=id name=milestone.title.clone() edit_refused=edit_refusal.is_some()>
                                    <PlanForm action=actions.milestone_edit plan_id shows_error=edit_refusal.is_some()>
                                        <input type="hidden" name="milestone_id" value=id.to_string() />
                                        <Field id=format!("milestone-{id}-title") name="title" label="Milestone" required=true value=typed("title", milestone.title.clone()) refusal=edit_refusal.clone() />
                                        <Field id=format!("milestone-{id}-date") name="target_date" kind="date" label="Target date" required=true value=typed("target_date", milestone.target_date.to_string()) refusal=edit_refusal />
                                        <button type="submit">"Save changes"</button>
                                    </PlanForm>
                                </EditOrRemove>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_manage.then(|| view! {
                <details open=refused(actions.milestone.value())>
                    <summary>"Add a milestone"</summary>
                    <PlanForm action=actions.milestone plan_id>
                        <Field id="milestone-title" name="title" label="Milestone" required=true value=kept(ADD, "title").unwrap_or_default() refusal=add_refusal.clone() />
                        <Field id="milestone-date" name="target_date" kind="date" label="Target date" required=true value=kept(ADD, "target_date").unwrap_or_default() refusal=add_refusal />
                        <button type="submit">"Add milestone"</button>
                    </PlanForm>
                </details>
            })}
        </PlanSection>
    }
}
