//! Who is asking: axum extractors for the signed-in person and for each role. Plain axum handlers
//! take them as arguments; server functions get them through `api::guard::caller`. Each refuses
//! with the [`AppError`] a person is shown (sign in, choose a password first, no access), so
//! every endpoint says the same thing for the same refusal.

use crate::model::{AppError, Viewer};
use crate::server::auth::session::CurrentSession;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

/// Any signed-in person, even one who still has to replace a temporary password (they may
/// change it, and sign out).
#[derive(Debug, Clone)]
pub struct Signed(pub CurrentSession);

/// A signed-in person who has chosen their own password: what every page of the app needs.
#[derive(Debug, Clone)]
pub struct Person(pub Viewer);

/// A [`Person`] with at least one active direct report.
#[derive(Debug, Clone)]
pub struct Manager(pub Viewer);

/// A [`Person`] holding the HR role.
#[derive(Debug, Clone)]
pub struct Hr(pub Viewer);

/// A [`Person`] holding the admin role.
#[derive(Debug, Clone)]
pub struct Admin(pub Viewer);

impl<S: Send + Sync> FromRequestParts<S> for Signed {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        // The session middleware has already looked the cookie up (see `http::sessions::load_session`).
        parts.extensions.get::<CurrentSession>().cloned().map(Signed).ok_or(AppError::Unauthenticated)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Person {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let Signed(session) = Signed::from_request_parts(parts, state).await?;
        if session.viewer.must_change_password {
            return Err(AppError::PasswordChangeRequired);
        }
        Ok(Person(session.viewer))
    }
}

/// A role extractor: a [`Person`] for whom `holds` is true, refused as [`AppError::Forbidden`].
macro_rules! role {
    ($role:ident, $holds:expr) => {
        impl<S: Send + Sync> FromRequestParts<S> for $role {
            type Rejection = AppError;

            async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
                let Person(viewer) = Person::from_request_parts(parts, state).await?;
                let holds: fn(&Viewer) -> bool = $holds;
                if holds(&viewer) { Ok($role(viewer)) } else { Err(AppError::Forbidden) }
            }
        }
    };
}

role!(Manager, |viewer| viewer.is_manager);
role!(Hr, |viewer| viewer.is_hr);
role!(Admin, |viewer| viewer.is_admin);
