//! The regular one-on-ones: the manager records what they observed, the employee adds their own
//! rating and reflection. Neither overwrites the other.

use crate::model::{AppError, DAY_FORMAT, PlanChange};
use crate::server::AppState;
use crate::server::db;
use crate::server::error::missing;
use crate::server::plans::access::{Intent, PlanRole};
use crate::server::plans::input::{CHECK_IN_NOT_HERE, NewCheckIn, RatedCheckIn, SelfAssessment};
use crate::server::plans::journal::{PlanWrite, Saved};

/// Records a check-in the manager held. A rating the employee gave for it beforehand joins it.
#[tracing::instrument(skip(state, check_in))]
pub async fn record(state: &AppState, actor_id: i64, plan_id: i64, check_in: NewCheckIn) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    check_in.check_dates(write.dates())?;
    let (rating, reflection) = db::plans::take_upcoming_self_assessment(write.conn(), plan_id).await?.unwrap_or_default();
    let now = write.now();
    db::plans::insert_check_in(write.conn(), now, plan_id, &check_in.with_employee_view(rating, reflection)).await?;
    write.record(PlanChange::CheckIn, format!("Check-in held on {}", check_in.held_on().format(DAY_FORMAT))).await
}

/// The employee's own rating and reflection, on a check-in held or for the next one. Given
/// before the meeting, it waits for the check-in the manager records next: it is not a check-in
/// of its own and leaves the scheduled one alone.
#[tracing::instrument(skip(state, assessment))]
pub async fn assess_self(state: &AppState, actor_id: i64, plan_id: i64, assessment: SelfAssessment) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::EmployeeWrite).await?;
    if write.role() != PlanRole::Employee {
        return Err(AppError::Conflict("Only the employee adds their own rating and reflection.".into()));
    }
    let now = write.now();
    let SelfAssessment { check_in, rating, reflection } = assessment;
    let line = match check_in {
        RatedCheckIn::Next => {
            db::plans::set_upcoming_self_assessment(write.conn(), now, plan_id, rating, &reflection).await?;
            "Employee gave their own rating for the next one-on-one"
        }
        RatedCheckIn::Held(id) => {
            db::plans::set_self_assessment(write.conn(), now, plan_id, id, rating, &reflection).await.map_err(missing(CHECK_IN_NOT_HERE))?;
            "Employee added their own rating and reflection"
        }
    };
    write.record(PlanChange::SelfAssessment, line).await
}
