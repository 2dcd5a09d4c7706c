//! What needs the caller now (the Today page) and their calendar feed's address.

use crate::model::{AppError, CalendarFeed, Today};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::guard::{caller, confirm_form_post, hand_over_calendar_feed_address, request_origin, take_calendar_feed_address},
    crate::server::agenda,
    crate::server::auth::caller::Person,
};

/// The caller's Today page: what is overdue, due today and due this week on the plans they may
/// see, and (for a manager) plans with no check-in for three weeks.
#[server(prefix = "/api", endpoint = "today")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn load_today() -> Result<Today, AppError> {
    let (state, Person(viewer)) = caller().await?;
    agenda::today(&state, &viewer).await
}

/// Whether the caller has a calendar feed, and the address just made, once.
#[server(prefix = "/api", endpoint = "account/calendar")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn load_calendar_feed() -> Result<CalendarFeed, AppError> {
    let (state, Person(viewer)) = caller().await?;
    let made_at = agenda::calendar::feed_created(&state, &viewer).await?;
    let new_address = if made_at.is_some() { take_calendar_feed_address().await? } else { None };
    Ok(CalendarFeed { made_at, new_address })
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
