//! The one small, visible win: set by the manager, marked done by the employee.

use super::PlanActions;
use super::form::PlanForm;
use super::section::PlanSection;
use crate::components::feedback::{kept, refusal};
use crate::components::field::Field;
use crate::components::format::day;
use crate::model::{PlanStatus, PlanView, Recognition, SMALL_WIN_DEFAULT_WORKING_DAYS, SMALL_WIN_WARN_WORKING_DAYS, Viewpoint, add_working_days, working_days_between};
use crate::playbook::PlanPart;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub(super) fn SmallWins(plan: Arc<PlanView>, can_manage: bool, actions: PlanActions) -> impl IntoView {
    let employee_can_finish = plan.viewpoint == Viewpoint::Employee && plan.status == PlanStatus::Active;
    let open = plan.open_small_win().cloned();
    let today = plan.today;
    let default_due = add_working_days(today, SMALL_WIN_DEFAULT_WORKING_DAYS).to_string();
    let plan_id = plan.id;
    view! {
        <PlanSection plan=plan.clone() anchor="win-heading" heading="One small, visible win" part=PlanPart::SmallWin empty=plan.small_wins.is_empty().then_some("No small win set yet.")>
            <ul class="plain">
                {plan.small_wins.clone().into_iter().map(move |win| {
                    let late_plan = working_days_between(win.created_on, win.due_date) > SMALL_WIN_WARN_WORKING_DAYS;
                    let overdue = win.done_on.is_none() && win.due_date < today;
                    view! {
                        <li>
                            <strong>{win.title.clone()}</strong>
                            {match (win.done_on, win.recognition) {
                                (Some(done), Some(recognition)) => format!(" · done {}, recognised {}", day(done), recognition.label().to_lowercase()),
                                (Some(done), None) => format!(" · done {}", day(done)),
                                _ => format!(" · due {}", day(win.due_date)),
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
                    <PlanForm action=actions.win_done plan_id>
                        <input type="hidden" name="win_id" value=win.id.to_string() />
                        <fieldset>
                            <legend>"Done? Choose how you would like it recognised"</legend>
                            {Recognition::ALL.iter().map(|recognition| view! {
                                <label class="check"><input type="radio" name="recognition" value=recognition.as_str() required />" " {recognition.label()}</label>
                            }).collect_view()}
                        </fieldset>
                        <button type="submit" class="primary">"Mark my small win done"</button>
                    </PlanForm>
                }.into_any()),
                (None, _) if can_manage => {
                    let refusal = refusal(actions.small_win.value());
                    Some(view! {
                        <PlanForm action=actions.small_win plan_id>
                            <Field id="win-title" name="title" label="A visible task they can own and finish within days" value=kept("/api/plans/small_win", "title").unwrap_or_default() required=true refusal=refusal.clone() />
                            <Field id="win-due" name="due_date" kind="date" label="Due (five working days from today unless you choose)" value=kept("/api/plans/small_win", "due_date").unwrap_or(default_due) refusal />
                            <button type="submit">"Set small win"</button>
                        </PlanForm>
                    }.into_any())
                }
                _ => None,
            }}
        </PlanSection>
    }
}
