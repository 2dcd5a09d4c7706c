//! The audit log's vocabulary, one list shared by the code that writes entries, the admin view's
//! filter and the employee's access log.

word_enum!(
    /// What an audit entry records. Plan reads and writes belong to the employee's access log;
    /// everything else is a sign-in or administrative event for the admin view.
    AuditAction {
        SignIn = "sign_in": "sign in",
        SignInFailed = "sign_in_failed": "sign in failed",
        SignInThrottled = "sign_in_throttled": "sign in throttled",
        SignOut = "sign_out": "sign out",
        PasswordChanged = "password_changed": "password changed",
        PasswordReset = "password_reset": "password reset",
        FirstSignIn = "first_sign_in": "first sign in",
        InstanceClaimed = "instance_claimed": "instance claimed",
        PersonCreated = "person_created": "person created",
        PeopleImported = "people_imported": "people imported",
        RolesChanged = "roles_changed": "roles changed",
        ReportingLineChanged = "reporting_line_changed": "reporting line changed",
        DepartmentChanged = "department_changed": "department changed",
        DepartmentCreated = "department_created": "department created",
        PersonDeactivated = "person_deactivated": "person deactivated",
        PersonReactivated = "person_reactivated": "person reactivated",
        SettingsChanged = "settings_changed": "settings changed",
        PlansErased = "plans_erased": "plans erased",
        PlansErasedByRetention = "plans_erased_by_retention": "plans erased by retention",
        PlanRead = "plan_read": "plan read",
        PlanWrite = "plan_write": "plan write",
    }
);

impl AuditAction {
    /// True for the entries of the employee's access log, which the admin view never shows.
    pub fn is_about_a_plan(self) -> bool {
        matches!(self, AuditAction::PlanRead | AuditAction::PlanWrite)
    }

    /// The actions the admin view lists and filters by, in display order.
    pub fn in_admin_view() -> impl Iterator<Item = AuditAction> {
        Self::ALL.iter().copied().filter(|action| !action.is_about_a_plan())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_stored_word_and_plans_stay_out_of_the_admin_view() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(*action));
        }
        assert!(AuditAction::in_admin_view().all(|action| !matches!(action, AuditAction::PlanRead | AuditAction::PlanWrite)));
        assert_eq!(AuditAction::in_admin_view().count(), AuditAction::ALL.len() - 2);
    }
}
