//! Short-lived caches of read answers: the same search (or the same page of the incident
//! listing) within `ttl` — the `[server]` `search_cache_seconds` / `listing_cache_seconds`,
//! default 2 s; 0 turns one off — is answered without asking the database again, so a term
//! many people look up at once (不正アクセス after a big leak) or the first page everyone opens
//! costs one query per interval. A write through this server (upload, correction, merge,
//! split…) clears every cache; a write by another process shows after at most `ttl`. At most
//! `capacity` answers are kept (the oldest go first).

use leakwatch_model::SearchHit;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// When the answer was computed, and the answer.
type Entry<V> = (Instant, Arc<V>);

pub struct ResponseCache<V> {
    ttl: Duration,
    capacity: usize,
    entries: Mutex<HashMap<String, Entry<V>>>,
}

/// Search hits by query and limit.
pub type SearchCache = ResponseCache<Vec<SearchHit>>;

/// The key of a search: the limit is part of it.
pub fn search_key(query: &str, limit: usize) -> String {
    format!("{limit}\n{query}")
}

impl<V> ResponseCache<V> {
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        ResponseCache {
            ttl,
            capacity,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The answer cached under `key`, if still fresh.
    pub fn get(&self, key: &str) -> Option<Arc<V>> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        let (at, value) = entries.get(key)?;
        (at.elapsed() < self.ttl).then(|| value.clone())
    }

    /// Forgets every entry (after a write through this server).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    pub fn put(&self, key: String, value: Arc<V>) {
        if self.ttl.is_zero() || self.capacity == 0 {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        let ttl = self.ttl;
        entries.retain(|_, (at, _)| at.elapsed() < ttl);
        while entries.len() >= self.capacity {
            let Some(oldest) = entries
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            entries.remove(&oldest);
        }
        entries.insert(key, (Instant::now(), value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_the_oldest_make_room() {
        let c = SearchCache::new(Duration::from_millis(50), 2);
        assert!(c.get(&search_key("a", 20)).is_none());
        c.put(search_key("a", 20), Arc::new(Vec::new()));
        assert!(c.get(&search_key("a", 20)).is_some());
        assert!(
            c.get(&search_key("a", 10)).is_none(),
            "the limit is part of the key"
        );
        c.put(search_key("b", 20), Arc::new(Vec::new()));
        c.put(search_key("c", 20), Arc::new(Vec::new()));
        assert!(
            c.get(&search_key("a", 20)).is_none(),
            "the oldest made room"
        );
        assert!(c.get(&search_key("c", 20)).is_some());
        std::thread::sleep(Duration::from_millis(60));
        assert!(c.get(&search_key("c", 20)).is_none(), "expired");
        c.put(search_key("d", 20), Arc::new(Vec::new()));
        c.clear();
        assert!(c.get(&search_key("d", 20)).is_none());
        let off = SearchCache::new(Duration::ZERO, 10);
        off.put(search_key("a", 20), Arc::new(Vec::new()));
        assert!(off.get(&search_key("a", 20)).is_none());
    }
}
