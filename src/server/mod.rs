//! Everything that only runs on the server: configuration, state, start-up, authentication,
//! security middleware, the database layer and background work.

pub mod api_errors;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod flash;
pub mod form_text;
pub mod health;
pub mod insights;
pub mod insights_csv;
pub mod jobs;
pub mod migrate_data;
pub mod my_data;
pub mod page_access;
pub mod page_frame;
pub mod people;
pub mod plan_access;
pub mod plan_reads;
pub mod restore;
pub mod security;
pub mod settings_cache;
pub mod setup;
pub mod startup;
pub mod state;
pub mod synthetic;

pub use state::AppState;
