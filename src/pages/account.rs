//! `/account/password`: choose a new password (required after an admin issued a temporary one).

use crate::api::auth::ChangePassword;
use crate::components::feedback::{ActionError, refusal};
use crate::components::field::Field;
use crate::components::layout::page_frame;
use crate::components::post_form::PostForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// The change-password form.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let must_change = page_frame().viewer.is_some_and(|viewer| viewer.must_change_password);
    let refused = refusal(change.value());
    view! {
        <Title text="Change password" />
        <section class="narrow card">
            <h1>"Change your password"</h1>
            {must_change.then(|| view! {
                <p class="notice" role="status">
                    "You signed in with a temporary password. Choose your own to continue."
                </p>
            })}
            <ActionError result=change.value() />
            <PostForm action=change class="stack">
                <Field id="current_password" name="current_password" kind="password" label="Current password" required=true autocomplete="current-password" refusal=refused.clone() />
                <Field id="new_password" name="new_password" kind="password" label="New password" required=true minlength="12" autocomplete="new-password"
                    hint="At least 12 characters; no other rules. Common passwords are refused." refusal=refused.clone() />
                <Field id="confirm_password" name="confirm_password" kind="password" label="New password again" required=true minlength="12" autocomplete="new-password" refusal=refused />
                <button type="submit" class="primary">"Save new password"</button>
            </PostForm>
            <p class="hint">"Changing your password signs you out everywhere else."</p>
        </section>
    }
}
