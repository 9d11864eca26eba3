//! The one place a database is opened for long-running callers (the server): which backend a
//! path or URL means is decided here, so another backend can be added without touching them.

use crate::AppError;
use leakwatch_store::accounts::AccountStore;
use leakwatch_store::watch::WatchStore;
use leakwatch_store::DbLocation;
use std::path::Path;

/// Everything the server needs of a database: incidents, watchlists/sources/alerts, accounts.
/// Object safe and `Send`, so a connection can move to a worker thread.
pub trait Database: WatchStore + AccountStore + Send {
    /// This connection as the plain incident store.
    fn as_store(&self) -> &dyn leakwatch_store::Store;
    fn as_store_mut(&mut self) -> &mut dyn leakwatch_store::Store;
    fn as_watch(&self) -> &dyn WatchStore;
    fn as_watch_mut(&mut self) -> &mut dyn WatchStore;
    fn as_accounts(&self) -> &dyn AccountStore;
    fn as_accounts_mut(&mut self) -> &mut dyn AccountStore;
}

impl<T: WatchStore + AccountStore + Send> Database for T {
    fn as_store(&self) -> &dyn leakwatch_store::Store {
        self
    }
    fn as_store_mut(&mut self) -> &mut dyn leakwatch_store::Store {
        self
    }
    fn as_watch(&self) -> &dyn WatchStore {
        self
    }
    fn as_watch_mut(&mut self) -> &mut dyn WatchStore {
        self
    }
    fn as_accounts(&self) -> &dyn AccountStore {
        self
    }
    fn as_accounts_mut(&mut self) -> &mut dyn AccountStore {
        self
    }
}

/// Opens (creating and migrating if needed) the database at `location`: an SQLite file, or a
/// `postgres://` URL (any other `scheme://` is refused, never taken as a file name).
pub fn open_database(location: &Path) -> Result<Box<dyn Database>, AppError> {
    let location = DbLocation::parse(location)?;
    Ok(Box::new(leakwatch_store::open_sql(&location)?))
}
