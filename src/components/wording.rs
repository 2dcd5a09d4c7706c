//! The one interactive island: a text area that points out judging words while the manager types.

use leptos::prelude::*;

/// A text area for words about the event (the debrief, a check-in's shared summary). As the
/// manager types, it lists words that judge the person rather than the event, with a better way to
/// say each: the same check the plan page runs on saved text, so without JavaScript the advice
/// still comes, after saving. Advice only: it never blocks anything.
///
/// `problem` is the id of the message beside it when the server refused what was typed here: the
/// text area is then marked invalid, points to the message and takes the focus.
#[island]
pub fn WordingCheckedText(id: String, name: String, rows: u32, value: String, problem: Option<String>) -> impl IntoView {
    crate::components::bundle::note_island();
    let text = RwSignal::new(value.clone());
    let advice_id = format!("{id}-wording");
    let length_id = format!("{id}-length");
    let invalid = problem.is_some().then_some("true");
    let focused = problem.is_some();
    let described_by = match problem {
        Some(problem) => format!("{advice_id} {length_id} {problem}"),
        None => format!("{advice_id} {length_id}"),
    };
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
            aria-invalid=invalid
            autofocus=focused
            on:input=move |event| text.set(event_target_value(&event))
            inner_html=crate::components::text_area::text_area_content(&value)
        ></textarea>
        <p id=advice_id class="wording-advice" aria-live="polite">{advice}</p>
        <p id=length_id class="hint length" aria-live="polite">{move || length_note(text.read().chars().count(), crate::model::MAX_TEXT_LEN)}</p>
    }
}

/// What a text field says about its length against its limit `max`: nothing until the text is
/// within a tenth of it, then how much of it is used, or how far over it the text is. The browser
/// never cuts pasted text short: the server refuses a text over the limit with a message and
/// hands the text back. `enhance.js` words it the same way as the person types.
pub fn length_note(length: usize, max: usize) -> String {
    if length > max {
        format!("{} characters over the limit of {max}: shorten it before saving.", length - max)
    } else if length + max / 10 >= max {
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
        assert_eq!(length_note(10, 4_000), "");
        assert_eq!(length_note(3_599, 4_000), "");
        assert_eq!(length_note(3_600, 4_000), "3600 of 4000 characters.");
        assert_eq!(length_note(4_000, 4_000), "4000 of 4000 characters.");
        assert_eq!(length_note(10_000, 4_000), "6000 characters over the limit of 4000: shorten it before saving.");
        assert_eq!(length_note(449, 500), "");
        assert_eq!(length_note(450, 500), "450 of 500 characters.");
    }
}
