//! Who is asking, and may they? Helpers every server function calls before anything else.

use crate::model::AppError;
use crate::server::AppState;
use crate::server::auth::session::CurrentSession;
use crate::server::http::flash;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use leptos::prelude::*;

/// The shared application state.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("server function ran without application state");
        AppError::Internal
    })
}

fn request_parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// Who is asking, as one of the extractors in `server::auth::caller` ([`Person`], [`Manager`],
/// [`Hr`], [`Admin`], [`Signed`]), with the application state. The first call of every server
/// function that needs a signed-in caller.
///
/// This is `leptos_axum::extract` keeping the extractor's own refusal: `extract` turns a
/// rejection into a string, and the person would be told "server error" instead of "please
/// sign in".
///
/// [`Person`]: crate::server::auth::caller::Person
/// [`Manager`]: crate::server::auth::caller::Manager
/// [`Hr`]: crate::server::auth::caller::Hr
/// [`Admin`]: crate::server::auth::caller::Admin
/// [`Signed`]: crate::server::auth::caller::Signed
pub async fn caller<T: FromRequestParts<(), Rejection = AppError>>() -> Result<(AppState, T), AppError> {
    let state = app_state()?;
    let mut parts = request_parts().ok_or_else(|| {
        tracing::error!("server function ran without its request");
        AppError::Internal
    })?;
    Ok((state, T::from_request_parts(&mut parts, &()).await?))
}

/// The session behind the current request, for the few endpoints open to anyone that act on a
/// session when there is one (sign-in replaces it, sign-out ends it).
pub fn current_session() -> Option<CurrentSession> {
    request_parts().and_then(|parts| parts.extensions.get::<CurrentSession>().cloned())
}

/// The client address of the current request.
pub fn client_ip() -> String {
    request_parts().map(|parts| crate::server::auth::throttle::client_ip(&parts.extensions)).unwrap_or_else(|| "unknown".into())
}

/// True for a browser's HTML form post to a server function (as opposed to a programmatic call).
pub fn is_form_post() -> bool {
    request_parts().is_some_and(|parts| parts.uri.path().starts_with("/api/") && crate::server::http::security::accepts_html(&parts.headers))
}

/// Adds a `Set-Cookie` header to the server function's response.
fn set_cookie(cookie: Option<axum::http::HeaderValue>) {
    if let (Some(response), Some(cookie)) = (use_context::<leptos_axum::ResponseOptions>(), cookie) {
        response.append_header(axum::http::header::SET_COOKIE, cookie);
    }
}

/// After a successful form post from a page, sends the browser to `path` (programmatic callers
/// get the result instead).
pub fn redirect_form_post(path: &str) {
    if is_form_post() {
        leptos_axum::redirect(path);
    }
}

/// After a successful form post, sends the browser back to the section it changed (`path`, then
/// `#anchor`) with a one-time confirmation shown there; programmatic callers get the result.
pub fn confirm_form_post(path: &str, anchor: &str, message: &str) {
    if is_form_post() {
        let notice = crate::model::Notice { anchor: anchor.to_owned(), message: message.to_owned() };
        set_cookie(flash::NOTICE.set_json(&notice));
        leptos_axum::redirect(&format!("{path}#{anchor}"));
    }
}

/// The address people reach this server at, as the caller's browser did ("http://host:port"):
/// links the server hands out start with it.
pub fn request_origin(state: &crate::server::AppState) -> String {
    let headers = request_parts().map(|parts| parts.headers).unwrap_or_default();
    crate::server::http::calendar::origin(state, &headers)
}

/// The endpoint whose hand-overs are sign-in links (see [`hand_over_sign_in_links`]).
const SIGN_IN_LINKS_FROM: &str = "/api/admin/import_people";
/// The endpoint whose hand-overs are new calendar feed addresses.
const CALENDAR_FEED_FROM: &str = "/api/account/calendar_reset";

/// After a plain form post, carries `value` (made by the endpoint `from`) to the page the
/// browser is sent to, which takes it once with [`take_hand_over`]. It waits in the database for
/// at most a few minutes under the hash of a token in `cookie`, so a secret never sits in a
/// cookie or a URL.
async fn hand_over<T: serde::Serialize>(cookie: &flash::OneTimeCookie, from: &str, value: &T) -> Result<(), AppError> {
    let state = app_state()?;
    let body = serde_json::to_vec(value).map_err(|_| AppError::Internal)?;
    let (token, hash) = crate::server::auth::session::new_token();
    crate::server::db::hand_overs::keep(&state.pool, &hash, from, &body, state.now()).await?;
    set_cookie(cookie.set(&token));
    Ok(())
}

/// Takes (and clears) what [`hand_over`] left in `cookie` for the endpoint `from`, if any.
async fn take_hand_over<T: serde::de::DeserializeOwned>(cookie: &flash::OneTimeCookie, from: &str) -> Result<Option<T>, AppError> {
    let Some(token) = request_parts().and_then(|parts| cookie.read(&parts.headers)) else { return Ok(None) };
    set_cookie(Some(cookie.clear()));
    let state = app_state()?;
    let hash = crate::server::auth::session::hash_token(&token);
    Ok(match crate::server::db::hand_overs::take(&state.pool, &hash, state.now()).await? {
        Some((made_by, body)) if made_by == from => serde_json::from_slice(&body).ok(),
        _ => None,
    })
}

/// After a plain form post that imported people, carries their first sign-in links to the admin
/// page the browser is sent to, where [`take_sign_in_links`] shows them once.
pub async fn hand_over_sign_in_links(links: &[crate::model::ImportedSignIn]) -> Result<(), AppError> {
    if !is_form_post() || links.is_empty() {
        return Ok(());
    }
    hand_over(&flash::SIGN_IN_LINKS, SIGN_IN_LINKS_FROM, &links).await
}

/// Takes (and clears) the sign-in links handed over by [`hand_over_sign_in_links`], if any.
pub async fn take_sign_in_links() -> Result<Option<Vec<crate::model::ImportedSignIn>>, AppError> {
    take_hand_over(&flash::SIGN_IN_LINKS, SIGN_IN_LINKS_FROM).await
}

/// After a plain form post that made a new calendar feed address, carries it to the account page,
/// where [`take_calendar_feed_address`] shows it once.
pub async fn hand_over_calendar_feed_address(address: &str) -> Result<(), AppError> {
    if !is_form_post() {
        return Ok(());
    }
    hand_over(&flash::CALENDAR_FEED, CALENDAR_FEED_FROM, &address).await?;
    leptos_axum::redirect("/account#calendar");
    Ok(())
}

/// Takes (and clears) the feed address handed over by [`hand_over_calendar_feed_address`].
pub async fn take_calendar_feed_address() -> Result<Option<String>, AppError> {
    take_hand_over(&flash::CALENDAR_FEED, CALENDAR_FEED_FROM).await
}

/// After a plain form post that issued a temporary password, carries it to the page at `path`.
pub fn hand_over_after_form_post(issued: &crate::model::IssuedPassword, path: &str) {
    if is_form_post() {
        set_cookie(flash::issued_password_cookie(issued));
        leptos_axum::redirect(path);
    }
}

/// Reads (and clears) a temporary password handed over by [`hand_over_after_form_post`].
pub fn take_handed_over() -> Option<crate::model::IssuedPassword> {
    let issued = request_parts().and_then(|parts| flash::read_issued_password(&parts.headers))?;
    set_cookie(Some(flash::ISSUED_PASSWORD.clear()));
    Some(issued)
}
