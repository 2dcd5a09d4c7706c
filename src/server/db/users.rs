//! People: accounts, roles and reporting lines.

use super::{Conn, DbResult, on_engine, one_row};
use crate::model::{PersonSummary, Viewer};
use crate::server::db::types::PasswordHash;
use chrono::{DateTime, Utc};

/// What sign-in needs to know about an account. The hash never leaves the server.
#[derive(Debug)]
pub struct Credentials {
    pub id: i64,
    pub password_hash: PasswordHash,
    pub is_active: bool,
}

/// A person to create.
#[derive(Debug)]
pub struct NewPerson<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a PasswordHash,
    pub must_change_password: bool,
    pub is_hr: bool,
    pub is_admin: bool,
    pub department_id: Option<i64>,
    pub manager_id: Option<i64>,
}

/// Looks up sign-in credentials by normalised email.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn credentials_by_email(conn: &mut Conn, email_normalized: &str) -> DbResult<Option<Credentials>> {
    let row: Option<(i64, String, bool)> =
        on_engine!(conn, |c| sqlx::query_as("SELECT id, password_hash, is_active FROM users WHERE email_normalized = $1").bind(email_normalized).fetch_optional(&mut *c).await)?;
    Ok(row.map(|(id, hash, is_active)| Credentials { id, password_hash: PasswordHash::from_stored(hash), is_active }))
}

/// The stored password hash of a person, for re-checking their current password.
#[tracing::instrument(level = "debug", skip_all, fields(person_id = person_id))]
pub async fn password_hash(conn: &mut Conn, person_id: i64) -> DbResult<Option<PasswordHash>> {
    let hash: Option<String> = on_engine!(conn, |c| sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(person_id).fetch_optional(&mut *c).await)?;
    Ok(hash.map(PasswordHash::from_stored))
}

/// The interface's view of an active person, with whether they currently manage anyone.
#[tracing::instrument(level = "debug", skip_all, fields(person_id = person_id))]
pub async fn viewer(conn: &mut Conn, person_id: i64) -> DbResult<Option<Viewer>> {
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.is_hr, u.is_admin, u.must_change_password,
                EXISTS (SELECT 1 FROM users r WHERE r.manager_id = u.id AND r.is_active = TRUE) AS is_manager
         FROM users u WHERE u.id = $1 AND u.is_active = TRUE"
    )
    .bind(person_id)
    .fetch_optional(&mut *c)
    .await)?)
}

/// Creates a person. A second account with the same email (in any letter case) is a conflict on
/// [`Constraint::PersonEmail`](super::Constraint::PersonEmail).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert(conn: &mut Conn, now: DateTime<Utc>, person: &NewPerson<'_>) -> DbResult<i64> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar(
        "INSERT INTO users (email, email_normalized, display_name, password_hash, must_change_password,
                            is_hr, is_admin, department_id, manager_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
         RETURNING id",
    )
    .bind(person.email.trim())
    .bind(crate::model::validation::normalize_email(person.email))
    .bind(person.display_name.trim())
    .bind(person.password_hash.as_stored())
    .bind(person.must_change_password)
    .bind(person.is_hr)
    .bind(person.is_admin)
    .bind(person.department_id)
    .bind(person.manager_id)
    .bind(now)
    .fetch_one(&mut *c)
    .await)?)
}

/// People whose name or email contains `search` (any case), active first, then by name.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(conn: &mut Conn, search: &str, limit: i64) -> DbResult<Vec<PersonSummary>> {
    let pattern = format!("%{}%", escape_like(&search.trim().to_lowercase()));
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.is_active, u.is_hr, u.is_admin,
                u.department_id, d.name AS department_name, u.manager_id, m.display_name AS manager_name, m.email AS manager_email,
                (SELECT COUNT(*) FROM users r WHERE r.manager_id = u.id AND r.is_active = TRUE) AS direct_report_count
         FROM users u LEFT JOIN departments d ON d.id = u.department_id LEFT JOIN users m ON m.id = u.manager_id
         WHERE LOWER(u.display_name) LIKE $1 ESCAPE '\\' OR u.email_normalized LIKE $1 ESCAPE '\\'
         ORDER BY u.is_active DESC, u.display_name, u.id
         LIMIT $2"
    )
    .bind(&pattern)
    .bind(limit)
    .fetch_all(&mut *c)
    .await)?)
}

/// Everyone who currently manages at least one active person, by name.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn managers(conn: &mut Conn) -> DbResult<Vec<PersonSummary>> {
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.is_active, u.is_hr, u.is_admin,
                u.department_id, d.name AS department_name, u.manager_id, m.display_name AS manager_name, m.email AS manager_email,
                (SELECT COUNT(*) FROM users r WHERE r.manager_id = u.id AND r.is_active = TRUE) AS direct_report_count
         FROM users u LEFT JOIN departments d ON d.id = u.department_id LEFT JOIN users m ON m.id = u.manager_id
         WHERE EXISTS (SELECT 1 FROM users r WHERE r.manager_id = u.id AND r.is_active = TRUE)
         ORDER BY u.display_name, u.id"
    )
    .fetch_all(&mut *c)
    .await)?)
}

/// One person as the admin pages show them.
#[tracing::instrument(level = "debug", skip_all, fields(person_id = person_id))]
pub async fn summary(conn: &mut Conn, person_id: i64) -> DbResult<Option<PersonSummary>> {
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.is_active, u.is_hr, u.is_admin,
                u.department_id, d.name AS department_name, u.manager_id, m.display_name AS manager_name, m.email AS manager_email,
                (SELECT COUNT(*) FROM users r WHERE r.manager_id = u.id AND r.is_active = TRUE) AS direct_report_count
         FROM users u LEFT JOIN departments d ON d.id = u.department_id LEFT JOIN users m ON m.id = u.manager_id
         WHERE u.id = $1"
    )
    .bind(person_id)
    .fetch_optional(&mut *c)
    .await)?)
}

/// The id of the person with this email (any case), if any.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn id_by_email(conn: &mut Conn, email: &str) -> DbResult<Option<i64>> {
    let normalized = crate::model::validation::normalize_email(email);
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT id FROM users WHERE email_normalized = $1").bind(&normalized).fetch_optional(&mut *c).await)?)
}

/// True when some active admin exists (the instance has been claimed).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn any_admin_exists(conn: &mut Conn) -> DbResult<bool> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE is_admin = TRUE AND is_active = TRUE)").fetch_one(&mut *c).await)?)
}

/// Whether the person's account is active, or `None` when there is no such person.
#[tracing::instrument(level = "debug", skip_all, fields(person_id = person_id))]
pub async fn is_active(conn: &mut Conn, person_id: i64) -> DbResult<Option<bool>> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT is_active FROM users WHERE id = $1").bind(person_id).fetch_optional(&mut *c).await)?)
}

/// True when making `manager_id` the manager of `person_id` would close a loop in the reporting
/// lines (the person is the manager, or manages the manager directly or indirectly).
#[tracing::instrument(level = "debug", skip_all, fields(person_id = person_id, manager_id = manager_id))]
pub async fn would_create_cycle(conn: &mut Conn, person_id: i64, manager_id: i64) -> DbResult<bool> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar(
        "WITH RECURSIVE chain(id) AS (
             SELECT CAST($1 AS BIGINT)
             UNION
             SELECT u.manager_id FROM users u JOIN chain c ON u.id = c.id WHERE u.manager_id IS NOT NULL
         )
         SELECT EXISTS (SELECT 1 FROM chain WHERE id = $2)",
    )
    .bind(manager_id)
    .bind(person_id)
    .fetch_one(&mut *c)
    .await)?)
}

/// Sets or clears a person's manager. The rules a reporting line must meet are checked by the
/// caller (`server::people::set_manager`) in the same transaction.
#[tracing::instrument(level = "debug", skip_all, fields(person_id = person_id))]
pub async fn set_manager(conn: &mut Conn, now: DateTime<Utc>, person_id: i64, manager_id: Option<i64>) -> DbResult<()> {
    let updated = on_engine!(conn, |c| sqlx::query("UPDATE users SET manager_id = $1, updated_at = $2 WHERE id = $3")
        .bind(manager_id)
        .bind(now)
        .bind(person_id)
        .execute(&mut *c)
        .await
        .map(|done| done.rows_affected()))?;
    one_row(updated)
}

/// Puts a person in a department, or in none. A department that does not exist is a conflict on
/// [`Constraint::MissingReference`](super::Constraint::MissingReference).
#[tracing::instrument(level = "debug", skip_all, fields(person_id = person_id))]
pub async fn set_department(conn: &mut Conn, now: DateTime<Utc>, person_id: i64, department_id: Option<i64>) -> DbResult<()> {
    let updated = on_engine!(conn, |c| sqlx::query("UPDATE users SET department_id = $1, updated_at = $2 WHERE id = $3")
        .bind(department_id)
        .bind(now)
        .bind(person_id)
        .execute(&mut *c)
        .await
        .map(|done| done.rows_affected()))?;
    one_row(updated)
}

/// Grants or removes the hr and admin roles (the last-admin rule is the caller's).
#[tracing::instrument(level = "debug", skip_all, fields(person_id = person_id))]
pub async fn set_roles(conn: &mut Conn, now: DateTime<Utc>, person_id: i64, is_hr: bool, is_admin: bool) -> DbResult<()> {
    let updated = on_engine!(conn, |c| sqlx::query("UPDATE users SET is_hr = $1, is_admin = $2, updated_at = $3 WHERE id = $4")
        .bind(is_hr)
        .bind(is_admin)
        .bind(now)
        .bind(person_id)
        .execute(&mut *c)
        .await
        .map(|done| done.rows_affected()))?;
    one_row(updated)
}

/// Activates or deactivates an account (the last-admin rule is the caller's).
#[tracing::instrument(level = "debug", skip_all, fields(person_id = person_id))]
pub async fn set_active(conn: &mut Conn, now: DateTime<Utc>, person_id: i64, active: bool) -> DbResult<()> {
    let updated = on_engine!(conn, |c| sqlx::query("UPDATE users SET is_active = $1, updated_at = $2 WHERE id = $3")
        .bind(active)
        .bind(now)
        .bind(person_id)
        .execute(&mut *c)
        .await
        .map(|done| done.rows_affected()))?;
    one_row(updated)
}

/// Replaces a person's password hash; `must_change` forces a new choice at next sign-in.
#[tracing::instrument(level = "debug", skip_all, fields(person_id = person_id))]
pub async fn set_password(conn: &mut Conn, now: DateTime<Utc>, person_id: i64, hash: &PasswordHash, must_change: bool) -> DbResult<()> {
    let updated = on_engine!(conn, |c| sqlx::query("UPDATE users SET password_hash = $1, must_change_password = $2, updated_at = $3 WHERE id = $4")
        .bind(hash.as_stored())
        .bind(must_change)
        .bind(now)
        .bind(person_id)
        .execute(&mut *c)
        .await
        .map(|done| done.rows_affected()))?;
    one_row(updated)
}

/// Whether the person is an active admin, and how many active admins there are.
#[tracing::instrument(level = "debug", skip_all, fields(person_id = person_id))]
pub async fn admin_standing(conn: &mut Conn, person_id: i64) -> DbResult<(bool, i64)> {
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND is_admin = TRUE AND is_active = TRUE),
                (SELECT COUNT(*) FROM users WHERE is_admin = TRUE AND is_active = TRUE)"
    )
    .bind(person_id)
    .fetch_one(&mut *c)
    .await)?)
}

/// Escapes LIKE wildcards so a search for "50%" means the literal text.
fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// How many people have an account, active or not.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count(conn: &mut Conn) -> DbResult<i64> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&mut *c).await)?)
}

/// Departments, active people and active people with a manager, for the first-run checklist.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn first_run_counts(conn: &mut Conn) -> DbResult<(i64, i64, i64)> {
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM departments),
                (SELECT COUNT(*) FROM users WHERE is_active = TRUE),
                (SELECT COUNT(*) FROM users WHERE is_active = TRUE AND manager_id IS NOT NULL)",
    )
    .fetch_one(&mut *c)
    .await)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::Constraint;
    use crate::server::db::test_support::{add_person as add, fresh_pool};

    #[tokio::test]
    async fn emails_are_unique_regardless_of_case() {
        let (pool, _dir) = fresh_pool().await;
        let mut conn = pool.test_writer().await;
        add(&mut conn, "ana@example.org", None, false).await;
        let hash = PasswordHash::from_stored("x".into());
        let duplicate = insert(
            &mut conn,
            crate::server::clock::now(),
            &NewPerson {
                email: "ANA@Example.org",
                display_name: "Ana again",
                password_hash: &hash,
                must_change_password: false,
                is_hr: false,
                is_admin: false,
                department_id: None,
                manager_id: None,
            },
        )
        .await;
        assert!(duplicate.unwrap_err().is_conflict_on(Constraint::PersonEmail));
        assert!(credentials_by_email(&mut pool.test_writer().await, "ana@example.org").await.unwrap().is_some());
    }

    #[tokio::test]
    async fn search_matches_name_or_email_in_any_case_and_treats_wildcards_literally() {
        let (pool, _dir) = fresh_pool().await;
        let mut conn = pool.test_writer().await;
        add(&mut conn, "ana.lopez@example.org", None, false).await;
        add(&mut conn, "ben_ito@example.org", None, false).await;
        let found: Vec<String> = list(&mut pool.test_writer().await, "LOPEZ", 50).await.unwrap().into_iter().map(|p| p.email).collect();
        assert_eq!(found, vec!["ana.lopez@example.org"]);
        assert_eq!(list(&mut pool.test_writer().await, "_", 50).await.unwrap().len(), 1);
        assert_eq!(list(&mut pool.test_writer().await, "%", 50).await.unwrap().len(), 0);
        assert_eq!(list(&mut pool.test_writer().await, "", 50).await.unwrap().len(), 2);
    }
}
