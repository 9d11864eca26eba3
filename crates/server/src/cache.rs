//! A short-lived cache of search results: the same query within `ttl` (the `[server]`
//! `search_cache_seconds`, default 2 s; 0 turns it off) is answered without searching again,
//! so a term many people look up at once (不正アクセス after a big leak) costs one search per
//! interval. A write through this server (upload, correction, merge, split…) clears it; a
//! write by another process shows after at most `ttl`. At most `capacity` queries are kept (the oldest go first).

use leakwatch_model::SearchHit;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Key = (String, usize);
/// When the hits were found, and the hits.
type Entry = (Instant, Arc<Vec<SearchHit>>);

pub struct SearchCache {
    ttl: Duration,
    capacity: usize,
    entries: Mutex<HashMap<Key, Entry>>,
}

impl SearchCache {
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        SearchCache {
            ttl,
            capacity,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The hits cached for `query` and `limit`, if still fresh.
    pub fn get(&self, query: &str, limit: usize) -> Option<Arc<Vec<SearchHit>>> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries.lock().ok()?;
        let (at, hits) = entries.get(&(query.to_string(), limit))?;
        (at.elapsed() < self.ttl).then(|| hits.clone())
    }

    /// Forgets every entry (after a write through this server).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    pub fn put(&self, query: &str, limit: usize, hits: Arc<Vec<SearchHit>>) {
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
        entries.insert((query.to_string(), limit), (Instant::now(), hits));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_the_oldest_make_room() {
        let c = SearchCache::new(Duration::from_millis(50), 2);
        assert!(c.get("a", 20).is_none());
        c.put("a", 20, Arc::new(Vec::new()));
        assert!(c.get("a", 20).is_some());
        assert!(c.get("a", 10).is_none(), "the limit is part of the key");
        c.put("b", 20, Arc::new(Vec::new()));
        c.put("c", 20, Arc::new(Vec::new()));
        assert!(c.get("a", 20).is_none(), "the oldest made room");
        assert!(c.get("c", 20).is_some());
        std::thread::sleep(Duration::from_millis(60));
        assert!(c.get("c", 20).is_none(), "expired");
        c.put("d", 20, Arc::new(Vec::new()));
        c.clear();
        assert!(c.get("d", 20).is_none());
        let off = SearchCache::new(Duration::ZERO, 10);
        off.put("a", 20, Arc::new(Vec::new()));
        assert!(off.get("a", 20).is_none());
    }
}
