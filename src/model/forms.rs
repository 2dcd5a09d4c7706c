//! The plan forms as they cross the wire: every field exactly as the browser sends it (text, a
//! checkbox that is present or not, a list of ticked values). A server function takes one of these
//! beside the ids it acts on (the plan, the part), and the server parses it into a type
//! that cannot hold a bad value (`server::plans::input`) before anything is written.
//!
//! Field names are the forms' `name` attributes and the documented `/api/` fields, so they are
//! part of the public interface: renaming one breaks every script that posts to Rebound.

use serde::{Deserialize, Serialize};

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
