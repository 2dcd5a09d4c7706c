//! Handing a one-time result (a temporary password, a confirmation, a refused form) to the page a
//! plain form post redirects to.
//!
//! A programmatic caller gets the result in the server function's response. A browser posting the
//! page's form follows a redirect and the result would be lost, so it travels in a short-lived HttpOnly cookie
//! scoped to the admin pages, which the next page render reads once and clears. It never appears in
//! a URL or a log.

use crate::model::{IssuedPassword, Notice};
use axum::http::{HeaderMap, HeaderValue};
use base64::Engine as _;

const COOKIE: &str = "rebound_issued";

/// The `Set-Cookie` value carrying an issued password to the next admin page.
pub fn issued_password_cookie(issued: &IssuedPassword) -> Option<HeaderValue> {
    let json = serde_json::to_vec(issued).ok()?;
    let value = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
    HeaderValue::from_str(&format!("{COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=120")).ok()
}

/// The `Set-Cookie` value that removes it.
pub fn clearing_cookie() -> HeaderValue {
    HeaderValue::from_static("rebound_issued=; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=0")
}

/// The issued password carried by a request, if any.
pub fn read_issued_password(headers: &HeaderMap) -> Option<IssuedPassword> {
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(crate::server::http::cookies::read(headers, COOKIE)?).ok()?;
    serde_json::from_slice(&json).ok()
}

const NOTICE_COOKIE: &str = "rebound_notice";

/// The `Set-Cookie` value carrying a confirmation to the page a form post redirects to.
pub fn notice_cookie(notice: &Notice) -> Option<HeaderValue> {
    let json = serde_json::to_vec(notice).ok()?;
    let value = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
    HeaderValue::from_str(&format!("{NOTICE_COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=60")).ok()
}

/// The `Set-Cookie` value that removes the confirmation once shown.
pub fn clearing_notice_cookie() -> HeaderValue {
    HeaderValue::from_static("rebound_notice=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
}

/// The confirmation carried by a request, if any.
pub fn read_notice(headers: &HeaderMap) -> Option<Notice> {
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(crate::server::http::cookies::read(headers, NOTICE_COOKIE)?).ok()?;
    serde_json::from_slice(&json).ok()
}

const RETURNED_COOKIE: &str = "rebound_returned";

/// The `Set-Cookie` value carrying the one-time token of a refused form to the page it returns to.
pub fn returned_cookie(token: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!("{RETURNED_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=600")).ok()
}

/// The `Set-Cookie` value that removes it.
pub fn clearing_returned_cookie() -> HeaderValue {
    HeaderValue::from_static("rebound_returned=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
}

/// The token of a refused form carried by a request, if any.
pub fn read_returned_token(headers: &HeaderMap) -> Option<String> {
    crate::server::http::cookies::read(headers, RETURNED_COOKIE)
}

const SIGN_IN_LINKS_COOKIE: &str = "rebound_links";

/// The `Set-Cookie` value carrying the token of the sign-in links an import handed over to the
/// admin pages.
pub fn sign_in_links_cookie(token: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!("{SIGN_IN_LINKS_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=600")).ok()
}

/// The `Set-Cookie` value that removes it.
pub fn clearing_sign_in_links_cookie() -> HeaderValue {
    HeaderValue::from_static("rebound_links=; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=0")
}

/// The token of handed-over sign-in links carried by a request, if any.
pub fn read_sign_in_links_token(headers: &HeaderMap) -> Option<String> {
    crate::server::http::cookies::read(headers, SIGN_IN_LINKS_COOKIE)
}
