//! Server-side sessions: random tokens in an HttpOnly cookie, only their SHA-256 in the database,
//! idle and absolute expiry checked against the injectable clock on every request.

use crate::model::Viewer;
use crate::server::AppState;
use crate::server::db::{self, Conn};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use base64::Engine as _;
use chrono::Duration;
use rand::RngCore as _;
use sha2::{Digest, Sha256};

/// Cookie name over plain HTTP (development, loopback).
pub const COOKIE_NAME: &str = "rebound_session";
/// Cookie name with `REBOUND_SECURE_COOKIES=1`: the prefix makes browsers insist on Secure, Path=/ and no Domain.
pub const SECURE_COOKIE_NAME: &str = "__Host-rebound_session";

/// The signed-in person behind a request, put into the request's extensions by [`load_session`].
#[derive(Debug, Clone)]
pub struct CurrentSession {
    pub viewer: Viewer,
    /// Identifies the session row, so sign-out and password changes can act on it.
    pub token_hash: String,
}

/// A new session token (256 random bits, URL-safe base64) and the hash to store.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// The stored form of a token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn cookie_name(state: &AppState) -> &'static str {
    if state.config.secure_cookies { SECURE_COOKIE_NAME } else { COOKIE_NAME }
}

/// The `Set-Cookie` value that hands a new session token to the browser.
pub fn session_cookie(state: &AppState, token: &str) -> HeaderValue {
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    let value = format!("{}={token}; HttpOnly; SameSite=Lax; Path=/{secure}", cookie_name(state));
    HeaderValue::from_str(&value).expect("session cookie is valid header text")
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clearing_cookie(state: &AppState) -> HeaderValue {
    let secure = if state.config.secure_cookies { "; Secure" } else { "" };
    let value = format!("{}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0{secure}", cookie_name(state));
    HeaderValue::from_str(&value).expect("clearing cookie is valid header text")
}

/// The session token presented with a request, if any.
pub fn presented_token(state: &AppState, headers: &HeaderMap) -> Option<String> {
    crate::server::http::cookies::read(headers, cookie_name(state))
}

/// Starts a session for a person inside the caller's transaction; returns the cookie token.
pub async fn start(conn: &mut Conn, state: &AppState, user_id: i64) -> Result<String, crate::server::db::DbError> {
    let (token, hash) = new_token();
    db::sessions::insert(conn, &hash, user_id, state.now()).await?;
    Ok(token)
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
    let token_hash = hash_token(&token);
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
                if let Ok(mut conn) = state.pool.acquire().await {
                    let _ = db::sessions::delete(&mut conn, &token_hash).await;
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
        response.headers_mut().append(header::SET_COOKIE, clearing_cookie(&state));
    }
    response
}

/// Refreshes a session's last-seen time on a connection of its own.
async fn touch(state: &AppState, token_hash: &str, now: chrono::DateTime<chrono::Utc>) -> Result<(), crate::server::db::DbError> {
    db::sessions::touch(&mut state.pool.acquire().await?, token_hash, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_only_as_hashes() {
        let (token, hash) = new_token();
        let (other, _) = new_token();
        assert_ne!(token, other);
        // 32 bytes of randomness, far beyond the 128 bits required.
        assert_eq!(base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&token).unwrap().len(), 32);
        assert_eq!(hash, hash_token(&token));
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains(&token));
    }
}
