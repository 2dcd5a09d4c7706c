//! Server functions: the public HTTP endpoints under `/api/`. Each is thin: it asks who is
//! calling first (`guard::caller` with an extractor of `server::auth::caller`, deny by default),
//! parses its form into input that cannot be wrong, calls one rule of `server`, and says what was
//! saved. A refusal's status is set in one place, `server::http::server_fn_status`.

pub mod admin;
pub mod agenda;
pub mod auth;
#[cfg(feature = "ssr")]
pub(crate) mod guard;
pub mod insights;
pub mod plans;
