//! Whole-database operations: consistent online backups.

use super::Pool;

/// Writes a consistent copy of the live database to `path` while others keep reading and writing.
/// Refuses to overwrite an existing file.
pub async fn backup_into(pool: &Pool, path: &str) -> Result<(), sqlx::Error> {
    // VACUUM INTO takes a read transaction, so the copy is one consistent snapshot.
    sqlx::query("VACUUM INTO $1").bind(path).execute(pool).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::{connect, test_support::fresh_pool};

    #[tokio::test]
    async fn a_backup_is_a_complete_database_and_never_overwrites() {
        let (pool, dir) = fresh_pool().await;
        sqlx::query("INSERT INTO settings (key, value) VALUES ('organisation_name', 'Acme')")
            .execute(&pool)
            .await
            .unwrap();
        let target = dir.path().join("copy.db");
        let target = target.to_str().unwrap();
        backup_into(&pool, target).await.unwrap();
        let copy = connect(&format!("sqlite://{target}")).await.unwrap();
        let name: String = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'organisation_name'")
            .fetch_one(&copy)
            .await
            .unwrap();
        assert_eq!(name, "Acme");
        assert!(backup_into(&pool, target).await.is_err());
    }
}
