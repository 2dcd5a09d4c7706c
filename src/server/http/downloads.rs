//! Downloads served by plain axum handlers: `GET /insights.csv` (HR's tables as CSV) and
//! `GET /my-data.json` (a person's own data).

use crate::server::AppState;
use crate::server::auth::session::CurrentSession;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Serves exactly the tables on `/insights`, as CSV.
pub async fn insights_csv(State(state): State<AppState>, request: Request) -> Response {
    let Some(session) = request.extensions().get::<CurrentSession>() else {
        return (StatusCode::UNAUTHORIZED, "Please sign in to continue.").into_response();
    };
    if !session.viewer.is_hr || session.viewer.must_change_password {
        return (StatusCode::FORBIDDEN, "You do not have access to this.").into_response();
    }
    match crate::server::insights::current(&state).await {
        Ok(insights) => (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"rebound-insights.csv\"")],
            crate::model::insights::to_csv(&insights),
        )
            .into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side. Please try again.").into_response(),
    }
}

/// `GET /my-data.json`: the signed-in person's data as a JSON download.
pub async fn my_data_json(axum::extract::State(state): axum::extract::State<AppState>, request: axum::extract::Request) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    let Some(session) = request.extensions().get::<crate::server::auth::session::CurrentSession>() else {
        return (StatusCode::UNAUTHORIZED, "Please sign in to continue.").into_response();
    };
    if session.viewer.must_change_password {
        return (StatusCode::FORBIDDEN, "Choose a new password before continuing.").into_response();
    }
    match crate::server::people::own_data::collect(&state, session.viewer.id).await {
        Ok(data) => {
            let body = serde_json::to_string_pretty(&data).unwrap_or_default();
            ([(header::CONTENT_TYPE, "application/json"), (header::CONTENT_DISPOSITION, "attachment; filename=\"my-rebound-data.json\"")], body).into_response()
        }
        Err(error) => (StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), error.to_string()).into_response(),
    }
}
