//! Sign-in, sign-out, sessions, throttling and password changes, over real HTTP.

mod common;

use chrono::Duration;
use common::{PASSWORD, Person, TestApp, session_cookie};
use rebound::server::config::Config;
use reqwest::{Client, StatusCode};

#[tokio::test]
async fn signing_in_sets_a_hardened_cookie_and_signing_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    let client = app.client();
    let response = app.sign_in(&client, "ANA@example.org", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = session_cookie(&response).expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    assert!(!cookie.contains("Secure"));
    assert_eq!(app.who_am_i(&client).await.as_deref(), Some("ana@example.org"));

    // Replaying the cookie after sign-out must not work: the session is gone server-side.
    let token = cookie.split(';').next().unwrap().to_owned();
    assert_eq!(app.post(&client, "/api/logout", &[]).await.status(), StatusCode::OK);
    assert_eq!(app.who_am_i(&client).await, None);
    let replay = app.client().post(app.url("/api/session")).header("cookie", token).send().await.unwrap();
    let body: serde_json::Value = replay.json().await.unwrap();
    assert!(body["viewer"].is_null());
    let sessions: i64 = on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(p).await).unwrap();
    assert_eq!(sessions, 0);
}

#[tokio::test]
async fn secure_cookie_mode_adds_secure_and_the_host_prefix() {
    let app = TestApp::spawn_with(|mut config| {
        config.secure_cookies = true;
        config
    })
    .await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    let response = app.sign_in(&app.client(), "ana@example.org", PASSWORD).await;
    let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-rebound_session="), "{cookie}");
    assert!(cookie.contains("; Secure"));
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    let wrong = app.sign_in(&app.client(), "ana@example.org", "not the password at all").await;
    let unknown = app.sign_in(&app.client(), "nobody@example.org", "not the password at all").await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    assert_eq!(unknown.status(), wrong.status());
    assert!(session_cookie(&wrong).is_none());
    assert_eq!(wrong.text().await.unwrap(), unknown.text().await.unwrap());
}

#[tokio::test]
async fn every_sign_in_issues_a_new_session_id_and_retires_the_old_one() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    let client = app.client();
    let first = session_cookie(&app.sign_in(&client, "ana@example.org", PASSWORD).await).unwrap();
    let second = session_cookie(&app.sign_in(&client, "ana@example.org", PASSWORD).await).unwrap();
    assert_ne!(first, second);
    let old_token = first.split(';').next().unwrap().to_owned();
    let replay = app.client().post(app.url("/api/session")).header("cookie", old_token).send().await.unwrap();
    assert!(replay.json::<serde_json::Value>().await.unwrap()["viewer"].is_null());
}

#[tokio::test]
async fn ten_failures_for_one_account_are_throttled_until_the_window_passes() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    for _ in 0..10 {
        let response = app.sign_in(&app.client(), "ana@example.org", "wrong password here").await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    }
    // Even the right password is refused while throttled; no password work is done.
    let throttled = app.sign_in(&app.client(), "ana@example.org", PASSWORD).await;
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = throttled.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry_after), "Retry-After {retry_after}");
    // A flood of refused attempts is audited once, not once per attempt.
    for _ in 0..5 {
        assert_eq!(app.sign_in(&app.client(), "ana@example.org", PASSWORD).await.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    let audited: i64 = on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'sign_in_throttled'").fetch_one(p).await).unwrap();
    assert_eq!(audited, 1);
    // Other accounts are unaffected.
    app.add_person("ben@example.org", "Ben", Person::default()).await;
    assert_eq!(app.sign_in(&app.client(), "ben@example.org", PASSWORD).await.status(), StatusCode::OK);
    // No permanent lockout: once the window has passed the right password works again.
    app.clock.advance(Duration::minutes(16));
    assert_eq!(app.sign_in(&app.client(), "ana@example.org", PASSWORD).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_throttled_attempt_waits_for_its_refusal() {
    let app = TestApp::spawn_with(|config| Config { throttled_answer_delay: std::time::Duration::from_millis(300), ..config }).await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    for _ in 0..10 {
        app.sign_in(&app.client(), "ana@example.org", "wrong password here").await;
    }
    let started = std::time::Instant::now();
    assert_eq!(app.sign_in(&app.client(), "ana@example.org", PASSWORD).await.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(started.elapsed() >= std::time::Duration::from_millis(300), "answered after {:?}", started.elapsed());
}

#[tokio::test]
async fn fifty_failures_from_one_address_are_throttled_across_accounts() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    for attempt in 0..50 {
        let email = format!("guess{attempt}@example.org");
        assert_eq!(app.sign_in(&app.client(), &email, "wrong password here").await.status(), StatusCode::BAD_REQUEST);
    }
    let throttled = app.sign_in(&app.client(), "ana@example.org", PASSWORD).await;
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(throttled.headers().contains_key("retry-after"));
    // A browser without JavaScript gets a readable page, still with the 429 status.
    let page = app.client().post(app.url("/api/login")).header("accept", "text/html").form(&[("email", "ana@example.org"), ("password", PASSWORD)]).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(page.text().await.unwrap().contains("Try again in"));
    // A flood that rotates through accounts is answered without new failures and audited once.
    for attempt in 0..20 {
        let email = format!("rotating{attempt}@example.org");
        assert_eq!(app.sign_in(&app.client(), &email, "wrong password here").await.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    let audited: Vec<Option<String>> =
        on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT detail FROM audit_events WHERE action = 'sign_in_throttled'").fetch_all(p).await).unwrap();
    assert_eq!(audited, vec![Some("address".to_owned())]);
    let failures: i64 = on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM login_failures").fetch_one(p).await).unwrap();
    assert_eq!(failures, 50, "refused attempts never reach the password check");
}

#[tokio::test]
async fn a_session_ends_after_thirty_idle_minutes() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    let client = app.signed_in("ana@example.org").await;
    app.clock.advance(Duration::minutes(29));
    assert!(app.who_am_i(&client).await.is_some(), "activity within 30 minutes keeps the session");
    app.clock.advance(Duration::minutes(29));
    assert!(app.who_am_i(&client).await.is_some());
    app.clock.advance(Duration::minutes(31));
    assert_eq!(app.who_am_i(&client).await, None);
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_sign_in_however_active() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    let client = app.signed_in("ana@example.org").await;
    for _ in 0..24 {
        app.clock.advance(Duration::minutes(29));
        assert!(app.who_am_i(&client).await.is_some());
    }
    // 11h36m so far; the next step crosses twelve hours.
    app.clock.advance(Duration::minutes(29));
    assert_eq!(app.who_am_i(&client).await, None);
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions_and_enforces_the_policy() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    let laptop = app.signed_in("ana@example.org").await;
    let phone = app.signed_in("ana@example.org").await;
    let change = |new: &'static str| {
        let request = laptop.post(app.url("/api/change_password"));
        async move { request.form(&[("current_password", PASSWORD), ("new_password", new), ("confirm_password", new)]).send().await.unwrap() }
    };
    for refused in ["short", "password1234", "iloveyou12345"] {
        let response = change(refused).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{refused}");
    }
    assert_eq!(change("a much better passphrase").await.status(), StatusCode::OK);
    assert!(app.who_am_i(&laptop).await.is_some());
    assert_eq!(app.who_am_i(&phone).await, None);
    assert_eq!(app.sign_in(&app.client(), "ana@example.org", PASSWORD).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.sign_in(&app.client(), "ana@example.org", "a much better passphrase").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn two_password_changes_at_once_from_the_same_old_password_let_only_one_through() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    let (laptop, phone) = (app.signed_in("ana@example.org").await, app.signed_in("ana@example.org").await);
    let change = |client: &Client, new: &'static str| {
        let request = client.post(app.url("/api/change_password"));
        async move { request.form(&[("current_password", PASSWORD), ("new_password", new), ("confirm_password", new)]).send().await.unwrap().status() }
    };
    let (first, second) = tokio::join!(change(&laptop, "laptop chose this passphrase"), change(&phone, "phone chose this passphrase"));
    let statuses = [first, second];
    assert_eq!(statuses.iter().filter(|status| **status == StatusCode::OK).count(), 1, "{statuses:?}");
    // Exactly the password of the change that went through works.
    let winner = if first == StatusCode::OK { "laptop chose this passphrase" } else { "phone chose this passphrase" };
    let loser = if first == StatusCode::OK { "phone chose this passphrase" } else { "laptop chose this passphrase" };
    assert_eq!(app.sign_in(&app.client(), "ana@example.org", loser).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.sign_in(&app.client(), "ana@example.org", winner).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn anonymous_page_requests_are_sent_to_sign_in_and_back() {
    let app = TestApp::spawn().await;
    let response = app.client().get(app.url("/admin/users?q=a")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login?next=/admin/users%3Fq%3Da");
    let login = app.client().get(app.url("/login")).send().await.unwrap();
    assert_eq!(login.status(), StatusCode::OK);
    assert!(login.text().await.unwrap().contains("Sign in"));
}

#[tokio::test]
async fn sign_in_follows_only_local_next_targets() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    let local = app.post(&app.client(), "/api/login", &[("email", "ana@example.org"), ("password", PASSWORD), ("next", "/account/password")]).await;
    assert_eq!(local.json::<String>().await.unwrap(), "/account/password");
    let hostile = app.post(&app.client(), "/api/login", &[("email", "ana@example.org"), ("password", PASSWORD), ("next", "//evil.example/")]).await;
    assert_eq!(hostile.json::<String>().await.unwrap(), "/my-plan");
}
