//! Gives server-function failures their proper HTTP status.
//!
//! A server function's own refusals already carry their status (see `api::guard::respond`), but a
//! request whose fields cannot even be decoded fails inside Leptos before our code runs, and Leptos
//! answers every such failure with 500. This middleware reads the error it encoded and replaces
//! the status with the one the error stands for (400 for malformed input).

use crate::model::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

/// The header Leptos puts on a server function's error response.
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";

/// Middleware: corrects the status of failed server-function calls.
pub async fn status_from_error(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !response.headers().contains_key(SERVER_FN_ERROR_HEADER) {
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
