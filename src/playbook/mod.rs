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

pub mod language;
pub mod templates;

use std::cmp::Reverse;

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
const fn item(id: &'static str, title: &'static str, text: &'static str, helps_with: &'static [PlanPart]) -> Item {
    Item { id, title, text, helps_with }
}

/// Background reading that belongs to no particular part of a plan.
const GENERAL: &[PlanPart] = &[];

/// What confidence recovery is, why it matters at work, and what it is made of.
pub const DEFINITION: Section = Section {
    slug: "definition",
    title: "What confidence recovery is",
    intro: "What we mean by rebuilding confidence after a setback, and why it deserves your attention as a manager.",
    items: &[
        item(
            "what-it-is",
            "Trusting their abilities again",
            "Confidence recovery is how someone comes to trust their own abilities again after a mistake, a setback or a project that did not work out. In practice, it means a person whose failure others could see gets back to feeling capable enough, and willing enough, to act.",
            GENERAL,
        ),
        item(
            "why-it-matters",
            "Why it matters at work",
            "How well someone recovers shapes the risks they are prepared to take next, the quality of their decisions and what they bring to their team. If you spot the recovery and back it, the slow patch is shorter and both performance and engagement hold up.",
            GENERAL,
        ),
        item("emotional", "It is felt", "Recovery has an emotional side. Frustration and embarrassment are normal reactions to a failure other people saw.", &[PlanPart::Debrief]),
        item(
            "cognitive-shift",
            "It is thought through",
            "Recovery also happens in how the person makes sense of the event. Over time they come to read what happened differently.",
            &[PlanPart::Debrief],
        ),
        item(
            "behavioural",
            "It shows in what people do",
            "Recovery changes behaviour too. Some people steer clear of similar work, while others respond by putting in more effort.",
            &[PlanPart::CheckIns],
        ),
        item(
            "pace-varies",
            "Everyone recovers at their own pace",
            "People recover at different speeds and to different degrees. Some are back on their feet fast once the concrete actions ahead are clear; others take longer, and need repeated practice plus signs from the people around them that having another go is safe.",
            &[PlanPart::CheckIns, PlanPart::GoalRecalibration],
        ),
        item(
            "what-managers-see",
            "What you will notice",
            "As a manager you see it as a pattern: in the work people take on or are given, in how much they join in, and in how sure they are when making decisions.",
            &[PlanPart::CheckIns],
        ),
        item(
            "leadership-task",
            "Part relationship, part practical help",
            "Supporting recovery is a leadership job with two sides: the relationship and the practical help. How you frame what went wrong matters as much as the concrete steps you offer to rebuild skill.",
            &[PlanPart::Debrief, PlanPart::DevelopmentPlan],
        ),
    ],
};

/// What keeps a loss of confidence going: the seven drivers.
pub const DRIVERS: Section = Section {
    slug: "drivers",
    title: "What keeps confidence down",
    intro: "These drivers rarely act alone: a mistake made in front of others, in a team quick to blame, with feedback that leaves the cause unclear, wears confidence down much faster. Working out which one weighs most tells you where to start.",
    items: &[
        item(
            "cognitive",
            "How they explain it to themselves",
            "The person reads one failure as proof about themselves: their fault, unlikely to change, and true of everything they do. A single bad moment then hardens into a verdict on their ability.",
            &[PlanPart::Debrief],
        ),
        item(
            "social",
            "Fear of how others see them",
            "They worry about what the failure has cost their reputation, and about being judged by colleagues and by their managers.",
            &[PlanPart::Debrief],
        ),
        item(
            "environmental",
            "High stakes, no chance to review",
            "The failure happened where the stakes were high and others could see, and there was no settled habit of reviewing what happened and learning from it.",
            &[PlanPart::Debrief],
        ),
        item(
            "process",
            "Unclear feedback and causes",
            "Without clear feedback, or when nobody knows exactly why things went wrong, it is hard to take a lesson from the episode and put it behind them.",
            &[PlanPart::Debrief],
        ),
        item(
            "workload",
            "Pressure to deliver fast",
            "Being pushed to perform again straight after a mistake raises anxiety and squeezes out the time needed to learn.",
            &[PlanPart::Debrief, PlanPart::GoalRecalibration],
        ),
        item(
            "cultural",
            "A team that punishes risk",
            "Where a team quietly penalises anyone who takes a chance, people pull back much harder after a failure.",
            &[PlanPart::Debrief],
        ),
        item(
            "skill-gaps",
            "A real gap in skill",
            "Sometimes the failure reveals a genuine gap in what the person can do. Then confidence stays low until the skill itself has been built back up.",
            &[PlanPart::Debrief, PlanPart::DevelopmentPlan],
        ),
    ],
};

/// Where warning signs are shown: they are ticked at check-ins.
const SIGN_PARTS: &[PlanPart] = &[PlanPart::CheckIns];

/// What you may notice while confidence has not come back: the ten warning signs.
pub const SIGNS: Section = Section {
    slug: "signs",
    title: "Signs to watch for",
    intro: "What you may notice at work while someone's confidence has not yet come back. Note the ones you see at each check-in.",
    items: &[
        item(
            "stops-volunteering",
            "Stops putting themselves forward",
            "They are less ready to take on tasks other people will see, or to accept assignments that would stretch them.",
            SIGN_PARTS,
        ),
        item(
            "seeks-excess-approval",
            "Wants sign-off for everything",
            "They want someone to approve things before they act, and ask for far more sign-off than the work needs.",
            SIGN_PARTS,
        ),
        item("over-cautious-decisions", "Holds decisions back", "Their decisions become overly careful, and they put off choosing until the information is flawless.", SIGN_PARTS),
        item("quieter-in-meetings", "Quieter in meetings", "They contribute less in meetings and rarely raise new ideas.", SIGN_PARTS),
        item("defensive-or-apologetic", "Defensive or over-apologetic", "Ordinary, everyday slips make them defensive or quick to say sorry.", SIGN_PARTS),
        item("retreats-to-safe-work", "Drifts towards safe work", "They choose tasks that carry little risk and that few people will notice.", SIGN_PARTS),
        item("more-mentoring-requests", "Asks for more mentoring", "They ask more often to be mentored, or to shadow someone, on tasks like the one that went wrong.", SIGN_PARTS),
        item(
            "less-ownership-near-failure",
            "Less ownership near the old failure",
            "They take less ownership of projects connected to the part of the work where things went wrong before.",
            SIGN_PARTS,
        ),
        item(
            "leader-micromanagement",
            "Leaders start to micromanage",
            "Leaders, you included, start to micromanage because they see, or believe they see, a decline. This sign is about how leaders react rather than about the employee.",
            SIGN_PARTS,
        ),
        item("repeated-rework", "Keeps redoing similar work", "Work on similar tasks has to be redone again and again, even after guidance has been given.", SIGN_PARTS),
    ],
};

/// Where pressure points are shown: they name the event that starts a plan.
const PRESSURE_PARTS: &[PlanPart] = &[PlanPart::Event];

/// Situations that commonly knock confidence: the eight pressure points.
pub const PRESSURE_POINTS: Section = Section {
    slug: "pressure-points",
    title: "Moments that knock confidence",
    intro: "Situations that often shake someone's belief in their own ability. Use them to name the event behind a recovery plan.",
    items: &[
        item("public-demo-mistake", "A mistake in a visible presentation", "Getting something wrong in a presentation or demo that a lot of people were watching.", PRESSURE_PARTS),
        item("outcome-only-feedback", "Criticism with no way forward", "Negative feedback on their performance that dwells on results and offers no next steps.", PRESSURE_PARTS),
        item(
            "project-cancelled",
            "A cancelled project or big setback",
            "A project being cancelled, or a serious setback, after the person had put a great deal of themselves into it.",
            PRESSURE_PARTS,
        ),
        item("peer-comparison", "Compared with peers who succeeded", "Being measured against colleagues who took on the same task and pulled it off.", PRESSURE_PARTS),
        item("no-time-to-learn", "No time to learn", "Deadlines so tight that there is no space to learn, or to try again and improve.", PRESSURE_PARTS),
        item("public-reprimand", "Criticised in front of others", "Being told off, or sharply criticised, with colleagues looking on.", PRESSURE_PARTS),
        item("unclear-cause", "Nobody knows why it failed", "A failure with no clear cause, which leaves nothing obvious to learn from it.", PRESSURE_PARTS),
        item("sudden-role-change", "The role changes overnight", "What the role expects, or what it covers, changes without warning.", PRESSURE_PARTS),
    ],
};

/// What actually helps: the twelve moves a manager can make.
pub const MOVES: Section = Section {
    slug: "moves",
    title: "Moves that help",
    intro: "Taken together, these steps turn one failure into a series of actions the person can learn from and manage. The aim is to bring back their sense of competence by letting them practise, giving them feedback, and showing through the people around them that taking a risk will be backed.",
    items: &[
        item(
            "calm-debrief",
            "Hold a calm, factual debrief",
            "Talk it through calmly and stick to the facts: the sequence of events, and what is actually known so far.",
            &[PlanPart::Debrief],
        ),
        item(
            "separate-person-from-event",
            "Feedback on actions, not the person",
            "Keep the person and the event apart when you give feedback. Talk about what was done and what comes next, not about who they are.",
            &[PlanPart::Debrief, PlanPart::CheckIns],
        ),
        item(
            "small-visible-win",
            "Find one small win others can see",
            "Agree on one small task that others will see, which is theirs to own and can be finished within a few days.",
            &[PlanPart::SmallWin],
        ),
        item(
            "short-development-plan",
            "Draft a brief development plan",
            "Put together a brief plan of concrete practice tasks, with a date for each.",
            &[PlanPart::DevelopmentPlan],
        ),
        item(
            "paired-work",
            "Pair them up",
            "For the next related piece of work, offer a partner to work alongside them or share ownership with.",
            &[PlanPart::PairedWork, PlanPart::DevelopmentPlan],
        ),
        item(
            "share-own-failures",
            "Share your own slips",
            "Make learning from mistakes feel normal by telling them about small failures of your own and what you took from each.",
            &[PlanPart::ManagerExample],
        ),
        item(
            "protect-from-public-blame",
            "Shield them from public blame",
            "Keep blame out of public view. Show by example that corrections happen in private conversations.",
            &[PlanPart::PrivateNotes, PlanPart::Event],
        ),
        item(
            "recalibrate-goals",
            "Adjust goals for now",
            "For a while, narrow the scope of their goals or break them into smaller milestones that build on each other. Make clear the change is temporary.",
            &[PlanPart::GoalRecalibration, PlanPart::Milestones],
        ),
        item(
            "specific-feedback",
            "Be specific, not just reassuring",
            "Give feedback that is precise and that they can act on, rather than general words of comfort.",
            &[PlanPart::CheckIns, PlanPart::Debrief],
        ),
        item("micro-experiments", "Try small experiments", "Encourage small, low-risk ways of getting back into the kind of task that went wrong.", &[PlanPart::DevelopmentPlan]),
        item(
            "recognise-progress",
            "Recognise progress in public",
            "Where it fits, acknowledge their progress in front of others, so that their reputation can recover as well.",
            &[PlanPart::SmallWin, PlanPart::Milestones],
        ),
        item(
            "track-in-one-on-ones",
            "Follow progress in one-on-ones",
            "Use the one-on-ones you already hold to follow how recovery is going, and change the support you give as needed.",
            &[PlanPart::CheckIns],
        ),
    ],
};

/// Neighbouring ideas, each with how it connects to recovery and how it differs.
pub const RELATED: Section = Section {
    slug: "related",
    title: "Related, but different",
    intro: "Ideas that sit close to confidence recovery. Each one connects to it, but none of them is the same thing.",
    items: &[
        item(
            "psychological-safety",
            "Psychological safety",
            "How it connects: in a team where people feel safe, recovery from failure is quicker. How it differs: it is about the norms of the whole group, not the steps one person takes to recover.",
            &[PlanPart::ManagerExample],
        ),
        item(
            "growth-mindset",
            "Growth mindset",
            "How it connects: both rest on the idea that abilities can grow. How it differs: a growth mindset is a personal outlook, while recovery means building confidence back up in one particular situation.",
            GENERAL,
        ),
        item(
            "after-action-review",
            "After-action review (post-mortem)",
            "How it connects: it offers an orderly method for drawing lessons from what happened. How it differs: it is a formal practice, whereas recovery is the person-to-person repair that comes after it.",
            &[PlanPart::Debrief],
        ),
        item(
            "impostor-feelings",
            "Impostor feelings",
            "How it connects: after a failure, people may start to doubt that they belong. How it differs: impostor feelings are long-running self-doubt, while recovery is a response to one particular event.",
            GENERAL,
        ),
        item(
            "performance-feedback",
            "Performance feedback",
            "How it connects: when and how feedback is given affects how someone recovers. How it differs: feedback is a way of communicating, not the whole journey of recovery.",
            &[PlanPart::CheckIns],
        ),
        item(
            "skill-remediation",
            "Skill remediation programmes",
            "How it connects: they help where missing skills are what knocked someone's confidence. How it differs: they are formal training, whereas recovery is mostly social repair done on the job.",
            &[PlanPart::DevelopmentPlan],
        ),
        item(
            "resilience-training",
            "Resilience training",
            "How it connects: it builds people's general capacity to recover from setbacks. How it differs: recovery after a failure is a particular sequence of actions and support, at work.",
            GENERAL,
        ),
    ],
};

/// When the issue goes further than work can fix: kinds of outside support to suggest.
pub const ESCALATION: Section = Section {
    slug: "beyond-a-quick-fix",
    title: "When more help is needed",
    intro: "Sometimes the steps in this playbook are not enough. If work-focused support has not helped the person get back to functioning as before, suggest they talk to someone better placed to help.",
    items: &[
        item("occupational-health", "Occupational health", "Suggest they speak to your organisation's occupational health service.", &[PlanPart::CheckIns]),
        item("employee-assistance", "Employee assistance programme", "Point them to an employee assistance programme, where your organisation offers one.", &[PlanPart::CheckIns]),
        item(
            "mental-health-professional",
            "A mental health professional",
            "Encourage them to talk to a mental health professional who is properly qualified.",
            &[PlanPart::CheckIns],
        ),
    ],
};

/// A worked example: the moves applied to one failed client demo.
pub const SCENARIO: Section = Section {
    slug: "scenario",
    title: "An example from work",
    intro: "A short story of the moves in practice, from the setback to the next attempt.",
    items: &[
        item(
            "the-setback",
            "The setback",
            "A senior analyst led a demo for a client, and it failed. From then on, they stopped offering ideas when meeting the client.",
            &[PlanPart::Event],
        ),
        item(
            "the-debrief",
            "A brief, structured debrief",
            "Their manager set up a brief debrief with a clear structure. Its aim was to agree a single technical fix and a single change in how the analyst communicates.",
            &[PlanPart::Debrief],
        ),
        item(
            "a-task-to-own",
            "Something of their own",
            "The manager then handed the analyst a follow-up task with little risk attached, which was theirs to deliver.",
            &[PlanPart::SmallWin],
        ),
        item("co-presenting", "Not alone next time", "Finally, the manager invited the analyst to co-present the following demo alongside a colleague.", &[PlanPart::PairedWork]),
    ],
};

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

#[cfg(test)]
mod search_tests {
    use super::*;

    #[test]
    fn search_matches_all_words_in_any_case_across_sections() {
        let found = search("Public BLAME");
        assert!(found.iter().any(|(_, item)| item.id == "protect-from-public-blame"));
        assert!(found.iter().all(|(_, item)| {
            let text = format!("{} {}", item.title, item.text).to_lowercase();
            text.contains("public") && text.contains("blame")
        }));
        assert!(search("   ").is_empty());
        assert!(search("zzzz-no-such-word").is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn ids(section: &Section) -> Vec<&'static str> {
        section.items.iter().map(|item| item.id).collect()
    }

    fn item_ids(items: &[&'static Item]) -> Vec<&'static str> {
        items.iter().map(|item| item.id).collect()
    }

    fn helps(item: Option<&'static Item>, part: PlanPart) -> bool {
        item.expect("item exists").helps_with.contains(&part)
    }

    #[test]
    fn sections_are_in_reading_order() {
        let slugs: Vec<&str> = SECTIONS.iter().map(|section| section.slug).collect();
        assert_eq!(slugs, ["definition", "drivers", "signs", "pressure-points", "moves", "related", "beyond-a-quick-fix", "scenario",]);
    }

    #[test]
    fn the_definition_has_several_items() {
        assert!(DEFINITION.items.len() >= 3);
    }

    #[test]
    fn there_are_seven_drivers() {
        assert_eq!(ids(&DRIVERS), ["cognitive", "social", "environmental", "process", "workload", "cultural", "skill-gaps"]);
    }

    #[test]
    fn there_are_ten_signs_in_source_order() {
        assert_eq!(
            ids(&SIGNS),
            [
                "stops-volunteering",
                "seeks-excess-approval",
                "over-cautious-decisions",
                "quieter-in-meetings",
                "defensive-or-apologetic",
                "retreats-to-safe-work",
                "more-mentoring-requests",
                "less-ownership-near-failure",
                "leader-micromanagement",
                "repeated-rework",
            ]
        );
    }

    #[test]
    fn there_are_eight_pressure_points_in_source_order() {
        assert_eq!(
            ids(&PRESSURE_POINTS),
            ["public-demo-mistake", "outcome-only-feedback", "project-cancelled", "peer-comparison", "no-time-to-learn", "public-reprimand", "unclear-cause", "sudden-role-change",]
        );
    }

    #[test]
    fn there_are_twelve_moves_in_source_order() {
        assert_eq!(
            ids(&MOVES),
            [
                "calm-debrief",
                "separate-person-from-event",
                "small-visible-win",
                "short-development-plan",
                "paired-work",
                "share-own-failures",
                "protect-from-public-blame",
                "recalibrate-goals",
                "specific-feedback",
                "micro-experiments",
                "recognise-progress",
                "track-in-one-on-ones",
            ]
        );
    }

    #[test]
    fn there_are_seven_related_ideas() {
        assert_eq!(
            ids(&RELATED),
            ["psychological-safety", "growth-mindset", "after-action-review", "impostor-feelings", "performance-feedback", "skill-remediation", "resilience-training",]
        );
    }

    #[test]
    fn escalation_names_one_kind_of_support_each() {
        assert_eq!(ids(&ESCALATION), ["occupational-health", "employee-assistance", "mental-health-professional"]);
    }

    #[test]
    fn the_scenario_has_a_few_items() {
        assert!((3..=6).contains(&SCENARIO.items.len()));
    }

    #[test]
    fn ids_are_unique_within_each_section_and_slugs_are_unique() {
        for section in SECTIONS.iter() {
            let unique: HashSet<&str> = section.items.iter().map(|item| item.id).collect();
            assert_eq!(unique.len(), section.items.len(), "duplicate id in {}", section.slug);
        }
        let slugs: HashSet<&str> = SECTIONS.iter().map(|section| section.slug).collect();
        assert_eq!(slugs.len(), SECTIONS.len());
    }

    #[test]
    fn every_text_is_filled_in_and_one_to_three_sentences() {
        for section in SECTIONS.iter() {
            assert!(!section.title.is_empty() && !section.intro.is_empty(), "{}", section.slug);
            for item in section.items {
                assert!(!item.id.is_empty() && !item.title.is_empty(), "{}", section.slug);
                assert!(item.text.ends_with('.'), "{} must end with a full stop", item.id);
                let sentences = item.text.matches(". ").count() + 1;
                assert!((1..=3).contains(&sentences), "{} has {sentences} sentences", item.id);
            }
        }
    }

    #[test]
    fn plan_parts_are_listed_once_with_distinct_labels() {
        let parts: HashSet<PlanPart> = PlanPart::ALL.iter().copied().collect();
        assert_eq!(parts.len(), PlanPart::ALL.len());
        let labels: HashSet<&str> = PlanPart::ALL.iter().map(|part| part.label()).collect();
        assert_eq!(labels.len(), PlanPart::ALL.len());
        assert!(labels.iter().all(|label| !label.is_empty()));
    }

    #[test]
    fn every_plan_part_has_at_least_one_move() {
        for part in PlanPart::ALL {
            assert!(!moves_for(part).is_empty(), "no move helps with {part:?}");
        }
    }

    #[test]
    fn moves_attach_to_the_plan_parts_they_support() {
        use PlanPart::*;
        let expected: &[(&str, &[PlanPart])] = &[
            ("calm-debrief", &[Debrief]),
            ("separate-person-from-event", &[Debrief]),
            ("small-visible-win", &[SmallWin]),
            ("recognise-progress", &[SmallWin]),
            ("short-development-plan", &[DevelopmentPlan]),
            ("micro-experiments", &[DevelopmentPlan]),
            ("paired-work", &[PairedWork, DevelopmentPlan]),
            ("recalibrate-goals", &[GoalRecalibration, Milestones]),
            ("track-in-one-on-ones", &[CheckIns]),
            ("specific-feedback", &[CheckIns]),
            ("protect-from-public-blame", &[PrivateNotes, Event]),
            ("share-own-failures", &[ManagerExample]),
        ];
        for &(id, parts) in expected {
            for &part in parts {
                assert!(helps(move_by_id(id), part), "{id} should help with {part:?}");
            }
        }
    }

    #[test]
    fn moves_for_keeps_playbook_order() {
        assert_eq!(item_ids(&moves_for(PlanPart::DevelopmentPlan)), ["short-development-plan", "paired-work", "micro-experiments"]);
    }

    #[test]
    fn pressure_points_drivers_and_signs_attach_to_their_plan_parts() {
        assert!(PRESSURE_POINTS.items.iter().all(|item| item.helps_with.contains(&PlanPart::Event)));
        assert!(DRIVERS.items.iter().all(|item| item.helps_with.contains(&PlanPart::Debrief)));
        assert!(SIGNS.items.iter().all(|item| item.helps_with.contains(&PlanPart::CheckIns)));
    }

    #[test]
    fn sign_links_refer_to_existing_ids_and_cover_every_sign_once() {
        for &(sign_id, driver_ids, move_ids) in SIGN_LINKS {
            assert!(sign(sign_id).is_some(), "unknown sign {sign_id}");
            assert!(!driver_ids.is_empty() && !move_ids.is_empty(), "{sign_id} links nothing");
            for id in driver_ids {
                assert!(driver(id).is_some(), "{sign_id} names unknown driver {id}");
            }
            for id in move_ids {
                assert!(move_by_id(id).is_some(), "{sign_id} names unknown move {id}");
            }
            let drivers: HashSet<&str> = driver_ids.iter().copied().collect();
            let moves: HashSet<&str> = move_ids.iter().copied().collect();
            assert_eq!(drivers.len(), driver_ids.len(), "{sign_id} repeats a driver");
            assert_eq!(moves.len(), move_ids.len(), "{sign_id} repeats a move");
        }
        for item in SIGNS.items {
            let entries = SIGN_LINKS.iter().filter(|(sign_id, _, _)| *sign_id == item.id).count();
            assert_eq!(entries, 1, "{} should appear exactly once in SIGN_LINKS", item.id);
        }
        assert_eq!(SIGN_LINKS.len(), SIGNS.items.len());
    }

    #[test]
    fn every_driver_and_move_can_be_suggested() {
        let all_signs: Vec<&str> = ids(&SIGNS);
        let (drivers, moves) = suggestions_for_signs(&all_signs);
        assert_eq!(drivers.len(), DRIVERS.items.len());
        assert_eq!(moves.len(), MOVES.items.len());
    }

    #[test]
    fn no_signs_suggest_nothing() {
        let (drivers, moves) = suggestions_for_signs(&[]);
        assert!(drivers.is_empty());
        assert!(moves.is_empty());
    }

    #[test]
    fn one_sign_suggests_its_drivers_and_moves_without_duplicates() {
        let (drivers, moves) = suggestions_for_signs(&["stops-volunteering"]);
        assert!(!drivers.is_empty() && !moves.is_empty());
        let unique_drivers: HashSet<&str> = drivers.iter().map(|item| item.id).collect();
        let unique_moves: HashSet<&str> = moves.iter().map(|item| item.id).collect();
        assert_eq!(unique_drivers.len(), drivers.len());
        assert_eq!(unique_moves.len(), moves.len());
        assert_eq!(item_ids(&drivers), ["social", "cultural"]);
        assert_eq!(item_ids(&moves), ["small-visible-win", "micro-experiments", "recognise-progress"]);
    }

    #[test]
    fn unknown_and_repeated_sign_ids_are_ignored() {
        let (drivers, moves) = suggestions_for_signs(&["nope", "not-a-sign"]);
        assert!(drivers.is_empty() && moves.is_empty());
        assert_eq!(suggestions_for_signs(&["nope", "stops-volunteering", "stops-volunteering"]), suggestions_for_signs(&["stops-volunteering"]));
    }

    #[test]
    fn suggestions_put_the_most_indicated_first_and_break_ties_in_playbook_order() {
        let (drivers, moves) = suggestions_for_signs(&["retreats-to-safe-work", "stops-volunteering", "quieter-in-meetings"]);
        // social is indicated three times, cultural twice, environmental once.
        assert_eq!(item_ids(&drivers), ["social", "cultural", "environmental"]);
        // Twice: small-visible-win, paired-work, micro-experiments (playbook order among them);
        // then once each, in playbook order.
        assert_eq!(item_ids(&moves), ["small-visible-win", "paired-work", "micro-experiments", "share-own-failures", "protect-from-public-blame", "recognise-progress",]);
    }

    #[test]
    fn sections_and_items_are_found_by_id() {
        assert_eq!(section("moves"), Some(&MOVES));
        assert!(section("nope").is_none());
        for expected in SECTIONS.iter() {
            assert_eq!(section(expected.slug), Some(expected));
        }
        assert_eq!(driver("skill-gaps").map(|item| item.id), Some("skill-gaps"));
        assert_eq!(sign("repeated-rework").map(|item| item.id), Some("repeated-rework"));
        assert_eq!(pressure_point("unclear-cause").map(|item| item.id), Some("unclear-cause"));
        assert_eq!(move_by_id("calm-debrief").map(|item| item.id), Some("calm-debrief"));
        assert!(driver("calm-debrief").is_none());
        assert!(move_by_id("cognitive").is_none());
    }
}
