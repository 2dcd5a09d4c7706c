//! The audit log's vocabulary, one list shared by the code that writes entries, the admin view's
//! filter and the employee's access log.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
        CalendarFeedReset = "calendar_feed_reset": "calendar feed address made",
        CalendarFeedTurnedOff = "calendar_feed_turned_off": "calendar feed turned off",
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

/// One read or write of a plan, as the access log shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
}

/// What a write changed, as the audit log records it. The employee's access log names the part for
/// every change they can see, and gives one wording to every change of a manager-only part, so
/// that a private note and a decision to point to professional support cannot be told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanChange {
    Created,
    Debrief,
    Status,
    SmallWin,
    SmallWinDone,
    Task,
    TaskProgress,
    Milestone,
    Goal,
    CheckIn,
    SelfAssessment,
    PrivateNote,
    SupportFlag,
    Keep,
}

impl PlanChange {
    /// Every kind of change.
    pub const ALL: [PlanChange; 14] = [
        PlanChange::Created,
        PlanChange::Debrief,
        PlanChange::Status,
        PlanChange::SmallWin,
        PlanChange::SmallWinDone,
        PlanChange::Task,
        PlanChange::TaskProgress,
        PlanChange::Milestone,
        PlanChange::Goal,
        PlanChange::CheckIn,
        PlanChange::SelfAssessment,
        PlanChange::PrivateNote,
        PlanChange::SupportFlag,
        PlanChange::Keep,
    ];

    /// The word stored in the audit log's detail (the words of entries written before this type).
    pub fn as_str(self) -> &'static str {
        match self {
            PlanChange::Created => "created",
            PlanChange::Debrief => "debrief",
            PlanChange::Status => "status",
            PlanChange::SmallWin => "small win",
            PlanChange::SmallWinDone => "small win done",
            PlanChange::Task => "task",
            PlanChange::TaskProgress => "task progress",
            PlanChange::Milestone => "milestone",
            PlanChange::Goal => "goal",
            PlanChange::CheckIn => "check-in",
            PlanChange::SelfAssessment => "self-assessment",
            PlanChange::PrivateNote => "private note",
            PlanChange::SupportFlag => "support flag",
            PlanChange::Keep => "keep",
        }
    }

    /// The change a stored detail stands for.
    pub fn parse(detail: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|change| change.as_str() == detail)
    }

    /// True for changes to parts only the manager sees.
    pub fn is_manager_only(self) -> bool {
        matches!(self, PlanChange::PrivateNote | PlanChange::SupportFlag)
    }

    /// How the employee's access log states the change.
    pub fn as_employee_sees_it(self) -> String {
        if self.is_manager_only() { "changed the manager's private part of the plan".to_owned() } else { format!("changed the plan ({})", self.as_str()) }
    }
}

/// How many of the latest access-log entries /my-plan lists; the whole log is in the person's
/// data download.
pub const ACCESS_LOG_ON_PAGE: i64 = 50;

/// Who the employee's access log names for an entry whose author's account was erased.
pub const FORMER_COLLEAGUE: &str = "Someone no longer here";

/// How the employee's access log states one audit entry of their plan: a read, or a change as
/// [`PlanChange::as_employee_sees_it`] words it. A detail this build does not know is not repeated.
pub fn access_action(action: Option<AuditAction>, detail: Option<&str>) -> String {
    match (action, detail.and_then(PlanChange::parse)) {
        (Some(AuditAction::PlanRead), _) => "opened the plan".to_owned(),
        (_, Some(change)) => change.as_employee_sees_it(),
        (_, None) => "changed the plan".to_owned(),
    }
}

/// One entry of the admin audit view (sign-ins and admin events, never plan contents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub detail: Option<String>,
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

    #[test]
    fn the_access_log_never_names_a_manager_only_change() {
        for change in PlanChange::ALL {
            assert_eq!(PlanChange::parse(change.as_str()), Some(change), "details read back");
            let sentence = access_action(Some(AuditAction::PlanWrite), Some(change.as_str()));
            if change.is_manager_only() {
                assert_eq!(sentence, "changed the manager's private part of the plan");
            } else {
                assert!(sentence.contains(change.as_str()), "{sentence}");
            }
        }
        for sentence in [access_action(Some(AuditAction::PlanWrite), Some("private note")), access_action(Some(AuditAction::PlanWrite), Some("support flag"))] {
            assert!(!sentence.contains("note") && !sentence.contains("support") && !sentence.contains("flag"), "{sentence}");
        }
        assert_eq!(access_action(Some(AuditAction::PlanWrite), Some("something new")), "changed the plan");
        assert_eq!(access_action(Some(AuditAction::PlanRead), None), "opened the plan");
    }
}
