//! The time source. Everything that compares times asks the clock in [`AppState`](super::AppState),
//! so tests can move time forward (session expiry, throttling windows) without sleeping.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use std::sync::Mutex;

/// The current UTC time to the microsecond: the finest time both engines store (PostgreSQL's
/// `timestamptz` would round nanoseconds away), so a time read back equals the time written.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A source of the current time.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current UTC time.
    fn now(&self) -> DateTime<Utc>;
}

/// The real wall clock.
#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        now()
    }
}

/// The real clock plus an adjustable offset, for tests that need time to pass.
#[derive(Debug, Default)]
pub struct OffsetClock {
    offset: Mutex<Duration>,
}

impl OffsetClock {
    /// Moves this clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut offset = self.offset.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *offset += by;
    }
}

impl Clock for OffsetClock {
    fn now(&self) -> DateTime<Utc> {
        let offset = *self.offset.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        now() + offset
    }
}
