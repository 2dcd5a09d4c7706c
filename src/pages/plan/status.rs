//! The plan's lifecycle: activating a draft, reopening, closing (last, behind a confirmation),
//! and when a closed plan is erased.

use super::form::PlanForm;
use crate::api::plans::{ChangePlanStatus, KeepPlan};
use crate::components::feedback::{ActionError, refusal};
use crate::components::format::day;
use crate::model::{Outcome, PlanStatus, PlanView, Viewpoint};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub(super) fn Lifecycle(plan: Arc<PlanView>, action: ServerAction<ChangePlanStatus>) -> impl IntoView {
    let id = plan.id;
    let employee_name = plan.employee_name.clone();
    view! {
        <section class="card lifecycle" aria-label="Plan status">
            <ActionError result=action.value() />
            {match plan.status {
                PlanStatus::Draft => view! {
                    <PlanForm action plan_id=id class="inline" shows_error=false>
                        <input type="hidden" name="action" value="activate" />
                        <button type="submit" class="primary">"Activate and share with " {employee_name}</button>
                    </PlanForm>
                }.into_any(),
                PlanStatus::Closed => view! {
                    <PlanForm action plan_id=id class="inline" shows_error=false>
                        <input type="hidden" name="action" value="reopen" />
                        <button type="submit">"Reopen plan"</button>
                    </PlanForm>
                }.into_any(),
                PlanStatus::Active => ().into_any(),
            }}
        </section>
    }
}

/// Closing the plan: the last section of the page, behind a confirmation, with no outcome
/// preselected.
#[component]
pub(super) fn ClosePlan(plan: Arc<PlanView>, action: ServerAction<ChangePlanStatus>) -> impl IntoView {
    let id = plan.id;
    view! {
        <section class="card" aria-labelledby="close-heading">
            <h2 id="close-heading">"Close the plan"</h2>
            <p class="hint">"When the plan has done its work, or is no longer the right help. It can be reopened later."</p>
            <ActionError result=action.value() />
            {view! {
                // A refused close (no outcome, no tick) opens again, with the message above it.
                <details class="danger-zone" open=refusal(action.value()).is_some_and(|error| matches!(error.field(), Some("outcome" | "confirm")))>
                    <summary>"Close this plan…"</summary>
                    <PlanForm action plan_id=id class="stack" shows_error=false>
                        <input type="hidden" name="action" value="close" />
                        <fieldset class="inline-choices">
                            <legend>"How did it end?"</legend>
                            {Outcome::ALL.iter().map(|outcome| view! {
                                <label class="check"><input type="radio" name="outcome" value=outcome.as_str() required />" " {outcome.label()}</label>
                            }).collect_view()}
                        </fieldset>
                        <label class="check"><input type="checkbox" name="confirm" value="on" required />" Close it: the plan becomes read-only until it is reopened"</label>
                        <button type="submit" class="danger">"Close plan"</button>
                    </PlanForm>
                </details>
            }}
        </section>
    }
}

/// When a closed plan will be erased, and the employee's choice to keep it.
#[component]
pub(super) fn Retention(plan: Arc<PlanView>, action: ServerAction<KeepPlan>) -> impl IntoView {
    let employee = plan.viewpoint == Viewpoint::Employee;
    let notice = match (plan.erase_on, plan.keep_after_close, plan.status) {
        (Some(erase_on), _, _) => Some(format!("This closed plan will be erased on {}.", day(erase_on))),
        (None, true, _) => Some(format!("{} chose to keep this plan after it closes.", if employee { "You" } else { "The employee" })),
        _ => None,
    };
    view! {
        {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
        {employee.then(|| view! {
            <ActionError result=action.value() />
            <PlanForm action plan_id=plan.id class="inline keep" shows_error=false>
                <input type="hidden" name="keep" value=(!plan.keep_after_close).to_string() />
                <button type="submit">{if plan.keep_after_close { "Let this plan be erased after it closes" } else { "Keep this plan after it closes" }}</button>
            </PlanForm>
        })}
    }
}
