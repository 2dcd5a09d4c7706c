//! `rebound demo-seed`: an invented organisation for trying Rebound out, in its own database.

use crate::server::auth::password::Hasher;
use crate::server::config::Config;
use crate::server::db::{self, settings};
use crate::server::error::{CliError, failed};

/// The password every demo person signs in with.
pub const DEMO_PASSWORD: &str = "rebound-demo-2026";

/// One demo person: (email, name, department, manager email, hr, admin).
pub type DemoPerson = (&'static str, &'static str, Option<&'static str>, Option<&'static str>, bool, bool);

/// The demo organisation.
pub const DEMO_PEOPLE: &[DemoPerson] = &[
    ("admin@demo.rebound", "Adele Admin", None, None, false, true),
    ("hr@demo.rebound", "Hiro Hayashi", None, None, true, false),
    ("maya@demo.rebound", "Maya Chen", Some("Analytics"), None, false, false),
    ("tom@demo.rebound", "Tom Okafor", Some("Client Services"), None, false, false),
    ("sam@demo.rebound", "Sam Rivera", Some("Analytics"), Some("maya@demo.rebound"), false, false),
    ("lena@demo.rebound", "Lena Fischer", Some("Analytics"), Some("maya@demo.rebound"), false, false),
    ("omar@demo.rebound", "Omar Haddad", Some("Analytics"), Some("maya@demo.rebound"), false, false),
    ("priya@demo.rebound", "Priya Nair", Some("Analytics"), Some("maya@demo.rebound"), false, false),
    ("jonas@demo.rebound", "Jonas Berg", Some("Client Services"), Some("tom@demo.rebound"), false, false),
    ("ines@demo.rebound", "Ines Duarte", Some("Client Services"), Some("tom@demo.rebound"), false, false),
    ("kofi@demo.rebound", "Kofi Mensah", Some("Client Services"), Some("tom@demo.rebound"), false, false),
    ("mei@demo.rebound", "Mei Tanaka", Some("Client Services"), Some("tom@demo.rebound"), false, false),
];

/// Creates the demo organisation in the configured database, replacing an earlier demo database
/// but refusing to touch one that holds real people.
pub async fn seed(config: &Config) -> Result<(), CliError> {
    let pool = db::connect(&config.database_url, &config.pool).await?;
    db::migrate(&pool).await.map_err(failed("cannot migrate"))?;
    let mut conn = pool.acquire().await?;
    let is_demo = settings::get(&mut conn, settings::DEMO_DATA).await?.is_some();
    let people = db::users::count(&mut conn).await?;
    if people > 0 && !is_demo {
        return Err(CliError::from(format!("{} holds real people; demo data goes into its own database (make demo uses sqlite://data/demo.db).", config.database_shown())));
    }
    // An earlier demo: start again from an empty database (PostgreSQL empties its tables, a
    // SQLite file is removed once nothing has it open).
    drop(conn);
    if people > 0 && pool.kind() == db::EngineKind::Postgres {
        let mut tx = pool.begin_write().await?;
        db::maintenance::empty_every_table(&mut tx).await?;
        tx.commit().await?;
    }
    pool.close().await;
    if people > 0 && pool.kind() == db::EngineKind::Sqlite {
        remove_database_files(&config.database_url)?;
    }
    let pool = db::connect(&config.database_url, &config.pool).await?;
    db::migrate(&pool).await.map_err(failed("cannot migrate"))?;
    let hash = Hasher::new(1).hash(DEMO_PASSWORD.into()).await?;
    let now = crate::server::clock::now();
    let mut tx = pool.begin_write().await?;
    for (email, name, department, _, is_hr, is_admin) in DEMO_PEOPLE {
        let department_id = match department {
            Some(department) => Some(db::departments::find_or_create(&mut tx, now, department).await?),
            None => None,
        };
        crate::server::people::insert(
            &mut tx,
            now,
            &db::users::NewPerson {
                email,
                display_name: name,
                password_hash: &hash,
                must_change_password: false,
                is_hr: *is_hr,
                is_admin: *is_admin,
                department_id,
                manager_id: None,
            },
        )
        .await?;
    }
    for (email, _, _, manager, _, _) in DEMO_PEOPLE {
        if let Some(manager) = manager {
            let person = db::users::id_by_email(&mut tx, email).await?.ok_or("demo person missing")?;
            let manager = db::users::id_by_email(&mut tx, manager).await?.ok_or("demo manager missing")?;
            crate::server::people::set_manager(&mut tx, now, person, Some(manager)).await?;
        }
    }
    seed_scenario_plan(&mut tx, now).await?;
    settings::set(&mut tx, settings::DEMO_DATA, "1").await?;
    settings::set(&mut tx, settings::ORGANISATION_NAME, "Northwind Demo").await?;
    tx.commit().await?;
    pool.close().await;
    println!("Demo organisation written to {}.", config.database_shown());
    println!("Every demo person signs in with the password: {DEMO_PASSWORD}");
    println!("Sam Rivera has an active recovery plan (manager: Maya Chen) after a failed client demo.");
    for (email, name, department, manager, is_hr, is_admin) in DEMO_PEOPLE {
        let role = match (is_admin, is_hr, manager) {
            (true, _, _) => "admin".to_owned(),
            (_, true, _) => "hr".to_owned(),
            (_, _, Some(manager)) => format!("reports to {manager}"),
            _ => "manager".to_owned(),
        };
        println!("  {email:<22} {name:<14} {:<16} {role}", department.unwrap_or("-"));
    }
    Ok(())
}

/// The playbook's scenario: a senior analyst's client demo failed and they stopped proposing ideas.
async fn seed_scenario_plan(conn: &mut db::Conn, now: chrono::DateTime<chrono::Utc>) -> Result<(), crate::model::AppError> {
    use crate::model::*;
    use chrono::Duration;
    let today = now.date_naive();
    let sam = db::users::id_by_email(conn, "sam@demo.rebound").await?.ok_or(AppError::Internal)?;
    let maya = db::users::id_by_email(conn, "maya@demo.rebound").await?.ok_or(AppError::Internal)?;
    let event_date = today - Duration::days(16);
    let fields = crate::model::EventAndDebrief {
        event: PlanEvent { title: "Client demo for Harbour Bank did not land".into(), date: event_date, kind: "public-demo-mistake".into(), visibility: Visibility::Public },
        debrief: Debrief {
            what_happened: "The live forecast demo failed to load the client's data set and the Q&A ran over time.".into(),
            what_is_known: "The data extract was refreshed the night before and its schema had changed.".into(),
            open_questions: "Who owns the pre-demo data check?".into(),
            drivers: vec!["environmental".into(), "process".into()],
            technical_fix: "Run the demo against a frozen, validated snapshot of the client data.".into(),
            communication_change: "Open with a two-minute agenda and park detailed questions for the follow-up.".into(),
        },
    };
    let at = |days_ago: i64| now - Duration::days(days_ago);
    let plan = db::plans::insert_plan(conn, at(15), sam, maya, &fields).await?;
    db::plans::add_timeline_line(conn, plan, at(15), Some(maya), "Plan opened as a draft", false).await?;
    db::plans::set_status(conn, at(14), plan, PlanStatus::Active, None).await?;
    db::plans::add_timeline_line(conn, plan, at(14), Some(maya), "Plan activated and shared with the employee", false).await?;
    let win =
        db::plans::insert_small_win(conn, at(14), plan, "Send the client a short follow-up note with the corrected forecast", add_working_days(today - Duration::days(14), 5))
            .await?;
    db::plans::complete_small_win(conn, plan, win, Recognition::Team, today - Duration::days(11)).await?;
    db::plans::add_timeline_line(conn, plan, at(11), Some(sam), "Small win done (recognised in the team)", false).await?;
    let task = |kind, title: &str, colleague: &str, due| PlanTask {
        id: 0,
        kind,
        title: title.into(),
        colleague: colleague.into(),
        hypothesis: String::new(),
        risk_level: None,
        result: String::new(),
        due_date: Some(due),
        status: TaskStatus::InProgress,
    };
    db::plans::insert_task(conn, at(14), plan, &task(TaskKind::PairedWork, "Co-present the next client demo", "Lena Fischer", today + Duration::days(10))).await?;
    db::plans::insert_task(conn, at(14), plan, &task(TaskKind::Practice, "Dry-run the demo with the team on a frozen data snapshot", "", today + Duration::days(5))).await?;
    db::plans::insert_milestone(conn, at(14), plan, "Propose one idea in a client meeting", today + Duration::days(14)).await?;
    for (days_ago, confidence, readiness, summary, next) in [
        (10, 2, 2, "Talked through the demo calmly; agreed the data check is a process gap, not a personal one.", 3),
        (3, 3, 3, "Follow-up note went well; preparing to co-present with Lena.", -4),
    ] {
        let check_in = CheckIn {
            id: 0,
            held_on: today - Duration::days(days_ago),
            self_confidence: Some(confidence),
            observed_readiness: Some(readiness),
            signs: vec!["quieter-in-meetings".into()],
            shared_summary: summary.into(),
            private_note: String::new(),
            next_check_in: Some(today - Duration::days(next)),
            employee_reflection: String::new(),
        };
        db::plans::insert_check_in(conn, at(days_ago), plan, &check_in).await?;
        db::plans::add_timeline_line(conn, plan, at(days_ago), Some(maya), &format!("Check-in held on {}", check_in.held_on.format(crate::model::DAY_FORMAT)), false).await?;
    }
    db::plans::insert_private_note(conn, at(10), plan, "Sam seemed embarrassed to discuss the Q&A; keep the focus on the data process.").await?;
    db::plans::add_timeline_line(conn, plan, at(10), Some(maya), "Private note added", true).await?;
    Ok(())
}

fn remove_database_files(url: &str) -> Result<(), CliError> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{path}{suffix}");
        if std::path::Path::new(&file).exists() {
            std::fs::remove_file(&file).map_err(failed(format!("cannot replace the old demo database {file}")))?;
        }
    }
    Ok(())
}
