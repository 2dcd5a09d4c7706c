//! Server configuration, read once at start from flags and environment variables.

use chrono::Duration;

/// Default database location, relative to the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/rebound.db";

/// Settings that shape how the server behaves, fixed for the life of the process.
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://path` of the database file (created when missing).
    pub database_url: String,
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
}

impl Config {
    /// Configuration with the documented defaults for the given database.
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            session_idle_timeout: Duration::minutes(30),
            session_lifetime: Duration::hours(12),
            secure_cookies: false,
            // Hashing is CPU-bound: more at once than there are cores only adds 19 MiB each.
            max_concurrent_hashes: std::thread::available_parallelism().map_or(1, |cores| cores.get().min(4)),
            throttled_answer_delay: std::time::Duration::from_secs(1),
        }
    }

    /// Applies the `REBOUND_*` environment variables on top of the defaults.
    pub fn with_environment(mut self) -> Result<Self, String> {
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
        check_database_url(&self.database_url)?;
        Ok(self)
    }
}

/// Refuses a database URL this build cannot serve, in words that say what to give instead. (The
/// SQLite driver would otherwise read `postgres://host/db` as a file path and quietly create a
/// stray database under a folder named `postgres:`.)
pub fn check_database_url(url: &str) -> Result<(), String> {
    let scheme = url.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase()).unwrap_or_default();
    match scheme.as_str() {
        "sqlite" => Ok(()),
        "postgres" | "postgresql" => {
            Err(format!("this build of Rebound runs on SQLite only and cannot open {url}: give a sqlite:// URL (for example {DEFAULT_DATABASE_URL}); nothing was created"))
        }
        _ => Err(format!("{url:?} is not a database URL Rebound can open: give a sqlite:// URL (for example {DEFAULT_DATABASE_URL}); nothing was created")),
    }
}

fn env_number(name: &str) -> Result<Option<i64>, String> {
    match std::env::var(name) {
        Ok(value) => match value.trim().parse::<i64>() {
            Ok(number) if number > 0 => Ok(Some(number)),
            _ => Err(format!("{name} must be a positive whole number, not {value:?}")),
        },
        Err(_) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::check_database_url;

    #[test]
    fn only_sqlite_urls_are_taken() {
        assert!(check_database_url("sqlite://data/rebound.db").is_ok());
        assert!(check_database_url("SQLite:///tmp/x.db").is_ok());
        for refused in ["postgres://postgres@127.0.0.1:5432/rebound", "postgresql://h/db", "data/rebound.db", "mysql://h/db", ""] {
            assert!(check_database_url(refused).unwrap_err().contains("sqlite://"), "{refused}");
        }
    }
}
