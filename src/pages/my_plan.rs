//! `/my-plan`: the employee's own plans (shared parts), who can read them and who has.

use crate::api::plans::load_my_plans;
use crate::components::format::{day, moment};
use crate::components::loaded::Loaded;
use crate::components::sparkline::Sparkline;
use leptos::prelude::*;
use leptos_meta::Title;

/// The employee's plans and access log.
#[component]
pub fn MyPlanPage() -> impl IntoView {
    let mine = Resource::new(|| (), |_| load_my_plans());
    view! {
        <Title text="My recovery plans" />
        <h1>"My recovery plans"</h1>
        <Loaded data=mine show=move |mine| {
                view! {
                    {if mine.plans.is_empty() {
                        view! { <p>"You have no recovery plans. If your manager shares one with you, it will appear here."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plan-list">
                                {mine.plans.into_iter().map(|plan| view! {
                                    <li class="card">
                                        <h2><a href=format!("/plans/{}", plan.id)>{plan.event_title}</a></h2>
                                        <p>
                                            <span class=format!("badge {}", plan.status.as_str())>{plan.status.label()}</span>
                                            {plan.outcome.map(|outcome| format!(" · {}", outcome.label()))}
                                            {format!(" · after {}", day(plan.event_date))}
                                        </p>
                                        {plan.open_win_title.map(|title| view! { <p>"Your small win: " {title} {plan.open_win_due.map(|due| format!(" (due {})", day(due)))}</p> })}
                                        <p>
                                            {format!("Tasks: {} of {} done", plan.tasks_done, plan.tasks_total)}
                                            {plan.next_check_in.map(|next| format!(" · next check-in {}", day(next)))}
                                        </p>
                                        <p>"Your confidence: " <Sparkline values=plan.confidence /></p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <p><a href="/my-data">"See and download all your data"</a></p>
                    <section class="card" aria-labelledby="readers-heading">
                        <h2 id="readers-heading">"Who can read your plans"</h2>
                        <ul>{mine.readers.into_iter().map(|reader| view! { <li>{reader}</li> }).collect_view()}</ul>
                        <p class="hint">
                            "Nobody else: not HR, not administrators, not your manager's manager. Your manager's private notes are theirs alone. "
                            "If your manager changes, the new manager takes over and the previous one loses access."
                        </p>
                    </section>
                    <section class="card" aria-labelledby="log-heading">
                        <h2 id="log-heading">"Who opened or changed your plans"</h2>
                        {if mine.access_log.is_empty() {
                            view! { <p class="muted">"Nothing yet."</p> }.into_any()
                        } else {
                            view! {
                                <table class="data">
                                    <caption class="visually-hidden">"Access log, newest first"</caption>
                                    <thead><tr><th scope="col">"When (UTC)"</th><th scope="col">"Who"</th><th scope="col">"What"</th></tr></thead>
                                    <tbody>
                                        {mine.access_log.into_iter().map(|entry| view! {
                                            <tr><td data-label="When (UTC)">{moment(entry.at)}</td><td data-label="Who">{entry.actor}</td><td data-label="What">{entry.action}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <p class="hint">
                                    {format!("The latest {} entries at most. ", crate::model::ACCESS_LOG_ON_PAGE)}
                                    <a href="/my-data">"Your data"</a>" has the whole log."
                                </p>
                            }.into_any()
                        }}
                    </section>
                }
        } />
    }
}
