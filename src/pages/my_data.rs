//! `/my-data`: everything Rebound holds about the signed-in person, as a printable page (the same
//! data downloads as JSON from `/my-data.json`).

use crate::api::plans::export_my_data;
use crate::components::format::{day, moment};
use crate::components::loaded::Loaded;
use crate::model::PlanView;
use leptos::prelude::*;
use leptos_meta::Title;

/// The printable export.
#[component]
pub fn MyDataPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| export_my_data());
    view! {
        <Title text="My data" />
        <h1>"My data"</h1>
        <p class="lead">"Everything Rebound holds about you. Print this page, or " <a href="/my-data.json" rel="external" download="my-rebound-data.json">"download it as JSON"</a> "."</p>
        <Loaded data=data show=move |data| {
                view! {
                    <section class="card">
                        <h2>"About you"</h2>
                        <dl class="facts">
                            <dt>"Name"</dt><dd>{data.name}</dd>
                            <dt>"Email"</dt><dd>{data.email}</dd>
                            <dt>"Department"</dt><dd>{data.department.unwrap_or_else(|| "—".into())}</dd>
                            <dt>"Manager"</dt><dd>{data.manager.unwrap_or_else(|| "—".into())}</dd>
                            <dt>"Exported"</dt><dd>{format!("{} UTC", moment(data.exported_at))}</dd>
                            <dt>"Emails"</dt><dd>{email_choices(&data.email_choices)}</dd>
                            <dt>"Time zone"</dt><dd>{data.time_zone.clone().unwrap_or_else(|| "the organisation’s".into())}</dd>
                            <dt>"Calendar feed"</dt><dd>{data.calendar_feed_since.map_or_else(|| "off".to_owned(), |since| format!("on since {} UTC", moment(since)))}</dd>
                        </dl>
                    </section>
                    {data.plans.into_iter().map(|plan| view! { <PlanExport plan /> }).collect_view()}
                    <section class="card">
                        <h2>"Who opened or changed your plans"</h2>
                        <ul class="plain">
                            {data.access_log.into_iter().map(|entry| view! {
                                <li>{format!("{} · {} {}", moment(entry.at), entry.actor, entry.action)}</li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
        } />
    }
}

#[component]
fn PlanExport(plan: PlanView) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{format!("Plan: {} ({})", plan.event.title, plan.status.label())}</h2>
            <dl class="facts">
                <dt>"Event"</dt><dd>{format!("{} on {}", plan.event.title, day(plan.event.date))}</dd>
                <dt>"What happened"</dt><dd class="prose">{plan.debrief.what_happened}</dd>
                <dt>"What is known"</dt><dd class="prose">{plan.debrief.what_is_known}</dd>
                <dt>"Open questions"</dt><dd class="prose">{plan.debrief.open_questions}</dd>
                <dt>"One technical fix"</dt><dd>{plan.debrief.technical_fix}</dd>
                <dt>"One communication change"</dt><dd>{plan.debrief.communication_change}</dd>
            </dl>
            <h3>"Small wins"</h3>
            <ul>{plan.small_wins.into_iter().map(|w| view! { <li>{format!("{} (due {}{})", w.title, day(w.due_date), w.done_on.map(|d| format!(", done {}", day(d))).unwrap_or_default())}</li> }).collect_view()}</ul>
            <h3>"Tasks"</h3>
            <ul>{plan.tasks.into_iter().map(|t| view! { <li>{task_line(&t)}</li> }).collect_view()}</ul>
            <h3>"Milestones"</h3>
            <ul>{plan.milestones.into_iter().map(|m| view! { <li>{format!("{} (by {}{})", m.title, day(m.target_date), m.reached_on.map(|d| format!(", reached {}", day(d))).unwrap_or_default())}</li> }).collect_view()}</ul>
            <h3>"Goals, for now"</h3>
            <ul>{plan.goals.into_iter().map(|g| view! { <li>{format!("{}: usually {}; for now {} (until {})", g.goal, g.usual_scope, g.temporary_scope, day(g.restore_by))}</li> }).collect_view()}</ul>
            {plan.upcoming_self_assessment.map(|upcoming| view! {
                <p>{format!("Your rating for the next one-on-one: {} (given {}). {}",
                    upcoming.self_confidence.map(|r| format!("{r} of 5")).unwrap_or_else(|| "—".into()),
                    day(upcoming.rated_at.date_naive()),
                    if upcoming.reflection.is_empty() { String::new() } else { format!("Your reflection: {}", upcoming.reflection) })}</p>
            })}
            <h3>"Check-ins"</h3>
            <ul>{plan.check_ins.into_iter().map(|c| view! {
                <li>{format!("{}: your confidence {}, readiness {}. {} {}", day(c.held_on),
                    c.self_confidence.map(|r| r.to_string()).unwrap_or_else(|| "—".into()),
                    c.observed_readiness.map(|r| r.to_string()).unwrap_or_else(|| "—".into()),
                    c.shared_summary,
                    if c.employee_reflection.is_empty() { String::new() } else { format!("Your reflection: {}", c.employee_reflection) })}</li>
            }).collect_view()}</ul>
        </section>
    }
}

/// One task as the export lists it: its kind, title and status, then whichever details it has.
fn task_line(task: &crate::model::PlanTask) -> String {
    let mut line = format!("{}: {} ({})", task.kind.label(), task.title, task.status.label());
    for (label, detail) in [("with", &task.colleague), ("hypothesis", &task.hypothesis), ("result", &task.result)] {
        if !detail.is_empty() {
            line.push_str(&format!(" · {label}: {detail}"));
        }
    }
    line
}

/// The emails a person gets, in words.
fn email_choices(choices: &crate::model::EmailChoices) -> String {
    let on = |on: bool| if on { "on" } else { "off" };
    format!("reminders {}, when something is shared {}, weekly summary {}", on(choices.reminders), on(choices.shared), on(choices.digest))
}
