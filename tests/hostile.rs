//! Hostile input: random and malformed requests to every server function. Whatever arrives, the
//! server answers with a 4xx and a readable message (never a 5xx), and a refused request changes
//! nothing in the database.

mod common;

use chrono::{Duration, Utc};
use common::{Person, TestApp};
use reqwest::{Client, StatusCode};

/// A tiny deterministic generator so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }

    fn pick<'a>(&mut self, options: &'a [String]) -> &'a str {
        &options[self.below(options.len())]
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Id,
    Text,
    Date,
    Rating,
    Word,
    Flag,
}

/// Every server function that takes input, with its fields.
const ENDPOINTS: &[(&str, &[(&str, Kind)])] = &[
    ("/api/change_password", &[("current_password", Kind::Text), ("new_password", Kind::Text), ("confirm_password", Kind::Text)]),
    ("/api/setup", &[("token", Kind::Text), ("display_name", Kind::Text), ("email", Kind::Text), ("password", Kind::Text), ("confirm_password", Kind::Text)]),
    ("/api/admin/people", &[("search", Kind::Text)]),
    ("/api/admin/person", &[("person_id", Kind::Id)]),
    (
        "/api/admin/create_person",
        &[("email", Kind::Text), ("display_name", Kind::Text), ("department_id", Kind::Id), ("manager_email", Kind::Text), ("is_hr", Kind::Flag), ("is_admin", Kind::Flag)],
    ),
    ("/api/admin/set_reporting", &[("person_id", Kind::Id), ("manager_email", Kind::Text), ("department_id", Kind::Id)]),
    ("/api/admin/set_roles", &[("person_id", Kind::Id), ("is_hr", Kind::Flag), ("is_admin", Kind::Flag)]),
    ("/api/admin/set_active", &[("person_id", Kind::Id), ("active", Kind::Flag)]),
    ("/api/admin/reset_password", &[("person_id", Kind::Id)]),
    ("/api/admin/import_people", &[("csv", Kind::Text)]),
    ("/api/admin/create_department", &[("name", Kind::Text)]),
    (
        "/api/admin/save_settings",
        &[
            ("organisation_name", Kind::Text),
            ("privacy_k", Kind::Rating),
            ("retention_days", Kind::Id),
            ("occupational_health", Kind::Text),
            ("employee_assistance", Kind::Text),
            ("professional", Kind::Text),
        ],
    ),
    ("/api/admin/erase_plans", &[("person_id", Kind::Id), ("confirm", Kind::Flag)]),
    ("/api/admin/audit", &[("action", Kind::Word), ("since", Kind::Date), ("until", Kind::Date)]),
    ("/api/plans/candidate", &[("employee_id", Kind::Id)]),
    ("/api/today", &[]),
    ("/api/account", &[]),
    ("/api/account/email", &[("reminders", Kind::Flag), ("shared", Kind::Flag), ("digest", Kind::Flag), ("time_zone", Kind::Word)]),
    ("/api/unsubscribe", &[("token", Kind::Text)]),
    ("/api/account/calendar_reset", &[]),
    ("/api/account/calendar_off", &[]),
    (
        "/api/plans/create",
        &[
            ("employee_id", Kind::Id),
            ("event_title", Kind::Text),
            ("event_date", Kind::Date),
            ("event_kind", Kind::Word),
            ("event_visibility", Kind::Word),
            ("what_happened", Kind::Text),
            ("what_is_known", Kind::Text),
            ("open_questions", Kind::Text),
            ("technical_fix", Kind::Text),
            ("communication_change", Kind::Text),
        ],
    ),
    ("/api/plans/get", &[("plan_id", Kind::Id), ("history", Kind::Word)]),
    (
        "/api/plans/debrief",
        &[
            ("plan_id", Kind::Id),
            ("event_title", Kind::Text),
            ("event_date", Kind::Date),
            ("event_kind", Kind::Word),
            ("event_visibility", Kind::Word),
            ("what_happened", Kind::Text),
            ("what_is_known", Kind::Text),
            ("open_questions", Kind::Text),
            ("technical_fix", Kind::Text),
            ("communication_change", Kind::Text),
        ],
    ),
    ("/api/plans/status", &[("plan_id", Kind::Id), ("action", Kind::Word), ("outcome", Kind::Word)]),
    ("/api/plans/small_win", &[("plan_id", Kind::Id), ("title", Kind::Text), ("due_date", Kind::Date)]),
    ("/api/plans/small_win_done", &[("plan_id", Kind::Id), ("win_id", Kind::Id), ("recognition", Kind::Word)]),
    (
        "/api/plans/task",
        &[
            ("plan_id", Kind::Id),
            ("kind", Kind::Word),
            ("title", Kind::Text),
            ("colleague", Kind::Text),
            ("hypothesis", Kind::Text),
            ("risk_level", Kind::Word),
            ("due_date", Kind::Date),
        ],
    ),
    ("/api/plans/task_progress", &[("plan_id", Kind::Id), ("task_id", Kind::Id), ("status", Kind::Word), ("result", Kind::Text)]),
    ("/api/plans/milestone", &[("plan_id", Kind::Id), ("title", Kind::Text), ("target_date", Kind::Date)]),
    ("/api/plans/milestone_reached", &[("plan_id", Kind::Id), ("milestone_id", Kind::Id), ("reached_on", Kind::Date)]),
    ("/api/plans/goal", &[("plan_id", Kind::Id), ("goal", Kind::Text), ("usual_scope", Kind::Text), ("temporary_scope", Kind::Text), ("restore_by", Kind::Date)]),
    (
        "/api/plans/check_in",
        &[
            ("plan_id", Kind::Id),
            ("held_on", Kind::Date),
            ("self_confidence", Kind::Rating),
            ("observed_readiness", Kind::Rating),
            ("shared_summary", Kind::Text),
            ("private_note", Kind::Text),
            ("next_check_in", Kind::Date),
        ],
    ),
    ("/api/plans/self_assessment", &[("plan_id", Kind::Id), ("check_in_id", Kind::Id), ("self_confidence", Kind::Rating), ("reflection", Kind::Text)]),
    ("/api/plans/private_note", &[("plan_id", Kind::Id), ("body", Kind::Text)]),
    ("/api/plans/support_flag", &[("plan_id", Kind::Id), ("flagged", Kind::Flag)]),
    ("/api/plans/keep", &[("plan_id", Kind::Id), ("keep", Kind::Flag)]),
];

fn values(kind: Kind) -> Vec<String> {
    let today = Utc::now().date_naive();
    let hostile = vec![
        String::new(),
        "   ".into(),
        "\u{0}\u{7}\u{1b}[31m".into(),
        "x".repeat(20_000),
        "<script>alert(1)</script>".into(),
        "'; DROP TABLE users; --".into(),
        "ünïcödé 🙃".into(),
        "-1".into(),
        "99999999999999999999999".into(),
        "NaN".into(),
    ];
    let specific: Vec<String> = match kind {
        Kind::Id => vec!["1".into(), "2".into(), "3".into(), "4".into(), "5".into(), "999999".into(), "0".into(), "1.5".into()],
        Kind::Text => vec!["A plain title".into(), "careless".into(), "a@b.co".into(), "email,name,department,manager_email,roles\nx@y.org,X,,,".into()],
        Kind::Date => vec![
            today.to_string(),
            (today - Duration::days(1)).to_string(),
            (today + Duration::days(1)).to_string(),
            "0000-01-01".into(),
            "9999-12-31".into(),
            "2026-02-30".into(),
            "2026-13-01".into(),
            "yesterday".into(),
        ],
        Kind::Rating => vec!["1".into(), "5".into(), "0".into(), "6".into(), "3.5".into(), "".into()],
        Kind::Word => vec![
            "activate".into(),
            "close".into(),
            "reopen".into(),
            "recovered".into(),
            "team".into(),
            "paired_work".into(),
            "done".into(),
            "public".into(),
            "other".into(),
            "sign_in".into(),
            "low".into(),
        ],
        Kind::Flag => vec!["on".into(), "true".into(), "false".into(), "off".into(), "yes".into()],
    };
    specific.into_iter().chain(hostile).collect()
}

/// A summary of everything a request could change.
async fn fingerprint(app: &TestApp) -> Vec<(i64, Option<String>)> {
    let mut print = Vec::new();
    for (table, stamp) in [
        ("users", "updated_at"),
        ("departments", "created_at"),
        ("plans", "updated_at"),
        ("small_wins", "COALESCE(done_on, created_at)"),
        ("plan_tasks", "updated_at"),
        ("milestones", "COALESCE(reached_on, created_at)"),
        ("goal_recalibrations", "created_at"),
        ("check_ins", "updated_at"),
        ("private_notes", "created_at"),
        ("plan_events", "occurred_at"),
        ("settings", "value"),
    ] {
        let sql = format!("SELECT COUNT(*), MAX(CAST({stamp} AS TEXT)) FROM {table}");
        let row: (i64, Option<String>) = on_pool!(&app.state().pool, |p| sqlx::query_as(&sql).fetch_one(p).await).unwrap();
        print.push(row);
    }
    print
}

#[tokio::test]
async fn random_and_malformed_requests_get_clear_4xx_answers_and_change_nothing_when_refused() {
    let app = TestApp::spawn().await;
    app.add_person("admin@example.org", "Ada Admin", Person { admin: true, ..Person::default() }).await;
    let manager = app.add_person("maya@example.org", "Maya Chen", Person::default()).await;
    app.add_person("sam@example.org", "Sam Rivera", Person { manager: Some(manager), ..Person::default() }).await;
    app.add_person("hr@example.org", "Hana HR", Person { hr: true, ..Person::default() }).await;
    let clients: Vec<Client> = vec![
        app.client(),
        app.signed_in("admin@example.org").await,
        app.signed_in("maya@example.org").await,
        app.signed_in("sam@example.org").await,
        app.signed_in("hr@example.org").await,
    ];
    let mut random = Lcg(20261129);
    let cases = std::env::var("REBOUND_HOSTILE_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(600);
    let mut refused = 0;
    for case in 0..cases {
        let (path, fields) = ENDPOINTS[random.below(ENDPOINTS.len())];
        let client = &clients[random.below(clients.len())];
        let mut form: Vec<(String, String)> = Vec::new();
        for (name, kind) in fields.iter() {
            match random.below(10) {
                0 => continue,                                                              // missing field
                1 => form.push((name.to_string(), random.pick(&values(*kind)).to_owned())), // and a repeat
                _ => {}
            }
            form.push((name.to_string(), random.pick(&values(*kind)).to_owned()));
        }
        if random.below(8) == 0 {
            form.push(("unexpected[0][x]".into(), "junk".into()));
        }
        let before = fingerprint(&app).await;
        let response = client.post(app.url(path)).form(&form).send().await.expect("the server answers");
        let status = response.status();
        let body = response.text().await.unwrap_or_default();
        assert!(!status.is_server_error(), "case {case}: {path} {form:?} -> {status} {body}");
        if status.is_client_error() {
            refused += 1;
            assert!(!body.trim().is_empty() && body.len() < 10_000, "case {case}: {path} -> {status} without a clear message");
            assert!(!body.contains("panicked") && !body.to_lowercase().contains("sqlx"), "case {case}: internals leaked: {body}");
            assert_eq!(fingerprint(&app).await, before, "case {case}: refused {path} {form:?} changed the database");
        }
    }
    assert!(refused > cases / 2, "most hostile requests are refused ({refused} of {cases})");
    // The server is still healthy afterwards.
    assert_eq!(clients[0].get(app.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
}
