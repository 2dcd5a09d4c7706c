//! Stored markup injection over real HTTP. Every text field a person can write is saved with a
//! payload that tries each way out of its context (closing a textarea, leaving an attribute,
//! closing a script, opening a comment, an entity that must not be decoded twice). Every page and
//! server-function response that shows it, as every role, must give it back inert and, read as
//! text the way a browser parses the page, byte for byte as typed.

mod common;

use common::inert::{ago, ahead, assert_inert, assert_json, page, value};
use common::{Person, TestApp};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn every_written_text_comes_back_inert_and_unchanged_for_every_role() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    app.add_person("hr@example.org", "Hana HR", Person { hr: true, ..Person::default() }).await;
    let maya_id = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    let sam_id = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(maya_id), ..Person::default() }).await;
    let (admin, maya, sam, hr) =
        (app.signed_in("admin@example.org").await, app.signed_in("maya@example.org").await, app.signed_in("sam@example.org").await, app.signed_in("hr@example.org").await);

    // What the admin writes: organisation, support contacts, a department, people by hand and by file.
    app.post_ok(
        &admin,
        "/api/admin/save_settings",
        &[
            ("organisation_name", &value(20)),
            ("privacy_k", "5"),
            ("retention_days", "365"),
            ("occupational_health", &value(21)),
            ("employee_assistance", &value(22)),
            ("professional", &value(23)),
        ],
    )
    .await;
    app.post_ok(&admin, "/api/admin/create_department", &[("name", &value(24))]).await;
    app.post_ok(&admin, "/api/admin/create_person", &[("email", "new@example.org"), ("display_name", &value(25)), ("department_id", ""), ("manager_email", "maya@example.org")])
        .await;
    let csv = format!("email,name,department,manager_email,roles\nfile@example.org,\"{}\",,maya@example.org,\n", value(26).replace('"', "\"\""));
    app.post_ok(&admin, "/api/admin/import_people", &[("csv", &csv)]).await;

    // What the manager writes on a plan.
    let plan = app
        .post_ok(
            &maya,
            "/api/plans/create",
            &[
                ("employee_id", &sam_id.to_string()),
                ("event_title", &value(1)),
                ("event_date", &ago(7)),
                ("event_kind", "other"),
                ("event_visibility", "public"),
                ("what_happened", &value(2)),
                ("what_is_known", &value(3)),
                ("open_questions", &value(4)),
                ("technical_fix", &value(5)),
                ("communication_change", &value(6)),
            ],
        )
        .await;
    let plan = plan.as_str();
    app.post_ok(&maya, "/api/plans/status", &[("plan_id", plan), ("action", "activate")]).await;
    app.post_ok(&maya, "/api/plans/small_win", &[("plan_id", plan), ("title", &value(7)), ("due_date", &ahead(3))]).await;
    app.post_ok(
        &maya,
        "/api/plans/task",
        &[("plan_id", plan), ("kind", "paired_work"), ("title", &value(8)), ("colleague", &value(9)), ("hypothesis", ""), ("risk_level", ""), ("due_date", &ahead(5))],
    )
    .await;
    app.post_ok(
        &maya,
        "/api/plans/task",
        &[
            ("plan_id", plan),
            ("kind", "micro_experiment"),
            ("title", "Try a dry run"),
            ("colleague", ""),
            ("hypothesis", &value(10)),
            ("risk_level", "low"),
            ("due_date", &ahead(6)),
        ],
    )
    .await;
    app.post_ok(&maya, "/api/plans/milestone", &[("plan_id", plan), ("title", &value(12)), ("target_date", &ahead(10))]).await;
    app.post_ok(&maya, "/api/plans/goal", &[("plan_id", plan), ("goal", &value(13)), ("usual_scope", &value(14)), ("temporary_scope", &value(15)), ("restore_by", &ahead(30))])
        .await;
    app.post_ok(
        &maya,
        "/api/plans/check_in",
        &[("plan_id", plan), ("held_on", &ago(1)), ("observed_readiness", "3"), ("shared_summary", &value(16)), ("private_note", &value(17)), ("next_check_in", &ahead(7))],
    )
    .await;
    app.post_ok(&maya, "/api/plans/private_note", &[("plan_id", plan), ("body", &value(19))]).await;
    app.post_ok(&maya, "/api/plans/support_flag", &[("plan_id", plan), ("flagged", "true")]).await;

    // What the employee writes: a task's result and their own reflection.
    let view: Value = serde_json::from_str(&app.post_ok(&sam, "/api/plans/get", &[("plan_id", plan)]).await).unwrap();
    let experiment = view["tasks"].as_array().unwrap().iter().find(|task| task["kind"] == "MicroExperiment").expect("the experiment")["id"].to_string();
    app.post_ok(&sam, "/api/plans/task_progress", &[("plan_id", plan), ("task_id", &experiment), ("status", "done"), ("result", &value(11))]).await;
    let check_in = view["check_ins"][0]["id"].to_string();
    app.post_ok(&sam, "/api/plans/self_assessment", &[("plan_id", plan), ("check_in_id", &check_in), ("self_confidence", "4"), ("reflection", &value(18))]).await;

    let shared: Vec<u32> = vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18];
    let manager_sees: Vec<u32> = shared.iter().copied().chain([17, 19, 21, 22, 23]).collect();
    let plan_page = format!("/plans/{plan}");
    let plan_history = format!("/plans/{plan}?history=all");

    // Pages, as each role.
    for (path, expected) in [(plan_page.as_str(), &manager_sees), (plan_history.as_str(), &manager_sees), ("/team", &vec![1, 25, 26])] {
        assert_inert(&format!("manager {path}"), &page(&app, &maya, path).await, expected);
    }
    for (path, expected) in [(plan_page.as_str(), &shared), ("/my-plan", &vec![1]), ("/my-data", &shared)] {
        let html = page(&app, &sam, path).await;
        assert_inert(&format!("employee {path}"), &html, expected);
        for private in [17, 19, 21] {
            assert!(!html.contains(&format!("F{private:02}")), "employee {path} shows manager-only field F{private:02}");
        }
    }
    let new_person = app.post_ok(&admin, "/api/admin/people", &[("search", "new@")]).await;
    let new_person: Value = serde_json::from_str(&new_person).unwrap();
    let new_person_page = format!("/admin/users/{}", new_person[0]["id"]);
    for (path, expected) in
        [("/admin/users", vec![25, 26]), (new_person_page.as_str(), vec![25]), ("/admin/org", vec![24]), ("/admin/settings", vec![20, 21, 22, 23]), ("/admin/audit", vec![])]
    {
        assert_inert(&format!("admin {path}"), &page(&app, &admin, path).await, &expected);
    }
    assert_inert("hr /insights", &page(&app, &hr, "/insights").await, &[]);
    assert_inert("manager /playbook", &page(&app, &maya, "/playbook").await, &[]);

    // Server-function responses and downloads give the text back exactly.
    assert_json("manager plans/get", &app.post_ok(&maya, "/api/plans/get", &[("plan_id", plan)]).await, &manager_sees[..19]);
    assert_json("employee plans/get", &app.post_ok(&sam, "/api/plans/get", &[("plan_id", plan)]).await, &shared);
    assert_json("employee plans/mine", &app.post_ok(&sam, "/api/plans/mine", &[]).await, &[1]);
    assert_json("employee my_data", &app.post_ok(&sam, "/api/my_data", &[]).await, &shared);
    assert_json("employee my-data.json", &page(&app, &sam, "/my-data.json").await, &shared);
    assert_json("manager team", &app.post_ok(&maya, "/api/team", &[]).await, &[25, 26]);
    assert_json("admin people", &app.post_ok(&admin, "/api/admin/people", &[("search", "")]).await, &[25, 26]);
    assert_json("admin settings", &app.post_ok(&admin, "/api/admin/settings", &[]).await, &[20, 21, 22, 23]);
    assert_json("admin departments", &app.post_ok(&admin, "/api/admin/departments", &[]).await, &[24]);
}

#[tokio::test]
async fn text_that_is_not_utf8_is_refused_the_same_way_raw_or_percent_encoded() {
    let app = TestApp::spawn().await;
    let maya_id = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    let sam_id = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(maya_id), ..Person::default() }).await;
    let maya = app.signed_in("maya@example.org").await;
    let start = format!("employee_id={sam_id}&event_title=Demo&event_date={}&event_kind=other&event_visibility=private&what_happened=", ago(2));
    let end = b"&what_is_known=&open_questions=&technical_fix=&communication_change=".to_vec();
    let mut answers = Vec::new();
    for what_happened in [b"%FF%FE".to_vec(), b"\xFF\xFE".to_vec(), b"caf%C3".to_vec()] {
        let body = [start.as_bytes().to_vec(), what_happened, end.clone()].concat();
        let response = maya.post(app.url("/api/plans/create")).header("content-type", "application/x-www-form-urlencoded").body(body).send().await.unwrap();
        let status = response.status();
        answers.push((status, response.text().await.unwrap()));
    }
    for (status, body) in &answers {
        assert_eq!(*status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.contains("not valid UTF-8"), "{body}");
        assert_eq!(body, &answers[0].1, "one message for every encoding");
    }
    let html = maya
        .post(app.url("/api/plans/create"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .body([start.as_bytes(), b"%FF", &end].concat())
        .send()
        .await
        .unwrap();
    assert_eq!(html.status(), StatusCode::BAD_REQUEST);
    assert!(html.text().await.unwrap().contains("nothing was saved"));
    let link = maya.get(app.url("/plans/new?employee=%FF")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(link.status(), StatusCode::BAD_REQUEST, "query strings too");
    assert!(link.text().await.unwrap().contains("This link holds characters that are not valid UTF-8"));
    let team: Value = serde_json::from_str(&app.post_ok(&maya, "/api/team", &[]).await).unwrap();
    assert!(!team.to_string().contains("Demo"), "nothing was saved: {team}");
    // Valid text in any script still goes through.
    app.post_ok(
        &maya,
        "/api/plans/create",
        &[
            ("employee_id", &sam_id.to_string()),
            ("event_title", "Démo ✓ 会议"),
            ("event_date", &ago(2)),
            ("event_kind", "other"),
            ("event_visibility", "private"),
            ("what_happened", "Zoë"),
            ("what_is_known", ""),
            ("open_questions", ""),
            ("technical_fix", ""),
            ("communication_change", ""),
        ],
    )
    .await;
}
