//! Shared server state: the configuration, a small pool of database connections (each opened
//! through `leakwatch_app::open_database`, used on blocking threads), the extractor, playbooks,
//! sessions, the login limiter, metrics and the templates.

use crate::auth::{LoginLimiter, Sessions};
use crate::error::ApiError;
use crate::observe::Metrics;
use crate::ServerConfig;
use leakwatch_app::{AppError, Database};
use leakwatch_extract::Extractor;
use leakwatch_watch::PlaybookSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Connections to the database; SQLite connections are used by one thread at a time.
pub struct Pool {
    conns: Vec<Mutex<Box<dyn Database>>>,
    next: AtomicUsize,
}

impl Pool {
    pub fn open(config: &ServerConfig) -> Result<Pool, AppError> {
        let mut conns = Vec::new();
        for _ in 0..config.connections.max(1) {
            conns.push(Mutex::new(leakwatch_app::open_database(&config.db)?));
        }
        Ok(Pool {
            conns,
            next: AtomicUsize::new(0),
        })
    }

    /// Runs `f` with a free connection (waiting for one if all are busy).
    fn with<T>(&self, f: impl FnOnce(&mut dyn Database) -> T) -> T {
        let n = self.conns.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        for i in 0..n {
            if let Ok(mut guard) = self.conns[(start + i) % n].try_lock() {
                return f(guard.as_mut());
            }
        }
        // All busy: wait for ours. A poisoned lock only means another request panicked; the
        // connection itself is still usable (SQLite rolled back its transaction).
        let mut guard = match self.conns[start % n].lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        f(guard.as_mut())
    }
}

/// Everything a handler can reach.
pub struct AppState {
    pub config: ServerConfig,
    pub pool: Pool,
    pub extractor: Extractor,
    pub playbooks: PlaybookSet,
    pub sessions: Sessions,
    pub limiter: LoginLimiter,
    pub metrics: Metrics,
    /// The TAXII collection as last computed.
    pub taxii: crate::taxii::Cache,
    /// Recent search results (`cache.rs`).
    pub search_cache: crate::cache::SearchCache,
    pub listing_cache: crate::cache::ResponseCache<leakwatch_app::IncidentPage>,
    pub templates: minijinja::Environment<'static>,
}

pub type Shared = Arc<AppState>;

/// Runs a database use case on a blocking thread with a pooled connection.
pub async fn db<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&mut dyn Database) -> Result<T, AppError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || state.pool.with(f))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
}

/// Like [`db`], with access to the whole state (extractor, playbooks).
pub async fn db_with_state<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&AppState, &mut dyn Database) -> Result<T, AppError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let s: &AppState = &state;
        s.pool.with(|d| f(s, d))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::from)
}
