//! The small win, tasks and milestones a template suggested, checked row by row as the
//! single-item forms check them, so a template can never save what the manual form refuses.

use super::{PlanDates, at};
use crate::model::forms::StarterForm;
use crate::model::{AppError, PlanTask, TaskKind, check_plan_date, parse_date, parse_optional_date, required_title};
use chrono::NaiveDate;

/// The small win, tasks and milestones a template suggested, as edited before saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarterItems {
    pub(in crate::server::plans) small_win: Option<String>,
    pub(in crate::server::plans) tasks: Vec<PlanTask>,
    pub(in crate::server::plans) milestones: Vec<(String, NaiveDate)>,
}

/// A refusal about row `index` of the starter list `list` (`task_titles`, `milestone_dates`...).
fn in_row(list: &'static str, index: usize) -> impl FnOnce(String) -> AppError {
    move |message| AppError::Field { field: format!("{list}[{index}]"), message }
}

/// The starter list that holds what the task form calls `field`.
fn starter_list(field: &str) -> &'static str {
    match field {
        "colleague" => "task_colleagues",
        "hypothesis" => "task_hypotheses",
        "risk_level" => "task_risks",
        "due_date" => "task_due",
        _ => "task_titles",
    }
}

impl StarterItems {
    /// Checks the suggested items; rows whose title was cleared are left out. A suggested task is
    /// checked as the task form checks one ([`PlanTask::checked`]); a refusal names the row's own
    /// field (`task_hypotheses[1]`), so the message shows beside it.
    pub fn parse(form: StarterForm) -> Result<Self, AppError> {
        let small_win = match form.small_win.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(title) => Some(at("small_win", required_title("the small win", title))?),
        };
        let (kinds, titles, due) = (form.task_kinds.unwrap_or_default(), form.task_titles.unwrap_or_default(), form.task_due.unwrap_or_default());
        let (colleagues, hypotheses, risks) = (form.task_colleagues.unwrap_or_default(), form.task_hypotheses.unwrap_or_default(), form.task_risks.unwrap_or_default());
        if kinds.len() != titles.len() || due.len() != titles.len() {
            return Err(AppError::invalid("Each suggested task needs a kind, a title and a due date field."));
        }
        let field = |values: &[String], index: usize| values.get(index).cloned().unwrap_or_default();
        let mut tasks = Vec::new();
        for (index, title) in titles.iter().enumerate() {
            if title.trim().is_empty() {
                continue;
            }
            let kind = TaskKind::parse(&kinds[index]).ok_or_else(|| AppError::invalid("Choose the kind of each suggested task."))?;
            let due_date = parse_optional_date("a task's due date", &due[index]).map_err(in_row("task_due", index))?;
            let task = PlanTask::checked(kind, title, &field(&colleagues, index), &field(&hypotheses, index), &field(&risks, index), due_date).map_err(|error| match error {
                AppError::Field { field, message } => in_row(starter_list(&field), index)(message),
                other => other,
            })?;
            tasks.push(task);
        }
        let (titles, dates) = (form.milestone_titles.unwrap_or_default(), form.milestone_dates.unwrap_or_default());
        if titles.len() != dates.len() {
            return Err(AppError::invalid("Each suggested milestone needs a title and a date field."));
        }
        let mut milestones = Vec::new();
        for (index, (title, date)) in titles.iter().zip(&dates).enumerate() {
            if title.trim().is_empty() {
                continue;
            }
            let target = parse_date("a milestone's target date", date).map_err(in_row("milestone_dates", index))?;
            milestones.push((required_title("the milestone", title).map_err(in_row("milestone_titles", index))?, target));
        }
        Ok(Self { small_win, tasks, milestones })
    }

    /// Every suggested date falls within the plan.
    pub fn check_dates(&self, dates: PlanDates) -> Result<(), AppError> {
        for due in self.tasks.iter().filter_map(|task| task.due_date) {
            check_plan_date("a task's due date", due, dates.event).map_err(AppError::Invalid)?;
        }
        for (_, target) in &self.milestones {
            check_plan_date("a milestone's target date", *target, dates.event).map_err(AppError::Invalid)?;
        }
        Ok(())
    }
}
