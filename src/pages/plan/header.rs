//! The top of a plan: what is next (the next check-in, the open small win, tasks due and overdue,
//! days since the event) and the one action that comes next, with links to every section.

use crate::components::format::day;
use crate::model::{PlanStatus, PlanTask, PlanView, TaskStatus, Viewpoint};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::sync::Arc;

/// How many days ahead a task counts as due soon.
const DUE_SOON_DAYS: i64 = 7;

/// The plan's next action: what it says and the section it leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NextAction {
    pub label: String,
    pub anchor: &'static str,
}

/// The single most pressing thing to do on the plan now, for its viewer; none on a closed plan.
pub(super) fn next_action(plan: &PlanView) -> Option<NextAction> {
    let action = |label: &str, anchor| Some(NextAction { label: label.to_owned(), anchor });
    let today = plan.today;
    let check_in_due = plan.next_check_in.is_some_and(|next| next <= today);
    let overdue_tasks = plan.tasks.iter().any(|task| is_open(task) && task.due_date.is_some_and(|due| due < today));
    match (plan.viewpoint, plan.status) {
        (_, PlanStatus::Closed) => None,
        (Viewpoint::Manager, PlanStatus::Draft) => action("Review the plan, then activate it to share it", "content"),
        (Viewpoint::Manager, _) if plan.small_wins.is_empty() => action("Set one small, visible win", "win-heading"),
        (Viewpoint::Manager, _) if check_in_due || plan.check_ins.is_empty() => action("Record the check-in", "checkins-heading"),
        (Viewpoint::Manager, _) if overdue_tasks => action("Look at the overdue tasks together", "tasks-heading"),
        (Viewpoint::Manager, _) if plan.next_check_in.is_none() => action("Schedule the next check-in", "checkins-heading"),
        (Viewpoint::Manager, _) => action("Record a check-in", "checkins-heading"),
        (Viewpoint::Employee, _) if plan.open_small_win().is_some() => action("Mark your small win done when it is", "win-heading"),
        (Viewpoint::Employee, _) if plan.upcoming_self_assessment.is_none() => action("Rate your confidence before the next one-on-one", "checkins-heading"),
        (Viewpoint::Employee, _) => action("Update your tasks", "tasks-heading"),
    }
}

fn is_open(task: &PlanTask) -> bool {
    matches!(task.status, TaskStatus::Todo | TaskStatus::InProgress)
}

/// Tasks still open that are overdue, and those due within a week.
pub(super) fn task_counts(tasks: &[PlanTask], today: NaiveDate) -> (usize, usize) {
    let open_due = || tasks.iter().filter(|task| is_open(task)).filter_map(|task| task.due_date);
    (open_due().filter(|due| *due < today).count(), open_due().filter(|due| *due >= today && (*due - today).num_days() <= DUE_SOON_DAYS).count())
}

/// The "what is next" panel.
#[component]
pub(super) fn PlanHeader(plan: Arc<PlanView>) -> impl IntoView {
    let today = plan.today;
    let days_since = (today - plan.event.date).num_days();
    let (overdue, due_soon) = task_counts(&plan.tasks, today);
    let next = next_action(&plan);
    let open_win = plan.open_small_win().cloned();
    view! {
        <section class="card plan-header" aria-labelledby="next-heading">
            <h2 id="next-heading">"What is next"</h2>
            <dl class="facts summary">
                <dt>"Since the event"</dt>
                <dd>{match days_since { 0 => "Today".to_owned(), 1 => "1 day".to_owned(), days => format!("{days} days") }} <span class="muted">{format!(" ({})", day(plan.event.date))}</span></dd>
                <dt>"Next check-in"</dt>
                <dd>{match plan.next_check_in {
                    Some(next) if next < today => view! { <span class="overdue">{format!("{} (overdue)", day(next))}</span> }.into_any(),
                    Some(next) if next == today => view! { <strong>{format!("Today, {}", day(next))}</strong> }.into_any(),
                    Some(next) => day(next).into_any(),
                    None => view! { <span class="muted">"Not scheduled"</span> }.into_any(),
                }}</dd>
                <dt>"Small win"</dt>
                <dd>{match (open_win, plan.small_wins.is_empty()) {
                    (Some(win), _) => format!("{}, due {}{}", win.title, day(win.due_date), if win.due_date < today { " (overdue)" } else { "" }),
                    (None, true) => "None set yet".to_owned(),
                    (None, false) => "Done".to_owned(),
                }}</dd>
                <dt>"Tasks"</dt>
                <dd>{match (overdue, due_soon) {
                    (0, 0) => "Nothing due this week".to_owned(),
                    (0, soon) => format!("{soon} due this week"),
                    (late, 0) => format!("{late} overdue"),
                    (late, soon) => format!("{late} overdue, {soon} due this week"),
                }}</dd>
            </dl>
            {next.map(|next| view! { <p class="next-action"><a class="button primary" href=format!("#{}", next.anchor)>{next.label}</a></p> })}
        </section>
    }
}

/// Links to every section of the plan; sticky beside the plan on a wide screen.
#[component]
pub(super) fn SectionNav(plan: Arc<PlanView>) -> impl IntoView {
    let manager = plan.viewpoint == Viewpoint::Manager;
    let closable = manager && plan.status != PlanStatus::Closed;
    let links = [
        (true, "next-heading", "What is next"),
        (true, "progress-heading", "Progress"),
        (true, "debrief-heading", "Debrief"),
        (true, "win-heading", "Small win"),
        (true, "tasks-heading", "Development plan"),
        (true, "milestones-heading", "Milestones"),
        (true, "goals-heading", "Goals"),
        (true, "checkins-heading", "Check-ins"),
        (manager, "notes-heading", "Private notes"),
        (true, "timeline-heading", "Timeline"),
        (closable, "close-heading", "Close the plan"),
    ];
    view! {
        <nav class="plan-nav" aria-label="Sections of this plan">
            <ul>
                {links.into_iter().filter(|(shown, _, _)| *shown).map(|(_, anchor, label)| view! { <li><a href=format!("#{anchor}")>{label}</a></li> }).collect_view()}
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TaskKind;

    fn task(status: TaskStatus, due: Option<NaiveDate>) -> PlanTask {
        PlanTask {
            id: 1,
            kind: TaskKind::Practice,
            title: "t".into(),
            colleague: String::new(),
            hypothesis: String::new(),
            risk_level: None,
            result: String::new(),
            due_date: due,
            status,
        }
    }

    #[test]
    fn open_tasks_count_as_overdue_or_due_this_week() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let days = |n: i64| Some(today + chrono::Duration::days(n));
        let tasks = [
            task(TaskStatus::Todo, days(-1)),
            task(TaskStatus::Done, days(-3)),
            task(TaskStatus::InProgress, days(0)),
            task(TaskStatus::Todo, days(7)),
            task(TaskStatus::Todo, days(8)),
            task(TaskStatus::Dropped, days(2)),
            task(TaskStatus::Todo, None),
        ];
        assert_eq!(task_counts(&tasks, today), (1, 2));
    }
}
