//! The privacy firewall of recovery plans over real HTTP: only the current manager and, once
//! shared, the employee get any plan data, and what must never appear in a response does not.

mod common;

use common::plan_org::*;
use common::{Person, TestApp};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn private_notes_and_drafts_never_reach_the_employee_in_any_response() {
    const NOTE: &str = "MARKER-PRIVATE-NOTE-7f3a";
    const CHECK_IN_NOTE: &str = "MARKER-CHECKIN-NOTE-91bc";
    const DRAFT: &str = "MARKER-DRAFT-TITLE-55de";
    let Org { app, employee_id } = org().await;
    let manager = app.signed_in("maya@example.org").await;
    let employee = app.signed_in("sam@example.org").await;
    let plan_id = create_plan(&app, &manager, employee_id, "Demo setback").await;
    let id = plan_id.to_string();
    post_ok(&app, &manager, "/api/plans/status", &[("plan_id", &id), ("action", "activate")]).await;
    post_ok(&app, &manager, "/api/plans/private_note", &[("plan_id", &id), ("body", NOTE)]).await;
    let held = days_ago(1);
    post_ok(
        &app,
        &manager,
        "/api/plans/check_in",
        &[("plan_id", &id), ("held_on", &held), ("observed_readiness", "2"), ("shared_summary", "ok"), ("private_note", CHECK_IN_NOTE), ("next_check_in", "")],
    )
    .await;
    // A second plan stays a draft.
    let draft = create_plan(&app, &manager, employee_id, DRAFT).await;

    let mut seen = Vec::new();
    for path in [format!("/plans/{plan_id}"), format!("/plans/{draft}"), "/my-plan".into(), "/".into(), "/team".into()] {
        let response = employee.get(app.url(&path)).send().await.unwrap();
        seen.push((path, response.text().await.unwrap()));
    }
    for (path, form) in [
        ("/api/plans/get", vec![("plan_id", id.clone())]),
        ("/api/plans/get", vec![("plan_id", draft.to_string())]),
        ("/api/plans/mine", vec![]),
        ("/api/session", vec![]),
        ("/api/team", vec![]),
    ] {
        let response = employee.post(app.url(path)).form(&form).send().await.unwrap();
        seen.push((path.to_owned(), response.text().await.unwrap()));
    }
    assert!(seen[0].1.contains("Demo setback"), "the employee does see the shared plan");
    for (path, body) in &seen {
        for marker in [NOTE, CHECK_IN_NOTE, DRAFT] {
            assert!(!body.contains(marker), "{marker} leaked to the employee in {path}");
        }
    }
    // The manager sees all of it, in the page and its hydration data.
    let page = manager.get(app.url(&format!("/plans/{plan_id}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(NOTE) && page.contains(CHECK_IN_NOTE));
}

#[tokio::test]
async fn nobody_but_the_current_manager_and_the_employee_gets_plan_data() {
    let Org { app, employee_id } = org().await;
    let manager = app.signed_in("maya@example.org").await;
    let plan_id = create_plan(&app, &manager, employee_id, "MARKER-TITLE-c0ffee").await;
    post_ok(&app, &manager, "/api/plans/status", &[("plan_id", &plan_id.to_string()), ("action", "activate")]).await;
    for outsider in ["boss@example.org", "lena@example.org", "tom@example.org", "jonas@example.org", "hr@example.org", "admin@example.org"] {
        let client = app.signed_in(outsider).await;
        let (status, body) = get_plan(&app, &client, plan_id).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{outsider}");
        assert!(!body.contains("MARKER-TITLE"), "{outsider}");
        let page = client.get(app.url(&format!("/plans/{plan_id}"))).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::NOT_FOUND, "{outsider} page");
        assert!(!page.text().await.unwrap().contains("MARKER-TITLE"));
        let write = app.post(&client, "/api/plans/private_note", &[("plan_id", &plan_id.to_string()), ("body", "x")]).await;
        assert_eq!(write.status(), StatusCode::NOT_FOUND, "{outsider} write");
    }
    let anonymous = app.post(&app.client(), "/api/plans/get", &[("plan_id", &plan_id.to_string())]).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    // Another manager cannot open a plan for someone who is not their report.
    let tom = app.signed_in("tom@example.org").await;
    let refused = app.post(&tom, "/api/plans/candidate", &[("employee_id", &employee_id.to_string())]).await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM private_notes").await, 0);
}

#[tokio::test]
async fn a_reporting_line_change_moves_access_at_once_and_the_timeline_records_it() {
    let Org { app, employee_id } = org().await;
    let maya = app.signed_in("maya@example.org").await;
    let tom = app.signed_in("tom@example.org").await;
    let admin = app.signed_in("admin@example.org").await;
    let plan_id = create_plan(&app, &maya, employee_id, "Demo setback").await;
    assert_eq!(get_plan(&app, &tom, plan_id).await.0, StatusCode::NOT_FOUND);
    post_ok(&app, &admin, "/api/admin/set_reporting", &[("person_id", &employee_id.to_string()), ("manager_email", "tom@example.org"), ("department_id", "")]).await;
    assert_eq!(get_plan(&app, &maya, plan_id).await.0, StatusCode::NOT_FOUND, "former manager loses access on the next request");
    let (status, body) = get_plan(&app, &tom, plan_id).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Handed over from Maya Chen to Tom Okafor"));
    let team: Value = app.post(&tom, "/api/team", &[]).await.json().await.unwrap();
    assert!(team["members"].as_array().unwrap().iter().any(|member| member["person_id"] == employee_id && member["plan"]["id"] == plan_id));
}

#[tokio::test]
async fn only_the_allowed_person_plan_pairs_get_any_plan_data() {
    for seed in [1_u64, 7, 42] {
        let app = TestApp::spawn().await;
        let mut random = Lcg(seed);
        let mut people: Vec<(i64, String, Option<i64>)> = Vec::new();
        for index in 0..9 {
            let email = format!("p{index}@example.org");
            // Each person reports to an earlier one (or nobody), so reporting lines form a forest.
            let manager = if index == 0 || random.below(4) == 0 { None } else { Some(people[random.below(index) as usize].0) };
            let hr = random.below(5) == 0;
            let admin = random.below(6) == 0;
            let id = app.add_person(&email, &format!("Person {index}"), Person { hr, admin, manager }).await;
            people.push((id, email, manager));
        }
        // Plans in every state for people who have a manager, written through the real API.
        let mut plans: Vec<(i64, i64, &str)> = Vec::new();
        for (employee, _, manager) in people.clone() {
            let Some(manager) = manager else { continue };
            let manager_email = people.iter().find(|p| p.0 == manager).unwrap().1.clone();
            let client = app.signed_in(&manager_email).await;
            let plan = create_plan(&app, &client, employee, &format!("MARKER-PLAN-{employee}")).await;
            let status = ["draft", "active", "closed"][random.below(3) as usize];
            if status != "draft" {
                post_ok(&app, &client, "/api/plans/status", &[("plan_id", &plan.to_string()), ("action", "activate")]).await;
            }
            if status == "closed" {
                post_ok(&app, &client, "/api/plans/status", &[("plan_id", &plan.to_string()), ("action", "close"), ("outcome", "recovered"), ("confirm", "on")]).await;
            }
            plans.push((plan, employee, status));
        }
        for (person, email, _) in &people {
            let client = app.signed_in(email).await;
            for (plan, employee, status) in &plans {
                let manager = people.iter().find(|p| p.0 == *employee).unwrap().2;
                let allowed = manager == Some(*person) || (employee == person && *status != "draft");
                let (code, body) = get_plan(&app, &client, *plan).await;
                let marker = format!("MARKER-PLAN-{employee}");
                if allowed {
                    assert_eq!(code, StatusCode::OK, "seed {seed}: {email} should read plan {plan}");
                    assert!(body.contains(&marker));
                } else {
                    assert_eq!(code, StatusCode::NOT_FOUND, "seed {seed}: {email} must not read plan {plan}");
                    assert!(!body.contains(&marker));
                }
            }
        }
    }
}

#[tokio::test]
async fn nobody_but_the_current_manager_edits_or_removes_and_never_across_plans() {
    let Org { app, employee_id } = org().await;
    let manager = app.signed_in("maya@example.org").await;
    let plan_id = create_plan(&app, &manager, employee_id, "Demo setback").await;
    let id = plan_id.to_string();
    post_ok(&app, &manager, "/api/plans/status", &[("plan_id", &id), ("action", "activate")]).await;
    post_ok(&app, &manager, "/api/plans/milestone", &[("plan_id", &id), ("title", "MARKER-MILESTONE"), ("target_date", &days_ahead(10))]).await;
    let milestone_id = only_id(&app, "milestones", plan_id).await.to_string();
    // A second plan of the same manager, to aim at the first plan's milestone through it.
    let lena_id: i64 = on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT id FROM users WHERE email = 'lena@example.org'").fetch_one(p).await).unwrap();
    let other_plan = create_plan(&app, &manager, lena_id, "Other setback").await.to_string();

    let edit = |plan: &str| vec![("plan_id", plan.to_owned()), ("milestone_id", milestone_id.clone()), ("title", "HIJACKED".to_owned()), ("target_date", days_ahead(11))];
    for email in ["sam@example.org", "tom@example.org", "hr@example.org", "admin@example.org", "boss@example.org"] {
        let client = app.signed_in(email).await;
        let form = edit(&id);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = app.post(&client, "/api/plans/milestone_edit", &form).await;
        assert!(matches!(response.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{email}: {}", response.status());
        let removal = app.post(&client, "/api/plans/remove", &[("plan_id", &id), ("item", "milestone"), ("item_id", &milestone_id), ("confirm", "on")]).await;
        assert!(matches!(removal.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND), "{email}: {}", removal.status());
    }
    let form = edit(&other_plan);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.post(&manager, "/api/plans/milestone_edit", &form).await.status(), StatusCode::NOT_FOUND);
    let across = app.post(&manager, "/api/plans/remove", &[("plan_id", &other_plan), ("item", "milestone"), ("item_id", &milestone_id), ("confirm", "on")]).await;
    assert_eq!(across.status(), StatusCode::NOT_FOUND);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM milestones WHERE title = 'MARKER-MILESTONE'").await, 1, "untouched");
    let unknown = app.post(&manager, "/api/plans/remove", &[("plan_id", &id), ("item", "check_in"), ("item_id", "1"), ("confirm", "on")]).await;
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
}

/// A tiny deterministic generator, so the property test explores many organisations repeatably.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
}
