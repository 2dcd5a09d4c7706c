//! The lists pages show: the team, a person's own plans, and everything a person may export.

use super::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A plan in a list (team page, my plans).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub id: i64,
    pub status: PlanStatus,
    pub outcome: Option<Outcome>,
    pub event_title: String,
    pub event_date: NaiveDate,
    pub next_check_in: Option<NaiveDate>,
    pub open_win_title: Option<String>,
    pub open_win_due: Option<NaiveDate>,
    pub tasks_done: i64,
    pub tasks_total: i64,
    /// The latest self-ratings (at most `SUMMARY_RATINGS` of them, set in the database layer), oldest first.
    pub confidence: Vec<u8>,
}

/// A direct report on the team page, with their current plan (active, else draft, else latest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub person_id: i64,
    pub name: String,
    pub department: Option<String>,
    pub plan: Option<PlanSummary>,
}

/// The team page's data; `today` is the server's date, so both sides judge "overdue" alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamOverview {
    pub today: NaiveDate,
    pub members: Vec<TeamMember>,
}

/// Someone a manager may open a plan for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCandidate {
    pub name: String,
    /// The server's date (event dates cannot be later).
    pub today: NaiveDate,
}

/// The employee's own plans with who can read them and who has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPlans {
    pub plans: Vec<PlanSummary>,
    /// Names of the people who can read the employee's plans right now.
    pub readers: Vec<String>,
    pub access_log: Vec<AccessEntry>,
}

/// Everything a person may export about themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyData {
    pub exported_at: DateTime<Utc>,
    pub name: String,
    pub email: String,
    pub department: Option<String>,
    pub manager: Option<String>,
    /// The shared parts of their active and closed plans, including what they wrote.
    pub plans: Vec<PlanView>,
    /// Who read or changed their plans, and when.
    pub access_log: Vec<AccessEntry>,
    /// Which emails they get.
    pub email_choices: EmailChoices,
    /// Their own time zone, if they chose one.
    pub time_zone: Option<String>,
    /// Since when their calendar feed has been on (its address is never kept, only its hash).
    pub calendar_feed_since: Option<DateTime<Utc>>,
}
