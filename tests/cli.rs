//! The command line: clear errors and non-zero exits on bad input, working commands otherwise.

mod common;

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

fn rebound(database: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rebound"))
        .args(["--database", database])
        .args(args)
        .env("RUST_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rebound");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn user_create_validates_input_and_refuses_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/cli.db", dir.path().display());
    let create = |email: &str, password: &str| rebound(&database, &["user", "create", "--email", email, "--name", "Ana Lopez", "--department", "Sales", "--admin"], password);

    let short = create("ana@example.org", "short\n");
    assert!(!short.status.success());
    assert!(stderr(&short).contains("at least 12"), "{}", stderr(&short));

    let bad_email = create("not-an-email", "violet tram under the bridge\n");
    assert_eq!(bad_email.status.code(), Some(2), "a request that cannot be done as asked exits 2");
    assert!(stderr(&bad_email).contains("not an email address"));

    let created = create("ana@example.org", "violet tram under the bridge\n");
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(String::from_utf8_lossy(&created.stdout).contains("Created Ana Lopez"));

    let again = create("ANA@example.org", "violet tram under the bridge\n");
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already has an account"));

    let unknown_manager =
        rebound(&database, &["user", "create", "--email", "ben@example.org", "--name", "Ben", "--manager", "ghost@example.org"], "violet tram under the bridge\n");
    assert!(!unknown_manager.status.success());
    assert!(stderr(&unknown_manager).contains("ghost@example.org"));
}

#[test]
fn backup_copies_the_database_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/live.db", dir.path().display());
    assert!(rebound(&database, &["migrate"], "").status.success());
    let target = dir.path().join("copy.db");
    let target = target.to_str().unwrap();
    let first = rebound(&database, &["backup", target], "");
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(std::path::Path::new(target).exists());
    let second = rebound(&database, &["backup", target], "");
    assert!(!second.status.success());
    assert!(stderr(&second).contains("already exists"));
}

#[test]
fn demo_seed_fills_its_own_database_but_never_one_with_real_people() {
    let dir = tempfile::tempdir().unwrap();
    let demo = format!("sqlite://{}/demo.db", dir.path().display());
    let seeded = rebound(&demo, &["demo-seed"], "");
    assert!(seeded.status.success(), "{}", stderr(&seeded));
    let printed = String::from_utf8_lossy(&seeded.stdout).into_owned();
    assert!(printed.contains("rebound-demo-2026") && printed.contains("maya@demo.rebound"));
    // Seeding again replaces the earlier demo data.
    assert!(rebound(&demo, &["demo-seed"], "").status.success());

    let real = format!("sqlite://{}/real.db", dir.path().display());
    assert!(rebound(&real, &["user", "create", "--email", "ana@example.org", "--name", "Ana"], "violet tram under the bridge\n").status.success());
    let refused = rebound(&real, &["demo-seed"], "");
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("real people"));
}

#[test]
fn unknown_commands_and_flags_exit_non_zero_with_usage() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/x.db", dir.path().display());
    let output = rebound(&database, &["frobnicate"], "");
    assert!(!output.status.success());
    assert!(stderr(&output).contains("Usage"));
}

#[test]
fn demo_seed_builds_a_large_synthetic_organisation_with_plans_in_every_state() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/synthetic.db", dir.path().display());
    let seeded = rebound(&database, &["demo-seed", "--employees", "300", "--plans", "400", "--check-ins", "2000"], "");
    assert!(seeded.status.success(), "{}", stderr(&seeded));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let pool = rebound::server::db::connect(&database, &Default::default()).await.unwrap();
        let count = |sql: &'static str| {
            let pool = pool.clone();
            async move { on_pool!(&pool, |p| sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await).unwrap() }
        };
        assert_eq!(count("SELECT COUNT(*) FROM users").await, 300);
        assert_eq!(count("SELECT COUNT(*) FROM plans").await, 400);
        assert_eq!(count("SELECT COUNT(*) FROM check_ins").await, 2000);
        for status in ["SELECT COUNT(*) FROM plans WHERE status = 'draft'", "SELECT COUNT(*) FROM plans WHERE status = 'active'", "SELECT COUNT(*) FROM plans WHERE status = 'closed'"] {
            assert!(count(status).await > 0, "{status}");
        }
        let depth: i64 = count("WITH RECURSIVE chain(id, depth) AS (SELECT id, 0 FROM users WHERE manager_id IS NULL UNION ALL SELECT u.id, c.depth + 1 FROM users u JOIN chain c ON u.manager_id = c.id) SELECT MAX(depth) FROM chain").await;
        assert!(depth >= 3, "reporting lines several levels deep (got {depth})");
        assert_eq!(count("SELECT COUNT(*) FROM users WHERE manager_id = (SELECT id FROM users WHERE email = 'big.team@bench.rebound')").await, 50);
    });
    let again = rebound(&database, &["demo-seed", "--employees", "300"], "");
    assert!(!again.status.success(), "never seeds over an existing organisation");
    let tiny = rebound(&format!("sqlite://{}/tiny.db", dir.path().display()), &["demo-seed", "--employees", "10"], "");
    assert!(!tiny.status.success());
}

#[test]
fn a_database_url_naming_no_engine_or_no_server_is_refused_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let run =
        |database: &str| Command::new(env!("CARGO_BIN_EXE_rebound")).current_dir(dir.path()).args(["--database", database, "migrate"]).env("RUST_LOG", "error").output().unwrap();
    // A PostgreSQL URL is taken for what it says: with no server there, the command fails and
    // says so, instead of quietly running on a stray SQLite file named after the URL.
    let free_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let nobody_there = format!("postgres://postgres@127.0.0.1:{free_port}/rebound");
    let postgres = run(&nobody_there);
    assert_eq!(postgres.status.code(), Some(1), "a failure on the way exits 1");
    assert!(stderr(&postgres).contains(&format!("cannot open {nobody_there}")), "{}", stderr(&postgres));
    for refused in ["data/rebound.db", "mysql://localhost/rebound"] {
        let output = run(refused);
        assert_eq!(output.status.code(), Some(2), "{refused}");
        assert!(stderr(&output).contains("sqlite://") && stderr(&output).contains("postgres://"), "{}", stderr(&output));
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no stray file or folder was created");
}
