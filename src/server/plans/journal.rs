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

/// A line for the plan's timeline, and who may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// Both the manager and the employee see it.
    Shared(String),
    /// Only the manager sees it (about private notes or support decisions).
    ManagerOnly(String),
}

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
        let mut tx = state.pool.begin_write().await?;
        let facts = db::plans::access_facts(&mut tx, plan_id).await?.ok_or_else(not_found)?;
        let role = authorise(actor_id, &facts, intent)?;
        Ok(Self { tx, now: state.now(), actor_id, plan_id, role, facts })
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
    pub async fn record(self, change: PlanChange, line: Line) -> Result<Saved, AppError> {
        let Self { mut tx, now, actor_id, plan_id, .. } = self;
        let (line, manager_only) = match line {
            Line::Shared(line) => (line, false),
            Line::ManagerOnly(line) => (line, true),
        };
        db::plans::add_timeline_line(&mut tx, plan_id, now, Some(actor_id), &line, manager_only).await?;
        record_change(&mut tx, now, actor_id, plan_id, change).await?;
        tx.commit().await?;
        Ok(Saved { plan_id, change, line })
    }
}

/// The audit entry of a change to a plan, inside the caller's transaction.
pub async fn record_change(conn: &mut Conn, now: DateTime<Utc>, actor_id: i64, plan_id: i64, change: PlanChange) -> Result<(), AppError> {
    db::audit::record(conn, now, AuditEvent::on_plan(actor_id, plan_id, change)).await?;
    db::settings::bump_data_version(conn).await?;
    Ok(())
}
