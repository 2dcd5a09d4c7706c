//! Which "What helps" box each section of a plan shows the manager: one per section, no move twice
//! on a page, and open only where the plan's state asks for a decision.

use crate::components::hints::{Hints, SIGN_MOVES};
use crate::model::{PlanView, TaskStatus, Viewpoint};
use crate::playbook::{self, Item, PlanPart};
use leptos::prelude::*;
use std::sync::Arc;

/// The sections that carry guidance, in page order, each with the plan parts its moves come from.
const SECTIONS: [(PlanPart, &[PlanPart]); 7] = [
    (PlanPart::Debrief, &[PlanPart::Event, PlanPart::Debrief]),
    (PlanPart::SmallWin, &[PlanPart::SmallWin]),
    (PlanPart::DevelopmentPlan, &[PlanPart::DevelopmentPlan, PlanPart::PairedWork]),
    (PlanPart::Milestones, &[PlanPart::Milestones]),
    (PlanPart::GoalRecalibration, &[PlanPart::GoalRecalibration]),
    (PlanPart::CheckIns, &[PlanPart::CheckIns, PlanPart::ManagerExample]),
    (PlanPart::PrivateNotes, &[PlanPart::PrivateNotes]),
];

/// The moves the check-ins suggest for the warning signs of the latest check-in that had any:
/// they are the plan's most pressing guidance, so no section repeats them.
pub(super) fn moves_for_signs(plan: &PlanView) -> Vec<&'static Item> {
    let signs: Vec<&str> = plan.check_ins.iter().rev().find(|c| !c.signs.is_empty()).map(|c| c.signs.iter().map(String::as_str).collect()).unwrap_or_default();
    playbook::suggestions_for_signs(&signs).1.into_iter().take(SIGN_MOVES).collect()
}

/// The moves the section `part` shows: those of its plan parts that no earlier section shows,
/// leaving out the moves in `elsewhere` (shown for the warning signs).
pub(super) fn moves_for_section(part: PlanPart, elsewhere: &[&'static Item]) -> Vec<&'static Item> {
    let mut shown: Vec<&'static str> = elsewhere.iter().map(|item| item.id).collect();
    for (section, parts) in SECTIONS {
        let moves: Vec<&'static Item> = parts.iter().flat_map(|part| playbook::moves_for(*part)).filter(|item| !shown.contains(&item.id)).fold(Vec::new(), |mut unique, item| {
            if !unique.iter().any(|seen: &&Item| seen.id == item.id) {
                unique.push(item);
            }
            unique
        });
        if section == part {
            return moves;
        }
        shown.extend(moves.iter().map(|item| item.id));
    }
    Vec::new()
}

/// Whether the section `part` holds the plan's next decision, so its guidance shows open.
pub(super) fn needs_decision(plan: &PlanView, part: PlanPart) -> bool {
    match part {
        PlanPart::Event | PlanPart::Debrief => plan.debrief.technical_fix.is_empty() || plan.debrief.communication_change.is_empty(),
        PlanPart::SmallWin => plan.small_wins.iter().all(|win| win.done_on.is_none()),
        PlanPart::DevelopmentPlan | PlanPart::PairedWork => plan.tasks.is_empty() || plan.tasks.iter().all(|task| matches!(task.status, TaskStatus::Done | TaskStatus::Dropped)),
        PlanPart::Milestones => plan.milestones.is_empty(),
        PlanPart::GoalRecalibration => plan.goals.is_empty(),
        PlanPart::CheckIns | PlanPart::ManagerExample => plan.next_check_in.is_none_or(|next| next <= plan.today),
        PlanPart::PrivateNotes => false,
    }
}

/// The section's "What helps" box, for the manager only.
#[component]
pub(super) fn SectionHints(plan: Arc<PlanView>, part: PlanPart) -> impl IntoView {
    let moves = moves_for_section(part, &moves_for_signs(&plan));
    (plan.viewpoint == Viewpoint::Manager && !moves.is_empty()).then(|| {
        let folded = !needs_decision(&plan, part);
        view! { <Hints part moves folded back_to=format!("/plans/{}", plan.id) /> }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_move_is_shown_twice_on_a_plan_page() {
        let mut seen = Vec::new();
        for (section, _) in SECTIONS {
            for item in moves_for_section(section, &[]) {
                assert!(!seen.contains(&item.id), "{} shown twice", item.id);
                seen.push(item.id);
            }
        }
        let every_hinted_move = playbook::MOVES.items.iter().filter(|item| !item.helps_with.is_empty()).count();
        assert_eq!(seen.len(), every_hinted_move, "every move that helps a plan part is shown once somewhere");
    }
}
