//! The HTTP edge: the middleware around the application (`startup::around`) and starting the
//! server, one-time messages carried across redirects, and the few plain axum handlers that are
//! not server functions. It calls into `auth`, `plans` and `people`; none of them call back.

pub mod assets;
pub mod calendar;
pub mod cookies;
pub mod downloads;
pub mod flash;
pub mod form_text;
pub mod health;
pub mod request_id;
pub mod security;
pub mod server_fn_status;
pub mod sessions;
pub mod sign_in_gate;
pub mod startup;
pub mod unsubscribe;
