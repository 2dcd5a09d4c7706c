//! The plan storage functions, against a real database of either engine.

use super::*;
use crate::model::*;
use crate::server::db::test_support::{add_person, fresh_pool};
use crate::server::db::types::iso_date;
use crate::server::db::{Constraint, DbError, Pool};
use chrono::Duration;

pub(super) struct Fixture {
    pub(super) pool: Pool,
    pub(super) _dir: tempfile::TempDir,
    pub(super) manager: i64,
    pub(super) employee: i64,
    pub(super) plan: i64,
    pub(super) now: DateTime<Utc>,
    pub(super) today: NaiveDate,
}

pub(super) fn fields(title: &str, today: NaiveDate) -> EventAndDebrief {
    EventAndDebrief {
        event: PlanEvent { title: title.into(), date: today - Duration::days(3), kind: "public-demo-mistake".into(), visibility: Visibility::Public },
        debrief: Debrief { what_happened: "Demo failed".into(), drivers: vec!["process".into(), "social".into()], ..Debrief::default() },
    }
}

pub(super) async fn fixture() -> Fixture {
    let (pool, dir) = fresh_pool().await;
    let mut conn = pool.test_writer().await;
    let manager = add_person(&mut conn, "m@example.org", None, false).await;
    let employee = add_person(&mut conn, "e@example.org", Some(manager), false).await;
    let now = crate::server::clock::now();
    let today = now.date_naive();
    let plan = insert_plan(&mut conn, now, employee, manager, &fields("Demo", today)).await.unwrap();
    drop(conn);
    Fixture { pool, _dir: dir, manager, employee, plan, now, today }
}

#[test]
fn aggregated_ratings_are_read_back_and_anything_else_is_an_error() {
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    assert_eq!(
        parse_ratings("2026-11-01 2 -,2026-11-08 - 4,2026-11-15 5 3").unwrap(),
        vec![
            CheckInRatings { held_on: day(1), self_confidence: Some(2), observed_readiness: None },
            CheckInRatings { held_on: day(8), self_confidence: None, observed_readiness: Some(4) },
            CheckInRatings { held_on: day(15), self_confidence: Some(5), observed_readiness: Some(3) },
        ]
    );
    for broken in ["", "2026-11-01 2", "2026-11-01 two -", "01/11/2026 2 3"] {
        assert!(parse_ratings(broken).is_err(), "{broken}");
    }
}

#[test]
fn iso_dates_are_read_exactly_and_anything_else_is_left_to_sqlx() {
    assert_eq!(iso_date("2026-11-29"), NaiveDate::from_ymd_opt(2026, 11, 29));
    assert_eq!(iso_date("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
    for other in ["2026-02-30", "2026-1-29", "26-11-29", "2026/11/29", "2026-11-29T00:00:00", "+026-11-29", ""] {
        assert_eq!(iso_date(other), None, "{other}");
    }
}

#[tokio::test]
async fn access_facts_follow_the_current_reporting_line() {
    let f = fixture().await;
    let facts = access_facts(&mut f.pool.test_writer().await, f.plan).await.unwrap().unwrap();
    assert_eq!((facts.employee_id, facts.status, facts.current_manager_id), (f.employee, PlanStatus::Draft, Some(f.manager)));
    let mut conn = f.pool.test_writer().await;
    crate::server::db::users::set_manager(&mut conn, f.now, f.employee, None).await.unwrap();
    assert_eq!(access_facts(&mut f.pool.test_writer().await, f.plan).await.unwrap().unwrap().current_manager_id, None);
    assert!(access_facts(&mut f.pool.test_writer().await, 9_999).await.unwrap().is_none());
}

#[tokio::test]
async fn expired_closed_plans_are_erased_in_batches_and_kept_ones_stay() {
    let f = fixture().await;
    let mut conn = f.pool.test_writer().await;
    let long_ago = f.now - Duration::days(400);
    set_history(&mut conn, f.plan, long_ago, Some((long_ago + Duration::days(10), Outcome::Recovered))).await.unwrap();
    let mut expired = vec![f.plan];
    for _ in 0..4 {
        let plan = insert_plan(&mut conn, long_ago, f.employee, f.manager, &fields("Old", f.today)).await.unwrap();
        set_history(&mut conn, plan, long_ago, Some((long_ago + Duration::days(10), Outcome::Withdrawn))).await.unwrap();
        expired.push(plan);
    }
    set_keep(&mut conn, f.now, expired[4], true).await.unwrap();
    let cutoff = f.now - Duration::days(365);
    assert_eq!(erase_expired(&mut conn, cutoff, 3).await.unwrap(), 3);
    assert_eq!(erase_expired(&mut conn, cutoff, 3).await.unwrap(), 1);
    assert_eq!(erase_expired(&mut conn, cutoff, 3).await.unwrap(), 0);
    assert!(access_facts(&mut f.pool.test_writer().await, expired[4]).await.unwrap().is_some(), "the kept plan stays");
}

#[tokio::test]
async fn debriefs_round_trip_and_update() {
    let f = fixture().await;
    let plan = load_plan(&mut f.pool.test_writer().await, f.plan, Viewpoint::Manager, f.today, History::All).await.unwrap().unwrap();
    assert_eq!(plan.debrief.drivers, vec!["process", "social"]);
    assert_eq!(plan.event.visibility, Visibility::Public);
    let mut conn = f.pool.test_writer().await;
    let mut changed = fields("Renamed", f.today);
    changed.debrief.drivers.clear();
    update_event_and_debrief(&mut conn, f.now, f.plan, &changed).await.unwrap();
    let plan = load_plan(&mut f.pool.test_writer().await, f.plan, Viewpoint::Manager, f.today, History::All).await.unwrap().unwrap();
    assert_eq!(plan.event.title, "Renamed");
    assert!(plan.debrief.drivers.is_empty());
}

#[tokio::test]
async fn one_active_plan_per_employee_and_closing_stamps_the_outcome() {
    let f = fixture().await;
    let mut conn = f.pool.test_writer().await;
    set_status(&mut conn, f.now, f.plan, PlanStatus::Active, None).await.unwrap();
    let second = insert_plan(&mut conn, f.now, f.employee, f.manager, &fields("Second", f.today)).await.unwrap();
    assert!(set_status(&mut conn, f.now, second, PlanStatus::Active, None).await.unwrap_err().is_conflict_on(Constraint::OneActivePlan));
    set_status(&mut conn, f.now, f.plan, PlanStatus::Closed, Some(Outcome::Recovered)).await.unwrap();
    set_status(&mut conn, f.now, second, PlanStatus::Active, None).await.unwrap();
    let closed = load_plan(&mut f.pool.test_writer().await, f.plan, Viewpoint::Manager, f.today, History::All).await.unwrap().unwrap();
    assert_eq!((closed.status, closed.outcome), (PlanStatus::Closed, Some(Outcome::Recovered)));
    assert!(closed.closed_at.is_some());
}

#[tokio::test]
async fn exactly_one_small_win_is_open_at_a_time() {
    let f = fixture().await;
    let mut conn = f.pool.test_writer().await;
    let due = f.today + Duration::days(5);
    let win = insert_small_win(&mut conn, f.now, f.plan, "Follow-up note", due).await.unwrap();
    assert!(insert_small_win(&mut conn, f.now, f.plan, "Another", due).await.unwrap_err().is_conflict_on(Constraint::OneOpenSmallWin));
    complete_small_win(&mut conn, f.plan, win, Recognition::Public, f.today).await.unwrap();
    assert!(matches!(complete_small_win(&mut conn, f.plan, win, Recognition::Public, f.today).await, Err(DbError::NotFound)));
    insert_small_win(&mut conn, f.now, f.plan, "Next one", due).await.unwrap();
    let plan = load_plan(&mut f.pool.test_writer().await, f.plan, Viewpoint::Employee, f.today, History::All).await.unwrap().unwrap();
    assert_eq!(plan.small_wins.len(), 2);
    assert_eq!(plan.small_wins[0].recognition, Some(Recognition::Public));
    assert_eq!(plan.open_small_win().unwrap().title, "Next one");
}

#[tokio::test]
async fn tasks_milestones_and_goals_are_stored_and_updated_only_on_their_plan() {
    let f = fixture().await;
    let mut conn = f.pool.test_writer().await;
    let task = PlanTask {
        id: 0,
        kind: TaskKind::MicroExperiment,
        title: "Ask one question".into(),
        colleague: String::new(),
        hypothesis: "Asking early helps".into(),
        risk_level: Some(RiskLevel::Low),
        result: String::new(),
        due_date: Some(f.today),
        status: TaskStatus::Todo,
    };
    let task_id = insert_task(&mut conn, f.now, f.plan, &task).await.unwrap();
    assert_eq!(update_task_progress(&mut conn, f.now, f.plan, task_id, TaskStatus::Done, "It did").await.unwrap(), "Ask one question");
    assert!(update_task_progress(&mut conn, f.now, f.plan + 1, task_id, TaskStatus::Done, "").await.is_err());
    let milestone = insert_milestone(&mut conn, f.now, f.plan, "Speak up once", f.today).await.unwrap();
    set_milestone_reached(&mut conn, f.plan, milestone, Some(f.today)).await.unwrap();
    assert!(set_milestone_reached(&mut conn, f.plan + 1, milestone, None).await.is_err());
    let goal = GoalRecalibration { id: 0, goal: "Demos".into(), usual_scope: "Lead".into(), temporary_scope: "Co-lead".into(), restore_by: f.today };
    insert_goal(&mut conn, f.now, f.plan, &goal).await.unwrap();
    let plan = load_plan(&mut f.pool.test_writer().await, f.plan, Viewpoint::Employee, f.today, History::All).await.unwrap().unwrap();
    assert_eq!((plan.tasks[0].status, plan.tasks[0].result.as_str()), (TaskStatus::Done, "It did"));
    assert_eq!(plan.milestones[0].reached_on, Some(f.today));
    assert_eq!(plan.goals[0].temporary_scope, "Co-lead");
}
