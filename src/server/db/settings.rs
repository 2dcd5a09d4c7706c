//! Organisation-wide settings, stored as key/value pairs.

use super::{Conn, Pool};

/// The organisation's name, shown in the page header.
pub const ORGANISATION_NAME: &str = "organisation_name";
/// Present (as "1") in databases filled with invented demo people.
pub const DEMO_DATA: &str = "demo_data";
/// Who to contact for occupational health.
pub const SUPPORT_OCCUPATIONAL_HEALTH: &str = "support_occupational_health";
/// Who to contact for the employee assistance programme.
pub const SUPPORT_EMPLOYEE_ASSISTANCE: &str = "support_employee_assistance";
/// Where to find a qualified mental health professional.
pub const SUPPORT_PROFESSIONAL: &str = "support_professional";
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

/// The organisation's support contacts (empty strings when not set).
pub async fn support_contacts(pool: &Pool) -> Result<crate::model::SupportContacts, sqlx::Error> {
    Ok(crate::model::SupportContacts {
        occupational_health: get(pool, SUPPORT_OCCUPATIONAL_HEALTH).await?.unwrap_or_default(),
        employee_assistance: get(pool, SUPPORT_EMPLOYEE_ASSISTANCE).await?.unwrap_or_default(),
        professional: get(pool, SUPPORT_PROFESSIONAL).await?.unwrap_or_default(),
    })
}

/// Saves the organisation's support contacts.
pub async fn set_support_contacts(conn: &mut Conn, contacts: &crate::model::SupportContacts) -> Result<(), sqlx::Error> {
    set(conn, SUPPORT_OCCUPATIONAL_HEALTH, &contacts.occupational_health).await?;
    set(conn, SUPPORT_EMPLOYEE_ASSISTANCE, &contacts.employee_assistance).await?;
    set(conn, SUPPORT_PROFESSIONAL, &contacts.professional).await
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
        assert_eq!(support_contacts(&pool).await.unwrap(), crate::model::SupportContacts::default());
        let contacts = crate::model::SupportContacts { occupational_health: "OH team, ext. 4400".into(), employee_assistance: "EAP 0800 123".into(), professional: "Ask OH for a referral".into() };
        set_support_contacts(&mut conn, &contacts).await.unwrap();
        assert_eq!(support_contacts(&pool).await.unwrap(), contacts);
    }
}
