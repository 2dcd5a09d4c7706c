//! Edit and remove, folded under each task, milestone and goal: the item's edit form, then its
//! removal behind a tick box. A refused edit or removal opens the fold of that item only.

use super::PlanActions;
use super::form::PlanForm;
use crate::components::feedback::{ProblemText, described_by, invalid, kept, problem_with, refusal_for};
use crate::model::AppError;
use leptos::prelude::*;

const REMOVE: &str = "/api/plans/remove";

/// The kind of list item, as the removal posts it ("task", "milestone", "goal").
pub(super) type ItemKind = &'static str;

/// The refusal of the last removal, when it was of this item.
fn removal_refusal(actions: PlanActions, item: ItemKind, item_id: i64) -> Option<AppError> {
    refusal_for(actions.remove.value(), REMOVE, "item_id", item_id).filter(|_| kept(REMOVE, "item").as_deref() == Some(item))
}

/// The fold holding an item's edit form (`children`) and its removal.
#[component]
pub(super) fn EditOrRemove(
    plan_id: i64,
    actions: PlanActions,
    item: ItemKind,
    item_id: i64,
    /// The item's name, so the fold's summary says which item it edits.
    name: String,
    /// Whether the item's last edit was refused.
    edit_refused: bool,
    children: Children,
) -> impl IntoView {
    let remove_refusal = removal_refusal(actions, item, item_id);
    let open = edit_refused || remove_refusal.is_some();
    view! {
        <details class="edit" open=open>
            <summary>"Edit or remove"<span class="visually-hidden">{format!(" \u{201c}{name}\u{201d}")}</span></summary>
            {children()}
            <RemoveItem plan_id actions item item_id refusal=remove_refusal />
        </details>
    }
}

/// The confirmed removal of one item.
#[component]
fn RemoveItem(plan_id: i64, actions: PlanActions, item: ItemKind, item_id: i64, refusal: Option<AppError>) -> impl IntoView {
    let confirm_id = format!("remove-{item}-{item_id}");
    let problem = problem_with(&refusal, &confirm_id, "confirm");
    let label_for = confirm_id.clone();
    view! {
        <PlanForm action=actions.remove plan_id class="inline remove" shows_error=refusal.is_some() && problem.is_none()>
            <input type="hidden" name="item" value=item />
            <input type="hidden" name="item_id" value=item_id.to_string() />
            <label class="check" for=label_for>
                <input id=confirm_id type="checkbox" name="confirm" value="on" required aria-invalid=invalid(&problem) aria-describedby=described_by(&problem) autofocus=problem.is_some() />
                {format!(" Remove this {item} from the plan for good")}
            </label>
            <ProblemText problem />
            <button type="submit" class="danger">{format!("Remove {item}")}</button>
        </PlanForm>
    }
}
