//! Middleware: the session cookie resolved into a [`CurrentSession`] for everything after it,
//! with sessions that have been idle or alive too long ended, and cookies that no longer work
//! cleared. The sessions themselves (tokens, their hashes, the cookie) are `auth::session`'s.

use crate::server::AppState;
use crate::server::auth::session::{self, CurrentSession};
use crate::server::db;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use chrono::Duration;

/// The session token presented with a request, if any.
pub fn presented_token(state: &AppState, headers: &HeaderMap) -> Option<String> {
    super::cookies::read(headers, session::cookie_name(state))
}

/// How long after the last request an idle session's timestamp is refreshed. Refreshing at most
/// once a minute keeps reads from turning into writes.
const TOUCH_INTERVAL_SECONDS: i64 = 60;

/// Middleware: resolves the session cookie into a [`CurrentSession`] extension, ending sessions
/// that have been idle too long or lived too long, and clearing cookies that no longer work.
pub async fn load_session(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let Some(token) = presented_token(&state, request.headers()) else {
        return next.run(request).await;
    };
    let token_hash = session::hash_token(&token);
    let now = state.now();
    let mut stale_cookie = true;
    let found = match state.pool.acquire().await {
        Ok(mut conn) => db::sessions::find(&mut conn, &token_hash).await,
        Err(error) => Err(error),
    };
    match found {
        Ok(Some((stored, viewer))) => {
            let idle_expired = now - stored.last_seen_at > state.config.session_idle_timeout;
            let too_old = now - stored.created_at > state.config.session_lifetime;
            if idle_expired || too_old {
                if let Err(error) = end(&state, &token_hash).await {
                    tracing::warn!(%error, "could not end an expired session");
                }
            } else {
                if now - stored.last_seen_at > Duration::seconds(TOUCH_INTERVAL_SECONDS)
                    && let Err(error) = touch(&state, &token_hash, now).await
                {
                    tracing::warn!(%error, "could not refresh session");
                }
                request.extensions_mut().insert(CurrentSession { viewer, token_hash });
                stale_cookie = false;
            }
        }
        Ok(None) => {}
        Err(error @ crate::server::db::DbError::Unavailable(_)) => {
            // Without the database nobody can be recognised: say so, rather than answer as if the
            // person were signed out.
            tracing::error!(%error, "session lookup failed: database unavailable");
            let headers = [(header::RETRY_AFTER, "30"), (header::CONTENT_TYPE, "text/plain; charset=utf-8")];
            return (axum::http::StatusCode::SERVICE_UNAVAILABLE, headers, crate::model::AppError::Unavailable.to_string()).into_response();
        }
        Err(error) => {
            tracing::error!(%error, "session lookup failed");
            stale_cookie = false;
        }
    }
    let mut response = next.run(request).await;
    if stale_cookie && !response.headers().contains_key(header::SET_COOKIE) {
        response.headers_mut().append(header::SET_COOKIE, session::clearing_cookie(&state));
    }
    response
}

/// Refreshes a session's last-seen time.
async fn touch(state: &AppState, token_hash: &str, now: chrono::DateTime<chrono::Utc>) -> Result<(), crate::server::db::DbError> {
    let mut tx = state.pool.begin_write().await?;
    db::sessions::touch(&mut tx, token_hash, now).await?;
    tx.commit().await
}

/// Ends a session that has been idle or alive too long.
async fn end(state: &AppState, token_hash: &str) -> Result<(), crate::server::db::DbError> {
    let mut tx = state.pool.begin_write().await?;
    db::sessions::delete(&mut tx, token_hash).await?;
    tx.commit().await
}
