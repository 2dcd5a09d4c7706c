//! Password hashing with argon2id, off the async executor and with a cap on concurrent hashes.

use crate::model::AppError;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// A stored argon2 hash. Deliberately not `Serialize`, and its `Debug` output is redacted, so it
/// cannot end up in a response or a log line by accident.
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a hash read from the database.
    pub fn from_stored(encoded: String) -> Self {
        Self(encoded)
    }

    /// The PHC string to store.
    pub fn as_stored(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash([redacted])")
    }
}

/// argon2id with the OWASP-recommended minimum: 19 MiB of memory, 2 passes, 1 lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes and verifies passwords on the blocking thread pool, a bounded number at a time.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    /// Verified against when the account does not exist, so unknown emails take as long as wrong passwords.
    dummy: Arc<PasswordHash>,
}

impl Hasher {
    /// A hasher allowing `max_concurrent` hashes at once.
    pub fn new(max_concurrent: usize) -> Self {
        let dummy = hash_blocking("rebound-dummy-password-for-timing").expect("hash the dummy password");
        Self { permits: Arc::new(Semaphore::new(max_concurrent.max(1))), dummy: Arc::new(dummy) }
    }

    /// Hashes a new password with a fresh random salt.
    pub async fn hash(&self, password: String) -> Result<PasswordHash, AppError> {
        let _permit = self.permits.acquire().await.map_err(|_| AppError::Internal)?;
        tokio::task::spawn_blocking(move || hash_blocking(&password))
            .await
            .map_err(|error| {
                tracing::error!(%error, "password hashing task failed");
                AppError::Internal
            })?
    }

    /// True when `password` matches `stored`. With no stored hash it checks a dummy and returns false.
    pub async fn verify(&self, password: String, stored: Option<PasswordHash>) -> bool {
        let Ok(_permit) = self.permits.acquire().await else { return false };
        let known = stored.is_some();
        let stored = stored.map(|hash| hash.0).unwrap_or_else(|| self.dummy.0.clone());
        let matched = tokio::task::spawn_blocking(move || verify_blocking(&password, &stored)).await.unwrap_or(false);
        known && matched
    }
}

fn hash_blocking(password: &str) -> Result<PasswordHash, AppError> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| PasswordHash(hash.to_string()))
        .map_err(|error| {
            tracing::error!(%error, "password hashing failed");
            AppError::Internal
        })
}

fn verify_blocking(password: &str, stored: &str) -> bool {
    match argon2::password_hash::PasswordHash::new(stored) {
        Ok(parsed) => argon2().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only_and_uses_argon2id_with_the_agreed_cost() {
        let hasher = Hasher::new(2);
        let hash = hasher.hash("correct horse battery".into()).await.unwrap();
        assert!(hash.as_stored().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        let again = PasswordHash::from_stored(hash.as_stored().to_owned());
        assert!(hasher.verify("correct horse battery".into(), Some(hash)).await);
        assert!(!hasher.verify("wrong horse battery".into(), Some(again)).await);
    }

    #[tokio::test]
    async fn verifying_without_an_account_is_always_false() {
        let hasher = Hasher::new(1);
        assert!(!hasher.verify("rebound-dummy-password-for-timing".into(), None).await);
        assert!(!hasher.verify("anything at all".into(), Some(PasswordHash::from_stored("garbage".into()))).await);
    }

    #[test]
    fn debug_output_never_shows_the_hash() {
        let hash = PasswordHash::from_stored("$argon2id$secret".into());
        assert_eq!(format!("{hash:?}"), "PasswordHash([redacted])");
    }
}
