//! The HTML shell, the application frame and the route table.

use crate::components::layout::Frame;
use crate::pages::{account, admin, home, insights, login, my_data, my_plan, not_found, plan, playbook, setup, team, unsubscribe, welcome};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The document around the application, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let assets = use_context::<std::sync::Arc<crate::model::AssetUrls>>().unwrap_or_default();
    crate::components::bundle::islands_only();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content="Private recovery plans that help a manager bring an employee's confidence back after a visible failure." />
                <link rel="icon" href=assets.icon.clone() type="image/svg+xml" />
                <link rel="stylesheet" href=assets.stylesheet.clone() />
                // Sends form posts with fetch and swaps in the server's answer (see the file).
                <script type="module" src=assets.enhance_script.clone()></script>
                <MetaTags />
            </head>
            <body>
                <App />
                <crate::components::bundle::BundleScripts options />
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
        <Title formatter=|text: String| if text.is_empty() { "Rebound".to_owned() } else { format!("{text} · Rebound") } />
        <Router>
            <Frame>
                <Routes fallback=not_found::NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=login::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/logout") view=login::LogoutPage ssr=SsrMode::Async />
                    <Route path=path!("/setup") view=setup::SetupPage ssr=SsrMode::Async />
                    <Route path=path!("/welcome") view=welcome::WelcomePage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=account::AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/unsubscribe/:token") view=unsubscribe::UnsubscribePage ssr=SsrMode::Async />
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

/// The whole HTTP application: the health check, downloads, pages, server functions and static
/// files behind the page frame's middleware (what every frame shows, where visitors are sent),
/// inside the server's middleware (`server::http::startup::around`). The server is handed this
/// router rather than building it, so the server layer never depends on the pages.
#[cfg(feature = "ssr")]
pub fn router(state: crate::server::AppState) -> axum::Router {
    use crate::server::frame;
    use crate::server::http::{calendar, downloads, health, unsubscribe};
    use axum::middleware;
    use axum::routing::get;
    use leptos_axum::LeptosRoutes as _;
    let options = state.leptos_options.clone();
    let routes = axum::Router::new()
        .route("/healthz", get(health::healthz))
        .route("/insights.csv", get(downloads::insights_csv))
        .route("/my-data.json", get(downloads::my_data_json))
        .route("/calendar/{file}", get(calendar::feed))
        .route("/plans/{plan_id}/check-in.ics", get(calendar::check_in_invitation))
        .route("/unsubscribe/{token}", axum::routing::post(unsubscribe::one_click))
        .route("/pkg/{hash}/{name}", get(crate::server::http::assets::serve))
        .leptos_routes_with_context(&state, app_routes(), provide_request_context, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<crate::server::AppState, _>(provide_request_context, shell))
        .layer(middleware::from_fn_with_state(state.clone(), frame::load))
        .layer(middleware::from_fn(frame::navigation::route_visitors));
    crate::server::http::startup::around(routes, state)
}

/// The app's routes, worked out once per process. Working them out renders the whole app with
/// resource loading switched off for the whole process (leptos_server's `SuppressResourceLoad`), and
/// a page whose data first loads in that moment waits forever (leptos-rs/leptos#4773). One server
/// per process never meets this; the test suites start many servers in one process, and a page
/// of one test hung while another test's server started (seen in CI: a request timing out after
/// 60 s, about one run in fifteen under load).
#[cfg(feature = "ssr")]
fn app_routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| leptos_axum::generate_route_list(App)).clone()
}

/// Hands the request's CSP nonce to Leptos, which puts it on the scripts it writes, and the
/// page frame's [`crate::model::PageFrame`] to the frame.
#[cfg(feature = "ssr")]
fn provide_request_context() {
    if let Some(parts) = use_context::<axum::http::request::Parts>() {
        if let Some(crate::server::http::security::CspNonce(nonce)) = parts.extensions.get::<crate::server::http::security::CspNonce>() {
            provide_context(leptos::nonce::Nonce::from_value(nonce.as_str()));
        }
        if let Some(session) = parts.extensions.get::<crate::model::PageFrame>() {
            provide_context(session.clone());
        }
        if let Some(assets) = parts.extensions.get::<std::sync::Arc<crate::model::AssetUrls>>() {
            provide_context(assets.clone());
        }
        provide_context(crate::components::bundle::IslandsOnPage::default());
    }
}
