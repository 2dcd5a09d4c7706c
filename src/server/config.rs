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
        Ok(self)
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
