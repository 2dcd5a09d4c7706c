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
    /// When each throttled account/address pair was last written to the audit log.
    pub throttle_audits: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, std::time::Instant>>>,
}

impl AppState {
    /// The current time according to this server's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}
