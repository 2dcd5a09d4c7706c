//! The employee's access log over real HTTP: it says who opened and who changed their plan, and
//! when, without revealing anything the employee may not see: nothing of a draft, nothing of a
//! plan closed before it was shared, and never which manager-only part a change touched.

mod common;

use chrono::{Duration, Utc};
use common::{Person, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::Value;

/// Words that would tell the employee what a manager-only write or a draft was.
const FORBIDDEN: &[&str] = &["(private note)", "(support flag)", "(created)", "(debrief)", "MARKER-DRAFT", "MARKER-PRIVATE"];

struct Org {
    app: TestApp,
    admin: Client,
    maya: Client,
    sam: Client,
    sam_id: i64,
}

async fn org() -> Org {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    let maya = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    app.add_person("tom@example.org", "Tom Okafor", Person::default()).await;
    let sam_id = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(maya), ..Person::default() }).await;
    let (admin, maya, sam) = (app.signed_in("admin@example.org").await, app.signed_in("maya@example.org").await, app.signed_in("sam@example.org").await);
    Org { app, admin, maya, sam, sam_id }
}

async fn draft(app: &TestApp, manager: &Client, employee: i64, title: &str) -> String {
    let employee = employee.to_string();
    let date = (Utc::now().date_naive() - Duration::days(3)).to_string();
    app.post_ok(
        manager,
        "/api/plans/create",
        &[
            ("employee_id", &employee),
            ("event_title", title),
            ("event_date", &date),
            ("event_kind", "other"),
            ("event_visibility", "private"),
            ("what_happened", "The demo stalled."),
            ("what_is_known", ""),
            ("open_questions", ""),
            ("technical_fix", ""),
            ("communication_change", ""),
        ],
    )
    .await
}

/// Manager-only writes: a private note and the support flag, set and cleared.
async fn manager_only_writes(app: &TestApp, manager: &Client, plan: &str) {
    app.post_ok(manager, "/api/plans/private_note", &[("plan_id", plan), ("body", "MARKER-PRIVATE seemed tense")]).await;
    app.post_ok(manager, "/api/plans/support_flag", &[("plan_id", plan), ("flagged", "true")]).await;
    app.post_ok(manager, "/api/plans/support_flag", &[("plan_id", plan), ("flagged", "false")]).await;
}

/// Every place the employee reads their access log, as text.
async fn everything_the_employee_reads(app: &TestApp, employee: &Client) -> Vec<(&'static str, String)> {
    let mut bodies = Vec::new();
    for path in ["/my-plan", "/my-data", "/my-data.json"] {
        let response = employee.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        bodies.push((path, response.text().await.unwrap()));
    }
    bodies.push(("/api/plans/mine", app.post_ok(employee, "/api/plans/mine", &[]).await));
    bodies.push(("/api/my_data", app.post_ok(employee, "/api/my_data", &[]).await));
    bodies
}

async fn log_actions(app: &TestApp, employee: &Client) -> Vec<(String, String)> {
    let mine: Value = serde_json::from_str(&app.post_ok(employee, "/api/plans/mine", &[]).await).unwrap();
    mine["access_log"].as_array().unwrap().iter().map(|entry| (entry["actor"].as_str().unwrap().to_owned(), entry["action"].as_str().unwrap().to_owned())).collect()
}

#[tokio::test]
async fn drafts_leave_no_trace_in_the_employee_access_log() {
    let Org { app, maya, sam, sam_id, .. } = org().await;
    let plan = draft(&app, &maya, sam_id, "Demo setback").await;
    maya.get(app.url(&format!("/plans/{plan}"))).send().await.unwrap();
    manager_only_writes(&app, &maya, &plan).await;
    app.post_ok(&maya, "/api/plans/milestone", &[("plan_id", &plan), ("title", "Rehearse the demo"), ("target_date", &(Utc::now().date_naive() + Duration::days(9)).to_string())])
        .await;
    assert!(log_actions(&app, &sam).await.is_empty(), "a draft has no readers or writers the employee can see");

    // Shared: the log starts at activation; a second plan, still a draft, stays invisible.
    app.post_ok(&maya, "/api/plans/status", &[("plan_id", &plan), ("action", "activate")]).await;
    let second = draft(&app, &maya, sam_id, "MARKER-DRAFT second").await;
    maya.get(app.url(&format!("/plans/{second}"))).send().await.unwrap();
    manager_only_writes(&app, &maya, &second).await;
    let log = log_actions(&app, &sam).await;
    assert_eq!(log, vec![("Maya Chen".to_owned(), "changed the plan (status)".to_owned())], "only the activation, nothing of before or of the second draft");

    // A draft closed before it was shared never reaches the employee either.
    app.post_ok(&maya, "/api/plans/status", &[("plan_id", &second), ("action", "close"), ("outcome", "withdrawn"), ("confirm", "on")]).await;
    assert_eq!(app.post(&sam, "/api/plans/get", &[("plan_id", &second)]).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(sam.get(app.url(&format!("/plans/{second}"))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let mine: Value = serde_json::from_str(&app.post_ok(&sam, "/api/plans/mine", &[]).await).unwrap();
    assert_eq!(mine["plans"].as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(log_actions(&app, &sam).await.len(), 1);
    for (path, body) in everything_the_employee_reads(&app, &sam).await {
        for word in FORBIDDEN {
            assert!(!body.contains(word), "{path} shows {word:?}");
        }
    }
}

#[tokio::test]
async fn manager_only_writes_show_as_one_wording_that_names_no_part() {
    let Org { app, admin, maya, sam, sam_id } = org().await;
    let plan = draft(&app, &maya, sam_id, "Demo setback").await;
    app.post_ok(&maya, "/api/plans/status", &[("plan_id", &plan), ("action", "activate")]).await;
    manager_only_writes(&app, &maya, &plan).await;
    app.post_ok(
        &maya,
        "/api/plans/goal",
        &[
            ("plan_id", &plan),
            ("goal", "Lead the demo"),
            ("usual_scope", "All of it"),
            ("temporary_scope", "Half"),
            ("restore_by", &(Utc::now().date_naive() + Duration::days(30)).to_string()),
        ],
    )
    .await;

    // Handed to a new manager, whose reads and manager-only writes follow the same rules.
    app.post_ok(&admin, "/api/admin/set_reporting", &[("person_id", &sam_id.to_string()), ("manager_email", "tom@example.org"), ("department_id", "")]).await;
    let tom = app.signed_in("tom@example.org").await;
    assert_eq!(tom.get(app.url(&format!("/plans/{plan}"))).send().await.unwrap().status(), StatusCode::OK);
    app.post_ok(&tom, "/api/plans/private_note", &[("plan_id", &plan), ("body", "MARKER-PRIVATE handover")]).await;
    assert_eq!(app.post(&maya, "/api/plans/get", &[("plan_id", &plan)]).await.status(), StatusCode::NOT_FOUND, "the former manager lost access");

    let log = log_actions(&app, &sam).await;
    let private = "changed the manager's private part of the plan";
    let expected: Vec<(&str, &str)> = vec![
        ("Tom Okafor", private),
        ("Tom Okafor", "opened the plan"),
        ("Maya Chen", "changed the plan (goal)"),
        ("Maya Chen", private),
        ("Maya Chen", private),
        ("Maya Chen", private),
        ("Maya Chen", "changed the plan (status)"),
    ];
    assert_eq!(log.iter().map(|(actor, action)| (actor.as_str(), action.as_str())).collect::<Vec<_>>(), expected);
    for (path, body) in everything_the_employee_reads(&app, &sam).await {
        for word in FORBIDDEN {
            assert!(!body.contains(word), "{path} shows {word:?}");
        }
        assert!(body.contains(private), "{path} lists the manager-only changes without naming them");
        assert!(body.contains("Tom Okafor"), "{path} names the new manager");
    }
}
