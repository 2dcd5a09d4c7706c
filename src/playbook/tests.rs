//! Checks that the playbook's content is complete, consistent and reachable.

mod search {
    use super::super::*;

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

mod content {
    use super::super::*;
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
