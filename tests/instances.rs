//! Several instances on one database, as behind a load balancer: what one instance changes,
//! every other honours at once (sessions, throttling, setup) or within a second (settings), and
//! background jobs run on one of them. Runs on SQLite and, in `make test`'s second run, on
//! PostgreSQL, where several instances are the point.

mod common;

use common::{PASSWORD, Person, TestApp, session_cookie};
use reqwest::StatusCode;

/// A client of instance `app` that presents `cookie` (a session started on another instance).
async fn status_with(app: &TestApp, cookie: &str, path: &str) -> StatusCode {
    let cookie = cookie.split(';').next().unwrap().to_owned();
    app.client().post(app.url(path)).header("cookie", cookie).send().await.unwrap().status()
}

#[tokio::test]
async fn a_sign_out_a_password_change_or_a_deactivation_on_one_instance_ends_the_session_on_the_other() {
    let a = TestApp::spawn().await;
    let b = a.spawn_beside().await;
    a.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    let ana = a.add_person("ana@example.org", "Ana", Person::default()).await;

    // Signed in on A, the session works on B: sessions live in the database.
    let signed_in = a.sign_in(&a.client(), "ana@example.org", PASSWORD).await;
    let cookie = session_cookie(&signed_in).expect("a session cookie");
    assert_eq!(status_with(&b, &cookie, "/api/plans/mine").await, StatusCode::OK);
    // Signing out on B ends it on A at once.
    let cookie_only = cookie.split(';').next().unwrap().to_owned();
    let out = b.client().post(b.url("/api/logout")).header("cookie", &cookie_only).send().await.unwrap();
    assert!(out.status().is_success() || out.status().is_redirection(), "{}", out.status());
    assert_eq!(status_with(&a, &cookie, "/api/plans/mine").await, StatusCode::UNAUTHORIZED);

    // A password changed on A ends Ana's other sessions on B.
    let laptop = a.sign_in(&a.client(), "ana@example.org", PASSWORD).await;
    let laptop = session_cookie(&laptop).unwrap();
    let phone = b.sign_in(&b.client(), "ana@example.org", PASSWORD).await;
    let phone = session_cookie(&phone).unwrap();
    let new_password = "a different long passphrase for Ana";
    let changed = a
        .client()
        .post(a.url("/api/change_password"))
        .header("cookie", laptop.split(';').next().unwrap())
        .form(&[("current_password", PASSWORD), ("new_password", new_password), ("confirm_password", new_password)])
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK, "{}", changed.text().await.unwrap());
    assert_eq!(status_with(&b, &phone, "/api/plans/mine").await, StatusCode::UNAUTHORIZED, "the other device is signed out everywhere");

    // Deactivated by an admin on B, Ana's session on A stops at once.
    let session = session_cookie(&a.sign_in(&a.client(), "ana@example.org", new_password).await).unwrap();
    assert_eq!(status_with(&a, &session, "/api/plans/mine").await, StatusCode::OK);
    let admin = b.signed_in("admin@example.org").await;
    let person = ana.to_string();
    b.post_ok(&admin, "/api/admin/set_active", &[("person_id", person.as_str()), ("active", "false"), ("confirm", "on")]).await;
    assert_eq!(status_with(&a, &session, "/api/plans/mine").await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_sign_in_limits_hold_across_instances() {
    let a = TestApp::spawn().await;
    let b = a.spawn_beside().await;
    a.add_person("ana@example.org", "Ana", Person::default()).await;
    // Ten failures for one account, half on each instance, use up the account's allowance...
    for attempt in 0..10 {
        let app = if attempt % 2 == 0 { &a } else { &b };
        assert_eq!(app.sign_in(&app.client(), "ana@example.org", "wrong password").await.status(), StatusCode::BAD_REQUEST, "attempt {attempt}");
    }
    // ...so neither instance lets an eleventh through, not even with the right password.
    for app in [&a, &b] {
        assert_eq!(app.sign_in(&app.client(), "ana@example.org", PASSWORD).await.status(), StatusCode::TOO_MANY_REQUESTS);
    }
}

#[tokio::test]
async fn attempts_arriving_at_once_on_both_instances_get_no_more_than_the_limit() {
    let a = TestApp::spawn().await;
    let b = a.spawn_beside().await;
    a.add_person("ana@example.org", "Ana", Person::default()).await;
    // Thirty wrong passwords at once, half on each instance: each is counted as it is let in, so
    // only ten reach the password check, however the requests interleave.
    let mut attempts = tokio::task::JoinSet::new();
    for attempt in 0..30 {
        let login = if attempt % 2 == 0 { a.url("/api/login") } else { b.url("/api/login") };
        let client = a.client();
        attempts.spawn(async move { client.post(login).form(&[("email", "ana@example.org"), ("password", "wrong password")]).send().await.unwrap().status() });
    }
    let statuses = attempts.join_all().await;
    let checked = statuses.iter().filter(|status| **status == StatusCode::BAD_REQUEST).count();
    let throttled = statuses.iter().filter(|status| **status == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, throttled), (10, 20), "{statuses:?}");
}

#[tokio::test]
async fn the_limit_per_address_holds_across_instances() {
    let a = TestApp::spawn().await;
    let b = a.spawn_beside().await;
    // Fifty failures from one address, for fifty different accounts, alternating instances...
    for attempt in 0..50 {
        let app = if attempt % 2 == 0 { &a } else { &b };
        let email = format!("guess{attempt}@example.org");
        assert_eq!(app.sign_in(&app.client(), &email, "wrong password").await.status(), StatusCode::BAD_REQUEST, "attempt {attempt}");
    }
    // ...and the address is refused on both, for an account never tried before.
    for app in [&a, &b] {
        assert_eq!(app.sign_in(&app.client(), "fresh@example.org", "wrong password").await.status(), StatusCode::TOO_MANY_REQUESTS);
    }
}

#[tokio::test]
async fn two_instances_starting_on_an_empty_database_cannot_both_claim_it() {
    let a = TestApp::spawn().await;
    let b = a.spawn_beside().await;
    let link_a = rebound::server::auth::setup::announce_if_unclaimed(a.state(), a.server.address).await.unwrap().expect("unclaimed");
    let link_b = rebound::server::auth::setup::announce_if_unclaimed(b.state(), b.server.address).await.unwrap().expect("unclaimed");
    let token = |link: &str| link.split("token=").nth(1).unwrap().to_owned();
    let claim = |app: &TestApp, token: String, email: &'static str| {
        let client = app.client();
        let url = app.url("/api/setup");
        async move {
            let form = [("token", token.as_str()), ("display_name", "First Admin"), ("email", email), ("password", PASSWORD), ("confirm_password", PASSWORD)];
            client.post(url).form(&form).send().await.unwrap().status()
        }
    };
    // Both links work until one is used (each instance printed its own); the second then finds
    // the instance claimed, whichever instance it goes to.
    let (first, second) = tokio::join!(claim(&b, token(&link_a), "first@example.org"), claim(&a, token(&link_b), "second@example.org"));
    let mut outcomes = [first, second];
    outcomes.sort();
    assert_eq!(outcomes, [StatusCode::OK, StatusCode::CONFLICT]);
    let admins: i64 = on_pool!(&a.state().pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE is_admin = TRUE").fetch_one(p).await).unwrap();
    assert_eq!(admins, 1);
    assert!(rebound::server::auth::setup::announce_if_unclaimed(b.state(), b.server.address).await.unwrap().is_none());
}

#[tokio::test]
async fn settings_saved_on_one_instance_show_on_the_other_within_a_second() {
    let a = TestApp::spawn().await;
    let b = a.spawn_beside().await;
    a.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    let header = |app: &TestApp| {
        let client = app.client();
        let url = app.url("/login");
        async move { client.get(url).header("accept", "text/html").send().await.unwrap().text().await.unwrap() }
    };
    assert!(!header(&b).await.contains("Acme Analytics"), "B has read (and keeps) the settings before the change");
    let admin = a.signed_in("admin@example.org").await;
    let form =
        [("organisation_name", "Acme Analytics"), ("privacy_k", "5"), ("retention_days", "365"), ("occupational_health", ""), ("employee_assistance", ""), ("professional", "")];
    a.post_ok(&admin, "/api/admin/save_settings", &form).await;
    assert!(header(&a).await.contains("Acme Analytics"), "the instance that saved shows it at once");
    // The bound, not a speed: B's copy is at most a second old.
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    assert!(header(&b).await.contains("Acme Analytics"), "a second later the other instance shows it too");
}

#[tokio::test]
async fn retention_runs_on_one_instance_and_passes_on_when_its_lease_runs_out() {
    let a = TestApp::spawn().await;
    let b = a.spawn_beside().await;
    let (on_a, on_b) = tokio::join!(rebound::server::jobs::run_retention_if_ours(a.state()), rebound::server::jobs::run_retention_if_ours(b.state()));
    let ran: Vec<bool> = [on_a.unwrap(), on_b.unwrap()].iter().map(Option::is_some).collect();
    assert_eq!(ran.iter().filter(|ran| **ran).count(), 1, "exactly one instance ran the job: {ran:?}");
    let (holder, other) = if ran[0] { (&a, &b) } else { (&b, &a) };
    assert!(rebound::server::jobs::run_retention_if_ours(holder.state()).await.unwrap().is_some(), "the holder runs it again next time");
    assert!(rebound::server::jobs::run_retention_if_ours(other.state()).await.unwrap().is_none());
    // The holder stops; once its lease has run out, the other instance takes the job over.
    other.clock.advance(chrono::Duration::hours(2));
    assert!(rebound::server::jobs::run_retention_if_ours(other.state()).await.unwrap().is_some());
}

#[tokio::test]
async fn plan_reads_on_both_instances_are_all_in_the_access_log_before_they_are_answered() {
    let org = common::plan_org::org().await;
    let (a, employee_id) = (&org.app, org.employee_id);
    let b = a.spawn_beside().await;
    let maya = a.signed_in("maya@example.org").await;
    let plan = common::plan_org::create_plan(a, &maya, employee_id, "Demo stalled").await.to_string();
    let before = common::plan_org::count(a, "SELECT COUNT(*) FROM audit_events WHERE action = 'plan_read'").await;
    // Twenty reads at once, alternating instances: each instance commits its own batches, and
    // every read is answered only once its record is on disk.
    let mut reads = tokio::task::JoinSet::new();
    for read in 0..20 {
        let url = if read % 2 == 0 { a.url("/api/plans/get") } else { b.url("/api/plans/get") };
        let (client, plan) = (maya.clone(), plan.clone());
        reads.spawn(async move { client.post(url).form(&[("plan_id", plan.as_str())]).send().await.unwrap().status() });
    }
    assert!(reads.join_all().await.iter().all(|status| *status == StatusCode::OK));
    let after = common::plan_org::count(a, "SELECT COUNT(*) FROM audit_events WHERE action = 'plan_read'").await;
    assert_eq!(after - before, 20);
}

#[tokio::test]
async fn both_instances_serve_the_same_insights_edition() {
    let org = common::plan_org::org().await;
    let (a, employee_id) = (&org.app, org.employee_id);
    let b = a.spawn_beside().await;
    let maya = a.signed_in("maya@example.org").await;
    common::plan_org::create_plan(a, &maya, employee_id, "Demo stalled").await;
    let (hr_a, hr_b) = (a.signed_in("hr@example.org").await, b.signed_in("hr@example.org").await);
    // Whichever instance computes the month's edition first stores it; the other serves that one.
    let (first, second) = tokio::join!(a.post_ok(&hr_a, "/api/insights", &[]), b.post_ok(&hr_b, "/api/insights", &[]));
    assert_eq!(first, second);
    let editions = common::plan_org::count(a, "SELECT COUNT(*) FROM insights_editions").await;
    assert_eq!(editions, 1, "one edition for the month, whichever instance was first");
    // A plan opened later in the month changes neither instance's answer.
    common::plan_org::create_plan(a, &maya, employee_id, "Second setback").await;
    assert_eq!(b.post_ok(&hr_b, "/api/insights", &[]).await, first);
    assert_eq!(a.post_ok(&hr_a, "/api/insights", &[]).await, first);
}
