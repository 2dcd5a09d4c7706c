//! Recovery plans over real HTTP: the lifecycle, each person's part, validation, history and
//! editing. Who may see and change a plan is in `plan_access.rs`.

mod common;

use common::plan_org::*;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn a_manager_runs_a_plan_and_the_employee_works_their_own_part() {
    let Org { app, employee_id } = org().await;
    let manager = app.signed_in("maya@example.org").await;
    let employee = app.signed_in("sam@example.org").await;
    let plan_id = create_plan(&app, &manager, employee_id, "Client demo did not land").await;
    let id = plan_id.to_string();

    // A draft is the manager's alone.
    assert_eq!(get_plan(&app, &employee, plan_id).await.0, StatusCode::NOT_FOUND);
    let (status, body) = get_plan(&app, &manager, plan_id).await;
    assert_eq!(status, StatusCode::OK);
    let plan: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(plan["debrief"]["drivers"], serde_json::json!(["environmental", "process"]));

    post_ok(&app, &manager, "/api/plans/status", &[("plan_id", &id), ("action", "activate")]).await;
    post_ok(&app, &manager, "/api/plans/small_win", &[("plan_id", &id), ("title", "Send the follow-up note"), ("due_date", "")]).await;
    let second_win = app.post(&manager, "/api/plans/small_win", &[("plan_id", &id), ("title", "Another"), ("due_date", "")]).await;
    assert_eq!(second_win.status(), StatusCode::CONFLICT, "exactly one open small win");
    let paired = [
        ("plan_id", id.as_str()),
        ("kind", "paired_work"),
        ("title", "Co-present the next demo"),
        ("colleague", "Lena Fischer"),
        ("hypothesis", ""),
        ("risk_level", ""),
        ("due_date", ""),
    ];
    post_ok(&app, &manager, "/api/plans/task", &paired).await;
    let target = days_ahead(14);
    post_ok(&app, &manager, "/api/plans/milestone", &[("plan_id", &id), ("title", "Propose one idea"), ("target_date", &target)]).await;
    let restore = days_ahead(30);
    post_ok(
        &app,
        &manager,
        "/api/plans/goal",
        &[("plan_id", &id), ("goal", "Client demos"), ("usual_scope", "Lead all demos"), ("temporary_scope", "Co-present"), ("restore_by", &restore)],
    )
    .await;
    let held = days_ago(1);
    let next = days_ahead(6);
    let check_in = [
        ("plan_id", id.as_str()),
        ("held_on", held.as_str()),
        ("observed_readiness", "3"),
        ("signs[0]", "stops-volunteering"),
        ("shared_summary", "Calm talk about the demo."),
        ("private_note", "Seemed tense."),
        ("next_check_in", next.as_str()),
    ];
    post_ok(&app, &manager, "/api/plans/check_in", &check_in).await;

    // The employee works their part: the small win, task progress, their own rating.
    let plan: Value = serde_json::from_str(&get_plan(&app, &employee, plan_id).await.1).unwrap();
    let win_id = plan["small_wins"][0]["id"].to_string();
    let task_id = plan["tasks"][0]["id"].to_string();
    let check_in_id = plan["check_ins"][0]["id"].to_string();
    post_ok(&app, &employee, "/api/plans/small_win_done", &[("plan_id", &id), ("win_id", &win_id), ("recognition", "team")]).await;
    post_ok(&app, &employee, "/api/plans/task_progress", &[("plan_id", &id), ("task_id", &task_id), ("status", "in_progress")]).await;
    post_ok(&app, &employee, "/api/plans/self_assessment", &[("plan_id", &id), ("check_in_id", &check_in_id), ("self_confidence", "3"), ("reflection", "Feeling steadier.")]).await;
    post_ok(&app, &employee, "/api/plans/self_assessment", &[("plan_id", &id), ("check_in_id", ""), ("self_confidence", "4"), ("reflection", "")]).await;

    // ... and nothing else.
    for (path, form) in [
        ("/api/plans/task", &paired[..]),
        ("/api/plans/private_note", &[("plan_id", id.as_str()), ("body", "sneaky")][..]),
        ("/api/plans/status", &[("plan_id", id.as_str()), ("action", "close"), ("outcome", "recovered"), ("confirm", "on")][..]),
        ("/api/plans/check_in", &check_in[..]),
    ] {
        assert_eq!(app.post(&employee, path, form).await.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let manager_cannot_finish = app.post(&manager, "/api/plans/small_win_done", &[("plan_id", &id), ("win_id", &win_id), ("recognition", "team")]).await;
    assert_ne!(manager_cannot_finish.status(), StatusCode::OK);

    let plan: Value = serde_json::from_str(&get_plan(&app, &manager, plan_id).await.1).unwrap();
    assert_eq!(plan["small_wins"][0]["recognition"], "Team");
    assert_eq!(plan["tasks"][0]["status"], "InProgress");
    assert_eq!(plan["check_ins"][0]["self_confidence"], 3, "the employee's own rating, after the meeting");
    assert_eq!(plan["check_ins"].as_array().unwrap().len(), 1, "a rating before the next meeting is not a check-in of its own");
    assert_eq!(plan["upcoming_self_assessment"]["self_confidence"], 4);
    assert_eq!(plan["next_check_in"], next.as_str(), "and it leaves the scheduled check-in alone");
    let team: Value = serde_json::from_str(&app.post_ok(&manager, "/api/team", &[]).await).unwrap();
    assert!(team.to_string().contains(&next), "the team table keeps the next check-in: {team}");
    assert_eq!(plan["check_ins"][0]["private_note"], "Seemed tense.");
    assert!(plan["timeline"].as_array().unwrap().len() >= 8);

    // The manager's next check-in takes the employee's rating with it; the manager gives none.
    let today = days_ago(0);
    post_ok(
        &app,
        &manager,
        "/api/plans/check_in",
        &[("plan_id", &id), ("held_on", &today), ("self_confidence", "1"), ("observed_readiness", "4"), ("shared_summary", ""), ("private_note", ""), ("next_check_in", "")],
    )
    .await;
    let plan: Value = serde_json::from_str(&get_plan(&app, &manager, plan_id).await.1).unwrap();
    let latest = plan["check_ins"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (latest["self_confidence"].clone(), latest["observed_readiness"].clone()),
        (Value::from(4), Value::from(4)),
        "a self_confidence field from the manager is not taken"
    );
    assert!(plan["upcoming_self_assessment"].is_null());

    // Closed plans are read-only until reopened; one active plan per employee.
    let unconfirmed = app.post(&manager, "/api/plans/status", &[("plan_id", &id), ("action", "close"), ("outcome", "partly_recovered")]).await;
    assert_eq!(unconfirmed.status(), StatusCode::BAD_REQUEST, "closing asks for a confirmation");
    let still: Value = serde_json::from_str(&get_plan(&app, &manager, plan_id).await.1).unwrap();
    assert_eq!(still["status"], "Active", "and changes nothing without it");
    post_ok(&app, &manager, "/api/plans/status", &[("plan_id", &id), ("action", "close"), ("outcome", "partly_recovered"), ("confirm", "on")]).await;
    assert_eq!(app.post(&manager, "/api/plans/task", &paired).await.status(), StatusCode::CONFLICT);
    assert_eq!(app.post(&employee, "/api/plans/task_progress", &[("plan_id", &id), ("task_id", &task_id), ("status", "done")]).await.status(), StatusCode::CONFLICT);
    assert_eq!(get_plan(&app, &employee, plan_id).await.0, StatusCode::OK, "closed plans stay readable");
    let second = create_plan(&app, &manager, employee_id, "Second setback").await;
    post_ok(&app, &manager, "/api/plans/status", &[("plan_id", &second.to_string()), ("action", "activate")]).await;
    let reopen = app.post(&manager, "/api/plans/status", &[("plan_id", &id), ("action", "reopen")]).await;
    assert_eq!(reopen.status(), StatusCode::CONFLICT);
    assert!(reopen.text().await.unwrap().contains("already has an active plan"));

    // The employee's access log shows the reads and writes.
    let mine: Value = app.post(&employee, "/api/plans/mine", &[]).await.json().await.unwrap();
    assert_eq!(mine["plans"].as_array().unwrap().len(), 2);
    let log = mine["access_log"].as_array().unwrap();
    assert!(log.iter().any(|entry| entry["actor"] == "Maya Chen" && entry["action"] == "opened the plan"));
    assert!(log.iter().any(|entry| entry["action"].as_str().unwrap().starts_with("changed the plan")));
}

#[tokio::test]
async fn bad_input_gets_a_clear_message_and_changes_nothing() {
    let Org { app, employee_id } = org().await;
    let manager = app.signed_in("maya@example.org").await;
    let plan_id = create_plan(&app, &manager, employee_id, "Demo setback").await;
    let id = plan_id.to_string();
    let before = days_ago(30);
    let future = days_ahead(3);
    let held = days_ago(1);
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        ("/api/plans/milestone", vec![("plan_id", &id), ("title", "Too early"), ("target_date", &before)], "before the event"),
        ("/api/plans/milestone", vec![("plan_id", &id), ("title", "Bad date"), ("target_date", "31/12/2026")], "YYYY-MM-DD"),
        (
            "/api/plans/task",
            vec![("plan_id", &id), ("kind", "paired_work"), ("title", "Pair"), ("colleague", ""), ("hypothesis", ""), ("risk_level", ""), ("due_date", "")],
            "colleague",
        ),
        (
            "/api/plans/task",
            vec![("plan_id", &id), ("kind", "micro_experiment"), ("title", "Try"), ("colleague", ""), ("hypothesis", ""), ("risk_level", ""), ("due_date", "")],
            "hypothesis",
        ),
        (
            "/api/plans/task",
            vec![("plan_id", &id), ("kind", "juggling"), ("title", "x"), ("colleague", ""), ("hypothesis", ""), ("risk_level", ""), ("due_date", "")],
            "kind of task",
        ),
        (
            "/api/plans/check_in",
            vec![("plan_id", &id), ("held_on", &held), ("observed_readiness", "6"), ("shared_summary", ""), ("private_note", ""), ("next_check_in", "")],
            "1 to 5",
        ),
        (
            "/api/plans/check_in",
            vec![("plan_id", &id), ("held_on", &held), ("observed_readiness", ""), ("shared_summary", ""), ("private_note", ""), ("next_check_in", &held)],
            "after this one",
        ),
        (
            "/api/plans/check_in",
            vec![("plan_id", &id), ("held_on", &future), ("observed_readiness", ""), ("shared_summary", ""), ("private_note", ""), ("next_check_in", "")],
            "future",
        ),
        (
            "/api/plans/check_in",
            vec![("plan_id", &id), ("held_on", &held), ("signs[0]", "sulking"), ("observed_readiness", ""), ("shared_summary", ""), ("private_note", ""), ("next_check_in", "")],
            "Unknown warning sign",
        ),
        ("/api/plans/small_win", vec![("plan_id", &id), ("title", ""), ("due_date", "")], "Enter the small win"),
        ("/api/plans/status", vec![("plan_id", &id), ("action", "close"), ("confirm", "on")], "how the plan ended"),
    ];
    let tables = "SELECT (SELECT COUNT(*) FROM plan_tasks) + (SELECT COUNT(*) FROM milestones) + (SELECT COUNT(*) FROM check_ins) + (SELECT COUNT(*) FROM small_wins) + (SELECT COUNT(*) FROM plans WHERE status <> 'draft')";
    let rows_before = count(&app, tables).await;
    for (path, form, expected) in cases {
        let response = app.post(&manager, path, &form).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path} {form:?}");
        let body = response.text().await.unwrap();
        assert!(body.contains(expected), "{path}: expected {expected:?} in {body}");
    }
    assert_eq!(count(&app, tables).await, rows_before);
    let future_event = days_ahead(1);
    let event = app
        .post(
            &manager,
            "/api/plans/create",
            &[
                ("employee_id", &employee_id.to_string()),
                ("event_title", "x"),
                ("event_date", &future_event),
                ("event_kind", "other"),
                ("event_visibility", "private"),
                ("what_happened", ""),
                ("what_is_known", ""),
                ("open_questions", ""),
                ("technical_fix", ""),
                ("communication_change", ""),
            ],
        )
        .await;
    assert_eq!(event.status(), StatusCode::BAD_REQUEST);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM plans").await, 1);
}

#[tokio::test]
async fn a_long_plan_lists_its_latest_check_ins_and_links_to_the_whole_history() {
    let Org { app, employee_id } = org().await;
    let manager = app.signed_in("maya@example.org").await;
    let id = create_plan(&app, &manager, employee_id, "Demo went wrong").await.to_string();
    // Twenty check-ins, numbered in the order they were held (all today, after the event). With
    // the plan's opening, the timeline then has 21 entries.
    let held = days_ago(0);
    for number in 1..=20 {
        let summary = format!("SUMMARY-NUMBER-{number}-END");
        post_ok(
            &app,
            &manager,
            "/api/plans/check_in",
            &[("plan_id", &id), ("held_on", &held), ("observed_readiness", "3"), ("shared_summary", &summary), ("private_note", ""), ("next_check_in", "")],
        )
        .await;
    }
    let page = |query: &'static str| {
        let url = app.url(&format!("/plans/{id}{query}"));
        let manager = manager.clone();
        async move { manager.get(url).send().await.unwrap().text().await.unwrap() }
    };

    let recent = page("").await;
    for number in 11..=20 {
        assert!(recent.contains(&format!("SUMMARY-NUMBER-{number}-END")), "the latest ten check-ins are listed ({number})");
    }
    for number in 1..=10 {
        assert!(!recent.contains(&format!("SUMMARY-NUMBER-{number}-END")), "older check-ins wait behind the link ({number})");
    }
    assert!(recent.contains("Showing the latest 10 of 20 check-ins."));
    assert!(recent.contains(&format!("href=\"/plans/{id}?history=all#checkins-heading\"")));
    assert!(recent.contains("Showing the latest 20 of 21 timeline entries."));
    assert!(!recent.contains("Plan opened as a draft"), "the oldest timeline entry waits behind the link");
    assert_eq!(recent.matches("<td data-label=\"What\">Check-in</td>").count(), 20, "the chart's table still has every check-in");

    let whole = page("?history=all").await;
    for number in 1..=20 {
        assert!(whole.contains(&format!("SUMMARY-NUMBER-{number}-END")), "every check-in is listed ({number})");
    }
    assert!(whole.contains("Plan opened as a draft"), "the whole timeline is listed");
    assert!(whole.contains("Show only the latest 10 check-ins"));
    assert!(!whole.contains("Showing the latest"));

    let unknown = app.post(&manager, "/api/plans/get", &[("plan_id", &id), ("history", "everything")]).await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
    assert!(unknown.text().await.unwrap().contains("History is either"));
}

/// The id of the only row of `table` on the plan.

#[tokio::test]
async fn the_manager_edits_and_removes_tasks_milestones_and_goals_and_the_timeline_says_so() {
    let Org { app, employee_id } = org().await;
    let manager = app.signed_in("maya@example.org").await;
    let plan_id = create_plan(&app, &manager, employee_id, "Demo setback").await;
    let id = plan_id.to_string();
    post_ok(&app, &manager, "/api/plans/status", &[("plan_id", &id), ("action", "activate")]).await;
    let task = [
        ("plan_id", id.as_str()),
        ("kind", "micro_experiment"),
        ("title", "Ask one question"),
        ("colleague", ""),
        ("hypothesis", "Nobody minds"),
        ("risk_level", "low"),
        ("due_date", ""),
    ];
    post_ok(&app, &manager, "/api/plans/task", &task).await;
    let task_id = only_id(&app, "plan_tasks", plan_id).await.to_string();
    post_ok(&app, &manager, "/api/plans/task_progress", &[("plan_id", &id), ("task_id", &task_id), ("status", "in_progress"), ("result", "They did not")]).await;
    post_ok(&app, &manager, "/api/plans/milestone", &[("plan_id", &id), ("title", "Present to the team"), ("target_date", &days_ahead(10))]).await;
    let milestone_id = only_id(&app, "milestones", plan_id).await.to_string();
    let restore = days_ahead(30);
    post_ok(&app, &manager, "/api/plans/goal", &[("plan_id", &id), ("goal", "Demos"), ("usual_scope", "Two a week"), ("temporary_scope", "One a week"), ("restore_by", &restore)])
        .await;
    let goal_id = only_id(&app, "goal_recalibrations", plan_id).await.to_string();

    // A refused edit changes nothing and names the field it is about.
    let refused = app
        .post(
            &manager,
            "/api/plans/task_edit",
            &[
                ("plan_id", &id),
                ("task_id", &task_id),
                ("kind", "paired_work"),
                ("title", "Pair on a demo"),
                ("colleague", " "),
                ("hypothesis", ""),
                ("risk_level", ""),
                ("due_date", ""),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let body = refused.text().await.unwrap();
    assert!(body.contains("colleague"), "{body}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM plan_tasks WHERE title = 'Ask one question' AND kind = 'micro_experiment'").await, 1);

    // Becoming paired work keeps the status, names the colleague and drops what only an
    // experiment has.
    post_ok(
        &app,
        &manager,
        "/api/plans/task_edit",
        &[
            ("plan_id", &id),
            ("task_id", &task_id),
            ("kind", "paired_work"),
            ("title", "Pair on a demo"),
            ("colleague", "Lena"),
            ("hypothesis", "stale"),
            ("risk_level", "high"),
            ("due_date", ""),
        ],
    )
    .await;
    let (kind, status, hypothesis, result, risk): (String, String, String, String, Option<String>) =
        on_pool!(&app.state().pool, |p| sqlx::query_as("SELECT kind, status, hypothesis, result, risk_level FROM plan_tasks").fetch_one(p).await).unwrap();
    assert_eq!((kind.as_str(), status.as_str(), hypothesis.as_str(), result.as_str(), risk), ("paired_work", "in_progress", "", "", None));
    post_ok(&app, &manager, "/api/plans/milestone_edit", &[("plan_id", &id), ("milestone_id", &milestone_id), ("title", "Present to two teams"), ("target_date", &days_ahead(12))])
        .await;
    post_ok(
        &app,
        &manager,
        "/api/plans/goal_edit",
        &[("plan_id", &id), ("goal_id", &goal_id), ("goal", "Client demos"), ("usual_scope", "Two a week"), ("temporary_scope", "None for now"), ("restore_by", &restore)],
    )
    .await;

    // The employee sees the changes, and the timeline says what changed.
    let sam = app.signed_in("sam@example.org").await;
    let (_, plan) = get_plan(&app, &sam, plan_id).await;
    for expected in ["Pair on a demo", "Present to two teams", "None for now", "\u{201c}Ask one question\u{201d} is now \u{201c}Pair on a demo\u{201d}", "Milestone changed"] {
        assert!(plan.contains(expected), "{expected} missing from {plan}");
    }

    // Removing needs the confirmation; then the item is gone and the timeline names it.
    let unconfirmed = app.post(&manager, "/api/plans/remove", &[("plan_id", &id), ("item", "task"), ("item_id", &task_id)]).await;
    assert_eq!(unconfirmed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM plan_tasks").await, 1, "nothing removed without the tick");
    for (item, item_id) in [("task", &task_id), ("milestone", &milestone_id), ("goal", &goal_id)] {
        post_ok(&app, &manager, "/api/plans/remove", &[("plan_id", &id), ("item", item), ("item_id", item_id), ("confirm", "on")]).await;
    }
    assert_eq!(count(&app, "SELECT (SELECT COUNT(*) FROM plan_tasks) + (SELECT COUNT(*) FROM milestones) + (SELECT COUNT(*) FROM goal_recalibrations)").await, 0);
    let (_, plan) = get_plan(&app, &sam, plan_id).await;
    for expected in ["Task removed: Pair on a demo", "Milestone removed: Present to two teams", "Recalibrated goal removed: Client demos"] {
        assert!(plan.contains(expected), "{expected} missing from the timeline");
    }
}
