//! The playbook's content: every section and item, in our own words. Plain `const` data, so it
//! builds for the server and the browser; ids are stable (plans store them), texts may be reworded.

use super::{PlanPart, Section, item};

/// Background reading that belongs to no particular part of a plan.
pub(super) const GENERAL: &[PlanPart] = &[];

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
