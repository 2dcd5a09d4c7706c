//! Reading the request's cookies: the one parser every cookie of Rebound goes through (the
//! session, one-time messages, refused forms, hand-overs).

use axum::http::{HeaderMap, header};

/// The value of the request's cookie called `name`, if it has a non-empty one. Several `Cookie`
/// headers are read as one list; the first cookie of that name wins.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, value)| *cookie == name && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn a_cookie_is_found_by_its_exact_name_in_any_cookie_header() {
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("rebound_session_x=1; rebound_notice="));
        headers.append(header::COOKIE, HeaderValue::from_static("other=2;  rebound_session=abc"));
        assert_eq!(read(&headers, "rebound_session").as_deref(), Some("abc"));
        assert_eq!(read(&headers, "rebound_notice"), None, "an empty value is no cookie");
        assert_eq!(read(&headers, "missing"), None);
    }
}
