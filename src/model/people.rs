//! People, departments and settings as the pages see them.

use serde::{Deserialize, Serialize};

/// The signed-in person, as the interface needs them: who they are and which places are theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Viewer {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_hr: bool,
    pub is_admin: bool,
    /// True when the person currently has at least one active direct report.
    pub is_manager: bool,
    pub must_change_password: bool,
}

impl Viewer {
    /// The page a person lands on after signing in, by the roles they hold. Everyone has one:
    /// a person with no role has their own plans (`/my-plan`), which say so when there are none.
    pub fn home_path(&self) -> &'static str {
        if self.must_change_password {
            "/account/password"
        } else if self.is_manager {
            "/team"
        } else if self.is_admin {
            "/admin/users"
        } else if self.is_hr {
            "/insights"
        } else {
            "/my-plan"
        }
    }
}

/// What every page's frame needs: the viewer (if signed in) and organisation-wide facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageFrame {
    pub viewer: Option<Viewer>,
    pub organisation_name: String,
    /// This database holds invented demo people; the interface says so on every page.
    pub is_demo: bool,
    /// No administrator exists yet: the instance waits for its one-time setup link.
    pub setup_pending: bool,
    /// What the form post that led here did, shown once beside the section it changed.
    pub notice: Option<Notice>,
    /// The form the server just refused, so its fields show what was typed.
    pub returned: Option<ReturnedForm>,
    /// How many things need the viewer now (see `model::Today::needs_now`), beside "Today".
    pub needs_now: usize,
}

/// A refused form's values, as typed, for the page it returns to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ReturnedForm {
    /// The endpoint it posted to ("/api/plans/milestone").
    pub action: String,
    pub fields: Vec<(String, String)>,
}

impl ReturnedForm {
    /// What was typed into `name`, when this is the form that posts to `action`.
    pub fn value(&self, action: &str, name: &str) -> Option<String> {
        (self.action == action).then(|| self.fields.iter().find(|(field, _)| field == name).map(|(_, value)| value.clone())).flatten()
    }

    /// Whether a checkbox or radio `name` was sent with `value`, when this is the form that posts
    /// to `action` (`None` for another form).
    pub fn has(&self, action: &str, name_prefix: &str, value: &str) -> Option<bool> {
        (self.action == action).then(|| self.fields.iter().any(|(field, sent)| field.starts_with(name_prefix) && sent == value))
    }
}

/// A one-time confirmation of a saved form: the id of the section heading it belongs to and the
/// sentence that says what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub anchor: String,
    pub message: String,
}

impl PageFrame {
    /// A frame for `viewer` with no organisation settings: no organisation name (the header then
    /// reads just "Rebound"), no demo banner.
    pub fn with_defaults(viewer: Option<Viewer>) -> Self {
        Self { viewer, organisation_name: String::new(), is_demo: false, setup_pending: false, notice: None, returned: None, needs_now: 0 }
    }
}

/// One person as the admin pages list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PersonSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_active: bool,
    pub is_hr: bool,
    pub is_admin: bool,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub manager_id: Option<i64>,
    pub manager_name: Option<String>,
    pub manager_email: Option<String>,
    pub direct_report_count: i64,
}

/// A department with its size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub member_count: i64,
}

/// An account just created or reset, with the one-time temporary password to hand over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedPassword {
    pub person_id: i64,
    pub email: String,
    pub display_name: String,
    /// Shown once to the admin; the person must replace it at their next sign-in.
    pub temporary_password: String,
}

/// A person an import created, with the one-time link for their first sign-in, shown once to the
/// admin who imported them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedSignIn {
    pub person_id: i64,
    /// The line of the file the person came from, as the file numbers it (the header is line 1).
    pub line: u64,
    pub email: String,
    pub display_name: String,
    /// The link, "https://rebound.example/welcome?token=…": the person chooses their password there.
    pub sign_in_link: String,
    /// The last day the link works.
    pub expires_on: chrono::NaiveDate,
}

/// How far a new instance has come: what the first-run checklist on the admin's people page
/// ticks off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstRun {
    pub departments: i64,
    /// Active people, the admin included.
    pub people: i64,
    /// Active people who have a manager.
    pub reporting_lines: i64,
    pub organisation_named: bool,
    /// Whether at least one professional support contact is set.
    pub support_contacts_set: bool,
}

impl FirstRun {
    /// True once every step is done: the checklist then goes away.
    pub fn is_complete(&self) -> bool {
        self.departments > 0 && self.people > 1 && self.reporting_lines > 0 && self.organisation_named && self.support_contacts_set
    }
}

/// Organisation-wide settings an admin can change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationSettings {
    pub organisation_name: String,
    /// The minimum group size for HR statistics.
    pub privacy_k: i64,
    /// Days a closed plan is kept before it is erased.
    pub retention_days: i64,
    pub support: SupportContacts,
}

/// Longest support contact an admin can save (each of [`SupportContacts`]).
pub const MAX_CONTACT_LEN: usize = 300;

/// Where a manager can point someone when work-focused measures are not enough.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SupportContacts {
    pub occupational_health: String,
    pub employee_assistance: String,
    pub professional: String,
}
