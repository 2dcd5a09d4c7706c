//! A manager's team: their current direct reports.

use crate::model::{AppError, PersonSummary};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::guard::{require_viewer, respond},
    crate::server::db,
};

/// The caller's current direct reports. Only people who manage someone may ask.
#[server(prefix = "/api", endpoint = "team")]
pub async fn my_team() -> Result<Vec<PersonSummary>, AppError> {
    respond(async move {
        let (state, viewer) = require_viewer()?;
        if !viewer.is_manager {
            return Err(AppError::Forbidden);
        }
        Ok(db::users::direct_reports(&state.pool, viewer.id).await?)
    })
    .await
}
