//! Everything Rebound holds that a person may take with them: their profile, the shared parts of
//! their plans (with what they wrote), the log of who read or changed them, and their own choices
//! (emails, time zone, calendar feed).

use crate::model::{AppError, History, MyData, Viewpoint};
use crate::server::AppState;
use crate::server::db;

/// Collects a person's own data for export.
#[tracing::instrument(level = "debug", skip_all, fields(person_id))]
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
    let mut conn = state.pool.acquire().await?;
    let access_log = db::plans::access_log(&mut conn, person_id, 10_000).await?;
    let (email, time_zone) = (db::email::choices(&mut conn, person_id).await?, db::email::time_zone(&mut conn, person_id).await?);
    let calendar_feed_since = db::calendar::feed_created(&mut conn, person_id).await?;
    Ok(MyData {
        exported_at: state.now(),
        name: me.display_name,
        email: me.email,
        department: me.department_name,
        manager: me.manager_name,
        plans,
        access_log,
        email_choices: email,
        time_zone,
        calendar_feed_since,
    })
}
