//! Signing in and out, changing one's password, claiming a new instance, and the session summary
//! every page frame shows. The rules are in `server::auth::sign_in`; failed sign-ins are
//! throttled by the sign-in function's middleware (`http::sign_in_gate::GateSignIn`) before any password work.

use crate::model::forms::{FirstSignInForm, PasswordChangeForm, SetupForm, SignInForm};
use crate::model::{AppError, PageFrame};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::guard::{app_state, caller, client_ip, confirm_form_post, current_session, redirect_form_post},
    crate::server::auth::caller::Signed,
    crate::server::auth::{session, sign_in},
    crate::server::frame::navigation::safe_next,
    axum::http::header::SET_COOKIE,
};

/// The signed-in person (if any) and organisation-wide facts for the page frame. Open to anyone:
/// it reveals nothing beyond the caller's own account.
#[server(prefix = "/api", endpoint = "session")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn get_page_frame() -> Result<PageFrame, AppError> {
    let state = app_state()?;
    Ok(crate::server::frame::frame_for(&state, current_session().map(|session| session.viewer)).await?)
}

/// Signs in with email and password. Returns the path to continue to.
#[server(prefix = "/api", endpoint = "login")]
#[middleware(crate::server::http::sign_in_gate::GateSignIn)]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn login(#[server(flatten)] credentials: SignInForm) -> Result<String, AppError> {
    let state = app_state()?;
    let SignInForm { email, password, next } = credentials;
    let signed_in = sign_in::sign_in(&state, &email, password, &client_ip(), current_session().as_ref()).await?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.append_header(SET_COOKIE, session::session_cookie(&state, &signed_in.token));
    }
    let viewer = signed_in.viewer;
    let target = if viewer.must_change_password { viewer.home_path().to_owned() } else { safe_next(next.as_deref()).unwrap_or_else(|| viewer.home_path().to_owned()) };
    redirect_form_post(&target);
    Ok(target)
}

/// Signs out: the session ends on the server and the cookie is cleared.
#[server(prefix = "/api", endpoint = "logout")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn logout() -> Result<(), AppError> {
    let state = app_state()?;
    if let Some(current) = current_session() {
        sign_in::sign_out(&state, &current).await?;
    }
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.append_header(SET_COOKIE, session::clearing_cookie(&state));
    }
    redirect_form_post("/login?signed_out=1");
    Ok(())
}

/// Replaces the caller's password after checking the current one; ends their other sessions.
#[server(prefix = "/api", endpoint = "change_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn change_password(#[server(flatten)] change: PasswordChangeForm) -> Result<String, AppError> {
    let (state, Signed(current)) = caller().await?;
    sign_in::change_password(&state, &current, change).await?;
    let home = crate::model::Viewer { must_change_password: false, ..current.viewer }.home_path().to_owned();
    confirm_form_post(&home, "content", "Your password is changed; other devices are signed out.");
    Ok(home)
}

/// Whom a first sign-in link is for (their name), while it works. Open to anyone holding the link.
#[server(prefix = "/api", endpoint = "first_sign_in/holder")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn first_sign_in_holder(token: String) -> Result<String, AppError> {
    let state = app_state()?;
    Ok(sign_in::link_holder(&state, &token).await?.display_name)
}

/// An imported person chooses their own password with their one-time link, which it uses up.
#[server(prefix = "/api", endpoint = "first_sign_in")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn first_sign_in(#[server(flatten)] choice: FirstSignInForm) -> Result<(), AppError> {
    let state = app_state()?;
    sign_in::first_sign_in(&state, choice).await?;
    confirm_form_post("/login", "content", "Your password is set. Sign in with your email and the password you chose.");
    Ok(())
}

/// Claims a new instance: with the one-time setup token, creates the first admin.
#[server(prefix = "/api", endpoint = "setup")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn claim_instance(#[server(flatten)] setup: SetupForm) -> Result<(), AppError> {
    let state = app_state()?;
    crate::server::people::accounts::claim_instance(&state, setup).await?;
    redirect_form_post("/login?setup=done");
    Ok(())
}
