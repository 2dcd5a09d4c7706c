//! The frame around every page: skip link, header with the places the viewer has, demo banner.

use crate::api::auth::Logout;
use crate::components::post_form::PostForm;
use crate::model::{PageFrame, Viewer};
use leptos::prelude::*;

/// What the frame and pages know about the request: who is signed in, the organisation's name
/// and the demo flag. The server loads it before rendering (see `server::frame`); a page
/// rendered without it (none should be) shows the defaults.
pub fn page_frame() -> PageFrame {
    use_context::<PageFrame>().unwrap_or_else(|| PageFrame::with_defaults(None))
}

/// Header, navigation and main landmark around the page content.
#[component]
pub fn Frame(children: Children) -> impl IntoView {
    let frame = page_frame();
    view! {
        <a class="skip-link" href="#content">"Skip to content"</a>
        <Header frame />
        <main id="content" class="page" tabindex="-1">
            <crate::components::feedback::SavedNotice anchor="content" />
            {children()}
        </main>
    }
}

#[component]
fn Header(frame: PageFrame) -> impl IntoView {
    let PageFrame { organisation_name: organisation, is_demo, viewer, needs_now, .. } = frame;
    // The demo banner sits inside the header landmark, so every part of the page belongs to one.
    view! {
        <header>
            {is_demo.then(|| view! {
                <p class="demo-banner" role="note">
                    "Demo data: everyone here is invented. Do not enter real information."
                </p>
            })}
            <div class="site-header">
                <a class="brand" href="/" rel="external">
                    <span class="brand-mark" aria-hidden="true">"↺"</span>
                    " Rebound"
                    {(!organisation.is_empty()).then(|| view! { <span class="organisation">{organisation}</span> })}
                </a>
                {viewer.map(|viewer| view! { <Navigation viewer needs_now /> })}
            </div>
        </header>
    }
}

#[component]
fn Navigation(viewer: Viewer, needs_now: usize) -> impl IntoView {
    let logout = ServerAction::<Logout>::new();
    let links: Vec<(&str, &str)> = [
        (!viewer.must_change_password, "/", "Today"),
        (viewer.is_manager && !viewer.must_change_password, "/team", "My team"),
        // A manager's own plans are named as such, apart from the plans they run for their team.
        (!viewer.must_change_password, "/my-plan", if viewer.is_manager { "My own plans" } else { "My plans" }),
        (!viewer.must_change_password, "/playbook", "Playbook"),
        (viewer.is_hr && !viewer.must_change_password, "/insights", "Insights"),
        (viewer.is_admin && !viewer.must_change_password, "/admin/users", "People"),
        (viewer.is_admin && !viewer.must_change_password, "/admin/org", "Organisation"),
        (viewer.is_admin && !viewer.must_change_password, "/admin/settings", "Settings"),
        (viewer.is_admin && !viewer.must_change_password, "/admin/audit", "Audit"),
    ]
    .into_iter()
    .filter(|(shown, _, _)| *shown)
    .map(|(_, href, label)| (href, label))
    .collect();
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    // The place the page belongs to: a plan belongs to the team for a manager, to their own
    // plans for anyone else.
    let plan_home = if viewer.is_manager { "/team" } else { "/my-plan" };
    let is_current = |href: &str| path == href || (href != "/" && path.starts_with(&format!("{href}/"))) || (href == plan_home && path.starts_with("/plans/"));
    view! {
        <nav class="site-nav" aria-label="Main">
            <ul>
                {links.into_iter().map(|(href, label)| {
                    // A badge, said in words to screen readers.
                    let count = (href == "/" && needs_now > 0).then(|| view! {
                        <span class="due-count" aria-hidden="true">{needs_now}</span>
                        <span class="visually-hidden">{format!(" ({needs_now} need you now)")}</span>
                    });
                    view! { <li><a href=href aria-current=is_current(href).then_some("page")>{label}{count}</a></li> }
                }).collect_view()}
            </ul>
            <div class="account">
                <a href="/account" class="who" title="Your account: calendar feed and password">{viewer.display_name.clone()}</a>
                <PostForm action=logout>
                    <button type="submit" class="link-button">"Sign out"</button>
                </PostForm>
            </div>
        </nav>
    }
}
