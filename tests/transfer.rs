//! What travels to the browser: every text answer compressed when the browser takes brotli or
//! gzip, the static files under names that carry their content's hash with a year's lifetime
//! (and the copies compressed at build time), and the browser bundle only on pages with an island.

mod common;

use common::plan_org::create_plan;
use common::{Person, TestApp};
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, VARY};
use reqwest::{Client, StatusCode};
use std::io::Read;

/// A page with its CSP nonces blanked: they are fresh in every answer.
fn without_nonces(page: &str) -> String {
    let mut kept = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find("nonce") {
        kept.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find(['"', '\'']).and_then(|open| after[open + 1..].find(['"', '\'']).map(|close| open + close + 2)).unwrap_or(after.len());
        rest = &after[end..];
    }
    kept.push_str(rest);
    kept
}

async fn fetch(client: &Client, url: &str, accept: Option<&str>) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let mut request = client.get(url);
    if let Some(accept) = accept {
        request = request.header(ACCEPT_ENCODING, accept);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.headers().clone(), response.bytes().await.unwrap().to_vec())
}

fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli_decompressor::Decompressor::new(bytes, 4096).read_to_end(&mut out).expect("valid brotli");
    out
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("valid gzip");
    out
}

fn header(headers: &reqwest::header::HeaderMap, name: reqwest::header::HeaderName) -> &str {
    headers.get(name).and_then(|value| value.to_str().ok()).unwrap_or("")
}

#[tokio::test]
async fn pages_and_server_function_answers_come_in_brotli_or_gzip_and_read_the_same() {
    let app = TestApp::spawn().await;
    let manager = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(manager), ..Person::default() }).await;
    let maya = app.signed_in("maya@example.org").await;
    let (status, headers, plain) = fetch(&maya, &app.url("/team"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, CONTENT_ENCODING), "", "nothing compressed for a client that did not ask");
    let plain = without_nonces(&String::from_utf8(plain).unwrap());
    assert!(plain.contains("Sam Rivera"));
    for (offer, coding, decode) in [("gzip, deflate, br", "br", brotli as fn(&[u8]) -> Vec<u8>), ("gzip", "gzip", gunzip)] {
        let (status, headers, body) = fetch(&maya, &app.url("/team"), Some(offer)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(header(&headers, CONTENT_ENCODING), coding, "{offer}");
        assert!(header(&headers, VARY).to_ascii_lowercase().contains("accept-encoding"), "{offer}: caches must keep the codings apart");
        assert!(body.len() * 2 < plain.len(), "{offer}: {} bytes for a {}-byte page", body.len(), plain.len());
        assert_eq!(without_nonces(&String::from_utf8(decode(&body)).unwrap()), plain, "{offer}");
        assert_eq!(header(&headers, CACHE_CONTROL), "no-store", "a compressed page is still never cached");
    }
    let answer = maya.post(app.url("/api/admin/people")).header(ACCEPT_ENCODING, "br").form(&[("search", "")]).send().await.unwrap();
    let api = maya.post(app.url("/api/team")).header(ACCEPT_ENCODING, "gzip").send().await.unwrap();
    assert_eq!(answer.status(), StatusCode::FORBIDDEN, "a refusal is a refusal, compressed or not");
    assert_eq!(api.status(), StatusCode::OK);
    let coded = api.headers().get(CONTENT_ENCODING).map(|value| value.to_str().unwrap().to_owned());
    let body = api.bytes().await.unwrap();
    let text = if coded.as_deref() == Some("gzip") { gunzip(&body) } else { body.to_vec() };
    assert!(String::from_utf8(text).unwrap().contains("Sam Rivera"));
}

/// A site folder as the build leaves it: the stylesheet, the bundle, the form script and the
/// icon, with compressed copies made after them, as `scripts/compress-site.sh` makes them.
fn site(stylesheet: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("pkg")).unwrap();
    for (path, content) in
        [("pkg/rebound.css", stylesheet), ("pkg/rebound.js", "export default 1;"), ("pkg/rebound.wasm", "\0asm"), ("enhance.js", "// enhance"), ("favicon.svg", "<svg/>")]
    {
        std::fs::write(dir.path().join(path), content).unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(20));
    for (path, copy) in [("pkg/rebound.css.br", "BROTLI COPY"), ("pkg/rebound.css.gz", "GZIP COPY"), ("pkg/rebound.wasm.br", "WASM BROTLI")] {
        std::fs::write(dir.path().join(path), copy).unwrap();
    }
    dir
}

/// Every `href` or `src` of the page that points into `/pkg/`.
fn asset_links(page: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse("link[href], script[src]").unwrap();
    document
        .select(&selector)
        .filter_map(|element| element.value().attr("href").or(element.value().attr("src")))
        .filter(|link| link.starts_with("/pkg/"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn static_files_go_by_hashed_names_for_a_year_in_the_copies_made_at_build_time() {
    let folder = site("body { color: black }");
    let app = TestApp::spawn_with_site(folder.path().to_str().unwrap()).await;
    let client = app.client();
    let login = client.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    let links = asset_links(&login);
    let stylesheet = links.iter().find(|link| link.ends_with("/rebound.css")).expect("the stylesheet by its hashed name").clone();
    assert!(links.iter().any(|link| link.ends_with("/enhance.js")) && links.iter().any(|link| link.ends_with("/favicon.svg")), "{links:?}");
    assert_eq!(stylesheet.split('/').nth(2).map(str::len), Some(16), "{stylesheet}");

    for (offer, coding, body) in [(Some("gzip, br"), "br", "BROTLI COPY"), (Some("gzip"), "gzip", "GZIP COPY"), (None, "", "body { color: black }")] {
        let (status, headers, bytes) = fetch(&client, &app.url(&stylesheet), offer).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(header(&headers, CONTENT_ENCODING), coding, "{offer:?}");
        assert_eq!(String::from_utf8(bytes).unwrap(), body, "{offer:?}: the copy made at build time, never one made per request");
        assert_eq!(header(&headers, CACHE_CONTROL), "public, max-age=31536000, immutable");
        assert!(header(&headers, VARY).contains("accept-encoding"));
        assert_eq!(header(&headers, reqwest::header::CONTENT_TYPE), "text/css; charset=utf-8");
    }
    let wrong_hash = stylesheet.replacen(stylesheet.split('/').nth(2).unwrap(), "0123456789abcdef", 1);
    assert_eq!(fetch(&client, &app.url(&wrong_hash), None).await.0, StatusCode::NOT_FOUND, "an old name is not this file");
    let (status, headers, _) = fetch(&client, &app.url("/pkg/rebound.css"), None).await;
    assert_eq!((status, header(&headers, CACHE_CONTROL)), (StatusCode::OK, "no-cache"), "the plain name is revalidated, never kept");

    let changed = site("body { color: navy }");
    let upgraded = TestApp::spawn_with_site(changed.path().to_str().unwrap()).await;
    let links_after = asset_links(&upgraded.client().get(upgraded.url("/login")).send().await.unwrap().text().await.unwrap());
    assert!(!links_after.contains(&stylesheet), "a changed stylesheet gets a new name, so no browser keeps the old one");
}

#[tokio::test]
async fn only_pages_with_an_island_load_the_browser_bundle() {
    let folder = site("body {}");
    let app = TestApp::spawn_with_site(folder.path().to_str().unwrap()).await;
    let manager = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    let employee = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(manager), ..Person::default() }).await;
    let maya = app.signed_in("maya@example.org").await;
    let plan = create_plan(&app, &maya, employee, "Client demo").await;
    let page = |client: Client, path: String| async move { client.get(path).send().await.unwrap().text().await.unwrap() };
    let plan_page = page(maya.clone(), app.url(&format!("/plans/{plan}"))).await;
    assert!(plan_page.contains("<leptos-island"), "the manager's plan page has the wording island");
    let bundle: Vec<String> = asset_links(&plan_page).into_iter().filter(|link| link.ends_with(".wasm") || link.ends_with(".js") && link.contains("/rebound")).collect();
    assert_eq!(bundle.len(), 2, "the glue and the WASM, preloaded: {bundle:?}");
    let (status, headers, bytes) = fetch(&maya, &app.url(bundle.iter().find(|link| link.ends_with(".wasm")).unwrap()), Some("br")).await;
    assert_eq!((status, header(&headers, CONTENT_ENCODING), bytes.as_slice()), (StatusCode::OK, "br", &b"WASM BROTLI"[..]));
    assert_eq!(header(&headers, reqwest::header::CONTENT_TYPE), "application/wasm");

    let sam = app.signed_in("sam@example.org").await;
    for (client, path) in [(app.client(), "/login"), (maya.clone(), "/team"), (maya.clone(), "/playbook"), (sam.clone(), "/my-plan"), (sam, "/")] {
        let html = page(client, app.url(path)).await;
        assert!(!html.contains("<leptos-island"), "{path} has no island");
        assert!(!html.contains(".wasm") && !html.contains("rebound.js"), "{path} has no island, so no bundle: {:?}", asset_links(&html));
        assert!(!html.contains("__RESOLVED_RESOURCES["), "{path}: no page data is copied into a script for a hydration that never comes");
    }
}
