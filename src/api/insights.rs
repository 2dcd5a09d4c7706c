//! HR insights: anonymised statistics only. HR people, and nobody else, may ask.

#[cfg(feature = "ssr")]
use super::guard::{require_viewer, respond};
use crate::model::AppError;
use crate::model::insights::Insights;
use leptos::prelude::*;

/// The suppressed statistics shown on `/insights` (and, as CSV, at `/insights.csv`).
#[server(prefix = "/api", endpoint = "insights")]
pub async fn get_insights() -> Result<Insights, AppError> {
    respond(async move {
        let (state, viewer) = require_viewer()?;
        if !viewer.is_hr {
            return Err(AppError::Forbidden);
        }
        crate::server::insights::current(&state).await
    })
    .await
}
