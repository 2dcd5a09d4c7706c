//! `/playbook` and `/playbook/{section}`: the guidance, readable on its own and printable. The
//! search box is a plain GET form, so the server renders the filtered results without JavaScript.

use crate::playbook::{self, Item, SECTIONS, SIGN_LINKS, Section};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The overview, with search.
#[component]
pub fn PlaybookPage() -> impl IntoView {
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    view! {
        <Title text="Playbook" />
        <h1>"Playbook: confidence after a visible failure"</h1>
        <p class="lead">"How confidence erodes after a public setback, what to watch for, and the moves that help a person rebuild it."</p>
        <SearchForm value=search() />
        {move || {
            let query = search();
            (!query.trim().is_empty()).then(|| view! { <SearchResults query /> })
        }}
        <nav aria-label="Playbook sections" class="playbook-sections">
            <ul class="plain">
                {SECTIONS.iter().map(|section| view! {
                    <li>
                        <a href=format!("/playbook/{}", section.slug)><strong>{section.title}</strong></a>
                        <span class="muted">{format!(" · {} item(s)", section.items.len())}</span>
                        <p>{section.intro}</p>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn SearchForm(value: String) -> impl IntoView {
    view! {
        <form method="get" action="/playbook" class="search" role="search">
            <label for="playbook-q">"Search the playbook"</label>
            <input id="playbook-q" name="q" type="search" value=value />
            <button type="submit">"Search"</button>
        </form>
    }
}

#[component]
fn SearchResults(query: String) -> impl IntoView {
    let results = playbook::search(&query);
    view! {
        <section aria-labelledby="results-heading" class="card">
            <h2 id="results-heading">{format!("{} result(s) for \u{201c}{}\u{201d}", results.len(), query.trim())}</h2>
            <ul class="plain">
                {results.into_iter().map(|(section, item)| view! {
                    <li>
                        <a href=format!("/playbook/{}#{}", section.slug, item.id)><strong>{item.title}</strong></a>
                        <span class="muted">{format!(" · {}", section.title)}</span>
                        <p>{item.text}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// One section of the playbook.
#[component]
pub fn PlaybookSectionPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let slug = params.read().get("section").unwrap_or_default();
        match playbook::section(&slug) {
            None => view! { <crate::pages::not_found::NotFound /> }.into_any(),
            Some(section) => view! { <SectionView section /> }.into_any(),
        }
    }
}

/// The plan a guidance link came from (`?from=/plans/7`), when it is one: nothing else is linked
/// back to, so the parameter cannot send anyone elsewhere.
pub fn back_to_plan(from: Option<String>) -> Option<String> {
    let from = from?;
    let id = from.strip_prefix("/plans/")?;
    (!id.is_empty() && id.len() <= 18 && id.bytes().all(|b| b.is_ascii_digit())).then_some(from)
}

#[component]
fn SectionView(section: &'static Section) -> impl IntoView {
    let from = back_to_plan(use_query_map().with_untracked(|query| query.get("from")));
    let query = from.as_ref().map(|plan| format!("?from={plan}")).unwrap_or_default();
    view! {
        <Title text=section.title />
        {from.clone().map(|plan| view! { <p class="back"><a href=plan>"← Back to the plan"</a></p> })}
        <p class="breadcrumb"><a href="/playbook">"Playbook"</a> " › " {section.title}</p>
        <h1>{section.title}</h1>
        <p class="lead">{section.intro}</p>
        <ol class="playbook-items">
            {section.items.iter().map(|item| view! { <ItemView section item query=query.clone() /> }).collect_view()}
        </ol>
    }
}

#[component]
fn ItemView(section: &'static Section, item: &'static Item, query: String) -> impl IntoView {
    let parts: Vec<&str> = item.helps_with.iter().map(|part| part.label()).collect();
    let links = (section.slug == playbook::SIGNS.slug).then(|| SIGN_LINKS.iter().find(|(sign, _, _)| *sign == item.id)).flatten();
    view! {
        <li id=item.id>
            <h2>{item.title}</h2>
            <p>{item.text}</p>
            {(section.slug == playbook::MOVES.slug && !parts.is_empty()).then(|| view! {
                <p class="muted">"Helps with: " {parts.join(", ")}</p>
            })}
            {links.map(|(_, drivers, moves)| view! {
                <p class="muted">
                    "Often points to: "
                    <CrossLinks section=playbook::DRIVERS.slug titles=drivers.iter().filter_map(|id| playbook::driver(id)).map(|d| (d.id, d.title)).collect() query=query.clone() />
                    ". Moves that help: "
                    <CrossLinks section=playbook::MOVES.slug titles=moves.iter().filter_map(|id| playbook::move_by_id(id)).map(|m| (m.id, m.title)).collect() query=query.clone() />
                    "."
                </p>
            })}
        </li>
    }
}

/// Other playbook items named by id, each a link to its place (keeping the way back to the plan).
#[component]
fn CrossLinks(section: &'static str, titles: Vec<(&'static str, &'static str)>, query: String) -> impl IntoView {
    let count = titles.len();
    titles
        .into_iter()
        .enumerate()
        .map(|(index, (id, title))| {
            view! {
                {(index > 0).then_some(if index + 1 == count { " and " } else { ", " })}
                <a href=format!("/playbook/{section}{query}#{id}")>{title}</a>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::back_to_plan;

    #[test]
    fn only_a_plan_is_linked_back_to() {
        assert_eq!(back_to_plan(Some("/plans/12".into())).as_deref(), Some("/plans/12"));
        for elsewhere in ["https://evil.example/plans/1", "//evil.example", "/plans/", "/plans/1/../../admin", "/plans/1?x=1", "/team", "javascript:alert(1)"] {
            assert_eq!(back_to_plan(Some(elsewhere.into())), None, "{elsewhere}");
        }
        assert_eq!(back_to_plan(None), None);
    }
}
