//! Building the application and running it: state, router, middleware order, graceful shutdown.

use crate::server::auth::password::Hasher;
use crate::server::clock::Clock;
use crate::server::config::Config;
use crate::server::error::{CliError, failed};
use crate::server::http::{request_id, security, server_fn_status, sessions};
use crate::server::{AppState, db};
use axum::Router;
use axum::extract::Request;
use axum::middleware;
use leptos::prelude::*;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Opens and migrates the database and assembles the shared state.
pub async fn build_state(config: Config, leptos_options: LeptosOptions, clock: Arc<dyn Clock>) -> Result<AppState, CliError> {
    let pool = db::connect(&config.database_url, &config.pool).await.map_err(failed(format!("cannot open the database {}", config.database_shown())))?;
    db::migrate(&pool).await.map_err(failed("cannot migrate the database"))?;
    let hasher = Hasher::new(config.max_concurrent_hashes);
    let plan_reads = crate::server::plans::reads::PlanReadLog::start(pool.clone());
    let assets = Arc::new(crate::server::http::assets::Assets::load(&leptos_options.site_root, &leptos_options.site_pkg_dir, &leptos_options.output_name));
    Ok(AppState {
        assets,
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

/// Wraps the application's routes (`app::router`) in the server's middleware, outermost last:
/// refused server-function calls finished, the state for server-function middleware, the
/// session, forms that are not text, cross-site refusal, security headers, compression,
/// tracing, request ids.
pub fn around(routes: Router<AppState>, state: AppState) -> Router {
    routes
        .layer(middleware::from_fn_with_state(state.clone(), server_fn_status::finish_refusals))
        // Middleware of single server functions (sign-in throttling) reads the state from here.
        .layer(axum::Extension(state.clone()))
        .layer(middleware::from_fn_with_state(state.clone(), sessions::load_session))
        .layer(middleware::from_fn(crate::server::http::form_text::refuse_non_text))
        .layer(middleware::from_fn(security::refuse_cross_site))
        .layer(middleware::from_fn(security::security_headers))
        // Brotli or gzip for whatever the browser takes, unless already compressed (the hashed
        // static files carry copies made at build time).
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(tower_http::trace::TraceLayer::new_for_http().make_span_with(|_: &Request| tracing::debug_span!("http")))
        .layer(middleware::from_fn(request_id::assign))
        .with_state(state)
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

/// Binds `address` (port 0 picks a free port) and serves `app` (see `app::router`) in the
/// background until shut down.
pub async fn start(state: AppState, address: SocketAddr, app: Router) -> std::io::Result<RunningServer> {
    let listener = TcpListener::bind(address).await?;
    let address = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let app = app.into_make_service_with_connect_info::<SocketAddr>();
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
pub async fn serve(state: AppState, address: SocketAddr, app: Router) -> Result<(), CliError> {
    let server = start(state.clone(), address, app).await.map_err(failed(format!("cannot listen on {address}")))?;
    tracing::info!(address = %server.address, "Rebound is listening");
    crate::server::jobs::spawn_retention(state.clone());
    crate::server::jobs::spawn_email(state.clone());
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
