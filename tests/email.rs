//! Reminder emails against a real SMTP server on loopback (`scripts/smtp-sink.py`, Debian's
//! python3-aiosmtpd): the right people get the right emails with the unsubscribe headers, each
//! once; emails wait while the server is down and go out after; a server killed mid-message
//! leaves no duplicate; a person who switched a kind off gets none; no plan word in any message.

mod common;

use chrono::{Duration, Utc};
use common::{Person, TestApp};
use rebound::server::email::{EmailConfig, SmtpTls};
use reqwest::{Client, StatusCode};
use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Plan words, and the employee's name, that must never be in an email.
const MARKERS: &[&str] = &["MARKER-TITLE", "MARKER-WIN", "MARKER-TASK", "MARKER-SUMMARY", "MARKER-PRIVATE", "MARKER-HAPPENED", "Sam Rivera", "recovery"];

/// A running SMTP sink writing what it accepts into `folder`.
struct Sink {
    child: Child,
}

impl Sink {
    fn start(port: u16, folder: &Path, delay_seconds: f64) -> Sink {
        let mut child = Command::new("/usr/bin/python3")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/smtp-sink.py"))
            .args([port.to_string(), folder.display().to_string(), delay_seconds.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 for the SMTP sink (make setup installs python3-aiosmtpd)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP sink did not start (is python3-aiosmtpd installed? `make setup`)");
        Sink { child }
    }

    /// Kills it with SIGKILL, as a crash would.
    fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The messages in `folder`, oldest first.
fn messages(folder: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(folder).map(|dir| dir.map(|entry| entry.unwrap().path()).filter(|path| path.extension().is_some_and(|ext| ext == "eml")).collect()).unwrap_or_default();
    files.sort();
    files.into_iter().map(|path| std::fs::read_to_string(path).unwrap()).collect()
}

fn header<'a>(message: &'a str, name: &str) -> Option<&'a str> {
    message.lines().take_while(|line| !line.is_empty()).find_map(|line| line.strip_prefix(&format!("{name}: ")))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A fixed-offset zone in which it is now between 10:00 and 11:00, so reminders are due.
fn zone_at_ten() -> (String, chrono::NaiveDate) {
    use chrono::Timelike as _;
    let hour = i64::from(Utc::now().hour());
    let mut offset = 10 - hour;
    if offset < -12 {
        offset += 24;
    }
    if offset > 14 {
        offset -= 24;
    }
    // "Etc/GMT-5" is five hours ahead of UTC.
    let name = if offset == 0 { "Etc/GMT".to_owned() } else { format!("Etc/GMT{}{}", if offset > 0 { "-" } else { "+" }, offset.abs()) };
    (name, (Utc::now() + Duration::hours(offset)).date_naive())
}

struct Org {
    app: TestApp,
    config: EmailConfig,
    maya: Client,
    sam: Client,
    local_today: chrono::NaiveDate,
}

/// Maya manages Sam, whose active plan has a check-in tomorrow, a small win due today and a task
/// two days overdue (in the organisation's zone, where it is about 10:00); Lena has no plan.
async fn org(port: u16) -> Org {
    let (zone, local_today) = zone_at_ten();
    let config = EmailConfig::new("127.0.0.1", port, SmtpTls::None, "Rebound <rebound@example.org>");
    let email = config.clone();
    let app =
        TestApp::spawn_with(move |c| rebound::server::config::Config { email: Some(email), time_zone: zone.parse().unwrap(), public_url: "http://rebound.test".into(), ..c }).await;
    app.add_person("admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    let maya_id = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    let sam_id = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(maya_id), ..Person::default() }).await;
    app.add_person("lena@example.org", "Lena Fischer", Person { manager: Some(maya_id), ..Person::default() }).await;
    let (maya, sam) = (app.signed_in("maya@example.org").await, app.signed_in("sam@example.org").await);
    let day = |offset: i64| (local_today + Duration::days(offset)).to_string();
    let employee = sam_id.to_string();
    let plan = app
        .post_ok(
            &maya,
            "/api/plans/create",
            &[
                ("employee_id", &employee),
                ("event_title", "MARKER-TITLE demo"),
                ("event_date", &day(-10)),
                ("event_kind", "public-demo-mistake"),
                ("event_visibility", "public"),
                ("what_happened", "MARKER-HAPPENED it failed"),
                ("what_is_known", ""),
                ("open_questions", ""),
                ("technical_fix", ""),
                ("communication_change", ""),
            ],
        )
        .await;
    app.post_ok(&maya, "/api/plans/small_win", &[("plan_id", &plan), ("title", "MARKER-WIN share the fix"), ("due_date", &day(0))]).await;
    app.post_ok(
        &maya,
        "/api/plans/task",
        &[("plan_id", &plan), ("kind", "practice"), ("title", "MARKER-TASK rehearse"), ("colleague", ""), ("hypothesis", ""), ("risk_level", ""), ("due_date", &day(-2))],
    )
    .await;
    let check_in = [
        ("plan_id", plan.as_str()),
        ("held_on", &day(-3)),
        ("observed_readiness", "3"),
        ("shared_summary", "MARKER-SUMMARY fine"),
        ("private_note", "MARKER-PRIVATE tense"),
        ("next_check_in", &day(1)),
    ];
    app.post_ok(&maya, "/api/plans/check_in", &check_in).await;
    app.post_ok(&maya, "/api/plans/status", &[("plan_id", &plan), ("action", "activate")]).await;
    Org { app, config, maya, sam, local_today }
}

async fn run(org: &Org) -> usize {
    rebound::server::jobs::run_email_if_ours(org.app.state(), &org.config).await.unwrap().expect("the only instance holds the lease")
}

fn subjects_to(messages: &[String], to: &str) -> Vec<String> {
    let mut subjects: Vec<String> = messages.iter().filter(|m| header(m, "X-Envelope-To") == Some(to)).map(|m| header(m, "Subject").unwrap_or_default().to_owned()).collect();
    subjects.sort();
    subjects
}

fn is_monday(day: chrono::NaiveDate) -> bool {
    use chrono::Datelike as _;
    day.weekday() == chrono::Weekday::Mon
}

#[tokio::test]
async fn reminders_reach_the_right_people_once_with_unsubscribe_headers_and_no_plan_words() {
    let port = free_port();
    let folder = tempfile::tempdir().unwrap();
    let _sink = Sink::start(port, folder.path(), 0.0);
    let org = org(port).await;
    let sent = run(&org).await;
    let received = messages(folder.path());
    assert_eq!(received.len(), sent);
    let digest = if is_monday(org.local_today) { vec!["Your week in Rebound".to_owned()] } else { vec![] };
    let mut expected = vec!["A check-in tomorrow", "A follow-up is due today", "A follow-up is overdue"].into_iter().map(str::to_owned).chain(digest.clone()).collect::<Vec<_>>();
    expected.sort();
    assert_eq!(subjects_to(&received, "maya@example.org"), expected);
    let mut for_sam = expected.clone();
    for_sam.push("Something was shared with you in Rebound".into());
    for_sam.sort();
    assert_eq!(subjects_to(&received, "sam@example.org"), for_sam);
    assert!(subjects_to(&received, "lena@example.org").is_empty());
    for message in &received {
        for marker in MARKERS {
            assert!(!message.contains(marker), "{marker} in an email: {message}");
        }
        let unsubscribe = header(message, "List-Unsubscribe").expect("List-Unsubscribe");
        assert!(unsubscribe.starts_with("<http://rebound.test/unsubscribe/") && unsubscribe.ends_with('>'), "{unsubscribe}");
        assert_eq!(header(message, "List-Unsubscribe-Post"), Some("List-Unsubscribe=One-Click"));
        assert!(header(message, "Message-ID").is_some_and(|id| id.ends_with("@rebound>")));
        assert_eq!(header(message, "From"), Some("Rebound <rebound@example.org>"));
        assert!(message.contains("http://rebound.test/"), "a link back: {message}");
    }
    let ids: std::collections::HashSet<&str> = received.iter().filter_map(|m| header(m, "Message-ID")).collect();
    assert_eq!(ids.len(), received.len(), "every message its own id");

    // Working it all out again, on this instance or after a restart, queues nothing twice.
    assert_eq!(run(&org).await, 0);
    assert_eq!(messages(folder.path()).len(), received.len());

    // One click from Sam's mail provider switches his reminders off, and nothing else.
    let reminder = received.iter().find(|m| header(m, "X-Envelope-To") == Some("sam@example.org") && header(m, "Subject") == Some("A check-in tomorrow")).unwrap();
    let link = header(reminder, "List-Unsubscribe").unwrap().trim_matches(['<', '>']).replace("http://rebound.test", &org.app.base);
    let page = org.app.client().get(&link).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK, "opening the link only shows a button");
    assert!(page.text().await.unwrap().contains("Stop these emails"));
    let account: serde_json::Value = org.app.post(&org.sam, "/api/account", &[]).await.json().await.unwrap();
    assert_eq!(account["email"]["reminders"], true, "a link scanner's visit changes nothing");
    let clicked = org.app.client().post(&link).form(&[("List-Unsubscribe", "One-Click")]).send().await.unwrap();
    assert_eq!(clicked.status(), StatusCode::OK);
    let account: serde_json::Value = org.app.post(&org.sam, "/api/account", &[]).await.json().await.unwrap();
    assert_eq!((account["email"]["reminders"].as_bool(), account["email"]["shared"].as_bool()), (Some(false), Some(true)));
    assert_eq!(org.app.client().post(org.app.url("/unsubscribe/not-a-token")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    // The page's button, without JavaScript: back to the page, which says what was switched off.
    let shared =
        received.iter().find(|m| header(m, "X-Envelope-To") == Some("sam@example.org") && header(m, "Subject") == Some("Something was shared with you in Rebound")).unwrap();
    let token = header(shared, "List-Unsubscribe").unwrap().trim_matches(['<', '>']).rsplit('/').next().unwrap().to_owned();
    let browser = org.app.client();
    let pressed = browser.post(org.app.url("/api/unsubscribe")).header("accept", "text/html").form(&[("token", token.as_str())]).send().await.unwrap();
    assert!(pressed.status().is_redirection(), "{}", pressed.status());
    assert_eq!(pressed.headers()["location"], format!("/unsubscribe/{token}#unsubscribe"));
    let page = browser.get(org.app.url(&format!("/unsubscribe/{token}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Done: you will no longer get emails when something is shared with you."), "{page}");
    let account: serde_json::Value = org.app.post(&org.sam, "/api/account", &[]).await.json().await.unwrap();
    assert_eq!(account["email"]["shared"], false);

    // Maya switches reminders off on her account page; a day later only the people who still
    // want them get any.
    org.app.post_ok(&org.maya, "/api/account/email", &[("shared", "on"), ("digest", "on"), ("time_zone", "")]).await;
    let refused = org.app.post(&org.maya, "/api/account/email", &[("reminders", "on"), ("time_zone", "Mars/Olympus")]).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "an unknown zone is refused");
    let account: serde_json::Value = org.app.post(&org.maya, "/api/account", &[]).await.json().await.unwrap();
    assert_eq!(account["email"]["reminders"], false, "the refused save changed nothing");
    org.app.clock.advance(Duration::days(1));
    run(&org).await;
    let later = messages(folder.path());
    let new: Vec<&String> = later.iter().skip(received.len()).collect();
    assert!(
        new.iter().all(|m| !["A check-in tomorrow", "A follow-up is due today", "A follow-up is overdue"].contains(&header(m, "Subject").unwrap_or_default())),
        "nobody who switched reminders off gets one: {new:?}"
    );
}

#[tokio::test]
async fn emails_wait_while_the_smtp_server_is_down_and_go_out_once_after() {
    let port = free_port();
    let org = org(port).await;
    assert_eq!(run(&org).await, 0, "nothing listens on the port yet");
    let admin = org.app.signed_in("admin@example.org").await;
    let status: serde_json::Value = org.app.post(&admin, "/api/admin/email", &[]).await.json().await.unwrap();
    assert!(status["waiting"].as_i64().unwrap() >= 7, "{status}");
    assert!(status["last_error"].as_str().is_some_and(|error| !error.is_empty()), "{status}");
    assert!(!status.to_string().contains("password"));
    let waiting = status["waiting"].as_i64().unwrap() as usize;

    let folder = tempfile::tempdir().unwrap();
    let _sink = Sink::start(port, folder.path(), 0.0);
    assert_eq!(run(&org).await, 0, "the retry waits for its backoff");
    org.app.clock.advance(Duration::seconds(31));
    assert_eq!(run(&org).await, waiting);
    assert_eq!(messages(folder.path()).len(), waiting, "every waiting email, once");
    let status: serde_json::Value = org.app.post(&admin, "/api/admin/email", &[]).await.json().await.unwrap();
    assert_eq!(status["waiting"], 0);

    // The admin's test email goes out at once.
    let to = org.app.post_ok(&admin, "/api/admin/test_email", &[]).await;
    assert_eq!(to, "\"admin@example.org\"");
    assert_eq!(subjects_to(&messages(folder.path()), "admin@example.org"), vec!["Rebound test email".to_owned()]);
}

#[tokio::test]
async fn a_server_killed_mid_message_leaves_no_duplicate() {
    let port = free_port();
    let slow = tempfile::tempdir().unwrap();
    let mut sink = Sink::start(port, slow.path(), 5.0);
    let org = org(port).await;
    let state = org.app.state().clone();
    let config = org.config.clone();
    let sending = tokio::spawn(async move { rebound::server::jobs::run_email_if_ours(&state, &config).await });
    // The first message's data is in; the server dies before it answers.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    sink.kill();
    assert_eq!(sending.await.unwrap().unwrap(), Some(0));
    assert!(messages(slow.path()).is_empty(), "a message never answered is never kept");

    let folder = tempfile::tempdir().unwrap();
    let _sink = Sink::start(port, folder.path(), 0.0);
    org.app.clock.advance(Duration::minutes(5));
    let sent = run(&org).await;
    let received = messages(folder.path());
    assert!(sent >= 7 && received.len() == sent, "{sent} sent, {} received", received.len());
    let ids: std::collections::HashSet<&str> = received.iter().filter_map(|m| header(m, "Message-ID")).collect();
    assert_eq!(ids.len(), received.len(), "no email twice");
    org.app.clock.advance(Duration::minutes(5));
    assert_eq!(run(&org).await, 0);
    assert_eq!(messages(folder.path()).len(), received.len());
}

#[tokio::test]
async fn of_two_instances_on_one_database_one_sends() {
    let port = free_port();
    let folder = tempfile::tempdir().unwrap();
    let _sink = Sink::start(port, folder.path(), 0.0);
    let org = org(port).await;
    let email = org.config.clone();
    let url = org.app.state().config.database_url.clone();
    let zone = org.app.state().config.time_zone;
    let beside = TestApp::spawn_on(tempfile::tempdir().unwrap(), url, move |c| rebound::server::config::Config {
        email: Some(email),
        time_zone: zone,
        public_url: "http://rebound.test".into(),
        ..c
    })
    .await;
    let (first, second) =
        tokio::join!(rebound::server::jobs::run_email_if_ours(org.app.state(), &org.config), rebound::server::jobs::run_email_if_ours(beside.state(), &org.config));
    let (first, second) = (first.unwrap(), second.unwrap());
    assert!(first.is_some() != second.is_some(), "exactly one instance holds the email lease: {first:?} {second:?}");
    let sent = first.or(second).unwrap();
    assert!(sent >= 7);
    assert_eq!(messages(folder.path()).len(), sent);
    assert_eq!(rebound::server::jobs::run_email_if_ours(beside.state(), &org.config).await.unwrap(), if second.is_some() { Some(0) } else { None });
}
