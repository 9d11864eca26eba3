//! leakwatch's persistence: the `Store` and `WatchStore` traits, `SqlStore` over its two
//! backends — SQLite (FTS5 trigram search) and PostgreSQL (pg_trgm) — with their own
//! append-only migrations and one set of queries (`db.rs`), the `--db` location (`location.rs`),
//! whole-database copies (`copy.rs`) and the typed `StoreError`.
//!
//! Owns: how documents, extractions, incidents, their sources and field evidence are kept and
//! queried. Must not parse documents or extract anything: it stores what the extract and
//! resolve stages decided, and answers the queries the views ask.

pub mod accounts;
mod convert;
mod copy;
mod db;
mod error;
mod location;
mod orgs;
mod postgres;
mod read;
mod resolution;
mod search;
mod sentences;
mod sql;
mod sqlite;
pub mod watch;

pub use copy::{copy_database, CopySummary};
pub use error::StoreError;
pub use location::DbLocation;
pub use resolution::ReextractOutcome;
pub use sqlite::migrations::supported_version;
pub use sqlite::{SqlStore, SqliteStore, APPLICATION_ID};

use leakwatch_model::{
    AuditEntry, Correction, Document, Extraction, Incident, IncidentFilter, IncidentId,
    IncidentPlan, IncidentSummary, KnownIncident, Organization, OrganizationView, Resolution,
    SearchHit,
};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// A place incidents are kept. Object safe: the app stage takes `&mut dyn Store`.
pub trait Store {
    /// Stores a document, its extraction and the planned incidents in ONE transaction.
    /// If a document with the same content_hash exists, does nothing and returns
    /// `IngestOutcome { new_document: false, .. }` with the existing key.
    /// A failing plan (e.g. `MergeInto` a missing incident → `NotFound`) writes nothing.
    fn ingest_document(
        &mut self,
        doc: &Document,
        extraction: &Extraction,
        plans: &[IncidentPlan],
    ) -> Result<IngestOutcome, StoreError>;

    /// The store's key for the document with this content hash, if it is stored.
    fn document_key_by_hash(&self, content_hash: &str) -> Result<Option<i64>, StoreError>;

    /// Incidents matching `filter`, newest `reported_on` first (undated last), then by id.
    fn list_incidents(&self, filter: &IncidentFilter) -> Result<Vec<IncidentSummary>, StoreError>;

    /// The first-report dates (`reported_on`) of the incidents reported within
    /// `[since, until]`, in no particular order: what a report's trend and its comparison
    /// with the previous period count, without reading the incidents themselves.
    fn reported_dates(
        &self,
        since: chrono::NaiveDate,
        until: chrono::NaiveDate,
    ) -> Result<Vec<chrono::NaiveDate>, StoreError> {
        let filter = IncidentFilter {
            since: Some(since),
            until: Some(until),
            ..IncidentFilter::default()
        };
        Ok(self
            .list_incidents(&filter)?
            .into_iter()
            .filter_map(|s| s.reported_on)
            .collect())
    }

    /// One incident with its evidence and sources; `StoreError::NotFound` when absent.
    fn incident(&self, id: IncidentId) -> Result<Incident, StoreError>;

    /// Several incidents as `incident` gives them, in the order of `ids`; ids not (or no
    /// longer) stored are left out. Backends override it to read them in a few queries
    /// instead of a few per incident (a month's report reads thousands).
    fn incidents_by_id(&self, ids: &[IncidentId]) -> Result<Vec<Incident>, StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            match self.incident(id) {
                Ok(i) => out.push(i),
                Err(StoreError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Full-text search over document titles and texts. Whitespace-separated terms are ANDed;
    /// any input is taken literally (no query syntax); an empty query gives no hits.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError>;

    /// How much is stored.
    fn counts(&self) -> Result<StoreCounts, StoreError>;

    /// Every incident's id with when it was last written (created, merged into, corrected),
    /// in id order. Feeds that hand out what changed since a time (TAXII) key on it.
    fn incident_updates(&self) -> Result<Vec<IncidentUpdate>, StoreError>;

    /// Stores a document and resolves its candidates against the incidents already stored, in
    /// ONE transaction: the known incidents matching the candidates' names are read, `resolver`
    /// plans, the plans are carried out, and organisations, names and links are recorded.
    /// Content already stored is a no-op (`new_document: false`).
    fn ingest_resolved(
        &mut self,
        doc: &Document,
        extraction: &Extraction,
        resolver: &dyn Resolution,
    ) -> Result<IngestOutcome, StoreError>;

    /// `ingest_resolved` for several documents, in ONE transaction where the backend can (bulk
    /// imports: one commit per batch instead of per document). Each document is resolved
    /// against everything stored before it, the batch's earlier documents included. On error
    /// nothing of the batch is kept. The default stores them one by one.
    fn ingest_resolved_many(
        &mut self,
        items: &[(Document, Extraction)],
        resolver: &dyn Resolution,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        items
            .iter()
            .map(|(doc, extraction)| self.ingest_resolved(doc, extraction, resolver))
            .collect()
    }

    /// Finishes work a backend defers for speed: on SQLite, documents stored since the last
    /// call enter the full-text index (search already finds them, more slowly). Ingest paths
    /// call it when they end; nothing is lost if it never runs (the next open catches up).
    fn index_pending(&mut self) -> Result<(), StoreError> {
        Ok(())
    }

    /// An incident with every source's candidate and its corrections.
    fn known_incident(&self, id: IncidentId) -> Result<KnownIncident, StoreError>;

    /// Records an analyst's correction (audited) and recomputes the headline.
    fn correct(
        &mut self,
        id: IncidentId,
        correction: &Correction,
        resolver: &dyn Resolution,
    ) -> Result<(), StoreError>;

    /// Moves every source, evidence row and correction of `absorb` into `keep`, deletes
    /// `absorb`, pins the sources so re-extraction keeps them together, and recomputes.
    fn merge_incidents(
        &mut self,
        keep: IncidentId,
        absorb: IncidentId,
        author: &str,
        reason: &str,
        resolver: &dyn Resolution,
    ) -> Result<(), StoreError>;

    /// Moves one source document of `id` into a new incident (pinned there); returns its id.
    fn split_source(
        &mut self,
        id: IncidentId,
        document_key: i64,
        author: &str,
        reason: &str,
        resolver: &dyn Resolution,
    ) -> Result<IncidentId, StoreError>;

    /// The audit log, of one incident or of everything.
    fn audit_log(&self, id: Option<IncidentId>) -> Result<Vec<AuditEntry>, StoreError>;

    /// Every organisation that is a victim or linked to one, with its alias set.
    fn organizations(&self) -> Result<Vec<Organization>, StoreError>;

    /// One organisation by any of its names: its incidents, those at its processors and
    /// subsidiaries (indirect), and its links.
    fn organization(
        &self,
        name: &str,
        resolver: &dyn Resolution,
    ) -> Result<OrganizationView, StoreError>;

    /// Keys of every stored document, in ingest order.
    fn document_keys(&self) -> Result<Vec<i64>, StoreError>;

    /// A stored document as it was ingested.
    fn stored_document(&self, key: i64) -> Result<Document, StoreError>;

    /// Makes PostgreSQL's table of short search terms cover every stored document (a database
    /// that already held documents when the table was added keeps scanning texts for short
    /// terms until then) and marks it complete. Returns how many documents were read: 0 when
    /// the table was complete already, and always on SQLite (its full-text index needs none).
    /// Documents stored meanwhile by other processes write their own terms.
    fn complete_short_terms(&mut self) -> Result<u64, StoreError>;

    /// Replaces a document's extraction and re-resolves its candidates in one transaction,
    /// keeping incident ids where the same victim is found again, honouring analyst pins and
    /// corrections, and removing incidents nothing supports any more.
    fn reextract_document(
        &mut self,
        document_key: i64,
        extraction: &Extraction,
        resolver: &dyn Resolution,
    ) -> Result<ReextractOutcome, StoreError>;
}

/// Opens (creating and migrating when needed) the database at `location`: the backend the
/// location names, behind the traits every command uses.
pub fn open(location: &DbLocation) -> Result<Box<dyn watch::WatchStore>, StoreError> {
    Ok(Box::new(open_sql(location)?))
}

/// `open`, as the concrete store (what `copy_database` takes).
pub fn open_sql(location: &DbLocation) -> Result<SqlStore, StoreError> {
    match location {
        DbLocation::Sqlite(path) => SqlStore::open(path),
        DbLocation::Postgres(url) => SqlStore::connect_postgres(url),
    }
}

/// What `ingest_document` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestOutcome {
    /// The stored document's key (the existing one when the content was already stored).
    pub document_key: i64,
    /// False when the same content was already stored (nothing was written).
    pub new_document: bool,
    /// Incidents created from this document's candidates.
    pub created: Vec<IncidentId>,
    /// Existing incidents this document's candidates were merged into.
    pub merged: Vec<IncidentId>,
}

/// When an incident was last written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentUpdate {
    pub id: IncidentId,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// Row counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreCounts {
    pub documents: u64,
    pub incidents: u64,
    /// Incident ← document links (one per stored candidate).
    pub sources: u64,
}

/// NFKC + lowercase: how the store compares names and search text case-insensitively.
pub(crate) fn fold(s: &str) -> String {
    s.nfkc().collect::<String>().to_lowercase()
}

/// The normalised organisation name stored in `incidents.org_key` — the same key resolution
/// compares names by (`leakwatch_jatext::normalize_org_name`).
pub fn org_key(name: &str) -> String {
    leakwatch_jatext::normalize_org_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_key_drops_legal_forms_width_and_case() {
        assert_eq!(org_key("株式会社サンプル商事"), "サンプル商事");
        assert_eq!(org_key("サンプル商事株式会社"), "サンプル商事");
        assert_eq!(org_key("（株）サンプル商事"), "サンプル商事");
        assert_eq!(org_key("㈱サンプル商事"), "サンプル商事");
        assert_eq!(org_key("ｻﾝﾌﾟﾙ 商事"), "サンプル商事");
        assert_eq!(org_key("有限会社 ＡＢＣ　Trading"), "abctrading");
        assert_eq!(org_key(""), "");
    }

    #[test]
    fn store_is_object_safe() {
        fn takes(_: &mut dyn Store) {}
        let mut s = SqliteStore::open_in_memory().unwrap();
        takes(&mut s);
    }
}
