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
    // A refusal about one field focuses that field (see `problem_with`); any other is focused
    // itself, so a refused form post lands on its message.
    let focused = error.field().is_none();
    let message = if focused { error.to_string() } else { format!("Not saved. {error}") };
    view! {
        <div class="notice error" role="alert" tabindex="-1" autofocus=focused>
            <p>{message}</p>
            {(!rows.is_empty()).then(|| view! {
                <ul class="problems">
                    {rows.into_iter().map(|row| view! { <li>{row}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// A page whose data was refused or failed: the message in its place and, while the server
/// renders it, the refusal's status for the whole page (a page nobody may read answers 404,
/// as the server function behind it does).
#[component]
pub fn PageError(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::from_u16(error.status_code()).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR));
    }
    view! { <ErrorNotice error /> }
}

/// The confirmation a form post left for the section headed `anchor`, shown once where the
/// person lands.
#[component]
pub fn SavedNotice(anchor: &'static str) -> impl IntoView {
    let notice = with_context::<crate::model::PageFrame, _>(|frame| frame.notice.clone()).flatten().filter(|notice| notice.anchor == anchor);
    notice.map(|notice| view! { <p class="notice success" role="status" data-anchor=notice.anchor>{notice.message}</p> })
}

/// What was typed into `name` of the form posting to `action`, when the server has just refused
/// that form (see `server::http::server_fn_status`): the field shows it again instead of its saved value.
pub fn kept(action: &str, name: &str) -> Option<String> {
    // Read in place: a page asks for dozens of fields, and the frame is not small.
    with_context::<crate::model::PageFrame, _>(|frame| frame.returned.as_ref()?.value(action, name)).flatten()
}

/// Whether a checkbox or radio named `name` (or `name[...]`) was sent with `value`, when the server
/// has just refused the form posting to `action`.
pub fn kept_choice(action: &str, name: &str, value: &str) -> Option<bool> {
    with_context::<crate::model::PageFrame, _>(|frame| frame.returned.as_ref()?.has(action, name, value)).flatten()
}

/// True when the action's latest result is a refusal: the section holding its form then renders
/// open, so the message beside the form is seen.
pub fn refused<T: Clone + Send + Sync + 'static>(result: impl Into<Signal<Option<Result<T, AppError>>>>) -> bool {
    refusal(result).is_some()
}

/// What the server said about one field of a refused form: shown beside the field, which points
/// to it (`aria-describedby`), is marked invalid and takes the focus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    /// The id of the message element.
    pub id: String,
    /// The message.
    pub message: String,
}

/// The refusal of the action's last post, if it was refused.
pub fn refusal<T: Clone + Send + Sync + 'static>(result: impl Into<Signal<Option<Result<T, AppError>>>>) -> Option<AppError> {
    result.into().get_untracked().and_then(Result::err)
}

/// What `refusal` says about the form field `name`, for the input `input_id`.
pub fn problem_with(refusal: &Option<AppError>, input_id: &str, name: &str) -> Option<FieldProblem> {
    match refusal {
        Some(AppError::Field { field, message }) if field == name => Some(FieldProblem { id: format!("{input_id}-problem"), message: message.clone() }),
        _ => None,
    }
}

/// The `aria-invalid` value of a field with `problem`.
pub fn invalid(problem: &Option<FieldProblem>) -> Option<&'static str> {
    problem.as_ref().map(|_| "true")
}

/// The `aria-describedby` value of a field with `problem`.
pub fn described_by(problem: &Option<FieldProblem>) -> Option<String> {
    problem.as_ref().map(|problem| problem.id.clone())
}

/// The message beside a field the server refused.
#[component]
pub fn ProblemText(problem: Option<FieldProblem>) -> impl IntoView {
    problem.map(|problem| view! { <p class="field-error" id=problem.id>{problem.message}</p> })
}

/// What was typed into `name` of a refused post to `action` about one item of a list (the post's
/// `id_field` is `id`); `None` for every other item's form.
pub fn kept_for(action: &str, id_field: &str, id: i64, name: &str) -> Option<String> {
    (kept(action, id_field)? == id.to_string()).then(|| kept(action, name)).flatten()
}

/// True when the last refused post to `action` was about the item `id` (its `id_field`).
pub fn refused_item(action: &str, id_field: &str, id: i64) -> bool {
    kept(action, id_field).is_some_and(|sent| sent == id.to_string())
}

/// The refusal of the action's last post when that post was about the list item `id` (its
/// `id_field`, posted to `action`); none for every other item.
pub fn refusal_for<T: Clone + Send + Sync + 'static>(result: impl Into<Signal<Option<Result<T, AppError>>>>, action: &str, id_field: &str, id: i64) -> Option<AppError> {
    if refused_item(action, id_field, id) { refusal(result) } else { None }
}
