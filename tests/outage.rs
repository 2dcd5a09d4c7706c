//! PostgreSQL going away under a running server: stopped at once mid-load (as a lost machine
//! would stop it) and started again, the server answers 503 while it is gone, nothing but 503,
//! recovers by itself without a restart, and every write it acknowledged is there afterwards.
//! The test runs its own throwaway cluster (scripts/postgres-cluster.sh), on either pass of
//! `make test`. The pool's connection settings (TLS mode, statement timeout) are checked against
//! the same kind of cluster.

mod common;

use common::{Person, TestApp};
use reqwest::StatusCode;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A throwaway PostgreSQL cluster of this test's own, removed when dropped.
struct Cluster {
    dir: PathBuf,
    url: String,
}

impl Cluster {
    fn script(command: &str, dir: &std::path::Path) -> std::process::Output {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/postgres-cluster.sh");
        let output = Command::new(script).args([command, dir.to_str().unwrap()]).output().unwrap();
        assert!(output.status.success(), "postgres-cluster.sh {command}: {}", String::from_utf8_lossy(&output.stderr));
        output
    }

    fn start() -> Self {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!("rebound-outage-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
        let url = String::from_utf8(Self::script("start", &dir).stdout).unwrap().trim().to_owned();
        Self { dir, url }
    }

    /// Stops the server at once, without a checkpoint.
    fn crash(&self) {
        Self::script("crash", &self.dir);
    }

    fn resume(&self) {
        Self::script("resume", &self.dir);
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/postgres-cluster.sh");
        let _ = Command::new(script).args(["stop", self.dir.to_str().unwrap()]).output();
    }
}

/// Polls `/healthz` (bounded) until it answers `wanted`; returns whether it did.
async fn health_becomes(app: &TestApp, wanted: StatusCode, within: Duration) -> bool {
    let client = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
    let deadline = tokio::time::Instant::now() + within;
    while tokio::time::Instant::now() < deadline {
        if let Ok(response) = client.get(app.url("/healthz")).send().await
            && response.status() == wanted
        {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_postgres_is_down_the_server_answers_503_and_recovers_by_itself_losing_nothing_acknowledged() {
    let cluster = Cluster::start();
    let database = rebound::server::db::scratch_postgres_database(&cluster.url).await.unwrap();
    let app = TestApp::spawn_on(tempfile::tempdir().unwrap(), database, |config| config).await;
    app.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    assert!(health_becomes(&app, StatusCode::OK, Duration::from_secs(5)).await);

    // Writes run throughout: each creates a person and their audit event in one transaction.
    let stop = Arc::new(AtomicBool::new(false));
    let answers: Arc<Mutex<Vec<(String, StatusCode)>>> = Arc::default();
    let writer = {
        let (client, url, stop, answers) = (admin.clone(), app.url("/api/admin/create_person"), stop.clone(), answers.clone());
        tokio::spawn(async move {
            for index in 0..20_000 {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let email = format!("p{index}@example.org");
                let form = [("email", email.as_str()), ("display_name", "Person"), ("department_id", ""), ("manager_email", "")];
                let status = client.post(&url).form(&form).send().await.map(|response| response.status()).unwrap_or(StatusCode::BAD_GATEWAY);
                answers.lock().unwrap().push((email, status));
                if status != StatusCode::OK {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        })
    };
    // Whether a write met the outage and a later one was acknowledged again.
    let recovered = |answers: &[(String, StatusCode)]| {
        answers
            .iter()
            .position(|(_, status)| *status == StatusCode::SERVICE_UNAVAILABLE)
            .is_some_and(|refused| answers[refused..].iter().any(|(_, status)| *status == StatusCode::OK))
    };
    tokio::time::sleep(Duration::from_millis(500)).await;
    cluster.crash();
    assert!(health_becomes(&app, StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(15)).await, "503 while the database is down");
    // Longer than a request waits for a connection (five seconds), so writes meet the outage
    // rather than wait it out.
    tokio::time::sleep(Duration::from_secs(7)).await;
    cluster.resume();
    assert!(health_becomes(&app, StatusCode::OK, Duration::from_secs(30)).await, "back by itself, with no restart");
    // A write that was waiting for a connection when the database came back may still take its
    // time; wait (bounded) for one acknowledged after the outage.
    for _ in 0..200 {
        if recovered(&answers.lock().unwrap()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    let answers = answers.lock().unwrap().clone();

    let unexpected: Vec<&(String, StatusCode)> = answers.iter().filter(|(_, status)| *status != StatusCode::OK && *status != StatusCode::SERVICE_UNAVAILABLE).collect();
    assert!(unexpected.is_empty(), "only 503 while the database was away: {unexpected:?}");
    let refused = answers.iter().position(|(_, status)| *status == StatusCode::SERVICE_UNAVAILABLE).expect("some write met the outage");
    assert!(answers[..refused].iter().any(|(_, status)| *status == StatusCode::OK), "writes were acknowledged before the outage");
    assert!(answers[refused..].iter().any(|(_, status)| *status == StatusCode::OK), "and again after it, without a restart");

    let stored: Vec<String> = on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT email FROM users").fetch_all(p).await).unwrap();
    let lost: Vec<&String> = answers.iter().filter(|(_, status)| *status == StatusCode::OK).map(|(email, _)| email).filter(|email| !stored.contains(email)).collect();
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    let half_written: i64 = on_pool!(&app.state().pool, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM users u WHERE u.email <> 'admin@example.org'
           AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'person_created' AND a.target_id = u.id)"
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(half_written, 0, "a person without their audit event means a half-written change");
    eprintln!(
        "outage: {} writes, {} acknowledged, {} refused with 503, none lost",
        answers.len(),
        answers.iter().filter(|(_, status)| *status == StatusCode::OK).count(),
        answers.iter().filter(|(_, status)| *status == StatusCode::SERVICE_UNAVAILABLE).count()
    );
}

#[tokio::test]
async fn the_connection_settings_are_honoured_tls_mode_and_statement_timeout() {
    let cluster = Cluster::start();
    let database = rebound::server::db::scratch_postgres_database(&cluster.url).await.unwrap();
    // The throwaway server speaks no TLS: asking for it must fail, not quietly go unencrypted.
    let options = rebound::server::db::PoolOptions::default();
    let refused = rebound::server::db::connect(&format!("{database}?sslmode=require"), &options).await.unwrap_err();
    assert!(refused.to_string().to_lowercase().contains("tls") || refused.to_string().to_lowercase().contains("ssl"), "{refused}");
    assert!(rebound::server::db::connect(&format!("{database}?sslmode=disable"), &options).await.is_ok());
    // A statement running past the timeout is cancelled by the server.
    let short = rebound::server::db::PoolOptions { statement_timeout: Duration::from_millis(300), ..options };
    let pool = rebound::server::db::connect(&database, &short).await.unwrap();
    let slow = on_pool!(&pool, |p| sqlx::query("SELECT pg_sleep(2)").execute(p).await.map(|_| ()));
    assert!(slow.unwrap_err().to_string().contains("statement timeout"));
    let quick = on_pool!(&pool, |p| sqlx::query("SELECT pg_sleep(0.01)").execute(p).await.map(|_| ()));
    assert!(quick.is_ok());
}
