//! First run: a one-time setup token lets whoever runs the server claim the instance as its first
//! admin. Only the token's hash is stored; it stops working once an admin exists.

use crate::model::AppError;
use crate::server::AppState;
use crate::server::auth::session::{hash_token, new_token};
use crate::server::db::{self, settings};
use std::net::SocketAddr;

/// When no admin exists, issues a fresh setup token (replacing any earlier one) and returns the
/// setup URL to print. Returns `None` once the instance is claimed.
pub async fn announce_if_unclaimed(state: &AppState, address: SocketAddr) -> Result<Option<String>, String> {
    let fail = |error: db::DbError| format!("cannot prepare first-run setup: {error}");
    let mut tx = state.pool.begin_write().await.map_err(fail)?;
    if db::users::any_admin_exists(&mut tx).await.map_err(fail)? {
        return Ok(None);
    }
    let (token, hash) = new_token();
    settings::set(&mut tx, settings::SETUP_TOKEN_HASH, &hash).await.map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    // Pages read the settings through a short-lived copy; the start page must say at once that
    // setup is needed.
    state.settings.forget();
    Ok(Some(format!("http://{address}/setup?token={token}")))
}

/// Checks a presented setup token inside the claiming transaction.
pub async fn check_token(conn: &mut db::Conn, token: &str) -> Result<(), AppError> {
    if db::users::any_admin_exists(conn).await? {
        return Err(AppError::Conflict("This instance already has an admin. Sign in instead.".into()));
    }
    let expected = settings::get(conn, settings::SETUP_TOKEN_HASH).await?;
    let presented = hash_token(token.trim());
    match expected {
        // Both sides are fixed-length hex digests, so comparing them leaks nothing useful.
        Some(expected) if !token.trim().is_empty() && expected == presented => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}
