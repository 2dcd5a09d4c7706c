//! Server functions: the public HTTP endpoints under `/api/`. Each is thin: it checks who is
//! asking (deny by default), validates input, calls `server::db`, and maps errors.

pub mod admin;
pub mod auth;
#[cfg(feature = "ssr")]
pub(crate) mod guard;
pub mod insights;
pub mod plans;
