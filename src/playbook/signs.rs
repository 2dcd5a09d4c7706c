//! From the warning signs a manager ticks at a check-in to the drivers they most likely point
//! to and the moves that help: the table [`SIGN_LINKS`], with the reasoning for each entry, and
//! [`suggestions_for_signs`], which ranks them.

use super::{DRIVERS, Item, MOVES};
use std::cmp::Reverse;

// Why each warning sign points where it does. Each entry lists the drivers that most plausibly
// produce the sign, then the moves that work on those drivers and on the behaviour itself.
//
// - stops-volunteering: holding back from visible or stretch work is the classic response to
//   fearing judgement (social) and to a team that punishes risk (cultural). A small visible win
//   and micro-experiments make the next risk small; recognising progress publicly repairs the
//   reputation they fear for.
// - seeks-excess-approval: asking for sign-off on everything usually means they no longer know
//   what "good" looks like (process: unclear feedback) and distrust their own judgement
//   (cognitive). Specific feedback and a short plan with clear tasks give them the standard back;
//   one-on-ones are where the amount of sign-off is reduced step by step.
// - over-cautious-decisions: waiting for perfect data comes from reading the failure as a
//   lasting flaw (cognitive) and from expecting to be punished for a wrong call (cultural).
//   Micro-experiments and temporarily smaller goals make decisions cheaper to get wrong; the
//   manager's own failures show that mistakes are survivable.
// - quieter-in-meetings: speaking up less is about being seen (social), usually after a failure
//   in front of others that nobody helped them process (environmental). Shielding them from
//   public blame and sharing your own slips make speaking up safer; paired work gives them a
//   partner in the room, as co-presenting does in the worked example.
// - defensive-or-apologetic: over-reacting to routine slips means one failure has become a verdict
//   on the whole person (cognitive), often in a blaming team (cultural). Feedback that separates
//   person from event, a calm factual debrief and the manager's own slips all cut mistakes back
//   to their real size.
// - retreats-to-safe-work: choosing low-risk, low-visibility tasks is avoidance of risk that the
//   team punishes (cultural) and of being seen failing (social). A small visible win, low-risk
//   micro-experiments and paired work are graded ways back to visible work.
// - more-mentoring-requests: asking for shadowing on similar tasks can be healthy; it often means
//   a real skill gap (skill-gaps) or doubt about their ability (cognitive). A short development
//   plan, paired work and specific feedback turn the request into structured practice.
// - less-ownership-near-failure: avoiding the area of the old failure points to a belief that
//   they are bad at exactly that (cognitive), a genuine gap there (skill-gaps), or an event that
//   was never reviewed (environmental). Co-ownership through paired work, a small win in that
//   area and a temporarily smaller scope rebuild ownership gradually.
// - leader-micromanagement: this sign is about the leader. Leaders tighten control when they lack
//   clear information on cause and progress (process) and when they are under pressure to show a
//   fast turnaround (workload). Structured tracking in one-on-ones and specific feedback replace
//   control with visibility; recalibrated goals make the pace explicit instead of anxious.
// - repeated-rework: redoing similar work despite guidance suggests a skill that is not yet rebuilt
//   (skill-gaps), guidance that is too vague to act on (process), or no time to learn
//   (workload). Specific feedback, a practice plan and a factual debrief of what goes wrong
//   address each.
/// Which drivers a warning sign most likely points to, and which moves address it.
///
/// Each entry is (sign id, driver ids, move ids); every sign appears exactly once. The reasoning
/// for each entry is in the comment above this table.
pub const SIGN_LINKS: &[(&str, &[&str], &[&str])] = &[
    ("stops-volunteering", &["social", "cultural"], &["small-visible-win", "micro-experiments", "recognise-progress"]),
    ("seeks-excess-approval", &["process", "cognitive"], &["specific-feedback", "short-development-plan", "track-in-one-on-ones"]),
    ("over-cautious-decisions", &["cognitive", "cultural"], &["micro-experiments", "recalibrate-goals", "share-own-failures"]),
    ("quieter-in-meetings", &["social", "environmental"], &["protect-from-public-blame", "share-own-failures", "paired-work"]),
    ("defensive-or-apologetic", &["cognitive", "cultural"], &["separate-person-from-event", "calm-debrief", "share-own-failures"]),
    ("retreats-to-safe-work", &["cultural", "social"], &["small-visible-win", "micro-experiments", "paired-work"]),
    ("more-mentoring-requests", &["skill-gaps", "cognitive"], &["short-development-plan", "paired-work", "specific-feedback"]),
    ("less-ownership-near-failure", &["cognitive", "skill-gaps", "environmental"], &["paired-work", "small-visible-win", "recalibrate-goals"]),
    ("leader-micromanagement", &["process", "workload"], &["track-in-one-on-ones", "specific-feedback", "recalibrate-goals"]),
    ("repeated-rework", &["skill-gaps", "process", "workload"], &["specific-feedback", "short-development-plan", "calm-debrief"]),
];

/// Adds one to `counts[i]` for each id in `ids` that names `items[i]`; unknown ids are skipped.
fn tally(counts: &mut [usize], items: &[Item], ids: &[&str]) {
    for id in ids {
        if let Some(index) = items.iter().position(|item| item.id == *id) {
            counts[index] += 1;
        }
    }
}

/// The items with a non-zero count, most counted first; ties keep playbook order.
fn ranked(items: &'static [Item], counts: &[usize]) -> Vec<&'static Item> {
    let mut order: Vec<usize> = (0..items.len()).filter(|&index| counts[index] > 0).collect();
    // A stable sort, so items with equal counts stay in playbook order.
    order.sort_by_key(|&index| Reverse(counts[index]));
    order.into_iter().map(|index| &items[index]).collect()
}

/// Given the sign ids ticked at a check-in: the likely drivers (deduplicated, most-indicated
/// first) and the moves addressing them (deduplicated, most-indicated first, ties in playbook
/// order).
///
/// "Most-indicated" counts how many of the ticked signs point to a driver or move in
/// [`SIGN_LINKS`]. Unknown ids are ignored, and a sign ticked twice counts once. Ties among
/// drivers also follow playbook order.
pub fn suggestions_for_signs(sign_ids: &[&str]) -> (Vec<&'static Item>, Vec<&'static Item>) {
    let mut driver_counts = vec![0usize; DRIVERS.items.len()];
    let mut move_counts = vec![0usize; MOVES.items.len()];
    for &(sign_id, driver_ids, move_ids) in SIGN_LINKS {
        if sign_ids.contains(&sign_id) {
            tally(&mut driver_counts, DRIVERS.items, driver_ids);
            tally(&mut move_counts, MOVES.items, move_ids);
        }
    }
    (ranked(DRIVERS.items, &driver_counts), ranked(MOVES.items, &move_counts))
}
