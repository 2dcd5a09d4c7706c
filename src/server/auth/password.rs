//! Password hashing with argon2id, off the async executor, with a cap on concurrent hashes and
//! memory reused between them.

use crate::model::AppError;
use argon2::password_hash::{self, Output, ParamsString, Salt, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// The stored hash: a type of the storage layer, which reads and writes it (see there for why it
/// is neither `Serialize` nor readable in `Debug`).
pub use crate::server::db::types::PasswordHash;

/// argon2id with the OWASP-recommended minimum: 19 MiB of memory, 2 passes, 1 lane.
fn params() -> Params {
    Params::new(19_456, 2, 1, None).expect("valid argon2 parameters")
}

/// The working memory of one hash (19 MiB). Each slot is allocated once and reused: allocating and
/// freeing it per sign-in left freed blocks in the allocator's per-thread arenas, and a flood of
/// bad sign-ins grew the server past 700 MB.
type Memory = Vec<Block>;

/// Hashes and verifies passwords on the blocking thread pool, a bounded number at a time, each
/// in one of as many reusable memory slots.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    memory: Arc<Mutex<Vec<Memory>>>,
    /// Verified against when the account does not exist, so unknown emails take as long as wrong passwords.
    dummy: Arc<PasswordHash>,
}

impl Hasher {
    /// A hasher allowing `max_concurrent` hashes at once.
    pub fn new(max_concurrent: usize) -> Self {
        let mut memory = Memory::new();
        let dummy = hash_blocking("rebound-dummy-password-for-timing", &mut memory).expect("hash the dummy password");
        Self { permits: Arc::new(Semaphore::new(max_concurrent.max(1))), memory: Arc::new(Mutex::new(vec![memory])), dummy: Arc::new(dummy) }
    }

    /// Runs `work` on the blocking pool with a permit and a memory slot.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce(&mut Memory) -> T + Send + 'static) -> Result<T, AppError> {
        let _permit = self.permits.acquire().await.map_err(|_| AppError::Internal)?;
        // A permit guarantees a free slot or room for a new one: there are never more slots than permits.
        let mut memory = self.memory.lock().map_err(|_| AppError::Internal)?.pop().unwrap_or_default();
        let slots = Arc::clone(&self.memory);
        tokio::task::spawn_blocking(move || {
            let result = work(&mut memory);
            if let Ok(mut slots) = slots.lock() {
                slots.push(memory);
            }
            result
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, "password hashing task failed");
            AppError::Internal
        })
    }

    /// Hashes a new password with a fresh random salt.
    pub async fn hash(&self, password: String) -> Result<PasswordHash, AppError> {
        self.run(move |memory| hash_blocking(&password, memory)).await?
    }

    /// True when `password` matches `stored`. With no stored hash it checks a dummy and returns false.
    pub async fn verify(&self, password: String, stored: Option<PasswordHash>) -> bool {
        let known = stored.is_some();
        let stored = stored.map(|hash| hash.as_stored().to_owned()).unwrap_or_else(|| self.dummy.as_stored().to_owned());
        let matched = self.run(move |memory| verify_blocking(&password, &stored, memory)).await.unwrap_or(false);
        known && matched
    }
}

/// The raw argon2id output for `password` under `params` and `salt`, computed in `memory`.
fn raw_hash(password: &[u8], params: &Params, salt: Salt<'_>, memory: &mut Memory) -> password_hash::Result<Output> {
    let mut salt_buffer = [0u8; Salt::MAX_LENGTH];
    let salt = salt.decode_b64(&mut salt_buffer)?;
    memory.resize(params.block_count(), Block::default());
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    Output::init_with(params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN), |out| Ok(argon2.hash_password_into_with_memory(password, salt, out, memory.as_mut_slice())?))
}

fn hash_blocking(password: &str, memory: &mut Memory) -> Result<PasswordHash, AppError> {
    let salt = SaltString::generate(&mut password_hash::rand_core::OsRng);
    let params = params();
    let encoded = raw_hash(password.as_bytes(), &params, salt.as_salt(), memory).and_then(|output| {
        Ok(password_hash::PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params)?,
            salt: Some(salt.as_salt()),
            hash: Some(output),
        }
        .to_string())
    });
    encoded.map(PasswordHash::from_stored).map_err(|error| {
        tracing::error!(%error, "password hashing failed");
        AppError::Internal
    })
}

/// Checks a stored PHC string (argon2id, version 19, with its own cost parameters and salt).
fn verify_blocking(password: &str, stored: &str, memory: &mut Memory) -> bool {
    let Ok(parsed) = password_hash::PasswordHash::new(stored) else { return false };
    if parsed.algorithm != Algorithm::Argon2id.ident() || parsed.version != Some(Version::V0x13.into()) {
        return false;
    }
    let (Ok(params), Some(salt), Some(expected)) = (Params::try_from(&parsed), parsed.salt, parsed.hash) else { return false };
    // `Output` compares in constant time.
    raw_hash(password.as_bytes(), &params, salt, memory).is_ok_and(|computed| computed == expected)
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

    #[tokio::test]
    async fn hashes_agree_with_the_argon2_crates_own_encoding_both_ways() {
        use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
        let standard = Argon2::new(Algorithm::Argon2id, Version::V0x13, params());
        let salt = SaltString::generate(&mut password_hash::rand_core::OsRng);
        // Hashes stored before memory reuse were written by the crate's own encoder.
        let theirs = standard.hash_password(b"blue lantern", &salt).unwrap().to_string();
        let hasher = Hasher::new(1);
        assert!(hasher.verify("blue lantern".into(), Some(PasswordHash::from_stored(theirs.clone()))).await);
        assert!(!hasher.verify("blue lanterns".into(), Some(PasswordHash::from_stored(theirs))).await);
        let ours = hasher.hash("green kettle".into()).await.unwrap();
        let parsed = password_hash::PasswordHash::new(ours.as_stored()).unwrap();
        assert!(standard.verify_password(b"green kettle", &parsed).is_ok());
        assert!(standard.verify_password(b"green kettles", &parsed).is_err());
    }

    #[tokio::test]
    async fn other_algorithms_are_refused() {
        use argon2::password_hash::PasswordHasher as _;
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x13, params());
        let salt = SaltString::generate(&mut password_hash::rand_core::OsRng);
        let stored = argon2i.hash_password(b"blue lantern", &salt).unwrap().to_string();
        assert!(!Hasher::new(1).verify("blue lantern".into(), Some(PasswordHash::from_stored(stored))).await);
    }

    #[tokio::test]
    async fn memory_slots_never_outnumber_the_permits() {
        let hasher = Hasher::new(2);
        let stored = hasher.hash("correct horse battery".into()).await.unwrap().as_stored().to_owned();
        let checks: Vec<_> = (0..6)
            .map(|attempt| {
                let hasher = hasher.clone();
                let stored = PasswordHash::from_stored(stored.clone());
                tokio::spawn(async move { hasher.verify(format!("guess {attempt}"), Some(stored)).await })
            })
            .collect();
        for check in checks {
            assert!(!check.await.unwrap());
        }
        let slots = hasher.memory.lock().unwrap();
        assert!((1..=2).contains(&slots.len()), "{} slots", slots.len());
        assert!(slots.iter().all(|slot| slot.len() == params().block_count()));
    }

    #[test]
    fn debug_output_never_shows_the_hash() {
        let hash = PasswordHash::from_stored("$argon2id$secret".into());
        assert_eq!(format!("{hash:?}"), "PasswordHash([redacted])");
    }
}
