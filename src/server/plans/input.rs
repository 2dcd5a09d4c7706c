//! Plan input, parsed at the edge: each form (`model::forms`) becomes a type that cannot hold a
//! bad value, and each refusal names the field it is about, so the page can open the section,
//! focus that field and keep what was typed.
//!
//! What can be checked from the form alone is checked here; what needs the plan (a date against
//! the plan's event, the day today) is checked by the rule that writes it, inside its
//! transaction (see [`PlanDates`]). Fields are readable by the rules (`pub(super)`) and nowhere
//! else, so only `parse` makes one of these.

use crate::model::forms::{CheckInForm, DebriefForm, GoalForm, MilestoneForm, ProgressForm, SelfAssessmentForm, SmallWinForm, StatusForm, TaskForm};
use crate::model::{
    AppError, CheckIn, Debrief, GoalRecalibration, Outcome, PlanEvent, PlanTask, TaskKind, TaskStatus, Visibility, check_event_date, check_plan_date, optional_text, parse_date,
    parse_optional_date, parse_rating, required_title,
};
use chrono::NaiveDate;

/// A check of one field: its form name and the sentence a refusal shows beside it.
fn at<T>(field: &'static str, checked: Result<T, String>) -> Result<T, AppError> {
    checked.map_err(AppError::at(field))
}

/// The event and debrief, checked. The event date is checked against today when the plan is
/// written ([`EventAndDebrief::check_date`]).
pub use crate::model::EventAndDebrief;

impl EventAndDebrief {
    /// Parses the debrief form.
    pub fn parse(form: DebriefForm) -> Result<Self, AppError> {
        let date = at("event_date", parse_date("the event date", &form.event_date))?;
        let kind = form.event_kind.trim().to_owned();
        if kind != "other" && crate::playbook::pressure_point(&kind).is_none() {
            return Err(AppError::at("event_kind")("Choose what kind of event it was.".into()));
        }
        let visibility = Visibility::parse(&form.event_visibility).ok_or_else(|| AppError::at("event_visibility")("Say whether it happened in public or in private.".into()))?;
        Ok(Self {
            event: PlanEvent { title: at("event_title", required_title("a short title for the event", &form.event_title))?, date, kind, visibility },
            debrief: Debrief {
                what_happened: at("what_happened", optional_text("what happened", &form.what_happened))?,
                what_is_known: at("what_is_known", optional_text("what is known", &form.what_is_known))?,
                open_questions: at("open_questions", optional_text("the open questions", &form.open_questions))?,
                drivers: known_ids("driver", form.drivers.unwrap_or_default(), |id| crate::playbook::driver(id).is_some())?,
                technical_fix: at("technical_fix", optional_text("the technical fix", &form.technical_fix))?,
                communication_change: at("communication_change", optional_text("the communication change", &form.communication_change))?,
            },
        })
    }

    /// The event happened, recently: not after `today`, not years ago.
    pub fn check_date(&self, today: NaiveDate) -> Result<(), AppError> {
        at("event_date", check_event_date(self.event.date, today))
    }
}

/// The dates a plan's parts are checked against: its event and the day today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanDates {
    pub event: NaiveDate,
    pub today: NaiveDate,
}

impl PlanDates {
    /// `date` (the form's `field`, described as `what`) is not before the event and within two
    /// years of it.
    pub fn check(&self, field: &'static str, what: &str, date: NaiveDate) -> Result<(), AppError> {
        at(field, check_plan_date(what, date, self.event))
    }
}

/// A development-plan task, checked as [`PlanTask::checked`] checks one; its due date is checked
/// against the plan with [`NewTask::check_dates`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTask(PlanTask);

impl NewTask {
    /// Parses the task form.
    pub fn parse(form: &TaskForm) -> Result<Self, AppError> {
        let kind = TaskKind::parse(&form.kind).ok_or_else(|| AppError::at("kind")("Choose the kind of task.".into()))?;
        let due_date = at("due_date", parse_optional_date("the due date", &form.due_date))?;
        Ok(Self(PlanTask::checked(kind, &form.title, &form.colleague, &form.hypothesis, &form.risk_level, due_date)?))
    }

    /// The due date, if any, falls within the plan.
    pub fn check_dates(&self, dates: PlanDates) -> Result<(), AppError> {
        match self.0.due_date {
            Some(due) => dates.check("due_date", "the due date", due),
            None => Ok(()),
        }
    }

    /// The task as stored.
    pub fn task(&self) -> &PlanTask {
        &self.0
    }
}

/// The one small win: a title and, if the manager chose one, the day it is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSmallWin {
    pub(super) title: String,
    pub(super) due: Option<NaiveDate>,
}

impl NewSmallWin {
    /// Parses the small-win form.
    pub fn parse(form: &SmallWinForm) -> Result<Self, AppError> {
        Ok(Self { title: at("title", required_title("the small win", &form.title))?, due: at("due_date", parse_optional_date("the due date", &form.due_date))? })
    }
}

/// Where a task stands now, and a micro-experiment's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskProgress {
    pub(super) status: TaskStatus,
    pub(super) result: String,
}

impl TaskProgress {
    /// Parses the progress form.
    pub fn parse(form: &ProgressForm) -> Result<Self, AppError> {
        let status = TaskStatus::parse(&form.status).ok_or_else(|| AppError::invalid("Choose a status: to do, in progress, done or dropped."))?;
        Ok(Self { status, result: at("result", optional_text("the result", form.result.as_deref().unwrap_or_default()))? })
    }
}

/// The day a milestone was reached, as the form sends it ("" clears it).
pub fn reached_on(text: &str) -> Result<Option<NaiveDate>, AppError> {
    at("reached_on", parse_optional_date("the date reached", text))
}

/// A milestone: a title and a target date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMilestone {
    pub(super) title: String,
    pub(super) target: NaiveDate,
}

impl NewMilestone {
    /// Parses the milestone form.
    pub fn parse(form: &MilestoneForm) -> Result<Self, AppError> {
        Ok(Self { title: at("title", required_title("the milestone", &form.title))?, target: at("target_date", parse_date("the target date", &form.target_date))? })
    }

    /// The target date falls within the plan.
    pub fn check_dates(&self, dates: PlanDates) -> Result<(), AppError> {
        dates.check("target_date", "the target date", self.target)
    }
}

/// A temporary goal recalibration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGoal(GoalRecalibration);

impl NewGoal {
    /// Parses the goal form.
    pub fn parse(form: &GoalForm) -> Result<Self, AppError> {
        Ok(Self(GoalRecalibration {
            id: 0,
            goal: at("goal", required_title("the goal", &form.goal))?,
            usual_scope: at("usual_scope", required_title("the usual scope", &form.usual_scope))?,
            temporary_scope: at("temporary_scope", required_title("the temporary scope", &form.temporary_scope))?,
            restore_by: at("restore_by", parse_date("the restore-by date", &form.restore_by))?,
        }))
    }

    /// The restore-by date falls within the plan.
    pub fn check_dates(&self, dates: PlanDates) -> Result<(), AppError> {
        dates.check("restore_by", "the restore-by date", self.0.restore_by)
    }

    /// A new goal's usual scope returns on a day still to come.
    pub fn check_not_past(&self, today: NaiveDate) -> Result<(), AppError> {
        if self.0.restore_by < today {
            return Err(AppError::at("restore_by")("The restore-by date is in the past: choose the day the usual scope returns.".into()));
        }
        Ok(())
    }

    /// The goal as stored, as the goal with id `id`.
    pub fn goal(&self, id: i64) -> GoalRecalibration {
        GoalRecalibration { id, ..self.0.clone() }
    }
}

/// A check-in as the manager records it. The employee's own rating is theirs to give (before the
/// meeting or after it), so a new check-in carries none of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCheckIn(CheckIn);

impl NewCheckIn {
    /// Parses the check-in form.
    pub fn parse(form: CheckInForm) -> Result<Self, AppError> {
        let held_on = at("held_on", parse_date("the check-in date", &form.held_on))?;
        let next_check_in = at("next_check_in", parse_optional_date("the next check-in", &form.next_check_in))?;
        if next_check_in.is_some_and(|next| next <= held_on) {
            return Err(AppError::at("next_check_in")("The next check-in must be after this one.".into()));
        }
        Ok(Self(CheckIn {
            id: 0,
            held_on,
            self_confidence: None,
            observed_readiness: at("observed_readiness", parse_rating("the observed readiness", &form.observed_readiness))?,
            signs: known_ids("warning sign", form.signs.unwrap_or_default(), |id| crate::playbook::sign(id).is_some())?,
            shared_summary: at("shared_summary", optional_text("the shared summary", &form.shared_summary))?,
            private_note: at("private_note", optional_text("the private note", &form.private_note))?,
            next_check_in,
            employee_reflection: String::new(),
        }))
    }

    /// Both dates fall within the plan, and the check-in has happened.
    pub fn check_dates(&self, dates: PlanDates) -> Result<(), AppError> {
        dates.check("held_on", "the check-in date", self.0.held_on)?;
        if self.0.held_on > dates.today {
            return Err(AppError::at("held_on")("Record a check-in once it has happened (its date cannot be in the future).".into()));
        }
        match self.0.next_check_in {
            Some(next) => dates.check("next_check_in", "the next check-in", next),
            None => Ok(()),
        }
    }

    /// The check-in as stored, with the employee's rating and reflection given before it.
    pub fn with_employee_view(&self, self_confidence: Option<u8>, employee_reflection: String) -> CheckIn {
        CheckIn { self_confidence, employee_reflection, ..self.0.clone() }
    }

    /// The day it was held.
    pub fn held_on(&self) -> NaiveDate {
        self.0.held_on
    }
}

/// Which check-in the employee's own rating is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatedCheckIn {
    /// A check-in already held.
    Held(i64),
    /// The next one, not yet held: the rating waits for it and leaves the schedule alone.
    Next,
}

/// The employee's own rating and reflection; at least one of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfAssessment {
    pub(super) check_in: RatedCheckIn,
    pub(super) rating: Option<u8>,
    pub(super) reflection: String,
}

impl SelfAssessment {
    /// Parses the self-assessment form. A check-in id that is not a number names no check-in of
    /// the plan, and is refused as such.
    pub fn parse(form: &SelfAssessmentForm) -> Result<Self, AppError> {
        let check_in = match form.check_in_id.trim() {
            "" => RatedCheckIn::Next,
            id => RatedCheckIn::Held(id.parse::<i64>().map_err(|_| AppError::invalid(CHECK_IN_NOT_HERE))?),
        };
        let rating = at("self_confidence", parse_rating("your confidence", &form.self_confidence))?;
        let reflection = at("reflection", optional_text("your reflection", &form.reflection))?;
        if rating.is_none() && reflection.is_empty() {
            return Err(AppError::invalid("Add a confidence rating, a reflection, or both."));
        }
        Ok(Self { check_in, rating, reflection })
    }
}

/// What a person is told when a check-in named in the request is not on the plan.
pub const CHECK_IN_NOT_HERE: &str = "That check-in is not on this plan.";

/// A status change asked for; see `plans::lifecycle::next_status` for which are allowed from where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusAction {
    Activate,
    Close(Outcome),
    Reopen,
}

impl StatusAction {
    /// Parses the status form: closing needs an outcome and a ticked confirmation, because a
    /// closed plan is read-only.
    pub fn parse(form: &StatusForm) -> Result<Self, AppError> {
        match form.action.trim() {
            "activate" => Ok(Self::Activate),
            "reopen" => Ok(Self::Reopen),
            "close" => {
                if !crate::model::forms::ticked(&form.confirm) {
                    return Err(AppError::at("confirm")("Tick the box to confirm you want to close the plan: a closed plan is read-only until reopened.".into()));
                }
                let outcome = form.outcome.as_deref().and_then(Outcome::parse).ok_or_else(|| AppError::at("outcome")("Choose how the plan ended.".into()))?;
                Ok(Self::Close(outcome))
            }
            _ => Err(AppError::invalid("Unknown plan action.")),
        }
    }
}

/// A non-empty manager-private note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateNoteText(pub(super) String);

impl PrivateNoteText {
    /// Parses the note's body.
    pub fn parse(body: &str) -> Result<Self, AppError> {
        let body = at("body", optional_text("the note", body))?;
        if body.is_empty() {
            return Err(AppError::at("body")("Write the note first.".into()));
        }
        Ok(Self(body))
    }
}

/// Ids chosen from a known list (drivers, warning signs), trimmed, blanks and repeats dropped.
fn known_ids(what: &str, ids: Vec<String>, exists: impl Fn(&str) -> bool) -> Result<Vec<String>, AppError> {
    let mut unique: Vec<String> = Vec::new();
    for id in ids.into_iter().map(|id| id.trim().to_owned()).filter(|id| !id.is_empty()) {
        if !exists(&id) {
            return Err(AppError::Invalid(format!("Unknown {what}: {}.", id.chars().take(40).collect::<String>())));
        }
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    Ok(unique)
}

mod starter;
pub use starter::StarterItems;

#[cfg(test)]
#[path = "input_tests.rs"]
mod tests;
