//! The frame of a plan section: its card, heading, the confirmation of the last save there, its
//! "What helps" box and what it says while it is empty.

use super::guidance::SectionHints;
use crate::components::feedback::SavedNotice;
use crate::model::PlanView;
use crate::playbook::PlanPart;
use leptos::prelude::*;
use std::sync::Arc;

/// One section of the plan page; `anchor` is its heading's id, where a save in it lands.
#[component]
pub(super) fn PlanSection(
    plan: Arc<PlanView>,
    anchor: &'static str,
    heading: &'static str,
    part: PlanPart,
    /// Shown while the section holds nothing yet.
    #[prop(optional_no_strip)]
    empty: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby=anchor>
            <h2 id=anchor>{heading}</h2>
            <SavedNotice anchor />
            <SectionHints plan part />
            {empty.map(|text| view! { <p class="muted">{text}</p> })}
            {children()}
        </section>
    }
}
