//! The page for addresses that lead nowhere.

use leptos::prelude::*;
use leptos_meta::Title;

/// "Not found", with the 404 status on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Not found" />
        <section class="narrow">
            <h1>"This page does not exist"</h1>
            <p>"The address may be mistyped, or the page may have moved."</p>
            <p><a href="/" rel="external">"Go to your start page"</a></p>
        </section>
    }
}
