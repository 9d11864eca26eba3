//! The PostgreSQL backend's own parts: connecting (a `postgres://` URL; `host=/socket/dir` works
//! too) and its append-only migrations (`postgres/migrations/*.sql`, recorded in
//! `schema_migrations` and applied under an advisory lock so concurrent first opens wait for
//! each other). Every other query is shared with SQLite (`db.rs`).

use crate::db::{PgConn, PG_WRITE_LOCK};
use crate::error::{PgContext, StoreError};

/// One PostgreSQL schema step. Append only; a released migration is never edited.
struct Migration {
    version: u32,
    sql: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("postgres/migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("postgres/migrations/0002_source_claims.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("postgres/migrations/0003_link_index.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("postgres/migrations/0004_accounts.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("postgres/migrations/0005_listing_index.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("postgres/migrations/0006_evidence_once.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("postgres/migrations/0007_search_index.sql"),
    },
    Migration {
        version: 8,
        sql: include_str!("postgres/migrations/0008_short_terms.sql"),
    },
];

/// The newest PostgreSQL schema version this build knows.
pub fn supported_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Connects and migrates.
pub(crate) fn connect(url: &str) -> Result<PgConn, StoreError> {
    let mut client =
        postgres::Client::connect(url, postgres::NoTls).pg_ctx("connecting to PostgreSQL")?;
    // No JIT: leakwatch's queries are short, and when statistics lag a bulk load their
    // estimated cost passes the JIT threshold, so each one spent ~20 ms compiling (a search's
    // 20 per-hit lookups: 25 ms each instead of 1).
    client
        .batch_execute("SET jit = off")
        .pg_ctx("turning off JIT compilation")?;
    let mut pg = PgConn::new(client);
    migrate(&mut pg)?;
    Ok(pg)
}

/// The highest applied version (0 for an empty database).
pub(crate) fn current_version(pg: &mut PgConn) -> Result<u32, StoreError> {
    let exists: bool = pg
        .client
        .query_one("SELECT to_regclass('schema_migrations') IS NOT NULL", &[])
        .pg_ctx("looking for the schema_migrations table")?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let v: Option<i64> = pg
        .client
        .query_one("SELECT MAX(version) FROM schema_migrations", &[])
        .pg_ctx("reading the schema version")?
        .get(0);
    u32::try_from(v.unwrap_or(0)).map_err(|_| StoreError::corrupt("schema version out of range"))
}

fn migrate(pg: &mut PgConn) -> Result<(), StoreError> {
    let mut tx = pg.client.transaction().pg_ctx("starting the migrations")?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&PG_WRITE_LOCK])
        .pg_ctx("locking for the migrations")?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    BIGINT PRIMARY KEY,
             applied_at TEXT NOT NULL
         )",
    )
    .pg_ctx("creating schema_migrations")?;
    let found: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            &[],
        )
        .pg_ctx("reading the schema version")?
        .get(0);
    let supported = i64::from(supported_version());
    if found > supported {
        return Err(StoreError::NewerSchema {
            found: u32::try_from(found).unwrap_or(u32::MAX),
            supported: supported_version(),
        });
    }
    for m in MIGRATIONS.iter().filter(|m| i64::from(m.version) > found) {
        tx.batch_execute(m.sql).map_err(|e| StoreError::Migration {
            version: m.version,
            message: e.to_string(),
        })?;
        tx.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
            &[&i64::from(m.version), &chrono::Utc::now().to_rfc3339()],
        )
        .pg_ctx("recording a migration")?;
    }
    tx.commit().pg_ctx("committing the migrations")
}
