//! `rebound migrate-data`: a whole organisation moves to another database (SQLite to
//! PostgreSQL and back when `make test` gives a PostgreSQL server, SQLite to SQLite otherwise),
//! table by table identical, the source untouched, and a target that holds anything refused.

mod common;

use rebound::server::db::{self, transfer::TableSummary};
use std::process::{Command, Output};

fn rebound(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rebound")).args(args).env("RUST_LOG", "error").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every table's count and checksum, read straight from the database at `url`.
async fn summaries(url: &str) -> Vec<TableSummary> {
    let pool = db::connect(url, &Default::default()).await.unwrap();
    let found = db::transfer::summaries(&mut pool.acquire().await.unwrap()).await.unwrap();
    pool.close().await;
    found
}

/// An empty database to move into: on the test PostgreSQL server when there is one.
async fn empty_target(dir: &tempfile::TempDir, name: &str) -> String {
    match std::env::var("REBOUND_TEST_POSTGRES_URL") {
        Ok(server) => db::scratch_postgres_database(&server).await.unwrap(),
        Err(_) => format!("sqlite://{}/{name}.db", dir.path().display()),
    }
}

/// Seeds `source` with `seed`, moves it to another database and back, and checks every table on
/// the way against the source.
async fn round_trip(seed: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let source = format!("sqlite://{}/source.db", dir.path().display());
    let mut seeding = vec!["--database", source.as_str(), "demo-seed"];
    seeding.extend(seed);
    let seeded = rebound(&seeding);
    assert!(seeded.status.success(), "{}", text(&seeded.stderr));
    let before = summaries(&source).await;
    for table in ["users", "plans", "check_ins", "plan_tasks", "settings"] {
        assert!(before.iter().any(|summary| summary.table == table && summary.rows > 0), "the seed fills {table}");
    }

    let moved = empty_target(&dir, "moved").await;
    let output = rebound(&["migrate-data", "--from", &source, "--to", &moved]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let report = text(&output.stdout);
    for summary in &before {
        let line = format!("{:<22} {:>9}  {}", summary.table, summary.rows, summary.checksum);
        assert!(report.contains(&line), "the report states {} as read: {report}", summary.table);
    }
    assert_eq!(summaries(&moved).await, before, "every table arrived identical");
    assert_eq!(summaries(&source).await, before, "the source is untouched");

    // Back again, into a fresh SQLite file: still identical.
    let back = format!("sqlite://{}/back.db", dir.path().display());
    let output = rebound(&["migrate-data", "--from", &moved, "--to", &back]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(summaries(&back).await, before);

    // A target that holds anything is refused, and keeps what it holds.
    let again = rebound(&["migrate-data", "--from", &source, "--to", &moved]);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("is not empty"), "{}", text(&again.stderr));
    assert_eq!(summaries(&moved).await, before);
}

#[tokio::test]
async fn the_demo_organisation_moves_and_comes_back_identical() {
    round_trip(&[]).await;
}

#[tokio::test]
async fn a_ten_thousand_employee_organisation_moves_and_comes_back_identical() {
    round_trip(&["--employees", "10000", "--plans", "20000", "--check-ins", "100000"]).await;
}

#[test]
fn a_missing_or_foreign_source_is_refused_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let missing = format!("sqlite://{}/missing.db", dir.path().display());
    let target = format!("sqlite://{}/target.db", dir.path().display());
    let output = rebound(&["migrate-data", "--from", &missing, "--to", &target]);
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("there is no database at"), "{}", text(&output.stderr));
    let same = rebound(&["migrate-data", "--from", &target, "--to", &target]);
    assert!(text(&same.stderr).contains("the same database"), "{}", text(&same.stderr));
    // An empty SQLite file has no schema history: not a Rebound database of this version.
    std::fs::write(dir.path().join("empty.db"), b"").unwrap();
    let empty = format!("sqlite://{}/empty.db", dir.path().display());
    let output = rebound(&["migrate-data", "--from", &empty, "--to", &target]);
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("not a Rebound database"), "{}", text(&output.stderr));
    assert!(!dir.path().join("target.db").exists(), "no target was created");
}
