//! Downloads served by plain axum handlers: `GET /insights.csv` (HR's tables as CSV) and
//! `GET /my-data.json` (a person's own data). Who may ask is checked by the same extractors the
//! server functions use, so a refusal reads and answers the same.

use crate::model::AppError;
use crate::server::AppState;
use crate::server::auth::caller::{Hr, Person};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// Serves exactly the tables on `/insights`, as CSV.
pub async fn insights_csv(State(state): State<AppState>, _hr: Hr) -> Result<Response, AppError> {
    let insights = crate::server::insights::current(&state).await?;
    let headers = [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"rebound-insights.csv\"")];
    Ok((headers, crate::model::insights::to_csv(&insights)).into_response())
}

/// Serves the signed-in person's data as a JSON download.
pub async fn my_data_json(State(state): State<AppState>, Person(viewer): Person) -> Result<Response, AppError> {
    let data = crate::server::people::own_data::collect(&state, viewer.id).await?;
    let body = serde_json::to_string_pretty(&data).map_err(|error| crate::server::error::internal("writing a data download", error))?;
    let headers = [(header::CONTENT_TYPE, "application/json"), (header::CONTENT_DISPOSITION, "attachment; filename=\"my-rebound-data.json\"")];
    Ok((headers, body).into_response())
}
