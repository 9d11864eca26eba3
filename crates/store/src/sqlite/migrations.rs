//! Owns the schema history: the append-only list of SQL migrations (embedded from
//! `migrations/*.sql`) and the runner that applies the pending ones, each in its own transaction,
//! recording them in `schema_migrations`.

use crate::error::{SqlContext, StoreError};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

/// One schema step. Versions are consecutive from 1; a released migration is never edited.
pub(crate) struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, in order. Append only.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "initial",
        sql: include_str!("migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "resolution",
        sql: include_str!("migrations/0002_resolution.sql"),
    },
    Migration {
        version: 3,
        name: "sources_watch",
        sql: include_str!("migrations/0003_sources_watch.sql"),
    },
    Migration {
        version: 4,
        name: "retry_schedules",
        sql: include_str!("migrations/0004_retry_schedules.sql"),
    },
    Migration {
        version: 5,
        name: "merge_summary",
        sql: include_str!("migrations/0005_merge_summary.sql"),
    },
    Migration {
        version: 6,
        name: "source_claims",
        sql: include_str!("migrations/0006_source_claims.sql"),
    },
    Migration {
        version: 7,
        name: "link_index",
        sql: include_str!("migrations/0007_link_index.sql"),
    },
    Migration {
        version: 8,
        name: "accounts",
        sql: include_str!("migrations/0008_accounts.sql"),
    },
    Migration {
        version: 9,
        name: "listing_index",
        sql: include_str!("migrations/0009_listing_index.sql"),
    },
    Migration {
        version: 10,
        name: "fts_backlog",
        sql: include_str!("migrations/0010_fts_backlog.sql"),
    },
    Migration {
        version: 11,
        name: "documents_recent",
        sql: include_str!("migrations/0011_documents_recent.sql"),
    },
    Migration {
        version: 12,
        name: "compact_storage",
        sql: include_str!("migrations/0012_compact_storage.sql"),
    },
    Migration {
        version: 13,
        name: "fts_hashsize",
        sql: include_str!("migrations/0013_fts_hashsize.sql"),
    },
];

/// The newest schema version this build knows.
pub fn supported_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

const CREATE_TRACKING: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
)";

/// The highest applied version, 0 for a fresh database (no tracking table yet).
pub(crate) fn current_version(conn: &Connection) -> Result<u32, StoreError> {
    let has_table: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            [],
            |r| r.get(0),
        )
        .optional()
        .ctx("looking for the schema_migrations table")?;
    if has_table.is_none() {
        return Ok(0);
    }
    let v: Option<i64> = conn
        .query_row("SELECT MAX(version) FROM schema_migrations", [], |r| {
            r.get(0)
        })
        .ctx("reading the schema version")?;
    let v = v.unwrap_or(0);
    u32::try_from(v).map_err(|_| StoreError::corrupt(format!("schema version {v} is out of range")))
}

/// Applies every pending migration. Refuses (without writing anything) a database whose schema
/// is newer than this build. Safe against a concurrent opener: each step re-checks the version
/// under a write lock.
pub(crate) fn run(conn: &mut Connection) -> Result<(), StoreError> {
    let supported = supported_version();
    let found = current_version(conn)?;
    if found > supported {
        return Err(StoreError::NewerSchema { found, supported });
    }
    if found == supported {
        return Ok(());
    }
    for m in MIGRATIONS {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx("starting a migration transaction")?;
        // (A busy database surfaces above as `StoreError::Sqlite`, which the opener retries.)
        let applied = current_version(&tx)?;
        if applied > supported {
            return Err(StoreError::NewerSchema {
                found: applied,
                supported,
            });
        }
        if applied >= m.version {
            continue;
        }
        if applied + 1 != m.version {
            return Err(StoreError::Migration {
                version: m.version,
                message: format!(
                    "database is at version {applied}, expected {}",
                    m.version - 1
                ),
            });
        }
        let fail = |e: rusqlite::Error| StoreError::Migration {
            version: m.version,
            message: format!("{} ({}): {e}", m.name, m.version),
        };
        tx.execute_batch(CREATE_TRACKING).map_err(fail)?;
        tx.execute_batch(m.sql).map_err(fail)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)",
            rusqlite::params![m.version, chrono::Utc::now().to_rfc3339()],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "migration {}", m.name);
        }
    }

    #[test]
    fn fresh_database_migrates_to_supported_version_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(current_version(&conn).unwrap(), 0);
        run(&mut conn).unwrap();
        assert_eq!(current_version(&conn).unwrap(), supported_version());
        run(&mut conn).unwrap();
        let rows: i64 = conn
            .query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, MIGRATIONS.len() as i64);
    }

    #[test]
    fn failing_migration_leaves_no_partial_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        // A table in the way of migration 1 makes it fail half-way.
        conn.execute_batch("CREATE TABLE incidents (x)").unwrap();
        let err = run(&mut conn).unwrap_err();
        assert!(
            matches!(err, StoreError::Migration { version: 1, .. }),
            "{err}"
        );
        assert_eq!(current_version(&conn).unwrap(), 0);
        let documents: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'documents'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(documents, 0);
    }
}
