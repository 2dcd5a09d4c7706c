//! Playbook guidance in the app, over real HTTP: pages and server-side search, hints on plans,
//! signs to moves, the blameless-language check, templates and the escalation card.

mod common;

use chrono::{Duration, Utc};
use common::{Person, TestApp};
use reqwest::{Client, StatusCode};
use serde_json::Value;

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

async fn team(app: &TestApp) -> (Client, Client, i64) {
    let manager = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    let employee = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(manager), ..Person::default() }).await;
    (app.signed_in("maya@example.org").await, app.signed_in("sam@example.org").await, employee)
}

async fn ok(app: &TestApp, client: &Client, path: &str, form: &[(&str, &str)]) -> String {
    app.post_ok(client, path, form).await
}

async fn plan(app: &TestApp, manager: &Client, employee: i64, what_happened: &str, extra: &[(&str, &str)]) -> String {
    let employee = employee.to_string();
    let date = day(-5);
    let mut form = vec![
        ("employee_id", employee.as_str()),
        ("event_title", "Demo setback"),
        ("event_date", date.as_str()),
        ("event_kind", "public-demo-mistake"),
        ("event_visibility", "public"),
        ("what_happened", what_happened),
        ("what_is_known", ""),
        ("open_questions", ""),
        ("technical_fix", ""),
        ("communication_change", ""),
    ];
    form.extend_from_slice(extra);
    ok(app, manager, "/api/plans/create", &form).await
}

#[tokio::test]
async fn playbook_pages_and_search_work_as_plain_html() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana", Person::default()).await;
    let client = app.signed_in("ana@example.org").await;
    let overview = client.get(app.url("/playbook")).send().await.unwrap().text().await.unwrap();
    for section in ["/playbook/drivers", "/playbook/signs", "/playbook/pressure-points", "/playbook/moves", "/playbook/related", "/playbook/beyond-a-quick-fix"] {
        assert!(overview.contains(section), "overview links {section}");
        let page = client.get(app.url(section)).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{section}");
    }
    let moves = client.get(app.url("/playbook/moves")).send().await.unwrap().text().await.unwrap();
    assert_eq!(moves.matches("<li id=\"").count(), 12, "twelve moves, each with an anchor");
    let results = client.get(app.url("/playbook?q=public+blame")).send().await.unwrap().text().await.unwrap();
    assert!(results.contains("/playbook/moves#protect-from-public-blame"));
    let nothing = client.get(app.url("/playbook?q=zzzz-nothing")).send().await.unwrap().text().await.unwrap();
    assert!(nothing.contains("0 result(s)"));
    assert_eq!(client.get(app.url("/playbook/nope")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn hints_signs_and_language_notes_guide_the_manager_only() {
    let app = TestApp::spawn().await;
    let (manager, employee, employee_id) = team(&app).await;
    let id = plan(&app, &manager, employee_id, "Sam was careless and always rushes.", &[]).await;
    ok(&app, &manager, "/api/plans/status", &[("plan_id", &id), ("action", "activate")]).await;
    let held = day(-1);
    ok(
        &app,
        &manager,
        "/api/plans/check_in",
        &[
            ("plan_id", &id),
            ("held_on", &held),
            ("observed_readiness", ""),
            ("signs[0]", "stops-volunteering"),
            ("signs[1]", "seeks-excess-approval"),
            ("shared_summary", "Still sloppy with checks."),
            ("private_note", ""),
            ("next_check_in", ""),
        ],
    )
    .await;

    let plan: Value = serde_json::from_str(&ok(&app, &manager, "/api/plans/get", &[("plan_id", &id)]).await).unwrap();
    let phrases: Vec<&str> = plan["language_notes"].as_array().unwrap().iter().map(|n| n["phrase"].as_str().unwrap()).collect();
    assert_eq!(phrases, vec!["careless", "always", "sloppy"]);
    let page = manager.get(app.url(&format!("/plans/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Wording to reconsider"));
    assert!(page.contains(&format!("/playbook/moves?from=/plans/{id}#calm-debrief")), "debrief hint");
    assert!(page.contains(&format!("/playbook/moves?from=/plans/{id}#small-visible-win")), "small win hint");
    assert!(page.contains(&format!("/playbook/moves?from=/plans/{id}#track-in-one-on-ones")), "check-in hint");
    assert!(page.contains(&format!("/playbook/moves?from=/plans/{id}#share-own-failures")), "the manager's own example");
    assert!(page.contains("What these signs suggest"));

    // The employee sees neither the hints nor the manager's language notes or signs.
    let employee_page = employee.get(app.url(&format!("/plans/{id}"))).send().await.unwrap().text().await.unwrap();
    assert!(employee_page.contains("Demo setback"));
    for hidden in ["Wording to reconsider", "What these signs suggest", "/playbook/moves#calm-debrief"] {
        assert!(!employee_page.contains(hidden), "{hidden}");
    }
    // Saving is never blocked by the check.
    assert_eq!(plan["debrief"]["what_happened"], "Sam was careless and always rushes.");
}

#[tokio::test]
async fn a_template_prefills_tasks_and_milestones_that_are_saved_with_the_plan() {
    let app = TestApp::spawn().await;
    let (manager, _, employee_id) = team(&app).await;
    let page = manager.get(app.url(&format!("/plans/new?employee={employee_id}&template=public-demo-mistake"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("name=\"task_titles[0]\""));
    assert!(page.to_lowercase().contains("co-present"));
    assert!(page.contains("Colleague to pair with"), "a suggested paired task asks for its colleague");
    let (due, target) = (day(7), day(30));
    let id = plan(
        &app,
        &manager,
        employee_id,
        "",
        &[
            ("small_win", "Send the follow-up note"),
            ("task_kinds[0]", "practice"),
            ("task_titles[0]", "Own the follow-up fix"),
            ("task_due[0]", &due),
            ("task_kinds[1]", "paired_work"),
            ("task_titles[1]", ""),
            ("task_due[1]", &due),
            ("task_kinds[2]", "paired_work"),
            ("task_titles[2]", "Co-present the next demo"),
            ("task_due[2]", &due),
            ("task_kinds[3]", "micro_experiment"),
            ("task_titles[3]", "Try one small change"),
            ("task_due[3]", &due),
            ("task_colleagues[0]", "Not for practice"),
            ("task_colleagues[1]", ""),
            ("task_colleagues[2]", "Lena Fischer"),
            ("task_colleagues[3]", ""),
            ("task_hypotheses[0]", "Not for practice either"),
            ("task_hypotheses[1]", ""),
            ("task_hypotheses[2]", ""),
            ("task_hypotheses[3]", "One change at a time gives usable feedback"),
            ("task_risks[0]", ""),
            ("task_risks[1]", ""),
            ("task_risks[2]", ""),
            ("task_risks[3]", "low"),
            ("milestone_titles[0]", "Speak up in one client meeting"),
            ("milestone_dates[0]", &target),
        ],
    )
    .await;
    let plan: Value = serde_json::from_str(&ok(&app, &manager, "/api/plans/get", &[("plan_id", &id)]).await).unwrap();
    let tasks: Vec<&str> = plan["tasks"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert_eq!(tasks, vec!["Own the follow-up fix", "Co-present the next demo", "Try one small change"], "cleared rows are left out");
    let task = |index: usize, field: &str| plan["tasks"][index][field].clone();
    assert_eq!((task(0, "colleague"), task(0, "hypothesis")), (Value::from(""), Value::from("")), "fields another kind does not use are not stored");
    assert_eq!(task(1, "colleague"), "Lena Fischer");
    assert_eq!((task(2, "hypothesis"), task(2, "risk_level")), (Value::from("One change at a time gives usable feedback"), Value::from("Low")));
    assert_eq!(plan["milestones"][0]["title"], "Speak up in one client meeting");
    assert_eq!(plan["small_wins"][0]["title"], "Send the follow-up note");

    let before: i64 = on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM plans").fetch_one(p).await).unwrap();
    let too_early = day(-30);
    let employee = employee_id.to_string();
    let event_date = day(-5);
    let refused = app
        .post(
            &manager,
            "/api/plans/create",
            &[
                ("employee_id", employee.as_str()),
                ("event_title", "x"),
                ("event_date", event_date.as_str()),
                ("event_kind", "other"),
                ("event_visibility", "private"),
                ("what_happened", ""),
                ("what_is_known", ""),
                ("open_questions", ""),
                ("technical_fix", ""),
                ("communication_change", ""),
                ("milestone_titles[0]", "Too early"),
                ("milestone_dates[0]", too_early.as_str()),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let after: i64 = on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM plans").fetch_one(p).await).unwrap();
    assert_eq!(before, after, "a bad suggested row saves nothing");

    // A suggested paired task needs its colleague, as the task form does.
    let due = day(7);
    let alone = app
        .post(
            &manager,
            "/api/plans/create",
            &[
                ("employee_id", employee.as_str()),
                ("event_title", "x"),
                ("event_date", event_date.as_str()),
                ("event_kind", "other"),
                ("event_visibility", "private"),
                ("what_happened", ""),
                ("what_is_known", ""),
                ("open_questions", ""),
                ("technical_fix", ""),
                ("communication_change", ""),
                ("task_kinds[0]", "paired_work"),
                ("task_titles[0]", "Co-present the next demo"),
                ("task_due[0]", due.as_str()),
                ("task_colleagues[0]", " "),
                ("task_hypotheses[0]", ""),
                ("task_risks[0]", ""),
            ],
        )
        .await;
    assert_eq!(alone.status(), StatusCode::BAD_REQUEST);
    assert!(alone.text().await.unwrap().contains("Paired work needs the colleague"));
    let still: i64 = on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM plans").fetch_one(p).await).unwrap();
    assert_eq!(before, still);
}

#[tokio::test]
async fn the_support_card_appears_when_flagged_or_when_confidence_stays_low_and_names_the_contacts() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    ok(
        &app,
        &admin,
        "/api/admin/save_settings",
        &[
            ("organisation_name", "Acme"),
            ("privacy_k", "5"),
            ("retention_days", "365"),
            ("occupational_health", "OH team, extension 4400"),
            ("employee_assistance", "EAP hotline 0800 123 456"),
            ("professional", "Ask OH for a referral"),
        ],
    )
    .await;
    let (manager, employee, employee_id) = team(&app).await;
    let id = plan(&app, &manager, employee_id, "", &[]).await;
    ok(&app, &manager, "/api/plans/status", &[("plan_id", &id), ("action", "activate")]).await;
    let card = |page: &str| page.contains("EAP hotline 0800 123 456");
    let page_of = |client: &Client| {
        let request = client.get(app.url(&format!("/plans/{id}")));
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    assert!(!card(&page_of(&manager).await));

    // Three check-ins at 2 or lower without a rise, each rated by the employee before it.
    let rated_check_in = async |offset: i64, rating: &str| {
        ok(&app, &employee, "/api/plans/self_assessment", &[("plan_id", &id), ("check_in_id", ""), ("self_confidence", rating), ("reflection", "")]).await;
        let held = day(offset);
        ok(
            &app,
            &manager,
            "/api/plans/check_in",
            &[("plan_id", &id), ("held_on", &held), ("observed_readiness", ""), ("shared_summary", ""), ("private_note", ""), ("next_check_in", "")],
        )
        .await;
    };
    for (offset, rating) in [(-4, "2"), (-3, "2"), (-2, "1")] {
        rated_check_in(offset, rating).await;
    }
    let page = page_of(&manager).await;
    assert!(card(&page) && page.contains("OH team, extension 4400") && page.contains("Ask OH for a referral"));
    rated_check_in(-1, "3").await;
    assert!(!card(&page_of(&manager).await), "a rise takes the card away");

    ok(&app, &manager, "/api/plans/support_flag", &[("plan_id", &id), ("flagged", "true")]).await;
    assert!(card(&page_of(&manager).await), "the manager's flag shows it");
    let plan: Value = serde_json::from_str(&ok(&app, &manager, "/api/plans/get", &[("plan_id", &id)]).await).unwrap();
    assert_eq!(plan["support_flagged"], true);
}
