//! The rules plan input must meet, shared by the forms (limits shown before they bite) and the
//! server (which refuses what breaks them): text lengths, dates, ratings, working days.

use super::{AppError, DAY_FORMAT, PlanTask, RiskLevel, TaskKind, TaskStatus};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

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

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
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
}
