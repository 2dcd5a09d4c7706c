//! `rebound demo-seed`: an invented organisation for trying Rebound out, in its own database.

use crate::server::auth::password::Hasher;
use crate::server::config::Config;
use crate::server::db::{self, settings};

/// The password every demo person signs in with.
pub const DEMO_PASSWORD: &str = "rebound-demo-2026";

/// The demo organisation: (email, name, department, manager email, hr, admin).
pub const DEMO_PEOPLE: &[(&str, &str, Option<&str>, Option<&str>, bool, bool)] = &[
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
pub async fn seed(config: &Config) -> Result<(), String> {
    let fail = |error: sqlx::Error| format!("demo seed failed: {error}");
    let pool = db::connect(&config.database_url).await.map_err(fail)?;
    db::migrate(&pool).await.map_err(|error| format!("cannot migrate: {error}"))?;
    let is_demo = settings::get(&pool, settings::DEMO_DATA).await.map_err(fail)?.is_some();
    let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&pool).await.map_err(fail)?;
    if people > 0 && !is_demo {
        return Err(format!("{} holds real people; demo data goes into its own database (make demo uses sqlite://data/demo.db).", config.database_url));
    }
    pool.close().await;
    if people > 0 {
        remove_database_files(&config.database_url)?;
    }
    let pool = db::connect(&config.database_url).await.map_err(fail)?;
    db::migrate(&pool).await.map_err(|error| format!("cannot migrate: {error}"))?;
    let hash = Hasher::new(1).hash(DEMO_PASSWORD.into()).await.map_err(|error| error.to_string())?;
    let now = chrono::Utc::now();
    let to_text = |error: crate::model::AppError| error.to_string();
    let mut tx = pool.begin().await.map_err(fail)?;
    for (email, name, department, _, is_hr, is_admin) in DEMO_PEOPLE {
        let department_id = match department {
            Some(department) => Some(db::departments::find_or_create(&mut tx, now, department).await.map_err(to_text)?),
            None => None,
        };
        db::users::insert(&mut tx, now, &db::users::NewPerson {
            email,
            display_name: name,
            password_hash: &hash,
            must_change_password: false,
            is_hr: *is_hr,
            is_admin: *is_admin,
            department_id,
            manager_id: None,
        })
        .await
        .map_err(to_text)?;
    }
    for (email, _, _, manager, _, _) in DEMO_PEOPLE {
        if let Some(manager) = manager {
            let person = db::users::id_by_email(&mut tx, email).await.map_err(fail)?.ok_or("demo person missing")?;
            let manager = db::users::id_by_email(&mut tx, manager).await.map_err(fail)?.ok_or("demo manager missing")?;
            db::users::set_manager(&mut tx, now, person, Some(manager)).await.map_err(to_text)?;
        }
    }
    settings::set(&mut tx, settings::DEMO_DATA, "1").await.map_err(fail)?;
    settings::set(&mut tx, settings::ORGANISATION_NAME, "Northwind Demo").await.map_err(fail)?;
    tx.commit().await.map_err(fail)?;
    pool.close().await;
    println!("Demo organisation written to {}.", config.database_url);
    println!("Every demo person signs in with the password: {DEMO_PASSWORD}");
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

fn remove_database_files(url: &str) -> Result<(), String> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{path}{suffix}");
        if std::path::Path::new(&file).exists() {
            std::fs::remove_file(&file).map_err(|error| format!("cannot replace the old demo database {file}: {error}"))?;
        }
    }
    Ok(())
}
