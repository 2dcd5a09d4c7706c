//! Types shared by the server and the browser: what crosses the server-function line.

pub mod error;
pub mod insights;
pub mod people;
pub mod plans;
pub mod validation;

pub use error::AppError;
pub use people::*;
pub use plans::*;
