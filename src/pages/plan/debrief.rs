//! The event and the debrief, and the wording notes on what the manager wrote.

use super::fields::EventAndDebriefFields;
use super::form::PlanForm;
use super::guidance::SectionHints;
use crate::api::plans::SaveDebrief;
use crate::components::feedback::{SavedNotice, refusal, refused};
use crate::components::format::day;
use crate::model::{LanguageNote, PlanView, Viewpoint};
use crate::playbook::PlanPart;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub(super) fn DebriefSection(plan: Arc<PlanView>, editable: bool, action: ServerAction<SaveDebrief>) -> impl IntoView {
    let kind = crate::playbook::pressure_point(&plan.event.kind).map(|point| point.title).unwrap_or("Something else");
    let drivers: Vec<&str> = plan.debrief.drivers.iter().filter_map(|id| crate::playbook::driver(id).map(|driver| driver.title)).collect();
    let text_or_dash = |text: &str| if text.is_empty() { "—".to_owned() } else { text.to_owned() };
    view! {
        <section class="card" aria-labelledby="debrief-heading">
            <h2 id="debrief-heading">"The event and the debrief"</h2>
            <SavedNotice anchor="debrief-heading" />
            <SectionHints plan=plan.clone() part=PlanPart::Debrief />
            <dl class="facts">
                <dt>"Event"</dt><dd>{format!("{} on {} ({}, {})", plan.event.title, day(plan.event.date), kind, plan.event.visibility.label().to_lowercase())}</dd>
                <dt>"What happened"</dt><dd class="prose">{text_or_dash(&plan.debrief.what_happened)}</dd>
                <dt>"What is known"</dt><dd class="prose">{text_or_dash(&plan.debrief.what_is_known)}</dd>
                <dt>"Open questions"</dt><dd class="prose">{text_or_dash(&plan.debrief.open_questions)}</dd>
                <dt>"Drivers"</dt><dd>{if drivers.is_empty() { "—".to_owned() } else { drivers.join(", ") }}</dd>
                <dt>"One technical fix"</dt><dd>{text_or_dash(&plan.debrief.technical_fix)}</dd>
                <dt>"One communication change"</dt><dd>{text_or_dash(&plan.debrief.communication_change)}</dd>
            </dl>
            {(plan.viewpoint == Viewpoint::Manager).then(|| {
                let notes: Vec<LanguageNote> = plan.language_notes.iter().filter(|note| !note.field.starts_with("Check-in")).cloned().collect();
                view! { <LanguageNotes notes /> }
            })}
            {editable.then(|| {
                let today = plan.today;
                view! {
                    <details open=refused(action.value())>
                        <summary>"Edit the event and debrief"</summary>
                        <PlanForm action plan_id=plan.id>
                            <EventAndDebriefFields event=Some(plan.event.clone()) debrief=Some(plan.debrief.clone()) today=today.to_string() action="/api/plans/debrief" refusal=refusal(action.value()) />
                            <button type="submit">"Save debrief"</button>
                        </PlanForm>
                    </details>
                }
            })}
        </section>
    }
}

/// Words that judge the person rather than the event, with better ways to say it. Advice only:
/// saving is never blocked.
#[component]
pub(super) fn LanguageNotes(notes: Vec<LanguageNote>) -> impl IntoView {
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
