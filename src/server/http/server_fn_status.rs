//! What a refused server-function call answers, in one place.
//!
//! A server function returns an [`AppError`]; Leptos encodes it in the body, marks the response
//! with its error header and answers 500 (or, for a browser's plain form post, a redirect back to
//! the form). This middleware finishes the answer: a programmatic call gets the status the error
//! stands for ([`AppError::status_code`]), including failures to decode the fields, which happen
//! inside Leptos before our code runs; a refused form post keeps what was typed (secrets left
//! out) for the page it returns to, which shows every value again beside the message.
//!
//! Pages that call server functions while rendering take the status from `PageError` instead.

use crate::model::AppError;
use crate::server::AppState;
use crate::server::http::form_text::{SubmittedForm, decode_pairs};
use crate::server::http::{flash, security};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

/// The header Leptos puts on a server function's error response.
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";

/// Middleware: gives failed server-function calls their status, and keeps refused forms.
pub async fn finish_refusals(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let form_post = path.starts_with("/api/") && security::accepts_html(request.headers());
    let submitted = if form_post { request.extensions().get::<SubmittedForm>().cloned() } else { None };
    let mut response = next.run(request).await;
    if !response.headers().contains_key(SERVER_FN_ERROR_HEADER) {
        return response;
    }
    if response.status().is_redirection() {
        if let Some(SubmittedForm(body)) = submitted
            && let Some(cookie) = keep_refused_form(&state, &path, &body).await
        {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
        return response;
    }
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Fields never kept for a refused form: secrets go back to the browser only as they were typed.
fn is_secret_field(name: &str) -> bool {
    name.contains("password") || name == "token"
}

/// Keeps the fields of a form refused at `path` under a fresh token; returns the cookie that
/// carries the token to the page the browser is sent back to.
async fn keep_refused_form(state: &AppState, path: &str, body: &[u8]) -> Option<HeaderValue> {
    let fields = decode_pairs(body).ok()?;
    let kept: Vec<(String, String)> = fields.into_iter().filter(|(name, _)| !is_secret_field(name)).collect();
    let kept = serde_json::to_vec(&kept).ok()?;
    let (token, hash) = crate::server::auth::session::new_token();
    if let Err(error) = crate::server::db::hand_overs::keep(&state.pool, &hash, path, &kept, state.now()).await {
        tracing::error!(%error, "could not keep a refused form");
        return None;
    }
    flash::RETURNED_FORM.set(&token)
}
