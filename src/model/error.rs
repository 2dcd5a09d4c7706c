//! The one error type every server function returns.
//!
//! Messages are written for the person using the app; internal details never travel in it (the
//! server logs them and sends [`AppError::Internal`]).

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// Why a request was refused or failed, in words fit to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session: the person must sign in (again).
    #[error("Please sign in to continue.")]
    Unauthenticated,
    /// Signed in, but this is not theirs to see or do.
    #[error("You do not have access to this.")]
    Forbidden,
    /// The thing asked for does not exist (or is not visible to the caller).
    #[error("{0}")]
    NotFound(String),
    /// The input breaks a rule; the message says which and how to fix it.
    #[error("{0}")]
    Invalid(String),
    /// One field of a form breaks a rule: `field` is the form field's name, so the page can show
    /// the message beside that field and send the person to it.
    #[error("{message}")]
    Field { field: String, message: String },
    /// Several rows of an upload are bad; nothing was saved.
    #[error("Nothing was imported: {} row(s) need fixing.", .0.len())]
    InvalidRows(Vec<String>),
    /// The request conflicts with the current state (a duplicate, the last admin, ...).
    #[error("{0}")]
    Conflict(String),
    /// Too many failed attempts; try again after the given number of seconds.
    #[error("Too many failed sign-in attempts. Try again in {} minute(s).", .retry_after_secs.div_ceil(60))]
    Throttled { retry_after_secs: u64 },
    /// The person holds a temporary password and must choose their own first.
    #[error("Choose a new password before continuing.")]
    PasswordChangeRequired,
    /// Something failed on the server; details are in the server log only.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// The server cannot reach its database just now (it is restarting or the network to it is
    /// down); nothing was saved, and the same request will work once it is back.
    #[error("Rebound cannot reach its database just now, so nothing was saved. Please try again in a minute.")]
    Unavailable,
    /// The browser could not reach the server (offline, server restarting).
    #[error("Could not reach Rebound. Check your connection and try again.")]
    Unreachable,
    /// The request itself was malformed (wrong fields, bad encoding).
    #[error("The request could not be understood: {0}")]
    BadRequest(String),
}

impl AppError {
    /// The HTTP status this error is sent with.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::PasswordChangeRequired => 403,
            AppError::NotFound(_) => 404,
            AppError::Invalid(_) | AppError::Field { .. } | AppError::InvalidRows(_) | AppError::BadRequest(_) => 400,
            AppError::Conflict(_) => 409,
            AppError::Throttled { .. } => 429,
            AppError::Internal => 500,
            AppError::Unavailable | AppError::Unreachable => 503,
        }
    }

    /// Shorthand for an input error with a message.
    pub fn invalid(message: impl Into<String>) -> Self {
        AppError::Invalid(message.into())
    }

    /// Turns a validation message into an error about the form field `field`, for `map_err`.
    pub fn at(field: &'static str) -> impl FnOnce(String) -> AppError {
        move |message| AppError::Field { field: field.to_owned(), message }
    }

    /// True when the caller may not do this at all (not signed in, not allowed, or must first
    /// change their password): a page then shows the reason and none of its forms.
    pub fn is_refusal_of_access(&self) -> bool {
        matches!(self, AppError::Unauthenticated | AppError::Forbidden | AppError::PasswordChangeRequired)
    }

    /// The form field this error is about, if it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Field { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Argument decoding failures are the caller's fault: say so without internals.
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::Deserialization(message) => AppError::BadRequest(first_line(&message)),
            ServerFnErrorErr::MissingArg(name) => AppError::BadRequest(format!("missing field {name}")),
            ServerFnErrorErr::Request(_) => AppError::Unreachable,
            _ => AppError::Internal,
        }
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or_default().chars().take(200).collect()
}
