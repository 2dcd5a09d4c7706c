//! A small organisation with a plan-opening manager, and the requests the plan tests share.

use super::{Person, TestApp};
use chrono::{Duration, Utc};
use reqwest::{Client, StatusCode};

/// The organisation and the employee whose plans the tests open.
pub struct Org {
    pub app: TestApp,
    pub employee_id: i64,
}

/// A small organisation: skip-level boss > manager > employee (+ a peer), another manager, HR, admin.
pub async fn org() -> Org {
    let app = TestApp::spawn().await;
    let boss = app.add_person("boss@example.org", "Bo Boss", Person::default()).await;
    let manager_id = app.add_person("maya@example.org", "Maya Chen", Person { manager: Some(boss), ..Person::default() }).await;
    let employee_id = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(manager_id), ..Person::default() }).await;
    app.add_person("lena@example.org", "Lena Fischer", Person { manager: Some(manager_id), ..Person::default() }).await;
    let tom = app.add_person("tom@example.org", "Tom Okafor", Person::default()).await;
    app.add_person("jonas@example.org", "Jonas Berg", Person { manager: Some(tom), ..Person::default() }).await;
    app.add_person("hr@example.org", "Hana HR", Person { hr: true, ..Person::default() }).await;
    app.add_person("admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    Org { app, employee_id }
}

pub fn days_ago(days: i64) -> String {
    (Utc::now().date_naive() - Duration::days(days)).to_string()
}

pub fn days_ahead(days: i64) -> String {
    (Utc::now().date_naive() + Duration::days(days)).to_string()
}

pub async fn create_plan(app: &TestApp, manager: &Client, employee_id: i64, title: &str) -> i64 {
    let employee = employee_id.to_string();
    let date = days_ago(7);
    let form = [
        ("employee_id", employee.as_str()),
        ("event_title", title),
        ("event_date", date.as_str()),
        ("event_kind", "public-demo-mistake"),
        ("event_visibility", "public"),
        ("what_happened", "The live demo failed to load data."),
        ("what_is_known", "The extract schema changed."),
        ("open_questions", ""),
        ("drivers[0]", "environmental"),
        ("drivers[3]", "process"),
        ("technical_fix", "Freeze the demo data."),
        ("communication_change", "Open with an agenda."),
    ];
    let response = app.post(manager, "/api/plans/create", &form).await;
    assert_eq!(response.status(), StatusCode::OK, "{}", response.text().await.unwrap());
    response.json().await.unwrap()
}

pub async fn post_ok(app: &TestApp, client: &Client, path: &str, form: &[(&str, &str)]) {
    app.post_ok(client, path, form).await;
}

pub async fn get_plan(app: &TestApp, client: &Client, plan_id: i64) -> (StatusCode, String) {
    let response = app.post(client, "/api/plans/get", &[("plan_id", &plan_id.to_string())]).await;
    (response.status(), response.text().await.unwrap())
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    crate::on_pool!(&app.state().pool, |p| sqlx::query_scalar(sql).fetch_one(p).await).unwrap()
}

pub async fn only_id(app: &TestApp, table: &str, plan_id: i64) -> i64 {
    crate::on_pool!(&app.state().pool, |p| sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE plan_id = $1")).bind(plan_id).fetch_one(p).await).unwrap()
}
