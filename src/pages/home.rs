//! `/`: sends each person to their place; people without a dedicated place see a welcome.

use crate::app::page_session;
use crate::model::Viewer;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let session = page_session();
    let content = match session.viewer {
        None if session.setup_pending => view! { <SetupNeeded /> }.into_any(),
        None => view! { <Redirect path="/login" /> }.into_any(),
        Some(viewer) => match viewer.home_path() {
            Some(path) => view! { <Redirect path=path /> }.into_any(),
            None => view! { <Welcome viewer /> }.into_any(),
        },
    };
    view! {
        <Title text="Home" />
        {content}
    }
}

/// A fresh instance: nobody can sign in until the first administrator is created.
#[component]
fn SetupNeeded() -> impl IntoView {
    view! {
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

#[component]
fn Welcome(viewer: Viewer) -> impl IntoView {
    view! {
        <section class="narrow">
            <h1>"Welcome, " {viewer.display_name}</h1>
            <p class="lead">
                "Rebound helps a manager and a team member work through a structured, private recovery plan after a setback at work."
            </p>
            <p>
                "When your manager shares a recovery plan with you, it appears here. Only you and your current manager can read it."
            </p>
            {viewer.is_hr.then(|| view! {
                <p>"As HR you will see anonymised statistics on how recovery plans are used, never who has one."</p>
            })}
        </section>
    }
}
