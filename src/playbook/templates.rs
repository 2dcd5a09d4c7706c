//! Plan templates, one per pressure point.
//!
//! When a manager starts a recovery plan from a pressure point (the kind of event behind it), the
//! plan form is pre-filled from that pressure point's template: one small win, a short list of
//! development tasks and a few milestones. Everything is a suggestion. The manager edits, removes
//! or adds to it before saving, and nothing is stored until they do.
//!
//! The suggestions follow the playbook's moves: a small, visible win the person owns within days;
//! a brief development plan of concrete practice with dates; paired work or co-ownership on the
//! next related piece of work; low-risk micro-experiments; and goals broken into milestones that
//! build on each other over no more than about three months. They are deliberately modest and
//! low-risk, because the aim is to make the next attempt feel safe.
//!
//! Dates are given as days after the plan starts, so the form can turn them into calendar dates.
//! Like the rest of the playbook this is plain `const` data, so it builds for the server and the
//! browser; a suggested task's kind is the app's own [`TaskKind`].

use crate::model::TaskKind::{self, PairedWork, Practice, Shadowing};

/// A suggested task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuggestedTask {
    /// What kind of development task it is.
    pub kind: TaskKind,
    /// What to do, in a line of at most 100 characters.
    pub title: &'static str,
    /// Days after the plan starts it is due.
    pub due_in_days: u32,
    /// For a micro-experiment, what it sets out to learn (empty for other kinds).
    pub hypothesis: &'static str,
}

/// A suggested milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuggestedMilestone {
    /// What has been reached, in a line of at most 100 characters.
    pub title: &'static str,
    /// Days after the plan starts it should be reached.
    pub target_in_days: u32,
}

/// Suggestions for one pressure point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// The pressure-point id from [`super::PRESSURE_POINTS`] this template is for.
    pub pressure_point: &'static str,
    /// One small, visible win the person can own and finish within five working days.
    pub small_win: &'static str,
    /// Two to four development tasks, in the order they fall due.
    pub tasks: &'static [SuggestedTask],
    /// Two or three milestones, in the order they should be reached.
    pub milestones: &'static [SuggestedMilestone],
}

/// Builds a suggested task; keeps the table below short enough to read.
const fn task(kind: TaskKind, title: &'static str, due_in_days: u32) -> SuggestedTask {
    SuggestedTask { kind, title, due_in_days, hypothesis: "" }
}

/// Builds a suggested micro-experiment with the hypothesis it tests.
const fn experiment(title: &'static str, hypothesis: &'static str, due_in_days: u32) -> SuggestedTask {
    SuggestedTask { kind: TaskKind::MicroExperiment, title, due_in_days, hypothesis }
}

/// Builds a suggested milestone; keeps the table below short enough to read.
const fn milestone(title: &'static str, target_in_days: u32) -> SuggestedMilestone {
    SuggestedMilestone { title, target_in_days }
}

/// One template per pressure point, in the same order as [`super::PRESSURE_POINTS`].
pub const TEMPLATES: &[Template] = &[
    Template {
        pressure_point: "public-demo-mistake",
        small_win: "Send the audience a short follow-up note that puts right the point that went wrong",
        tasks: &[
            task(Practice, "Own a low-risk follow-up task: fix the issue from the demo and confirm it works", 7),
            task(Practice, "Rehearse the next demo as a dry run with two friendly colleagues and note one change", 21),
            task(PairedWork, "Co-present the next demo with a peer, each leading the sections agreed beforehand", 30),
        ],
        milestones: &[
            milestone("Debrief held: one technical fix and one communication change agreed", 5),
            milestone("Follow-up task delivered and shown to the team", 14),
            milestone("Next demo co-presented with a peer", 35),
        ],
    },
    Template {
        pressure_point: "outcome-only-feedback",
        small_win: "Pick one specific point from the feedback and finish a visible improvement on it",
        tasks: &[
            task(Practice, "Turn the feedback into three specific behaviours to practise, agreed with you", 5),
            experiment(
                "Try one small change on the next piece of work and ask for feedback on just that",
                "Changing one thing at a time makes the feedback on it specific enough to act on",
                14,
            ),
            task(Shadowing, "Shadow a colleague who does this work well and note two habits worth trying", 21),
        ],
        milestones: &[
            milestone("A clear next step written down for each point of feedback", 7),
            milestone("Specific feedback received on one changed behaviour", 30),
            milestone("Progress on every next step reviewed in a one-on-one", 60),
        ],
    },
    Template {
        pressure_point: "project-cancelled",
        small_win: "Show the team one reusable piece of the project, such as a tool or a finding, in ten minutes",
        tasks: &[
            task(Practice, "Write up the project's reusable learnings, tools and contacts for the team", 10),
            experiment(
                "Run a two-week micro-experiment on a small new piece of work of their choosing",
                "A small piece of new work, chosen by them, rebuilds momentum faster than waiting for the next big project",
                24,
            ),
            task(PairedWork, "Pair with a colleague on the next related assignment, sharing ownership", 45),
        ],
        milestones: &[
            milestone("Learnings shared, and credit given for the work done", 14),
            milestone("Micro-experiment finished and its results talked through", 30),
            milestone("Leading one part of the next related assignment", 75),
        ],
    },
    Template {
        pressure_point: "peer-comparison",
        small_win: "Finish one task that plays to a strength they already have, where the team can see it",
        tasks: &[
            task(Practice, "Agree a personal baseline for the task and practise to beat it, not a colleague's result", 7),
            experiment(
                "Try one technique seen in others' work on a small, low-stakes task",
                "A technique borrowed from a peer can be tried safely on a small task before it is used where it counts",
                14,
            ),
            task(PairedWork, "Swap approaches with a peer on the next similar task, each sharing one thing that worked", 30),
        ],
        milestones: &[
            milestone("Goals measured against their own baseline, not against peers", 7),
            milestone("One new technique used on a real task", 30),
            milestone("A similar task completed end to end, with a partner on hand", 60),
        ],
    },
    Template {
        pressure_point: "no-time-to-learn",
        small_win: "Protect two hours for learning this week and share one thing learned with the team",
        tasks: &[
            task(Practice, "Book a weekly learning slot in the calendar and keep it for four weeks", 7),
            experiment(
                "Try the new skill on a small internal task before using it against a deadline",
                "Using the skill first where a slip costs little builds the confidence to use it under time pressure",
                14,
            ),
            task(PairedWork, "Work alongside an experienced colleague on the next time-critical piece", 28),
        ],
        milestones: &[
            milestone("Deadlines and scope re-agreed to leave room for learning", 5),
            milestone("Four weekly learning slots kept", 30),
            milestone("Next deadline met, with a short review of what was learned", 60),
        ],
    },
    Template {
        pressure_point: "public-reprimand",
        small_win: "Lead a short, low-stakes update in a friendly meeting, with you there in support",
        tasks: &[
            task(Practice, "Agree in private one specific fix from the criticism, and put it in place", 7),
            experiment(
                "Share an early draft with a small, supportive group before it goes wider",
                "Early comments from a few trusted people catch problems while they are still cheap to fix",
                14,
            ),
            task(PairedWork, "Co-lead the next meeting on this topic with a trusted colleague", 28),
        ],
        milestones: &[
            milestone("Criticism gone over calmly and in private, with next steps agreed", 3),
            milestone("First idea offered in a group meeting since the event", 21),
            milestone("Next piece of work on this topic presented to the same group", 60),
        ],
    },
    Template {
        pressure_point: "unclear-cause",
        small_win: "Write a short timeline of what happened, marking what is known and what is not yet",
        tasks: &[
            task(PairedWork, "Look into the likeliest causes with a colleague from a neighbouring team", 10),
            experiment(
                "Test one likely cause with a small, safe experiment and record the result",
                "Checking one cause at a time shows what really went wrong better than guessing at several",
                21,
            ),
            task(Practice, "Add one check to the process that would catch this sooner next time", 35),
        ],
        milestones: &[
            milestone("Known facts and open questions written down", 5),
            milestone("Likeliest cause tested and one lesson agreed", 30),
            milestone("New check in use on a real piece of work", 60),
        ],
    },
    Template {
        pressure_point: "sudden-role-change",
        small_win: "Deliver one small, clearly defined piece of the new role and talk it through with you",
        tasks: &[
            task(Practice, "Write down what the new role expects, agree it with you and mark the skills that are new", 5),
            task(Shadowing, "Shadow someone already doing the new work for two sessions", 14),
            experiment("Take on one small, low-risk task from the new scope", "A first small success in the new scope makes the rest of it feel within reach", 21),
            task(PairedWork, "Share ownership of a larger task in the new scope with an experienced colleague", 45),
        ],
        milestones: &[
            milestone("New expectations written down and agreed", 7),
            milestone("First tasks in the new scope delivered", 30),
            milestone("Taking on work in the new scope without a partner", 90),
        ],
    },
];

/// The template for a pressure-point id, if there is one (there is for every id in
/// [`super::PRESSURE_POINTS`]; "other" and unknown ids have none).
pub fn template_for(pressure_point: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|template| template.pressure_point == pressure_point)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Every title a template holds: its small win, its tasks and its milestones.
    fn titles(template: &Template) -> Vec<&'static str> {
        let mut all = vec![template.small_win];
        all.extend(template.tasks.iter().map(|task| task.title));
        all.extend(template.milestones.iter().map(|milestone| milestone.title));
        all
    }

    #[test]
    fn every_pressure_point_has_exactly_one_template_in_the_same_order() {
        let pressure_points: Vec<&str> = super::super::PRESSURE_POINTS.items.iter().map(|item| item.id).collect();
        let templates: Vec<&str> = TEMPLATES.iter().map(|template| template.pressure_point).collect();
        assert_eq!(templates, pressure_points);
        let unique: HashSet<&str> = templates.iter().copied().collect();
        assert_eq!(unique.len(), TEMPLATES.len());
        for id in pressure_points {
            assert_eq!(template_for(id).map(|template| template.pressure_point), Some(id));
        }
    }

    #[test]
    fn every_suggested_experiment_states_its_hypothesis_and_nothing_else_does() {
        for task in TEMPLATES.iter().flat_map(|template| template.tasks) {
            assert_eq!(task.kind == TaskKind::MicroExperiment, !task.hypothesis.is_empty(), "{}", task.title);
            assert!(task.hypothesis.chars().count() <= 120, "{}", task.hypothesis);
        }
    }

    #[test]
    fn every_suggested_task_is_one_the_task_form_accepts_as_the_new_plan_form_fills_it() {
        // The form pre-fills the title, the hypothesis and a low risk; a paired task waits for
        // the colleague's name, which only the manager can give.
        let due = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
        for template in TEMPLATES {
            for task in template.tasks {
                let checked = crate::model::PlanTask::checked(task.kind, task.title, "", task.hypothesis, "low", due);
                if task.kind == PairedWork {
                    assert!(checked.is_err(), "{}: a paired task without a colleague is refused", task.title);
                    assert!(crate::model::PlanTask::checked(task.kind, task.title, "Priya", task.hypothesis, "low", due).is_ok(), "{}", task.title);
                } else {
                    assert!(checked.is_ok(), "{}: {:?}", task.title, checked.err());
                }
            }
            assert!(crate::model::checks::required_title("the small win", template.small_win).is_ok(), "{}", template.small_win);
            for milestone in template.milestones {
                assert!(crate::model::checks::required_title("the milestone", milestone.title).is_ok(), "{}", milestone.title);
            }
        }
    }

    #[test]
    fn unknown_pressure_points_have_no_template() {
        assert!(template_for("nope").is_none());
        assert!(template_for("other").is_none());
        assert!(template_for("").is_none());
    }

    #[test]
    fn the_failed_demo_suggests_a_follow_up_to_own_and_co_presenting() {
        let template = template_for("public-demo-mistake").expect("template exists");
        assert!(template.tasks.iter().any(|task| task.kind == TaskKind::Practice));
        assert!(template.tasks.iter().any(|task| { task.kind == TaskKind::PairedWork && task.title.to_lowercase().contains("co-present") }));
    }

    #[test]
    fn every_template_has_two_to_four_tasks_including_paired_work_or_an_experiment() {
        for template in TEMPLATES {
            assert!((2..=4).contains(&template.tasks.len()), "{}", template.pressure_point);
            assert!(
                template.tasks.iter().any(|task| matches!(task.kind, TaskKind::PairedWork | TaskKind::MicroExperiment)),
                "{} needs paired work or a micro-experiment",
                template.pressure_point
            );
        }
    }

    #[test]
    fn tasks_fall_due_in_order_within_ninety_days() {
        for template in TEMPLATES {
            let days: Vec<u32> = template.tasks.iter().map(|task| task.due_in_days).collect();
            assert!(days.iter().all(|&day| (1..=90).contains(&day)), "{}", template.pressure_point);
            assert!(days.windows(2).all(|pair| pair[0] <= pair[1]), "{}", template.pressure_point);
        }
    }

    #[test]
    fn every_template_has_two_or_three_milestones_with_increasing_targets_within_ninety_days() {
        for template in TEMPLATES {
            let days: Vec<u32> = template.milestones.iter().map(|milestone| milestone.target_in_days).collect();
            assert!((2..=3).contains(&days.len()), "{}", template.pressure_point);
            assert!(days.iter().all(|&day| (1..=90).contains(&day)), "{}", template.pressure_point);
            assert!(days.windows(2).all(|pair| pair[0] < pair[1]), "{} milestone targets must strictly increase", template.pressure_point);
        }
    }

    #[test]
    fn titles_are_filled_in_and_at_most_a_hundred_characters() {
        for template in TEMPLATES {
            for title in titles(template) {
                assert!(!title.trim().is_empty(), "{} has an empty title", template.pressure_point);
                assert!(title.chars().count() <= 100, "{title} is longer than 100 characters");
            }
        }
    }

    #[test]
    fn kinds_use_the_apps_task_words() {
        let words: Vec<&str> = [TaskKind::Practice, TaskKind::PairedWork, TaskKind::MicroExperiment, TaskKind::Shadowing].into_iter().map(TaskKind::as_str).collect();
        assert_eq!(words, ["practice", "paired_work", "micro_experiment", "shadowing"]);
    }
}
