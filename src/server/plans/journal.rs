//! The one way a plan is changed: [`PlanWrite::open`] starts a write transaction and decides who
//! may do it there, the rule makes its change on [`PlanWrite::conn`], and [`PlanWrite::record`]
//! adds the change's timeline line and its audit entry (the employee's access log) and commits.
//! Nothing is saved unless all of it is, and no reporting-line change can slip in between the
//! access check and the write.

use crate::model::{AppError, PlanChange};
use crate::server::AppState;
use crate::server::db::{self, Conn, Transaction, audit::AuditEvent, plans::AccessFacts};
use crate::server::plans::access::{Intent, PlanRole, authorise, not_found};
use crate::server::plans::input::PlanDates;
use chrono::{DateTime, Utc};

/// A change that was saved: what it was and its timeline line, for the confirmation shown where
/// the person lands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub plan_id: i64,
    pub change: PlanChange,
    pub line: String,
}

/// A write to one plan in progress (see the module documentation).
pub struct PlanWrite {
    tx: Transaction,
    now: DateTime<Utc>,
    actor_id: i64,
    plan_id: i64,
    role: PlanRole,
    facts: AccessFacts,
}

impl PlanWrite {
    /// Starts a write to `plan_id` by `actor_id`, refused unless they may do `intent` with it.
    #[tracing::instrument(skip(state))]
    pub async fn open(state: &AppState, actor_id: i64, plan_id: i64, intent: Intent) -> Result<Self, AppError> {
        // Refused callers are turned away before the write lock is taken, so a flood of writes
        // nobody may make cannot hold up everyone else's. The check inside the transaction is
        // the one that counts.
        check_access(&mut state.pool.acquire().await?, actor_id, plan_id, intent).await?;
        let mut tx = state.pool.begin_write().await?;
        let (role, facts) = check_access(&mut tx, actor_id, plan_id, intent).await?;
        Ok(Self { tx, now: state.now(), actor_id, plan_id, role, facts })
    }

    /// Continues `tx`, in which `manager_id` just inserted `plan_id` for a direct report, as a
    /// write to that plan: its first line and audit entry go through [`PlanWrite::record`] too.
    pub async fn of_new_plan(mut tx: Transaction, now: DateTime<Utc>, manager_id: i64, plan_id: i64) -> Result<Self, AppError> {
        let (role, facts) = check_access(&mut tx, manager_id, plan_id, Intent::ManagerWrite).await?;
        Ok(Self { tx, now, actor_id: manager_id, plan_id, role, facts })
    }

    /// The caller's role on the plan.
    pub fn role(&self) -> PlanRole {
        self.role
    }

    /// The plan's facts as the access check read them (status, event date).
    pub fn facts(&self) -> &AccessFacts {
        &self.facts
    }

    /// The dates this plan's parts are checked against.
    pub fn dates(&self) -> PlanDates {
        PlanDates { event: self.facts.event_date, today: self.now.date_naive() }
    }

    /// The time of this write (one for the change, its line and its audit entry).
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The plan being written.
    pub fn plan_id(&self) -> i64 {
        self.plan_id
    }

    /// The transaction, for the change itself.
    pub fn conn(&mut self) -> &mut Conn {
        &mut self.tx
    }

    /// Adds `line` to the timeline and `change` to the audit log, and commits the whole write.
    /// The line is the manager's alone when the change is: one rule,
    /// [`PlanChange::is_manager_only`], for the timeline and the employee's access log.
    pub async fn record(self, change: PlanChange, line: impl Into<String>) -> Result<Saved, AppError> {
        let Self { mut tx, now, actor_id, plan_id, .. } = self;
        let line = line.into();
        db::plans::add_timeline_line(&mut tx, plan_id, now, Some(actor_id), &line, change.is_manager_only()).await?;
        record_change(&mut tx, now, actor_id, plan_id, change).await?;
        tx.commit().await?;
        Ok(Saved { plan_id, change, line })
    }
}

/// The caller's role on the plan for `intent`, and the facts it was decided on, read on `conn`.
async fn check_access(conn: &mut Conn, actor_id: i64, plan_id: i64, intent: Intent) -> Result<(PlanRole, AccessFacts), AppError> {
    let facts = db::plans::access_facts(conn, plan_id).await?.ok_or_else(not_found)?;
    Ok((authorise(actor_id, &facts, intent)?, facts))
}

/// The audit entry of a change to a plan, inside the caller's transaction.
async fn record_change(conn: &mut Conn, now: DateTime<Utc>, actor_id: i64, plan_id: i64, change: PlanChange) -> Result<(), AppError> {
    Ok(db::audit::record_counted(conn, now, AuditEvent::on_plan(actor_id, plan_id, change)).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AuditAction, Debrief, EventAndDebrief, PlanEvent, Visibility};
    use crate::server::db::test_support::{add_person, fresh_pool};
    use std::sync::Arc;

    /// A state on `pool` with everything else at its defaults.
    fn state_on(pool: crate::server::db::Pool) -> AppState {
        AppState {
            assets: Default::default(),
            leptos_options: leptos::prelude::LeptosOptions::builder().output_name("rebound").build(),
            pool: pool.clone(),
            clock: Arc::new(crate::server::clock::SystemClock),
            config: Arc::new(crate::server::config::Config::new("sqlite://unused")),
            hasher: crate::server::auth::password::Hasher::new(1),
            insights_cache: Default::default(),
            plan_reads: crate::server::plans::reads::PlanReadLog::start(pool),
            throttle: Default::default(),
            instance_id: "test".into(),
            settings: Default::default(),
        }
    }

    async fn count(state: &AppState, sql: &str) -> i64 {
        let mut conn = state.pool.test_writer().await;
        crate::server::db::on_engine!(conn, |c| sqlx::query_scalar(sql).fetch_one(&mut *c).await).unwrap()
    }

    #[tokio::test]
    async fn a_change_lands_with_its_timeline_line_and_audit_entry_or_not_at_all() {
        let (pool, _dir) = fresh_pool().await;
        let state = state_on(pool);
        let mut conn = state.pool.test_writer().await;
        let manager = add_person(&mut conn, "m@example.org", None, false).await;
        let employee = add_person(&mut conn, "e@example.org", Some(manager), false).await;
        let stranger = add_person(&mut conn, "s@example.org", None, false).await;
        let today = state.now().date_naive();
        let fields = EventAndDebrief { event: PlanEvent { title: "Demo".into(), date: today, kind: "other".into(), visibility: Visibility::Private }, debrief: Debrief::default() };
        let plan = db::plans::insert_plan(&mut conn, state.now(), employee, manager, &fields).await.unwrap();
        drop(conn);

        // Someone with no part in the plan is told it does not exist, and nothing is written.
        assert!(matches!(PlanWrite::open(&state, stranger, plan, Intent::ManagerWrite).await, Err(AppError::NotFound(_))));
        // The employee cannot write the manager's parts (and a draft is not theirs to see).
        assert!(PlanWrite::open(&state, employee, plan, Intent::ManagerWrite).await.is_err());

        // A write dropped before `record` leaves nothing behind.
        let mut abandoned = PlanWrite::open(&state, manager, plan, Intent::ManagerWrite).await.unwrap();
        let now = abandoned.now();
        db::plans::insert_milestone(abandoned.conn(), now, plan, "Speak up once", today).await.unwrap();
        drop(abandoned);
        assert_eq!(count(&state, "SELECT COUNT(*) FROM milestones").await, 0);

        // A recorded write lands whole: the change, its line and its access-log entry.
        let mut write = PlanWrite::open(&state, manager, plan, Intent::ManagerWrite).await.unwrap();
        assert_eq!((write.role(), write.dates().event), (PlanRole::Manager, today));
        let now = write.now();
        db::plans::insert_milestone(write.conn(), now, plan, "Speak up once", today).await.unwrap();
        let saved = write.record(PlanChange::Milestone, "Milestone added: Speak up once").await.unwrap();
        assert_eq!(saved, Saved { plan_id: plan, change: PlanChange::Milestone, line: "Milestone added: Speak up once".into() });
        assert_eq!(count(&state, "SELECT COUNT(*) FROM milestones").await, 1);
        assert_eq!(count(&state, "SELECT COUNT(*) FROM plan_events WHERE description = 'Milestone added: Speak up once' AND manager_only = FALSE").await, 1);
        let mut conn = state.pool.test_writer().await;
        assert_eq!(db::audit::count_by_action(&mut conn, AuditAction::PlanWrite).await.unwrap(), 1);
    }
}
