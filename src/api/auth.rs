//! Signing in and out, changing one's password, claiming a new instance, and the session summary
//! every page frame shows.

use crate::model::{AppError, Session};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::guard::{app_state, caller, client_ip, confirm_form_post, current_session, redirect_form_post},
    crate::model::validation::{normalize_email, validate_email, validate_name},
    crate::server::auth::caller::Signed,
    crate::server::auth::{policy::check_new_password, session, throttle},
    crate::server::db::{self, audit::AuditEvent, settings},
    crate::server::frame::navigation::safe_next,
    axum::http::header::SET_COOKIE,
};

/// The signed-in person (if any) and organisation-wide facts for the page frame. Open to anyone:
/// it reveals nothing beyond the caller's own account.
#[server(prefix = "/api", endpoint = "session")]
pub async fn get_session() -> Result<Session, AppError> {
    let state = app_state()?;
    Ok(crate::server::frame::session_for(&state, current_session().map(|session| session.viewer)).await?)
}

/// Signs in with email and password. Unknown emails and wrong passwords get the same answer after
/// the same amount of work. Returns the path to continue to.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<String, AppError> {
    let state = app_state()?;
    let email_normalized = normalize_email(&email);
    let ip = client_ip();
    let credentials = db::users::credentials_by_email(&mut state.pool.acquire().await?, &email_normalized).await?;
    let (person, hash) = match credentials {
        Some(credentials) if credentials.is_active => (Some(credentials.id), Some(credentials.password_hash)),
        _ => (None, None),
    };
    let matched = state.hasher.verify(password, hash).await;
    let now = state.now();
    let Some(person) = person.filter(|_| matched) else {
        // Forgetting old failures and counting this one land together, in one commit.
        let mut tx = state.pool.begin_write().await?;
        db::throttle::record_failure(&mut tx, &email_normalized, &ip, now, now - throttle::window()).await?;
        tx.commit().await?;
        let mut event = AuditEvent::new(None, "sign_in_failed");
        if let Ok(mut conn) = state.pool.acquire().await
            && let Ok(Some(id)) = db::users::id_by_email(&mut conn, &email_normalized).await
        {
            event = event.on_person(id);
        }
        db::audit::record_now(&state.pool, now, event).await?;
        return Err(AppError::invalid("That email and password do not match an active account."));
    };
    db::throttle::clear_for_email(&mut state.pool.acquire().await?, &email_normalized).await?;
    let mut tx = state.pool.begin_write().await?;
    // A fresh session id at every sign-in; any session the browser already held ends.
    if let Some(old) = current_session() {
        db::sessions::delete(&mut tx, &old.token_hash).await?;
    }
    let token = session::start(&mut tx, &state, person).await?;
    db::audit::record(&mut tx, now, AuditEvent::new(Some(person), "sign_in").on_person(person)).await?;
    tx.commit().await?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.append_header(SET_COOKIE, session::session_cookie(&state, &token));
    }
    let viewer = db::users::viewer(&mut state.pool.acquire().await?, person).await?.ok_or(AppError::Internal)?;
    let target = if viewer.must_change_password { viewer.landing_path().to_owned() } else { safe_next(next.as_deref()).unwrap_or_else(|| viewer.landing_path().to_owned()) };
    redirect_form_post(&target);
    Ok(target)
}

/// Signs out: the session ends on the server and the cookie is cleared.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let state = app_state()?;
    if let Some(current) = current_session() {
        let mut tx = state.pool.begin_write().await?;
        db::sessions::delete(&mut tx, &current.token_hash).await?;
        db::audit::record(&mut tx, state.now(), AuditEvent::new(Some(current.viewer.id), "sign_out").on_person(current.viewer.id)).await?;
        tx.commit().await?;
    }
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.append_header(SET_COOKIE, session::clearing_cookie(&state));
    }
    redirect_form_post("/login?signed_out=1");
    Ok(())
}

/// Replaces the caller's password after checking the current one; ends their other sessions.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String, confirm_password: String) -> Result<String, AppError> {
    let (state, Signed(current)) = caller().await?;
    let viewer = current.viewer;
    if new_password != confirm_password {
        return Err(AppError::at("confirm_password")("The new password and its confirmation differ.".into()));
    }
    check_new_password(&new_password, &viewer.email, &viewer.display_name).map_err(AppError::at("new_password"))?;
    if new_password == current_password {
        return Err(AppError::at("new_password")("Choose a password different from the current one.".into()));
    }
    let stored = db::users::password_hash(&mut state.pool.acquire().await?, viewer.id).await?;
    if !state.hasher.verify(current_password, stored).await {
        return Err(AppError::at("current_password")("Your current password is not correct.".into()));
    }
    let hash = state.hasher.hash(new_password).await?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    db::users::set_password(&mut tx, now, viewer.id, &hash, false).await?;
    db::sessions::delete_for_user(&mut tx, viewer.id, Some(&current.token_hash)).await?;
    db::audit::record(&mut tx, now, AuditEvent::new(Some(viewer.id), "password_changed").on_person(viewer.id)).await?;
    tx.commit().await?;
    let home = crate::model::Viewer { must_change_password: false, ..viewer }.landing_path().to_owned();
    confirm_form_post(&home, "content", "Your password is changed; other devices are signed out.");
    Ok(home)
}

/// The message for a first sign-in link that cannot be used (never say which of the reasons).
#[cfg(feature = "ssr")]
fn unusable_link() -> AppError {
    AppError::NotFound("This sign-in link has been used or has expired. Ask your administrator for a new one.".into())
}

/// Whom a first sign-in link is for (their name), while it works. Open to anyone holding the link.
#[server(prefix = "/api", endpoint = "first_sign_in/holder")]
pub async fn first_sign_in_holder(token: String) -> Result<String, AppError> {
    let state = app_state()?;
    let mut conn = state.pool.acquire().await?;
    let person = db::first_sign_in::holder(&mut conn, &session::hash_token(token.trim()), state.now()).await?.ok_or_else(unusable_link)?;
    let viewer = db::users::viewer(&mut conn, person).await?.ok_or_else(unusable_link)?;
    Ok(viewer.display_name)
}

/// An imported person chooses their own password with their one-time link, which it uses up.
#[server(prefix = "/api", endpoint = "first_sign_in")]
pub async fn first_sign_in(token: String, new_password: String, confirm_password: String) -> Result<(), AppError> {
    let state = app_state()?;
    let hash = session::hash_token(token.trim());
    // Check the link before anything else, so nobody without one learns anything.
    let person = {
        let mut conn = state.pool.acquire().await?;
        db::first_sign_in::holder(&mut conn, &hash, state.now()).await?.ok_or_else(unusable_link)?
    };
    let viewer = db::users::viewer(&mut state.pool.acquire().await?, person).await?.ok_or_else(unusable_link)?;
    if new_password != confirm_password {
        return Err(AppError::at("confirm_password")("The password and its confirmation differ.".into()));
    }
    check_new_password(&new_password, &viewer.email, &viewer.display_name).map_err(AppError::at("new_password"))?;
    let password_hash = state.hasher.hash(new_password).await?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    // Used up inside the transaction: the same link cannot set two passwords.
    if db::first_sign_in::redeem(&mut tx, &hash, now).await? != Some(person) {
        return Err(unusable_link());
    }
    db::users::set_password(&mut tx, now, person, &password_hash, false).await?;
    db::audit::record(&mut tx, now, AuditEvent::new(Some(person), "first_sign_in").on_person(person)).await?;
    tx.commit().await?;
    confirm_form_post("/login", "content", "Your password is set. Sign in with your email and the password you chose.");
    Ok(())
}

/// Claims a new instance: with the one-time setup token, creates the first admin.
#[server(prefix = "/api", endpoint = "setup")]
pub async fn claim_instance(token: String, display_name: String, email: String, password: String, confirm_password: String) -> Result<(), AppError> {
    let state = app_state()?;
    // Check the token before anything else, so nobody without it learns anything.
    {
        let mut conn = state.pool.acquire().await?;
        crate::server::auth::setup::check_token(&mut conn, &token).await?;
    }
    validate_name("name", &display_name).map_err(AppError::at("display_name"))?;
    validate_email(&email).map_err(AppError::at("email"))?;
    if password != confirm_password {
        return Err(AppError::at("confirm_password")("The password and its confirmation differ.".into()));
    }
    check_new_password(&password, &email, &display_name).map_err(AppError::at("password"))?;
    let hash = state.hasher.hash(password).await?;
    let now = state.now();
    let mut tx = state.pool.begin_write().await?;
    // Checked again inside the transaction: two people racing with the token cannot both win.
    crate::server::auth::setup::check_token(&mut tx, &token).await?;
    let admin = crate::server::people::insert(
        &mut tx,
        now,
        &db::users::NewPerson {
            email: &email,
            display_name: &display_name,
            password_hash: &hash,
            must_change_password: false,
            is_hr: false,
            is_admin: true,
            department_id: None,
            manager_id: None,
        },
    )
    .await?;
    settings::remove(&mut tx, settings::SETUP_TOKEN_HASH).await?;
    db::audit::record(&mut tx, now, AuditEvent::new(Some(admin), "instance_claimed").on_person(admin)).await?;
    tx.commit().await?;
    // The header and the start page stop saying that setup is needed.
    state.settings.forget();
    redirect_form_post("/login?setup=done");
    Ok(())
}
