//! Middleware that sends people to the right place before a page renders: anonymous visitors to
//! sign-in, people holding a temporary password to the change-password page. (Server functions
//! check access themselves; this only shapes navigation.)

use crate::server::auth::session::CurrentSession;
use crate::server::http::security::is_static_asset;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Pages anyone may open without signing in. The start page sends visitors to sign in itself,
/// unless the instance still needs setting up.
const PUBLIC_PAGES: &[&str] = &["/", "/login", "/setup", "/welcome", "/healthz"];
/// Where calendar feeds live (see `http::calendar`).
const CALENDAR_FEEDS: &str = "/calendar/";
/// Where the unsubscribe links of emails lead (the token is the key; see `pages::unsubscribe`).
const UNSUBSCRIBE_PAGES: &str = "/unsubscribe/";
/// Where someone with a temporary password must go first (and may still sign out).
const PASSWORD_PAGE: &str = "/account/password";

/// True for a browser asking for a page (not a server function, not a file).
pub fn is_page_request(request: &Request) -> bool {
    let path = request.uri().path();
    request.method() == Method::GET && !path.starts_with("/api/") && !is_static_asset(path)
}

/// Middleware: redirects page requests as described in the module documentation.
pub async fn route_visitors(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    // A calendar provider fetches a feed, and a person follows an email's unsubscribe link,
    // without a session: the secret address is the key.
    if !is_page_request(&request) || PUBLIC_PAGES.contains(&path) || path.starts_with(CALENDAR_FEEDS) || path.starts_with(UNSUBSCRIBE_PAGES) {
        return next.run(request).await;
    }
    match request.extensions().get::<CurrentSession>() {
        None => {
            let wanted = request.uri().path_and_query().map(|pq| pq.as_str()).unwrap_or("/");
            let target = if wanted == "/" { "/login".to_owned() } else { format!("/login?next={}", encode_component(wanted)) };
            see_other(&target)
        }
        Some(session) if session.viewer.must_change_password && path != PASSWORD_PAGE && path != "/logout" => see_other(PASSWORD_PAGE),
        Some(_) => next.run(request).await,
    }
}

fn see_other(target: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, target.to_owned())]).into_response()
}

/// Percent-encodes everything but unreserved characters and `/`.
pub fn encode_component(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (byte as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// A `next` target is followed only when it is a path on this site (never `//host` or a full URL).
pub fn safe_next(next: Option<&str>) -> Option<String> {
    let next = next?.trim();
    let local = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && !next.contains("://");
    (local && next.len() <= 512 && !next.chars().any(char::is_control)).then(|| next.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/plans/3?tab=x")).as_deref(), Some("/plans/3?tab=x"));
        for hostile in ["//evil.example", "https://evil.example", "/\\evil", "team", "/x\ny"] {
            assert_eq!(safe_next(Some(hostile)), None, "{hostile:?}");
        }
        assert_eq!(safe_next(None), None);
    }

    #[test]
    fn targets_are_percent_encoded() {
        assert_eq!(encode_component("/plans/3?a=b&c"), "/plans/3%3Fa%3Db%26c");
    }
}
