//! Trust over real HTTP and the real binary: retention, data export, erasure that leaves no
//! trace in the file, the audit view, backup under load and restore.

mod common;

use chrono::{Duration, Utc};
use common::{Person, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::process::Command;

async fn ok(app: &TestApp, client: &Client, path: &str, form: &[(&str, &str)]) -> String {
    app.post_ok(client, path, form).await
}

async fn plan(app: &TestApp, manager: &Client, employee: i64, title: &str) -> String {
    let employee = employee.to_string();
    let date = (Utc::now().date_naive() - Duration::days(2)).to_string();
    let id = ok(
        app,
        manager,
        "/api/plans/create",
        &[
            ("employee_id", &employee),
            ("event_title", title),
            ("event_date", &date),
            ("event_kind", "other"),
            ("event_visibility", "private"),
            ("what_happened", &format!("{title} happened")),
            ("what_is_known", ""),
            ("open_questions", ""),
            ("technical_fix", ""),
            ("communication_change", ""),
        ],
    )
    .await;
    ok(app, manager, "/api/plans/status", &[("plan_id", &id), ("action", "activate")]).await;
    id
}

async fn setup() -> (TestApp, Client, Client, Client, i64, i64) {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    let manager = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    let sam = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(manager), ..Person::default() }).await;
    let lena = app.add_person("lena@example.org", "Lena Fischer", Person { manager: Some(manager), ..Person::default() }).await;
    let (admin, maya, sam_client) = (app.signed_in("admin@example.org").await, app.signed_in("maya@example.org").await, app.signed_in("sam@example.org").await);
    (app, admin, maya, sam_client, sam, lena)
}

#[tokio::test]
async fn closed_plans_are_erased_after_the_retention_period_unless_the_employee_keeps_them() {
    let (app, admin, maya, sam, sam_id, lena_id) = setup().await;
    ok(
        &app,
        &admin,
        "/api/admin/save_settings",
        &[("organisation_name", "Acme"), ("privacy_k", "5"), ("retention_days", "30"), ("occupational_health", ""), ("employee_assistance", ""), ("professional", "")],
    )
    .await;
    let kept = plan(&app, &maya, sam_id, "Kept plan").await;
    let erased = plan(&app, &maya, lena_id, "Erased plan").await;
    ok(&app, &sam, "/api/plans/keep", &[("plan_id", &kept), ("keep", "true")]).await;
    for id in [&kept, &erased] {
        ok(&app, &maya, "/api/plans/status", &[("plan_id", id), ("action", "close"), ("outcome", "recovered"), ("confirm", "on")]).await;
    }
    let page = maya.get(app.url(&format!("/plans/{erased}"))).send().await.unwrap().text().await.unwrap();
    let due = (Utc::now().date_naive() + Duration::days(30)).format("%-d %b %Y").to_string();
    assert!(page.contains(&format!("will be erased on {due}")), "the plan shows its erasure date");
    assert_eq!(rebound::server::jobs::run_retention(app.state()).await.unwrap(), 0, "nothing is due yet");
    app.clock.advance(Duration::days(31));
    assert_eq!(rebound::server::jobs::run_retention(app.state()).await.unwrap(), 1);
    let maya = app.signed_in("maya@example.org").await;
    assert_eq!(app.post(&maya, "/api/plans/get", &[("plan_id", &erased)]).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.post(&maya, "/api/plans/get", &[("plan_id", &kept)]).await.status(), StatusCode::OK);
    let leftovers: i64 =
        on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM plan_events WHERE description LIKE '%Erased plan%' OR plan_id NOT IN (SELECT id FROM plans)")
            .fetch_one(p)
            .await)
        .unwrap();
    assert_eq!(leftovers, 0);
}

#[tokio::test]
async fn employees_download_their_own_data_without_anything_private() {
    let (app, _admin, maya, sam, sam_id, _) = setup().await;
    let id = plan(&app, &maya, sam_id, "Demo setback").await;
    ok(&app, &maya, "/api/plans/private_note", &[("plan_id", &id), ("body", "MARKER-PRIVATE")]).await;
    ok(&app, &sam, "/api/plans/self_assessment", &[("plan_id", &id), ("check_in_id", ""), ("self_confidence", "3"), ("reflection", "MY-OWN-REFLECTION")]).await;
    let download = sam.get(app.url("/my-data.json")).send().await.unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    assert!(download.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    let body = download.text().await.unwrap();
    let data: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(data["email"], "sam@example.org");
    assert_eq!(data["plans"][0]["event"]["title"], "Demo setback");
    assert!(body.contains("MY-OWN-REFLECTION"));
    assert!(!body.contains("MARKER-PRIVATE"));
    let page = sam.get(app.url("/my-data")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("MY-OWN-REFLECTION") && !page.contains("MARKER-PRIVATE"));
    assert_eq!(app.client().get(app.url("/my-data.json")).send().await.unwrap().status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn erasing_a_persons_plans_leaves_no_trace_of_their_text_in_the_database() {
    let (app, admin, maya, _sam, sam_id, _) = setup().await;
    let id = plan(&app, &maya, sam_id, "ERASE-ME-TITLE-7731").await;
    ok(&app, &maya, "/api/plans/private_note", &[("plan_id", &id), ("body", "ERASE-ME-NOTE-7731")]).await;
    let refused = app.post(&admin, "/api/admin/erase_plans", &[("person_id", &sam_id.to_string())]).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "confirmation is required");
    let erased = ok(&app, &admin, "/api/admin/erase_plans", &[("person_id", &sam_id.to_string()), ("confirm", "on")]).await;
    assert_eq!(erased, "1");
    match app.state().pool.raw() {
        // SQLite: the bytes are gone from the database file and its write-ahead log.
        rebound::server::db::RawPool::Sqlite(_) => {
            let path = app.state().config.database_url.trim_start_matches("sqlite://").to_owned();
            let main = std::fs::read(&path).expect("the database file");
            assert!(!String::from_utf8_lossy(&main).contains("ERASE-ME"), "erased text is still in {path}");
            if let Ok(wal) = std::fs::read(format!("{path}-wal")) {
                assert!(!String::from_utf8_lossy(&wal).contains("ERASE-ME"), "erased text is still in the write-ahead log");
            }
        }
        // PostgreSQL: no row of any table holds the text, and the plan tables were vacuumed, so
        // the dead row versions are free for reuse (README states that their bytes stay on disk
        // until reused: PostgreSQL offers no overwrite).
        rebound::server::db::RawPool::Postgres(pool) => {
            let tables: Vec<String> = sqlx::query_scalar("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
                .fetch_all(pool)
                .await
                .unwrap();
            assert!(tables.len() > 10, "{tables:?}");
            for table in tables {
                // Table names come from the catalogue, not from a person.
                let found: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{table}\" AS row WHERE row::text LIKE '%ERASE-ME%'")).fetch_one(pool).await.unwrap();
                assert_eq!(found, 0, "erased text is still in {table}");
            }
            for table in ["plans", "private_notes"] {
                let vacuumed: bool = sqlx::query_scalar("SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = $1").bind(table).fetch_one(pool).await.unwrap();
                assert!(vacuumed, "{table} was vacuumed after the erasure");
            }
        }
    }
    let audit: Vec<(String, Option<String>)> =
        on_pool!(&app.state().pool, |p| sqlx::query_as("SELECT action, detail FROM audit_events WHERE action = 'plans_erased'").fetch_all(p).await).unwrap();
    assert_eq!(audit, vec![("plans_erased".to_owned(), Some("1".to_owned()))]);
}

#[tokio::test]
async fn the_audit_view_shows_sign_ins_and_admin_events_to_admins_only() {
    let (app, admin, maya, _sam, sam_id, _) = setup().await;
    let id = plan(&app, &maya, sam_id, "Demo setback").await;
    ok(&app, &maya, "/api/plans/get", &[("plan_id", &id)]).await;
    let _ = app.sign_in(&app.client(), "sam@example.org", "wrong password here").await;
    let all: Vec<Value> = serde_json::from_str(&ok(&app, &admin, "/api/admin/audit", &[("action", ""), ("since", ""), ("until", "")]).await).unwrap();
    let actions: Vec<&str> = all.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"sign_in") && actions.contains(&"sign_in_failed"));
    assert!(!actions.iter().any(|a| a.starts_with("plan_")), "plan reads and writes stay out of the admin view");
    let failed: Vec<Value> = serde_json::from_str(&ok(&app, &admin, "/api/admin/audit", &[("action", "sign_in_failed"), ("since", ""), ("until", "")]).await).unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["target"], "Sam Rivera");
    let future = (Utc::now().date_naive() + Duration::days(5)).to_string();
    let none: Vec<Value> = serde_json::from_str(&ok(&app, &admin, "/api/admin/audit", &[("action", ""), ("since", &future), ("until", "")]).await).unwrap_or_default();
    assert!(none.is_empty());
    assert_eq!(app.post(&admin, "/api/admin/audit", &[("action", "drop table"), ("since", ""), ("until", "")]).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.post(&maya, "/api/admin/audit", &[("action", ""), ("since", ""), ("until", "")]).await.status(), StatusCode::FORBIDDEN);
    let page = admin.get(app.url("/admin/audit?action=sign_in")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("sign in") && page.contains("Maya Chen"));
}

fn rebound(database: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rebound")).args(["--database", database]).args(args).env("RUST_LOG", "error").output().unwrap()
}

#[tokio::test]
async fn a_backup_taken_during_writes_is_consistent_and_restores() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    let writer = {
        let (admin, url) = (admin.clone(), app.url("/api/admin/create_person"));
        tokio::spawn(async move {
            for index in 0..60 {
                let email = format!("person{index}@example.org");
                let response = admin.post(&url).form(&[("email", email.as_str()), ("display_name", "Person"), ("department_id", ""), ("manager_email", "")]).send().await.unwrap();
                assert_eq!(response.status(), StatusCode::OK);
            }
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("backup.db");
    let database = app.state().config.database_url.clone();
    let output = rebound(&database, &["backup", copy.to_str().unwrap()]);
    writer.await.unwrap();
    if database.starts_with("postgres") {
        // PostgreSQL's backups are its own tools' job: the command says which, and writes nothing.
        assert!(!output.status.success());
        assert!(String::from_utf8_lossy(&output.stderr).contains("pg_dump"), "{}", String::from_utf8_lossy(&output.stderr));
        assert!(!copy.exists());
        return;
    }
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    // Restore the copy into a fresh location and check it is whole: every person has their audit event.
    let restored = format!("sqlite://{}", dir.path().join("restored.db").display());
    let output = rebound(&restored, &["restore", copy.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let pool = rebound::server::db::connect(&restored, &Default::default()).await.unwrap();
    let integrity: String = on_pool!(&pool, |p| sqlx::query_scalar("PRAGMA integrity_check").fetch_one(p).await).unwrap();
    assert_eq!(integrity, "ok");
    let people: i64 = on_pool!(&pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(p).await).unwrap();
    let created: i64 = on_pool!(&pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'person_created'").fetch_one(p).await).unwrap();
    assert!((1..=61).contains(&people));
    assert_eq!(people - 1, created, "each person came with their audit event: no half-written change");

    // A damaged or foreign file is refused and nothing is replaced.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database at all").unwrap();
    let output = rebound(&restored, &["restore", junk.to_str().unwrap()]);
    assert!(!output.status.success());
    let other = dir.path().join("other.db");
    let other_pool = rebound::server::db::connect(&format!("sqlite://{}", other.display()), &Default::default()).await.unwrap();
    on_pool!(&other_pool, |p| sqlx::query("CREATE TABLE notes (body TEXT)").execute(p).await.map(|_| ())).unwrap();
    other_pool.close().await;
    let output = rebound(&restored, &["restore", other.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("not a Rebound backup"));
    let still: i64 = on_pool!(&pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(p).await).unwrap();
    assert_eq!(still, people);
}
