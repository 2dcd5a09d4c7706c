//! What lists of plans read: the summary kept on each plan row, the team page's one plan per
//! report, the employee's own plans, and the employee's access log.

use crate::model::{AccessEntry, Outcome, PlanStatus, PlanSummary, TeamMember};
use crate::server::db::types::Day;
use crate::server::db::{Conn, DbResult, on_engine};
use chrono::{DateTime, NaiveDate, Utc};

/// How many of a plan's latest self-ratings a summary carries: enough for a trend line in a list;
/// the plan page charts them all. (Migration 0007 filled existing plans with this number too.)
pub const SUMMARY_RATINGS: i64 = 12;

/// Recomputes the summary kept on plan `plan_id`'s row from its tasks and check-ins: tasks not
/// dropped and tasks done, the latest manager-recorded check-in's next date, and the latest
/// [`SUMMARY_RATINGS`] self-ratings, oldest first. Every function that writes a task or a check-in
/// calls it in the same transaction, so the summary can never disagree with what it summarises.
/// (`string_agg ... ORDER BY` is SQLite 3.44+ and PostgreSQL alike.)
#[tracing::instrument(level = "debug", skip_all, fields(plan_id = plan_id))]
pub async fn refresh_summary(conn: &mut Conn, plan_id: i64) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query(
        "UPDATE plans SET
            tasks_total = (SELECT COUNT(*) FROM plan_tasks t WHERE t.plan_id = plans.id AND t.status <> 'dropped'),
            tasks_done = (SELECT COUNT(*) FROM plan_tasks t WHERE t.plan_id = plans.id AND t.status = 'done'),
            next_check_in = (SELECT c.next_check_in FROM check_ins c WHERE c.plan_id = plans.id AND c.recorded_by_manager
                             ORDER BY c.held_on DESC, c.id DESC LIMIT 1),
            recent_ratings = COALESCE((
                SELECT string_agg(CAST(r.self_confidence AS TEXT), ',' ORDER BY r.held_on, r.id)
                FROM (SELECT c.held_on, c.id, c.self_confidence FROM check_ins c
                      WHERE c.plan_id = plans.id AND c.self_confidence IS NOT NULL
                      ORDER BY c.held_on DESC, c.id DESC LIMIT $2) r), '')
         WHERE id = $1"
    )
    .bind(plan_id)
    .bind(SUMMARY_RATINGS)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// A plan summary as a row holds it, every column nullable: on the team page a person without a
/// plan comes with none.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    plan_id: Option<i64>,
    status: Option<PlanStatus>,
    outcome: Option<Outcome>,
    event_title: Option<String>,
    event_date: Option<Day>,
    tasks_total: Option<i64>,
    tasks_done: Option<i64>,
    next_check_in: Option<Day>,
    ratings: Option<String>,
    open_win_title: Option<String>,
    open_win_due: Option<Day>,
}

impl SummaryRow {
    /// The summary, or `None` when the row has no plan.
    fn into_summary(self) -> Option<PlanSummary> {
        Some(PlanSummary {
            id: self.plan_id?,
            status: self.status?,
            outcome: self.outcome,
            event_title: self.event_title?,
            event_date: self.event_date?.0,
            next_check_in: self.next_check_in.map(NaiveDate::from),
            open_win_title: self.open_win_title,
            open_win_due: self.open_win_due.map(NaiveDate::from),
            tasks_done: self.tasks_done.unwrap_or_default(),
            tasks_total: self.tasks_total.unwrap_or_default(),
            confidence: self.ratings.unwrap_or_default().split(',').filter_map(|rating| rating.parse().ok()).collect(),
        })
    }
}

#[derive(sqlx::FromRow)]
struct TeamRow {
    person_id: i64,
    display_name: String,
    department_name: Option<String>,
    #[sqlx(flatten)]
    plan: SummaryRow,
}

/// A manager's current direct reports by name, each with the one plan the team page shows: the
/// active one, else the latest draft, else the latest closed one. One query; each of the three
/// choices is a seek on `plans_by_employee`, where one subquery ranking all of a person's plans
/// sorted them per person. The reports and their chosen plan ids are worked out first (a
/// materialised CTE), so each plan is then fetched by its key: joined on the choice directly,
/// PostgreSQL hashed every plan of the organisation (13.9 ms against 1.2 ms on the
/// 10,000-employee seed). The counts, next check-in and ratings are kept on the plan row by
/// [`refresh_summary`], so the list reads one row per plan and aggregates nothing; the open small
/// win is at most one per plan (a unique index), so its join never repeats a plan.
#[tracing::instrument(level = "debug", skip_all, fields(manager_id = manager_id))]
pub async fn team(conn: &mut Conn, manager_id: i64) -> DbResult<Vec<TeamMember>> {
    let rows: Vec<TeamRow> = on_engine!(conn, |c| sqlx::query_as(
        "WITH team AS MATERIALIZED (
             SELECT u.id AS person_id, u.display_name, u.department_id, COALESCE(
                 (SELECT q.id FROM plans q WHERE q.employee_id = u.id AND q.status = 'active'),
                 (SELECT q.id FROM plans q WHERE q.employee_id = u.id AND q.status = 'draft' ORDER BY q.created_at DESC, q.id DESC LIMIT 1),
                 (SELECT q.id FROM plans q WHERE q.employee_id = u.id AND q.status = 'closed' ORDER BY q.created_at DESC, q.id DESC LIMIT 1)) AS shown_plan
             FROM users u WHERE u.manager_id = $1 AND u.is_active = TRUE)
         SELECT t.person_id, t.display_name, d.name AS department_name,
                p.id AS plan_id, p.status, p.outcome, p.event_title, p.event_date,
                p.tasks_total, p.tasks_done, p.next_check_in, p.recent_ratings AS ratings,
                w.title AS open_win_title, w.due_date AS open_win_due
         FROM team t
         LEFT JOIN departments d ON d.id = t.department_id
         LEFT JOIN plans p ON p.id = t.shown_plan
         LEFT JOIN small_wins w ON w.plan_id = p.id AND w.done_on IS NULL
         ORDER BY t.display_name, t.person_id"
    )
    .bind(manager_id)
    .fetch_all(&mut *c)
    .await)?;
    Ok(rows.into_iter().map(|row| TeamMember { person_id: row.person_id, name: row.display_name, department: row.department_name, plan: row.plan.into_summary() }).collect())
}

/// An employee's own plans once shared (never drafts, nor plans closed before they were shared), newest first. One query.
#[tracing::instrument(level = "debug", skip_all, fields(employee_id = employee_id))]
pub async fn own_plan_summaries(conn: &mut Conn, employee_id: i64) -> DbResult<Vec<PlanSummary>> {
    let rows: Vec<SummaryRow> = on_engine!(conn, |c| sqlx::query_as(
        "SELECT p.id AS plan_id, p.status, p.outcome, p.event_title, p.event_date,
                p.tasks_total, p.tasks_done, p.next_check_in, p.recent_ratings AS ratings,
                w.title AS open_win_title, w.due_date AS open_win_due
         FROM plans p LEFT JOIN small_wins w ON w.plan_id = p.id AND w.done_on IS NULL
         WHERE p.employee_id = $1 AND p.activated_at IS NOT NULL
         ORDER BY p.created_at DESC, p.id DESC"
    )
    .bind(employee_id)
    .fetch_all(&mut *c)
    .await)?;
    Ok(rows.into_iter().filter_map(SummaryRow::into_summary).collect())
}

#[derive(sqlx::FromRow)]
struct AccessRow {
    id: i64,
    occurred_at: DateTime<Utc>,
    actor: Option<String>,
    action: String,
    detail: Option<String>,
}

/// The latest `limit` reads and writes of the employee's plans, newest first (from the audit log).
/// Only what happened once a plan was shared counts: the employee never learns of a draft, of the
/// time a plan spent as one, or of a plan closed before it was shared. Each plan's entries come
/// from the index in order and stop at `limit`, so a plan that has been opened thousands of times
/// costs no more than one opened `limit` times.
#[tracing::instrument(level = "debug", skip_all, fields(employee_id = employee_id))]
pub async fn access_log(conn: &mut Conn, employee_id: i64, limit: i64) -> DbResult<Vec<AccessEntry>> {
    let shared: Vec<(i64, DateTime<Utc>)> =
        on_engine!(conn, |c| sqlx::query_as("SELECT id, activated_at FROM plans WHERE employee_id = $1 AND activated_at IS NOT NULL").bind(employee_id).fetch_all(&mut *c).await)?;
    let mut entries: Vec<AccessRow> = Vec::new();
    for (plan_id, shared_at) in shared {
        let rows: Vec<AccessRow> = on_engine!(conn, |c| sqlx::query_as(
            "SELECT a.id, a.occurred_at, u.display_name AS actor, a.action, a.detail
             FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id
             WHERE a.target_kind = 'plan' AND a.target_id = $1 AND a.occurred_at >= $2
             ORDER BY a.occurred_at DESC, a.id DESC LIMIT $3",
        )
        .bind(plan_id)
        .bind(shared_at)
        .bind(limit)
        .fetch_all(&mut *c)
        .await)?;
        entries.extend(rows);
    }
    entries.sort_by(|a, b| b.occurred_at.cmp(&a.occurred_at).then(b.id.cmp(&a.id)));
    entries.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(entries
        .into_iter()
        .map(|row| AccessEntry {
            at: row.occurred_at,
            actor: row.actor.unwrap_or_else(|| crate::model::FORMER_COLLEAGUE.to_owned()),
            action: crate::model::access_action(crate::model::AuditAction::parse(&row.action), row.detail.as_deref()),
        })
        .collect())
}
