//! Web security middleware: cross-site request refusal and the headers every response carries.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The per-request nonce that inline scripts must carry to run under our Content-Security-Policy.
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// True when the request comes from a browser navigation or plain form post (not from script).
pub fn accepts_html(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|value| value.to_str().ok()).is_some_and(|value| value.contains("text/html"))
}

/// Middleware: refuses state-changing requests that a browser marks as coming from another site,
/// by `Sec-Fetch-Site` or by an `Origin` that is not this server's. Requests without either header
/// (non-browser clients) pass; the session cookie's SameSite=Lax covers old browsers.
pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    let safe_method = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe_method && is_cross_site(request.headers()) {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
        return (StatusCode::FORBIDDEN, "Cross-site requests are not allowed.").into_response();
    }
    next.run(request).await
}

fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|value| value.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return true;
    }
    match headers.get(header::ORIGIN).and_then(|value| value.to_str().ok()) {
        None => false,
        Some(origin) => {
            let host = headers.get(header::HOST).and_then(|value| value.to_str().ok()).unwrap_or_default();
            let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
            origin == "null" || host.is_empty() || !origin_host.eq_ignore_ascii_case(host)
        }
    }
}

/// Middleware: gives each request a fresh CSP nonce and sets the security headers on the response.
/// Everything except static assets is marked `no-store`, so signed-in pages never sit in a cache.
pub async fn security_headers(mut request: Request, next: Next) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let is_static_asset = is_static_asset(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Same-origin keeps the full URL for our own form posts (their redirect back) and sends
    // nothing to other sites.
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !is_static_asset {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else if !headers.contains_key(header::CACHE_CONTROL) {
        // A file under its plain name may change with the next build: ask before reusing it.
        // The hashed copies pages link carry their own year-long lifetime.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

/// Compiled assets and files from `public/`: the only responses that may be cached.
pub fn is_static_asset(path: &str) -> bool {
    path != "/insights.csv" && path != "/my-data.json" && (path.starts_with("/pkg/") || path.rsplit('/').next().is_some_and(|last| last.contains('.')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn same_origin_and_headerless_requests_pass() {
        assert!(!is_cross_site(&headers(&[])));
        assert!(!is_cross_site(&headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "none")])));
    }

    #[test]
    fn other_sites_are_recognised_by_origin_or_fetch_metadata() {
        assert!(is_cross_site(&headers(&[("host", "127.0.0.1:3000"), ("origin", "http://evil.example")])));
        assert!(is_cross_site(&headers(&[("host", "127.0.0.1:3000"), ("origin", "null")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
    }

    #[test]
    fn only_assets_count_as_static() {
        assert!(is_static_asset("/pkg/rebound.wasm"));
        assert!(is_static_asset("/favicon.ico"));
        assert!(!is_static_asset("/team"));
        assert!(!is_static_asset("/api/login"));
        assert!(!is_static_asset("/insights.csv"), "statistics are never cached");
    }
}
