//! The plan's timeline, and the links between the latest entries and the whole history.

use crate::components::format::moment;
use crate::model::{RECENT_TIMELINE_ENTRIES, TimelineEntry};
use leptos::prelude::*;

#[component]
pub(super) fn Timeline(plan_id: i64, entries: Vec<TimelineEntry>, total: usize) -> impl IntoView {
    let listed = entries.len();
    view! {
        <section class="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"Timeline"</h2>
            <HistoryLink plan_id listed total recent=RECENT_TIMELINE_ENTRIES noun="timeline entries" anchor="timeline-heading" />
            <ol class="timeline">
                {entries.into_iter().map(|entry| view! {
                    <li>
                        <time datetime=entry.at.to_rfc3339()>{moment(entry.at)}</time>
                        " " {entry.description}
                        {entry.actor.map(|actor| view! { <span class="muted">{format!(" · {actor}")}</span> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Under a shortened list, the way to the whole of it; under the whole list, the way back.
#[component]
pub(super) fn HistoryLink(plan_id: i64, listed: usize, total: usize, recent: usize, noun: &'static str, anchor: &'static str) -> impl IntoView {
    if listed < total {
        Some(
            view! {
                <p class="more">
                    {format!("Showing the latest {listed} of {total} {noun}. ")}
                    <a href=format!("/plans/{plan_id}?history=all#{anchor}")>{format!("Show all {total} {noun}")}</a>
                </p>
            }
            .into_any(),
        )
    } else if total > recent {
        Some(
            view! {
                <p class="more"><a href=format!("/plans/{plan_id}#{anchor}")>{format!("Show only the latest {recent} {noun}")}</a></p>
            }
            .into_any(),
        )
    } else {
        None
    }
}
