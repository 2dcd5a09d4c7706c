//! Calendar files served by plain axum handlers: `GET /calendar/{token}.ics` (a person's feed,
//! found by its secret token alone, since a calendar provider fetches it without a session) and
//! `GET /plans/{id}/check-in.ics` (one check-in to import, for a signed-in person who may read
//! the plan).

use crate::model::AppError;
use crate::server::AppState;
use crate::server::agenda::calendar;
use crate::server::auth::caller::Person;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The address the request reached this server at ("http://host:port"), for links back.
pub fn origin(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|host| host.to_str().ok()).unwrap_or("localhost");
    let scheme = if state.config.secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// A person's calendar feed. Any address that is not a live feed gets the same 404.
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let Some(token) = file.strip_suffix(".ics").filter(|token| !token.is_empty() && token.len() <= 128) else { return Ok(not_a_feed()) };
    Ok(match calendar::feed(&state, token, &origin(&state, &headers)).await? {
        Some(body) => {
            ([(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "private, no-store"), (header::REFERRER_POLICY, "no-referrer")], body).into_response()
        }
        None => not_a_feed(),
    })
}

fn not_a_feed() -> Response {
    (StatusCode::NOT_FOUND, "No calendar feed at this address. Its owner may have reset or turned it off.").into_response()
}

/// The next check-in of a plan as a calendar file to import.
pub async fn check_in_invitation(State(state): State<AppState>, Person(viewer): Person, Path(plan_id): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let plan_id: i64 = plan_id.parse().map_err(|_| crate::server::plans::access::not_found())?;
    let body = calendar::check_in_invitation(&state, &viewer, plan_id, &origin(&state, &headers)).await?;
    let headers = [
        (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
        (header::CONTENT_DISPOSITION, "attachment; filename=\"check-in.ics\""),
        (header::CACHE_CONTROL, "private, no-store"),
    ];
    Ok((headers, body).into_response())
}
