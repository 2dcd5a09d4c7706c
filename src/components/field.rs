//! One labelled input of a form, carrying what the server said about it when it refused the form.

use crate::components::feedback::{ProblemText, described_by, invalid, problem_with};
use crate::model::AppError;
use leptos::prelude::*;

/// A labelled text or date input. When `refusal` is about this field (its `name`), the message
/// sits beside it, the input is marked invalid, points to the message and takes the focus.
#[component]
pub fn Field(
    /// The input's id, unique on the page.
    #[prop(into)]
    id: String,
    name: &'static str,
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
    let problem = problem_with(&refusal, &id, name);
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
