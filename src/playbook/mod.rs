//! The playbook: Rebound's guidance on rebuilding confidence after a visible failure, held as data.
//!
//! This module is the single source of truth for that guidance. The playbook pages render its
//! sections, the recovery-plan screens show the items attached to each [`PlanPart`] as hints, and
//! check-ins turn the warning signs a manager ticks into likely drivers and helpful moves through
//! [`SIGN_LINKS`] and [`suggestions_for_signs`]. Nothing else in the app should restate this
//! guidance; read it from here.
//!
//! The content carries every fact of `shared/playbook-source.txt`, written in our own words for a
//! manager reading inside the app. The source page's site furniture (reading time, update date,
//! category and links to other articles) is deliberately left out: it is navigation, not guidance.
//!
//! Ids are stable: plans store pressure-point, driver and sign ids, so an id must never be renamed
//! once released. Titles and texts may be reworded freely.
//!
//! Everything here is plain `const` data and small functions over it, using only `core` and `std`,
//! so the module builds unchanged for the server and for the browser bundle.

mod content;
pub mod language;
mod signs;
pub mod templates;
#[cfg(test)]
mod tests;

pub use content::*;
pub use signs::{SIGN_LINKS, suggestions_for_signs};

/// A part of a recovery plan that guidance can attach to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanPart {
    /// The event: the visible failure the plan responds to.
    Event,
    /// The debrief: what happened, what is known, the drivers, one technical fix and one
    /// communication change.
    Debrief,
    /// The one small, visible win the employee owns.
    SmallWin,
    /// The short development plan: practice tasks, paired work, micro-experiments, shadowing.
    DevelopmentPlan,
    /// Work done together with a named colleague.
    PairedWork,
    /// Incremental targets with dates.
    Milestones,
    /// The temporary change of goals or scope.
    GoalRecalibration,
    /// The regular one-on-ones where recovery is tracked.
    CheckIns,
    /// The manager's private notes, never shown to the employee.
    PrivateNotes,
    /// What the manager models: sharing their own small failures and lessons.
    ManagerExample,
}

impl PlanPart {
    /// Every plan part, in the order a plan presents them.
    pub const ALL: [PlanPart; 10] = [
        PlanPart::Event,
        PlanPart::Debrief,
        PlanPart::SmallWin,
        PlanPart::DevelopmentPlan,
        PlanPart::PairedWork,
        PlanPart::Milestones,
        PlanPart::GoalRecalibration,
        PlanPart::CheckIns,
        PlanPart::PrivateNotes,
        PlanPart::ManagerExample,
    ];

    /// A short human label for headings and hints.
    pub fn label(self) -> &'static str {
        match self {
            PlanPart::Event => "The event",
            PlanPart::Debrief => "Debrief",
            PlanPart::SmallWin => "One small win",
            PlanPart::DevelopmentPlan => "Development plan",
            PlanPart::PairedWork => "Paired work",
            PlanPart::Milestones => "Milestones",
            PlanPart::GoalRecalibration => "Goal recalibration",
            PlanPart::CheckIns => "Check-ins",
            PlanPart::PrivateNotes => "Private notes",
            PlanPart::ManagerExample => "Your own example",
        }
    }
}

/// One piece of guidance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// Stable identifier, unique within its section (stored in plans; never rename).
    pub id: &'static str,
    /// Short heading.
    pub title: &'static str,
    /// The guidance itself, one to three sentences.
    pub text: &'static str,
    /// The plan parts where this guidance is shown as a hint.
    pub helps_with: &'static [PlanPart],
}

/// A list of guidance (a section of the playbook).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    /// URL segment of the section's page (`/playbook/{slug}`).
    pub slug: &'static str,
    /// Heading of the section.
    pub title: &'static str,
    /// A sentence or two introducing the section.
    pub intro: &'static str,
    /// The guidance, in reading order.
    pub items: &'static [Item],
}

/// Builds an item; keeps the tables below short enough to read.
pub(crate) const fn item(id: &'static str, title: &'static str, text: &'static str, helps_with: &'static [PlanPart]) -> Item {
    Item { id, title, text, helps_with }
}

/// Every section, in reading order (DEFINITION, DRIVERS, SIGNS, PRESSURE_POINTS, MOVES, RELATED,
/// ESCALATION, SCENARIO).
pub const SECTIONS: [Section; 8] = [DEFINITION, DRIVERS, SIGNS, PRESSURE_POINTS, MOVES, RELATED, ESCALATION, SCENARIO];

/// A static copy of [`SECTIONS`], so lookups can hand out `'static` references into it.
static ALL_SECTIONS: [Section; 8] = SECTIONS;

/// The section with this slug, if any.
pub fn section(slug: &str) -> Option<&'static Section> {
    ALL_SECTIONS.iter().find(|section| section.slug == slug)
}

/// The item with this id among `items`, if any.
fn find_item(items: &'static [Item], id: &str) -> Option<&'static Item> {
    items.iter().find(|item| item.id == id)
}

/// The driver with this id, if any.
pub fn driver(id: &str) -> Option<&'static Item> {
    find_item(DRIVERS.items, id)
}

/// The warning sign with this id, if any.
pub fn sign(id: &str) -> Option<&'static Item> {
    find_item(SIGNS.items, id)
}

/// The pressure point with this id, if any.
pub fn pressure_point(id: &str) -> Option<&'static Item> {
    find_item(PRESSURE_POINTS.items, id)
}

/// The move with this id, if any. (`move` is a Rust keyword, hence the name.)
pub fn move_by_id(id: &str) -> Option<&'static Item> {
    find_item(MOVES.items, id)
}

/// Items whose title or text contains every word of `query` (any case), with their sections, in
/// reading order. Blank queries match nothing.
pub fn search(query: &str) -> Vec<(&'static Section, &'static Item)> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    ALL_SECTIONS
        .iter()
        .flat_map(|section| section.items.iter().map(move |item| (section, item)))
        .filter(|(_, item)| {
            let haystack = format!("{} {}", item.title, item.text).to_lowercase();
            words.iter().all(|word| haystack.contains(word.as_str()))
        })
        .collect()
}

/// The moves that help with a plan part, in playbook order.
pub fn moves_for(part: PlanPart) -> Vec<&'static Item> {
    MOVES.items.iter().filter(|item| item.helps_with.contains(&part)).collect()
}
