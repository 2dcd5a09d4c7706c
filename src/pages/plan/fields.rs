//! The event and debrief fields, shared by the new-plan form and the debrief editor.

use crate::components::feedback::{ProblemText, kept, kept_choice, problem_with};
use crate::components::field::Field;
use crate::components::wording::WordingCheckedText;
use crate::model::{AppError, Debrief, PlanEvent, Visibility};
use crate::playbook::{DRIVERS, PRESSURE_POINTS};
use leptos::prelude::*;

/// Every input of the event and the debrief, pre-filled when editing.
#[component]
pub fn EventAndDebriefFields(
    event: Option<PlanEvent>,
    debrief: Option<Debrief>,
    today: String,
    /// The pressure point a template starts from, when there is no event yet.
    #[prop(optional)]
    preset_kind: Option<&'static str>,
    /// The endpoint the form posts to: a refused post of it shows what was typed.
    action: &'static str,
    /// The refusal of the form's last post: its message shows beside the field it is about.
    #[prop(optional_no_strip)]
    refusal: Option<AppError>,
) -> impl IntoView {
    let problem = |name: &str| problem_with(&refusal, name, name);
    let debrief = debrief.unwrap_or_default();
    let typed = |name: &str, saved: String| kept(action, name).unwrap_or(saved);
    let kind = typed("event_kind", event.as_ref().map(|e| e.kind.clone()).or(preset_kind.map(str::to_owned)).unwrap_or_default());
    let visibility = match kept(action, "event_visibility").as_deref() {
        Some("private") => Visibility::Private,
        Some(_) => Visibility::Public,
        None => event.as_ref().map(|e| e.visibility).unwrap_or(Visibility::Public),
    };
    let title = typed("event_title", event.as_ref().map(|e| e.title.clone()).unwrap_or_default());
    let date = typed("event_date", event.as_ref().map(|e| e.date.to_string()).unwrap_or_default());
    let what_happened = typed("what_happened", debrief.what_happened.clone());
    let what_is_known = typed("what_is_known", debrief.what_is_known.clone());
    let open_questions = typed("open_questions", debrief.open_questions.clone());
    let technical_fix = typed("technical_fix", debrief.technical_fix.clone());
    let communication_change = typed("communication_change", debrief.communication_change.clone());
    view! {
        <fieldset>
            <legend>"The event"</legend>
            <Field id="event_title" name="event_title" label="Short title" required=true value=title refusal=refusal.clone() />
            <Field id="event_date" name="event_date" kind="date" label="When it happened" required=true max=today value=date refusal=refusal.clone() />
            <label for="event_kind">"What kind of setback"</label>
            <select id="event_kind" name="event_kind" required>
                {PRESSURE_POINTS.items.iter().map(|point| view! {
                    <option value=point.id selected=kind == point.id>{point.title}</option>
                }).collect_view()}
                <option value="other" selected=kind == "other">"Something else"</option>
            </select>
            <fieldset class="inline-choices">
                <legend>"Did it happen in front of others?"</legend>
                <label class="check"><input type="radio" name="event_visibility" value="public" checked=visibility == Visibility::Public />" Yes, in public"</label>
                <label class="check"><input type="radio" name="event_visibility" value="private" checked=visibility == Visibility::Private />" No, in private"</label>
            </fieldset>
        </fieldset>
        <fieldset>
            <legend>"Debrief: facts, not blame"</legend>
            <label for="what_happened">"What happened"</label>
            <WordingCheckedText id="what_happened".to_owned() name="what_happened".to_owned() rows=3 value=what_happened problem=problem("what_happened").map(|problem| problem.id) />
            <ProblemText problem=problem("what_happened") />
            <label for="what_is_known">"What is known"</label>
            <WordingCheckedText id="what_is_known".to_owned() name="what_is_known".to_owned() rows=2 value=what_is_known problem=problem("what_is_known").map(|problem| problem.id) />
            <ProblemText problem=problem("what_is_known") />
            <label for="open_questions">"Open questions"</label>
            <WordingCheckedText id="open_questions".to_owned() name="open_questions".to_owned() rows=2 value=open_questions problem=problem("open_questions").map(|problem| problem.id) />
            <ProblemText problem=problem("open_questions") />
            <fieldset>
                <legend>"Drivers that seem to be at work"</legend>
                {DRIVERS.items.iter().enumerate().map(|(index, driver)| view! {
                    <label class="check" title=driver.text>
                        <input type="checkbox" name=format!("drivers[{index}]") value=driver.id checked=kept_choice(action, "drivers[", driver.id).unwrap_or_else(|| debrief.drivers.iter().any(|d| d == driver.id)) />
                        " " {driver.title}
                    </label>
                }).collect_view()}
            </fieldset>
            <Field id="technical_fix" name="technical_fix" label="One technical fix" value=technical_fix refusal=refusal.clone() />
            <Field id="communication_change" name="communication_change" label="One communication change" value=communication_change refusal=refusal.clone() />
        </fieldset>
    }
}
