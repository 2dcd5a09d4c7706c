//! The sign-in server function's middleware: a throttled account or address is answered before
//! any password work is done (429 with `Retry-After`; a readable page for a browser without
//! JavaScript). Whether an attempt is throttled is `auth::throttle`'s to decide.

use crate::server::AppState;
use crate::server::auth::throttle;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The sign-in server function's middleware (its `#[middleware]`): refuses attempts while the
/// account or address is throttled, before any password work is done (see [`check_attempt`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct GateSignIn;

impl<S> tower::Layer<S> for GateSignIn {
    type Service = GateSignInService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        GateSignInService { inner: Some(inner) }
    }
}

/// The service [`GateSignIn`] wraps the sign-in function in. A server function's service is
/// built for one request, so the inner service is taken by its one call.
pub struct GateSignInService<S> {
    inner: Option<S>,
}

impl<S> tower::Service<Request> for GateSignInService<S>
where
    S: tower::Service<Request, Response = Response> + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Response, S::Error>> + Send>>;

    fn poll_ready(&mut self, context: &mut std::task::Context<'_>) -> std::task::Poll<Result<(), S::Error>> {
        match &mut self.inner {
            Some(inner) => inner.poll_ready(context),
            None => std::task::Poll::Ready(Ok(())),
        }
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let inner = self.inner.take();
        Box::pin(async move {
            let request = match check_attempt(request).await {
                Ok(request) => request,
                Err(refusal) => return Ok(refusal),
            };
            match inner {
                Some(mut inner) => inner.call(request).await,
                None => Ok((StatusCode::INTERNAL_SERVER_ERROR, "The sign-in service was called twice.").into_response()),
            }
        })
    }
}

/// Lets a sign-in attempt through (the request, its body read and put back) or answers it: 429
/// with `Retry-After` while throttled, a readable page for a browser without JavaScript.
pub async fn check_attempt(request: Request) -> Result<Request, Response> {
    let Some(state) = request.extensions().get::<AppState>().cloned() else {
        tracing::error!("sign-in ran without the application state in its request");
        return Err((StatusCode::INTERNAL_SERVER_ERROR, "Sign-in is unavailable right now. Please try again shortly.").into_response());
    };
    let ip = throttle::client_ip(request.extensions());
    let wants_html = super::security::accepts_html(request.headers());
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return Err((StatusCode::PAYLOAD_TOO_LARGE, "The sign-in request is too large.").into_response());
    };
    let email = form_field(&bytes, "email").unwrap_or_default();
    let email = crate::model::validation::normalize_email(&email);
    let now = state.now();
    let refusal = match throttle::admit(&state, &email, &ip, now).await {
        Ok(refusal) => refusal,
        Err(error) => {
            tracing::error!(%error, "throttle lookup failed");
            return Err((StatusCode::SERVICE_UNAVAILABLE, "Sign-in is unavailable right now. Please try again shortly.").into_response());
        }
    };
    match refusal {
        Some((key, until)) => {
            throttle::record_throttled(&state, &key, &email, now).await;
            tokio::time::sleep(state.config.throttled_answer_delay).await;
            Err(throttled_response(throttle::seconds_until(until, now), wants_html))
        }
        None => Ok(Request::from_parts(parts, Body::from(bytes))),
    }
}

fn throttled_response(seconds: u64, wants_html: bool) -> Response {
    let minutes = seconds.div_ceil(60);
    let message = format!("Too many failed sign-in attempts. Try again in {minutes} minute(s).");
    let mut response = if wants_html {
        let page = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>Try again later · Rebound</title><link rel=\"stylesheet\" href=\"/pkg/rebound.css\"></head>\
             <body><main class=\"page narrow\"><h1>Please wait a moment</h1><p role=\"alert\">{message}</p>\
             <p><a href=\"/login\">Back to sign-in</a></p></main></body></html>"
        );
        (StatusCode::TOO_MANY_REQUESTS, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
    } else {
        let body = serde_json::to_string(&crate::model::AppError::Throttled { retry_after_secs: seconds }).unwrap_or_default();
        (StatusCode::TOO_MANY_REQUESTS, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// One field of an `application/x-www-form-urlencoded` body (bodies that are not text never get
/// here: see [`super::form_text`]).
fn form_field(body: &[u8], name: &str) -> Option<String> {
    super::form_text::decode_pairs(body).ok()?.into_iter().find(|(key, _)| key == name).map(|(_, value)| value)
}
