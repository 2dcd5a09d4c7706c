//! `/login` and `/logout`.

use crate::api::auth::{Login, Logout};
use crate::components::feedback::{ActionError, kept};
use crate::components::post_form::PostForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Sign-in form. A plain form post; the server sends the browser on to the next page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let notice = move || {
        let query = query.read();
        if query.get("signed_out").is_some() {
            Some("You have signed out.")
        } else if query.get("setup").is_some() {
            Some("Your admin account is ready. Sign in with it.")
        } else if query.get("next").is_some() {
            Some("Please sign in to continue.")
        } else {
            None
        }
    };
    view! {
        <Title text="Sign in" />
        <section class="narrow card">
            <h1>"Sign in"</h1>
            {move || notice().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <ActionError result=login.value() />
            <PostForm action=login class="stack">
                <input type="hidden" name="next" value=next />
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="username" required value=kept("/api/login", "email") />
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required />
                <button type="submit" class="primary">"Sign in"</button>
            </PostForm>
            <p class="hint">"Forgot your password? Ask your administrator to issue a temporary one."</p>
        </section>
    }
}

/// A page with one button that signs out (sign-out changes state, so it is a POST).
#[component]
pub fn LogoutPage() -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    view! {
        <Title text="Sign out" />
        <section class="narrow card">
            <h1>"Sign out"</h1>
            <p>"Signing out ends your session on this device."</p>
            <PostForm action=logout>
                <button type="submit" class="primary">"Sign out"</button>
            </PostForm>
        </section>
    }
}
