//! First run: a one-time setup token lets whoever runs the server claim the instance as its first
//! admin. Only the token's hash is stored; it stops working once an admin exists.

use crate::model::AppError;
use crate::server::AppState;
use crate::server::auth::session::{hash_token, new_token};
use crate::server::db::{self, settings};
use crate::server::error::CliError;
use std::net::SocketAddr;

/// How many setup tokens may wait at once: one per instance started before the first admin
/// exists, the oldest dropped first.
const WAITING_TOKENS: usize = 16;

/// When no admin exists, issues a fresh setup token and returns the setup URL to print; `None`
/// once the instance is claimed. Tokens printed by other instances starting on the same empty
/// database keep working beside it (whichever is used first claims the instance and ends them
/// all), and a restarted instance's earlier tokens stay until the first admin exists.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn announce_if_unclaimed(state: &AppState, address: SocketAddr) -> Result<Option<String>, CliError> {
    let fail = |error: db::DbError| CliError::Failed { doing: "cannot prepare first-run setup".into(), cause: error.to_string() };
    let mut tx = state.pool.begin_write().await.map_err(fail)?;
    if db::users::any_admin_exists(&mut tx).await.map_err(fail)? {
        return Ok(None);
    }
    let (token, hash) = new_token();
    let waiting = settings::get(&mut tx, settings::SETUP_TOKEN_HASH).await.map_err(fail)?.unwrap_or_default();
    let mut hashes: Vec<&str> = waiting.split(',').filter(|kept| !kept.is_empty()).collect();
    hashes.push(&hash);
    let kept = hashes[hashes.len().saturating_sub(WAITING_TOKENS)..].join(",");
    settings::set(&mut tx, settings::SETUP_TOKEN_HASH, &kept).await.map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    // Pages read the settings through a short-lived copy; the start page must say at once that
    // setup is needed.
    state.settings.forget();
    Ok(Some(format!("http://{address}/setup?token={token}")))
}

/// Checks a presented setup token inside the claiming transaction.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn check_token(conn: &mut db::Conn, token: &str) -> Result<(), AppError> {
    if db::users::any_admin_exists(conn).await? {
        return Err(AppError::Conflict("This instance already has an admin. Sign in instead.".into()));
    }
    let expected = settings::get(conn, settings::SETUP_TOKEN_HASH).await?;
    let presented = hash_token(token.trim());
    // Both sides are fixed-length hex digests, so comparing them leaks nothing useful.
    let known = expected.is_some_and(|waiting| waiting.split(',').any(|hash| hash == presented));
    if known && !token.trim().is_empty() { Ok(()) } else { Err(AppError::Forbidden) }
}
