//! The organisation settings every page reads, kept in memory for a few seconds.
//!
//! Every page header shows the organisation's name and the demo banner, and every plan view may
//! show the retention date and support contacts. Reading them from the database cost one query
//! per page, a round trip to a connection's worker thread that the page otherwise does not need.
//! Saving settings in this process forgets the copy at once; a change made by another process
//! (the command line, a second instance on the same database) shows within [`FRESH_FOR`]: a
//! second, the most a page may lag a change made elsewhere.

use crate::server::db::{self, Pool, settings::EverydaySettings};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a copy is used before it is read again.
const FRESH_FOR: Duration = Duration::from_secs(1);

/// The in-memory copy of [`EverydaySettings`]. Cheap to clone; clones share the copy.
#[derive(Clone, Default)]
pub struct SettingsCache {
    inner: Arc<Mutex<Snapshot>>,
}

#[derive(Default)]
struct Snapshot {
    /// Bumped by [`SettingsCache::forget`], so a read that started before a save cannot store
    /// what it read after the save forgot the old copy.
    generation: u64,
    current: Option<(Instant, Arc<EverydaySettings>)>,
}

impl SettingsCache {
    /// The settings, from memory when the copy is fresh, else from the database.
    pub async fn get(&self, pool: &Pool) -> Result<Arc<EverydaySettings>, crate::server::db::DbError> {
        let generation = {
            let copy = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if let Some((read_at, settings)) = &copy.current
                && read_at.elapsed() < FRESH_FOR
            {
                return Ok(Arc::clone(settings));
            }
            copy.generation
        };
        let settings = Arc::new(db::settings::everyday(&mut pool.acquire().await?).await?);
        let mut copy = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if copy.generation == generation {
            copy.current = Some((Instant::now(), Arc::clone(&settings)));
        }
        Ok(settings)
    }

    /// Drops the copy; call after saving settings so the next page shows them.
    pub fn forget(&self) {
        let mut copy = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        copy.generation += 1;
        copy.current = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db::{settings, test_support::fresh_pool};

    #[tokio::test]
    async fn a_save_shows_at_once_after_forget_and_the_copy_serves_until_then() {
        let (pool, _dir) = fresh_pool().await;
        let cache = SettingsCache::default();
        assert_eq!(cache.get(&pool).await.unwrap().organisation_name, None);
        let mut conn = pool.test_writer().await;
        settings::set(&mut conn, settings::ORGANISATION_NAME, "Acme").await.unwrap();
        assert_eq!(cache.get(&pool).await.unwrap().organisation_name, None, "the fresh copy is used");
        cache.forget();
        assert_eq!(cache.get(&pool).await.unwrap().organisation_name.as_deref(), Some("Acme"));
    }
}
