//! Moving house: every row of every table from one database to another, across engines, with a
//! count and a checksum per table to prove nothing changed on the way.

use super::{Conn, DbError, DbResult, Engine, on_engine};
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use sha2::{Digest, Sha256};

/// How a column is read and written, the same on both engines.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Int,
    Text,
    Bool,
    Time,
    Date,
    Bytes,
}

/// One value of a row. Every column may be NULL here: the schemas decide what may not.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(Option<bool>),
    Time(Option<DateTime<Utc>>),
    Date(Option<NaiveDate>),
    Bytes(Option<Vec<u8>>),
}

/// A table to copy: how to read it in key order, how to write it, and (on PostgreSQL) how to set
/// its id sequence past the copied ids.
struct Table {
    name: &'static str,
    select: &'static str,
    insert: &'static str,
    kinds: &'static [Kind],
    sequence: Option<&'static str>,
}

use Kind::{Bool, Bytes, Date, Int, Text, Time};

/// Every table, parents before children. `users.manager_id` points into its own table, so people
/// are written without it and their managers set once everyone is there.
const TABLES: &[Table] = &[
    Table {
        name: "departments",
        select: "SELECT id, name, name_normalized, created_at FROM departments ORDER BY id",
        insert: "INSERT INTO departments (id, name, name_normalized, created_at) ",
        kinds: &[Int, Text, Text, Time],
        sequence: Some("SELECT setval(pg_get_serial_sequence('departments', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM departments"),
    },
    Table {
        name: "users",
        select: "SELECT id, email, email_normalized, display_name, password_hash, must_change_password, is_active, is_hr, is_admin,
                        department_id, created_at, updated_at, time_zone, manager_id FROM users ORDER BY id",
        insert: "INSERT INTO users (id, email, email_normalized, display_name, password_hash, must_change_password, is_active, is_hr, is_admin,
                                    department_id, created_at, updated_at, time_zone) ",
        kinds: &[Int, Text, Text, Text, Text, Bool, Bool, Bool, Bool, Int, Time, Time, Text, Int],
        sequence: Some("SELECT setval(pg_get_serial_sequence('users', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM users"),
    },
    Table {
        name: "sessions",
        select: "SELECT token_hash, user_id, created_at, last_seen_at FROM sessions ORDER BY token_hash",
        insert: "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) ",
        kinds: &[Text, Int, Time, Time],
        sequence: None,
    },
    Table {
        name: "login_failures",
        select: "SELECT id, email_normalized, client_ip, failed_at FROM login_failures ORDER BY id",
        insert: "INSERT INTO login_failures (id, email_normalized, client_ip, failed_at) ",
        kinds: &[Int, Text, Text, Time],
        sequence: Some("SELECT setval(pg_get_serial_sequence('login_failures', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM login_failures"),
    },
    Table { name: "settings", select: "SELECT key, value FROM settings ORDER BY key", insert: "INSERT INTO settings (key, value) ", kinds: &[Text, Text], sequence: None },
    Table {
        name: "audit_events",
        select: "SELECT id, occurred_at, actor_id, action, target_kind, target_id, detail FROM audit_events ORDER BY id",
        insert: "INSERT INTO audit_events (id, occurred_at, actor_id, action, target_kind, target_id, detail) ",
        kinds: &[Int, Time, Int, Text, Text, Int, Text],
        sequence: Some("SELECT setval(pg_get_serial_sequence('audit_events', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM audit_events"),
    },
    Table {
        name: "plans",
        select: "SELECT id, employee_id, opened_by, status, outcome, event_title, event_date, event_kind, event_visibility, what_happened,
                        what_is_known, open_questions, drivers, technical_fix, communication_change, created_at, updated_at, activated_at,
                        closed_at, support_flagged, keep_after_close, tasks_total, tasks_done, next_check_in, recent_ratings,
                        upcoming_self_confidence, upcoming_reflection, upcoming_rated_at FROM plans ORDER BY id",
        insert: "INSERT INTO plans (id, employee_id, opened_by, status, outcome, event_title, event_date, event_kind, event_visibility, what_happened,
                                    what_is_known, open_questions, drivers, technical_fix, communication_change, created_at, updated_at, activated_at,
                                    closed_at, support_flagged, keep_after_close, tasks_total, tasks_done, next_check_in, recent_ratings,
                                    upcoming_self_confidence, upcoming_reflection, upcoming_rated_at) ",
        kinds: &[Int, Int, Int, Text, Text, Text, Date, Text, Text, Text, Text, Text, Text, Text, Text, Time, Time, Time, Time, Bool, Bool, Int, Int, Date, Text, Int, Text, Time],
        sequence: Some("SELECT setval(pg_get_serial_sequence('plans', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM plans"),
    },
    Table {
        name: "small_wins",
        select: "SELECT id, plan_id, title, due_date, recognition, done_on, created_at FROM small_wins ORDER BY id",
        insert: "INSERT INTO small_wins (id, plan_id, title, due_date, recognition, done_on, created_at) ",
        kinds: &[Int, Int, Text, Date, Text, Date, Time],
        sequence: Some("SELECT setval(pg_get_serial_sequence('small_wins', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM small_wins"),
    },
    Table {
        name: "plan_tasks",
        select: "SELECT id, plan_id, kind, title, colleague, hypothesis, risk_level, result, due_date, status, created_at, updated_at FROM plan_tasks ORDER BY id",
        insert: "INSERT INTO plan_tasks (id, plan_id, kind, title, colleague, hypothesis, risk_level, result, due_date, status, created_at, updated_at) ",
        kinds: &[Int, Int, Text, Text, Text, Text, Text, Text, Date, Text, Time, Time],
        sequence: Some("SELECT setval(pg_get_serial_sequence('plan_tasks', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM plan_tasks"),
    },
    Table {
        name: "milestones",
        select: "SELECT id, plan_id, title, target_date, reached_on, created_at FROM milestones ORDER BY id",
        insert: "INSERT INTO milestones (id, plan_id, title, target_date, reached_on, created_at) ",
        kinds: &[Int, Int, Text, Date, Date, Time],
        sequence: Some("SELECT setval(pg_get_serial_sequence('milestones', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM milestones"),
    },
    Table {
        name: "goal_recalibrations",
        select: "SELECT id, plan_id, goal, usual_scope, temporary_scope, restore_by, created_at FROM goal_recalibrations ORDER BY id",
        insert: "INSERT INTO goal_recalibrations (id, plan_id, goal, usual_scope, temporary_scope, restore_by, created_at) ",
        kinds: &[Int, Int, Text, Text, Text, Date, Time],
        sequence: Some("SELECT setval(pg_get_serial_sequence('goal_recalibrations', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM goal_recalibrations"),
    },
    Table {
        name: "check_ins",
        select: "SELECT id, plan_id, held_on, self_confidence, observed_readiness, signs, shared_summary, private_note, next_check_in,
                        employee_reflection, created_at, updated_at, recorded_by_manager FROM check_ins ORDER BY id",
        insert: "INSERT INTO check_ins (id, plan_id, held_on, self_confidence, observed_readiness, signs, shared_summary, private_note, next_check_in,
                                        employee_reflection, created_at, updated_at, recorded_by_manager) ",
        kinds: &[Int, Int, Date, Int, Int, Text, Text, Text, Date, Text, Time, Time, Bool],
        sequence: Some("SELECT setval(pg_get_serial_sequence('check_ins', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM check_ins"),
    },
    Table {
        name: "private_notes",
        select: "SELECT id, plan_id, body, created_at FROM private_notes ORDER BY id",
        insert: "INSERT INTO private_notes (id, plan_id, body, created_at) ",
        kinds: &[Int, Int, Text, Time],
        sequence: Some("SELECT setval(pg_get_serial_sequence('private_notes', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM private_notes"),
    },
    Table {
        name: "plan_events",
        select: "SELECT id, plan_id, occurred_at, actor_id, description, manager_only FROM plan_events ORDER BY id",
        insert: "INSERT INTO plan_events (id, plan_id, occurred_at, actor_id, description, manager_only) ",
        kinds: &[Int, Int, Time, Int, Text, Bool],
        sequence: Some("SELECT setval(pg_get_serial_sequence('plan_events', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM plan_events"),
    },
    Table {
        name: "insights_editions",
        select: "SELECT last_month, privacy_k, computed_at, body FROM insights_editions ORDER BY last_month, privacy_k",
        insert: "INSERT INTO insights_editions (last_month, privacy_k, computed_at, body) ",
        kinds: &[Text, Int, Time, Text],
        sequence: None,
    },
    Table {
        name: "hand_overs",
        select: "SELECT token_hash, action, body, created_at FROM hand_overs ORDER BY token_hash",
        insert: "INSERT INTO hand_overs (token_hash, action, body, created_at) ",
        kinds: &[Text, Text, Bytes, Time],
        sequence: None,
    },
    Table {
        name: "first_sign_in_links",
        select: "SELECT user_id, token_hash, expires_at, created_at FROM first_sign_in_links ORDER BY user_id",
        insert: "INSERT INTO first_sign_in_links (user_id, token_hash, expires_at, created_at) ",
        kinds: &[Int, Text, Time, Time],
        sequence: None,
    },
    Table {
        name: "calendar_feeds",
        select: "SELECT user_id, token_hash, created_at FROM calendar_feeds ORDER BY user_id",
        insert: "INSERT INTO calendar_feeds (user_id, token_hash, created_at) ",
        kinds: &[Int, Text, Time],
        sequence: None,
    },
    Table {
        name: "calendar_entries",
        select: "SELECT user_id, uid, summary, starts_on, sequence, cancelled_at FROM calendar_entries ORDER BY user_id, uid",
        insert: "INSERT INTO calendar_entries (user_id, uid, summary, starts_on, sequence, cancelled_at) ",
        kinds: &[Int, Text, Text, Date, Int, Time],
        sequence: None,
    },
    Table {
        name: "email_preferences",
        select: "SELECT user_id, reminders, shared, digest FROM email_preferences ORDER BY user_id",
        insert: "INSERT INTO email_preferences (user_id, reminders, shared, digest) ",
        kinds: &[Int, Bool, Bool, Bool],
        sequence: None,
    },
    Table {
        name: "email_outbox",
        select: "SELECT id, idempotency_key, user_id, kind, recipient, subject, body, unsubscribe_hash, unsubscribe_token, created_at, attempts,
                        next_attempt_at, claimed_until, finished_at, outcome, last_error FROM email_outbox ORDER BY id",
        insert: "INSERT INTO email_outbox (id, idempotency_key, user_id, kind, recipient, subject, body, unsubscribe_hash, unsubscribe_token, created_at, attempts,
                                           next_attempt_at, claimed_until, finished_at, outcome, last_error) ",
        kinds: &[Int, Text, Int, Text, Text, Text, Text, Text, Text, Time, Int, Time, Time, Time, Text, Text],
        sequence: Some("SELECT setval(pg_get_serial_sequence('email_outbox', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM email_outbox"),
    },
    Table {
        name: "job_leases",
        select: "SELECT job, holder, expires_at FROM job_leases ORDER BY job",
        insert: "INSERT INTO job_leases (job, holder, expires_at) ",
        kinds: &[Text, Text, Time],
        sequence: None,
    },
];

/// The columns of `users` written in the first pass: all but the trailing `manager_id`.
const USERS_WRITTEN: usize = 13;

/// Rows written per statement: well under both engines' limit on bound parameters.
const BATCH_ROWS: usize = 500;

/// What one table holds: its row count and a SHA-256 over every value of every row in key order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSummary {
    pub table: &'static str,
    pub rows: u64,
    pub checksum: String,
}

/// Reads a row's values by column kind, in one engine's own row type.
macro_rules! decode_row {
    ($row:expr, $kinds:expr) => {{
        use sqlx::Row as _;
        $kinds
            .iter()
            .enumerate()
            .map(|(index, kind)| {
                Ok(match kind {
                    Kind::Int => Value::Int($row.try_get(index)?),
                    Kind::Text => Value::Text($row.try_get(index)?),
                    Kind::Bool => Value::Bool($row.try_get(index)?),
                    Kind::Time => Value::Time($row.try_get::<Option<DateTime<Utc>>, _>(index)?.map(|time| time.trunc_subsecs(6))),
                    Kind::Date => Value::Date($row.try_get(index)?),
                    Kind::Bytes => Value::Bytes($row.try_get(index)?),
                })
            })
            .collect::<Result<Vec<Value>, sqlx::Error>>()
    }};
}

/// Every row of `table`, in key order.
async fn read(conn: &mut Conn, table: &Table) -> DbResult<Vec<Vec<Value>>> {
    Ok(on_engine!(conn, |c| {
        let rows = sqlx::query(table.select).fetch_all(&mut *c).await?;
        rows.iter().map(|row| decode_row!(row, table.kinds)).collect::<Result<Vec<_>, sqlx::Error>>()
    })?)
}

/// Writes `rows` (only their first `columns` values) into `table` with batched inserts.
async fn write(conn: &mut Conn, table: &Table, rows: &[Vec<Value>], columns: usize) -> DbResult<()> {
    for batch in rows.chunks(BATCH_ROWS) {
        on_engine!(conn, |c| {
            let mut insert = sqlx::QueryBuilder::new(table.insert);
            insert.push_values(batch, |mut row, values| {
                for value in &values[..columns] {
                    match value {
                        Value::Int(value) => row.push_bind(*value),
                        Value::Text(value) => row.push_bind(value.clone()),
                        Value::Bool(value) => row.push_bind(*value),
                        Value::Time(value) => row.push_bind(*value),
                        Value::Date(value) => row.push_bind(*value),
                        Value::Bytes(value) => row.push_bind(value.clone()),
                    };
                }
            });
            insert.build().execute(&mut *c).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// The count and checksum of rows as read.
fn summarise(table: &'static str, rows: &[Vec<Value>]) -> TableSummary {
    let mut hash = Sha256::new();
    for row in rows {
        for value in row {
            // A tag and a length before each value, so no two different rows hash alike.
            let (tag, bytes): (u8, Vec<u8>) = match value {
                Value::Int(None) | Value::Text(None) | Value::Bool(None) | Value::Time(None) | Value::Date(None) | Value::Bytes(None) => (0, Vec::new()),
                Value::Int(Some(number)) => (1, number.to_be_bytes().to_vec()),
                Value::Text(Some(text)) => (2, text.as_bytes().to_vec()),
                Value::Bool(Some(flag)) => (3, vec![u8::from(*flag)]),
                Value::Time(Some(time)) => (4, time.timestamp_micros().to_be_bytes().to_vec()),
                Value::Date(Some(date)) => (5, date.to_string().into_bytes()),
                Value::Bytes(Some(bytes)) => (6, bytes.clone()),
            };
            hash.update([tag]);
            hash.update((bytes.len() as u64).to_be_bytes());
            hash.update(&bytes);
        }
        hash.update([0xff]);
    }
    TableSummary { table, rows: rows.len() as u64, checksum: hex::encode(hash.finalize()) }
}

/// The count and checksum of every table of the database under `conn`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn summaries(conn: &mut Conn) -> DbResult<Vec<TableSummary>> {
    let mut all = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        all.push(summarise(table.name, &read(conn, table).await?));
    }
    Ok(all)
}

/// The tables of the database under `conn` that hold any row.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn tables_with_rows(conn: &mut Conn) -> DbResult<Vec<&'static str>> {
    Ok(summaries(conn).await?.into_iter().filter(|summary| summary.rows > 0).map(|summary| summary.table).collect())
}

/// Copies every row of every table from `source` into the empty, migrated database under
/// `target` (a write transaction: nothing lands unless everything does), and returns what was
/// read from the source. The append-only audit log is only ever inserted into, so its triggers
/// stay on.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn copy(source: &mut Conn, target: &mut Conn) -> DbResult<Vec<TableSummary>> {
    let mut copied = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let rows = read(source, table).await?;
        let written = if table.name == "users" { USERS_WRITTEN } else { table.kinds.len() };
        write(target, table, &rows, written).await?;
        if table.name == "users" {
            set_managers(target, &rows).await?;
        }
        if let (Some(sequence), Engine::Postgres(c)) = (table.sequence, target.engine()) {
            sqlx::query(sequence).execute(&mut *c).await?;
        }
        copied.push(summarise(table.name, &rows));
    }
    if let Engine::Postgres(c) = target.engine() {
        // Fresh statistics: without them the planner guessed at every table it had just been given.
        sqlx::query("ANALYZE").execute(&mut *c).await?;
    }
    Ok(copied)
}

/// Sets each copied person's manager, now that every person exists.
async fn set_managers(target: &mut Conn, users: &[Vec<Value>]) -> DbResult<()> {
    for row in users {
        let (Value::Int(Some(id)), Value::Int(Some(manager))) = (&row[0], &row[USERS_WRITTEN]) else { continue };
        on_engine!(target, |c| sqlx::query("UPDATE users SET manager_id = $1 WHERE id = $2").bind(*manager).bind(*id).execute(&mut *c).await.map(|_| ()))?;
    }
    Ok(())
}

/// The migrations applied to the database under `conn`, oldest first (none when it has no
/// schema history at all).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn applied_migrations(conn: &mut Conn) -> DbResult<Vec<i64>> {
    let applied: Result<Vec<i64>, sqlx::Error> =
        on_engine!(conn, |c| sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = TRUE ORDER BY version").fetch_all(&mut *c).await);
    match applied {
        Ok(versions) => Ok(versions),
        // No history table: an empty database, or not one of ours.
        Err(sqlx::Error::Database(_)) => Ok(Vec::new()),
        Err(other) => Err(DbError::from(other)),
    }
}
