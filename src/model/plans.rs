//! Recovery plans as the pages see them, their vocabularies, and the rules their input must meet.

use super::{AppError, AuditAction, SupportContacts};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
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

impl PlanTask {
    /// A new task to do, checked the same way wherever it comes from (the task form, a template):
    /// it has a title, paired work names its colleague, a micro-experiment states its hypothesis and
    /// risk; fields that do not apply to the kind are dropped, so nothing is stored that the plan
    /// never shows.
    pub fn checked(kind: TaskKind, title: &str, colleague: &str, hypothesis: &str, risk_level: &str, due_date: Option<NaiveDate>) -> Result<PlanTask, AppError> {
        let title = required_title("the task", title).map_err(AppError::at("title"))?;
        let colleague = if kind == TaskKind::PairedWork { optional_text("the colleague's name", colleague).map_err(AppError::at("colleague"))? } else { String::new() };
        if kind == TaskKind::PairedWork && colleague.is_empty() {
            return Err(AppError::at("colleague")(format!("Paired work needs the colleague's name (\u{201c}{}\u{201d}).", clip(&title))));
        }
        let (hypothesis, risk_level) = if kind == TaskKind::MicroExperiment {
            let hypothesis = optional_text("the hypothesis", hypothesis).map_err(AppError::at("hypothesis"))?;
            if hypothesis.is_empty() {
                return Err(AppError::at("hypothesis")(format!("A micro-experiment needs a hypothesis: what do you expect to happen (\u{201c}{}\u{201d})?", clip(&title))));
            }
            let risk = RiskLevel::parse(risk_level.trim())
                .ok_or_else(|| AppError::at("risk_level")(format!("A micro-experiment needs a risk level: low, medium or high (\u{201c}{}\u{201d}).", clip(&title))))?;
            (hypothesis, Some(risk))
        } else {
            (String::new(), None)
        };
        Ok(PlanTask { id: 0, kind, title, colleague, hypothesis, risk_level, result: String::new(), due_date, status: TaskStatus::Todo })
    }
}

/// The first words of a long text, to name it in a message.
fn clip(text: &str) -> String {
    let clipped: String = text.chars().take(40).collect();
    if clipped.len() < text.len() { format!("{clipped}\u{2026}") } else { clipped }
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

/// How much of a plan's history a view lists in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// The latest [`RECENT_CHECK_INS`] check-ins and [`RECENT_TIMELINE_ENTRIES`] timeline entries.
    Recent,
    /// Every check-in and timeline entry.
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
    pub private_notes: Vec<PrivateNote>,
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

/// Longest short text (titles, names).
pub const MAX_TITLE_LEN: usize = 120;
/// Longest free text (debrief parts, summaries, notes).
pub const MAX_TEXT_LEN: usize = 4_000;
/// Small wins are due within this many working days by default.
pub const SMALL_WIN_DEFAULT_WORKING_DAYS: u32 = 5;
/// Past this many working days a small win is no longer "within days": the form warns.
pub const SMALL_WIN_WARN_WORKING_DAYS: u32 = 10;

/// Checks a required short text.
pub fn required_title(what: &str, text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("Enter {what}."));
    }
    bounded(what, text, MAX_TITLE_LEN)
}

/// Checks an optional free text.
pub fn optional_text(what: &str, text: &str) -> Result<String, String> {
    bounded(what, text.trim(), MAX_TEXT_LEN)
}

fn bounded(what: &str, text: &str, max: usize) -> Result<String, String> {
    if text.chars().count() > max {
        return Err(format!("{} can be at most {max} characters.", capitalise(what)));
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(format!("{} contains characters that cannot be saved.", capitalise(what)));
    }
    Ok(text.to_owned())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

/// Parses a date from a form (`YYYY-MM-DD`).
pub fn parse_date(what: &str, text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| format!("Enter {what} as a date (YYYY-MM-DD)."))
}

/// Parses an optional date ("" means none).
pub fn parse_optional_date(what: &str, text: &str) -> Result<Option<NaiveDate>, String> {
    if text.trim().is_empty() { Ok(None) } else { parse_date(what, text).map(Some) }
}

/// Checks an event date: not in the future, and not implausibly long ago.
pub fn check_event_date(date: NaiveDate, today: NaiveDate) -> Result<(), String> {
    if date > today {
        Err("The event date cannot be in the future.".into())
    } else if date < today - Duration::days(2 * 366) {
        Err("The event date is more than two years ago; a recovery plan is for recent setbacks.".into())
    } else {
        Ok(())
    }
}

/// Checks a date that something is due or planned for: not before the event, within two years.
pub fn check_plan_date(what: &str, date: NaiveDate, event_date: NaiveDate) -> Result<(), String> {
    if date < event_date {
        Err(format!("{} cannot be before the event ({}).", capitalise(what), event_date.format(DAY_FORMAT)))
    } else if date > event_date + Duration::days(2 * 366) {
        Err(format!("{} is more than two years after the event; choose a nearer date.", capitalise(what)))
    } else {
        Ok(())
    }
}

/// Parses a 1-5 rating ("" means not given).
pub fn parse_rating(what: &str, text: &str) -> Result<Option<u8>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u8>() {
        Ok(rating @ 1..=5) => Ok(Some(rating)),
        _ => Err(format!("{} must be a whole number from 1 to 5.", capitalise(what))),
    }
}

/// The date `count` working days (Monday to Friday) after `from`.
pub fn add_working_days(from: NaiveDate, count: u32) -> NaiveDate {
    let mut date = from;
    let mut left = count;
    while left > 0 {
        date += Duration::days(1);
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    date
}

/// Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut count = 0;
    let mut date = from;
    while date < to {
        date += Duration::days(1);
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {

    #[test]
    fn tasks_keep_only_the_fields_of_their_kind_and_need_the_ones_it_requires() {
        let practice = PlanTask::checked(TaskKind::Practice, "Dry run", "Lena", "It works", "low", None).unwrap();
        assert_eq!((practice.colleague.as_str(), practice.hypothesis.as_str(), practice.risk_level), ("", "", None), "inapplicable fields are not stored");
        let paired = PlanTask::checked(TaskKind::PairedWork, "Co-present", "Lena", "ignored", "high", None).unwrap();
        assert_eq!((paired.colleague.as_str(), paired.hypothesis.as_str(), paired.risk_level), ("Lena", "", None));
        let experiment = PlanTask::checked(TaskKind::MicroExperiment, "Try it", "Lena", "Small steps help", "low", None).unwrap();
        assert_eq!((experiment.colleague.as_str(), experiment.hypothesis.as_str(), experiment.risk_level), ("", "Small steps help", Some(RiskLevel::Low)));
        let refusal = |result: Result<PlanTask, AppError>| {
            let error = result.unwrap_err();
            (error.field().map(str::to_owned), error.to_string())
        };
        let (field, message) = refusal(PlanTask::checked(TaskKind::PairedWork, "Co-present", " ", "", "", None));
        assert!(field.as_deref() == Some("colleague") && message.contains("colleague"), "{message}");
        let (field, message) = refusal(PlanTask::checked(TaskKind::MicroExperiment, "Try it", "", "Small steps help", "", None));
        assert!(field.as_deref() == Some("risk_level") && message.contains("risk level"), "{message}");
        let (field, message) = refusal(PlanTask::checked(TaskKind::MicroExperiment, "Try it", "", "", "low", None));
        assert!(field.as_deref() == Some("hypothesis") && message.contains("hypothesis"), "{message}");
        let (field, message) = refusal(PlanTask::checked(TaskKind::MicroExperiment, "Try it", "", "x", "extreme", None));
        assert!(field.as_deref() == Some("risk_level") && message.contains("low, medium or high"), "{message}");
        let (field, _) = refusal(PlanTask::checked(TaskKind::Practice, " ", "", "", "", None));
        assert_eq!(field.as_deref(), Some("title"));
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

    use super::*;

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

    #[test]
    fn working_days_skip_weekends() {
        // 2026-11-27 is a Friday.
        assert_eq!(add_working_days(date("2026-11-27"), 1), date("2026-11-30"));
        assert_eq!(add_working_days(date("2026-11-27"), 5), date("2026-12-04"));
        assert_eq!(working_days_between(date("2026-11-27"), date("2026-12-04")), 5);
        assert_eq!(working_days_between(date("2026-12-04"), date("2026-11-27")), 0);
    }

    #[test]
    fn dates_must_be_sane_relative_to_the_event_and_today() {
        let today = date("2026-11-29");
        assert!(check_event_date(date("2026-11-20"), today).is_ok());
        assert!(check_event_date(date("2026-11-30"), today).unwrap_err().contains("future"));
        assert!(check_event_date(date("2023-01-01"), today).is_err());
        let event = date("2026-11-20");
        assert!(check_plan_date("the due date", date("2026-11-19"), event).unwrap_err().starts_with("The due date cannot be before"));
        assert!(check_plan_date("the due date", date("2026-11-20"), event).is_ok());
        assert!(check_plan_date("the due date", date("2029-01-01"), event).is_err());
        assert!(parse_date("the date", "29/11/2026").is_err());
        assert_eq!(parse_optional_date("the date", " ").unwrap(), None);
    }

    #[test]
    fn ratings_are_whole_numbers_from_one_to_five() {
        assert_eq!(parse_rating("confidence", "3"), Ok(Some(3)));
        assert_eq!(parse_rating("confidence", ""), Ok(None));
        for bad in ["0", "6", "2.5", "-1", "three"] {
            assert!(parse_rating("confidence", bad).unwrap_err().starts_with("Confidence must be"), "{bad}");
        }
    }

    #[test]
    fn texts_are_trimmed_bounded_and_printable() {
        assert_eq!(required_title("a title", "  Demo  "), Ok("Demo".into()));
        assert!(required_title("a title", " ").unwrap_err().contains("Enter a title"));
        assert!(required_title("a title", &"x".repeat(121)).is_err());
        assert!(optional_text("the summary", &"x".repeat(4_001)).is_err());
        assert_eq!(optional_text("the summary", "line one\nline two"), Ok("line one\nline two".into()));
        assert!(optional_text("the summary", "bell\u{7}").is_err());
    }
}
