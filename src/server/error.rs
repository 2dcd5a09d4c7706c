//! Turning server-side failures into the safe, user-facing [`AppError`].

use crate::model::AppError;

impl From<sqlx::Error> for AppError {
    /// Database failures are logged in full and reported to the person only as "something went wrong".
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        AppError::Internal
    }
}

/// True when a database error is a UNIQUE constraint violation (a duplicate value).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Logs an unexpected failure with what was being done, and reports it as [`AppError::Internal`].
pub fn internal(doing: &str, error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "{doing} failed");
    AppError::Internal
}
