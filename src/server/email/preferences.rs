//! What a person chose on their account page: which emails they get and their time zone; and
//! switching a kind of email off from the link in one.

use crate::model::{AccountSettings, AppError, EmailChoices, Viewer};
use crate::server::AppState;
use crate::server::auth::session::hash_token;
use crate::server::db;
use crate::server::email::reminders::EmailKind;

/// The account page's settings for the viewer.
#[tracing::instrument(level = "debug", skip_all, fields(viewer_id = viewer.id))]
pub async fn account(state: &AppState, viewer: &Viewer) -> Result<AccountSettings, AppError> {
    let mut conn = state.pool.acquire().await?;
    let email = db::email::choices(&mut conn, viewer.id).await?;
    let time_zone = db::email::time_zone(&mut conn, viewer.id).await?;
    let made_at = db::calendar::feed_created(&mut conn, viewer.id).await?;
    Ok(AccountSettings {
        feed: crate::model::CalendarFeed { made_at, new_address: None },
        email,
        email_on: state.config.email.is_some(),
        time_zone,
        organisation_time_zone: state.config.time_zone.name().to_owned(),
        zones: chrono_tz::TZ_VARIANTS.iter().map(|zone| zone.name().to_owned()).collect(),
    })
}

/// A time zone as the account form sends it: empty follows the organisation's.
pub fn parse_zone(text: &str) -> Result<Option<String>, AppError> {
    match text.trim() {
        "" => Ok(None),
        name => name.parse::<chrono_tz::Tz>().map(|zone| Some(zone.name().to_owned())).map_err(|_| AppError::at("time_zone")("Choose a time zone from the list.".into())),
    }
}

/// Saves which emails the viewer gets and their time zone.
#[tracing::instrument(level = "debug", skip_all, fields(viewer_id = viewer.id))]
pub async fn save(state: &AppState, viewer: &Viewer, choices: EmailChoices, zone: Option<String>) -> Result<(), AppError> {
    let mut tx = state.pool.begin_write().await?;
    db::email::set_choices(&mut tx, viewer.id, choices).await?;
    db::email::set_time_zone(&mut tx, viewer.id, zone.as_deref()).await?;
    tx.commit().await?;
    Ok(())
}

/// Switches off the kind of email the unsubscribe link `token` came with. Returns what was
/// switched off, in words. Refused as "not found" for a link Rebound never sent (or one so old
/// that its email was dropped).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn unsubscribe(state: &AppState, token: &str) -> Result<&'static str, AppError> {
    let unknown = || AppError::NotFound("This unsubscribe link is not known (it may be older than 90 days). Choose what you get on your account page.".into());
    let token = token.trim();
    if token.is_empty() || token.len() > 64 || !token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(unknown());
    }
    let mut tx = state.pool.begin_write().await?;
    let (user_id, kind) = db::email::unsubscribe_target(&mut tx, &hash_token(token)).await?.ok_or_else(unknown)?;
    let kind = EmailKind::parse(&kind).ok_or_else(unknown)?;
    let choices = db::email::choices(&mut tx, user_id).await?;
    db::email::set_choices(&mut tx, user_id, kind.switched_off(choices)).await?;
    tx.commit().await?;
    Ok(kind.group_label())
}

/// What the settings page shows of email: how it is configured (never the password) and what
/// waits in the outbox.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn status(state: &AppState) -> Result<crate::model::EmailStatus, AppError> {
    let (waiting, last_error) = db::email::waiting(&mut state.pool.acquire().await?).await?;
    let config = state.config.email.as_ref();
    Ok(crate::model::EmailStatus {
        server: config.map(|config| format!("{}:{} ({})", config.host, config.port, config.tls.as_str())),
        user: config.and_then(|config| config.user.clone()),
        from: config.map(|config| config.from.clone()),
        public_url: state.config.public_url.clone(),
        time_zone: state.config.time_zone.name().to_owned(),
        waiting,
        last_error,
    })
}

/// Sends a test email to the viewer's own address now. Returns where it went.
#[tracing::instrument(level = "debug", skip_all, fields(viewer_id = viewer.id))]
pub async fn send_test(state: &AppState, viewer: &Viewer) -> Result<String, AppError> {
    let config = state.config.email.as_ref().ok_or_else(|| AppError::invalid("No SMTP server is configured: set REBOUND_SMTP_HOST (see the README) and restart."))?;
    crate::server::email::send_test(config, &viewer.email, &state.config.public_url)
        .await
        .map_err(|error| AppError::Invalid(format!("The SMTP server did not take the test email: {}", error.chars().take(300).collect::<String>())))?;
    Ok(viewer.email.clone())
}
