//! Messages shown after an action: errors (with every listed problem) and confirmations.

use crate::model::AppError;
use leptos::prelude::*;

/// Shows the error of a finished action, if it failed. Announced to screen readers.
#[component]
pub fn ActionError<T: Clone + Send + Sync + 'static>(
    /// The action's latest result.
    #[prop(into)]
    result: Signal<Option<Result<T, AppError>>>,
) -> impl IntoView {
    move || match result.get() {
        Some(Err(error)) => Some(view! { <ErrorNotice error /> }),
        _ => None,
    }
}

/// One error, in words fit to show, with any per-row problems listed.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let rows = match &error {
        AppError::InvalidRows(rows) => rows.clone(),
        _ => Vec::new(),
    };
    view! {
        // Focused on load, so a refused form post lands on its message.
        <div class="notice error" role="alert" tabindex="-1" autofocus>
            <p>{error.to_string()}</p>
            {(!rows.is_empty()).then(|| view! {
                <ul class="problems">
                    {rows.into_iter().map(|row| view! { <li>{row}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// The confirmation a form post left for the section headed `anchor`, shown once where the
/// person lands.
#[component]
pub fn SavedNotice(anchor: &'static str) -> impl IntoView {
    let notice = use_context::<crate::model::Session>().and_then(|session| session.notice).filter(|notice| notice.anchor == anchor);
    notice.map(|notice| view! { <p class="notice success" role="status">{notice.message}</p> })
}

/// What was typed into `name` of the form posting to `action`, when the server has just refused
/// that form (see `api::guard::respond`): the field shows it again instead of its saved value.
pub fn kept(action: &str, name: &str) -> Option<String> {
    use_context::<crate::model::Session>()?.returned?.value(action, name)
}

/// Whether a checkbox or radio named `name` (or `name[...]`) was sent with `value`, when the server
/// has just refused the form posting to `action`.
pub fn kept_choice(action: &str, name: &str, value: &str) -> Option<bool> {
    use_context::<crate::model::Session>()?.returned?.has(action, name, value)
}

/// True when the action's latest result is a refusal: the section holding its form then renders
/// open, so the message beside the form is seen.
pub fn refused<T: Clone + Send + Sync + 'static>(result: impl Into<Signal<Option<Result<T, AppError>>>>) -> bool {
    matches!(result.into().get_untracked(), Some(Err(_)))
}
