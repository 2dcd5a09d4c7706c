//! Liveness with a database check.

use crate::server::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use std::time::Duration;

/// `GET /healthz`: 200 "ok" when the database answers within two seconds, 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let probe = async {
        let mut conn = state.pool.acquire().await?;
        crate::server::db::maintenance::ping(&mut conn).await
    };
    match tokio::time::timeout(Duration::from_secs(2), probe).await {
        Ok(Ok(_)) => (StatusCode::OK, "ok"),
        Ok(Err(error)) => {
            tracing::error!(%error, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database timed out"),
    }
}
