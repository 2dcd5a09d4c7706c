//! What can go wrong in the storage layer, in terms the layer above can act on. No sentences for
//! people here: the caller knows what was being done and says it (see `server::error`).

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The row the write or read was about does not exist (or is not where it was looked for).
    #[error("not found")]
    NotFound,
    /// A write broke one of the schema's constraints.
    #[error("conflict on {0:?}")]
    Conflict(Constraint),
    /// The database cannot be reached or gave no connection in time; worth retrying later.
    #[error("database unavailable: {0}")]
    Unavailable(sqlx::Error),
    /// Anything else: a bug, a corrupt value, a broken schema.
    #[error("database error: {0}")]
    Other(sqlx::Error),
}

/// The constraints a person can run into, named the same on both engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint {
    /// Two accounts with one email (in any letter case).
    PersonEmail,
    /// Two departments with one name (in any letter case).
    DepartmentName,
    /// A second active plan for one employee.
    OneActivePlan,
    /// A second open small win on one plan.
    OneOpenSmallWin,
    /// A reference to a row that does not exist (a foreign key).
    MissingReference,
    /// Any other unique or check constraint.
    Other,
}

/// Our constraints as each engine reports them: PostgreSQL gives the constraint's name, SQLite
/// the table and column in its message ("UNIQUE constraint failed: users.email_normalized").
const NAMED: &[(Constraint, &str, &str)] = &[
    (Constraint::PersonEmail, "users_email_normalized_key", "users.email_normalized"),
    (Constraint::DepartmentName, "departments_name_normalized_key", "departments.name_normalized"),
    (Constraint::OneActivePlan, "plans_one_active_per_employee", "plans.employee_id"),
    (Constraint::OneOpenSmallWin, "small_wins_one_open_per_plan", "small_wins.plan_id"),
];

impl From<sqlx::Error> for DbError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => DbError::NotFound,
            sqlx::Error::Database(database) => {
                if database.is_foreign_key_violation() {
                    return DbError::Conflict(Constraint::MissingReference);
                }
                if database.is_unique_violation() || database.is_check_violation() {
                    let named = NAMED
                        .iter()
                        .find(|(_, postgres, sqlite)| database.constraint() == Some(postgres) || database.message().strip_prefix("UNIQUE constraint failed: ") == Some(sqlite));
                    return DbError::Conflict(named.map_or(Constraint::Other, |(constraint, _, _)| *constraint));
                }
                // SQLSTATE classes 08 (connection exception) and 57 (operator intervention: the
                // server shutting down or restarting) mean the database went away, not a bug.
                if database.code().is_some_and(|code| code.starts_with("08") || code.starts_with("57")) {
                    return DbError::Unavailable(sqlx::Error::Database(database));
                }
                DbError::Other(sqlx::Error::Database(database))
            }
            sqlx::Error::Io(_) | sqlx::Error::Tls(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed | sqlx::Error::Protocol(_) => {
                DbError::Unavailable(error)
            }
            other => DbError::Other(other),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for DbError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        DbError::Other(sqlx::Error::Migrate(Box::new(error)))
    }
}

impl DbError {
    /// True when the write hit `constraint`.
    pub fn is_conflict_on(&self, constraint: Constraint) -> bool {
        matches!(self, DbError::Conflict(hit) if *hit == constraint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_rows_and_lost_servers_are_told_apart_from_bugs() {
        assert!(matches!(DbError::from(sqlx::Error::RowNotFound), DbError::NotFound));
        assert!(matches!(DbError::from(sqlx::Error::PoolTimedOut), DbError::Unavailable(_)));
        assert!(matches!(DbError::from(sqlx::Error::ColumnNotFound("x".into())), DbError::Other(_)));
    }
}
