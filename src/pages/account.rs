//! `/account/password`: choose a new password (required after an admin issued a temporary one).

use crate::api::auth::ChangePassword;
use crate::app::page_session;
use crate::components::feedback::ActionError;
use leptos::prelude::*;
use leptos_meta::Title;

/// The change-password form.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let must_change = page_session().viewer.is_some_and(|viewer| viewer.must_change_password);
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
            <ActionForm action=change attr:class="stack">
                <label for="current_password">"Current password"</label>
                <input id="current_password" name="current_password" type="password" required autocomplete="current-password" />
                <label for="new_password">"New password"</label>
                <input id="new_password" name="new_password" type="password" required minlength="12" autocomplete="new-password" aria-describedby="new-password-rule" />
                <p id="new-password-rule" class="hint">"At least 12 characters; no other rules. Common passwords are refused."</p>
                <label for="confirm_password">"New password again"</label>
                <input id="confirm_password" name="confirm_password" type="password" required minlength="12" autocomplete="new-password" />
                <button type="submit" class="primary">"Save new password"</button>
            </ActionForm>
            <p class="hint">"Changing your password signs you out everywhere else."</p>
        </section>
    }
}
