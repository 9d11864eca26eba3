//! `SqlStore`, the one `Store` over both backends: opening an SQLite file (WAL, foreign keys,
//! busy timeout, identity check, migrations in `sqlite/migrations/`) or a PostgreSQL database
//! (`postgres.rs`), and the shared queries — the one-transaction ingest of a document with its
//! planned incidents, and the list/show reads. Search lives in `search.rs`, resolution and the
//! analyst operations in `resolution.rs`, value conversions in `convert.rs`.

use crate::error::{SqlContext, StoreError};
pub(crate) mod migrations;

pub(crate) use crate::read::{
    query_summaries, read_incident_headline, summaries_for_document, RawSource, SOURCE_COLUMNS,
    SUMMARY_COLUMNS,
};

pub(crate) use crate::convert::{
    parse_date, parse_json, parse_timestamp, stored_extraction_json, to_i64, to_json, to_u64,
};

use crate::db::{Db, OptionalExtension, PgConn, Tx};
use crate::sql::{params, Value};
use crate::{fold, org_key, search, IncidentUpdate, IngestOutcome, Store, StoreCounts};
use chrono::NaiveDate;
use leakwatch_model::{
    AuditEntry, Correction, Document, Extraction, FieldEvidence, Incident, IncidentFilter,
    IncidentId, IncidentPlan, IncidentSummary, KnownIncident, Organization, OrganizationView,
    Origin, PlanAction, Resolution, SearchHit, SourceRef,
};
use rusqlite::config::DbConfig;
use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;
use std::cell::RefCell;
use std::path::Path;
use std::time::Duration;

/// How long a writer waits for another process's lock before giving up; also the deadline of
/// the retries around steps SQLite does not retry itself (the switch to WAL).
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Pause between two tries of a step that found the database busy.
const BUSY_RETRY_PAUSE: Duration = Duration::from_millis(25);

/// Prepared statements kept per connection (every distinct statement leakwatch runs fits).
const STATEMENT_CACHE: usize = 256;

/// Bytes of a database file SQLite reads through a memory map (at most SQLite's build limit,
/// 2 GiB by default; beyond it pages are read as before).
const MMAP_SIZE: i64 = 1 << 31;

/// Written into the SQLite header of every leakwatch database (`PRAGMA application_id`):
/// the ASCII bytes "LkWt". A file carrying another id is refused.
pub const APPLICATION_ID: i32 = 0x4C6B_5774;

/// Runs `step` until it succeeds, fails with something other than "database is busy", or the
/// busy deadline passes: concurrent first use of a new file (several processes creating tables
/// and switching it to WAL at once) then waits instead of failing.
fn retry_busy<T>(mut step: impl FnMut() -> Result<T, StoreError>) -> Result<T, StoreError> {
    let start = std::time::Instant::now();
    loop {
        match step() {
            Err(e) if e.is_busy() && start.elapsed() < BUSY_TIMEOUT => {
                std::thread::sleep(BUSY_RETRY_PAUSE);
            }
            other => return other,
        }
    }
}

/// Whether the file at hand is a leakwatch database, a new one, or something else.
fn check_identity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let foreign = |reason: String| StoreError::Foreign {
        path: path.to_path_buf(),
        reason,
    };
    let id: i32 = match conn.query_row("PRAGMA application_id", [], |r| r.get(0)) {
        Ok(id) => id,
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(foreign("not an SQLite database".into()));
        }
        Err(e) => return Err(e).ctx("reading the application id"),
    };
    if id == APPLICATION_ID {
        return Ok(());
    }
    if id != 0 {
        return Err(foreign(format!("SQLite application id {id:#010x}")));
    }
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .ctx("listing tables")?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .ctx("listing tables")?
        .collect::<Result<_, _>>()
        .ctx("listing tables")?;
    let has = |t: &str| tables.iter().any(|n| n == t);
    // New, or written by a leakwatch from before the id (or by a concurrent opener that has
    // migrated but not yet marked it).
    if tables.is_empty() || (has("schema_migrations") && has("documents")) {
        return Ok(());
    }
    let shown: Vec<&str> = tables.iter().take(5).map(String::as_str).collect();
    Err(foreign(format!(
        "an SQLite file with other tables: {}{}",
        shown.join(", "),
        if tables.len() > 5 { ", …" } else { "" }
    )))
}

/// A date filter bound as stored dates (`YYYY-MM-DD` text, years 0000–9999) compare with it.
enum DateBound {
    Text(String),
    /// Later than every storable date.
    AfterAll,
    /// Earlier than every storable date.
    BeforeAll,
}

impl DateBound {
    fn of(date: NaiveDate) -> DateBound {
        use chrono::Datelike;
        match date.year() {
            y if y > 9999 => DateBound::AfterAll,
            y if y < 0 => DateBound::BeforeAll,
            _ => DateBound::Text(date.format("%Y-%m-%d").to_string()),
        }
    }
}

/// A `Store` (and `WatchStore`) in one SQLite database file (or in memory, for tests) or one
/// PostgreSQL database (`SqlStore::connect_postgres`). Every query is shared; only opening,
/// migrations and search differ by backend.
pub struct SqlStore {
    backend: Backend,
}

/// The `Store` of an SQLite file (the same type as every backend's).
pub type SqliteStore = SqlStore;

enum Backend {
    Sqlite(Connection),
    Postgres(Box<RefCell<PgConn>>),
}

impl std::fmt::Debug for SqlStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.backend {
            Backend::Sqlite(conn) => f
                .debug_struct("SqlStore")
                .field("sqlite", &conn.path())
                .finish(),
            Backend::Postgres(_) => f.debug_struct("SqlStore").field("postgres", &true).finish(),
        }
    }
}

impl SqliteStore {
    /// Opens (creating it and its parent directories if needed) the database at `path` and
    /// applies pending migrations. A database written by a newer leakwatch is refused with
    /// `StoreError::NewerSchema` and left untouched.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).ctx(&format!("opening {}", path.display()))?;
        Self::init(conn, Some(path))
    }

    /// A private, empty, migrated in-memory database.
    pub fn open_in_memory() -> Result<Self, StoreError> {
        let conn = Connection::open_in_memory().ctx("opening an in-memory database")?;
        Self::init(conn, None)
    }

    /// Connection set-up. `file` is the database path (None in memory: no WAL, no identity).
    fn init(mut conn: Connection, file: Option<&Path>) -> Result<Self, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)
            .ctx("setting busy_timeout")?;
        conn.pragma_update(None, "foreign_keys", true)
            .ctx("enabling foreign keys")?;
        // Refuse a foreign file and a newer schema before anything (even the journal mode)
        // touches the file.
        if let Some(path) = file {
            retry_busy(|| check_identity(&conn, path))?;
        }
        let found = retry_busy(|| migrations::current_version(&conn))?;
        let supported = migrations::supported_version();
        if found > supported {
            return Err(StoreError::NewerSchema { found, supported });
        }
        // A new file gets 16 KiB pages: a document row (a few KB of text) wastes up to half a
        // 4 KiB page, a sixth of a database's size. (Ignored once the file has its first table.)
        conn.pragma_update(None, "page_size", PAGE_SIZE)
            .ctx("setting the page size")?;
        if file.is_some() {
            // SQLite answers "database is locked" at once (without its busy handler) when
            // another connection is switching the same new file: retried until the deadline.
            let mode: String = retry_busy(|| {
                conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                    .ctx("switching to WAL journal mode")
            })?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Sqlite {
                    context: format!("switching to WAL journal mode (got '{mode}')"),
                    source: rusqlite::Error::InvalidQuery,
                });
            }
        }
        if file.is_some() {
            // In WAL mode NORMAL syncs at checkpoints, not at every commit: a committed
            // document survives a killed process (the WAL is written before commit returns);
            // only a power loss may take back the last commits.
            conn.pragma_update(None, "synchronous", "NORMAL")
                .ctx("setting synchronous = NORMAL")?;
            // Pages are read from a memory map of the file instead of one `pread` system call
            // each: the page cache is kept small (commits walk it), so a database larger than
            // it read most pages from the kernel again and again.
            conn.pragma_update(None, "mmap_size", MMAP_SIZE)
                .ctx("setting mmap_size")?;
        }
        // Ingest alone runs a few dozen distinct statements per document; rusqlite keeps 16
        // prepared by default, so they evicted each other and every document re-parsed its SQL.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Plans that do not depend on bound values (the query planner stability guarantee):
        // without it SQLite re-prepared every `WHERE x = ?1 ORDER BY y` statement each time a
        // new value was bound — a third of the ingest writer's SQL work spent re-parsing.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .ctx("enabling the query planner stability guarantee")?;
        conn.create_scalar_function(
            "lw_fold",
            1,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            |ctx| {
                let s: Option<String> = ctx.get(0)?;
                Ok(s.map(|s| fold(&s)))
            },
        )
        .ctx("registering lw_fold()")?;
        retry_busy(|| migrations::run(&mut conn))?;
        let id: i32 = retry_busy(|| {
            conn.query_row("PRAGMA application_id", [], |r| r.get(0))
                .ctx("reading the application id")
        })?;
        if id != APPLICATION_ID {
            retry_busy(|| {
                conn.pragma_update(None, "application_id", APPLICATION_ID)
                    .ctx("marking the database as leakwatch's (application_id)")
            })?;
        }
        let store = SqlStore {
            backend: Backend::Sqlite(conn),
        };
        // Documents a killed ingest left waiting enter the index now.
        retry_busy(|| store.index_backlog())?;
        Ok(store)
    }

    /// Connects to the PostgreSQL database at `url` and applies its pending migrations.
    pub fn connect_postgres(url: &str) -> Result<Self, StoreError> {
        let pg = crate::postgres::connect(url)?;
        Ok(SqlStore {
            backend: Backend::Postgres(Box::new(RefCell::new(pg))),
        })
    }

    /// The applied schema version.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        match &self.backend {
            Backend::Sqlite(conn) => migrations::current_version(conn),
            Backend::Postgres(pg) => crate::postgres::current_version(&mut pg.borrow_mut()),
        }
    }

    /// For bulk loads (`leakwatch import`) on this connection: WAL commits stop waiting for
    /// the disk (`PRAGMA synchronous = NORMAL`) and the WAL is checkpointed less often. Every
    /// transaction stays atomic and a crash of the process loses nothing; a power cut may lose
    /// the last commits, which a re-run restores.
    /// The full-text index merges its segments less eagerly (FTS5 `automerge` 16 instead of
    /// the default 4: fewer merges per commit) until [`SqlStore::end_bulk_load`]; the setting
    /// is kept in the database, so a load cut off leaves it at 16 (searches read a few more
    /// segments; nothing is lost, the next `end_bulk_load` or default writes restore it).
    /// On PostgreSQL the session stops waiting for the WAL flush (`synchronous_commit = off`).
    pub fn relax_durability(&self) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(conn) => {
                conn.pragma_update(None, "synchronous", "NORMAL")
                    .ctx("setting synchronous = NORMAL")?;
                // The page cache stays at SQLite's default size: a larger one made every
                // commit slower (SQLite walks the whole cache when a transaction ends; 64 MiB
                // cost 30 % of a PRC import's CPU against 2 MiB).
                conn.pragma_update(None, "wal_autocheckpoint", 20_000)
                    .ctx("setting wal_autocheckpoint")?;
                set_fts_automerge(conn, BULK_AUTOMERGE)
            }
            Backend::Postgres(_) => self
                .conn()
                .execute_batch("SET synchronous_commit = off")
                .ctx("setting synchronous_commit = off"),
        }
    }

    /// Moves the documents waiting in `fts_backlog` into the full-text index, in one
    /// transaction (one FTS5 segment for the lot). A no-op on PostgreSQL and when nothing waits.
    pub fn index_backlog(&self) -> Result<usize, StoreError> {
        self.index_backlog_from(0)
    }

    /// Fills the full-text index once [`FTS_BATCH`] documents wait (after an ingest commit).
    pub(crate) fn index_backlog_when_full(&self) -> Result<(), StoreError> {
        self.index_backlog_from(FTS_BATCH).map(|_| ())
    }

    /// Fills the full-text index when at least `at_least` (and at least one) documents wait;
    /// returns how many entered it.
    fn index_backlog_from(&self, at_least: i64) -> Result<usize, StoreError> {
        let Backend::Sqlite(conn) = &self.backend else {
            return Ok(0);
        };
        let waiting: i64 = conn
            .query_row("SELECT count(*) FROM fts_backlog", [], |r| r.get(0))
            .ctx("counting documents not yet in the full-text index")?;
        if waiting == 0 || waiting < at_least {
            return Ok(0);
        }
        let tx = self.begin("starting to fill the full-text index")?;
        tx.execute_batch(
            "INSERT INTO documents_fts (rowid, body)
                 SELECT f.id, f.body FROM fts_backlog b
                 JOIN documents_fts_body f ON f.id = b.document_id ORDER BY b.document_id;
             DELETE FROM fts_backlog;",
        )
        .ctx("filling the full-text index")?;
        tx.commit().ctx("committing the full-text index")?;
        Ok(usize::try_from(waiting).unwrap_or(0))
    }

    /// After a bulk load: the full-text index merges as usual again (FTS5 `automerge` 4).
    pub fn end_bulk_load(&self) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(conn) => set_fts_automerge(conn, DEFAULT_AUTOMERGE),
            Backend::Postgres(_) => Ok(()),
        }
    }

    /// The connection every shared query runs on.
    pub(crate) fn conn(&self) -> Db<'_> {
        match &self.backend {
            Backend::Sqlite(conn) => Db::Sqlite(conn),
            Backend::Postgres(pg) => Db::Pg(pg),
        }
    }

    /// Starts a write transaction (the write lock taken up front: IMMEDIATE on SQLite, the
    /// writers' advisory lock on PostgreSQL).
    pub(crate) fn begin(&self, what: &str) -> Result<Tx<'_>, StoreError> {
        self.conn().begin().ctx(what)
    }
}

impl Store for SqliteStore {
    fn index_pending(&mut self) -> Result<(), StoreError> {
        self.index_backlog().map(|_| ())
    }

    fn ingest_resolved(
        &mut self,
        doc: &Document,
        extraction: &Extraction,
        resolver: &dyn Resolution,
    ) -> Result<IngestOutcome, StoreError> {
        self.ingest_resolved_impl(doc, extraction, resolver)
    }

    fn ingest_resolved_many(
        &mut self,
        items: &[(Document, Extraction)],
        resolver: &dyn Resolution,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        self.ingest_resolved_many_impl(items, resolver)
    }

    fn known_incident(&self, id: IncidentId) -> Result<KnownIncident, StoreError> {
        self.known_incident_impl(id)
    }

    fn correct(
        &mut self,
        id: IncidentId,
        correction: &Correction,
        resolver: &dyn Resolution,
    ) -> Result<(), StoreError> {
        self.correct_impl(id, correction, resolver)
    }

    fn merge_incidents(
        &mut self,
        keep: IncidentId,
        absorb: IncidentId,
        author: &str,
        reason: &str,
        resolver: &dyn Resolution,
    ) -> Result<(), StoreError> {
        self.merge_incidents_impl(keep, absorb, author, reason, resolver)
    }

    fn split_source(
        &mut self,
        id: IncidentId,
        document_key: i64,
        author: &str,
        reason: &str,
        resolver: &dyn Resolution,
    ) -> Result<IncidentId, StoreError> {
        self.split_source_impl(id, document_key, author, reason, resolver)
    }

    fn audit_log(&self, id: Option<IncidentId>) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_log_impl(id)
    }

    fn organizations(&self) -> Result<Vec<Organization>, StoreError> {
        self.organizations_impl()
    }

    fn organization(
        &self,
        name: &str,
        resolver: &dyn Resolution,
    ) -> Result<OrganizationView, StoreError> {
        self.organization_impl(name, resolver)
    }

    fn document_keys(&self) -> Result<Vec<i64>, StoreError> {
        self.document_keys_impl()
    }

    fn complete_short_terms(&mut self) -> Result<u64, StoreError> {
        crate::search::complete_short_terms(self)
    }

    fn stored_document(&self, key: i64) -> Result<Document, StoreError> {
        self.stored_document_impl(key)
    }

    fn reextract_document(
        &mut self,
        document_key: i64,
        extraction: &Extraction,
        resolver: &dyn Resolution,
    ) -> Result<crate::ReextractOutcome, StoreError> {
        self.reextract_document_impl(document_key, extraction, resolver)
    }

    fn ingest_document(
        &mut self,
        doc: &Document,
        extraction: &Extraction,
        plans: &[IncidentPlan],
    ) -> Result<IngestOutcome, StoreError> {
        self.ingest_with(doc, extraction, &|_, _| Ok(plans.to_vec()), None)
    }

    fn document_key_by_hash(&self, content_hash: &str) -> Result<Option<i64>, StoreError> {
        key_by_hash(&self.conn(), content_hash)
    }

    fn reported_dates(
        &self,
        since: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<NaiveDate>, StoreError> {
        // Read from the `reported_on` index alone: a year's trend over a large database would
        // otherwise read every incident row and count its sources.
        let mut sql =
            String::from("SELECT reported_on FROM incidents WHERE reported_on IS NOT NULL");
        let mut args: Vec<Value> = Vec::new();
        for (bound, op) in [(since, ">="), (until, "<=")] {
            match DateBound::of(bound) {
                DateBound::Text(t) => {
                    sql.push_str(&format!(" AND reported_on {op} ?"));
                    args.push(Value::Text(t));
                }
                DateBound::AfterAll if op == ">=" => return Ok(Vec::new()),
                DateBound::BeforeAll if op == "<=" => return Ok(Vec::new()),
                _ => {}
            }
        }
        let rows = self
            .conn()
            .query(&sql, &args)
            .ctx("reading first-report dates")?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let text: Option<String> = row.get(0).ctx("reading a first-report date")?;
            if let Some(d) = parse_date(text, "reported_on", 0)? {
                out.push(d);
            }
        }
        Ok(out)
    }

    fn list_incidents(&self, filter: &IncidentFilter) -> Result<Vec<IncidentSummary>, StoreError> {
        let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM incidents i WHERE 1 = 1");
        let mut args: Vec<Value> = Vec::new();
        if let Some(cause) = filter.cause {
            sql.push_str(" AND i.cause = ?");
            args.push(Value::Text(cause.as_str().to_string()));
        }
        // NULL reported_on compares as NULL: undated incidents drop out when a bound is set.
        // Dates are stored as `YYYY-MM-DD`; a bound outside years 0000–9999 (`+10000-01-01`)
        // is compared as a date (every stored date is before it), never as text.
        if let Some(since) = filter.since {
            match DateBound::of(since) {
                DateBound::Text(t) => {
                    sql.push_str(" AND i.reported_on >= ?");
                    args.push(Value::Text(t));
                }
                DateBound::AfterAll => sql.push_str(" AND 1 = 0"),
                DateBound::BeforeAll => sql.push_str(" AND i.reported_on IS NOT NULL"),
            }
        }
        if let Some(until) = filter.until {
            match DateBound::of(until) {
                DateBound::Text(t) => {
                    sql.push_str(" AND i.reported_on <= ?");
                    args.push(Value::Text(t));
                }
                DateBound::AfterAll => sql.push_str(" AND i.reported_on IS NOT NULL"),
                DateBound::BeforeAll => sql.push_str(" AND 1 = 0"),
            }
        }
        if let Some(org) = &filter.org {
            let needle = fold(org.trim());
            if !needle.is_empty() {
                sql.push_str(
                    " AND (instr(lw_fold(i.organization), ?) > 0
                      OR EXISTS (SELECT 1 FROM json_each(i.aliases_json) a
                                 WHERE instr(lw_fold(a.value), ?) > 0))",
                );
                args.push(Value::Text(needle.clone()));
                args.push(Value::Text(needle));
            }
        }
        if filter.card_only {
            sql.push_str(" AND i.card_data = 1");
        }
        // Keyset paging: what comes after the position in the listing order below.
        if let Some(pos) = filter.after {
            match pos.reported_on {
                Some(d) => {
                    let d = d.format("%Y-%m-%d").to_string();
                    sql.push_str(
                        " AND (i.reported_on IS NULL OR i.reported_on < ?
                           OR (i.reported_on = ? AND i.id > ?))",
                    );
                    args.push(Value::Text(d.clone()));
                    args.push(Value::Text(d));
                }
                None => sql.push_str(" AND i.reported_on IS NULL AND i.id > ?"),
            }
            args.push(Value::Int(pos.id.0));
        }
        sql.push_str(" ORDER BY i.reported_on IS NULL, i.reported_on DESC, i.id LIMIT ?");
        args.push(Value::Int(match filter.limit {
            Some(n) => i64::try_from(n).unwrap_or(i64::MAX),
            None => i64::MAX,
        }));
        query_summaries(&self.conn(), &sql, args)
    }

    fn incident(&self, id: IncidentId) -> Result<Incident, StoreError> {
        let mut incident = read_incident_headline(&self.conn(), id)?;
        incident.evidence = self.evidence(id)?;
        incident.sources = self.sources(id)?;
        Ok(incident)
    }

    fn incidents_by_id(&self, ids: &[IncidentId]) -> Result<Vec<Incident>, StoreError> {
        crate::read::incidents_by_id(&self.conn(), ids)
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        search::search(self, query, limit)
    }

    fn incident_updates(&self) -> Result<Vec<IncidentUpdate>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached("SELECT id, updated_at FROM incidents ORDER BY id")
            .ctx("preparing the incident update times")?;
        let rows = stmt
            .query_map(params![], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .ctx("reading the incident update times")?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at) = row.ctx("reading the incident update times")?;
            out.push(IncidentUpdate {
                id: IncidentId(id),
                updated_at: parse_timestamp(&at, id)?,
            });
        }
        Ok(out)
    }

    fn counts(&self) -> Result<StoreCounts, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            let n: i64 = self
                .conn()
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), params![], |r| {
                    r.get(0)
                })
                .ctx(&format!("counting {table}"))?;
            to_u64(n, "row count")
        };
        Ok(StoreCounts {
            documents: count("documents")?,
            incidents: count("incidents")?,
            sources: count("incident_sources")?,
        })
    }
}

impl SqliteStore {
    /// Every stated value of the incident's sources with its evidence, ordered by field, then
    /// document and candidate. Read from the sources' candidates (the evidence is stored once,
    /// there).
    fn evidence(&self, id: IncidentId) -> Result<Vec<FieldEvidence>, StoreError> {
        Ok(crate::read::evidence_of(&crate::resolution::load_sources(
            &self.conn(),
            id,
        )?))
    }

    fn sources(&self, id: IncidentId) -> Result<Vec<SourceRef>, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {SOURCE_COLUMNS} FROM documents d
                 WHERE d.id IN (SELECT document_id FROM incident_sources WHERE incident_id = ?1)
                 ORDER BY d.published IS NULL, d.published, d.id"
            ))
            .ctx("preparing the sources query")?;
        let rows = stmt
            .query_map(params![id.0], RawSource::from_row)
            .ctx("reading sources")?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row.ctx("reading sources")?.into_source()?);
        }
        Ok(out)
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

pub(crate) fn key_by_hash(conn: &Db<'_>, content_hash: &str) -> Result<Option<i64>, StoreError> {
    conn.query_row(
        "SELECT id FROM documents WHERE content_hash = ?1",
        params![content_hash],
        |r| r.get(0),
    )
    .optional()
    .ctx("looking up a document by content hash")
}

pub(crate) fn insert_document(
    conn: &Db<'_>,
    doc: &Document,
    extraction: &Extraction,
    now: &str,
) -> Result<i64, StoreError> {
    let (origin, origin_kind) = match &doc.origin {
        Origin::File { path } => (path.display().to_string(), "file"),
        Origin::Url { url } => (url.clone(), "url"),
    };
    let extraction_json = stored_extraction_json(extraction)?;
    conn.query_row(
        "INSERT INTO documents
             (doc_id, content_hash, origin, origin_kind, media_type, encoding, title, published,
              language, text, ingested_at, extractor_version, extraction_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         RETURNING id",
        params![
            doc.id.0,
            doc.content_hash,
            origin,
            origin_kind,
            doc.media_type.as_str(),
            doc.encoding,
            doc.title,
            doc.published.map(|d| d.to_string()),
            doc.language.as_str(),
            doc.text,
            now,
            extraction.extractor_version,
            extraction_json
        ],
        |r| r.get(0),
    )
    .ctx("storing the document")
}

/// An incident's headline columns, ready to bind.
pub(crate) struct HeadlineParams<'a> {
    organization: &'a str,
    cause: &'static str,
    affected_count: Option<i64>,
    affected_qualifier: &'static str,
    affected_unit: Option<&'a str>,
    data_volume: Option<&'a str>,
    card_data: bool,
    confirmed: bool,
    dates: [Option<String>; 5],
    attacker: Option<&'a str>,
    regulator_action: Option<&'a str>,
    financial_impact_jpy: Option<i64>,
    reported_on: Option<String>,
    aliases_json: String,
    related_json: String,
    data_types_json: String,
    org_key: String,
    now: &'a str,
}

impl<'a> HeadlineParams<'a> {
    fn new(plan: &'a IncidentPlan, now: &'a str) -> Result<Self, StoreError> {
        Self::from_record(&plan.headline, plan.reported_on, now)
    }

    pub(crate) fn from_record(
        h: &'a leakwatch_model::IncidentRecord,
        reported_on: Option<NaiveDate>,
        now: &'a str,
    ) -> Result<Self, StoreError> {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        Ok(HeadlineParams {
            organization: &h.organization,
            cause: h.cause.as_str(),
            affected_count: h
                .affected_count
                .map(|n| to_i64(n, "affected count"))
                .transpose()?,
            affected_qualifier: h.affected_qualifier.as_str(),
            affected_unit: h.affected_unit.as_deref(),
            data_volume: h.data_volume.as_deref(),
            card_data: h.card_data,
            confirmed: h.confirmed,
            dates: [
                date(h.dates.occurred),
                date(h.dates.detected),
                date(h.dates.disclosed),
                date(h.dates.reported_police),
                date(h.dates.reported_ppc),
            ],
            attacker: h.attacker.as_deref(),
            regulator_action: h.regulator_action.as_deref(),
            financial_impact_jpy: h
                .financial_impact_jpy
                .map(|n| to_i64(n, "financial impact"))
                .transpose()?,
            reported_on: date(reported_on),
            aliases_json: to_json(&h.aliases, "aliases")?,
            related_json: to_json(&h.related, "related organisations")?,
            data_types_json: to_json(&h.data_types, "data types")?,
            org_key: org_key(&h.organization),
            now,
        })
    }
}

/// Carries out one plan for a stored document: creates or updates the incident, links the
/// source (with the resolution reason) and stores the candidate's evidence. Returns the
/// incident's id. Runs inside the caller's transaction.
pub(crate) fn apply_plan(
    conn: &Db<'_>,
    document_key: i64,
    doc: &Document,
    extraction: &Extraction,
    plan: &IncidentPlan,
    now: &str,
) -> Result<IncidentId, StoreError> {
    let candidate = extraction
        .incidents
        .get(plan.candidate_index)
        .ok_or_else(|| {
            StoreError::invalid(format!(
                "plan refers to candidate {} but the extraction of {} has {}",
                plan.candidate_index,
                doc.id,
                extraction.incidents.len()
            ))
        })?;
    let headline = HeadlineParams::new(plan, now)?;
    let (id, decision) = match plan.action {
        PlanAction::Create => (insert_incident(conn, &headline)?, "create"),
        PlanAction::MergeInto(id) => {
            update_incident(conn, id, &headline)?;
            (id, "merge")
        }
    };
    set_summary(conn, id, &plan.summary)?;
    let candidate_index = to_i64(plan.candidate_index, "candidate index")?;
    let candidate_json = crate::sentences::candidate_json(candidate, &doc.id.0, &doc.text)?;
    conn.execute(
        "INSERT INTO incident_sources
                 (incident_id, document_id, candidate_index, decision, reason, candidate_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id.0,
            document_key,
            candidate_index,
            decision,
            plan.reason,
            candidate_json
        ],
    )
    .ctx("linking the incident to its source")?;
    Ok(id)
}

/// Stores an incident's merge state (resolve's running `MergeSummary`).
pub(crate) fn set_summary(
    conn: &Db<'_>,
    id: IncidentId,
    summary: &leakwatch_model::MergeSummary,
) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE incidents SET summary_json = ?1 WHERE id = ?2",
        params![to_json(summary, "merge summary")?, id.0],
    )
    .ctx("storing the merge summary")?;
    Ok(())
}

impl HeadlineParams<'_> {
    /// The headline columns, in `HEADLINE_COLUMNS` order.
    fn values(&self) -> Vec<Value> {
        let [occurred, detected, disclosed, reported_police, reported_ppc] = self.dates.clone();
        vec![
            self.organization.into(),
            self.cause.into(),
            self.affected_count.into(),
            self.affected_qualifier.into(),
            self.affected_unit.into(),
            self.data_volume.into(),
            self.card_data.into(),
            self.confirmed.into(),
            occurred.into(),
            detected.into(),
            disclosed.into(),
            reported_police.into(),
            reported_ppc.into(),
            self.attacker.into(),
            self.regulator_action.into(),
            self.financial_impact_jpy.into(),
            self.reported_on.clone().into(),
            self.aliases_json.clone().into(),
            self.related_json.clone().into(),
            self.data_types_json.clone().into(),
            self.org_key.clone().into(),
            self.now.into(),
        ]
    }
}

/// The incident columns `HeadlineParams::values` binds, in order (`?1`…`?22`; `?22` is now).
const HEADLINE_COLUMNS: [&str; 21] = [
    "organization",
    "cause",
    "affected_count",
    "affected_qualifier",
    "affected_unit",
    "data_volume",
    "card_data",
    "confirmed",
    "occurred",
    "detected",
    "disclosed",
    "reported_police",
    "reported_ppc",
    "attacker",
    "regulator_action",
    "financial_impact_jpy",
    "reported_on",
    "aliases_json",
    "related_json",
    "data_types_json",
    "org_key",
];

/// The page size of new database files (bytes).
const PAGE_SIZE: i64 = 16_384;
/// FTS5's default `automerge`, and the one bulk loads use.
const DEFAULT_AUTOMERGE: i64 = 4;
/// How many new documents wait before they enter the full-text index together (one FTS5
/// segment per batch instead of per document).
const FTS_BATCH: i64 = 256;
const BULK_AUTOMERGE: i64 = 16;

fn set_fts_automerge(conn: &Connection, segments: i64) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO documents_fts(documents_fts, rank) VALUES ('automerge', ?1)",
        [segments],
    )
    .map(|_| ())
    .ctx("setting the full-text index's automerge")
}

pub(crate) fn insert_incident(
    conn: &Db<'_>,
    h: &HeadlineParams<'_>,
) -> Result<IncidentId, StoreError> {
    let placeholders: Vec<String> = (1..=HEADLINE_COLUMNS.len())
        .map(|i| format!("?{i}"))
        .collect();
    let sql = format!(
        "INSERT INTO incidents ({}, created_at, updated_at) VALUES ({}, ?22, ?22) RETURNING id",
        HEADLINE_COLUMNS.join(", "),
        placeholders.join(", ")
    );
    conn.query_row(&sql, &h.values(), |r| r.get(0))
        .map(IncidentId)
        .ctx("creating an incident")
}

pub(crate) fn update_incident(
    conn: &Db<'_>,
    id: IncidentId,
    h: &HeadlineParams<'_>,
) -> Result<(), StoreError> {
    let sets: Vec<String> = HEADLINE_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    let sql = format!(
        "UPDATE incidents SET {}, updated_at = ?22 WHERE id = ?23",
        sets.join(", ")
    );
    let mut values = h.values();
    values.push(Value::Int(id.0));
    let changed = conn
        .execute(&sql, &values)
        .ctx("updating a merged incident")?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            what: format!("incident {id} (merge target)"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lookup by one column ordered by another is planned once, not again for every value
    /// bound (SQLite re-prepares such statements unless the planner stability guarantee is on).
    #[test]
    fn lookups_are_not_re_prepared_for_each_bound_value() {
        let store = SqlStore::open_in_memory().unwrap();
        let Backend::Sqlite(conn) = &store.backend else {
            unreachable!("an in-memory store is SQLite")
        };
        let sql = "SELECT incident_id FROM incident_names WHERE name_key = ?1
                   ORDER BY incident_id DESC LIMIT 64";
        for key in ["a", "b", "c", "d"] {
            let mut stmt = conn.prepare_cached(sql).unwrap();
            let rows = stmt
                .query_map([key], |r| r.get::<_, i64>(0))
                .unwrap()
                .count();
            assert_eq!(rows, 0);
        }
        let stmt = conn.prepare_cached(sql).unwrap();
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }
}
