//! `GET /insights.csv`: the insights page's tables as CSV, for HR only.

use crate::server::AppState;
use crate::server::auth::session::CurrentSession;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Serves exactly the tables on `/insights`, as CSV.
pub async fn download(State(state): State<AppState>, request: Request) -> Response {
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
