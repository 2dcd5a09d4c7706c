//! The HTML shell, the application frame and the route table.

use crate::components::layout::Frame;
use crate::pages::{account, admin, home, insights, login, my_data, my_plan, not_found, plan, playbook, setup, team, welcome};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The document around the application, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content="Private recovery plans that help a manager bring an employee's confidence back after a visible failure." />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options islands=true />
                // Sends form posts with fetch and swaps in the server's answer (see the file).
                <script type="module" src="/enhance.js"></script>
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: frame, navigation and pages. Every page renders completely on the server
/// (`SsrMode::Async`) and is never hydrated as a whole (islands mode): it works without
/// JavaScript, access refusals set the HTTP status, and the browser bundle stays small.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/rebound.css" />
        <Title formatter=|text: String| if text.is_empty() { "Rebound".to_owned() } else { format!("{text} · Rebound") } />
        <Router>
            <Frame>
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=login::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/logout") view=login::LogoutPage ssr=SsrMode::Async />
                    <Route path=path!("/setup") view=setup::SetupPage ssr=SsrMode::Async />
                    <Route path=path!("/welcome") view=welcome::WelcomePage ssr=SsrMode::Async />
                    <Route path=path!("/account/password") view=account::ChangePasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/team") view=team::TeamPage ssr=SsrMode::Async />
                    <Route path=path!("/my-plan") view=my_plan::MyPlanPage ssr=SsrMode::Async />
                    <Route path=path!("/my-data") view=my_data::MyDataPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=admin::audit::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/plans/new") view=plan::new::NewPlanPage ssr=SsrMode::Async />
                    <Route path=path!("/plans/:id") view=plan::PlanPage ssr=SsrMode::Async />
                    <Route path=path!("/insights") view=insights::InsightsPage ssr=SsrMode::Async />
                    <Route path=path!("/playbook") view=playbook::PlaybookPage ssr=SsrMode::Async />
                    <Route path=path!("/playbook/:section") view=playbook::PlaybookSectionPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view=admin::users::PeoplePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users/:id") view=admin::person::PersonPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/org") view=admin::org::OrganisationPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/settings") view=admin::settings::SettingsPage ssr=SsrMode::Async />
                </Routes>
            </Frame>
        </Router>
    }
}
