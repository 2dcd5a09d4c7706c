//! Admin capabilities and their access rules, over real HTTP.

mod common;

use common::{PASSWORD, Person, TestApp};
use reqwest::StatusCode;
use serde_json::Value;

/// Every admin server function, with a plausible request body.
const ADMIN_ENDPOINTS: &[(&str, &[(&str, &str)])] = &[
    ("/api/admin/people", &[("search", "")]),
    ("/api/admin/person", &[("person_id", "1")]),
    ("/api/admin/create_person", &[("email", "x@example.org"), ("display_name", "X"), ("department_id", ""), ("manager_email", "")]),
    ("/api/admin/set_reporting", &[("person_id", "1"), ("manager_email", ""), ("department_id", "")]),
    ("/api/admin/set_roles", &[("person_id", "1"), ("is_admin", "on")]),
    ("/api/admin/set_active", &[("person_id", "1"), ("active", "false")]),
    ("/api/admin/reset_password", &[("person_id", "1")]),
    ("/api/admin/import_people", &[("csv", "email,name,department,manager_email,roles\nx@example.org,X,,,\n")]),
    ("/api/admin/departments", &[]),
    ("/api/admin/create_department", &[("name", "Sales")]),
    ("/api/admin/managers", &[]),
    ("/api/admin/settings", &[]),
    (
        "/api/admin/save_settings",
        &[("organisation_name", "Hacked"), ("privacy_k", "5"), ("retention_days", "365"), ("occupational_health", ""), ("employee_assistance", ""), ("professional", "")],
    ),
    ("/api/admin/handed_over", &[]),
    ("/api/admin/imported_sign_ins", &[]),
    ("/api/admin/first_run", &[]),
    ("/api/admin/email", &[]),
    ("/api/admin/test_email", &[]),
];

async fn count(app: &TestApp, sql: &str) -> i64 {
    on_pool!(&app.state().pool, |p| sqlx::query_scalar(sql).fetch_one(p).await).unwrap()
}

#[tokio::test]
async fn admin_endpoints_refuse_everyone_but_admins_and_change_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    app.add_person("hr@example.org", "Hana", Person { hr: true, ..Person::default() }).await;
    app.add_person("emp@example.org", "Emil", Person { manager: Some(admin), ..Person::default() }).await;
    let before = (count(&app, "SELECT COUNT(*) FROM users").await, count(&app, "SELECT COUNT(*) FROM departments").await);
    let anonymous = app.client();
    let hr = app.signed_in("hr@example.org").await;
    let employee = app.signed_in("emp@example.org").await;
    let manager = app.signed_in("admin@example.org").await; // admin is also a manager; check roles below
    for (path, form) in ADMIN_ENDPOINTS {
        assert_eq!(app.post(&anonymous, path, form).await.status(), StatusCode::UNAUTHORIZED, "anonymous {path}");
        for (who, client) in [("hr", &hr), ("employee", &employee)] {
            let response = app.post(client, path, form).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{who} {path}");
            assert!(!response.text().await.unwrap().contains("admin@example.org"), "{who} {path} leaked data");
        }
    }
    let after = (count(&app, "SELECT COUNT(*) FROM users").await, count(&app, "SELECT COUNT(*) FROM departments").await);
    assert_eq!(before, after);
    assert_eq!(app.post(&manager, "/api/admin/people", &[("search", "")]).await.status(), StatusCode::OK);
    // Admin pages show the refusal with a 403 status too.
    let page = employee.get(app.url("/admin/users")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    assert!(!page.text().await.unwrap().contains("hr@example.org"));
    // Nor do they show a form that would only be refused.
    for path in ["/admin/users", "/admin/org", "/admin/settings", "/admin/audit", &format!("/admin/users/{admin}")] {
        let html = employee.get(app.url(path)).header("accept", "text/html").send().await.unwrap().text().await.unwrap();
        assert!(html.contains("You do not have access to this."), "{path} says why");
        assert!(!html.contains("action=\"/api/admin/"), "{path} shows no admin form");
    }
}

#[tokio::test]
async fn an_admin_creates_a_person_who_must_choose_a_password_at_first_sign_in() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    let created = app
        .post(
            &admin,
            "/api/admin/create_person",
            &[("email", "New.Person@example.org"), ("display_name", "New Person"), ("department_id", ""), ("manager_email", "admin@example.org"), ("is_hr", "on")],
        )
        .await;
    assert_eq!(created.status(), StatusCode::OK);
    let issued: Value = created.json().await.unwrap();
    let temporary = issued["temporary_password"].as_str().unwrap().to_owned();

    let duplicate =
        app.post(&admin, "/api/admin/create_person", &[("email", "new.person@EXAMPLE.org"), ("display_name", "Again"), ("department_id", ""), ("manager_email", "")]).await;
    assert_eq!(duplicate.status(), StatusCode::CONFLICT);

    let newcomer = app.client();
    let signed_in = app.sign_in(&newcomer, "new.person@example.org", &temporary).await;
    assert_eq!(signed_in.json::<String>().await.unwrap(), "/account/password");
    // Until they choose a password, everything else is refused.
    assert_eq!(app.post(&newcomer, "/api/team", &[]).await.status(), StatusCode::FORBIDDEN);
    let page = newcomer.get(app.url("/")).send().await.unwrap();
    assert_eq!(page.headers()["location"], "/account/password");
    let form = [("current_password", temporary.as_str()), ("new_password", "my own long passphrase"), ("confirm_password", "my own long passphrase")];
    assert_eq!(app.post(&newcomer, "/api/change_password", &form).await.status(), StatusCode::OK);
    let session: Value = app.post(&newcomer, "/api/session", &[]).await.json().await.unwrap();
    assert_eq!(session["viewer"]["must_change_password"], false);
    assert_eq!(session["viewer"]["is_hr"], true);
}

#[tokio::test]
async fn a_saved_organisation_name_heads_every_page_at_once() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    let page = || async { admin.get(app.url("/account")).send().await.unwrap().text().await.unwrap() };
    assert!(!page().await.contains("Globex Research"));
    let saved = app
        .post(
            &admin,
            "/api/admin/save_settings",
            &[
                ("organisation_name", "Globex Research"),
                ("privacy_k", "5"),
                ("retention_days", "365"),
                ("occupational_health", ""),
                ("employee_assistance", ""),
                ("professional", ""),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    // The page header's settings are kept in memory; saving must not leave the old name showing.
    assert!(page().await.contains("Globex Research"));
}

#[tokio::test]
async fn deactivating_a_person_ends_their_sessions_at_once() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    let ana = app.add_person("ana@example.org", "Ana", Person::default()).await;
    let admin = app.signed_in("admin@example.org").await;
    let ana_client = app.signed_in("ana@example.org").await;
    let id = ana.to_string();
    let unconfirmed = app.post(&admin, "/api/admin/set_active", &[("person_id", &id), ("active", "false")]).await;
    assert_eq!(unconfirmed.status(), StatusCode::BAD_REQUEST, "deactivating asks for a confirmation");
    assert!(unconfirmed.text().await.unwrap().contains("Tick the box to confirm"));
    assert_eq!(app.who_am_i(&ana_client).await.as_deref(), Some("ana@example.org"), "and changes nothing without it");
    let unticked = app.post(&admin, "/api/admin/set_active", &[("person_id", &id), ("active", "false"), ("confirm", "off")]).await;
    assert_eq!(unticked.status(), StatusCode::BAD_REQUEST, "a box sent as off is not ticked");
    assert_eq!(app.who_am_i(&ana_client).await.as_deref(), Some("ana@example.org"));
    assert_eq!(app.post(&admin, "/api/admin/set_active", &[("person_id", &id), ("active", "false"), ("confirm", "on")]).await.status(), StatusCode::OK);
    assert_eq!(app.who_am_i(&ana_client).await, None);
    assert_eq!(app.sign_in(&app.client(), "ana@example.org", PASSWORD).await.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_last_admin_cannot_be_removed_or_deactivated() {
    let app = TestApp::spawn().await;
    let admin_id = app.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    let id = admin_id.to_string();
    let demote = app.post(&admin, "/api/admin/set_roles", &[("person_id", &id)]).await;
    assert_eq!(demote.status(), StatusCode::CONFLICT);
    assert!(demote.text().await.unwrap().contains("last admin"));
    assert_eq!(app.post(&admin, "/api/admin/set_active", &[("person_id", &id), ("active", "false"), ("confirm", "on")]).await.status(), StatusCode::CONFLICT);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users WHERE is_admin = TRUE AND is_active = TRUE").await, 1);
}

#[tokio::test]
async fn reporting_lines_refuse_loops_and_are_audited() {
    let app = TestApp::spawn().await;
    let boss = app.add_person("admin@example.org", "Boss", Person { admin: true, ..Person::default() }).await;
    let report = app.add_person("ana@example.org", "Ana", Person { manager: Some(boss), ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    let looped = app.post(&admin, "/api/admin/set_reporting", &[("person_id", &boss.to_string()), ("manager_email", "ana@example.org"), ("department_id", "")]).await;
    assert_eq!(looped.status(), StatusCode::BAD_REQUEST);
    assert!(looped.text().await.unwrap().contains("loop"));
    let unknown = app.post(&admin, "/api/admin/set_reporting", &[("person_id", &report.to_string()), ("manager_email", "ghost@example.org"), ("department_id", "")]).await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    let cleared = app.post(&admin, "/api/admin/set_reporting", &[("person_id", &report.to_string()), ("manager_email", ""), ("department_id", "")]).await;
    assert_eq!(cleared.status(), StatusCode::OK);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users WHERE manager_id IS NOT NULL").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_events WHERE action = 'reporting_line_changed'").await, 1);
}

#[tokio::test]
async fn csv_import_is_all_or_nothing_and_lists_every_bad_line() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    let bad = "email,name,department,manager_email,roles\n\
               lead@example.org,Lead,Sales,,\n\
               broken-email,Broken,Sales,,\n\
               ann@example.org,Ann,Sales,lead@example.org,wizard\n\
               bob@example.org,Bob,Sales,nobody@example.org,\n\
               admin@example.org,Dup,,,\n";
    let refused = app.post(&admin, "/api/admin/import_people", &[("csv", bad)]).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let body = refused.text().await.unwrap();
    for line in ["Line 3", "Line 4"] {
        assert!(body.contains(line), "{line} missing from {body}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, 1, "nothing imported");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM departments").await, 0);

    // Fixing the file-level problems still leaves the database-level ones, reported by line.
    let second = "email,name,department,manager_email,roles\n\
                  lead@example.org,Lead,Sales,,\n\
                  bob@example.org,Bob,Sales,nobody@example.org,\n\
                  admin@example.org,Dup,,,\n";
    let body = app.post(&admin, "/api/admin/import_people", &[("csv", second)]).await.text().await.unwrap();
    assert!(body.contains("Line 3") && body.contains("Line 4"), "{body}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, 1);

    let good = "email,name,department,manager_email,roles\n\
                ann@example.org,Ann,Sales,lead@example.org,hr\n\
                lead@example.org,Lead,Sales,admin@example.org,\n";
    let imported = app.post(&admin, "/api/admin/import_people", &[("csv", good)]).await;
    assert_eq!(imported.status(), StatusCode::OK);
    let people: Vec<Value> = imported.json().await.unwrap();
    assert_eq!(people.len(), 2);
    assert_eq!((people[0]["email"].as_str(), people[0]["line"].as_u64()), (Some("ann@example.org"), Some(2)), "lines as the file numbers them");
    let ann = app.post(&admin, "/api/admin/person", &[("person_id", &people[0]["person_id"].to_string())]).await.json::<Value>().await.unwrap();
    assert_eq!((ann["manager_email"].as_str(), ann["is_hr"].as_bool()), (Some("lead@example.org"), Some(true)));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM departments").await, 1);
    // Imported people cannot sign in with any password until they use their link.
    assert_eq!(app.sign_in(&app.client(), "ann@example.org", "").await.status(), StatusCode::BAD_REQUEST);
}

const CHOSEN: &str = "lantern harbour quietly 42";

/// The token of a first sign-in link.
fn token_of(link: &Value) -> String {
    link["sign_in_link"].as_str().unwrap().split("token=").nth(1).unwrap().to_owned()
}

#[tokio::test]
async fn an_imported_person_chooses_their_password_with_a_one_time_link() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    let csv = "email,name,department,manager_email,roles\nann@example.org,Ann Lee,,,\nbob@example.org,Bob Ray,,,\n";
    let links: Vec<Value> = app.post(&admin, "/api/admin/import_people", &[("csv", csv)]).await.json().await.unwrap();
    assert_eq!(links.len(), 2);
    let link = links[0]["sign_in_link"].as_str().unwrap();
    assert!(link.starts_with(&app.url("/welcome?token=")), "{link}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM first_sign_in_links").await, 2);
    let stored: String = on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT token_hash FROM first_sign_in_links LIMIT 1").fetch_one(p).await).unwrap();
    assert!(!links.iter().any(|l| token_of(l) == stored), "only the hash is stored");

    let visitor = app.client();
    let ann = token_of(&links[0]);
    let holder = app.post(&visitor, "/api/first_sign_in/holder", &[("token", &ann)]).await;
    assert_eq!(holder.json::<String>().await.unwrap(), "Ann Lee");
    // A refused choice changes nothing and leaves the link usable.
    let refused = app.post(&visitor, "/api/first_sign_in", &[("token", &ann), ("new_password", CHOSEN), ("confirm_password", "something else entirely")]).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(refused.text().await.unwrap().contains("confirm_password"));
    let weak = app.post(&visitor, "/api/first_sign_in", &[("token", &ann), ("new_password", "short"), ("confirm_password", "short")]).await;
    assert_eq!(weak.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.post(&visitor, "/api/first_sign_in", &[("token", &ann), ("new_password", CHOSEN), ("confirm_password", CHOSEN)]).await.status(), StatusCode::OK);
    assert_eq!(app.sign_in(&app.client(), "ann@example.org", CHOSEN).await.status(), StatusCode::OK, "the chosen password signs in");
    // The link works once.
    let again =
        app.post(&visitor, "/api/first_sign_in", &[("token", &ann), ("new_password", "another strong passphrase"), ("confirm_password", "another strong passphrase")]).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.post(&visitor, "/api/first_sign_in/holder", &[("token", &ann)]).await.status(), StatusCode::NOT_FOUND);
    for wrong in ["", "not-a-token", &ann[..ann.len() - 1]] {
        assert_eq!(app.post(&visitor, "/api/first_sign_in", &[("token", wrong), ("new_password", CHOSEN), ("confirm_password", CHOSEN)]).await.status(), StatusCode::NOT_FOUND);
    }

    // An expired link is refused; a temporary password issued by an admin replaces a link.
    let bob = token_of(&links[1]);
    on_pool!(&app.state().pool, |p| sqlx::query("UPDATE first_sign_in_links SET expires_at = $1")
        .bind(chrono::Utc::now() - chrono::Duration::minutes(1))
        .execute(p)
        .await
        .map(|_| ()))
    .unwrap();
    assert_eq!(app.post(&visitor, "/api/first_sign_in", &[("token", &bob), ("new_password", CHOSEN), ("confirm_password", CHOSEN)]).await.status(), StatusCode::NOT_FOUND);
    on_pool!(&app.state().pool, |p| sqlx::query("UPDATE first_sign_in_links SET expires_at = $1")
        .bind(chrono::Utc::now() + chrono::Duration::days(1))
        .execute(p)
        .await
        .map(|_| ()))
    .unwrap();
    app.post_ok(&admin, "/api/admin/reset_password", &[("person_id", &links[1]["person_id"].to_string())]).await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM first_sign_in_links").await, 0);
    assert_eq!(app.post(&visitor, "/api/first_sign_in", &[("token", &bob), ("new_password", CHOSEN), ("confirm_password", CHOSEN)]).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_browser_import_shows_the_links_once_to_the_admin_only() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    let csv = "email,name,department,manager_email,roles\nann@example.org,Ann Lee,,,\n";
    let posted =
        admin.post(app.url("/api/admin/import_people")).header("accept", "text/html").header("referer", app.url("/admin/users")).form(&[("csv", csv)]).send().await.unwrap();
    assert!(posted.status().is_redirection());
    assert_eq!(posted.headers()["location"], "/admin/users#import-heading");
    let page = |client: &reqwest::Client| {
        let request = client.get(app.url("/admin/users")).header("accept", "text/html");
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    let first = page(&admin).await;
    assert!(first.contains("Imported 1 person") && first.contains("/welcome?token="), "the links show after the redirect");
    assert!(!page(&admin).await.contains("/welcome?token="), "and only once");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM hand_overs").await, 0, "nothing of them is left behind");
}

#[tokio::test]
async fn the_first_admin_is_created_only_with_the_setup_token_and_only_once() {
    let app = TestApp::spawn().await;
    let url = rebound::server::auth::setup::announce_if_unclaimed(app.state(), app.server.address).await.unwrap().expect("unclaimed");
    let token = url.split("token=").nth(1).unwrap().to_owned();
    let page = |path: &'static str| {
        let client = app.client();
        let url = app.url(path);
        async move { client.get(url).header("accept", "text/html").send().await.unwrap().text().await.unwrap() }
    };
    let start = page("/").await;
    assert!(start.contains("Rebound needs setting up"), "the start page says setup is needed: {start}");
    assert!(page("/setup").await.contains("Setup token"));
    assert_eq!(claim(&app, "", "a@example.org").await, StatusCode::FORBIDDEN);
    assert_eq!(claim(&app, "wrong-token", "a@example.org").await, StatusCode::FORBIDDEN);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users").await, 0);
    assert_eq!(claim(&app, &token, "first@example.org").await, StatusCode::OK);
    assert_eq!(claim(&app, &token, "second@example.org").await, StatusCode::CONFLICT);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM users WHERE is_admin = TRUE").await, 1);
    assert!(rebound::server::auth::setup::announce_if_unclaimed(app.state(), app.server.address).await.unwrap().is_none());
    let after = page("/setup").await;
    assert!(after.contains("Rebound is already set up") && !after.contains("Setup token"), "no form once claimed");
    assert!(!page("/").await.contains("needs setting up"));
    let admin = app.signed_in("first@example.org").await;
    assert_eq!(app.post(&admin, "/api/admin/people", &[("search", "")]).await.status(), StatusCode::OK);
}

async fn claim(app: &TestApp, token: &str, email: &str) -> StatusCode {
    let form = [("token", token), ("display_name", "First Admin"), ("email", email), ("password", PASSWORD), ("confirm_password", PASSWORD)];
    app.post(&app.client(), "/api/setup", &form).await.status()
}

#[tokio::test]
async fn the_audit_log_names_the_settings_that_actually_changed() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    let save = |k: &'static str| {
        let form = [("organisation_name", "Acme"), ("privacy_k", k), ("retention_days", "365"), ("occupational_health", ""), ("employee_assistance", ""), ("professional", "")];
        let (app, admin) = (&app, &admin);
        async move { app.post_ok(admin, "/api/admin/save_settings", &form).await }
    };
    save("5").await;
    save("7").await;
    save("7").await;
    let details: Vec<String> =
        on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT detail FROM audit_events WHERE action = 'settings_changed' ORDER BY id").fetch_all(p).await).unwrap();
    assert_eq!(
        details,
        vec!["organisation name: not set \u{2192} \u{201c}Acme\u{201d}".to_owned(), "minimum group size: \u{201c}5\u{201d} \u{2192} \u{201c}7\u{201d}".to_owned()],
        "a save that changes nothing is not recorded"
    );
}

#[tokio::test]
async fn the_first_run_checklist_ticks_off_each_step_and_then_goes_away() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Admin", Person { admin: true, ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    let page = || {
        let request = admin.get(app.url("/admin/users")).header("accept", "text/html");
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    let progress = || async { app.post(&admin, "/api/admin/first_run", &[]).await.json::<Value>().await.unwrap() };
    assert!(page().await.contains("0 of 4 steps done"));
    app.post_ok(&admin, "/api/admin/create_department", &[("name", "Sales")]).await;
    let form = [
        ("organisation_name", "Acme"),
        ("privacy_k", "5"),
        ("retention_days", "365"),
        ("occupational_health", "Dr. Ada, room 4"),
        ("employee_assistance", ""),
        ("professional", ""),
    ];
    app.post_ok(&admin, "/api/admin/save_settings", &form).await;
    assert_eq!(progress().await["departments"], 1);
    assert!(page().await.contains("2 of 4 steps done"));
    app.post_ok(&admin, "/api/admin/create_person", &[("email", "ann@example.org"), ("display_name", "Ann"), ("department_id", ""), ("manager_email", "admin@example.org")]).await;
    let done = progress().await;
    assert_eq!((done["people"].as_i64(), done["reporting_lines"].as_i64()), (Some(2), Some(1)));
    assert!(!page().await.contains("Getting started"), "gone once every step is done");
}
