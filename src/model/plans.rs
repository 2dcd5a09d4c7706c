//! Recovery plans as the pages see them and their vocabularies. The rules their input must meet
//! are in `checks`; the access log's wording in `audit`.

use super::SupportContacts;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

word_enum!(
    /// Where a plan is in its life.
    PlanStatus { Draft = "draft": "Draft", Active = "active": "Active", Closed = "closed": "Closed" }
);
word_enum!(
    /// How a closed plan ended.
    Outcome {
        Recovered = "recovered": "Recovered",
        PartlyRecovered = "partly_recovered": "Partly recovered",
        ReferredToSupport = "referred_to_support": "Referred to support",
        Withdrawn = "withdrawn": "Withdrawn",
    }
);
word_enum!(
    /// Whether the failure happened in front of others.
    Visibility { Public = "public": "Public", Private = "private": "Private" }
);
word_enum!(
    /// How the employee wants their small win recognised.
    Recognition { Private = "private": "Privately", Team = "team": "In the team", Public = "public": "Publicly" }
);
word_enum!(
    /// The kinds of development-plan task.
    TaskKind {
        Practice = "practice": "Practice",
        PairedWork = "paired_work": "Paired work",
        MicroExperiment = "micro_experiment": "Micro-experiment",
        Shadowing = "shadowing": "Shadowing",
    }
);
word_enum!(
    /// Where a task stands.
    TaskStatus { Todo = "todo": "To do", InProgress = "in_progress": "In progress", Done = "done": "Done", Dropped = "dropped": "Dropped" }
);
word_enum!(
    /// How risky a micro-experiment is.
    RiskLevel { Low = "low": "Low", Medium = "medium": "Medium", High = "high": "High" }
);

/// Whose eyes a plan is rendered for; the server leaves out what the viewer may not see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewpoint {
    /// The employee's current manager: the whole plan.
    Manager,
    /// The employee: the shared parts only.
    Employee,
}

/// The failure the plan responds to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanEvent {
    pub title: String,
    pub date: NaiveDate,
    /// A pressure-point id from the playbook, or "other".
    pub kind: String,
    pub visibility: Visibility,
}

/// The fact-focused debrief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Debrief {
    pub what_happened: String,
    pub what_is_known: String,
    pub open_questions: String,
    /// Driver ids from the playbook.
    pub drivers: Vec<String>,
    pub technical_fix: String,
    pub communication_change: String,
}

/// The one small, visible win.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmallWin {
    pub id: i64,
    pub title: String,
    pub due_date: NaiveDate,
    pub recognition: Option<Recognition>,
    pub done_on: Option<NaiveDate>,
    pub created_on: NaiveDate,
}

/// The event and the debrief of a plan, as saved (checked on the server by
/// `server::plans::input`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventAndDebrief {
    pub event: PlanEvent,
    pub debrief: Debrief,
}

/// A development-plan task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTask {
    pub id: i64,
    pub kind: TaskKind,
    pub title: String,
    /// The named colleague for paired work.
    pub colleague: String,
    pub hypothesis: String,
    pub risk_level: Option<RiskLevel>,
    pub result: String,
    pub due_date: Option<NaiveDate>,
    pub status: TaskStatus,
}

/// How a day reads for people everywhere in the app ("1 Dec 2026"); exports use ISO 8601.
pub const DAY_FORMAT: &str = "%-d %b %Y";

/// An incremental milestone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: i64,
    pub title: String,
    pub target_date: NaiveDate,
    pub reached_on: Option<NaiveDate>,
}

/// A goal whose scope is temporarily reduced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalRecalibration {
    pub id: i64,
    pub goal: String,
    pub usual_scope: String,
    pub temporary_scope: String,
    pub restore_by: NaiveDate,
}

/// A one-on-one check-in. `signs` and `private_note` are empty for the employee's view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: i64,
    pub held_on: NaiveDate,
    pub self_confidence: Option<u8>,
    pub observed_readiness: Option<u8>,
    pub signs: Vec<String>,
    pub shared_summary: String,
    pub private_note: String,
    pub next_check_in: Option<NaiveDate>,
    pub employee_reflection: String,
}

/// One check-in's date and ratings. A plan view carries these for every check-in (the chart, its
/// table and the support check need them all) but the full text only for the check-ins it lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInRatings {
    pub held_on: NaiveDate,
    pub self_confidence: Option<u8>,
    pub observed_readiness: Option<u8>,
}

/// How a 1-5 rating reads on a page ("3 of 5"), or a dash when none was given.
pub fn rating_label(rating: Option<u8>) -> &'static str {
    match rating {
        Some(1) => "1 of 5",
        Some(2) => "2 of 5",
        Some(3) => "3 of 5",
        Some(4) => "4 of 5",
        Some(5) => "5 of 5",
        // Ratings are checked to be 1-5 on the way in; anything else reads as not given.
        _ => "—",
    }
}

/// How many of the latest check-ins and timeline entries a plan view lists before offering the
/// rest ([`History::All`]). A plan running for months keeps the page light; the chart still shows
/// every check-in.
pub const RECENT_CHECK_INS: usize = 10;
/// See [`RECENT_CHECK_INS`].
pub const RECENT_TIMELINE_ENTRIES: usize = 20;
/// See [`RECENT_CHECK_INS`]. Without a limit, a manager's page grew with every note ever kept:
/// under the benchmark's mixed load, to a thousand notes and a third of a second per view.
pub const RECENT_PRIVATE_NOTES: usize = 10;

/// How much of a plan's history a view lists in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// The latest [`RECENT_CHECK_INS`] check-ins, [`RECENT_TIMELINE_ENTRIES`] timeline entries
    /// and [`RECENT_PRIVATE_NOTES`] private notes.
    Recent,
    /// Every check-in, timeline entry and private note.
    All,
}

impl History {
    /// The posted word: nothing (or "recent") for the latest entries, "all" for everything.
    pub fn parse(word: Option<&str>) -> Option<Self> {
        match word.map(str::trim) {
            None | Some("" | "recent") => Some(Self::Recent),
            Some("all") => Some(Self::All),
            Some(_) => None,
        }
    }

    /// How many check-ins to list in full (`None`: all).
    pub fn check_in_limit(self) -> Option<usize> {
        (self == Self::Recent).then_some(RECENT_CHECK_INS)
    }

    /// How many timeline entries to list (`None`: all).
    pub fn timeline_limit(self) -> Option<usize> {
        (self == Self::Recent).then_some(RECENT_TIMELINE_ENTRIES)
    }

    /// How many private notes to list (`None`: all).
    pub fn private_note_limit(self) -> Option<usize> {
        (self == Self::Recent).then_some(RECENT_PRIVATE_NOTES)
    }
}

/// A manager-only note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PrivateNote {
    pub id: i64,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// The employee's own rating and reflection for the next one-on-one, given before it: saved with
/// the check-in the manager records next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpcomingSelfAssessment {
    pub self_confidence: Option<u8>,
    pub reflection: String,
    pub rated_at: DateTime<Utc>,
}

/// One line of the plan's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    pub description: String,
}

/// A whole plan as one viewer may see it. For the employee the server never loads private notes,
/// check-in private notes or observed signs, so they cannot leak through this type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    pub id: i64,
    pub viewpoint: Viewpoint,
    pub employee_id: i64,
    pub employee_name: String,
    /// The employee's current manager, if any.
    pub manager_name: Option<String>,
    pub status: PlanStatus,
    pub outcome: Option<Outcome>,
    pub event: PlanEvent,
    pub debrief: Debrief,
    pub small_wins: Vec<SmallWin>,
    pub tasks: Vec<PlanTask>,
    pub milestones: Vec<Milestone>,
    pub goals: Vec<GoalRecalibration>,
    /// Every check-in's date and ratings, oldest first; its length counts the check-ins.
    pub ratings: Vec<CheckInRatings>,
    /// The check-ins the view lists in full (the latest, or all: see [`History`]), oldest first.
    pub check_ins: Vec<CheckIn>,
    /// The private notes the view lists (the latest, or all), newest first; none for the employee.
    pub private_notes: Vec<PrivateNote>,
    /// How many private notes the plan has (0 for the employee).
    pub private_note_total: usize,
    /// The timeline entries the view lists (the latest, or all), oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// How many entries the whole timeline has.
    pub timeline_total: usize,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Today's date on the server, so both sides judge "overdue" alike.
    pub today: NaiveDate,
    /// The manager flagged that this needs more than a quick fix.
    pub support_flagged: bool,
    /// The next check-in the manager scheduled at the latest check-in they recorded.
    pub next_check_in: Option<NaiveDate>,
    /// The employee's rating waiting for the next check-in, if they gave one.
    pub upcoming_self_assessment: Option<UpcomingSelfAssessment>,
    /// The employee chose to keep this plan after it closes.
    pub keep_after_close: bool,
    /// When a closed plan will be erased (none while open, or when kept).
    pub erase_on: Option<NaiveDate>,
    /// The organisation's support contacts, for the "beyond a quick fix" card (manager view only).
    pub support: Option<SupportContacts>,
    /// Judging words in the debrief and check-in summaries (manager view only).
    pub language_notes: Vec<LanguageNote>,
}

/// A word in a plan's text that judges the person rather than the event, with a better way to say it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageNote {
    /// Which text it is in ("What happened", "Check-in of 2026-11-20 summary").
    pub field: String,
    pub phrase: String,
    pub suggestion: String,
}

/// True when the last three self-ratings are all 2 or lower and never rise: the sign that
/// work-focused measures are not restoring confidence and professional support should be offered.
pub fn confidence_stuck_low(check_ins: &[CheckInRatings]) -> bool {
    let mut ratings: Vec<(NaiveDate, u8)> = check_ins.iter().filter_map(|c| c.self_confidence.map(|r| (c.held_on, r))).collect();
    ratings.sort_by_key(|(date, _)| *date);
    let last: Vec<u8> = ratings.iter().rev().take(3).rev().map(|(_, rating)| *rating).collect();
    last.len() == 3 && last.iter().all(|rating| *rating <= 2) && last.windows(2).all(|pair| pair[1] <= pair[0])
}

impl PlanView {
    /// Whether the "beyond a quick fix" card shows: flagged, or confidence stuck low.
    pub fn needs_support(&self) -> bool {
        self.support_flagged || confidence_stuck_low(&self.ratings)
    }

    /// The small win still open, if any.
    pub fn open_small_win(&self) -> Option<&SmallWin> {
        self.small_wins.iter().find(|win| win.done_on.is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn rated(ratings: &[(u32, u8)]) -> Vec<CheckInRatings> {
        ratings
            .iter()
            .map(|(day, rating)| CheckInRatings { held_on: date("2026-11-01") + Duration::days(i64::from(*day)), self_confidence: Some(*rating), observed_readiness: None })
            .collect()
    }

    #[test]
    fn ratings_read_as_n_of_five_or_a_dash() {
        assert_eq!(rating_label(Some(3)), "3 of 5");
        assert_eq!(rating_label(Some(5)), "5 of 5");
        assert_eq!(rating_label(None), "—");
    }

    #[test]
    fn history_is_recent_unless_all_is_asked_for_and_unknown_words_are_refused() {
        assert_eq!(History::parse(None), Some(History::Recent));
        assert_eq!(History::parse(Some("")), Some(History::Recent));
        assert_eq!(History::parse(Some("all")), Some(History::All));
        assert_eq!(History::parse(Some("everything")), None);
        assert_eq!(History::Recent.check_in_limit(), Some(RECENT_CHECK_INS));
        assert_eq!(History::All.timeline_limit(), None);
    }

    #[test]
    fn support_is_suggested_when_the_last_three_self_ratings_stay_at_two_or_lower() {
        assert!(confidence_stuck_low(&rated(&[(1, 2), (8, 2), (15, 1)])));
        assert!(confidence_stuck_low(&rated(&[(1, 4), (8, 2), (15, 2), (22, 2)])));
        // Out of order in the list: dates decide which are the last three.
        assert!(confidence_stuck_low(&rated(&[(22, 1), (8, 2), (15, 2)])));
    }

    #[test]
    fn no_support_card_with_fewer_than_three_ratings_a_rise_or_a_higher_rating() {
        assert!(!confidence_stuck_low(&rated(&[(1, 1), (8, 1)])));
        assert!(!confidence_stuck_low(&rated(&[(1, 1), (8, 2), (15, 2)])), "a rise from 1 to 2 is progress");
        assert!(!confidence_stuck_low(&rated(&[(1, 2), (8, 3), (15, 2)])));
        assert!(!confidence_stuck_low(&rated(&[(1, 2), (8, 2), (15, 2), (22, 3)])));
    }

    #[test]
    fn words_round_trip_and_unknown_words_are_refused() {
        for status in TaskStatus::ALL {
            assert_eq!(TaskStatus::parse(status.as_str()), Some(*status));
        }
        assert_eq!(Outcome::parse("partly_recovered"), Some(Outcome::PartlyRecovered));
        assert_eq!(Outcome::parse("fired"), None);
        assert_eq!(TaskKind::PairedWork.label(), "Paired work");
    }
}
