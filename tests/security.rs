//! Web security over real HTTP: cross-site refusal, response headers, health check.

mod common;

use common::{Person, TestApp};
use reqwest::StatusCode;

#[tokio::test]
async fn cross_site_posts_are_refused_before_anything_happens() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    let form = [("email", "ana@example.org"), ("password", common::PASSWORD)];
    let by_origin = app.client().post(app.url("/api/login")).header("origin", "http://evil.example").form(&form).send().await.unwrap();
    assert_eq!(by_origin.status(), StatusCode::FORBIDDEN);
    assert!(common::session_cookie(&by_origin).is_none());
    let by_fetch_metadata = app.client().post(app.url("/api/login")).header("sec-fetch-site", "cross-site").form(&form).send().await.unwrap();
    assert_eq!(by_fetch_metadata.status(), StatusCode::FORBIDDEN);
    let same_origin = app.client().post(app.url("/api/login")).header("origin", app.base.clone()).header("sec-fetch-site", "same-origin").form(&form).send().await.unwrap();
    assert_eq!(same_origin.status(), StatusCode::OK);
    let failures: i64 = on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action LIKE 'sign_in%'").fetch_one(p).await).unwrap();
    assert_eq!(failures, 1, "only the same-origin attempt reached sign-in");
}

#[tokio::test]
async fn pages_carry_a_nonce_based_policy_and_the_other_security_headers() {
    let app = TestApp::spawn().await;
    let response = app.client().get(app.url("/login")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    let policy = headers["content-security-policy"].to_str().unwrap().to_owned();
    for directive in ["'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
        assert!(policy.contains(directive), "{policy} lacks {directive}");
    }
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    assert_eq!(headers["cache-control"], "no-store");
    let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).unwrap().to_owned();
    let html = response.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the page's scripts carry the header's nonce");
    let again = app.client().get(app.url("/login")).send().await.unwrap();
    assert!(!again.headers()["content-security-policy"].to_str().unwrap().contains(&nonce), "a fresh nonce per request");
}

#[tokio::test]
async fn health_reports_the_database_and_fails_without_it() {
    let app = TestApp::spawn().await;
    let ok = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(ok.text().await.unwrap(), "ok");
    app.state().pool.close().await;
    let down = app.client().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(down.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn unknown_pages_are_404_and_errors_do_not_leak_internals() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    let client = app.signed_in("ana@example.org").await;
    let missing = client.get(app.url("/no/such/page")).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let malformed = app.post(&client, "/api/admin/person", &[("person_id", "not-a-number")]).await;
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    let body = malformed.text().await.unwrap();
    assert!(!body.to_lowercase().contains("sqlx") && !body.contains("panicked"), "{body}");
}

#[tokio::test]
async fn every_response_names_its_request_and_keeps_a_forwarded_id_only_when_fit_to_log() {
    let app = TestApp::spawn().await;
    let id_of = |response: &reqwest::Response| response.headers().get("x-request-id").and_then(|id| id.to_str().ok()).map(str::to_owned);
    let fresh = app.client().get(app.url("/healthz")).send().await.unwrap();
    let first = id_of(&fresh).expect("an id on every response");
    let again = id_of(&app.client().get(app.url("/login")).send().await.unwrap()).unwrap();
    assert!(first.len() == 16 && first != again, "each request its own id: {first} {again}");
    let forwarded = app.client().get(app.url("/healthz")).header("x-request-id", "lb-7f3a.42").send().await.unwrap();
    assert_eq!(id_of(&forwarded).as_deref(), Some("lb-7f3a.42"), "a load balancer's id is kept");
    let unfit = app.client().get(app.url("/healthz")).header("x-request-id", "x\"; drop").send().await.unwrap();
    assert_ne!(id_of(&unfit).as_deref(), Some("x\"; drop"), "an id unfit to log is replaced");
}
