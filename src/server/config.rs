//! Server configuration, read once at start from flags and environment variables.

use crate::server::error::CliError;
use chrono::Duration;

/// Default database location, relative to the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/rebound.db";

/// Settings that shape how the server behaves, fixed for the life of the process.
#[derive(Debug, Clone)]
pub struct Config {
    /// The database: `sqlite://path` of a file (created when missing) or `postgres://…` of a
    /// PostgreSQL database (created beforehand, see README "Running on PostgreSQL").
    pub database_url: String,
    /// Pool size and statement timeout (`REBOUND_DATABASE_POOL_SIZE`,
    /// `REBOUND_DATABASE_STATEMENT_TIMEOUT_SECONDS`).
    pub pool: crate::server::db::PoolOptions,
    /// A session ends after this long without a request.
    pub session_idle_timeout: Duration,
    /// A session ends this long after sign-in, however active.
    pub session_lifetime: Duration,
    /// Adds `Secure` and the `__Host-` prefix to the session cookie (serve over HTTPS).
    pub secure_cookies: bool,
    /// How many password hashes may run at once; each takes about 19 MiB and a core.
    pub max_concurrent_hashes: usize,
    /// How long a throttled sign-in attempt waits for its refusal. The wait costs the server
    /// nothing but an open connection, and it stops one connection from sending thousands of
    /// attempts a second that would take processor time from everyone else.
    pub throttled_answer_delay: std::time::Duration,
    /// The SMTP server email goes out through (`REBOUND_SMTP_*`); `None`: no email is sent.
    pub email: Option<crate::server::email::EmailConfig>,
    /// How often the email job looks for due reminders and sends what is queued
    /// (`REBOUND_EMAIL_INTERVAL_SECONDS`).
    pub email_interval: std::time::Duration,
    /// The address people reach Rebound at, for links in emails (`REBOUND_PUBLIC_URL`).
    pub public_url: String,
    /// The organisation's time zone (`REBOUND_TIME_ZONE`, an IANA name; default UTC): reminders go
    /// out at 09:00 in it for everyone who has not chosen their own.
    pub time_zone: chrono_tz::Tz,
}

/// A database URL as messages and logs may show it: any password (`role:secret@`, `?password=`)
/// replaced by `***`. Command output and error messages end up in terminals, CI logs and tickets.
pub fn shown_url(url: &str) -> String {
    let (address, query) = match url.split_once('?') {
        Some((address, query)) => (address, Some(query)),
        None => (url, None),
    };
    let mut shown = match address.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((user_info, host)) => {
                let user = user_info.split_once(':').map_or(user_info, |(user, _)| user);
                let hidden = if user_info.contains(':') { ":***" } else { "" };
                format!("{scheme}://{user}{hidden}@{host}")
            }
            None => address.to_owned(),
        },
        None => address.to_owned(),
    };
    if let Some(query) = query {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                _ => pair.to_owned(),
            })
            .collect();
        shown.push('?');
        shown.push_str(&pairs.join("&"));
    }
    shown
}

impl Config {
    /// The database URL with any password hidden, for messages ([`shown_url`]).
    pub fn database_shown(&self) -> String {
        shown_url(&self.database_url)
    }

    /// Configuration with the documented defaults for the given database.
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            pool: crate::server::db::PoolOptions::default(),
            session_idle_timeout: Duration::minutes(30),
            session_lifetime: Duration::hours(12),
            secure_cookies: false,
            // Hashing is CPU-bound: more at once than there are cores only adds 19 MiB each.
            max_concurrent_hashes: std::thread::available_parallelism().map_or(1, |cores| cores.get().min(4)),
            throttled_answer_delay: std::time::Duration::from_secs(1),
            email: None,
            email_interval: std::time::Duration::from_secs(60),
            public_url: "http://127.0.0.1:3000".into(),
            time_zone: chrono_tz::UTC,
        }
    }

    /// Applies the `REBOUND_*` environment variables on top of the defaults.
    pub fn with_environment(mut self) -> Result<Self, CliError> {
        if let Some(minutes) = env_number("REBOUND_SESSION_IDLE_MINUTES")? {
            self.session_idle_timeout = Duration::minutes(minutes);
        }
        if let Some(hours) = env_number("REBOUND_SESSION_LIFETIME_HOURS")? {
            self.session_lifetime = Duration::hours(hours);
        }
        if let Ok(value) = std::env::var("REBOUND_SECURE_COOKIES") {
            self.secure_cookies = matches!(value.trim(), "1" | "true" | "yes");
        }
        if let Some(count) = env_number("REBOUND_MAX_CONCURRENT_HASHES")? {
            self.max_concurrent_hashes = usize::try_from(count).unwrap_or(1);
        }
        if let Some(size) = env_number("REBOUND_DATABASE_POOL_SIZE")? {
            self.pool.max_connections = u32::try_from(size).unwrap_or(u32::MAX);
        }
        if let Some(seconds) = env_number("REBOUND_DATABASE_STATEMENT_TIMEOUT_SECONDS")? {
            self.pool.statement_timeout = std::time::Duration::from_secs(u64::try_from(seconds).unwrap_or(u64::MAX));
        }
        self.email = crate::server::email::EmailConfig::from_environment()?;
        if let Some(seconds) = env_number("REBOUND_EMAIL_INTERVAL_SECONDS")? {
            self.email_interval = std::time::Duration::from_secs(u64::try_from(seconds).unwrap_or(60));
        }
        if let Ok(url) = std::env::var("REBOUND_PUBLIC_URL") {
            let url = url.trim().trim_end_matches('/').to_owned();
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(CliError::Refused(format!("REBOUND_PUBLIC_URL must start with http:// or https://, not {url:?}")));
            }
            self.public_url = url;
        }
        if let Ok(zone) = std::env::var("REBOUND_TIME_ZONE") {
            self.time_zone = zone.trim().parse().map_err(|_| CliError::Refused(format!("REBOUND_TIME_ZONE must be a time zone name such as Europe/Berlin, not {zone:?}")))?;
        }
        check_database_url(&self.database_url)?;
        Ok(self)
    }
}

/// Refuses a database URL that names neither engine, in words that say what to give instead.
/// (The SQLite driver would otherwise read `data/rebound.db` or `mysql://h/db` as a file path and
/// quietly create a stray database.)
pub fn check_database_url(url: &str) -> Result<(), CliError> {
    match crate::server::db::EngineKind::of_url(url) {
        Some(_) => Ok(()),
        None => Err(CliError::Refused(format!(
            "{url:?} is not a database URL Rebound can open: give sqlite://path (for example {DEFAULT_DATABASE_URL}) or postgres://role@host:port/database; nothing was created"
        ))),
    }
}

fn env_number(name: &str) -> Result<Option<i64>, CliError> {
    match std::env::var(name) {
        Ok(value) => match value.trim().parse::<i64>() {
            Ok(number) if number > 0 => Ok(Some(number)),
            _ => Err(CliError::Refused(format!("{name} must be a positive whole number, not {value:?}"))),
        },
        Err(_) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::check_database_url;

    #[test]
    fn sqlite_and_postgres_urls_are_taken_and_anything_else_is_refused() {
        for taken in ["sqlite://data/rebound.db", "SQLite:///tmp/x.db", "postgres://postgres@127.0.0.1:5432/rebound", "postgresql://h/db?sslmode=require"] {
            assert!(check_database_url(taken).is_ok(), "{taken}");
        }
        for refused in ["data/rebound.db", "mysql://h/db", ""] {
            assert!(check_database_url(refused).unwrap_err().to_string().contains("postgres://"), "{refused}");
        }
    }
}
