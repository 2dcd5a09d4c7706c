//! Departments.

use super::{Conn, Pool};
use crate::model::{AppError, Department};
use crate::server::error::is_unique_violation;
use chrono::{DateTime, Utc};

/// All departments with how many active people they hold, by name.
pub async fn list(pool: &Pool) -> Result<Vec<Department>, sqlx::Error> {
    sqlx::query_as::<_, Department>(
        "SELECT d.id, d.name,
                (SELECT COUNT(*) FROM users u WHERE u.department_id = d.id AND u.is_active = TRUE) AS member_count
         FROM departments d ORDER BY d.name, d.id",
    )
    .fetch_all(pool)
    .await
}

/// Creates a department; a name that differs only in case from an existing one is a conflict.
pub async fn insert(conn: &mut Conn, now: DateTime<Utc>, name: &str) -> Result<i64, AppError> {
    let name = name.trim();
    let result = sqlx::query_scalar("INSERT INTO departments (name, name_normalized, created_at) VALUES ($1, $2, $3) RETURNING id")
        .bind(name)
        .bind(name.to_lowercase())
        .bind(now)
        .fetch_one(conn)
        .await;
    match result {
        Ok(id) => Ok(id),
        Err(error) if is_unique_violation(&error) => Err(AppError::Conflict(format!("A department called {name} already exists."))),
        Err(error) => Err(error.into()),
    }
}

/// The id of the department with this name (any case), if any.
pub async fn id_by_name(conn: &mut Conn, name: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM departments WHERE name_normalized = $1").bind(name.trim().to_lowercase()).fetch_optional(conn).await
}

/// The id of the department with this name, creating it when missing.
pub async fn find_or_create(conn: &mut Conn, now: DateTime<Utc>, name: &str) -> Result<i64, AppError> {
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
        let mut conn = pool.acquire().await.unwrap();
        let sales = insert(&mut conn, Utc::now(), " Sales ").await.unwrap();
        assert!(matches!(insert(&mut conn, Utc::now(), "SALES").await, Err(AppError::Conflict(_))));
        assert_eq!(find_or_create(&mut conn, Utc::now(), "sales").await.unwrap(), sales);
        let support = find_or_create(&mut conn, Utc::now(), "Support").await.unwrap();
        assert_ne!(support, sales);
        let names: Vec<String> = list(&pool).await.unwrap().into_iter().map(|d| d.name).collect();
        assert_eq!(names, vec!["Sales", "Support"]);
    }
}
