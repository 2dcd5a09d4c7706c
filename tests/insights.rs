//! HR insights over real HTTP: who may see them, that the CSV is the table, and that nothing in
//! any HR response names or describes a person.

mod common;

use chrono::{Duration, Utc};
use common::{Person, TestApp};
use rebound::model::insights::{Insights, to_csv};
use reqwest::StatusCode;

/// An organisation big enough to show numbers: one department of 8 with a manager who runs
/// plans for six reports, another department of 2, plus HR and admin.
async fn organisation() -> TestApp {
    let app = TestApp::spawn().await;
    let hr = app.add_person("hana.hr@example.org", "Hana Hargreaves", Person { hr: true, ..Person::default() }).await;
    let admin = app.add_person("ada.admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    let manager = app.add_person("maya.manager@example.org", "Maya Marchetti", Person::default()).await;
    let mut reports = Vec::new();
    for index in 0..7 {
        reports.push(app.add_person(&format!("report{index}@example.org"), &format!("Reporter Number{index}"), Person { manager: Some(manager), ..Person::default() }).await);
    }
    let small_boss = app.add_person("tiny.boss@example.org", "Tiny Boss", Person::default()).await;
    let lone = app.add_person("lone.wolf@example.org", "Lonely Wolfgang", Person { manager: Some(small_boss), ..Person::default() }).await;
    let mut conn = app.state().pool.begin_write().await.unwrap();
    let now = Utc::now();
    let big = rebound::server::db::departments::insert(&mut conn, now, "Analytics").await.unwrap();
    let small = rebound::server::db::departments::insert(&mut conn, now, "Tiny Team").await.unwrap();
    for person in reports.iter().chain([&manager, &hr]) {
        rebound::server::db::users::set_department(&mut conn, now, *person, Some(big)).await.unwrap();
    }
    for person in [small_boss, lone, admin] {
        rebound::server::db::users::set_department(&mut conn, now, person, Some(small)).await.unwrap();
    }
    conn.commit().await.unwrap();
    let maya = app.signed_in("maya.manager@example.org").await;
    let tiny = app.signed_in("tiny.boss@example.org").await;
    let event_date = (Utc::now().date_naive() - Duration::days(3)).to_string();
    let plan_for = |employee: i64| {
        let employee = employee.to_string();
        let event_date = event_date.clone();
        move |client: reqwest::Client, app_url: String| async move {
            let form = [
                ("employee_id", employee.as_str()),
                ("event_title", "SECRET-EVENT-TITLE"),
                ("event_date", event_date.as_str()),
                ("event_kind", "project-cancelled"),
                ("event_visibility", "private"),
                ("what_happened", "SECRET-DEBRIEF-TEXT"),
                ("what_is_known", ""),
                ("open_questions", ""),
                ("technical_fix", ""),
                ("communication_change", ""),
            ];
            let id: i64 = client.post(format!("{app_url}/api/plans/create")).form(&form).send().await.unwrap().json().await.unwrap();
            let status = client.post(format!("{app_url}/api/plans/status")).form(&[("plan_id", id.to_string()), ("action", "activate".into())]).send().await.unwrap();
            assert_eq!(status.status(), StatusCode::OK);
        }
    };
    for report in reports.iter().take(6) {
        plan_for(*report)(maya.clone(), app.base.clone()).await;
    }
    plan_for(lone)(tiny.clone(), app.base.clone()).await;
    // Statistics cover completed months: read them once this month is over.
    app.clock.advance(Duration::days(31));
    app
}

#[tokio::test]
async fn only_hr_may_see_insights_in_any_form() {
    let app = organisation().await;
    for email in ["maya.manager@example.org", "report0@example.org", "ada.admin@example.org"] {
        let client = app.signed_in(email).await;
        assert_eq!(app.post(&client, "/api/insights", &[]).await.status(), StatusCode::FORBIDDEN, "{email} api");
        assert_eq!(client.get(app.url("/insights")).send().await.unwrap().status(), StatusCode::FORBIDDEN, "{email} page");
        assert_eq!(client.get(app.url("/insights.csv")).send().await.unwrap().status(), StatusCode::FORBIDDEN, "{email} csv");
    }
    assert_eq!(app.post(&app.client(), "/api/insights", &[]).await.status(), StatusCode::UNAUTHORIZED);
    let hr = app.signed_in("hana.hr@example.org").await;
    assert_eq!(app.post(&hr, "/api/insights", &[]).await.status(), StatusCode::OK);
    assert_eq!(hr.get(app.url("/insights")).send().await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn the_csv_is_exactly_the_table_and_small_groups_are_hidden() {
    let app = organisation().await;
    let hr = app.signed_in("hana.hr@example.org").await;
    let insights: Insights = app.post(&hr, "/api/insights", &[]).await.json().await.unwrap();
    let csv = hr.get(app.url("/insights.csv")).send().await.unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(csv.text().await.unwrap(), to_csv(&insights));
    let departments = &insights.tables[1];
    let labels: Vec<&str> = departments.rows.iter().map(|row| row.label.as_str()).collect();
    assert_eq!(labels, vec!["Analytics", "Other departments", "All departments"], "the 3-person team is merged");
    let started: Vec<String> = departments.rows.iter().map(|row| row.cells[0].text(insights.k)).collect();
    // The lone plan in the merged group is hidden, and so is a partner (Analytics' 6 or the total
    // of 7), so the one cannot be worked out as 7 - 6; the partner is not called small.
    assert_eq!(started[1], "hidden (fewer than 5 people)");
    let partner = "hidden (protects another figure)";
    assert!(started[0] == partner || started[2] == partner, "a partner, which does not claim to be small: {started:?}");
    assert!(started.iter().all(|text| ["hidden (fewer than 5 people)", partner, "6", "7"].contains(&text.as_str())), "{started:?}");
    let monthly_started_total = insights.tables[0].rows[12].cells[0].text(insights.k);
    assert!(!(started[0] == "6" && monthly_started_total == "7"), "the total must not leak through the monthly table");
    let page = hr.get(app.url("/insights")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("hidden (fewer than 5 people)") && page.contains("How these numbers protect people"));
}

#[tokio::test]
async fn no_hr_response_names_or_describes_anyone() {
    let app = organisation().await;
    let hr = app.signed_in("hana.hr@example.org").await;
    let mut bodies = vec![
        app.post(&hr, "/api/insights", &[]).await.text().await.unwrap(),
        hr.get(app.url("/insights")).send().await.unwrap().text().await.unwrap(),
        hr.get(app.url("/insights.csv")).send().await.unwrap().text().await.unwrap(),
    ];
    bodies.push(app.post(&hr, "/api/session", &[]).await.text().await.unwrap().replace("hana.hr@example.org", "").replace("Hana Hargreaves", ""));
    for body in &bodies {
        for forbidden in
            ["SECRET-EVENT-TITLE", "SECRET-DEBRIEF-TEXT", "Maya Marchetti", "maya.manager@", "Reporter Number", "report0@", "Lonely Wolfgang", "lone.wolf@", "Tiny Boss"]
        {
            assert!(!body.contains(forbidden), "{forbidden} appeared in an HR response");
        }
    }
}

#[tokio::test]
async fn the_minimum_group_size_is_an_admin_setting_never_below_three() {
    let app = organisation().await;
    let admin = app.signed_in("ada.admin@example.org").await;
    let save = |k: &'static str| {
        let request = admin.post(app.url("/api/admin/save_settings"));
        async move {
            request
                .form(&[("organisation_name", "Acme"), ("privacy_k", k), ("retention_days", "365"), ("occupational_health", ""), ("employee_assistance", ""), ("professional", "")])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(save("2").await, StatusCode::BAD_REQUEST);
    assert_eq!(save("seven").await, StatusCode::BAD_REQUEST);
    assert_eq!(save("7").await, StatusCode::OK);
    let hr = app.signed_in("hana.hr@example.org").await;
    let insights: Insights = app.post(&hr, "/api/insights", &[]).await.json().await.unwrap();
    assert_eq!(insights.k, 7);
    assert_eq!(insights.tables[1].rows[0].cells[0].text(7), "hidden (fewer than 7 people)", "six plans are now too few");
}

#[tokio::test]
async fn no_demo_person_or_demo_plan_text_reaches_hr() {
    let app = TestApp::spawn().await;
    let config = rebound::server::config::Config::new(app.state().config.database_url.clone());
    rebound::server::seed::demo::seed(&config).await.expect("demo seed");
    let hr = app.client();
    let signed_in = app.sign_in(&hr, "hr@demo.rebound", rebound::server::seed::demo::DEMO_PASSWORD).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    let bodies = [
        app.post(&hr, "/api/insights", &[]).await.text().await.unwrap(),
        hr.get(app.url("/insights")).send().await.unwrap().text().await.unwrap(),
        hr.get(app.url("/insights.csv")).send().await.unwrap().text().await.unwrap(),
    ];
    let plan_texts = ["Harbour Bank", "frozen, validated snapshot", "two-minute agenda", "embarrassed", "follow-up note"];
    for body in &bodies {
        for (email, name, ..) in rebound::server::seed::demo::DEMO_PEOPLE {
            let shown_in_header = *email == "hr@demo.rebound";
            if !shown_in_header {
                assert!(!body.contains(email) && !body.contains(name), "{name} <{email}> reached HR");
            }
        }
        for text in plan_texts {
            assert!(!body.contains(text), "plan text {text:?} reached HR");
        }
    }
}
