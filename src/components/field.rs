//! One labelled input of a form, carrying what the server said about it when it refused the form.

use crate::components::feedback::{ProblemText, described_by, invalid, problem_with};
use crate::components::text_area::text_area_content;
use crate::components::wording::length_note;
use crate::model::{AppError, MAX_TEXT_LEN};
use leptos::prelude::*;

/// A labelled text or date input. When `refusal` is about this field (its `name`), the message
/// sits beside it, the input is marked invalid, points to the message and takes the focus.
#[component]
pub fn Field(
    /// The input's id, unique on the page.
    #[prop(into)]
    id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    /// The input type: "text" (default), "date", "email", "password" or "number".
    #[prop(default = "text")]
    kind: &'static str,
    /// What the input shows: the typed value of a refused post, or the saved one.
    #[prop(optional, into)]
    value: Option<String>,
    #[prop(optional)] required: bool,
    /// The latest day a date input accepts, or the largest number.
    #[prop(optional, into)]
    max: Option<String>,
    /// The smallest number a number input accepts.
    #[prop(optional)]
    min: Option<&'static str>,
    /// The shortest a password may be (the server says so too, with a message).
    #[prop(optional)]
    minlength: Option<&'static str>,
    /// What the browser may fill in ("email", "new-password", "off").
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// A short hint under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Extra classes for the field's wrapper ("only-paired_work" shows it for one task kind).
    #[prop(optional)]
    class: &'static str,
    /// The refusal of the form's last post, if any.
    #[prop(optional_no_strip)]
    refusal: Option<AppError>,
) -> impl IntoView {
    let problem = problem_with(&refusal, &id, &name);
    let hint_id = format!("{id}-hint");
    let described = match (&problem, hint) {
        (Some(problem), Some(_)) => Some(format!("{hint_id} {}", problem.id)),
        (Some(_), None) => described_by(&problem),
        (None, Some(_)) => Some(hint_id.clone()),
        (None, None) => None,
    };
    view! {
        <div class=format!("field {class}")>
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
            <input
                id=id
                name=name
                type=kind
                value=value
                required=required
                max=max
                min=min
                minlength=minlength
                autocomplete=autocomplete
                aria-invalid=invalid(&problem)
                aria-describedby=described
                autofocus=problem.is_some()
            />
            <ProblemText problem />
        </div>
    }
}

/// A labelled text area for free text (up to `limit` characters, [`MAX_TEXT_LEN`] unless said). Near the limit it says
/// how much is used (live with JavaScript, through `enhance.js`; for a refused text, as the page
/// renders); when `refusal` is about this field, the message sits beside it as [`Field`] does.
/// Nothing typed is ever cut short: the browser is given no `maxlength`.
#[component]
pub fn TextField(
    /// The text area's id, unique on the page.
    #[prop(into)]
    id: String,
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(default = 2)] rows: u32,
    /// The typed value of a refused post, or the saved one.
    #[prop(into)]
    value: String,
    #[prop(optional)] required: bool,
    /// The most characters the server takes.
    #[prop(default = MAX_TEXT_LEN)]
    limit: usize,
    /// The refusal of the form's last post, if any.
    #[prop(optional_no_strip)]
    refusal: Option<AppError>,
) -> impl IntoView {
    let problem = problem_with(&refusal, &id, name);
    let length_id = format!("{id}-length");
    let described = match &problem {
        Some(problem) => format!("{length_id} {}", problem.id),
        None => length_id.clone(),
    };
    let length = length_note(value.chars().count(), limit);
    view! {
        <label for=id.clone()>{label}</label>
        <textarea
            id=id
            name=name
            rows=rows
            required=required
            data-limit=limit
            aria-invalid=invalid(&problem)
            aria-describedby=described
            autofocus=problem.is_some()
            inner_html=text_area_content(&value)
        ></textarea>
        <p id=length_id class="hint length" aria-live="polite">{length}</p>
        <ProblemText problem />
    }
}
