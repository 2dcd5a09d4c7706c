//! Checks that text read back from a page or a response is inert and whole: the payload every
//! stored-injection test saves, and the assertions on what comes back.

use super::TestApp;
use chrono::{Duration, Utc};
use reqwest::{Client, StatusCode};
use scraper::{Html, Selector};
use serde_json::Value;

/// Tries to end a textarea, an attribute, a script and the rest of the page, and holds an entity.
pub const PAYLOAD: &str = "</textarea><img src=x id=INJECTED>\"><svg onload=alert(1)><!--</script>&lt;&amp;";

/// The saved value of field `n`: a marker to find it by, then the payload.
pub fn value(n: u32) -> String {
    format!("F{n:02}{PAYLOAD}")
}

pub fn ago(days: i64) -> String {
    (Utc::now().date_naive() - Duration::days(days)).to_string()
}

pub fn ahead(days: i64) -> String {
    (Utc::now().date_naive() + Duration::days(days)).to_string()
}

/// Everything a browser would take as text from a page: text nodes (a textarea's content is one),
/// attribute values, and the strings of an island's props (JSON in an attribute).
fn texts(document: &Html) -> Vec<String> {
    let mut texts: Vec<String> = document.root_element().text().map(str::to_owned).collect();
    for element in document.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        for (name, value) in element.value().attrs() {
            if name == "data-props" {
                let props: Value = serde_json::from_str(value).expect("island props are JSON");
                texts.extend(json_strings(&props).into_iter().map(str::to_owned));
            } else {
                texts.push(value.to_owned());
            }
        }
    }
    texts
}

/// Every string in a JSON value, however deep.
fn json_strings(json: &Value) -> Vec<&str> {
    let mut strings = Vec::new();
    let mut stack = vec![json];
    while let Some(node) = stack.pop() {
        match node {
            Value::String(text) => strings.push(text.as_str()),
            Value::Array(items) => stack.extend(items),
            Value::Object(fields) => stack.extend(fields.values()),
            _ => {}
        }
    }
    strings
}

/// Asserts the page carries no live markup from the payload and shows each expected field whole.
pub fn assert_inert(page: &str, html: &str, expected: &[u32]) {
    let document = Html::parse_document(html);
    let live = Selector::parse("[id=INJECTED], img[src=x], svg[onload], [onload]").unwrap();
    assert!(document.select(&live).next().is_none(), "{page}: the payload became markup");
    let scripts = Selector::parse("script").unwrap();
    assert!(document.select(&scripts).all(|script| !script.text().any(|text| text.contains("alert(1)"))), "{page}: the payload reached a script");
    let texts = texts(&document);
    for &n in expected {
        let whole = value(n);
        assert!(texts.iter().any(|text| text.contains(&whole)), "{page}: field F{n:02} is not shown whole as text");
    }
    // No shown text holds a cut-off copy: every marker is followed by the whole payload.
    for text in &texts {
        for (at, _) in text.match_indices(PAYLOAD.split_at(12).0).filter(|(at, _)| *at >= 3) {
            assert!(text[at..].starts_with(PAYLOAD), "{page}: a field was cut short: {:?}", &text[at - 3..]);
        }
    }
}

/// Asserts a JSON response gives each expected field back exactly as typed.
pub fn assert_json(what: &str, body: &str, expected: &[u32]) {
    let json: Value = serde_json::from_str(body).unwrap_or_else(|error| panic!("{what}: {error}: {body}"));
    let strings = json_strings(&json);
    for &n in expected {
        assert!(strings.iter().any(|text| text.contains(&value(n))), "{what}: field F{n:02} is not given back exactly");
    }
}

pub async fn page(app: &TestApp, client: &Client, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.unwrap()
}
