//! Every request gets an id: the one a load balancer sent in `X-Request-Id` (when it is short
//! and printable), otherwise a random one. The id names the request's tracing span, so every
//! line logged while it runs (server function, rule, storage call) carries it, and it is sent
//! back in the response so a person reporting a problem can quote it.
//!
//! The span records the method and the path, never the query string: a first sign-in link
//! carries its one-time token there.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use rand::RngCore as _;
use tracing::Instrument as _;

/// The header the id travels in, both ways.
pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// The id of the request being handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

/// An id sent by whoever forwarded the request, when it is fit to log.
fn forwarded(request: &Request) -> Option<String> {
    let id = request.headers().get(&REQUEST_ID_HEADER)?.to_str().ok()?;
    let fit = !id.is_empty() && id.len() <= 64 && id.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.'));
    fit.then(|| id.to_owned())
}

/// A fresh random id (64 bits as hex).
fn fresh() -> String {
    format!("{:016x}", rand::rng().next_u64())
}

/// Middleware (outermost): gives the request its id and runs the rest inside its span.
pub async fn assign(mut request: Request, next: Next) -> Response {
    let id = forwarded(&request).unwrap_or_else(fresh);
    let span = tracing::info_span!("request", id = %id, method = %request.method(), path = %request.uri().path());
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).instrument(span).await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_header(value: &str) -> Request {
        axum::http::Request::builder().header("x-request-id", value).body(axum::body::Body::empty()).unwrap()
    }

    #[test]
    fn a_forwarded_id_is_kept_only_when_it_is_short_and_printable() {
        assert_eq!(forwarded(&with_header("lb-1234.abc_9")).as_deref(), Some("lb-1234.abc_9"));
        for unfit in ["", "has space", "a/b?c=d", &"x".repeat(65)] {
            assert_eq!(forwarded(&with_header(unfit)), None, "{unfit:?}");
        }
        assert_eq!(fresh().len(), 16);
    }
}
