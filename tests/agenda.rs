//! The Today page and calendar feeds over real HTTP: each person sees what needs them on the plans
//! they may see and nothing else; a feed is valid iCalendar (read back by Python's independent
//! `icalendar` parser), carries neutral words only, follows reporting-line changes and token
//! resets, and an unknown address is a plain 404.

mod common;

use chrono::{Duration, Utc};
use common::{Person, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// Plan words that must never reach a calendar: titles, debrief, summaries, notes.
const MARKERS: &[&str] = &["MARKER-TITLE", "MARKER-WIN", "MARKER-TASK", "MARKER-STONE", "MARKER-SUMMARY", "MARKER-PRIVATE", "MARKER-HAPPENED", "recovery", "Recovery"];

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

struct Org {
    app: TestApp,
    admin: Client,
    maya: Client,
    sam: Client,
    tom: Client,
    sam_id: i64,
    plan: String,
}

/// Maya manages Sam (an active plan with an overdue check-in, a small win due today, a task due
/// in three days and a milestone in ten) and Lena (no plan); Tom manages Jonas.
async fn org() -> Org {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    let maya = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    let sam_id = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(maya), ..Person::default() }).await;
    app.add_person("lena@example.org", "Lena Fischer", Person { manager: Some(maya), ..Person::default() }).await;
    let tom = app.add_person("tom@example.org", "Tom Okafor", Person::default()).await;
    app.add_person("jonas@example.org", "Jonas Berg", Person { manager: Some(tom), ..Person::default() }).await;
    app.add_person("hr@example.org", "Hana HR", Person { hr: true, ..Person::default() }).await;
    let (admin, maya, sam, tom) =
        (app.signed_in("admin@example.org").await, app.signed_in("maya@example.org").await, app.signed_in("sam@example.org").await, app.signed_in("tom@example.org").await);
    let plan = plan_for(&app, &maya, sam_id).await;
    Org { app, admin, maya, sam, tom, sam_id, plan }
}

async fn plan_for(app: &TestApp, manager: &Client, employee: i64) -> String {
    let employee = employee.to_string();
    let plan = app
        .post_ok(
            manager,
            "/api/plans/create",
            &[
                ("employee_id", &employee),
                ("event_title", "MARKER-TITLE demo"),
                ("event_date", &day(-10)),
                ("event_kind", "public-demo-mistake"),
                ("event_visibility", "public"),
                ("what_happened", "MARKER-HAPPENED the demo failed"),
                ("what_is_known", ""),
                ("open_questions", ""),
                ("technical_fix", ""),
                ("communication_change", ""),
            ],
        )
        .await;
    let ok = |path: &'static str, form: Vec<(&'static str, String)>| {
        let plan = plan.clone();
        async move {
            let mut form: Vec<(&str, String)> = form;
            form.push(("plan_id", plan));
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_ok(manager, path, &form).await;
        }
    };
    ok("/api/plans/small_win", vec![("title", "MARKER-WIN share the fix".into()), ("due_date", day(0))]).await;
    ok(
        "/api/plans/task",
        vec![
            ("kind", "practice".into()),
            ("title", "MARKER-TASK rehearse".into()),
            ("colleague", "".into()),
            ("hypothesis", "".into()),
            ("risk_level", "".into()),
            ("due_date", day(3)),
        ],
    )
    .await;
    ok("/api/plans/milestone", vec![("title", "MARKER-STONE speak up".into()), ("target_date", day(10))]).await;
    ok(
        "/api/plans/check_in",
        vec![
            ("held_on", day(-9)),
            ("observed_readiness", "3".into()),
            ("shared_summary", "MARKER-SUMMARY went fine".into()),
            ("private_note", "MARKER-PRIVATE tense".into()),
            ("next_check_in", day(-2)),
        ],
    )
    .await;
    ok("/api/plans/status", vec![("action", "activate".into())]).await;
    plan
}

async fn today(app: &TestApp, client: &Client) -> Value {
    let response = app.post(client, "/api/today", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

fn kinds(group: &Value) -> Vec<String> {
    group.as_array().unwrap().iter().map(|item| format!("{}:{}", item["kind"].as_str().unwrap(), item["person"].as_str().unwrap_or("-"))).collect()
}

#[tokio::test]
async fn today_shows_each_person_what_needs_them_on_the_plans_they_may_see() {
    let Org { app, maya, sam, tom, .. } = org().await;
    let page = today(&app, &maya).await;
    assert_eq!(kinds(&page["overdue"]), vec!["CheckIn:Sam Rivera"]);
    assert_eq!(kinds(&page["due_today"]), vec!["SmallWin:Sam Rivera"]);
    assert_eq!(kinds(&page["this_week"]), vec!["Task:Sam Rivera"], "the milestone in ten days is not this week");
    assert_eq!(page["due_today"][0]["title"], "MARKER-WIN share the fix");

    let own = today(&app, &sam).await;
    assert_eq!(kinds(&own["overdue"]), vec!["CheckIn:Maya Chen"], "the employee's own plan, with their manager");
    assert_eq!(own["overdue"][0]["own"], true);
    assert_eq!(kinds(&own["this_week"]), vec!["Task:Maya Chen"]);

    // Nobody else sees a thing of Sam's plan, on the page or in the count.
    for (who, client) in [("tom", &tom), ("hr", &app.signed_in("hr@example.org").await), ("lena", &app.signed_in("lena@example.org").await)] {
        let page = today(&app, client).await;
        for group in ["overdue", "due_today", "this_week", "quiet"] {
            assert_eq!(page[group].as_array().unwrap().len(), 0, "{who} sees nothing in {group}");
        }
        let html = client.get(app.url("/")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Nothing needs you this week") && !html.contains("MARKER") && !html.contains("Sam Rivera"), "{who}: {html}");
        assert!(!html.contains("due-count"), "{who} has no count");
    }
    assert_eq!(app.post(&app.client(), "/api/today", &[]).await.status(), StatusCode::UNAUTHORIZED);

    // The page, without JavaScript: groups, links into the plan's sections, the count in the nav.
    let html = maya.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<h1>Today") && html.contains("Overdue") && html.contains("Due today") && html.contains("Later this week"), "{html}");
    let plan = page["overdue"][0]["plan_id"].as_i64().unwrap();
    assert!(html.contains(&format!("/plans/{plan}#checkins-heading")) && html.contains(&format!("/plans/{plan}#win-heading")));
    assert!(html.contains("class=\"due-count\">2<"), "overdue check-in and today's small win: {html}");
    assert!(html.contains("(2 need you now)"));
    // Done items leave the page: the small win marked done.
    let win = common::plan_org::only_id(&app, "small_wins", plan).await.to_string();
    app.post_ok(&sam, "/api/plans/small_win_done", &[("plan_id", &plan.to_string()), ("win_id", &win), ("recognition", "private")]).await;
    assert_eq!(kinds(&today(&app, &maya).await["due_today"]), Vec::<String>::new());
}

#[tokio::test]
async fn today_is_the_day_in_the_persons_own_time_zone() {
    let Org { app, sam, .. } = org().await;
    for (zone, hours) in [("Etc/GMT-14", 14), ("Etc/GMT+12", -12)] {
        app.post_ok(&sam, "/api/account/email", &[("reminders", "on"), ("time_zone", zone)]).await;
        let expected = (Utc::now() + Duration::hours(hours)).date_naive().to_string();
        assert_eq!(today(&app, &sam).await["today"], expected.as_str(), "{zone}");
    }
    app.post_ok(&sam, "/api/account/email", &[("reminders", "on"), ("time_zone", "")]).await;
    assert_eq!(today(&app, &sam).await["today"], Utc::now().date_naive().to_string().as_str(), "the organisation's zone, UTC here");
}

#[tokio::test]
async fn a_plan_without_a_check_in_for_three_weeks_is_called_quiet() {
    let Org { app, maya, .. } = org().await;
    assert_eq!(today(&app, &maya).await["quiet"].as_array().unwrap().len(), 0, "the last check-in was nine days ago");
    app.clock.advance(Duration::days(13));
    let maya = app.signed_in("maya@example.org").await;
    let page = today(&app, &maya).await;
    assert_eq!(page["quiet"].as_array().unwrap().len(), 1, "22 days since the last check-in");
    assert_eq!(page["quiet"][0]["person"], "Sam Rivera");
    let html = maya.get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("No check-in for 3 weeks"), "{html}");
}

/// Parses an iCalendar text with Python's `icalendar` (installed by `make setup`), returning the
/// calendar's properties and its events as JSON.
fn parsed(ics: &str) -> Value {
    let tools = std::env::var("REBOUND_TOOLS_DIR").unwrap_or_else(|_| format!("{}/.cache/rebound-tools", std::env::var("HOME").unwrap()));
    let script = r#"
import json, sys, icalendar
calendar = icalendar.Calendar.from_ical(sys.stdin.read())
events = [{
    "uid": str(e["UID"]), "summary": str(e["SUMMARY"]), "description": str(e.get("DESCRIPTION", "")),
    "url": str(e.get("URL", "")), "start": e["DTSTART"].dt.isoformat(), "sequence": int(e.get("SEQUENCE", 0)),
    "status": str(e.get("STATUS", "")), "all_day": "VALUE" in e["DTSTART"].params or len(e["DTSTART"].to_ical()) == 8,
} for e in calendar.walk("VEVENT")]
print(json.dumps({"method": str(calendar.get("METHOD", "")), "refresh": calendar["REFRESH-INTERVAL"].to_ical().decode() if "REFRESH-INTERVAL" in calendar else "", "events": events}))
"#;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .env("PYTHONPATH", format!("{tools}/python"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3");
    child.stdin.take().unwrap().write_all(ics.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "the feed did not parse (is Python's icalendar installed? `make setup`): {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Makes `client` a feed and returns its address.
async fn feed_address(app: &TestApp, client: &Client) -> String {
    let address: String = app.post(client, "/api/account/calendar_reset", &[]).await.json().await.unwrap();
    assert!(address.starts_with(&app.url("/calendar/")) && address.ends_with(".ics"), "{address}");
    address
}

async fn fetch(address: &str) -> (StatusCode, String) {
    let response = reqwest::get(address).await.unwrap();
    (response.status(), response.text().await.unwrap())
}

fn confirmed(feed: &Value) -> Vec<(String, String)> {
    let mut events: Vec<(String, String)> = feed["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["status"] == "CONFIRMED")
        .map(|e| (e["start"].as_str().unwrap().to_owned(), e["summary"].as_str().unwrap().to_owned()))
        .collect();
    events.sort();
    events
}

#[tokio::test]
async fn feeds_are_valid_neutral_and_follow_the_plans_a_person_may_see() {
    let Org { app, admin, maya, sam, tom, sam_id, plan } = org().await;
    let maya_feed = feed_address(&app, &maya).await;
    let (status, ics) = fetch(&maya_feed).await;
    assert_eq!(status, StatusCode::OK);
    for marker in MARKERS {
        assert!(!ics.contains(marker), "{marker} in the feed: {ics}");
    }
    assert!(!ics.contains(&format!("/plans/{plan}")), "no link tells that a plan exists");
    let feed = parsed(&ics);
    assert_eq!(feed["method"], "PUBLISH");
    assert_eq!(feed["refresh"], "PT1H");
    assert_eq!(
        confirmed(&feed),
        vec![(day(-2), "1:1 with Sam Rivera".into()), (day(0), "Follow-up due".into()), (day(3), "Follow-up due".into()), (day(10), "Follow-up due".into())]
    );
    assert!(feed["events"].as_array().unwrap().iter().all(|e| e["all_day"] == true && e["sequence"] == 0 && e["url"] == app.url("/")));

    let sam_feed = feed_address(&app, &sam).await;
    let sam_events = parsed(&fetch(&sam_feed).await.1);
    assert_eq!(confirmed(&sam_events)[0], (day(-2), "1:1 with Maya Chen".into()), "the employee's 1:1 is with their manager");
    let sam_uids: Vec<&str> = sam_events["events"].as_array().unwrap().iter().map(|e| e["uid"].as_str().unwrap()).collect();
    assert!(feed["events"].as_array().unwrap().iter().all(|e| !sam_uids.contains(&e["uid"].as_str().unwrap())), "each person's calendar has its own uids");

    // A moved date keeps its uid and raises SEQUENCE.
    let uid_of = |feed: &Value, start: &str| {
        feed["events"].as_array().unwrap().iter().find(|e| e["start"] == start).map(|e| (e["uid"].as_str().unwrap().to_owned(), e["sequence"].as_i64().unwrap()))
    };
    let (task_uid, _) = uid_of(&feed, &day(3)).unwrap();
    let task = common::plan_org::only_id(&app, "plan_tasks", plan.parse().unwrap()).await.to_string();
    app.post_ok(
        &maya,
        "/api/plans/task_edit",
        &[
            ("plan_id", &plan),
            ("task_id", &task),
            ("kind", "practice"),
            ("title", "MARKER-TASK later"),
            ("colleague", ""),
            ("hypothesis", ""),
            ("risk_level", ""),
            ("due_date", &day(5)),
        ],
    )
    .await;
    let moved = parsed(&fetch(&maya_feed).await.1);
    assert_eq!(uid_of(&moved, &day(5)), Some((task_uid.clone(), 1)));
    assert_eq!(parsed(&fetch(&maya_feed).await.1)["events"], moved["events"], "fetching again changes nothing");

    // Handed to Tom: Maya's feed cancels every event of the plan; Tom's shows them.
    app.post_ok(&admin, "/api/admin/set_reporting", &[("person_id", &sam_id.to_string()), ("manager_email", "tom@example.org"), ("department_id", "")]).await;
    let after = parsed(&fetch(&maya_feed).await.1);
    assert!(confirmed(&after).is_empty(), "no event of a plan Maya may no longer see: {after}");
    assert!(after["events"].as_array().unwrap().iter().all(|e| e["status"] == "CANCELLED"));
    let tom_feed = feed_address(&app, &tom).await;
    assert_eq!(confirmed(&parsed(&fetch(&tom_feed).await.1)).len(), 4);
    assert_eq!(confirmed(&parsed(&fetch(&sam_feed).await.1))[0].1, "1:1 with Tom Okafor", "the employee's 1:1 is now with Tom");

    // A closed plan needs nobody: cancelled everywhere.
    let tom_client = app.signed_in("tom@example.org").await;
    app.post_ok(&tom_client, "/api/plans/status", &[("plan_id", &plan), ("action", "close"), ("outcome", "recovered"), ("confirm", "on")]).await;
    assert!(confirmed(&parsed(&fetch(&tom_feed).await.1)).is_empty());
    assert!(confirmed(&parsed(&fetch(&sam_feed).await.1)).is_empty());
}

#[tokio::test]
async fn a_reset_or_turned_off_feed_is_gone_and_unknown_addresses_are_404() {
    let Org { app, maya, .. } = org().await;
    let first = feed_address(&app, &maya).await;
    assert_eq!(fetch(&first).await.0, StatusCode::OK);
    let second = feed_address(&app, &maya).await;
    assert_ne!(first, second);
    let (status, body) = fetch(&first).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the old address ends at reset");
    assert!(!body.contains("Sam") && !body.contains("BEGIN:VCALENDAR"));
    assert_eq!(fetch(&second).await.0, StatusCode::OK);
    let stored: i64 = common::plan_org::count(&app, "SELECT COUNT(*) FROM calendar_feeds").await;
    assert_eq!(stored, 1);
    let token = second.rsplit('/').next().unwrap().trim_end_matches(".ics").to_owned();
    let kept = common::plan_org::count(&app, &format!("SELECT COUNT(*) FROM calendar_feeds WHERE token_hash LIKE '%{token}%'")).await;
    assert_eq!(kept, 0, "only the token's hash is stored");
    assert!(token.len() >= 22, "at least 128 bits: {token}");

    for unknown in ["/calendar/nope.ics", "/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", "/calendar/", "/calendar/.ics", &format!("/calendar/{token}")] {
        let response = app.client().get(app.url(unknown)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{unknown}");
    }
    app.post_ok(&maya, "/api/account/calendar_off", &[]).await;
    assert_eq!(fetch(&second).await.0, StatusCode::NOT_FOUND, "turned off");

    // A deactivated person's feed stops too.
    let sam = app.signed_in("sam@example.org").await;
    let sam_feed = feed_address(&app, &sam).await;
    let admin = app.signed_in("admin@example.org").await;
    let sam_id = common::plan_org::count(&app, "SELECT id FROM users WHERE email = 'sam@example.org'").await.to_string();
    app.post_ok(&admin, "/api/admin/set_active", &[("person_id", &sam_id), ("active", "false"), ("confirm", "on")]).await;
    assert_eq!(fetch(&sam_feed).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_account_page_shows_a_new_address_once_without_javascript() {
    let Org { app, maya, .. } = org().await;
    let page = maya.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Your feed is off.") && page.contains("Make my feed address"), "{page}");
    // A browser's form post: redirected to the account page, which shows the address once.
    let posted = maya.post(app.url("/api/account/calendar_reset")).header("accept", "text/html").form(&[("", "")]).send().await.unwrap();
    assert!(posted.status().is_redirection(), "{}", posted.status());
    assert_eq!(posted.headers()["location"], "/account#calendar");
    let shown = maya.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
    let address = shown.split("value=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap_or_default().to_owned();
    assert!(address.contains("/calendar/") && address.ends_with(".ics"), "{shown}");
    assert_eq!(fetch(&address).await.0, StatusCode::OK, "the address shown works");
    let again = maya.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
    assert!(!again.contains(&address) && again.contains("Your feed is on"), "shown only once");
    // Another person's session never sees it.
    let sam_page = app.signed_in("sam@example.org").await.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
    assert!(!sam_page.contains(&address) && sam_page.contains("Your feed is off."));
}

#[tokio::test]
async fn a_check_in_downloads_as_an_invitation_for_those_who_may_read_the_plan() {
    let Org { app, maya, sam, tom, plan, .. } = org().await;
    let path = format!("/plans/{plan}/check-in.ics");
    let response = maya.get(app.url(&path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let ics = response.text().await.unwrap();
    for marker in MARKERS {
        assert!(!ics.contains(marker), "{marker}: {ics}");
    }
    let invitation = parsed(&ics);
    assert_eq!(confirmed(&invitation), vec![(day(-2), "1:1 with Sam Rivera".into())]);
    // The same uid as the event in Maya's feed, so importing both does not double it.
    let feed = parsed(&fetch(&feed_address(&app, &maya).await).await.1);
    assert!(feed["events"].as_array().unwrap().iter().any(|e| e["uid"] == invitation["events"][0]["uid"]));
    assert_eq!(parsed(&sam.get(app.url(&path)).send().await.unwrap().text().await.unwrap())["events"][0]["summary"], "1:1 with Maya Chen");

    for (who, client) in [("tom", &tom), ("hr", &app.signed_in("hr@example.org").await)] {
        let response = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{who}");
        assert!(!response.text().await.unwrap().contains("BEGIN:VCALENDAR"));
    }
    let anonymous = app.client().get(app.url(&path)).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "signed out: asked to sign in");
    assert!(!anonymous.text().await.unwrap().contains("BEGIN:VCALENDAR"));
    assert_eq!(maya.get(app.url("/plans/x/check-in.ics")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    assert_eq!(maya.get(app.url("/plans/999/check-in.ics")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_persons_own_choices_are_in_their_data_export_and_the_feed_address_is_not() {
    let Org { app, sam, .. } = org().await;
    let address = feed_address(&app, &sam).await;
    app.post_ok(&sam, "/api/account/email", &[("reminders", "on"), ("time_zone", "Europe/Berlin")]).await;
    let export = sam.get(app.url("/my-data.json")).send().await.unwrap().text().await.unwrap();
    let data: Value = serde_json::from_str(&export).unwrap();
    assert_eq!(data["time_zone"], "Europe/Berlin");
    assert_eq!(data["email_choices"], serde_json::json!({ "reminders": true, "shared": false, "digest": false }));
    assert!(data["calendar_feed_since"].is_string(), "{data}");
    let token = address.rsplit('/').next().unwrap().trim_end_matches(".ics");
    assert!(!export.contains(token), "the feed address is shown once, never exported");
    let page = sam.get(app.url("/my-data")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Europe/Berlin") && page.contains("reminders on, when something is shared off, weekly summary off") && page.contains("on since"), "{page}");
}
