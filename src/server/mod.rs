//! Everything that only runs on the server, one folder per part:
//!
//! - `http/`: the router, middleware (security headers, form decoding, status mapping), one-time
//!   messages, plain axum handlers (health, downloads);
//! - `auth/`: passwords, sessions, throttling, claiming a new instance;
//! - `plans/`: the plan rules: who may do what with a plan, the journal that records each change,
//!   input checked into plan parts, and the batched read log;
//! - `people/`: reporting lines, roles, CSV import, a person's own data;
//! - `insights/`: HR's anonymised statistics and their suppression;
//! - `frame/`: the facts every page frame shows (who is signed in, navigation);
//! - `seed/`: the demo organisation and the synthetic one for benchmarks;
//! - `cli/`: the command line (migrate, backup, restore, migrate-data ...);
//! - `db/`: the storage layer, all SQL, both engines.
//!
//! - `settings/`: the organisation's settings, checked and saved, and their in-memory copy.
//!
//! Beside them: configuration, application state, the clock, background jobs
//! and the mapping from storage errors to what a person is told.

pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod frame;
pub mod http;
pub mod insights;
pub mod jobs;
pub mod people;
pub mod plans;
pub mod seed;
pub mod settings;
pub mod state;

pub use state::AppState;
