//! `/`: the Today page for a signed-in person (see `pages::today`), sign-in for visitors, and a
//! word on setting up for a fresh instance.

use crate::components::layout::page_frame;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let frame = page_frame();
    match frame.viewer {
        None if frame.setup_pending => view! { <SetupNeeded /> }.into_any(),
        None => view! { <Redirect path="/login" /> }.into_any(),
        Some(viewer) if viewer.must_change_password => view! { <Redirect path=viewer.home_path() /> }.into_any(),
        Some(viewer) => view! { <crate::pages::today::TodayPage viewer /> }.into_any(),
    }
}

/// A fresh instance: nobody can sign in until the first administrator is created.
#[component]
fn SetupNeeded() -> impl IntoView {
    view! {
        <leptos_meta::Title text="Set up" />
        <section class="narrow card">
            <h1>"Rebound needs setting up"</h1>
            <p>"This instance has no administrator yet, so nobody can sign in."</p>
            <p>
                "Whoever started the server has a one-time setup link: it was printed when the server started "
                "(look for “setup” in its output). Open it to create the first administrator. "
                "Restarting the server prints a fresh link."
            </p>
        </section>
    }
}
