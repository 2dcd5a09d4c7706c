//! Everything Rebound holds that a person may take with them: their profile, the shared parts of
//! their plans (with what they wrote) and the log of who read or changed them.

use crate::model::{AppError, History, MyData, Viewpoint};
use crate::server::AppState;
use crate::server::db;

/// Collects a person's own data for export.
pub async fn collect(state: &AppState, person_id: i64) -> Result<MyData, AppError> {
    let me = db::users::summary(&mut state.pool.acquire().await?, person_id).await?.ok_or(AppError::Unauthenticated)?;
    let today = state.now().date_naive();
    let mut plans = Vec::new();
    let plan_ids = db::plans::shared_plan_ids(&mut state.pool.acquire().await?, person_id).await?;
    let mut conn = state.pool.acquire().await?;
    for plan_id in plan_ids {
        if let Some(plan) = db::plans::load_plan(&mut conn, plan_id, Viewpoint::Employee, today, History::All).await? {
            plans.push(plan);
        }
    }
    drop(conn);
    let access_log = db::plans::access_log(&mut state.pool.acquire().await?, person_id, 10_000).await?;
    Ok(MyData { exported_at: state.now(), name: me.display_name, email: me.email, department: me.department_name, manager: me.manager_name, plans, access_log })
}

/// `GET /my-data.json`: the signed-in person's data as a JSON download.
pub async fn download(axum::extract::State(state): axum::extract::State<AppState>, request: axum::extract::Request) -> axum::response::Response {
    use axum::http::{StatusCode, header};
    use axum::response::IntoResponse;
    let Some(session) = request.extensions().get::<crate::server::auth::session::CurrentSession>() else {
        return (StatusCode::UNAUTHORIZED, "Please sign in to continue.").into_response();
    };
    if session.viewer.must_change_password {
        return (StatusCode::FORBIDDEN, "Choose a new password before continuing.").into_response();
    }
    match collect(&state, session.viewer.id).await {
        Ok(data) => {
            let body = serde_json::to_string_pretty(&data).unwrap_or_default();
            ([(header::CONTENT_TYPE, "application/json"), (header::CONTENT_DISPOSITION, "attachment; filename=\"my-rebound-data.json\"")], body).into_response()
        }
        Err(error) => (StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), error.to_string()).into_response(),
    }
}
