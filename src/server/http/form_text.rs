//! Form bodies and query strings must decode to text.
//!
//! A form field travels percent-encoded, and `%FF%FE` decodes to bytes that are not UTF-8. The
//! decoders Leptos uses replace such bytes with U+FFFD without a word, so a person's words would be
//! stored damaged while raw invalid bytes are refused. This middleware refuses both, with one
//! clear message, before anything reads the request; [`decode_pairs`] is the strict decoder the
//! rest of the server shares.

use crate::model::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The most a form body may hold: a pasted people list of several thousand rows fits many times.
pub const MAX_FORM_BYTES: usize = 4 * 1024 * 1024;

/// What a person is told when a form carries bytes that are not text.
pub const NOT_TEXT_MESSAGE: &str = "Some of the text sent is not valid UTF-8, so nothing was saved. Type or paste it again from its source.";

/// What a person is told when a link carries bytes that are not text.
pub const NOT_TEXT_LINK_MESSAGE: &str = "This link holds characters that are not valid UTF-8, so it cannot be opened. Check the link and try again.";

/// The form body a request carried, kept for the server function's refusal to hand back (see
/// `http::server_fn_status`).
#[derive(Debug, Clone)]
pub struct SubmittedForm(pub axum::body::Bytes);

/// A form body or query string holds bytes that are not UTF-8, raw or percent-encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotText;

/// Decodes `application/x-www-form-urlencoded` data into name and value pairs, refusing anything
/// that is not UTF-8 once decoded. A `%` not followed by two hex digits stays as written, as the
/// decoders of the form libraries treat it.
pub fn decode_pairs(data: &[u8]) -> Result<Vec<(String, String)>, NotText> {
    data.split(|byte| *byte == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = match pair.iter().position(|byte| *byte == b'=') {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, &[][..]),
            };
            Ok((percent_decode(name)?, percent_decode(value)?))
        })
        .collect()
}

fn percent_decode(text: &[u8]) -> Result<String, NotText> {
    let mut out = Vec::with_capacity(text.len());
    let mut index = 0;
    while index < text.len() {
        match text[index] {
            b'+' => out.push(b' '),
            b'%' => match text.get(index + 1..index + 3).and_then(hex_byte) {
                Some(byte) => {
                    out.push(byte);
                    index += 2;
                }
                None => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8(out).map_err(|_| NotText)
}

fn hex_byte(digits: &[u8]) -> Option<u8> {
    let value = |digit: u8| char::from(digit).to_digit(16);
    Some((value(digits[0])? * 16 + value(digits[1])?) as u8)
}

/// Middleware: refuses a request whose query string or form body is not text, raw or
/// percent-encoded, with 400 and [`NOT_TEXT_LINK_MESSAGE`] or [`NOT_TEXT_MESSAGE`]. Other bodies
/// pass untouched.
pub async fn refuse_non_text(request: Request, next: Next) -> Response {
    let wants_html = crate::server::http::security::accepts_html(request.headers());
    if request.uri().query().is_some_and(|query| decode_pairs(query.as_bytes()).is_err()) {
        return refusal(wants_html, "This link cannot be opened", NOT_TEXT_LINK_MESSAGE);
    }
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "The form is too large to send in one go.").into_response();
    };
    if decode_pairs(&bytes).is_err() {
        return refusal(wants_html, "Nothing was saved", NOT_TEXT_MESSAGE);
    }
    let mut request = Request::from_parts(parts, Body::from(bytes.clone()));
    request.extensions_mut().insert(SubmittedForm(bytes));
    next.run(request).await
}

/// The same refusal for every way of sending bytes that are not text: a page for a browser's own
/// form post, the error a server function would return for a script.
fn refusal(wants_html: bool, heading: &str, message: &str) -> Response {
    let mut response = if wants_html {
        let page = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{heading} · Rebound</title><link rel=\"stylesheet\" href=\"/pkg/rebound.css\"></head>\
             <body><main class=\"page narrow\"><h1>{heading}</h1><p role=\"alert\">{message}</p>\
             <p><a href=\"/\">Back to Rebound</a></p></main></body></html>"
        );
        (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
    } else {
        let body = serde_json::to_string(&AppError::invalid(message)).unwrap_or_default();
        (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    // Server-function clients read this header to decode the body as the function's error.
    response.headers_mut().insert("serverfnerror", HeaderValue::from_static("1"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(data: &[u8], name: &str) -> Option<String> {
        decode_pairs(data).unwrap().into_iter().find(|(key, _)| key == name).map(|(_, value)| value)
    }

    #[test]
    fn form_fields_are_percent_decoded() {
        let body = b"email=Ana%40Example.org&next=%2Fteam+x&flag&empty=";
        assert_eq!(field(body, "email").as_deref(), Some("Ana@Example.org"));
        assert_eq!(field(body, "next").as_deref(), Some("/team x"));
        assert_eq!(field(body, "flag").as_deref(), Some(""));
        assert_eq!(field(body, "empty").as_deref(), Some(""));
        assert_eq!(field(body, "missing"), None);
        assert_eq!(field(b"email=50%", "email").as_deref(), Some("50%"));
        assert_eq!(field(b"email=%zz", "email").as_deref(), Some("%zz"));
        assert_eq!(field("name=Zo%C3%AB+%E2%9C%93".as_bytes(), "name").as_deref(), Some("Zoë ✓"));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_raw_or_encoded() {
        assert_eq!(decode_pairs(b"what_happened=%FF%FE"), Err(NotText));
        assert_eq!(decode_pairs(b"what_happened=\xFF\xFE"), Err(NotText));
        assert_eq!(decode_pairs(b"%C3=ok"), Err(NotText), "a name is checked as well as a value");
        assert_eq!(decode_pairs(b"half=%E2%9C"), Err(NotText), "a truncated character is not text");
    }
}
