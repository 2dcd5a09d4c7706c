//! The browser bundle (JS glue and WASM) goes only to pages that hold an island: every other page
//! works as plain HTML and has nothing for it to do.

use crate::model::AssetUrls;
use leptos::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set while a page renders on the server once it holds an island (see [`note_island`]).
#[derive(Debug, Clone, Default)]
pub struct IslandsOnPage(Arc<AtomicBool>);

impl IslandsOnPage {
    /// Whether an island has rendered on this page so far.
    pub fn any(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Tells the server this page is never hydrated as a whole, so it serialises no resource data into
/// the page for a hydration that will not happen. Leptos's hydration scripts say so in islands
/// mode as they render; ours render after the page ([`BundleScripts`]), too late for the page's
/// own data, so the shell says it first.
pub fn islands_only() {
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
}

/// Called by every island as it renders: the page needs the bundle. Does nothing in the browser.
pub fn note_island() {
    if let Some(flag) = use_context::<IslandsOnPage>() {
        flag.0.store(true, Ordering::Relaxed);
    }
}

/// Leptos's hydration scripts, pointed at the hashed bundle folder, when the page holds an
/// island. Placed after the page in `<body>`, and rendered as a suspended part: the server
/// streams suspended parts in document order, so by then every island of the page has rendered
/// (a plain closure here would run before the page's own suspended part).
#[component]
pub fn BundleScripts(options: LeptosOptions) -> impl IntoView {
    let islands = use_context::<IslandsOnPage>().unwrap_or_default();
    let assets = use_context::<Arc<AssetUrls>>().unwrap_or_default();
    view! {
        <Suspense>
            {move || {
                let (islands, assets, options) = (islands.clone(), assets.clone(), options.clone());
                Suspend::new(async move {
                    islands.any().then(|| {
                        let mut options = options;
                        options.site_pkg_dir = assets.bundle_dir.clone().into();
                        view! { <HydrationScripts options islands=true /> }
                    })
                })
            }}
        </Suspense>
    }
}
