//! The command line: `serve` (the default), `migrate`, `user create`, `demo-seed`, `backup`,
//! `restore`, `migrate-data`.

pub mod migrate_data;
pub mod restore;

use crate::model::validation::{validate_email, validate_name};
use crate::server::AppState;
use crate::server::auth::password::Hasher;
use crate::server::auth::policy::check_new_password;
use crate::server::clock::SystemClock;
use crate::server::config::{Config, DEFAULT_DATABASE_URL};
use crate::server::db::{self, audit::AuditEvent};
use crate::server::error::{CliError, failed};
use clap::{Parser, Subcommand};
use leptos::prelude::LeptosOptions;
use std::io::Read as _;
use std::net::SocketAddr;
use std::sync::Arc;

/// Rebound: private recovery plans that help a manager bring an employee's confidence back.
#[derive(Debug, Parser)]
#[command(name = "rebound", version)]
pub struct Cli {
    /// The database, as sqlite://path.
    #[arg(long, global = true, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database: String,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (the default).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Manage people.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Fill a separate database with an invented demo organisation and print its sign-ins.
    DemoSeed {
        /// Instead of the small demo, a large synthetic organisation with this many employees.
        #[arg(long)]
        employees: Option<usize>,
        /// Plans in the large organisation.
        #[arg(long, default_value_t = 20_000, requires = "employees")]
        plans: usize,
        /// Check-ins in the large organisation.
        #[arg(long = "check-ins", default_value_t = 100_000, requires = "employees")]
        check_ins: usize,
    },
    /// Write a consistent copy of the database to FILE, safe while the server runs.
    Backup {
        /// Where to write the copy; must not exist yet.
        file: String,
    },
    /// Replace the database with a backup after checking it. Stop the server first.
    Restore {
        /// A file written by `rebound backup`.
        file: String,
    },
    /// Copy every row of a Rebound database into another, empty one (for example from SQLite to
    /// PostgreSQL), checking each table's count and checksum. The source is only read.
    MigrateData {
        /// The database to copy, as a URL (sqlite://… or postgres://…).
        #[arg(long)]
        from: String,
        /// The empty database to copy into, as a URL; migrated first.
        #[arg(long)]
        to: String,
    },
}

/// People commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a person; reads their password from standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Email of their manager, who must already exist.
        #[arg(long)]
        manager: Option<String>,
        /// Their department, created when missing.
        #[arg(long)]
        department: Option<String>,
        /// Grant the hr role.
        #[arg(long)]
        hr: bool,
        /// Grant the admin role.
        #[arg(long)]
        admin: bool,
    },
}

impl Cli {
    /// Whether this is the `serve` command (also what runs when no command is given).
    pub fn serves(&self) -> bool {
        matches!(self.command, None | Some(Command::Serve { .. }))
    }
}

/// Runs the command line; returns a message for a non-zero exit on failure. `router` builds the
/// app's routes for `serve` (the binary hands over `app::router`: the server never imports the
/// pages).
pub async fn run(cli: Cli, router: fn(AppState) -> axum::Router) -> Result<(), CliError> {
    let config = Config::new(cli.database.clone()).with_environment()?;
    match cli.command.unwrap_or(Command::Serve { addr: default_address()? }) {
        Command::Serve { addr } => {
            // Links in emails name the address served, unless the operator named a public one.
            let config = if std::env::var("REBOUND_PUBLIC_URL").is_err() { Config { public_url: format!("http://{addr}"), ..config } } else { config };
            let options = leptos_options(addr)?;
            let state = crate::server::http::startup::build_state(config, options, Arc::new(SystemClock)).await?;
            let app = router(state.clone());
            crate::server::http::startup::serve(state, addr, app).await
        }
        Command::Migrate => {
            let pool = open(&config).await?;
            pool.close().await;
            println!("The database {} is up to date.", config.database_shown());
            Ok(())
        }
        Command::User { command: UserCommand::Create { email, name, manager, department, hr, admin } } => {
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password).map_err(failed("cannot read the password from standard input"))?;
            let password = password.trim_end_matches(['\r', '\n']).to_owned();
            create_user(&config, &email, &name, manager.as_deref(), department.as_deref(), hr, admin, password).await
        }
        Command::DemoSeed { employees: None, .. } => crate::server::seed::demo::seed(&config).await,
        Command::DemoSeed { employees: Some(employees), plans, check_ins } => crate::server::seed::synthetic::seed(&config, employees, plans, check_ins).await,
        Command::MigrateData { from, to } => {
            let started = std::time::Instant::now();
            let copied = crate::server::cli::migrate_data::run(&from, &to, &config.pool).await?;
            println!("{:<22} {:>9}  sha-256 of the rows", "table", "rows");
            for table in &copied {
                println!("{:<22} {:>9}  {}", table.table, table.rows, table.checksum);
            }
            let rows: u64 = copied.iter().map(|table| table.rows).sum();
            println!("Copied {rows} rows from {from} to {to} in {:.1} s; every table's count and checksum match. The source was not changed.", started.elapsed().as_secs_f64());
            Ok(())
        }
        Command::Restore { file } => {
            let replaced = crate::server::cli::restore::restore_from(&config.database_url, &file).await?;
            println!("Restored {file} into {}.", config.database_shown());
            if let Some(previous) = replaced {
                println!("The database it replaced is kept as {previous}.");
            }
            Ok(())
        }
        Command::Backup { file } => {
            if std::path::Path::new(&file).exists() {
                return Err(CliError::from(format!("{file} already exists; choose a new file name.")));
            }
            let pool = open(&config).await?;
            let Some(done) = db::maintenance::backup_into(&pool, &file).await else {
                return Err(CliError::from(format!(
                    "{} is a PostgreSQL database: back it up with PostgreSQL's own tools, for example `pg_dump --format=custom --file={file} '{}'`, and restore with `pg_restore`.",
                    config.database_shown(),
                    config.database_shown()
                )));
            };
            done.map_err(failed("backup failed"))?;
            pool.close().await;
            println!("Backed up {} to {file}.", config.database_shown());
            Ok(())
        }
    }
}

fn default_address() -> Result<SocketAddr, CliError> {
    let text = std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
    text.parse().map_err(|_| CliError::Refused(format!("LEPTOS_SITE_ADDR is not an address like 127.0.0.1:3000: {text:?}")))
}

/// Leptos's site settings: from Cargo.toml when run from the repository (as cargo-leptos does),
/// otherwise from the `LEPTOS_*` environment with our defaults.
pub fn leptos_options(addr: SocketAddr) -> Result<LeptosOptions, CliError> {
    let from_manifest = std::path::Path::new("Cargo.toml").exists().then(|| leptos::config::get_configuration(Some("Cargo.toml")).ok()).flatten();
    let mut options = match from_manifest {
        Some(configuration) => configuration.leptos_options,
        None => LeptosOptions::builder()
            .output_name(std::env::var("LEPTOS_OUTPUT_NAME").unwrap_or_else(|_| "rebound".into()))
            .site_root(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
            .site_pkg_dir(std::env::var("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|_| "pkg".into()))
            .build(),
    };
    options.site_addr = addr;
    Ok(options)
}

async fn open(config: &Config) -> Result<db::Pool, CliError> {
    let pool = db::connect(&config.database_url, &config.pool).await.map_err(failed(format!("cannot open {}", config.database_shown())))?;
    db::migrate(&pool).await.map_err(failed(format!("cannot migrate {}", config.database_shown())))?;
    Ok(pool)
}

#[allow(clippy::too_many_arguments)]
async fn create_user(config: &Config, email: &str, name: &str, manager: Option<&str>, department: Option<&str>, hr: bool, admin: bool, password: String) -> Result<(), CliError> {
    validate_email(email)?;
    validate_name("name", name)?;
    if let Some(department) = department {
        validate_name("department name", department)?;
    }
    check_new_password(&password, email, name)?;
    let pool = open(config).await?;
    let hash = Hasher::new(1).hash(password).await?;
    let now = crate::server::clock::now();
    let mut tx = pool.begin_write().await?;
    let manager_id = match manager {
        Some(manager) => Some(db::users::id_by_email(&mut tx, manager).await?.ok_or_else(|| format!("No person has the email {manager}; create the manager first."))?),
        None => None,
    };
    let department_id = match department {
        Some(department) => Some(db::departments::find_or_create(&mut tx, now, department).await?),
        None => None,
    };
    let id = crate::server::people::insert(
        &mut tx,
        now,
        &db::users::NewPerson { email, display_name: name, password_hash: &hash, must_change_password: false, is_hr: hr, is_admin: admin, department_id, manager_id: None },
    )
    .await?;
    crate::server::people::set_manager(&mut tx, now, id, manager_id).await?;
    db::audit::record(&mut tx, now, AuditEvent::new(None, crate::model::AuditAction::PersonCreated).on_person(id).detail("cli")).await?;
    tx.commit().await?;
    pool.close().await;
    println!("Created {name} <{email}> (id {id}).");
    Ok(())
}
