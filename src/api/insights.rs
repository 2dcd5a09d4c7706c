//! HR insights: anonymised statistics only. HR people, and nobody else, may ask.

use crate::model::AppError;
use crate::model::insights::Insights;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::guard::caller, crate::server::auth::caller::Hr};

/// The suppressed statistics shown on `/insights` (and, as CSV, at `/insights.csv`).
#[server(prefix = "/api", endpoint = "insights")]
#[cfg_attr(feature = "ssr", tracing::instrument(level = "debug", skip_all))]
pub async fn get_insights() -> Result<Insights, AppError> {
    let (state, Hr(_)) = caller().await?;
    crate::server::insights::current(&state).await
}
