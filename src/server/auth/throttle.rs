//! Throttling of failed sign-ins: after 10 failures for one account within 15 minutes, or 50 from
//! one client address, further attempts are refused until the window passes (the sign-in middleware,
//! `http::sign_in_gate`, answers them). Nothing is locked permanently; the counts live in the
//! database so several instances agree.

use crate::server::AppState;
use crate::server::db;
use axum::extract::ConnectInfo;
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::net::SocketAddr;

/// Failures allowed per account inside the window.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 10;
/// Failures allowed per client address inside the window.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 50;
/// The window over which failures count.
pub fn window() -> Duration {
    Duration::minutes(15)
}

/// The client address a request came from ("unknown" when the server runs without connection info).
pub fn client_ip(request_extensions: &axum::http::Extensions) -> String {
    request_extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(address)| address.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// The throttling keys of one attempt: its account and its client address.
fn keys(email_normalized: &str, client_ip: &str) -> [String; 2] {
    [format!("account:{email_normalized}"), format!("address:{client_ip}")]
}

/// The keys of an attempt that are over their limit, each with the time it frees up.
async fn over_limit(conn: &mut db::Conn, email_normalized: &str, client_ip: &str, now: DateTime<Utc>) -> Result<Vec<(String, DateTime<Utc>)>, crate::server::db::DbError> {
    let since = now - window();
    let by_account = db::throttle::failures_for_email(conn, email_normalized, since).await?;
    let by_address = db::throttle::failures_for_ip(conn, client_ip, since).await?;
    let [account, address] = keys(email_normalized, client_ip);
    Ok([(account, by_account, MAX_FAILURES_PER_ACCOUNT), (address, by_address, MAX_FAILURES_PER_ADDRESS)]
        .into_iter()
        .filter(|(_, count, limit)| count.count >= *limit)
        .map(|(key, count, _)| (key, count.oldest.unwrap_or(now) + window()))
        .collect())
}

pub fn seconds_until(free_at: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    u64::try_from((free_at - now).num_seconds()).unwrap_or(0).max(1)
}

/// How many keys [`ThrottleMemory`] holds at most, so a flood from many addresses cannot grow it
/// without bound (past that, attempts are checked against the database as usual).
const MEMORY_KEYS: usize = 10_000;

/// At most one audit event per throttled account or address in this long: a flood of refused
/// attempts must not turn into a flood of durable writes that slows everyone else down.
fn audit_every() -> Duration {
    Duration::minutes(1)
}

/// What this instance already knows about throttled accounts and addresses, so that a flood of
/// refused attempts is answered from memory, with no database work. The database stays the
/// record (several instances agree through it); a key only leaves memory once its time is up,
/// and nothing but time frees a throttled key.
#[derive(Debug, Default)]
pub struct ThrottleMemory {
    /// Keys refused until the given time.
    blocked: HashMap<String, DateTime<Utc>>,
    /// When each key was last written to the audit log.
    audited: HashMap<String, DateTime<Utc>>,
}

impl ThrottleMemory {
    /// The remembered key among `keys` that frees up last, if any is still refused at `now`.
    fn refused(&self, keys: &[String], now: DateTime<Utc>) -> Option<(String, DateTime<Utc>)> {
        keys.iter().filter_map(|key| self.blocked.get(key).filter(|until| **until > now).map(|until| (key.clone(), *until))).max_by_key(|(_, until)| *until)
    }

    fn remember(&mut self, key: String, until: DateTime<Utc>, now: DateTime<Utc>) {
        if bounded_insert(&mut self.blocked, key, until, |until| *until > now) {
            return;
        }
        tracing::warn!("throttle memory is full; refused sign-ins are checked against the database");
    }

    /// True when `key` has not been audited in the last minute (and notes that it now is).
    fn take_audit_turn(&mut self, key: &str, now: DateTime<Utc>) -> bool {
        if self.audited.get(key).is_some_and(|at| now - *at < audit_every()) {
            return false;
        }
        bounded_insert(&mut self.audited, key.to_owned(), now, |at| now - *at < audit_every())
    }
}

/// Inserts unless the map is full of entries that are still `live`; returns whether it did.
fn bounded_insert(map: &mut HashMap<String, DateTime<Utc>>, key: String, value: DateTime<Utc>, live: impl Fn(&DateTime<Utc>) -> bool) -> bool {
    if map.len() >= MEMORY_KEYS && !map.contains_key(&key) {
        map.retain(|_, value| live(value));
        if map.len() >= MEMORY_KEYS {
            return false;
        }
    }
    map.insert(key, value);
    true
}

/// Admits a sign-in attempt for this account from this address, or refuses it: the key that
/// frees up last and when. An admitted attempt is counted as a failure at once, in the same write
/// transaction that found it under the limit, and a successful sign-in forgets it
/// ([`db::throttle::clear_for_email`]): so however many attempts arrive at once, on one instance
/// or several, no more than the limit are ever let through to the password check. A flood of
/// refused attempts is answered from this instance's memory, which only ever refuses.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn admit(state: &AppState, email_normalized: &str, client_ip: &str, now: DateTime<Utc>) -> Result<Option<(String, DateTime<Utc>)>, crate::server::db::DbError> {
    if let Some(remembered) = state.throttle.lock().ok().and_then(|memory| memory.refused(&keys(email_normalized, client_ip), now)) {
        return Ok(Some(remembered));
    }
    let mut tx = state.pool.begin_write().await?;
    let over = over_limit(&mut tx, email_normalized, client_ip, now).await?;
    if over.is_empty() {
        db::throttle::record_failure(&mut tx, email_normalized, client_ip, now, now - window()).await?;
        tx.commit().await?;
        return Ok(None);
    }
    drop(tx);
    if let Ok(mut memory) = state.throttle.lock() {
        for (key, until) in &over {
            memory.remember(key.clone(), *until, now);
        }
    }
    Ok(over.into_iter().max_by_key(|(_, until)| *until))
}

/// Audits a refused attempt, at most once a minute per throttled account or address.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn record_throttled(state: &AppState, key: &str, email_normalized: &str, now: DateTime<Utc>) {
    let Ok(turn) = state.throttle.lock().map(|mut memory| memory.take_audit_turn(key, now)) else { return };
    if !turn {
        return;
    }
    let by_account = key.starts_with("account:");
    let person = match state.pool.acquire().await {
        Ok(mut conn) if by_account => db::users::id_by_email(&mut conn, email_normalized).await.ok().flatten(),
        _ => None,
    };
    let mut event = db::audit::AuditEvent::new(None, crate::model::AuditAction::SignInThrottled).detail(if by_account { "account" } else { "address" });
    if let Some(person) = person {
        event = event.on_person(person);
    }
    if let Err(error) = db::audit::record_now(&state.pool, now, event).await {
        tracing::warn!(%error, "could not record a throttled sign-in");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_at_least_a_second() {
        let now = Utc::now();
        assert_eq!(seconds_until(now + Duration::minutes(10), now), 600);
        assert_eq!(seconds_until(now - Duration::minutes(5), now), 1);
    }

    #[test]
    fn memory_refuses_until_the_time_is_up_and_audits_once_a_minute() {
        let now = Utc::now();
        let mut memory = ThrottleMemory::default();
        let [account, address] = keys("ana@example.org", "10.0.0.1");
        assert_eq!(memory.refused(&[account.clone(), address.clone()], now), None);
        memory.remember(account.clone(), now + Duration::minutes(3), now);
        memory.remember(address.clone(), now + Duration::minutes(9), now);
        assert_eq!(memory.refused(&[account.clone(), address.clone()], now), Some((address.clone(), now + Duration::minutes(9))), "the longer wait wins");
        assert_eq!(memory.refused(std::slice::from_ref(&account), now + Duration::minutes(3)), None, "free once the time is up");
        assert!(memory.take_audit_turn(&address, now));
        assert!(!memory.take_audit_turn(&address, now + Duration::seconds(59)));
        assert!(memory.take_audit_turn(&account, now + Duration::seconds(59)), "each key has its own turn");
        assert!(memory.take_audit_turn(&address, now + Duration::seconds(60)));
    }

    #[test]
    fn memory_stays_bounded_and_makes_room_from_expired_keys() {
        let now = Utc::now();
        let mut memory = ThrottleMemory::default();
        for index in 0..MEMORY_KEYS {
            memory.remember(format!("address:{index}"), now + Duration::minutes(1), now);
        }
        memory.remember("address:one-too-many".into(), now + Duration::minutes(1), now);
        assert_eq!(memory.blocked.len(), MEMORY_KEYS);
        assert_eq!(memory.refused(&["address:one-too-many".into()], now), None, "full of live keys: left to the database");
        let later = now + Duration::minutes(2);
        memory.remember("address:later".into(), later + Duration::minutes(1), later);
        assert_eq!(memory.blocked.len(), 1, "expired keys made room");
    }
}
