//! Everything that only runs on the server, one folder per part:
//!
//! - `http/`: the middleware and its order (request ids, sessions from cookies, the sign-in gate,
//!   security headers, form decoding, refusals), one-time messages, plain axum handlers (health,
//!   downloads), starting and stopping the server;
//! - `auth/`: who is asking (extractors), passwords, sessions, throttling, signing in, the setup
//!   token;
//! - `agenda/`: what needs a person now and this week: the Today page, the navigation's count,
//!   calendar feeds;
//! - `plans/`: the plan rules: who may do what with a plan, input parsed into plan parts, the
//!   journal that records each change, the rules of each part, reading plans, the read log;
//! - `people/`: reporting lines, roles, admin actions on accounts, CSV import, a person's own data;
//! - `insights/`: HR's anonymised statistics and their suppression;
//! - `settings/`: the organisation's settings, checked and saved, and their in-memory copy;
//! - `frame/`: the facts every page frame shows (who is signed in, navigation);
//! - `email/`: reminder emails: what is due for whom, and the outbox that sends it;
//! - `seed/`: the demo organisation and the synthetic one for benchmarks;
//! - `cli/`: the command line (migrate, backup, restore, migrate-data ...);
//! - `db/`: the storage layer, all SQL, both engines.
//!
//! Beside them: configuration, application state, the clock, background jobs, and the errors
//! (`error.rs`: storage errors turned into what a person is told, and the command line's own).

pub mod agenda;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod email;
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
