//! `/unsubscribe/{token}`: where an email's unsubscribe link leads. Opening it changes nothing
//! (mail scanners open links); the button does.

use crate::api::agenda::Unsubscribe;
use crate::components::feedback::{ActionError, SavedNotice};
use crate::components::post_form::PostForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The unsubscribe page.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let token = use_params_map().with_untracked(|params| params.get("token").unwrap_or_default());
    let unsubscribe = ServerAction::<Unsubscribe>::new();
    view! {
        <Title text="Stop these emails" />
        <section class="narrow card" aria-labelledby="unsubscribe">
            <h1 id="unsubscribe" tabindex="-1">"Stop these emails"</h1>
            <SavedNotice anchor="unsubscribe" />
            <ActionError result=unsubscribe.value() />
            <p>"Rebound will stop sending you emails of the kind this link came with. Nothing else changes."</p>
            <PostForm action=unsubscribe>
                <input type="hidden" name="token" value=token />
                <button type="submit" class="primary">"Stop these emails"</button>
            </PostForm>
            <p class="hint">"Signed in, you can choose exactly what you get on your " <a href="/account#email">"account page"</a> "."</p>
        </section>
    }
}
