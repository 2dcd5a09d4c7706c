//! Playbook guidance shown where a decision is made: the moves that fit a plan part, and what the
//! warning signs ticked at a check-in point to.

use crate::playbook::{self, Item, PlanPart};
use leptos::prelude::*;

/// Moves that help with one part of a plan, briefly, each linking to its full text. Folded, they
/// wait behind a "What helps" summary for a part that needs no decision now.
#[component]
pub fn Hints(part: PlanPart, moves: Vec<&'static Item>, #[prop(optional)] folded: bool, #[prop(optional)] back_to: Option<String>) -> impl IntoView {
    let label = format!("Playbook guidance for {}", part.label());
    let list = move || {
        let back_to = back_to.clone();
        view! { <ul>{moves.clone().into_iter().map(|item| view! { <HintItem item back_to=back_to.clone() /> }).collect_view()}</ul> }
    };
    if folded {
        view! {
            <details class="hints" aria-label=label>
                <summary class="hints-title">"What helps"</summary>
                {list()}
            </details>
        }
        .into_any()
    } else {
        view! {
            <aside class="hints" aria-label=label>
                <p class="hints-title">"What helps"</p>
                {list()}
            </aside>
        }
        .into_any()
    }
}

/// One move: its title links to the full text, which links back to `back_to`.
#[component]
fn HintItem(item: &'static Item, back_to: Option<String>) -> impl IntoView {
    let href = match back_to {
        Some(back) => format!("/playbook/moves?from={}#{}", crate::components::hints::url_word(&back), item.id),
        None => format!("/playbook/moves#{}", item.id),
    };
    view! {
        <li>
            <a href=href>{item.title}</a>
            ": " {first_sentence(item.text)}
        </li>
    }
}

/// How many moves are suggested for the warning signs of a check-in.
pub const SIGN_MOVES: usize = 4;

/// Likely drivers and helpful moves for the signs ticked at a check-in.
#[component]
pub fn SignSuggestions(signs: Vec<String>, #[prop(optional)] back_to: Option<String>) -> impl IntoView {
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
                    {moves.into_iter().take(SIGN_MOVES).map(|item| view! { <HintItem item back_to=back_to.clone() /> }).collect_view()}
                </ul>
            </aside>
        }
    })
}

/// A path made safe to carry in a query: only the characters our own paths use pass unchanged.
pub fn url_word(path: &str) -> String {
    path.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_') { c.to_string() } else { format!("%{:02X}", c as u32 & 0xff) }).collect()
}

fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}
