//! The one way the plan page posts a change: a form for a plan action that carries the plan's id
//! and shows the action's refusal right above its fields.

use crate::components::feedback::ActionError;
use crate::components::post_form::PostForm;
use crate::model::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// A form posting `action` for plan `plan_id`. The refusal of its last post, if any, is shown
/// first, so the person reads it before the fields it is about.
#[component]
pub fn PlanForm<ServFn>(
    action: ServerAction<ServFn>,
    plan_id: i64,
    /// The form's layout class: "stack" (fields under each other) or "inline".
    #[prop(default = "stack")]
    class: &'static str,
    /// Whether the refusal shows here; a list of per-item forms shows it once above the list.
    #[prop(default = true)]
    shows_error: bool,
    children: Children,
) -> impl IntoView
where
    ServFn: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    ServFn::Output: Clone + Send + Sync + 'static,
{
    view! {
        {shows_error.then(|| view! { <ActionError result=action.value() /> })}
        <PostForm action class=class>
            <input type="hidden" name="plan_id" value=plan_id.to_string() />
            {children()}
        </PostForm>
    }
}
