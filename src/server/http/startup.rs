//! Building the application and running it: state, router, middleware order, graceful shutdown.

use crate::app::{App, shell};
use crate::server::auth::password::Hasher;
use crate::server::auth::session;
use crate::server::cli::error::{CliError, failed};
use crate::server::clock::Clock;
use crate::server::config::Config;
use crate::server::http::security::CspNonce;
use crate::server::http::{health, request_id, security, server_fn_status};
use crate::server::{AppState, db, frame};
use axum::Router;
use axum::extract::Request;
use axum::middleware;
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Opens and migrates the database and assembles the shared state.
pub async fn build_state(config: Config, leptos_options: LeptosOptions, clock: Arc<dyn Clock>) -> Result<AppState, CliError> {
    let pool = db::connect(&config.database_url, &config.pool).await.map_err(failed(format!("cannot open the database {}", config.database_url)))?;
    db::migrate(&pool).await.map_err(failed("cannot migrate the database"))?;
    let hasher = Hasher::new(config.max_concurrent_hashes);
    let plan_reads = crate::server::plans::reads::PlanReadLog::start(pool.clone());
    Ok(AppState {
        leptos_options,
        pool,
        clock,
        config: Arc::new(config),
        hasher,
        insights_cache: Default::default(),
        plan_reads,
        throttle: Default::default(),
        settings: Default::default(),
        instance_id: crate::server::auth::session::new_token().0.into(),
    })
}

/// The whole HTTP application: health check, pages, server functions and static files, wrapped in
/// the security, session and navigation middleware (outermost first: headers, cross-site
/// refusal, forms that are not text, session, sign-in throttle, page routing).
pub fn router(state: AppState) -> Router {
    let routes = app_routes();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/insights.csv", get(crate::server::http::downloads::insights_csv))
        .route("/my-data.json", get(crate::server::http::downloads::my_data_json))
        .leptos_routes_with_context(&state, routes, provide_request_context, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(provide_request_context, shell))
        .layer(middleware::from_fn_with_state(state.clone(), frame::load))
        .layer(middleware::from_fn(frame::navigation::route_visitors))
        .layer(middleware::from_fn_with_state(state.clone(), server_fn_status::finish_refusals))
        // Middleware of single server functions (sign-in throttling) reads the state from here.
        .layer(axum::Extension(state.clone()))
        .layer(middleware::from_fn_with_state(state.clone(), session::load_session))
        .layer(middleware::from_fn(crate::server::http::form_text::refuse_non_text))
        .layer(middleware::from_fn(security::refuse_cross_site))
        .layer(middleware::from_fn(security::security_headers))
        .layer(tower_http::trace::TraceLayer::new_for_http().make_span_with(|_: &Request| tracing::debug_span!("http")))
        .layer(middleware::from_fn(request_id::assign))
        .with_state(state)
}

/// The app's routes, worked out once per process. Working them out renders the whole app with
/// resource loading switched off for the whole process (leptos_server's `SuppressResourceLoad`), and
/// a page whose data first loads in that moment waits forever (leptos-rs/leptos#4773). One server
/// per process never meets this; the test suites start many servers in one process, and a page
/// of one test hung while another test's server started (seen in CI: a request timing out after
/// 60 s, about one run in fifteen under load).
fn app_routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Hands the request's CSP nonce to Leptos, which puts it on the scripts it writes, and the
/// page frame's [`crate::model::PageFrame`] to the frame.
fn provide_request_context() {
    if let Some(parts) = use_context::<axum::http::request::Parts>() {
        if let Some(CspNonce(nonce)) = parts.extensions.get::<CspNonce>() {
            provide_context(leptos::nonce::Nonce::from_value(nonce.as_str()));
        }
        if let Some(session) = parts.extensions.get::<crate::model::PageFrame>() {
            provide_context(session.clone());
        }
    }
}

/// How long a stopping server waits for in-flight requests, and then for its database connections.
const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// A server running in the background (used by the integration tests and `serve`).
pub struct RunningServer {
    pub address: SocketAddr,
    pub state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// Asks the server to finish in-flight requests and stop, then waits for it and closes the
    /// pool. Both waits are bounded: a request or a connection that never finishes must not keep a
    /// stopped instance alive (a load balancer or a supervisor is waiting for it to go).
    pub async fn shut_down(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if tokio::time::timeout(SHUTDOWN_GRACE, &mut self.task).await.is_err() {
            tracing::warn!("requests still running after {} s; stopping without them", SHUTDOWN_GRACE.as_secs());
            self.task.abort();
        }
        if tokio::time::timeout(SHUTDOWN_GRACE, self.state.pool.close()).await.is_err() {
            tracing::warn!("database connections still in use after {} s; exiting without them", SHUTDOWN_GRACE.as_secs());
        }
    }
}

/// Binds `address` (port 0 picks a free port) and serves in the background until shut down.
pub async fn start(state: AppState, address: SocketAddr) -> std::io::Result<RunningServer> {
    let listener = TcpListener::bind(address).await?;
    let address = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    Ok(RunningServer { address, state, stop: Some(stop), task })
}

/// Serves in the foreground until SIGTERM or Ctrl-C, finishing in-flight requests before exiting.
pub async fn serve(state: AppState, address: SocketAddr) -> Result<(), CliError> {
    let server = start(state.clone(), address).await.map_err(failed(format!("cannot listen on {address}")))?;
    tracing::info!(address = %server.address, "Rebound is listening");
    crate::server::jobs::spawn_retention(state.clone());
    println!("Rebound is serving at http://{}", server.address);
    if let Some(url) = crate::server::auth::setup::announce_if_unclaimed(&state, server.address).await? {
        println!("\nThis instance has no admin yet. Claim it by opening this one-time link:\n  {url}\n");
    }
    shutdown_signal().await;
    tracing::info!("shutting down: finishing in-flight requests");
    server.shut_down().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
