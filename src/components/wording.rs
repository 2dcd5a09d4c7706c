//! The one interactive island: a text area that points out judging words while the manager types.

use leptos::prelude::*;

/// A text area for words about the event (the debrief, a check-in's shared summary). As the
/// manager types, it lists words that judge the person rather than the event, with a better way to
/// say each: the same check the plan page runs on saved text, so without JavaScript the advice
/// still comes, after saving. Advice only: it never blocks anything.
#[island]
pub fn WordingCheckedText(id: String, name: String, rows: u32, value: String) -> impl IntoView {
    let text = RwSignal::new(value.clone());
    let advice_id = format!("{id}-wording");
    // One text node whatever the findings: the server and the browser must build the same nodes.
    let advice = move || {
        let findings = crate::playbook::language::check(&text.read());
        if findings.is_empty() {
            return String::new();
        }
        let mut advice = String::from("Wording to reconsider:");
        for finding in findings {
            advice.push_str(&format!(" \u{201c}{}\u{201d}: {}", finding.phrase, finding.suggestion));
        }
        advice
    };
    view! {
        <textarea
            id=id
            name=name
            rows=rows
            maxlength="4000"
            aria-describedby=advice_id.clone()
            on:input=move |event| text.set(event_target_value(&event))
            inner_html=crate::components::text_area::text_area_content(&value)
        ></textarea>
        <p id=advice_id class="wording-advice" aria-live="polite">{advice}</p>
    }
}
