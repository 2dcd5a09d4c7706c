//! A browser's form post over real HTTP: a refused save comes back with every value typed, once,
//! and never with a password; a saved one lands on its section with a confirmation, once.

mod common;

use chrono::{Duration, Utc};
use common::{Person, TestApp};
use reqwest::{Client, StatusCode};
use scraper::{Html, Selector};

/// Posts a form as a browser without JavaScript does, from `page`.
async fn browser_post(app: &TestApp, client: &Client, page: &str, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    client.post(app.url(path)).header("accept", "text/html").header("referer", app.url(page)).form(form).send().await.unwrap()
}

fn value_of(html: &str, selector: &str) -> Option<String> {
    let document = Html::parse_document(html);
    let element = document.select(&Selector::parse(selector).unwrap()).next()?;
    match element.value().name() {
        "textarea" => Some(element.text().collect()),
        _ => element.value().attr("value").map(str::to_owned),
    }
}

/// The page a refused form post sends the browser back to, as the browser would load it.
async fn followed(app: &TestApp, client: &Client, refused: &reqwest::Response) -> String {
    let back = refused.headers()["location"].to_str().unwrap().to_owned();
    client.get(if back.starts_with("http") { back } else { app.url(&back) }).send().await.unwrap().text().await.unwrap()
}

async fn page(app: &TestApp, client: &Client, path: &str) -> String {
    client.get(app.url(path)).send().await.unwrap().text().await.unwrap()
}

#[tokio::test]
async fn a_refused_form_comes_back_with_what_was_typed_once() {
    let app = TestApp::spawn().await;
    let maya_id = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    let sam_id = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(maya_id), ..Person::default() }).await;
    let maya = app.signed_in("maya@example.org").await;
    let event_date = (Utc::now().date_naive() - Duration::days(3)).to_string();
    let long_debrief = "The demo stalled when the data feed timed out. ".repeat(60);
    // The new-plan form, refused for a date in the future: the whole debrief comes back.
    let new_plan = format!("/plans/new?employee={sam_id}");
    let future = (Utc::now().date_naive() + Duration::days(3)).to_string();
    let refused = browser_post(
        &app,
        &maya,
        &new_plan,
        "/api/plans/create",
        &[
            ("employee_id", &sam_id.to_string()),
            ("event_title", "Demo stalled"),
            ("event_date", &future),
            ("event_kind", "other"),
            ("event_visibility", "private"),
            ("what_happened", &long_debrief),
            ("what_is_known", "The feed timed out"),
            ("open_questions", ""),
            ("drivers[0]", "process"),
            ("technical_fix", "Cache the feed"),
            ("communication_change", ""),
        ],
    )
    .await;
    assert!(refused.status().is_redirection(), "{}", refused.status());
    // Back where the form was, with the refusal in the address as Leptos sends it.
    let back = refused.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.starts_with(&app.url(&new_plan)) || back.starts_with(&new_plan), "{back}");
    let html = followed(&app, &maya, &refused).await;
    assert_eq!(value_of(&html, "#event_title").as_deref(), Some("Demo stalled"));
    assert_eq!(value_of(&html, "#what_happened").as_deref(), Some(long_debrief.as_str()), "the whole debrief is kept");
    assert_eq!(value_of(&html, "#technical_fix").as_deref(), Some("Cache the feed"));
    assert!(html.contains("checked") && html.contains("value=\"process\""), "the ticked driver stays ticked");
    assert!(html.contains("role=\"alert\""), "with the message");
    let again = page(&app, &maya, &new_plan).await;
    assert_eq!(value_of(&again, "#event_title").unwrap_or_default(), "", "shown once");

    // A plan form refused comes back on the plan page, only in its own form.
    let plan = app
        .post_ok(
            &maya,
            "/api/plans/create",
            &[
                ("employee_id", &sam_id.to_string()),
                ("event_title", "Demo stalled"),
                ("event_date", &event_date),
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
    let plan_page = format!("/plans/{plan}");
    let too_early = (Utc::now().date_naive() - Duration::days(30)).to_string();
    let refused = browser_post(&app, &maya, &plan_page, "/api/plans/milestone", &[("plan_id", &plan), ("title", "Speak up once"), ("target_date", &too_early)]).await;
    let html = followed(&app, &maya, &refused).await;
    assert_eq!(value_of(&html, "#milestone-title").as_deref(), Some("Speak up once"));
    assert_eq!(value_of(&html, "#milestone-date").as_deref(), Some(too_early.as_str()));
    assert_eq!(value_of(&html, "#win-title").unwrap_or_default(), "", "another form with a field of the same name stays empty");
    assert!(html.contains("cannot be before the event"));

    // Saved: back on the section, with a confirmation shown once.
    let saved = browser_post(&app, &maya, &plan_page, "/api/plans/milestone", &[("plan_id", &plan), ("title", "Speak up once"), ("target_date", &event_date)]).await;
    assert!(saved.status().is_redirection());
    assert_eq!(saved.headers()["location"].to_str().unwrap(), format!("{plan_page}#milestones-heading"));
    let html = page(&app, &maya, &plan_page).await;
    assert!(html.contains("Saved. Milestone added: Speak up once."));
    assert!(!page(&app, &maya, &plan_page).await.contains("Saved."), "shown once");
}

#[tokio::test]
async fn a_refused_form_never_keeps_a_password() {
    let app = TestApp::spawn().await;
    app.add_person("ana@example.org", "Ana Admin", Person::default()).await;
    let client = app.client();
    let refused = browser_post(&app, &client, "/login", "/api/login", &[("email", "ana@example.org"), ("password", "not her password at all")]).await;
    assert_ne!(refused.status(), StatusCode::OK);
    let kept: Vec<Vec<u8>> = on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT body FROM hand_overs").fetch_all(p).await).unwrap();
    assert!(kept.iter().all(|body| !String::from_utf8_lossy(body).contains("password")), "no password is ever stored");
    let html = page(&app, &client, "/login").await;
    assert!(!html.contains("not her password at all"));

    // A refused form that no page took does not stay: the hourly job drops it after ten minutes.
    browser_post(&app, &client, "/login", "/api/login", &[("email", "ana@example.org"), ("password", "still not her password")]).await;
    let count = || async { on_pool!(&app.state().pool, |p| sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM hand_overs").fetch_one(p).await).unwrap() };
    assert_eq!(count().await, 1);
    rebound::server::jobs::run_retention(app.state()).await.unwrap();
    assert_eq!(count().await, 1, "still fresh");
    app.clock.advance(Duration::minutes(11));
    rebound::server::jobs::run_retention(app.state()).await.unwrap();
    assert_eq!(count().await, 0);
}

#[tokio::test]
async fn a_refused_import_or_new_person_keeps_the_pasted_file_and_the_fields() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    let admin = app.signed_in("admin@example.org").await;
    let csv = "email,name,department,manager_email,roles\nlena@example.org,Lena Fischer,,,\nnot-an-email,Broken Row,,,\n";
    let refused = browser_post(&app, &admin, "/admin/users", "/api/admin/import_people", &[("csv", csv)]).await;
    let html = followed(&app, &admin, &refused).await;
    assert_eq!(value_of(&html, "#csv").as_deref(), Some(csv), "the whole pasted file comes back");
    assert!(html.contains("Line 3"), "with the line that needs fixing");

    browser_post(
        &app,
        &admin,
        "/admin/users",
        "/api/admin/create_person",
        &[("email", "nope"), ("display_name", "Noor Haddad"), ("department_id", ""), ("manager_email", ""), ("is_hr", "on")],
    )
    .await;
    let html = page(&app, &admin, "/admin/users").await;
    assert_eq!(value_of(&html, "#new-email").as_deref(), Some("nope"));
    assert_eq!(value_of(&html, "#new-name").as_deref(), Some("Noor Haddad"));
    let document = Html::parse_document(&html);
    let hr = document.select(&Selector::parse("input[name=is_hr]").unwrap()).next().unwrap();
    assert!(hr.value().attr("checked").is_some(), "the ticked role stays ticked");
}

#[tokio::test]
async fn admin_saves_land_on_their_section_and_say_what_changed() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    let lena = app.add_person("lena@example.org", "Lena Fischer", Person::default()).await;
    let admin = app.signed_in("admin@example.org").await;
    let person_page = format!("/admin/users/{lena}");
    for (page_path, path, form, location, message) in [
        (
            person_page.as_str(),
            "/api/admin/set_roles",
            vec![("person_id", lena.to_string()), ("is_hr", "on".into())],
            format!("{person_page}#roles-heading"),
            "Saved. Roles updated.",
        ),
        (
            person_page.as_str(),
            "/api/admin/erase_plans",
            vec![("person_id", lena.to_string()), ("confirm", "on".into())],
            format!("{person_page}#erase-heading"),
            "Erased 0 recovery plans of Lena Fischer, for good.",
        ),
        (
            "/admin/org",
            "/api/admin/create_department",
            vec![("name", "Client Services".into())],
            "/admin/org#departments-heading".to_owned(),
            "Department \u{201c}Client Services\u{201d} created.",
        ),
        (
            "/admin/settings",
            "/api/admin/save_settings",
            vec![
                ("organisation_name", "Acme".into()),
                ("privacy_k", "5".into()),
                ("retention_days", "365".into()),
                ("occupational_health", "".into()),
                ("employee_assistance", "".into()),
                ("professional", "".into()),
            ],
            "/admin/settings#content".to_owned(),
            "Settings saved: organisation name: not set",
        ),
    ] {
        let form: Vec<(&str, &str)> = form.iter().map(|(name, value)| (*name, value.as_str())).collect();
        let saved = browser_post(&app, &admin, page_path, path, &form).await;
        assert_eq!(saved.headers()["location"].to_str().unwrap(), location, "{path}");
        let html = page(&app, &admin, page_path).await;
        assert!(html.contains(message), "{path}: {message}");
        assert!(!page(&app, &admin, page_path).await.contains(message), "{path}: shown once");
    }
}

#[tokio::test]
async fn text_over_the_limit_is_refused_whole_never_cut() {
    let app = TestApp::spawn().await;
    let maya_id = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    let sam_id = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(maya_id), ..Person::default() }).await;
    let maya = app.signed_in("maya@example.org").await;
    let new_plan = format!("/plans/new?employee={sam_id}");
    let html = page(&app, &maya, &new_plan).await;
    assert!(!html.contains("maxlength=\"4000\""), "the browser does not cut a paste short");
    let pasted = "x".repeat(10_000);
    let event_date = (Utc::now().date_naive() - Duration::days(3)).to_string();
    let refused = browser_post(
        &app,
        &maya,
        &new_plan,
        "/api/plans/create",
        &[
            ("employee_id", &sam_id.to_string()),
            ("event_title", "Demo stalled"),
            ("event_date", &event_date),
            ("event_kind", "other"),
            ("event_visibility", "private"),
            ("what_happened", &pasted),
            ("what_is_known", ""),
            ("open_questions", ""),
            ("technical_fix", ""),
            ("communication_change", ""),
        ],
    )
    .await;
    let html = followed(&app, &maya, &refused).await;
    assert!(html.contains("at most 4000 characters"), "the limit is named");
    assert_eq!(value_of(&html, "#what_happened").map(|text| text.len()), Some(10_000), "the whole text comes back to shorten");
    assert!(html.contains("6000 characters over the limit of 4000"), "and says how far over it is");
    let plans: i64 = on_pool!(&app.state().pool, |p| sqlx::query_scalar("SELECT COUNT(*) FROM plans").fetch_one(p).await).unwrap();
    assert_eq!(plans, 0, "nothing was saved");
}

#[tokio::test]
async fn a_refused_plan_from_a_template_keeps_every_row_as_typed() {
    let app = TestApp::spawn().await;
    let maya_id = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    let sam_id = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(maya_id), ..Person::default() }).await;
    let maya = app.signed_in("maya@example.org").await;
    let new_plan = format!("/plans/new?employee={sam_id}&template=outcome-only-feedback");
    let today = Utc::now().date_naive();
    let (yesterday, soon) = ((today - Duration::days(1)).to_string(), (today + Duration::days(9)).to_string());
    let mut form: Vec<(String, String)> = [
        ("employee_id", sam_id.to_string()),
        ("event_title", "Review went badly".into()),
        ("event_date", yesterday.clone()),
        ("event_kind", "outcome-only-feedback".into()),
        ("event_visibility", "private".into()),
        ("what_happened", String::new()),
        ("what_is_known", String::new()),
        ("open_questions", String::new()),
        ("technical_fix", String::new()),
        ("communication_change", String::new()),
        ("small_win", "Fix one point".into()),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_owned(), value))
    .collect();
    // Row 1 is the template's micro-experiment: its risk set to high, its hypothesis cleared,
    // which the form refuses.
    for (index, kind, title, hypothesis, risk) in
        [(0, "practice", "Three behaviours", "", ""), (1, "micro_experiment", "One small change", "", "high"), (2, "shadowing", "Shadow Ana", "", "")]
    {
        for (name, value) in
            [("task_kinds", kind), ("task_titles", title), ("task_due", soon.as_str()), ("task_colleagues", ""), ("task_hypotheses", hypothesis), ("task_risks", risk)]
        {
            form.push((format!("{name}[{index}]"), value.to_owned()));
        }
    }
    let form: Vec<(&str, &str)> = form.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
    let refused = browser_post(&app, &maya, &new_plan, "/api/plans/create", &form).await;
    assert!(refused.status().is_redirection(), "{}", refused.status());
    let html = followed(&app, &maya, &refused).await;
    let document = Html::parse_document(&html);
    let beside = document.select(&Selector::parse("#starter-task-hypothesis-1-problem").unwrap()).next().expect("the message beside the row's hypothesis");
    assert!(beside.text().collect::<String>().contains("needs a hypothesis"), "the refusal says why, beside the field");
    let field = document.select(&Selector::parse("#starter-task-hypothesis-1").unwrap()).next().unwrap();
    assert_eq!(field.value().attr("aria-invalid"), Some("true"));
    assert!(field.value().attr("autofocus").is_some(), "the refused field takes the focus");
    assert_eq!(value_of(&html, "#starter-task-1").as_deref(), Some("One small change"));
    assert_eq!(value_of(&html, "#starter-task-hypothesis-1").as_deref(), Some(""), "the cleared hypothesis stays cleared");
    assert_eq!(value_of(&html, "#starter-task-risk-1 option[selected]").as_deref(), Some("high"), "the risk chosen stays chosen");
    assert_eq!(value_of(&html, "#starter-task-2").as_deref(), Some("Shadow Ana"));
    assert_eq!(value_of(&html, "#starter-win").as_deref(), Some("Fix one point"));
}

#[tokio::test]
async fn a_refused_close_opens_the_close_form_again_with_its_message() {
    let app = TestApp::spawn().await;
    let maya_id = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    let sam_id = app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(maya_id), ..Person::default() }).await;
    let maya = app.signed_in("maya@example.org").await;
    let event_date = (Utc::now().date_naive() - Duration::days(3)).to_string();
    let plan = app
        .post_ok(
            &maya,
            "/api/plans/create",
            &[
                ("employee_id", &sam_id.to_string()),
                ("event_title", "Demo stalled"),
                ("event_date", &event_date),
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
    app.post_ok(&maya, "/api/plans/status", &[("plan_id", &plan), ("action", "activate")]).await;
    let plan_page = format!("/plans/{plan}");
    let open_close_form = |html: &str| Html::parse_document(html).select(&Selector::parse("details.danger-zone[open]").unwrap()).next().is_some();
    assert!(!open_close_form(&page(&app, &maya, &plan_page).await), "the close form starts folded");
    let refused = browser_post(&app, &maya, &plan_page, "/api/plans/status", &[("plan_id", &plan), ("action", "close"), ("outcome", "recovered")]).await;
    let html = followed(&app, &maya, &refused).await;
    assert!(open_close_form(&html), "the refused close is open again");
    assert!(html.contains("Tick the box to confirm you want to close the plan"));
    let view: serde_json::Value = serde_json::from_str(&app.post_ok(&maya, "/api/plans/get", &[("plan_id", &plan)]).await).unwrap();
    assert_eq!(view["status"], "Active", "and the plan stays open");
}
