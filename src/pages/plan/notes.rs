//! The manager's private notes: never loaded for the employee.

use super::form::PlanForm;
use super::guidance::SectionHints;
use crate::api::plans::AddPrivateNote;
use crate::components::feedback::{SavedNotice, kept, refusal};
use crate::components::field::TextField;
use crate::components::format::day;
use crate::model::{PlanView, RECENT_PRIVATE_NOTES};
use crate::playbook::PlanPart;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub(super) fn PrivateNotes(plan: Arc<PlanView>, can_manage: bool, action: ServerAction<AddPrivateNote>) -> impl IntoView {
    let refused = refusal(action.value());
    view! {
        <section class="card private" aria-labelledby="notes-heading">
            <h2 id="notes-heading">"Private notes " <span class="badge private">"Only you"</span></h2>
            <SavedNotice anchor="notes-heading" />
            <SectionHints plan=plan.clone() part=PlanPart::PrivateNotes />
            {plan.private_notes.is_empty().then(|| view! { <p class="muted">"No private notes."</p> })}
            <ul class="plain">
                {plan.private_notes.clone().into_iter().map(move |note| view! {
                    <li><span class="muted">{day(note.created_at.date_naive())}</span> " " <span class="prose">{note.body.clone()}</span></li>
                }).collect_view()}
            </ul>
            <super::timeline::HistoryLink plan_id=plan.id listed=plan.private_notes.len() total=plan.private_note_total recent=RECENT_PRIVATE_NOTES noun="private notes" anchor="notes-heading" />
            {can_manage.then(|| view! {
                <PlanForm action plan_id=plan.id>
                    <TextField id="note-body" name="body" label="New private note" required=true value=kept("/api/plans/private_note", "body").unwrap_or_default() refusal=refused.clone() />
                    <button type="submit">"Add note"</button>
                </PlanForm>
            })}
        </section>
    }
}
