//! The one interactive island: a text area that points out judging words while the manager types.

use leptos::prelude::*;

/// A text area for words about the event (the debrief, a check-in's shared summary). As the
/// manager types, it lists words that judge the person rather than the event, with a better way to
/// say each: the same check the plan page runs on saved text, so without JavaScript the advice
/// still comes, after saving. Advice only: it never blocks anything.
#[island]
pub fn WordingCheckedText(id: String, name: String, rows: u32, value: String) -> impl IntoView {
    crate::components::bundle::note_island();
    let text = RwSignal::new(value.clone());
    let advice_id = format!("{id}-wording");
    let length_id = format!("{id}-length");
    let described_by = format!("{advice_id} {length_id}");
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
            aria-describedby=described_by
            on:input=move |event| text.set(event_target_value(&event))
            inner_html=crate::components::text_area::text_area_content(&value)
        ></textarea>
        <p id=advice_id class="wording-advice" aria-live="polite">{advice}</p>
        <p id=length_id class="hint length" aria-live="polite">{move || length_note(text.read().chars().count())}</p>
    }
}

/// What a text field says about its length: nothing until it nears the limit, then how much of it
/// is used, or how far over it the text is. The browser never cuts pasted text short: the server
/// refuses a text over the limit with a message and hands the text back.
pub fn length_note(length: usize) -> String {
    let max = crate::model::MAX_TEXT_LEN;
    if length > max {
        format!("{} characters over the limit of {max}: shorten it before saving.", length - max)
    } else if length + 400 >= max {
        format!("{length} of {max} characters.")
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::length_note;

    #[test]
    fn the_length_shows_near_the_limit_and_beyond_it() {
        assert_eq!(length_note(10), "");
        assert_eq!(length_note(3_599), "");
        assert_eq!(length_note(3_600), "3600 of 4000 characters.");
        assert_eq!(length_note(4_000), "4000 of 4000 characters.");
        assert_eq!(length_note(10_000), "6000 characters over the limit of 4000: shorten it before saving.");
    }
}
