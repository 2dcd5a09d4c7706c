//! `/` for a signed-in person: what needs them now and this week, on the plans they may see.

use crate::api::agenda::load_today;
use crate::components::format::day;
use crate::components::loaded::Loaded;
use crate::model::{DueItem, DueKind, QUIET_DAYS, QuietPlan, Today, Viewer};
use leptos::prelude::*;
use leptos_meta::Title;

/// The Today page.
#[component]
pub fn TodayPage(viewer: Viewer) -> impl IntoView {
    let today = Resource::new(|| (), |_| load_today());
    let places = Places::of(&viewer);
    view! {
        <Title text="Today" />
        <h1>"Today"</h1>
        <Loaded data=today show=move |page: Today| {
            let places = places.clone();
            if page.is_empty() {
                return view! {
                    <section class="card today-empty" aria-labelledby="nothing-heading">
                        <h2 id="nothing-heading">"Nothing needs you this week"</h2>
                        <p>"No check-in, small win, task or milestone is due in the next seven days on the plans you can see."</p>
                        <Shortcuts places />
                    </section>
                }.into_any();
            }
            let date = page.today.map(day).unwrap_or_default();
            let calm = page.overdue.is_empty() && page.due_today.is_empty() && page.quiet.is_empty();
            view! {
                <p class="lead">{format!("What needs you on {date} and over the next six days.")}</p>
                {calm.then(|| view! { <p class="notice success" role="status">"Nothing is overdue or due today."</p> })}
                <Group id="overdue" heading="Overdue" items=page.overdue />
                <Group id="due-today" heading="Due today" items=page.due_today />
                {(!page.quiet.is_empty()).then(|| view! { <Quiet plans=page.quiet /> })}
                <Group id="this-week" heading="Later this week" items=page.this_week />
                <Shortcuts places />
            }.into_any()
        } />
    }
}

/// The places a person has, linked under the list.
#[derive(Clone)]
struct Places {
    team: bool,
}

impl Places {
    fn of(viewer: &Viewer) -> Self {
        Places { team: viewer.is_manager }
    }
}

#[component]
fn Shortcuts(places: Places) -> impl IntoView {
    view! {
        <p class="today-shortcuts">
            {places.team.then(|| view! { <a href="/team">"My team"</a> " · " })}
            <a href="/my-plan">{if places.team { "My own plans" } else { "My plans" }}</a>
            " · "
            <a href="/account#calendar">"Put these dates in my calendar"</a>
        </p>
    }
}

/// One group of items, as a list, left out when empty: each says when, what and with whom, and
/// links to the plan's section.
#[component]
fn Group(id: &'static str, heading: &'static str, items: Vec<DueItem>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        let (heading_id, labelled_by) = (format!("{id}-heading"), format!("{id}-heading"));
        view! {
            <section class="card today-group" id=id aria-labelledby=labelled_by>
                <h2 id=heading_id>{heading} <span class="count">{format!(" ({})", items.len())}</span></h2>
                <ul class="plain due-list">{items.into_iter().map(|item| view! { <Item item /> }).collect_view()}</ul>
            </section>
        }
    })
}

#[component]
fn Item(item: DueItem) -> impl IntoView {
    let with = item.person.clone().unwrap_or_else(|| "your manager".into());
    let (what, section) = match item.kind {
        DueKind::CheckIn => (format!("Check-in with {with}"), "checkins-heading"),
        DueKind::SmallWin => (format!("Small win: {}", item.title), "win-heading"),
        DueKind::Task => (format!("Task: {}", item.title), "tasks-heading"),
        DueKind::Milestone => (format!("Milestone: {}", item.title), "milestones-heading"),
    };
    // Whose plan, where the words above do not already say.
    let whose = match (item.kind, item.own) {
        (DueKind::CheckIn, _) => None,
        (_, true) => Some("your plan".to_owned()),
        (_, false) => item.person.clone(),
    };
    view! {
        <li class="due-item">
            <span class="due-date">{day(item.due)}</span>
            <a href=format!("/plans/{}#{section}", item.plan_id)>{what}</a>
            {whose.map(|whose| view! { <span class="muted">{format!(" · {whose}")}</span> })}
        </li>
    }
}

/// Plans with no check-in for three weeks.
#[component]
fn Quiet(plans: Vec<QuietPlan>) -> impl IntoView {
    view! {
        <section class="card today-group" id="quiet" aria-labelledby="quiet-heading">
            <h2 id="quiet-heading">{format!("No check-in for {} weeks ({})", QUIET_DAYS / 7, plans.len())}</h2>
            <p class="hint">"A plan that goes quiet loses the person it is for. A short check-in this week keeps it alive."</p>
            <ul class="plain due-list">
                {plans.into_iter().map(|plan| view! {
                    <li class="due-item">
                        <span class="due-date">{match plan.last_check_in {
                            Some(last) => format!("last {}", day(last)),
                            None => "none yet".to_owned(),
                        }}</span>
                        <a href=format!("/plans/{}#checkins-heading", plan.plan_id)>{format!("Check in with {}", plan.person)}</a>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
