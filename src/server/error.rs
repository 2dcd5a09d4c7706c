//! Turning server-side failures into the safe, user-facing [`AppError`]: the storage layer says
//! what went wrong ([`DbError`]), this layer says it to the person. And [`CliError`], what a
//! command (or starting the server) says when it does not succeed, and how it exits: a request
//! that cannot be done as asked (exit code 2, nothing changed) is told apart from a failure on the
//! way (exit code 1), so a script can tell "you asked wrong" from "it broke".

use crate::model::AppError;
use crate::server::db::{Constraint, DbError};

impl From<DbError> for AppError {
    /// A conflict becomes the sentence for the rule it broke; a lost row a plain "not found"
    /// (callers that know what was missing say so with [`missing`]); anything else is logged in
    /// full and reported to the person only as "something went wrong".
    fn from(error: DbError) -> Self {
        match error {
            DbError::NotFound => AppError::NotFound("That is not here any more.".into()),
            DbError::Conflict(constraint) => conflict(constraint),
            DbError::Unavailable(error) => {
                tracing::error!(%error, "database unavailable");
                AppError::Unavailable
            }
            DbError::Other(error) => {
                tracing::error!(%error, "database error");
                AppError::Internal
            }
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        DbError::from(error).into()
    }
}

/// The sentence for a write that broke `constraint`.
fn conflict(constraint: Constraint) -> AppError {
    match constraint {
        Constraint::PersonEmail => AppError::Conflict("Someone with that email already has an account.".into()),
        Constraint::DepartmentName => AppError::Conflict("A department with that name already exists.".into()),
        Constraint::OneActivePlan => AppError::Conflict("This person already has an active plan. Close it before activating another.".into()),
        Constraint::OneOpenSmallWin => AppError::Conflict("There is already an open small win. It must be done before the next one.".into()),
        Constraint::MissingReference => AppError::invalid("Something this refers to no longer exists. Reload the page and try again."),
        Constraint::Other => {
            tracing::error!(?constraint, "unexpected constraint violation");
            AppError::Internal
        }
    }
}

/// For `map_err`: a row that is not there becomes `message`; any other failure as usual.
pub fn missing(message: &'static str) -> impl FnOnce(DbError) -> AppError {
    move |error| match error {
        DbError::NotFound => AppError::NotFound(message.into()),
        other => other.into(),
    }
}

/// For `map_err`: a write that hit `constraint` becomes the conflict `message`; any other failure as usual.
pub fn conflict_as(constraint: Constraint, message: impl Into<String>) -> impl FnOnce(DbError) -> AppError {
    move |error| if error.is_conflict_on(constraint) { AppError::Conflict(message.into()) } else { error.into() }
}

/// Logs an unexpected failure with what was being done, and reports it as [`AppError::Internal`].
pub fn internal(doing: &str, error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "{doing} failed");
    AppError::Internal
}

impl axum::response::IntoResponse for AppError {
    /// For plain axum handlers: the status the error stands for and its message as text.
    fn into_response(self) -> axum::response::Response {
        let status = axum::http::StatusCode::from_u16(self.status_code()).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        (status, self.to_string()).into_response()
    }
}

/// Why a command (or starting the server) did not succeed, in words for the person at the terminal.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// What was asked cannot be done as asked: a bad flag or value, an existing file, a target
    /// that is not empty. Nothing was changed.
    #[error("{0}")]
    Refused(String),
    /// Something failed on the way: the database, a file, the network.
    #[error("{doing}: {cause}")]
    Failed { doing: String, cause: String },
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Refused(_) => 2,
            CliError::Failed { .. } => 1,
        }
    }
}

/// For `map_err`: a failure while `doing` something, with its cause.
pub fn failed<E: std::fmt::Display>(doing: impl Into<String>) -> impl FnOnce(E) -> CliError {
    move |cause| CliError::Failed { doing: doing.into(), cause: cause.to_string() }
}

impl From<String> for CliError {
    fn from(message: String) -> Self {
        CliError::Refused(message)
    }
}

impl From<&str> for CliError {
    fn from(message: &str) -> Self {
        CliError::Refused(message.to_owned())
    }
}

impl From<AppError> for CliError {
    /// A rule's refusal (an email already taken, a loop in the reporting line) is a refusal here too.
    fn from(error: AppError) -> Self {
        match error {
            AppError::Internal | AppError::Unavailable | AppError::Unreachable => CliError::Failed { doing: "the database".into(), cause: error.to_string() },
            refusal => CliError::Refused(refusal.to_string()),
        }
    }
}

impl From<DbError> for CliError {
    fn from(error: DbError) -> Self {
        CliError::Failed { doing: "the database".into(), cause: error.to_string() }
    }
}
