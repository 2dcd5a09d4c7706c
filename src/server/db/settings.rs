//! Organisation-wide settings, stored as key/value pairs.

use super::{Conn, Pool};

/// The organisation's name, shown in the page header.
pub const ORGANISATION_NAME: &str = "organisation_name";
/// Present (as "1") in databases filled with invented demo people.
pub const DEMO_DATA: &str = "demo_data";
/// SHA-256 of the one-time setup token, present until the first admin exists.
pub const SETUP_TOKEN_HASH: &str = "setup_token_hash";

/// The value of a setting, if set.
pub async fn get(pool: &Pool, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(pool).await
}

/// The value of a setting inside a transaction.
pub async fn get_in(conn: &mut Conn, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(conn).await
}

/// Sets (inserts or replaces) a setting.
pub async fn set(conn: &mut Conn, key: &str, value: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(conn)
        .await?;
    Ok(())
}

/// Removes a setting.
pub async fn remove(conn: &mut Conn, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM settings WHERE key = $1").bind(key).execute(conn).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::test_support::fresh_pool;

    #[tokio::test]
    async fn settings_are_set_replaced_and_removed() {
        let (pool, _dir) = fresh_pool().await;
        let mut conn = pool.acquire().await.unwrap();
        assert_eq!(get(&pool, ORGANISATION_NAME).await.unwrap(), None);
        set(&mut conn, ORGANISATION_NAME, "Acme").await.unwrap();
        set(&mut conn, ORGANISATION_NAME, "Acme Ltd").await.unwrap();
        assert_eq!(get_in(&mut conn, ORGANISATION_NAME).await.unwrap().as_deref(), Some("Acme Ltd"));
        remove(&mut conn, ORGANISATION_NAME).await.unwrap();
        assert_eq!(get(&pool, ORGANISATION_NAME).await.unwrap(), None);
    }
}
