//! The scaffold every data page shares: wait for the server's answer, then show the page, or the
//! error in its place.

use crate::components::feedback::PageError;
use crate::model::AppError;
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Shows `show(value)` once `data` has loaded, or the error (under `error_heading`, when the page
/// has no heading of its own outside this piece).
#[component]
pub fn Loaded<T, F, V>(
    data: Resource<Result<T, AppError>>,
    show: F,
    /// The page's heading, shown above the error when loading failed.
    #[prop(optional)]
    error_heading: Option<&'static str>,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { {error_heading.map(|heading| view! { <h1>{heading}</h1> })}<PageError error /> }.into_any(),
                        Ok(value) => show(value).into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
