//! One module per command; each turns parsed arguments into a use-case call and prints.

pub mod accounts;
pub mod alerts;
pub mod copy;
pub mod demo;
pub mod extract;
pub mod ingest;
pub mod interop;
pub mod orgs;
pub mod playbook;
pub mod poll;
pub mod query;
pub mod reextract;
pub mod report;
pub mod review;
pub mod serve;
pub mod source;
pub mod stats;
pub mod train;
pub mod watch;

use crate::config::Settings;
use anyhow::{bail, Context, Result};
use leakwatch_app::Database;
use leakwatch_ingest::Limits;
use leakwatch_store::DbLocation;

/// Where `--db` points: a file (SQLite) or a `postgres://` URL; any other `scheme://` is an
/// error, never a file name.
pub fn db_location(settings: &Settings) -> Result<DbLocation> {
    Ok(DbLocation::parse(&settings.db)?)
}

/// Opens (creating if needed) the database for commands that write.
pub fn open_store_for_writing(settings: &Settings) -> Result<Box<dyn Database>> {
    let location = db_location(settings)?;
    let store = leakwatch_store::open_sql(&location)
        .with_context(|| format!("cannot open database {}", location.display()))?;
    Ok(Box::new(store))
}

/// Opens the database for a bulk load (`ingest`, `import`): commits stop waiting for the disk
/// and the full-text index merges less eagerly until `end_bulk_load` (see
/// `SqlStore::relax_durability`). `what` names the load in the error.
pub fn open_for_bulk_load(settings: &Settings, what: &str) -> Result<leakwatch_store::SqlStore> {
    let location = db_location(settings)?;
    let store = leakwatch_store::open_sql(&location)
        .with_context(|| format!("cannot open database {}", location.display()))?;
    store
        .relax_durability()
        .with_context(|| format!("preparing the database for a bulk {what}"))?;
    Ok(store)
}

/// Opens the database for commands that only read; a missing file is a clear error rather
/// than a silently created empty database.
pub fn open_store_for_reading(settings: &Settings) -> Result<Box<dyn Database>> {
    if let DbLocation::Sqlite(path) = db_location(settings)? {
        if !path.exists() {
            bail!(
                "no database at {} — run `leakwatch ingest PATH...` first (or pass --db FILE)",
                path.display()
            );
        }
    }
    open_store_for_writing(settings)
}

pub fn limits(settings: &Settings) -> Limits {
    Limits {
        max_bytes: settings.max_file_bytes,
        ..Limits::default()
    }
}

/// Reads a small text file given on the command line (a models file): a regular file within
/// the size limit, as UTF-8, with the path in every error.
pub fn read_limited(path: &std::path::Path, settings: &Settings) -> Result<String> {
    use anyhow::{bail, Context};
    let meta = std::fs::metadata(path).with_context(|| format!("{}", path.display()))?;
    if !meta.is_file() {
        bail!("{}: not a regular file", path.display());
    }
    if meta.len() > settings.max_file_bytes {
        bail!(
            "{}: {} bytes, over the {} byte limit (--max-file-mb)",
            path.display(),
            meta.len(),
            settings.max_file_bytes
        );
    }
    std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))
}
