//! Throttling of failed sign-ins: after 10 failures for one account within 15 minutes, or 50 from
//! one client address, further attempts get HTTP 429 with `Retry-After` until the window passes.
//! Nothing is locked permanently; the counts live in the database so several instances agree.

use crate::server::db;
use crate::server::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use std::net::SocketAddr;

/// Failures allowed per account inside the window.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 10;
/// Failures allowed per client address inside the window.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 50;
/// The window over which failures count.
pub fn window() -> Duration {
    Duration::minutes(15)
}

/// The client address a request came from ("unknown" when the server runs without connection info).
pub fn client_ip(request_extensions: &axum::http::Extensions) -> String {
    request_extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Seconds until another attempt is allowed, or `None` when attempts are allowed now.
pub async fn retry_after(state: &AppState, email_normalized: &str, client_ip: &str) -> Result<Option<u64>, sqlx::Error> {
    let now = state.now();
    let since = now - window();
    let by_account = db::throttle::failures_for_email(&state.pool, email_normalized, since).await?;
    let by_address = db::throttle::failures_for_ip(&state.pool, client_ip, since).await?;
    let wait = |count: db::throttle::FailureCount, limit: i64| -> Option<u64> {
        (count.count >= limit).then(|| seconds_until_free(count.oldest, now))
    };
    Ok(wait(by_account, MAX_FAILURES_PER_ACCOUNT).max(wait(by_address, MAX_FAILURES_PER_ADDRESS)))
}

fn seconds_until_free(oldest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> u64 {
    let free_at = oldest.unwrap_or(now) + window();
    u64::try_from((free_at - now).num_seconds()).unwrap_or(0).max(1)
}

/// Middleware on `POST /api/login`: refuses attempts while the account or address is throttled,
/// before any password work is done. People using a browser without JavaScript get a readable page.
pub async fn gate_login(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let ip = client_ip(request.extensions());
    let wants_html = crate::server::security::accepts_html(request.headers());
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "The sign-in request is too large.").into_response();
    };
    let email = form_field(&bytes, "email").unwrap_or_default();
    let email = crate::model::validation::normalize_email(&email);
    match retry_after(&state, &email, &ip).await {
        Ok(Some(seconds)) => {
            record_throttled(&state, &email, &ip).await;
            throttled_response(seconds, wants_html)
        }
        Ok(None) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Err(error) => {
            tracing::error!(%error, "throttle lookup failed");
            (StatusCode::SERVICE_UNAVAILABLE, "Sign-in is unavailable right now. Please try again shortly.").into_response()
        }
    }
}

/// At most one audit event per throttled account or address in this long: a flood of refused
/// attempts must not turn into a flood of durable writes that slows everyone else down.
const THROTTLE_AUDIT_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

async fn record_throttled(state: &AppState, email_normalized: &str, client_ip: &str) {
    {
        let key = format!("{email_normalized}|{client_ip}");
        let now = std::time::Instant::now();
        let Ok(mut recent) = state.throttle_audits.lock() else { return };
        recent.retain(|_, at| now.duration_since(*at) < THROTTLE_AUDIT_EVERY);
        if recent.contains_key(&key) {
            return;
        }
        recent.insert(key, now);
    }
    let person = match state.pool.acquire().await {
        Ok(mut conn) => db::users::id_by_email(&mut conn, email_normalized).await.ok().flatten(),
        Err(_) => None,
    };
    let mut event = db::audit::AuditEvent::new(None, "sign_in_throttled");
    if let Some(person) = person {
        event = event.on_person(person);
    }
    if let Err(error) = db::audit::record_now(&state.pool, state.now(), event).await {
        tracing::warn!(%error, "could not record a throttled sign-in");
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
        let body = serde_json::to_string(&crate::model::AppError::Throttled { retry_after_secs: seconds })
            .unwrap_or_default();
        (StatusCode::TOO_MANY_REQUESTS, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// One field of an `application/x-www-form-urlencoded` body.
fn form_field(body: &[u8], name: &str) -> Option<String> {
    url_decoded_pairs(body).find(|(key, _)| key == name).map(|(_, value)| value)
}

fn url_decoded_pairs(body: &[u8]) -> impl Iterator<Item = (String, String)> + '_ {
    body.split(|byte| *byte == b'&').filter_map(|pair| {
        let mut halves = pair.splitn(2, |byte| *byte == b'=');
        let key = percent_decode(halves.next()?);
        let value = percent_decode(halves.next().unwrap_or_default());
        Some((key, value))
    })
}

fn percent_decode(text: &[u8]) -> String {
    let mut out = Vec::with_capacity(text.len());
    let mut index = 0;
    while index < text.len() {
        match text[index] {
            b'+' => out.push(b' '),
            b'%' => {
                let decoded = text
                    .get(index + 1..index + 3)
                    .filter(|digits| digits.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|digits| u8::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok());
                match decoded {
                    Some(byte) => {
                        out.push(byte);
                        index += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_are_url_decoded() {
        let body = b"password=a%26b&email=Ana%40Example.org&next=%2Fteam+x";
        assert_eq!(form_field(body, "email").as_deref(), Some("Ana@Example.org"));
        assert_eq!(form_field(body, "next").as_deref(), Some("/team x"));
        assert_eq!(form_field(body, "missing"), None);
        assert_eq!(form_field(b"email=50%", "email").as_deref(), Some("50%"));
        assert_eq!(form_field(b"email=%zz", "email").as_deref(), Some("%zz"));
    }

    #[test]
    fn the_wait_runs_until_the_oldest_failure_leaves_the_window() {
        let now = Utc::now();
        assert_eq!(seconds_until_free(Some(now - Duration::minutes(5)), now), 600);
        assert_eq!(seconds_until_free(Some(now - Duration::minutes(20)), now), 1);
    }
}
