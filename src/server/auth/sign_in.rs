//! Signing in and out, choosing and changing a password: the rules behind the sign-in server
//! functions (claiming a new instance creates a person, so it is `people::accounts::claim_instance`). Throttling of failed attempts runs before sign-in, as its
//! middleware (`http::sign_in_gate`).

use crate::model::forms::{FirstSignInForm, PasswordChangeForm};
use crate::model::validation::normalize_email;
use crate::model::{AppError, AuditAction, Viewer};
use crate::server::AppState;
use crate::server::auth::policy::check_new_password;
use crate::server::auth::session::{self, CurrentSession};
use crate::server::db::{self, audit::AuditEvent};

/// A person who signed in: their new session token and who they are.
pub struct SignedIn {
    pub token: String,
    pub viewer: Viewer,
}

/// Checks an email and password. Unknown emails and wrong passwords get the same answer after the
/// same amount of work. The attempt was admitted, and counted towards throttling, by the sign-in
/// middleware ([`crate::server::auth::throttle::admit`]); a success forgets the account's count. A fresh session id at
/// every sign-in; any session the browser already held (`replacing`) ends.
///
/// The password is checked outside any transaction (hashing takes a while, and no writer may
/// wait for it); the session's write transaction then reads the account again and starts the
/// session only if it is still active with the very password that was checked, so a
/// deactivation or a password change in between is never outrun.
#[tracing::instrument(skip_all, fields(ip = client_ip))]
pub async fn sign_in(state: &AppState, email: &str, password: String, client_ip: &str, replacing: Option<&CurrentSession>) -> Result<SignedIn, AppError> {
    let email_normalized = normalize_email(email);
    let credentials = db::users::credentials_by_email(&mut state.pool.acquire().await?, &email_normalized).await?;
    let (person, hash) = match credentials {
        Some(credentials) if credentials.is_active => (Some(credentials.id), Some(credentials.password_hash)),
        _ => (None, None),
    };
    let checked = hash.as_ref().map(|hash| hash.as_stored().to_owned());
    let matched = state.hasher.verify(password, hash).await;
    let now = state.now();
    let refused = || AppError::invalid("That email and password do not match an active account.");
    let Some(person) = person.filter(|_| matched) else {
        let mut tx = state.pool.begin_write().await?;
        let mut event = AuditEvent::new(None, AuditAction::SignInFailed);
        if let Some(id) = db::users::id_by_email(&mut tx, &email_normalized).await? {
            event = event.on_person(id);
        }
        db::audit::record(&mut tx, now, event).await?;
        tx.commit().await?;
        return Err(refused());
    };
    let mut tx = state.pool.begin_write().await?;
    let unchanged = db::users::credentials_by_email(&mut tx, &email_normalized)
        .await?
        .is_some_and(|now| now.id == person && now.is_active && Some(now.password_hash.as_stored()) == checked.as_deref());
    if !unchanged {
        return Err(refused());
    }
    db::throttle::clear_for_email(&mut tx, &email_normalized).await?;
    if let Some(old) = replacing {
        db::sessions::delete(&mut tx, &old.token_hash).await?;
    }
    let token = session::start(&mut tx, state, person).await?;
    db::audit::record(&mut tx, now, AuditEvent::new(Some(person), AuditAction::SignIn).on_person(person)).await?;
    tx.commit().await?;
    let viewer = db::users::viewer(&mut state.pool.acquire().await?, person).await?.ok_or(AppError::Internal)?;
    Ok(SignedIn { token, viewer })
}

/// Ends a session on the server.
#[tracing::instrument(skip_all)]
pub async fn sign_out(state: &AppState, current: &CurrentSession) -> Result<(), AppError> {
    let mut tx = state.pool.begin_write().await?;
    db::sessions::delete(&mut tx, &current.token_hash).await?;
    db::audit::record(&mut tx, state.now(), AuditEvent::new(Some(current.viewer.id), AuditAction::SignOut).on_person(current.viewer.id)).await?;
    tx.commit().await?;
    Ok(())
}

/// A new password typed twice, checked against the policy for this person.
pub struct NewPassword(String);

impl NewPassword {
    /// The password, to hash.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Parses the two fields: the same text, acceptable for someone with this email and name.
    /// `field` names the first field, for the message beside it.
    pub fn parse(field: &'static str, password: String, confirmation: &str, email: &str, name: &str) -> Result<Self, AppError> {
        if password != confirmation {
            return Err(AppError::at("confirm_password")("The password and its confirmation differ.".into()));
        }
        check_new_password(&password, email, name).map_err(AppError::at(field))?;
        Ok(Self(password))
    }
}

/// Replaces the caller's password after checking the current one; ends their other sessions.
#[tracing::instrument(skip_all, fields(person = current.viewer.id))]
pub async fn change_password(state: &AppState, current: &CurrentSession, form: PasswordChangeForm) -> Result<(), AppError> {
    let viewer = &current.viewer;
    let PasswordChangeForm { current_password, new_password, confirm_password } = form;
    let NewPassword(new_password) = NewPassword::parse("new_password", new_password, &confirm_password, &viewer.email, &viewer.display_name)?;
    if new_password == current_password {
        return Err(AppError::at("new_password")("Choose a password different from the current one.".into()));
    }
    let stored = db::users::password_hash(&mut state.pool.acquire().await?, viewer.id).await?;
    let checked = stored.as_ref().map(|hash| hash.as_stored().to_owned());
    if !state.hasher.verify(current_password, stored).await {
        return Err(AppError::at("current_password")("Your current password is not correct.".into()));
    }
    let hash = state.hasher.hash(new_password).await?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    // Hashing happened outside the transaction: the password checked must still be the one stored.
    let still = db::users::password_hash(&mut tx, viewer.id).await?;
    if still.as_ref().map(|hash| hash.as_stored()) != checked.as_deref() {
        return Err(AppError::at("current_password")("Your password was changed meanwhile. Sign in again with the new one.".into()));
    }
    db::users::set_password(&mut tx, now, viewer.id, &hash, false).await?;
    db::sessions::delete_for_user(&mut tx, viewer.id, Some(&current.token_hash)).await?;
    db::audit::record(&mut tx, now, AuditEvent::new(Some(viewer.id), AuditAction::PasswordChanged).on_person(viewer.id)).await?;
    tx.commit().await?;
    Ok(())
}

/// The message for a first sign-in link that cannot be used (never say which of the reasons).
fn unusable_link() -> AppError {
    AppError::NotFound("This sign-in link has been used or has expired. Ask your administrator for a new one.".into())
}

/// The person a first sign-in link is for, while it works.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn link_holder(state: &AppState, token: &str) -> Result<Viewer, AppError> {
    let mut conn = state.pool.acquire().await?;
    let person = db::first_sign_in::holder(&mut conn, &session::hash_token(token.trim()), state.now()).await?.ok_or_else(unusable_link)?;
    db::users::viewer(&mut conn, person).await?.ok_or_else(unusable_link)
}

/// An imported person chooses their own password with their one-time link, which it uses up.
#[tracing::instrument(skip_all)]
pub async fn first_sign_in(state: &AppState, form: FirstSignInForm) -> Result<(), AppError> {
    let FirstSignInForm { token, new_password, confirm_password } = form;
    let token = token.as_str();
    // Check the link before anything else, so nobody without one learns anything.
    let viewer = link_holder(state, token).await?;
    let NewPassword(password) = NewPassword::parse("new_password", new_password, &confirm_password, &viewer.email, &viewer.display_name)?;
    let password_hash = state.hasher.hash(password).await?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    // Used up inside the transaction: the same link cannot set two passwords.
    if db::first_sign_in::redeem(&mut tx, &session::hash_token(token.trim()), now).await? != Some(viewer.id) {
        return Err(unusable_link());
    }
    db::users::set_password(&mut tx, now, viewer.id, &password_hash, false).await?;
    db::audit::record(&mut tx, now, AuditEvent::new(Some(viewer.id), AuditAction::FirstSignIn).on_person(viewer.id)).await?;
    tx.commit().await?;
    Ok(())
}
