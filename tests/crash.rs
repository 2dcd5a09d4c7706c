//! Crash safety: drive writes through the real HTTP API, kill the server with SIGKILL at random
//! moments, restart it, and check that every acknowledged write is there, no write is half
//! visible, and (on SQLite) the file's integrity check passes. Runs on SQLite, and on PostgreSQL
//! in `make test`'s second pass. `make test` runs a short round; set `REBOUND_CRASH_KILLS=500`
//! for a long one.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const PASSWORD: &str = "violet tram under the bridge";

fn rebound(database: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rebound"));
    command.args(["--database", database]).env("RUST_LOG", "error");
    command
}

/// Starts the server on a free loopback port; returns it with its base URL.
fn start(database: &str) -> (Child, String) {
    let mut child = rebound(database).args(["serve", "--addr", "127.0.0.1:0"]).stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("server output").unwrap();
        if let Some(rest) = line.split("serving at ").nth(1) {
            break rest.trim().to_owned();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, url)
}

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill_and_nothing_is_half_written() {
    let kills: usize = std::env::var("REBOUND_CRASH_KILLS").ok().and_then(|n| n.parse().ok()).unwrap_or(20);
    let dir = tempfile::tempdir().unwrap();
    let database = common::test_database_url(&dir).await;
    let mut create = rebound(&database).args(["user", "create", "--email", "admin@example.org", "--name", "Ada Admin", "--admin"]).stdin(Stdio::piped()).spawn().unwrap();
    create.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    assert!(create.wait().unwrap().success());

    let mut random = Lcg(7);
    let mut acknowledged: Vec<String> = Vec::new();
    let mut sequence = 0;
    for round in 0..kills {
        let (mut server, url) = start(&database);
        let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
        let login = client.post(format!("{url}/api/login")).form(&[("email", "admin@example.org"), ("password", PASSWORD)]).send().await.unwrap();
        assert_eq!(login.status(), 200, "round {round}: sign-in after restart");
        // Write until the server dies under us; each acknowledged write is remembered.
        let deadline = tokio::time::Instant::now() + Duration::from_millis(20 + random.below(180));
        let writer = {
            let (client, url) = (client.clone(), url.clone());
            let start = sequence;
            tokio::spawn(async move {
                let mut done = Vec::new();
                for index in start.. {
                    // A person and their audit event are written in one transaction.
                    let email = format!("p{index}@example.org");
                    let sent = client
                        .post(format!("{url}/api/admin/create_person"))
                        .form(&[("email", email.as_str()), ("display_name", "Person"), ("department_id", ""), ("manager_email", "")])
                        .send()
                        .await;
                    match sent {
                        Ok(response) if response.status() == 200 => done.push(email),
                        _ => break,
                    }
                }
                done
            })
        };
        tokio::time::sleep_until(deadline).await;
        server.kill().unwrap(); // SIGKILL: no graceful shutdown, no chance to flush anything.
        server.wait().unwrap();
        let done = writer.await.unwrap();
        sequence += done.len() + 1_000;
        acknowledged.extend(done);
    }

    let pool = rebound::server::db::connect(&database, &Default::default()).await.unwrap();
    if let rebound::server::db::RawPool::Sqlite(file) = pool.raw() {
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(file).await.unwrap();
        assert_eq!(integrity, "ok");
    }
    let emails: Vec<String> = on_pool!(&pool, |p| sqlx::query_scalar("SELECT email FROM users").fetch_all(p).await).unwrap();
    let missing: Vec<&String> = acknowledged.iter().filter(|email| !emails.contains(email)).collect();
    assert!(missing.is_empty(), "acknowledged but lost after SIGKILL: {missing:?}");
    let half_written: i64 = on_pool!(&pool, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM users u WHERE u.email <> 'admin@example.org'
           AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'person_created' AND a.target_id = u.id)",
    )
    .fetch_one(p)
    .await)
    .unwrap();
    assert_eq!(half_written, 0, "a person without their audit event means a half-written change");
    assert!(!acknowledged.is_empty(), "the harness must actually write");
    eprintln!("crash safety on {}: {kills} kills, {} acknowledged writes, none lost", pool.kind().name(), acknowledged.len());
}
