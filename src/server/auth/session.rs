//! Server-side sessions: random tokens in an HttpOnly cookie, only their SHA-256 in the database,
//! idle and absolute expiry checked against the injectable clock on every request (by the
//! middleware in `http::sessions`).

use crate::model::Viewer;
use crate::server::AppState;
use crate::server::db::{self, Conn};
use axum::http::HeaderValue;
use base64::Engine as _;
use rand::RngCore as _;
use sha2::{Digest, Sha256};

/// Cookie name over plain HTTP (development, loopback).
pub const COOKIE_NAME: &str = "rebound_session";
/// Cookie name with `REBOUND_SECURE_COOKIES=1`: the prefix makes browsers insist on Secure, Path=/ and no Domain.
pub const SECURE_COOKIE_NAME: &str = "__Host-rebound_session";

/// The signed-in person behind a request, put into the request's extensions by the session
/// middleware (`http::sessions::load_session`).
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

/// The session cookie's name for this server (with `__Host-` when cookies are HTTPS-only).
pub fn cookie_name(state: &AppState) -> &'static str {
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

/// Starts a session for a person inside the caller's transaction; returns the cookie token.
#[tracing::instrument(level = "debug", skip_all, fields(user_id))]
pub async fn start(conn: &mut Conn, state: &AppState, user_id: i64) -> Result<String, crate::server::db::DbError> {
    let (token, hash) = new_token();
    db::sessions::insert(conn, &hash, user_id, state.now()).await?;
    Ok(token)
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
