//! Organisation-wide settings, stored as key/value pairs.

use super::{Conn, DbResult, on_engine};

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
/// The minimum group size for HR statistics.
pub const PRIVACY_K: &str = "privacy_k";
/// A counter bumped by every change that feeds HR statistics (cache key for them).
pub const DATA_VERSION: &str = "data_version";
/// Days after closing that a plan is erased (unless its employee keeps it).
pub const RETENTION_DAYS: &str = "retention_days";
/// The default retention period.
pub const DEFAULT_RETENTION_DAYS: i64 = 365;
/// SHA-256 of each one-time setup token waiting to be used (comma-separated; one per instance
/// started before the first admin existed), present until the first admin exists.
pub const SETUP_TOKEN_HASH: &str = "setup_token_hash";

/// The value of a setting, if set.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn get(conn: &mut Conn, key: &str) -> DbResult<Option<String>> {
    Ok(on_engine!(conn, |c| sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(key).fetch_optional(&mut *c).await)?)
}

/// The settings read on every page or plan view: the header's organisation name and demo flag,
/// the retention period and the support contacts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EverydaySettings {
    /// The organisation's name, if an admin set one.
    pub organisation_name: Option<String>,
    /// Whether the data is invented (demo or benchmark seed).
    pub is_demo: bool,
    /// Whether a setup token waits to be used: no administrator exists yet.
    pub setup_pending: bool,
    /// Days a closed plan is kept before it is erased.
    pub retention_days: i64,
    /// Who to contact for professional support.
    pub support: crate::model::SupportContacts,
}

/// The [`EverydaySettings`], in one query.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn everyday(conn: &mut Conn) -> DbResult<EverydaySettings> {
    let rows: Vec<(String, String)> = on_engine!(conn, |c| sqlx::query_as("SELECT key, value FROM settings WHERE key IN ($1, $2, $3, $4, $5, $6, $7)")
        .bind(ORGANISATION_NAME)
        .bind(DEMO_DATA)
        .bind(RETENTION_DAYS)
        .bind(SUPPORT_OCCUPATIONAL_HEALTH)
        .bind(SUPPORT_EMPLOYEE_ASSISTANCE)
        .bind(SUPPORT_PROFESSIONAL)
        .bind(SETUP_TOKEN_HASH)
        .fetch_all(&mut *c)
        .await)?;
    let value = |key: &str| rows.iter().find(|(stored, _)| stored == key).map(|(_, value)| value.clone());
    Ok(EverydaySettings {
        organisation_name: value(ORGANISATION_NAME),
        is_demo: value(DEMO_DATA).is_some(),
        setup_pending: value(SETUP_TOKEN_HASH).is_some(),
        retention_days: parse_retention_days(value(RETENTION_DAYS)),
        support: crate::model::SupportContacts {
            occupational_health: value(SUPPORT_OCCUPATIONAL_HEALTH).unwrap_or_default(),
            employee_assistance: value(SUPPORT_EMPLOYEE_ASSISTANCE).unwrap_or_default(),
            professional: value(SUPPORT_PROFESSIONAL).unwrap_or_default(),
        },
    })
}

/// Sets (inserts or replaces) a setting.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn set(conn: &mut Conn, key: &str, value: &str) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Removes a setting.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn remove(conn: &mut Conn, key: &str) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query("DELETE FROM settings WHERE key = $1").bind(key).execute(&mut *c).await.map(|_| ()))?;
    Ok(())
}

/// The minimum group size for HR statistics (default 5, never below 3).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn privacy_k(conn: &mut Conn) -> DbResult<i64> {
    let stored = get(conn, PRIVACY_K).await?.and_then(|value| value.parse::<i64>().ok());
    Ok(stored.unwrap_or(crate::model::insights::DEFAULT_K).clamp(crate::model::insights::MIN_K, crate::model::insights::MAX_K))
}

/// Days a closed plan is kept before it is erased.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn retention_days(conn: &mut Conn) -> DbResult<i64> {
    Ok(parse_retention_days(get(conn, RETENTION_DAYS).await?))
}

/// The stored retention period, or the default when it is missing or not a positive number.
fn parse_retention_days(stored: Option<String>) -> i64 {
    stored.and_then(|value| value.parse::<i64>().ok()).filter(|days| *days >= 1).unwrap_or(DEFAULT_RETENTION_DAYS)
}

/// The current data version (0 before any change).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn data_version(conn: &mut Conn) -> DbResult<i64> {
    Ok(get(conn, DATA_VERSION).await?.and_then(|value| value.parse().ok()).unwrap_or(0))
}

/// Marks that data behind HR statistics changed, inside the caller's transaction.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn bump_data_version(conn: &mut Conn) -> DbResult<()> {
    on_engine!(conn, |c| sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT)",
    )
    .bind(DATA_VERSION)
    .execute(&mut *c)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// The organisation's support contacts (empty strings when not set).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn support_contacts(conn: &mut Conn) -> DbResult<crate::model::SupportContacts> {
    Ok(crate::model::SupportContacts {
        occupational_health: get(conn, SUPPORT_OCCUPATIONAL_HEALTH).await?.unwrap_or_default(),
        employee_assistance: get(conn, SUPPORT_EMPLOYEE_ASSISTANCE).await?.unwrap_or_default(),
        professional: get(conn, SUPPORT_PROFESSIONAL).await?.unwrap_or_default(),
    })
}

/// Saves the organisation's support contacts.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_support_contacts(conn: &mut Conn, contacts: &crate::model::SupportContacts) -> DbResult<()> {
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
        let mut conn = pool.test_writer().await;
        assert_eq!(get(&mut conn, ORGANISATION_NAME).await.unwrap(), None);
        assert_eq!(everyday(&mut conn).await.unwrap(), EverydaySettings { retention_days: DEFAULT_RETENTION_DAYS, ..Default::default() });
        set(&mut conn, ORGANISATION_NAME, "Acme").await.unwrap();
        set(&mut conn, DEMO_DATA, "1").await.unwrap();
        set(&mut conn, RETENTION_DAYS, "30").await.unwrap();
        set(&mut conn, SUPPORT_PROFESSIONAL, "Ask OH").await.unwrap();
        let everyday = everyday(&mut conn).await.unwrap();
        assert_eq!((everyday.organisation_name.as_deref(), everyday.is_demo, everyday.retention_days), (Some("Acme"), true, 30));
        assert_eq!(everyday.support.professional, "Ask OH");
        set(&mut conn, RETENTION_DAYS, "0").await.unwrap();
        assert_eq!(retention_days(&mut conn).await.unwrap(), DEFAULT_RETENTION_DAYS, "a period under a day falls back to the default");
        remove(&mut conn, SUPPORT_PROFESSIONAL).await.unwrap();
        set(&mut conn, ORGANISATION_NAME, "Acme Ltd").await.unwrap();
        assert_eq!(get(&mut conn, ORGANISATION_NAME).await.unwrap().as_deref(), Some("Acme Ltd"));
        remove(&mut conn, ORGANISATION_NAME).await.unwrap();
        assert_eq!(get(&mut conn, ORGANISATION_NAME).await.unwrap(), None);
        assert_eq!(support_contacts(&mut conn).await.unwrap(), crate::model::SupportContacts::default());
        let contacts = crate::model::SupportContacts {
            occupational_health: "OH team, ext. 4400".into(),
            employee_assistance: "EAP 0800 123".into(),
            professional: "Ask OH for a referral".into(),
        };
        set_support_contacts(&mut conn, &contacts).await.unwrap();
        assert_eq!(support_contacts(&mut conn).await.unwrap(), contacts);
        assert_eq!(privacy_k(&mut conn).await.unwrap(), 5);
        set(&mut conn, PRIVACY_K, "2").await.unwrap();
        assert_eq!(privacy_k(&mut conn).await.unwrap(), 3, "never below 3");
        assert_eq!(data_version(&mut conn).await.unwrap(), 0);
        bump_data_version(&mut conn).await.unwrap();
        bump_data_version(&mut conn).await.unwrap();
        assert_eq!(data_version(&mut conn).await.unwrap(), 2);
    }
}
