//! What needs a person now and this week: the Today page and the count beside "Today" in the
//! navigation (`today`), and the same items as a calendar feed (`calendar`).
//!
//! Days are the viewer's own, in their time zone (else the organisation's). Both read the items of the plans the person may see through `db::agenda`, whose visibility
//! rule is the one `plans::access::authorise` applies to a read: a person's current, active
//! reports' active plans, and their own active plan.

pub mod calendar;

use crate::model::{AppError, QUIET_DAYS, Today, Viewer};
use crate::server::AppState;
use crate::server::db::{self, Conn};
use chrono::{Duration, NaiveDate};

/// The viewer's date today, in their own time zone (else the organisation's).
async fn local_today(state: &AppState, conn: &mut Conn, viewer_id: i64) -> Result<NaiveDate, db::DbError> {
    let own = db::email::time_zone(conn, viewer_id).await?;
    let zone = crate::server::email::reminders::zone_of(own.as_deref(), state.config.time_zone);
    Ok(state.now().with_timezone(&zone).date_naive())
}

/// The viewer's Today page.
#[tracing::instrument(level = "debug", skip_all, fields(viewer_id = viewer.id))]
pub async fn today(state: &AppState, viewer: &Viewer) -> Result<Today, AppError> {
    let mut conn = state.pool.acquire().await?;
    let today = local_today(state, &mut conn, viewer.id).await?;
    let items = db::agenda::due_items(&mut conn, viewer.id, today + Duration::days(6)).await?;
    let quiet = if viewer.is_manager { db::agenda::quiet_plans(&mut conn, viewer.id, today - Duration::days(QUIET_DAYS)).await? } else { Vec::new() };
    Ok(Today::new(today, items, quiet))
}

/// How many things need the viewer now (overdue, due today, quiet plans): the navigation's count.
#[tracing::instrument(level = "debug", skip_all, fields(viewer_id = viewer.id))]
pub async fn needs_now(state: &AppState, viewer: &Viewer) -> Result<usize, db::DbError> {
    let mut conn = state.pool.acquire().await?;
    let today = local_today(state, &mut conn, viewer.id).await?;
    let due = db::agenda::due_items(&mut conn, viewer.id, today).await?.len();
    let quiet = if viewer.is_manager { db::agenda::quiet_plans(&mut conn, viewer.id, today - Duration::days(QUIET_DAYS)).await?.len() } else { 0 };
    Ok(due + quiet)
}
