//! What a command that did not succeed says, and how it exits: a request that cannot be done as
//! asked (exit code 2, nothing changed) is told apart from a failure on the way (exit code 1), so
//! a script can tell "you asked wrong" from "it broke".

use crate::model::AppError;
use crate::server::db::DbError;

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
