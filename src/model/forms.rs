//! The plan forms as they cross the wire: every field exactly as the browser sends it (text, a
//! checkbox that is present or not, a list of ticked values). A server function takes one of these
//! beside the ids it acts on (the plan, the part), and the server parses it into a type
//! that cannot hold a bad value (`server::plans::input`) before anything is written.
//!
//! Field names are the forms' `name` attributes and the documented `/api/` fields, so they are
//! part of the public interface: renaming one breaks every script that posts to Rebound.

use serde::{Deserialize, Serialize};

/// A checkbox's value: present and not "false"/"off"/"0" means ticked. Every confirmation box and
/// every role box is read this way, whether a browser or a script sent it.
pub fn ticked(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|value| !matches!(value.trim(), "" | "false" | "off" | "0"))
}

/// The event and debrief, as the new-plan form and the "Edit the event and debrief" form send them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebriefForm {
    pub event_title: String,
    pub event_date: String,
    pub event_kind: String,
    pub event_visibility: String,
    pub what_happened: String,
    pub what_is_known: String,
    pub open_questions: String,
    /// The ticked drivers (`drivers[0]`, `drivers[1]` ...).
    pub drivers: Option<Vec<String>>,
    pub technical_fix: String,
    pub communication_change: String,
}

/// What a template suggested on the new-plan form, as edited: the small win's title and one entry
/// per suggested row in each list (a row whose title was cleared is left out).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarterForm {
    pub small_win: Option<String>,
    pub task_kinds: Option<Vec<String>>,
    pub task_titles: Option<Vec<String>>,
    pub task_due: Option<Vec<String>>,
    pub task_colleagues: Option<Vec<String>>,
    pub task_hypotheses: Option<Vec<String>>,
    pub task_risks: Option<Vec<String>>,
    pub milestone_titles: Option<Vec<String>>,
    pub milestone_dates: Option<Vec<String>>,
}

/// A development-plan task, as the add and edit forms send it (fields that do not apply to the
/// kind are sent empty, and dropped).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskForm {
    pub kind: String,
    pub title: String,
    pub colleague: String,
    pub hypothesis: String,
    pub risk_level: String,
    pub due_date: String,
}

/// A milestone's title and target date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneForm {
    pub title: String,
    pub target_date: String,
}

/// A temporary goal recalibration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalForm {
    pub goal: String,
    pub usual_scope: String,
    pub temporary_scope: String,
    pub restore_by: String,
}

/// A one-on-one check-in, as the manager records it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInForm {
    pub held_on: String,
    pub observed_readiness: String,
    /// The ticked warning signs (`signs[0]` ...).
    pub signs: Option<Vec<String>>,
    pub shared_summary: String,
    pub private_note: String,
    pub next_check_in: String,
}

/// The employee's own rating and reflection, for a check-in or (`check_in_id` empty) for the next one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfAssessmentForm {
    pub check_in_id: String,
    pub self_confidence: String,
    pub reflection: String,
}

/// A change of a plan's status: `action` "activate", "close" (with an outcome, confirmed) or "reopen".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusForm {
    pub action: String,
    pub outcome: Option<String>,
    pub confirm: Option<String>,
}

/// Removing a part of a plan: `item` "task", "milestone" or "goal", and the confirmation box.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovalForm {
    pub item: String,
    pub confirm: Option<String>,
}

/// A new account, as the add-person form sends it: the department by id ("" for none), the
/// manager by email ("" for none), each role a checkbox.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonForm {
    pub email: String,
    pub display_name: String,
    pub department_id: String,
    pub manager_email: String,
    pub is_hr: Option<String>,
    pub is_admin: Option<String>,
}

/// The organisation's settings, as the settings form sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub organisation_name: String,
    pub privacy_k: String,
    pub retention_days: String,
    pub occupational_health: String,
    pub employee_assistance: String,
    pub professional: String,
}

/// The one small win, as its form sends it (a due date "" means within days).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmallWinForm {
    pub title: String,
    pub due_date: String,
}

/// Where a task stands, and a micro-experiment's result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressForm {
    pub status: String,
    pub result: Option<String>,
}

/// A person's place in the organisation: their manager by email and their department by id
/// ("" for none, each).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportingForm {
    pub manager_email: String,
    pub department_id: String,
}

/// The two roles an admin grants, each a checkbox.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RolesForm {
    pub is_hr: Option<String>,
    pub is_admin: Option<String>,
}

/// The audit view's filter: a kind of event and two days, each "" for all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilterForm {
    pub action: String,
    pub since: String,
    pub until: String,
}

/// Writes a form's fields for a log line with every secret left out.
macro_rules! redacted_debug {
    ($form:ident { $($field:ident),* } secret { $($secret:ident),* }) => {
        impl std::fmt::Debug for $form {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.debug_struct(stringify!($form))
                    $(.field(stringify!($field), &self.$field))*
                    $(.field(stringify!($secret), &"(secret)"))*
                    .finish()
            }
        }
    };
}

/// Sign-in, as the sign-in form sends it; `next` is where to continue, when the person was sent
/// to sign in from a page.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInForm {
    pub email: String,
    pub password: String,
    pub next: Option<String>,
}
redacted_debug!(SignInForm { email, next } secret { password });

/// A password change: the current one and the new one twice.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChangeForm {
    pub current_password: String,
    pub new_password: String,
    pub confirm_password: String,
}
redacted_debug!(PasswordChangeForm {} secret { current_password, new_password, confirm_password });

/// A first sign-in: the one-time link's token and the chosen password twice.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstSignInForm {
    pub token: String,
    pub new_password: String,
    pub confirm_password: String,
}
redacted_debug!(FirstSignInForm {} secret { token, new_password, confirm_password });

/// Claiming a new instance: the setup token and the first admin.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupForm {
    pub token: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub confirm_password: String,
}
redacted_debug!(SetupForm { display_name, email } secret { token, password, confirm_password });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_reach_a_log_line() {
        let form = SetupForm {
            token: "tok-123".into(),
            display_name: "Ada".into(),
            email: "ada@example.org".into(),
            password: "hunter2-hunter2".into(),
            confirm_password: "hunter2-hunter2".into(),
        };
        let logged = format!("{form:?} {:?}", SignInForm { email: "a@b.org".into(), password: "pw-secret".into(), next: None });
        assert!(logged.contains("ada@example.org") && logged.contains("a@b.org"));
        for secret in ["tok-123", "hunter2", "pw-secret"] {
            assert!(!logged.contains(secret), "{secret} in {logged}");
        }
    }

    #[test]
    fn only_a_ticked_box_counts() {
        for unticked in [None, Some(""), Some("off"), Some("false"), Some("0"), Some(" ")] {
            assert!(!ticked(&unticked.map(str::to_owned)), "{unticked:?}");
        }
        assert!(ticked(&Some("on".into())));
        assert!(ticked(&Some("yes".into())));
    }
}
