//! `/setup`: claim a new instance with the one-time token the server printed.

use crate::api::auth::ClaimInstance;
use crate::components::feedback::{ActionError, kept, refusal};
use crate::components::field::Field;
use crate::components::layout::page_frame;
use crate::components::post_form::PostForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Creates the first admin.
#[component]
pub fn SetupPage() -> impl IntoView {
    let claim = ServerAction::<ClaimInstance>::new();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    if !page_frame().setup_pending {
        return view! {
            <Title text="Set up Rebound" />
            <section class="narrow card">
                <h1>"Rebound is already set up"</h1>
                <p>"This instance has an administrator, so the setup link no longer works. " <a href="/login">"Sign in"</a> " instead."</p>
            </section>
        }
        .into_any();
    }
    let refused = refusal(claim.value());
    view! {
        <Title text="Set up Rebound" />
        <section class="narrow card">
            <h1>"Set up Rebound"</h1>
            <p>
                "Create the first administrator. You need the one-time setup link the server printed when it started; "
                "it stops working once an administrator exists."
            </p>
            <ActionError result=claim.value() />
            <PostForm action=claim class="stack">
                <Field id="token" name="token" label="Setup token" required=true autocomplete="off" value=token() refusal=refused.clone() />
                <Field id="display_name" name="display_name" label="Your name" required=true autocomplete="name" value=kept("/api/setup", "display_name").unwrap_or_default() refusal=refused.clone() />
                <Field id="email" name="email" kind="email" label="Your email" required=true autocomplete="username" value=kept("/api/setup", "email").unwrap_or_default() refusal=refused.clone() />
                <Field id="password" name="password" kind="password" label="Password" required=true minlength="12" autocomplete="new-password"
                    hint="At least 12 characters. A few unrelated words make a strong, memorable password." refusal=refused.clone() />
                <Field id="confirm_password" name="confirm_password" kind="password" label="Password again" required=true minlength="12" autocomplete="new-password" refusal=refused />
                <button type="submit" class="primary">"Create administrator"</button>
            </PostForm>
        </section>
    }
    .into_any()
}
