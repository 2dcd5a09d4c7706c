//! `/setup`: claim a new instance with the one-time token the server printed.

use crate::api::auth::ClaimInstance;
use crate::app::page_session;
use crate::components::feedback::{ActionError, kept};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Creates the first admin.
#[component]
pub fn SetupPage() -> impl IntoView {
    let claim = ServerAction::<ClaimInstance>::new();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    if !page_session().setup_pending {
        return view! {
            <Title text="Set up Rebound" />
            <section class="narrow card">
                <h1>"Rebound is already set up"</h1>
                <p>"This instance has an administrator, so the setup link no longer works. " <a href="/login">"Sign in"</a> " instead."</p>
            </section>
        }
        .into_any();
    }
    view! {
        <Title text="Set up Rebound" />
        <section class="narrow card">
            <h1>"Set up Rebound"</h1>
            <p>
                "Create the first administrator. You need the one-time setup link the server printed when it started; "
                "it stops working once an administrator exists."
            </p>
            <ActionError result=claim.value() />
            <ActionForm action=claim attr:class="stack">
                <label for="token">"Setup token"</label>
                <input id="token" name="token" type="text" required autocomplete="off" value=token />
                <label for="display_name">"Your name"</label>
                <input id="display_name" name="display_name" type="text" required autocomplete="name" value=kept("/api/setup", "display_name") />
                <label for="email">"Your email"</label>
                <input id="email" name="email" type="email" required autocomplete="username" value=kept("/api/setup", "email") />
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" required minlength="12" autocomplete="new-password" aria-describedby="password-rule" />
                <p id="password-rule" class="hint">"At least 12 characters. A few unrelated words make a strong, memorable password."</p>
                <label for="confirm_password">"Password again"</label>
                <input id="confirm_password" name="confirm_password" type="password" required minlength="12" autocomplete="new-password" />
                <button type="submit" class="primary">"Create administrator"</button>
            </ActionForm>
        </section>
    }
    .into_any()
}
