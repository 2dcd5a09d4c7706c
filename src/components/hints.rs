//! Playbook guidance shown where a decision is made: the moves that fit a plan part, and what the
//! warning signs ticked at a check-in point to.

use crate::playbook::{self, Item, PlanPart};
use leptos::prelude::*;

/// The moves that help with one part of a plan, briefly, each linking to its full text.
#[component]
pub fn Hints(part: PlanPart) -> impl IntoView {
    let moves = playbook::moves_for(part);
    view! {
        <aside class="hints" aria-label=format!("Playbook guidance for {}", part.label())>
            <p class="hints-title">"What helps"</p>
            <ul>
                {moves.into_iter().map(|item| view! { <HintItem item /> }).collect_view()}
            </ul>
        </aside>
    }
}

#[component]
fn HintItem(item: &'static Item) -> impl IntoView {
    view! {
        <li>
            <a href=format!("/playbook/moves#{}", item.id)>{item.title}</a>
            ": " {first_sentence(item.text)}
        </li>
    }
}

/// Likely drivers and helpful moves for the signs ticked at a check-in.
#[component]
pub fn SignSuggestions(signs: Vec<String>) -> impl IntoView {
    let ids: Vec<&str> = signs.iter().map(String::as_str).collect();
    let (drivers, moves) = playbook::suggestions_for_signs(&ids);
    (!drivers.is_empty() || !moves.is_empty()).then(|| {
        view! {
            <aside class="hints suggestions" aria-label="What the signs suggest">
                <p class="hints-title">"What these signs suggest"</p>
                <p>
                    "Likely drivers: "
                    {drivers.iter().map(|d| d.title).collect::<Vec<_>>().join(", ")}
                </p>
                <ul>
                    {moves.into_iter().take(4).map(|item| view! { <HintItem item /> }).collect_view()}
                </ul>
            </aside>
        }
    })
}

fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}
