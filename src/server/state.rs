//! The state every handler and server function shares.

use crate::server::auth::password::Hasher;
use crate::server::clock::Clock;
use crate::server::config::Config;
use crate::server::db::Pool;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;

/// Shared, cheaply cloned application state. No globals: tests start many servers in one process.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: Pool,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<Config>,
    pub hasher: Hasher,
    pub insights_cache: crate::server::insights::InsightsCache,
    /// Where plan reads are recorded (group commit).
    pub plan_reads: crate::server::plans::reads::PlanReadLog,
    /// Accounts and addresses this instance knows to be throttled, and when each was last audited.
    pub throttle: std::sync::Arc<std::sync::Mutex<crate::server::auth::throttle::ThrottleMemory>>,
    /// This instance's random id, for the leases on background jobs it runs (see `server::jobs`).
    pub instance_id: Arc<str>,
    /// The organisation settings every page reads.
    pub settings: crate::server::settings::cache::SettingsCache,
    /// The static files pages link, under hashed names.
    pub assets: Arc<crate::server::http::assets::Assets>,
}

impl AppState {
    /// The current time according to this server's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
