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
        <div class="notice error" role="alert">
            <p>{error.to_string()}</p>
            {(!rows.is_empty()).then(|| view! {
                <ul class="problems">
                    {rows.into_iter().map(|row| view! { <li>{row}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// A confirmation shown when an action succeeded.
#[component]
pub fn SuccessNotice(
    /// True once the action has succeeded.
    #[prop(into)]
    when: Signal<bool>,
    /// What to say.
    message: &'static str,
) -> impl IntoView {
    move || when.get().then(|| view! { <p class="notice success" role="status">{message}</p> })
}

/// True when the action's latest result is a success.
pub fn succeeded<T: 'static>(result: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static) -> Signal<bool> {
    Signal::derive(move || matches!(result.get(), Some(Ok(_))))
}
