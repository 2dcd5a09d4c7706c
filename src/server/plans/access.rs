//! Who may read and write a plan. Decided on every call from the current reporting line, so a
//! former manager loses access on their next request and a new manager gains it at once.

use crate::model::{AppError, PlanStatus};
use crate::server::db::plans::AccessFacts;

/// The two people who may ever see a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanRole {
    /// The employee's current manager: reads and writes everything.
    Manager,
    /// The employee: reads the shared parts of active and closed plans, writes their own parts.
    Employee,
}

/// What a server function is about to do with a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// Read it.
    Read,
    /// Change a part only the manager changes.
    ManagerWrite,
    /// Change a part the employee owns (task progress, small win, self-assessment).
    EmployeeWrite,
    /// Change status (activate, close, reopen): the manager, whatever the status.
    ChangeStatus,
}

/// The viewer's role on a plan, or `None` when they must not learn anything about it. HR, admins,
/// skip-level and former managers all get `None`.
pub fn role_of(viewer_id: i64, facts: &AccessFacts) -> Option<PlanRole> {
    if facts.current_manager_id == Some(viewer_id) && facts.employee_id != viewer_id {
        Some(PlanRole::Manager)
    } else if facts.employee_id == viewer_id && facts.status != PlanStatus::Draft && facts.shared {
        Some(PlanRole::Employee)
    } else {
        None
    }
}

/// Decides whether `viewer_id` may act on a plan with these facts.
pub fn authorise(viewer_id: i64, facts: &AccessFacts, intent: Intent) -> Result<PlanRole, AppError> {
    // Anyone without a role is told the plan does not exist, so its existence is not revealed.
    let role = role_of(viewer_id, facts).ok_or_else(not_found)?;
    let closed = facts.status == PlanStatus::Closed;
    match (intent, role) {
        (Intent::Read, _) => Ok(role),
        (Intent::ChangeStatus, PlanRole::Manager) => Ok(role),
        (Intent::ManagerWrite, PlanRole::Manager) if !closed => Ok(role),
        (Intent::EmployeeWrite, PlanRole::Employee) if facts.status == PlanStatus::Active => Ok(role),
        (Intent::EmployeeWrite, PlanRole::Manager) if !closed => Ok(role),
        (_, _) if closed => Err(AppError::Conflict("This plan is closed and read-only. Reopen it to make changes.".into())),
        _ => Err(AppError::Forbidden),
    }
}

/// The refusal for plans the caller may not see.
pub fn not_found() -> AppError {
    AppError::NotFound("There is no such plan, or it is not yours to see.".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn facts(status: PlanStatus) -> AccessFacts {
        AccessFacts { employee_id: 2, status, current_manager_id: Some(1), event_date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(), shared: status != PlanStatus::Draft }
    }

    #[test]
    fn only_the_current_manager_and_the_employee_have_a_role() {
        assert_eq!(role_of(1, &facts(PlanStatus::Draft)), Some(PlanRole::Manager));
        assert_eq!(role_of(2, &facts(PlanStatus::Active)), Some(PlanRole::Employee));
        assert_eq!(role_of(3, &facts(PlanStatus::Active)), None);
        let no_manager = AccessFacts { current_manager_id: None, ..facts(PlanStatus::Active) };
        assert_eq!(role_of(1, &no_manager), None);
    }

    #[test]
    fn employees_never_see_drafts() {
        assert!(matches!(authorise(2, &facts(PlanStatus::Draft), Intent::Read), Err(AppError::NotFound(_))));
        assert_eq!(authorise(2, &facts(PlanStatus::Closed), Intent::Read), Ok(PlanRole::Employee));
        let closed_as_draft = AccessFacts { shared: false, ..facts(PlanStatus::Closed) };
        assert!(matches!(authorise(2, &closed_as_draft, Intent::Read), Err(AppError::NotFound(_))), "a plan closed before it was shared stays hidden");
        assert_eq!(authorise(1, &closed_as_draft, Intent::Read), Ok(PlanRole::Manager));
    }

    #[test]
    fn employees_write_only_their_parts_of_active_plans() {
        assert_eq!(authorise(2, &facts(PlanStatus::Active), Intent::EmployeeWrite), Ok(PlanRole::Employee));
        assert_eq!(authorise(2, &facts(PlanStatus::Active), Intent::ManagerWrite), Err(AppError::Forbidden));
        assert_eq!(authorise(2, &facts(PlanStatus::Active), Intent::ChangeStatus), Err(AppError::Forbidden));
        assert!(matches!(authorise(2, &facts(PlanStatus::Closed), Intent::EmployeeWrite), Err(AppError::Conflict(_))));
    }

    #[test]
    fn closed_plans_are_read_only_until_reopened() {
        assert!(matches!(authorise(1, &facts(PlanStatus::Closed), Intent::ManagerWrite), Err(AppError::Conflict(_))));
        assert_eq!(authorise(1, &facts(PlanStatus::Closed), Intent::ChangeStatus), Ok(PlanRole::Manager));
        assert_eq!(authorise(1, &facts(PlanStatus::Draft), Intent::ManagerWrite), Ok(PlanRole::Manager));
    }
}
