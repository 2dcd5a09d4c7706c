//! Departments.

use super::{Conn, DbResult, on_engine};
use crate::model::Department;
use chrono::{DateTime, Utc};

/// All departments with how many active people they hold, by name.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(conn: &mut Conn) -> DbResult<Vec<Department>> {
    Ok(on_engine!(conn, |c| sqlx::query_as(
        "SELECT d.id, d.name,
                (SELECT COUNT(*) FROM users u WHERE u.department_id = d.id AND u.is_active = TRUE) AS member_count
         FROM departments d ORDER BY d.name, d.id",
    )
    .fetch_all(&mut *c)
    .await)?)
}

/// Creates a department; a name that differs only in case from an existing one is a conflict on
/// [`Constraint::DepartmentName`](super::Constraint::DepartmentName).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert(conn: &mut Conn, now: DateTime<Utc>, name: &str) -> DbResult<i64> {
    let name = name.trim();
    let normalized = name.to_lowercase();
    Ok(on_engine!(conn, |c| sqlx::query_scalar("INSERT INTO departments (name, name_normalized, created_at) VALUES ($1, $2, $3) RETURNING id")
        .bind(name)
        .bind(&normalized)
        .bind(now)
        .fetch_one(&mut *c)
        .await)?)
}

/// The id of the department with this name (any case), if any.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn id_by_name(conn: &mut Conn, name: &str) -> DbResult<Option<i64>> {
    let normalized = name.trim().to_lowercase();
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT id FROM departments WHERE name_normalized = $1").bind(&normalized).fetch_optional(&mut *c).await)?)
}

/// The id of the department with this name, creating it when missing.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn find_or_create(conn: &mut Conn, now: DateTime<Utc>, name: &str) -> DbResult<i64> {
    match id_by_name(conn, name).await? {
        Some(id) => Ok(id),
        None => insert(conn, now, name).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::test_support::fresh_pool;

    #[tokio::test]
    async fn departments_are_unique_by_name_in_any_case_and_found_or_created() {
        let (pool, _dir) = fresh_pool().await;
        let mut conn = pool.test_writer().await;
        let sales = insert(&mut conn, crate::server::clock::now(), " Sales ").await.unwrap();
        assert!(insert(&mut conn, crate::server::clock::now(), "SALES").await.unwrap_err().is_conflict_on(crate::server::db::Constraint::DepartmentName));
        assert_eq!(find_or_create(&mut conn, crate::server::clock::now(), "sales").await.unwrap(), sales);
        let support = find_or_create(&mut conn, crate::server::clock::now(), "Support").await.unwrap();
        assert_ne!(support, sales);
        let names: Vec<String> = list(&mut pool.test_writer().await).await.unwrap().into_iter().map(|d| d.name).collect();
        assert_eq!(names, vec!["Sales", "Support"]);
    }
}
