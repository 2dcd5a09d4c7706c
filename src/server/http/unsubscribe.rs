//! `POST /unsubscribe/{token}`: the one-click unsubscribe of RFC 8058, sent by a mail provider
//! (not a browser) when a person presses "unsubscribe" beside an email. `GET` on the same address
//! is a page with a button (`pages::unsubscribe`), so a link scanner that opens it changes nothing.

use crate::model::AppError;
use crate::server::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

/// Switches off the kind of email the link came with.
pub async fn one_click(State(state): State<AppState>, Path(token): Path<String>) -> Result<Response, AppError> {
    let what = crate::server::email::preferences::unsubscribe(&state, &token).await?;
    Ok(format!("You will no longer get {what}.").into_response())
}
