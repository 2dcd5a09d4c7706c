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

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(viewer: Option<Viewer>) -> Parts {
        let (mut parts, ()) = axum::http::Request::new(()).into_parts();
        if let Some(viewer) = viewer {
            parts.extensions.insert(CurrentSession { viewer, token_hash: "hash".into() });
        }
        parts
    }

    fn viewer() -> Viewer {
        Viewer { id: 7, email: "ana@example.org".into(), display_name: "Ana".into(), is_hr: false, is_admin: false, is_manager: false, must_change_password: false }
    }

    async fn ask<T: FromRequestParts<(), Rejection = AppError>>(viewer: Option<Viewer>) -> Result<T, AppError> {
        T::from_request_parts(&mut parts(viewer), &()).await
    }

    #[tokio::test]
    async fn each_role_refuses_in_the_words_a_person_is_shown() {
        assert_eq!(ask::<Signed>(None).await.unwrap_err(), AppError::Unauthenticated);
        assert_eq!(ask::<Person>(None).await.unwrap_err(), AppError::Unauthenticated);
        let temporary = Viewer { must_change_password: true, is_admin: true, ..viewer() };
        assert!(ask::<Signed>(Some(temporary.clone())).await.is_ok(), "a temporary password may still change itself");
        assert_eq!(ask::<Admin>(Some(temporary)).await.unwrap_err(), AppError::PasswordChangeRequired, "roles wait for a chosen password");
        for refused in [ask::<Manager>(Some(viewer())).await.err(), ask::<Hr>(Some(viewer())).await.err(), ask::<Admin>(Some(viewer())).await.err()] {
            assert_eq!(refused, Some(AppError::Forbidden));
        }
        assert_eq!(ask::<Manager>(Some(Viewer { is_manager: true, ..viewer() })).await.unwrap().0.id, 7);
        assert_eq!(ask::<Hr>(Some(Viewer { is_hr: true, ..viewer() })).await.unwrap().0.id, 7);
        assert_eq!(ask::<Admin>(Some(Viewer { is_admin: true, ..viewer() })).await.unwrap().0.id, 7);
        assert_eq!(ask::<Person>(Some(viewer())).await.unwrap().0.email, "ana@example.org");
    }
}
