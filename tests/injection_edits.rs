//! Stored markup injection over real HTTP, beyond the first save: text edited in place, plan
//! templates, forms refused and handed back, a plan passed to a new manager, and department names
//! on the HR page and its CSV. Each comes back inert and whole, as `injection.rs` checks.

mod common;

use common::inert::{ago, ahead, assert_inert, assert_json, page, value};
use common::{Person, TestApp};
use reqwest::Client;
use serde_json::Value;

/// Posts a form as a browser without JavaScript does, from `page`, and loads the page the answer
/// sends it to.
async fn browser_post_and_follow(app: &TestApp, client: &Client, page: &str, path: &str, form: &[(&str, &str)]) -> String {
    let answer = client.post(app.url(path)).header("accept", "text/html").header("referer", app.url(page)).form(form).send().await.unwrap();
    assert!(answer.status().is_redirection(), "{path}: {}", answer.status());
    let back = answer.headers()["location"].to_str().unwrap().to_owned();
    client.get(if back.starts_with("http") { back } else { app.url(&back) }).send().await.unwrap().text().await.unwrap()
}

#[tokio::test]
async fn edits_templates_refused_forms_a_new_manager_and_insights_keep_text_inert() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    app.add_person("hr@example.org", "Hana HR", Person { hr: true, ..Person::default() }).await;
    let maya_id = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    app.add_person("tom@example.org", "Tom Okafor", Person::default()).await;
    let sam_id = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(maya_id), ..Person::default() }).await;
    let (admin, maya, tom, sam, hr) = (
        app.signed_in("admin@example.org").await,
        app.signed_in("maya@example.org").await,
        app.signed_in("tom@example.org").await,
        app.signed_in("sam@example.org").await,
        app.signed_in("hr@example.org").await,
    );

    // A plan from a template: every starter row carries the payload.
    let plan = app
        .post_ok(
            &maya,
            "/api/plans/create",
            &[
                ("employee_id", &sam_id.to_string()),
                ("event_title", "Demo"),
                ("event_date", &ago(7)),
                ("event_kind", "other"),
                ("event_visibility", "private"),
                ("what_happened", ""),
                ("what_is_known", ""),
                ("open_questions", ""),
                ("technical_fix", ""),
                ("communication_change", ""),
                ("small_win", &value(31)),
                ("task_kinds[0]", "paired_work"),
                ("task_titles[0]", &value(32)),
                ("task_due[0]", &ahead(5)),
                ("task_colleagues[0]", &value(33)),
                ("task_hypotheses[0]", ""),
                ("task_risks[0]", ""),
                ("task_kinds[1]", "micro_experiment"),
                ("task_colleagues[1]", ""),
                ("task_titles[1]", &value(34)),
                ("task_due[1]", &ahead(6)),
                ("task_hypotheses[1]", &value(35)),
                ("task_risks[1]", "low"),
                ("milestone_titles[0]", &value(36)),
                ("milestone_dates[0]", &ahead(10)),
            ],
        )
        .await;
    let plan = plan.as_str();
    app.post_ok(&maya, "/api/plans/status", &[("plan_id", plan), ("action", "activate")]).await;
    let plan_page = format!("/plans/{plan}");
    assert_inert("manager plan from a template", &page(&app, &maya, &plan_page).await, &[31, 32, 33, 34, 35, 36]);

    // The debrief and every part, edited to the payload.
    app.post_ok(
        &maya,
        "/api/plans/debrief",
        &[
            ("plan_id", plan),
            ("event_title", &value(41)),
            ("event_date", &ago(7)),
            ("event_kind", "other"),
            ("event_visibility", "public"),
            ("what_happened", &value(42)),
            ("what_is_known", &value(43)),
            ("open_questions", &value(44)),
            ("technical_fix", &value(45)),
            ("communication_change", &value(46)),
        ],
    )
    .await;
    let view: Value = serde_json::from_str(&app.post_ok(&maya, "/api/plans/get", &[("plan_id", plan)]).await).unwrap();
    let paired = view["tasks"].as_array().unwrap().iter().find(|task| task["kind"] == "PairedWork").expect("the paired task")["id"].to_string();
    let milestone = view["milestones"][0]["id"].to_string();
    app.post_ok(
        &maya,
        "/api/plans/task_edit",
        &[
            ("plan_id", plan),
            ("task_id", &paired),
            ("kind", "paired_work"),
            ("title", &value(47)),
            ("colleague", &value(48)),
            ("hypothesis", ""),
            ("risk_level", ""),
            ("due_date", &ahead(5)),
        ],
    )
    .await;
    app.post_ok(&maya, "/api/plans/milestone_edit", &[("plan_id", plan), ("milestone_id", &milestone), ("title", &value(49)), ("target_date", &ahead(12))]).await;
    app.post_ok(&maya, "/api/plans/goal", &[("plan_id", plan), ("goal", "Lead the demo"), ("usual_scope", "All of it"), ("temporary_scope", "Half"), ("restore_by", &ahead(30))])
        .await;
    let view: Value = serde_json::from_str(&app.post_ok(&maya, "/api/plans/get", &[("plan_id", plan)]).await).unwrap();
    let goal = view["goals"][0]["id"].to_string();
    app.post_ok(
        &maya,
        "/api/plans/goal_edit",
        &[("plan_id", plan), ("goal_id", &goal), ("goal", &value(50)), ("usual_scope", &value(51)), ("temporary_scope", &value(52)), ("restore_by", &ahead(30))],
    )
    .await;
    let edited: Vec<u32> = vec![31, 34, 35, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52];
    assert_inert("manager plan after edits", &page(&app, &maya, &plan_page).await, &edited);
    assert_inert("employee plan after edits", &page(&app, &sam, &plan_page).await, &edited);
    assert_json("employee plans/get after edits", &app.post_ok(&sam, "/api/plans/get", &[("plan_id", plan)]).await, &edited);

    // A refused save comes back holding what was typed, inert, in its form: a milestone dated
    // before the event, and a new plan dated in the future.
    let refused = browser_post_and_follow(&app, &maya, &plan_page, "/api/plans/milestone", &[("plan_id", plan), ("title", &value(53)), ("target_date", &ago(30))]).await;
    assert!(refused.contains("role=\"alert\""), "the refusal is shown");
    assert_inert("manager plan with a refused milestone", &refused, &[53]);
    let new_plan = format!("/plans/new?employee={sam_id}&template=public-demo-mistake");
    let refused = browser_post_and_follow(
        &app,
        &maya,
        &new_plan,
        "/api/plans/create",
        &[
            ("employee_id", &sam_id.to_string()),
            ("event_title", &value(54)),
            ("event_date", &ahead(3)),
            ("event_kind", "other"),
            ("event_visibility", "private"),
            ("what_happened", &value(55)),
            ("what_is_known", ""),
            ("open_questions", ""),
            ("technical_fix", ""),
            ("communication_change", ""),
            ("small_win", &value(56)),
            ("task_kinds[0]", "practice"),
            ("task_titles[0]", &value(58)),
            ("task_due[0]", &ahead(7)),
            ("task_colleagues[0]", ""),
            ("task_hypotheses[0]", ""),
            ("task_risks[0]", ""),
            ("milestone_titles[0]", &value(59)),
            ("milestone_dates[0]", &ahead(10)),
        ],
    )
    .await;
    assert_inert("manager new plan from a template refused", &refused, &[54, 55, 56, 58, 59]);

    // After a reporting-line change the new manager's page carries the text, inert.
    app.post_ok(&admin, "/api/admin/set_reporting", &[("person_id", &sam_id.to_string()), ("manager_email", "tom@example.org"), ("department_id", "")]).await;
    assert_inert("new manager plan", &page(&app, &tom, &plan_page).await, &edited);
    assert_json("new manager plans/get", &app.post_ok(&tom, "/api/plans/get", &[("plan_id", plan)]).await, &edited);
    assert_inert("new manager team", &page(&app, &tom, "/team").await, &[41]);

    // A department named with the payload, big enough to be named on the HR page and its CSV.
    app.post_ok(&admin, "/api/admin/create_department", &[("name", &value(57))]).await;
    let departments: Value = serde_json::from_str(&app.post_ok(&admin, "/api/admin/departments", &[]).await).unwrap();
    let department = departments.as_array().unwrap().iter().find(|d| d["name"] == value(57)).expect("the department")["id"].to_string();
    for n in 0..5 {
        app.post_ok(
            &admin,
            "/api/admin/create_person",
            &[("email", &format!("member{n}@example.org")), ("display_name", &format!("Member {n}")), ("department_id", &department), ("manager_email", "maya@example.org")],
        )
        .await;
    }
    assert_inert("hr /insights", &page(&app, &hr, "/insights").await, &[57]);
    let csv = page(&app, &hr, "/insights.csv").await;
    assert!(csv.contains(&format!("\"{}\"", value(57).replace('"', "\"\""))), "the CSV quotes the name whole: {csv}");
    assert_inert("admin /admin/org", &page(&app, &admin, "/admin/org").await, &[57]);
    assert_inert("admin /admin/audit", &page(&app, &admin, "/admin/audit").await, &[]);
}
