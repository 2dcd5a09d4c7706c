//! Test harness: starts the real server on a random loopback port with a fresh database and an
//! adjustable clock, and talks to it over HTTP with a cookie jar, as a browser would.
#![allow(dead_code)]

pub mod inert;
pub mod plan_org;

use leptos::prelude::LeptosOptions;
use rebound::server::AppState;
use rebound::server::auth::password::PasswordHash;
use rebound::server::clock::OffsetClock;
use rebound::server::config::Config;
use rebound::server::db;
use rebound::server::http::startup::{self, RunningServer};
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;
use std::sync::Arc;

/// A password that passes the policy, used for test accounts.
pub const PASSWORD: &str = "violet tram under the bridge";

/// A running server with its own database and clock.
pub struct TestApp {
    pub base: String,
    pub clock: Arc<OffsetClock>,
    pub server: RunningServer,
    _dir: tempfile::TempDir,
}

/// Roles and reporting line for a test person.
#[derive(Default, Clone, Copy)]
pub struct Person {
    pub hr: bool,
    pub admin: bool,
    pub manager: Option<i64>,
}

/// The database a test server runs on: a SQLite file in `dir`, or, when
/// `REBOUND_TEST_POSTGRES_URL` names a PostgreSQL server (as `make test`'s second run sets it),
/// a new database of its own there.
pub async fn test_database_url(dir: &tempfile::TempDir) -> String {
    match std::env::var("REBOUND_TEST_POSTGRES_URL") {
        Ok(server) => rebound::server::db::scratch_postgres_database(&server).await.expect("a scratch PostgreSQL database"),
        Err(_) => format!("sqlite://{}", dir.path().join("rebound.db").display()),
    }
}

/// Runs `$body` with `$p` bound to the engine's own pool, for a test's raw SQL checks (written
/// once, compiled for each engine).
#[macro_export]
macro_rules! on_pool {
    ($pool:expr, |$p:ident| $body:expr) => {
        match $pool.raw() {
            rebound::server::db::RawPool::Sqlite($p) => $body,
            rebound::server::db::RawPool::Postgres($p) => $body,
        }
    };
}

impl TestApp {
    /// Starts a server with the default configuration.
    pub async fn spawn() -> Self {
        Self::spawn_with(|config| config).await
    }

    /// Starts a second instance on this one's database, as a load balancer would have beside it:
    /// its own process state (caches, throttle memory, clock) and the shared database.
    pub async fn spawn_beside(&self) -> Self {
        let url = self.state().config.database_url.clone();
        Self::spawn_on(tempfile::tempdir().expect("temporary directory"), url, |config| config).await
    }

    /// Starts a server after adjusting its configuration.
    pub async fn spawn_with(adjust: impl FnOnce(Config) -> Config) -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = test_database_url(&dir).await;
        Self::spawn_on(dir, url, adjust).await
    }

    /// Starts a server on the database at `url` (`dir` lives as long as the server).
    pub async fn spawn_on(dir: tempfile::TempDir, url: String, adjust: impl FnOnce(Config) -> Config) -> Self {
        Self::spawn_serving(dir, url, "target/site", adjust).await
    }

    /// Starts a server whose static files are those under `site_root`.
    pub async fn spawn_with_site(site_root: &str) -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = test_database_url(&dir).await;
        Self::spawn_serving(dir, url, site_root, |config| config).await
    }

    async fn spawn_serving(dir: tempfile::TempDir, url: String, site_root: &str, adjust: impl FnOnce(Config) -> Config) -> Self {
        // Refusals answer at once unless a test asks for the production delay.
        let config = adjust(Config { throttled_answer_delay: std::time::Duration::ZERO, ..Config::new(url) });
        let options = LeptosOptions::builder().output_name("rebound").site_root(site_root).site_pkg_dir("pkg").build();
        let clock = Arc::new(OffsetClock::default());
        let state = startup::build_state(config, options, clock.clone()).await.expect("build state");
        let server = startup::start(state.clone(), "127.0.0.1:0".parse().unwrap(), rebound::app::router(state)).await.expect("start server");
        Self { base: format!("http://{}", server.address), clock, server, _dir: dir }
    }

    /// The server's shared state (database pool, configuration).
    pub fn state(&self) -> &AppState {
        &self.server.state
    }

    /// The full URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Adds a person with [`PASSWORD`] straight into the database; returns their id.
    pub async fn add_person(&self, email: &str, name: &str, person: Person) -> i64 {
        let hash: PasswordHash = self.state().hasher.hash(PASSWORD.into()).await.expect("hash");
        let mut conn = self.state().pool.begin_write().await.unwrap();
        let id = db::users::insert(
            &mut conn,
            chrono::Utc::now(),
            &db::users::NewPerson {
                email,
                display_name: name,
                password_hash: &hash,
                must_change_password: false,
                is_hr: person.hr,
                is_admin: person.admin,
                department_id: None,
                manager_id: None,
            },
        )
        .await
        .expect("insert person");
        db::users::set_manager(&mut conn, chrono::Utc::now(), id, person.manager).await.expect("set manager");
        conn.commit().await.expect("commit the person");
        id
    }

    /// A fresh browser-like client: its own cookie jar, redirects not followed.
    pub fn client(&self) -> Client {
        // A response that never comes fails the test with its URL instead of stalling the suite.
        Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).timeout(std::time::Duration::from_secs(60)).build().unwrap()
    }

    /// Posts form fields to a path.
    pub async fn post(&self, client: &Client, path: &str, form: &[(&str, &str)]) -> Response {
        client.post(self.url(path)).form(form).send().await.expect("request")
    }

    /// Posts form fields and insists on 200 OK; returns the body.
    pub async fn post_ok(&self, client: &Client, path: &str, form: &[(&str, &str)]) -> String {
        let response = self.post(client, path, form).await;
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        body
    }

    /// Signs in and returns the response.
    pub async fn sign_in(&self, client: &Client, email: &str, password: &str) -> Response {
        self.post(client, "/api/login", &[("email", email), ("password", password)]).await
    }

    /// A client signed in as the given person (with [`PASSWORD`]).
    pub async fn signed_in(&self, email: &str) -> Client {
        let client = self.client();
        let response = self.sign_in(&client, email, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::OK, "sign-in of {email} failed: {}", response.text().await.unwrap_or_default());
        client
    }

    /// The signed-in person's email as the server sees it (`None` when signed out).
    pub async fn who_am_i(&self, client: &Client) -> Option<String> {
        let session: Value = self.post(client, "/api/session", &[]).await.json().await.expect("session json");
        session["viewer"]["email"].as_str().map(str::to_owned)
    }
}

/// The value of the session cookie in a response's `Set-Cookie` headers, if it sets one.
pub fn session_cookie(response: &Response) -> Option<String> {
    response.headers().get_all("set-cookie").iter().filter_map(|value| value.to_str().ok()).find(|value| value.contains("rebound_session=")).map(str::to_owned)
}
