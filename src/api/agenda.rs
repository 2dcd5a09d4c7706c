//! What needs the caller now (the Today page), and their account: calendar feed, emails, time
//! zone; switching an email off from its unsubscribe link.

use crate::model::{AccountSettings, AppError, Today};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::guard::{caller, confirm_form_post, hand_over_calendar_feed_address, request_origin, take_calendar_feed_address},
    crate::model::forms::ticked,
    crate::server::agenda,
    crate::server::auth::caller::Person,
    crate::server::email::preferences,
};

/// The caller's Today page: what is overdue, due today and due this week on the plans they may
/// see, and (for a manager) plans with no check-in for three weeks.
#[server(prefix = "/api", endpoint = "today")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn load_today() -> Result<Today, AppError> {
    let (state, Person(viewer)) = caller().await?;
    agenda::today(&state, &viewer).await
}

/// The caller's account settings: calendar feed (with an address just made, once), emails and
/// time zone.
#[server(prefix = "/api", endpoint = "account")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn load_account() -> Result<AccountSettings, AppError> {
    let (state, Person(viewer)) = caller().await?;
    let mut account = preferences::account(&state, &viewer).await?;
    if account.feed.made_at.is_some() {
        account.feed.new_address = take_calendar_feed_address().await?;
    }
    Ok(account)
}

/// Saves which emails the caller gets (each box: present means on) and their time zone (empty:
/// the organisation's).
#[server(prefix = "/api", endpoint = "account/email")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn save_email_choices(reminders: Option<String>, shared: Option<String>, digest: Option<String>, time_zone: String) -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    let zone = preferences::parse_zone(&time_zone)?;
    let choices = crate::model::EmailChoices { reminders: ticked(&reminders), shared: ticked(&shared), digest: ticked(&digest) };
    preferences::save(&state, &viewer, choices, zone).await?;
    confirm_form_post("/account", "email", "Saved. Your email choices and time zone are updated.");
    Ok(())
}

/// Switches off the kind of email an unsubscribe link came with. Anyone holding the link may:
/// it is the key. Answers what was switched off.
#[server(prefix = "/api", endpoint = "unsubscribe")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn unsubscribe(token: String) -> Result<String, AppError> {
    let state = super::guard::app_state()?;
    let what = preferences::unsubscribe(&state, &token).await?;
    let message = format!("Done: you will no longer get {what}. You can turn them back on from your account page.");
    confirm_form_post(&format!("/unsubscribe/{}", token.trim()), "unsubscribe", &message);
    Ok(message)
}

/// Makes the caller a new calendar feed address, ending the old one. Returns the address, which
/// is shown this once.
#[server(prefix = "/api", endpoint = "account/calendar_reset")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn reset_calendar_feed() -> Result<String, AppError> {
    let (state, Person(viewer)) = caller().await?;
    let token = agenda::calendar::reset(&state, &viewer).await?;
    let address = format!("{}/calendar/{token}.ics", request_origin(&state));
    hand_over_calendar_feed_address(&address).await?;
    Ok(address)
}

/// Turns the caller's calendar feed off: its address stops working at once.
#[server(prefix = "/api", endpoint = "account/calendar_off")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn turn_off_calendar_feed() -> Result<(), AppError> {
    let (state, Person(viewer)) = caller().await?;
    agenda::calendar::turn_off(&state, &viewer).await?;
    confirm_form_post("/account", "calendar", "Calendar feed turned off. Its address no longer works.");
    Ok(())
}
