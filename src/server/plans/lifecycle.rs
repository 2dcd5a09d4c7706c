//! A plan's life: opened as a draft for a direct report, its event and debrief edited, activated
//! (shared with the employee), closed with an outcome, reopened; kept after closing by the
//! employee's choice; flagged as needing support.

use crate::model::{AppError, Outcome, PlanChange, PlanStatus};
use crate::server::AppState;
use crate::server::db::{self, Conn};
use crate::server::plans::access::Intent;
use crate::server::plans::input::{EventAndDebrief, PlanDates, StarterItems, StatusAction};
use crate::server::plans::journal::{PlanWrite, Saved};
use crate::server::plans::parts::small_win_default_due;

/// Where a status change leads from `current`, with the timeline line that says so; a change
/// the plan's status does not allow is a conflict, said in words.
pub fn next_status(current: PlanStatus, action: StatusAction) -> Result<(PlanStatus, Option<Outcome>, String), AppError> {
    match (action, current) {
        (StatusAction::Activate, PlanStatus::Draft) => Ok((PlanStatus::Active, None, "Plan activated and shared with the employee".to_owned())),
        (StatusAction::Close(outcome), PlanStatus::Active | PlanStatus::Draft) => Ok((PlanStatus::Closed, Some(outcome), format!("Plan closed: {}", outcome.label()))),
        (StatusAction::Reopen, PlanStatus::Closed) => Ok((PlanStatus::Active, None, "Plan reopened".to_owned())),
        (action, current) => {
            let verb = match action {
                StatusAction::Activate => "activated",
                StatusAction::Close(_) => "closed",
                StatusAction::Reopen => "reopened",
            };
            let status = current.label().to_lowercase();
            let article = if status.starts_with(['a', 'e', 'i', 'o', 'u']) { "An" } else { "A" };
            Err(AppError::Conflict(format!("{article} {status} plan cannot be {verb}.")))
        }
    }
}

/// The active direct report `employee_id` of `manager_id`, read on `conn`; anyone else is
/// refused as not found, so nobody learns who exists.
#[tracing::instrument(level = "debug", skip_all, fields(manager_id, employee_id))]
pub async fn direct_report(conn: &mut Conn, manager_id: i64, employee_id: i64) -> Result<crate::model::PersonSummary, AppError> {
    match db::users::summary(conn, employee_id).await? {
        Some(person) if person.manager_id == Some(manager_id) && person.is_active => Ok(person),
        _ => Err(AppError::NotFound("You can only open plans for your current direct reports.".into())),
    }
}

/// Opens a draft plan for a direct report, with the items a template suggested.
#[tracing::instrument(skip(state, fields, starter))]
pub async fn create(state: &AppState, manager_id: i64, employee_id: i64, fields: EventAndDebrief, starter: StarterItems) -> Result<Saved, AppError> {
    let now = state.now();
    let today = now.date_naive();
    let mut tx = state.pool.begin_write().await?;
    direct_report(&mut tx, manager_id, employee_id).await?;
    fields.check_date(today)?;
    starter.check_dates(PlanDates { event: fields.event.date, today })?;
    let plan_id = db::plans::insert_plan(&mut tx, now, employee_id, manager_id, &fields).await?;
    if let Some(title) = &starter.small_win {
        db::plans::insert_small_win(&mut tx, now, plan_id, title, small_win_default_due(today)).await?;
    }
    db::plans::insert_tasks(&mut tx, now, plan_id, &starter.tasks).await?;
    for (title, target) in &starter.milestones {
        db::plans::insert_milestone(&mut tx, now, plan_id, title, *target).await?;
    }
    PlanWrite::of_new_plan(tx, now, manager_id, plan_id).await?.record(PlanChange::Created, "Plan opened as a draft").await
}

/// Saves the event and debrief.
#[tracing::instrument(skip(state, fields))]
pub async fn save_debrief(state: &AppState, actor_id: i64, plan_id: i64, fields: EventAndDebrief) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    fields.check_date(write.dates().today)?;
    let now = write.now();
    db::plans::update_event_and_debrief(write.conn(), now, plan_id, &fields).await?;
    write.record(PlanChange::Debrief, "Event and debrief updated").await
}

/// Activates, closes or reopens a plan, as [`next_status`] allows.
#[tracing::instrument(skip(state))]
pub async fn change_status(state: &AppState, actor_id: i64, plan_id: i64, action: StatusAction) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ChangeStatus).await?;
    let (next, outcome, line) = next_status(write.facts().status, action)?;
    let now = write.now();
    db::plans::set_status(write.conn(), now, plan_id, next, outcome).await?;
    write.record(PlanChange::Status, line).await
}

/// Flags (or unflags) that the plan needs more than a quick fix. Manager-only: whether someone
/// was pointed to professional support is theirs to share.
#[tracing::instrument(skip(state))]
pub async fn flag_support(state: &AppState, actor_id: i64, plan_id: i64, flagged: bool) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::ManagerWrite).await?;
    let now = write.now();
    db::plans::set_support_flag(write.conn(), now, plan_id, flagged).await?;
    let line = if flagged { "Flagged as needing support beyond a quick fix" } else { "Support flag cleared" };
    write.record(PlanChange::SupportFlag, line).await
}

/// The employee keeps (or stops keeping) their plan beyond the retention period after it closes.
#[tracing::instrument(skip(state))]
pub async fn keep(state: &AppState, actor_id: i64, plan_id: i64, keep: bool) -> Result<Saved, AppError> {
    let mut write = PlanWrite::open(state, actor_id, plan_id, Intent::Read).await?;
    if write.role() != crate::server::plans::access::PlanRole::Employee {
        return Err(AppError::Forbidden);
    }
    let now = write.now();
    db::plans::set_keep(write.conn(), now, plan_id, keep).await?;
    let line = if keep { "Employee chose to keep this plan after it closes" } else { "Employee chose not to keep this plan after it closes" };
    write.record(PlanChange::Keep, line).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_goes_from_draft_to_active_to_closed_and_back_to_active() {
        assert_eq!(next_status(PlanStatus::Draft, StatusAction::Activate).unwrap().0, PlanStatus::Active);
        let (closed, outcome, line) = next_status(PlanStatus::Active, StatusAction::Close(Outcome::PartlyRecovered)).unwrap();
        assert_eq!((closed, outcome, line.as_str()), (PlanStatus::Closed, Some(Outcome::PartlyRecovered), "Plan closed: Partly recovered"));
        assert_eq!(next_status(PlanStatus::Closed, StatusAction::Reopen).unwrap().0, PlanStatus::Active);
        assert_eq!(next_status(PlanStatus::Draft, StatusAction::Close(Outcome::Withdrawn)).unwrap().0, PlanStatus::Closed, "a draft may be dropped");
    }

    #[test]
    fn a_change_the_status_does_not_allow_is_refused_in_words() {
        assert_eq!(next_status(PlanStatus::Active, StatusAction::Activate), Err(AppError::Conflict("An active plan cannot be activated.".into())));
        assert_eq!(next_status(PlanStatus::Draft, StatusAction::Reopen), Err(AppError::Conflict("A draft plan cannot be reopened.".into())));
        assert_eq!(next_status(PlanStatus::Closed, StatusAction::Close(Outcome::Recovered)), Err(AppError::Conflict("A closed plan cannot be closed.".into())));
    }
}
