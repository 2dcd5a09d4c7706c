//! The plan as a page shows it, read in one go on one connection.

use crate::model::{
    CheckIn, CheckInRatings, Debrief, GoalRecalibration, History, Milestone, Outcome, PlanEvent, PlanStatus, PlanTask, PlanView, PrivateNote, Recognition, RiskLevel, SmallWin,
    TaskKind, TaskStatus, TimelineEntry, UpcomingSelfAssessment, Viewpoint, Visibility,
};
use crate::server::db::types::{Day, iso_date};
use crate::server::db::{Conn, DbError, DbResult, on_engine};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: i64,
    employee_id: i64,
    employee_name: String,
    manager_name: Option<String>,
    status: PlanStatus,
    outcome: Option<Outcome>,
    event_title: String,
    event_date: Day,
    event_kind: String,
    event_visibility: Visibility,
    what_happened: String,
    what_is_known: String,
    open_questions: String,
    drivers: String,
    technical_fix: String,
    communication_change: String,
    created_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    support_flagged: bool,
    next_check_in: Option<Day>,
    upcoming_self_confidence: Option<i64>,
    upcoming_reflection: String,
    upcoming_rated_at: Option<DateTime<Utc>>,
    keep_after_close: bool,
}

#[derive(sqlx::FromRow)]
struct SmallWinRow {
    id: i64,
    title: String,
    due_date: Day,
    recognition: Option<Recognition>,
    done_on: Option<Day>,
    created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct CheckInRow {
    id: i64,
    held_on: Day,
    self_confidence: Option<i64>,
    observed_readiness: Option<i64>,
    signs: String,
    shared_summary: String,
    private_note: String,
    next_check_in: Option<Day>,
    employee_reflection: String,
}

#[derive(sqlx::FromRow)]
struct TaskRow {
    id: i64,
    kind: TaskKind,
    title: String,
    colleague: String,
    hypothesis: String,
    risk_level: Option<RiskLevel>,
    result: String,
    due_date: Option<Day>,
    status: TaskStatus,
}

#[derive(sqlx::FromRow)]
struct MilestoneRow {
    id: i64,
    title: String,
    target_date: Day,
    reached_on: Option<Day>,
}

#[derive(sqlx::FromRow)]
struct GoalRow {
    id: i64,
    goal: String,
    usual_scope: String,
    temporary_scope: String,
    restore_by: Day,
}

#[derive(sqlx::FromRow)]
struct TimelineRow {
    #[sqlx(flatten)]
    entry: TimelineEntry,
    total: i64,
}

#[derive(sqlx::FromRow)]
struct PrivateNoteRow {
    #[sqlx(flatten)]
    note: PrivateNote,
    total: i64,
}

/// The plan as `viewpoint` may see it, listing as much of its history as `history` asks for.
/// Takes one connection for every part: each connection handed back to the pool costs a round
/// trip to its worker thread.
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn load_plan(conn: &mut Conn, plan_id: i64, viewpoint: Viewpoint, today: NaiveDate, history: History) -> DbResult<Option<PlanView>> {
    let plan: Option<PlanRow> = on_engine!(conn, |c| sqlx::query_as(
        "SELECT p.id, p.employee_id, e.display_name AS employee_name, m.display_name AS manager_name, p.status, p.outcome,
                p.event_title, p.event_date, p.event_kind, p.event_visibility, p.what_happened, p.what_is_known, p.open_questions,
                p.drivers, p.technical_fix, p.communication_change, p.created_at, p.closed_at, p.support_flagged, p.next_check_in,
                p.upcoming_self_confidence, p.upcoming_reflection, p.upcoming_rated_at, p.keep_after_close
         FROM plans p JOIN users e ON e.id = p.employee_id LEFT JOIN users m ON m.id = e.manager_id
         WHERE p.id = $1",
    )
    .bind(plan_id)
    .fetch_optional(&mut *c)
    .await)?;
    let Some(plan) = plan else { return Ok(None) };
    let manager = viewpoint == Viewpoint::Manager;
    let small_wins: Vec<SmallWinRow> =
        on_engine!(conn, |c| sqlx::query_as("SELECT id, title, due_date, recognition, done_on, created_at FROM small_wins WHERE plan_id = $1 ORDER BY created_at, id")
            .bind(plan_id)
            .fetch_all(&mut *c)
            .await)?;
    let tasks: Vec<TaskRow> = on_engine!(conn, |c| sqlx::query_as(
        "SELECT id, kind, title, colleague, hypothesis, risk_level, result, due_date, status
         FROM plan_tasks WHERE plan_id = $1 ORDER BY COALESCE(due_date, '9999-12-31'), id"
    )
    .bind(plan_id)
    .fetch_all(&mut *c)
    .await)?;
    let milestones: Vec<MilestoneRow> =
        on_engine!(conn, |c| sqlx::query_as("SELECT id, title, target_date, reached_on FROM milestones WHERE plan_id = $1 ORDER BY target_date, id")
            .bind(plan_id)
            .fetch_all(&mut *c)
            .await)?;
    let goals: Vec<GoalRow> =
        on_engine!(conn, |c| sqlx::query_as("SELECT id, goal, usual_scope, temporary_scope, restore_by FROM goal_recalibrations WHERE plan_id = $1 ORDER BY id")
            .bind(plan_id)
            .fetch_all(&mut *c)
            .await)?;
    // Every check-in's ratings come as one text: a long plan has dozens of check-ins, and sqlx
    // copies, hands over and frees each value of each row on its own.
    let ratings: Option<String> = on_engine!(conn, |c| sqlx::query_scalar(
        "SELECT string_agg(CAST(held_on AS TEXT) || ' ' || COALESCE(CAST(self_confidence AS TEXT), '-') || ' '
                           || COALESCE(CAST(observed_readiness AS TEXT), '-'), ',' ORDER BY held_on, id)
         FROM check_ins WHERE plan_id = $1",
    )
    .bind(plan_id)
    .fetch_one(&mut *c)
    .await)?;
    let ratings = ratings.as_deref().map(parse_ratings).transpose()?.unwrap_or_default();
    // The employee's query names only shared columns, so private text is never even read.
    let check_in_sql = if manager {
        "SELECT id, held_on, self_confidence, observed_readiness, signs, shared_summary, private_note, next_check_in, employee_reflection
         FROM check_ins WHERE plan_id = $1 ORDER BY held_on DESC, id DESC LIMIT $2"
    } else {
        "SELECT id, held_on, self_confidence, observed_readiness, '' AS signs, shared_summary, '' AS private_note, next_check_in, employee_reflection
         FROM check_ins WHERE plan_id = $1 ORDER BY held_on DESC, id DESC LIMIT $2"
    };
    let check_in_limit = limit(history.check_in_limit());
    let check_in_rows: Vec<CheckInRow> = on_engine!(conn, |c| sqlx::query_as(check_in_sql).bind(plan_id).bind(check_in_limit).fetch_all(&mut *c).await)?;
    // The latest notes, with the count of all of them from the same scan.
    let note_rows: Vec<PrivateNoteRow> = if manager {
        on_engine!(conn, |c| sqlx::query_as(
            "SELECT id, body, created_at, COUNT(*) OVER () AS total FROM private_notes WHERE plan_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
        )
        .bind(plan_id)
        .bind(limit(history.private_note_limit()))
        .fetch_all(&mut *c)
        .await)?
    } else {
        Vec::new()
    };
    let private_note_total = note_rows.first().map_or(0, |row| usize::try_from(row.total).unwrap_or_default());
    let private_notes: Vec<PrivateNote> = note_rows.into_iter().map(|row| row.note).collect();
    // The latest entries, with the count of all of them from the same scan.
    let timeline_limit = limit(history.timeline_limit());
    let timeline_rows: Vec<TimelineRow> = on_engine!(conn, |c| sqlx::query_as(
        "SELECT e.occurred_at AS at, a.display_name AS actor, e.description, COUNT(*) OVER () AS total FROM plan_events e
         LEFT JOIN users a ON a.id = e.actor_id
         WHERE e.plan_id = $1 AND (e.manager_only = FALSE OR $2 = TRUE)
         ORDER BY e.occurred_at DESC, e.id DESC LIMIT $3",
    )
    .bind(plan_id)
    .bind(manager)
    .bind(timeline_limit)
    .fetch_all(&mut *c)
    .await)?;
    let timeline_total = timeline_rows.first().map_or(0, |row| usize::try_from(row.total).unwrap_or_default());
    let mut check_ins: Vec<CheckIn> = check_in_rows.into_iter().map(check_in_from_row).collect();
    check_ins.reverse();
    Ok(Some(PlanView {
        id: plan.id,
        viewpoint,
        employee_id: plan.employee_id,
        employee_name: plan.employee_name,
        manager_name: plan.manager_name,
        status: plan.status,
        outcome: plan.outcome,
        event: PlanEvent { title: plan.event_title, date: plan.event_date.0, kind: plan.event_kind, visibility: plan.event_visibility },
        debrief: Debrief {
            what_happened: plan.what_happened,
            what_is_known: plan.what_is_known,
            open_questions: plan.open_questions,
            drivers: split_ids(&plan.drivers),
            technical_fix: plan.technical_fix,
            communication_change: plan.communication_change,
        },
        small_wins: small_wins
            .into_iter()
            .map(|row| SmallWin {
                id: row.id,
                title: row.title,
                due_date: row.due_date.0,
                recognition: row.recognition,
                done_on: row.done_on.map(NaiveDate::from),
                created_on: row.created_at.date_naive(),
            })
            .collect(),
        tasks: tasks
            .into_iter()
            .map(|row| PlanTask {
                id: row.id,
                kind: row.kind,
                title: row.title,
                colleague: row.colleague,
                hypothesis: row.hypothesis,
                risk_level: row.risk_level,
                result: row.result,
                due_date: row.due_date.map(NaiveDate::from),
                status: row.status,
            })
            .collect(),
        milestones: milestones
            .into_iter()
            .map(|row| Milestone { id: row.id, title: row.title, target_date: row.target_date.0, reached_on: row.reached_on.map(NaiveDate::from) })
            .collect(),
        goals: goals
            .into_iter()
            .map(|row| GoalRecalibration { id: row.id, goal: row.goal, usual_scope: row.usual_scope, temporary_scope: row.temporary_scope, restore_by: row.restore_by.0 })
            .collect(),
        ratings,
        check_ins,
        private_notes,
        private_note_total,
        timeline: timeline_rows.into_iter().rev().map(|row| row.entry).collect(),
        timeline_total,
        created_at: plan.created_at,
        closed_at: plan.closed_at,
        today,
        support_flagged: plan.support_flagged,
        next_check_in: plan.next_check_in.map(NaiveDate::from),
        upcoming_self_assessment: plan.upcoming_rated_at.map(|rated_at| UpcomingSelfAssessment {
            self_confidence: plan.upcoming_self_confidence.and_then(|rating| u8::try_from(rating).ok()),
            reflection: plan.upcoming_reflection,
            rated_at,
        }),
        keep_after_close: plan.keep_after_close,
        erase_on: None,
        support: None,
        language_notes: Vec::new(),
    }))
}

fn check_in_from_row(row: CheckInRow) -> CheckIn {
    CheckIn {
        id: row.id,
        held_on: row.held_on.0,
        self_confidence: rating(row.self_confidence),
        observed_readiness: rating(row.observed_readiness),
        signs: split_ids(&row.signs),
        shared_summary: row.shared_summary,
        private_note: row.private_note,
        next_check_in: row.next_check_in.map(NaiveDate::from),
        employee_reflection: row.employee_reflection,
    }
}

/// A 1-5 rating as stored (NULL when not given).
fn rating(stored: Option<i64>) -> Option<u8> {
    stored.and_then(|value| u8::try_from(value).ok())
}

/// Reads the check-in ratings [`load_plan`] aggregates: `date self readiness` per check-in,
/// comma-separated, `-` for a rating not given.
pub(super) fn parse_ratings(text: &str) -> DbResult<Vec<CheckInRatings>> {
    let unexpected = || DbError::Other(sqlx::Error::Decode(format!("unexpected check-in ratings {text:?}").into()));
    let rating = |word: &str| if word == "-" { Ok(None) } else { word.parse::<u8>().map(Some).map_err(|_| unexpected()) };
    text.split(',')
        .map(|entry| match entry.split(' ').collect::<Vec<_>>()[..] {
            [held_on, self_confidence, observed_readiness] => Ok(CheckInRatings {
                held_on: iso_date(held_on).ok_or_else(unexpected)?,
                self_confidence: rating(self_confidence)?,
                observed_readiness: rating(observed_readiness)?,
            }),
            _ => Err(unexpected()),
        })
        .collect()
}

/// A SQL `LIMIT` for at most `count` rows, or for all of them.
fn limit(count: Option<usize>) -> i64 {
    count.map_or(i64::MAX, |count| i64::try_from(count).unwrap_or(i64::MAX))
}

/// The playbook ids of a multi-value field, stored comma-separated.
pub(super) fn split_ids(joined: &str) -> Vec<String> {
    joined.split(',').map(str::trim).filter(|id| !id.is_empty()).map(str::to_owned).collect()
}
