//! The plan as each viewpoint reads it, and the summaries and access log built from it.

use super::tests::{fields, fixture};
use super::*;
use crate::model::*;
use crate::server::db::test_support::add_person;
use chrono::Duration;

#[tokio::test]
async fn the_employee_view_never_reads_private_parts() {
    let f = fixture().await;
    let mut conn = f.pool.test_writer().await;
    let check_in = CheckIn {
        id: 0,
        held_on: f.today,
        self_confidence: Some(2),
        observed_readiness: Some(3),
        signs: vec!["stops-volunteering".into()],
        shared_summary: "Shared".into(),
        private_note: "Private".into(),
        next_check_in: None,
        employee_reflection: String::new(),
    };
    let id = insert_check_in(&mut conn, f.now, f.plan, &check_in).await.unwrap();
    set_self_assessment(&mut conn, f.now, f.plan, id, Some(4), "Better").await.unwrap();
    insert_private_note(&mut conn, f.now, f.plan, "Secret").await.unwrap();
    add_timeline_line(&mut conn, f.plan, f.now, Some(f.manager), "Private note added", true).await.unwrap();
    add_timeline_line(&mut conn, f.plan, f.now, Some(f.manager), "Check-in held", false).await.unwrap();
    let manager = load_plan(&mut f.pool.test_writer().await, f.plan, Viewpoint::Manager, f.today, History::All).await.unwrap().unwrap();
    assert_eq!((manager.check_ins[0].private_note.as_str(), manager.check_ins[0].signs.len()), ("Private", 1));
    assert_eq!(manager.private_notes.len(), 1);
    assert_eq!(manager.timeline.len(), 2);
    let employee = load_plan(&mut f.pool.test_writer().await, f.plan, Viewpoint::Employee, f.today, History::All).await.unwrap().unwrap();
    assert!(employee.check_ins[0].private_note.is_empty() && employee.check_ins[0].signs.is_empty());
    assert_eq!((employee.check_ins[0].self_confidence, employee.check_ins[0].employee_reflection.as_str()), (Some(4), "Better"));
    assert!(employee.private_notes.is_empty());
    assert_eq!(employee.timeline.len(), 1);
    assert!(!format!("{employee:?}").contains("Secret") && !format!("{employee:?}").contains("Private\""));
}

#[tokio::test]
async fn a_recent_view_lists_the_latest_history_in_full_and_rates_every_check_in() {
    let f = fixture().await;
    let mut conn = f.pool.test_writer().await;
    let weeks = RECENT_CHECK_INS + 2;
    let check_ins: Vec<CheckIn> = (0..weeks)
        .map(|week| CheckIn {
            id: 0,
            held_on: f.today - Duration::days(7 * (weeks - week) as i64),
            self_confidence: Some(1 + (week % 5) as u8),
            observed_readiness: None,
            signs: vec![],
            shared_summary: format!("Week {week}"),
            private_note: String::new(),
            next_check_in: None,
            employee_reflection: String::new(),
        })
        .collect();
    insert_check_ins(&mut conn, f.now, f.plan, &check_ins).await.unwrap();
    for entry in 0..RECENT_TIMELINE_ENTRIES + 3 {
        add_timeline_line(&mut conn, f.plan, f.now + Duration::seconds(entry as i64), None, &format!("Entry {entry}"), false).await.unwrap();
    }
    for note in 0..RECENT_PRIVATE_NOTES + 4 {
        insert_private_note(&mut conn, f.now + Duration::seconds(note as i64), f.plan, &format!("Note {note}")).await.unwrap();
    }

    let recent = load_plan(&mut f.pool.test_writer().await, f.plan, Viewpoint::Manager, f.today, History::Recent).await.unwrap().unwrap();
    let summaries: Vec<&str> = recent.check_ins.iter().map(|c| c.shared_summary.as_str()).collect();
    assert_eq!(summaries.len(), RECENT_CHECK_INS);
    assert_eq!((summaries[0], summaries[RECENT_CHECK_INS - 1]), ("Week 2", "Week 11"), "the latest, oldest first");
    assert_eq!(recent.ratings.len(), weeks, "the chart still gets every check-in");
    assert_eq!((recent.ratings[0].held_on, recent.ratings[0].self_confidence), (check_ins[0].held_on, Some(1)));
    assert_eq!(recent.timeline.len(), RECENT_TIMELINE_ENTRIES);
    assert_eq!(recent.timeline_total, RECENT_TIMELINE_ENTRIES + 3);
    assert_eq!(recent.timeline.last().unwrap().description, format!("Entry {}", RECENT_TIMELINE_ENTRIES + 2));
    assert_eq!(recent.timeline[0].description, "Entry 3");
    let notes: Vec<&str> = recent.private_notes.iter().map(|note| note.body.as_str()).collect();
    assert_eq!(
        (notes.len(), notes[0], recent.private_note_total),
        (RECENT_PRIVATE_NOTES, "Note 13", RECENT_PRIVATE_NOTES + 4),
        "the latest notes, newest first, and how many there are"
    );
    let all_notes = load_plan(&mut f.pool.test_writer().await, f.plan, Viewpoint::Manager, f.today, History::All).await.unwrap().unwrap();
    assert_eq!((all_notes.private_notes.len(), all_notes.private_notes.last().unwrap().body.as_str()), (RECENT_PRIVATE_NOTES + 4, "Note 0"));

    let whole = load_plan(&mut f.pool.test_writer().await, f.plan, Viewpoint::Employee, f.today, History::All).await.unwrap().unwrap();
    assert_eq!((whole.check_ins.len(), whole.check_ins[0].shared_summary.as_str()), (weeks, "Week 0"));
    assert_eq!((whole.timeline.len(), whole.timeline_total), (RECENT_TIMELINE_ENTRIES + 3, RECENT_TIMELINE_ENTRIES + 3));
    assert_eq!((whole.private_notes.len(), whole.private_note_total), (0, 0), "the employee never gets a note, nor their number");
}

#[tokio::test]
async fn the_stored_summary_follows_task_progress_and_the_employees_own_ratings() {
    let f = fixture().await;
    let mut conn = f.pool.test_writer().await;
    let practice = |title: &str| PlanTask {
        id: 0,
        kind: TaskKind::Practice,
        title: title.into(),
        colleague: String::new(),
        hypothesis: String::new(),
        risk_level: None,
        result: String::new(),
        due_date: None,
        status: TaskStatus::Todo,
    };
    let first = insert_task(&mut conn, f.now, f.plan, &practice("Dry run")).await.unwrap();
    let second = insert_task(&mut conn, f.now, f.plan, &practice("Walk-through")).await.unwrap();
    let check_in = CheckIn {
        id: 0,
        held_on: f.today,
        self_confidence: None,
        observed_readiness: Some(3),
        signs: vec![],
        shared_summary: String::new(),
        private_note: String::new(),
        next_check_in: Some(f.today + Duration::days(7)),
        employee_reflection: String::new(),
    };
    let check_in_id = insert_check_in(&mut conn, f.now, f.plan, &check_in).await.unwrap();
    let summary = || async { team(&mut f.pool.test_writer().await, f.manager).await.unwrap().remove(0).plan.unwrap() };
    let before = summary().await;
    assert_eq!((before.tasks_done, before.tasks_total, before.confidence), (0, 2, vec![]), "no rating yet");

    update_task_progress(&mut conn, f.now, f.plan, first, TaskStatus::Done, "").await.unwrap();
    update_task_progress(&mut conn, f.now, f.plan, second, TaskStatus::Dropped, "").await.unwrap();
    set_self_assessment(&mut conn, f.now, f.plan, check_in_id, Some(4), "Better").await.unwrap();
    let after = summary().await;
    assert_eq!((after.tasks_done, after.tasks_total, after.confidence), (1, 1, vec![4]));
    assert_eq!(after.next_check_in, Some(f.today + Duration::days(7)));

    // A refused write (a task of another plan) leaves the summary as it was.
    assert!(update_task_progress(&mut conn, f.now, f.plan + 1, first, TaskStatus::Todo, "").await.is_err());
    let unchanged = summary().await;
    assert_eq!((unchanged.tasks_done, unchanged.tasks_total), (1, 1));
}

#[tokio::test]
async fn a_rating_before_the_next_one_on_one_waits_for_it_and_keeps_the_scheduled_date() {
    let f = fixture().await;
    let mut conn = f.pool.test_writer().await;
    let next = f.today + Duration::days(7);
    let check_in = CheckIn {
        id: 0,
        held_on: f.today - Duration::days(1),
        self_confidence: None,
        observed_readiness: Some(3),
        signs: vec![],
        shared_summary: String::new(),
        private_note: String::new(),
        next_check_in: Some(next),
        employee_reflection: String::new(),
    };
    insert_check_in(&mut conn, f.now, f.plan, &check_in).await.unwrap();
    set_upcoming_self_assessment(&mut conn, f.now, f.plan, Some(2), "Nervous").await.unwrap();
    set_upcoming_self_assessment(&mut conn, f.now, f.plan, Some(3), "Less nervous").await.unwrap();
    let plan = load_plan(&mut conn, f.plan, Viewpoint::Employee, f.today, History::All).await.unwrap().unwrap();
    assert_eq!(plan.check_ins.len(), 1, "no check-in of its own");
    assert_eq!(plan.next_check_in, Some(next), "the scheduled check-in stays");
    assert_eq!(plan.upcoming_self_assessment.as_ref().map(|u| (u.self_confidence, u.reflection.as_str())), Some((Some(3), "Less nervous")), "the latest one counts");
    assert_eq!(team(&mut f.pool.test_writer().await, f.manager).await.unwrap().remove(0).plan.unwrap().next_check_in, Some(next));
    assert_eq!(take_upcoming_self_assessment(&mut conn, f.plan).await.unwrap(), Some((Some(3), "Less nervous".to_owned())));
    assert_eq!(take_upcoming_self_assessment(&mut conn, f.plan).await.unwrap(), None, "taken once");
}

#[tokio::test]
async fn ratings_saved_as_check_ins_before_the_migration_no_longer_clear_the_schedule() {
    let f = fixture().await;
    let mut conn = f.pool.test_writer().await;
    let next = f.today + Duration::days(7);
    let manager_check_in = CheckIn {
        id: 0,
        held_on: f.today - Duration::days(2),
        self_confidence: None,
        observed_readiness: Some(3),
        signs: vec![],
        shared_summary: "Talked it through".into(),
        private_note: String::new(),
        next_check_in: Some(next),
        employee_reflection: String::new(),
    };
    insert_check_in(&mut conn, f.now, f.plan, &manager_check_in).await.unwrap();
    // What an employee's rating before a meeting used to save: a check-in with nothing else.
    on_engine!(conn, |c| sqlx::query(
        "INSERT INTO check_ins (plan_id, held_on, self_confidence, signs, shared_summary, private_note, employee_reflection, created_at, updated_at, recorded_by_manager)
                 VALUES ($1, $2, 4, '', '', '', '', $3, $3, FALSE)",
    )
    .bind(f.plan)
    .bind(f.today)
    .bind(f.now)
    .execute(&mut *c)
    .await
    .map(|_| ()))
    .unwrap();
    refresh_summary(&mut conn, f.plan).await.unwrap();
    let summary = team(&mut f.pool.test_writer().await, f.manager).await.unwrap().remove(0).plan.unwrap();
    assert_eq!(summary.next_check_in, Some(next));
    assert_eq!(summary.confidence, vec![4], "the old rating is kept as the employee's own");
}

#[tokio::test]
async fn summaries_cover_the_team_or_the_employee_and_the_access_log_reads_the_audit() {
    let f = fixture().await;
    let mut conn = f.pool.test_writer().await;
    insert_task(
        &mut conn,
        f.now,
        f.plan,
        &PlanTask {
            id: 0,
            kind: TaskKind::Practice,
            title: "Dry run".into(),
            colleague: String::new(),
            hypothesis: String::new(),
            risk_level: None,
            result: String::new(),
            due_date: None,
            status: TaskStatus::Done,
        },
    )
    .await
    .unwrap();
    insert_small_win(&mut conn, f.now, f.plan, "Note", f.today).await.unwrap();
    for (days, rating) in [(2, 2), (1, 3)] {
        let check_in = CheckIn {
            id: 0,
            held_on: f.today - Duration::days(days),
            self_confidence: Some(rating),
            observed_readiness: None,
            signs: vec![],
            shared_summary: String::new(),
            private_note: String::new(),
            next_check_in: Some(f.today + Duration::days(days)),
            employee_reflection: String::new(),
        };
        insert_check_in(&mut conn, f.now, f.plan, &check_in).await.unwrap();
    }
    let members = team(&mut f.pool.test_writer().await, f.manager).await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].person_id, f.employee);
    let summary = members[0].plan.as_ref().unwrap();
    assert_eq!((summary.tasks_done, summary.tasks_total, summary.confidence.clone()), (1, 1, vec![2, 3]));
    assert_eq!(summary.next_check_in, Some(f.today + Duration::days(1)));
    assert_eq!(summary.open_win_title.as_deref(), Some("Note"));
    // Older ratings beyond the cap drop out of the summary; dropped tasks never count.
    for days in 10..23 {
        let check_in = CheckIn {
            id: 0,
            held_on: f.today - Duration::days(days),
            self_confidence: Some(5),
            observed_readiness: None,
            signs: vec![],
            shared_summary: String::new(),
            private_note: String::new(),
            next_check_in: None,
            employee_reflection: String::new(),
        };
        insert_check_in(&mut conn, f.now, f.plan, &check_in).await.unwrap();
    }
    insert_task(
        &mut conn,
        f.now,
        f.plan,
        &PlanTask {
            id: 0,
            kind: TaskKind::Practice,
            title: "Abandoned".into(),
            colleague: String::new(),
            hypothesis: String::new(),
            risk_level: None,
            result: String::new(),
            due_date: None,
            status: TaskStatus::Dropped,
        },
    )
    .await
    .unwrap();
    let summary = team(&mut f.pool.test_writer().await, f.manager).await.unwrap().remove(0).plan.unwrap();
    let mut expected = vec![5; SUMMARY_RATINGS as usize - 2];
    expected.extend([2, 3]);
    assert_eq!((summary.tasks_done, summary.tasks_total, summary.confidence), (1, 1, expected));
    assert_eq!(summary.next_check_in, Some(f.today + Duration::days(1)), "the latest check-in sets the next one");
    assert!(own_plan_summaries(&mut f.pool.test_writer().await, f.employee).await.unwrap().is_empty(), "drafts are not the employee's to list");
    set_status(&mut conn, f.now, f.plan, PlanStatus::Active, None).await.unwrap();
    assert_eq!(own_plan_summaries(&mut f.pool.test_writer().await, f.employee).await.unwrap().len(), 1);

    crate::server::db::audit::record(&mut conn, f.now, crate::server::db::audit::AuditEvent::plan_read(f.manager, f.plan)).await.unwrap();
    record_handover(&mut conn, f.now, f.employee, f.manager, "Handed over").await.unwrap();
    let log = access_log(&mut f.pool.test_writer().await, f.employee, 10).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].actor.as_str(), log[0].action.as_str()), ("m", "opened the plan"));
    // Entries from every plan of the employee merge newest first, and the limit holds.
    let other = insert_plan(&mut conn, f.now, f.employee, f.manager, &fields("Earlier", f.today)).await.unwrap();
    for (plan, minutes) in [(f.plan, 1), (other, 2), (f.plan, 3), (other, 4)] {
        crate::server::db::audit::record(&mut conn, f.now + Duration::minutes(minutes), crate::server::db::audit::AuditEvent::plan_read(f.manager, plan)).await.unwrap();
    }
    // While the other plan is a draft, its reads are not the employee's to see.
    let log = access_log(&mut f.pool.test_writer().await, f.employee, 3).await.unwrap();
    let minutes: Vec<i64> = log.iter().map(|entry| (entry.at - f.now).num_minutes()).collect();
    assert_eq!(minutes, vec![3, 1, 0]);
    set_history(&mut conn, other, f.now - Duration::days(1), Some((f.now, Outcome::Recovered))).await.unwrap();
    let log = access_log(&mut f.pool.test_writer().await, f.employee, 3).await.unwrap();
    let minutes: Vec<i64> = log.iter().map(|entry| (entry.at - f.now).num_minutes()).collect();
    assert_eq!(minutes, vec![4, 3, 2]);
    let shown: Vec<_> = team(&mut f.pool.test_writer().await, f.manager).await.unwrap().into_iter().map(|member| member.plan.map(|plan| plan.id)).collect();
    assert_eq!(shown, vec![Some(f.plan)], "one plan per person: the active one, not the newer closed one");
    let newcomer = add_person(&mut conn, "n@example.org", Some(f.manager), false).await;
    let members = team(&mut f.pool.test_writer().await, f.manager).await.unwrap();
    assert!(members.iter().any(|member| member.person_id == newcomer && member.plan.is_none()), "people without a plan are listed too");
    let plan = load_plan(&mut f.pool.test_writer().await, f.plan, Viewpoint::Employee, f.today, History::All).await.unwrap().unwrap();
    assert!(plan.timeline.iter().any(|entry| entry.description == "Handed over"));
}
