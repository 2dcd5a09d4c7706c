//! Handing a one-time result (a temporary password, a confirmation, a refused form, sign-in
//! links) to the page a plain form post redirects to.
//!
//! A programmatic caller gets the result in the server function's response. A browser posting the
//! page's form follows a redirect and the result would be lost, so it travels in a short-lived
//! HttpOnly cookie, which the next page render reads once and clears. It never appears in a URL or
//! a log. Each kind has its own [`OneTimeCookie`]: a name, the paths it is sent to, a lifetime.

use crate::model::{IssuedPassword, Notice};
use axum::http::{HeaderMap, HeaderValue};
use base64::Engine as _;
use serde::{Serialize, de::DeserializeOwned};

/// A cookie that carries one value to the next page and is cleared once read.
pub struct OneTimeCookie {
    name: &'static str,
    path: &'static str,
    max_age_seconds: u32,
}

/// An issued temporary password, to the admin page that shows it.
pub const ISSUED_PASSWORD: OneTimeCookie = OneTimeCookie { name: "rebound_issued", path: "/admin", max_age_seconds: 120 };
/// A confirmation, to the section a saved form lands on.
pub const NOTICE: OneTimeCookie = OneTimeCookie { name: "rebound_notice", path: "/", max_age_seconds: 60 };
/// The one-time token of a refused form, to the page it returns to.
pub const RETURNED_FORM: OneTimeCookie = OneTimeCookie { name: "rebound_returned", path: "/", max_age_seconds: 600 };
/// The token of the sign-in links an import handed over, to the admin pages.
pub const SIGN_IN_LINKS: OneTimeCookie = OneTimeCookie { name: "rebound_links", path: "/admin", max_age_seconds: 600 };
/// The token of a calendar feed address just made, to the account page.
pub const CALENDAR_FEED: OneTimeCookie = OneTimeCookie { name: "rebound_feed", path: "/account", max_age_seconds: 600 };

impl OneTimeCookie {
    /// The `Set-Cookie` value carrying `value` (a token or base64: no character needs quoting).
    pub fn set(&self, value: &str) -> Option<HeaderValue> {
        HeaderValue::from_str(&format!("{}={value}; HttpOnly; SameSite=Strict; Path={}; Max-Age={}", self.name, self.path, self.max_age_seconds)).ok()
    }

    /// The `Set-Cookie` value carrying `value` as JSON.
    pub fn set_json<T: Serialize>(&self, value: &T) -> Option<HeaderValue> {
        let json = serde_json::to_vec(value).ok()?;
        self.set(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json))
    }

    /// The `Set-Cookie` value that removes it.
    pub fn clear(&self) -> HeaderValue {
        HeaderValue::from_str(&format!("{}=; HttpOnly; SameSite=Strict; Path={}; Max-Age=0", self.name, self.path)).expect("cookie names and paths are plain ASCII")
    }

    /// The value a request carries, if any.
    pub fn read(&self, headers: &HeaderMap) -> Option<String> {
        crate::server::http::cookies::read(headers, self.name)
    }

    /// The JSON value a request carries, if any and well formed.
    pub fn read_json<T: DeserializeOwned>(&self, headers: &HeaderMap) -> Option<T> {
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(self.read(headers)?).ok()?;
        serde_json::from_slice(&json).ok()
    }
}

/// The `Set-Cookie` value carrying an issued password to the next admin page.
pub fn issued_password_cookie(issued: &IssuedPassword) -> Option<HeaderValue> {
    ISSUED_PASSWORD.set_json(issued)
}

/// The issued password carried by a request, if any.
pub fn read_issued_password(headers: &HeaderMap) -> Option<IssuedPassword> {
    ISSUED_PASSWORD.read_json(headers)
}

/// The confirmation carried by a request, if any.
pub fn read_notice(headers: &HeaderMap) -> Option<Notice> {
    NOTICE.read_json(headers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header;

    fn carrying(set: &HeaderValue) -> HeaderMap {
        let pair = set.to_str().unwrap().split(';').next().unwrap().to_owned();
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_str(&pair).unwrap());
        headers
    }

    #[test]
    fn a_value_goes_to_the_next_page_once_and_only_where_it_is_meant_for() {
        let notice = Notice { anchor: "tasks-heading".into(), message: "Saved. \u{201c}Task\u{201d} added.".into() };
        let set = NOTICE.set_json(&notice).unwrap();
        assert!(set.to_str().unwrap().contains("HttpOnly; SameSite=Strict; Path=/; Max-Age=60"));
        assert_eq!(read_notice(&carrying(&set)), Some(notice));
        assert_eq!(ISSUED_PASSWORD.clear().to_str().unwrap(), "rebound_issued=; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=0");
        assert_eq!(RETURNED_FORM.read(&carrying(&RETURNED_FORM.set("tok").unwrap())).as_deref(), Some("tok"));
        assert!(read_notice(&carrying(&HeaderValue::from_static("rebound_notice=not-base64!"))).is_none(), "a forged value is ignored");
    }
}
