//! Import and export use cases (issue 14): dataset records → synthetic documents → the normal
//! resolution path, one transaction per record; stored incidents + their sources' provenance
//! → `ExportIncident`s for the interop writers. Everything goes through the `Store` trait.

use crate::progress::Progress;
use crate::AppError;
use leakwatch_interop::export::{sort, ExportIncident, ExportSource};
use leakwatch_interop::{discover, read_file, ImportFormat, ImportOptions, Rejected};
use leakwatch_model::{
    CandidateIncident, Correction, Document, Extraction, IncidentFilter, IncidentId, IncidentPlan,
    IncidentRecord, IncidentState, KnownSource, MergeSummary, PlanAction, Resolution,
};
use leakwatch_store::Store;
use serde::Serialize;
use std::path::PathBuf;

/// What an import run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportSummary {
    pub format: String,
    pub files: usize,
    /// Records read from the files (imported, already stored or not).
    pub records: usize,
    /// Records stored for the first time.
    pub imported: usize,
    /// Records already stored (a second import adds nothing).
    pub skipped: usize,
    /// Records (or whole files) not imported, with file, line and reason.
    pub rejected: Vec<Rejected>,
    pub incidents_created: usize,
    pub incidents_merged: usize,
    /// Wall time of the run.
    pub seconds: f64,
}

/// Imports every file under `paths` as `format`. A bad record or file is collected in
/// `rejected` while the run goes on; a store error stops it (records stored before stay).
pub fn import_paths(
    store: &mut dyn Store,
    format: ImportFormat,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &dyn Progress,
) -> Result<ImportSummary, AppError> {
    let started = std::time::Instant::now();
    let mut summary = ImportSummary {
        format: format.as_str().to_string(),
        ..Default::default()
    };
    let mut files = Vec::new();
    for p in paths {
        match discover(format, p) {
            Ok(found) => files.extend(found),
            Err(e) => reject_file(&mut summary, progress, p, e.to_string()),
        }
    }
    progress.start(files.len() as u64);
    let mut pending = Vec::new();
    let mut dataset = String::new();
    for file in files {
        let label = file.display().to_string();
        summary.files += 1;
        let batch = match read_file(format, &file, options) {
            Ok(b) => b,
            Err(e) => {
                reject_file(&mut summary, progress, &file, e.to_string());
                progress.advance(&label);
                continue;
            }
        };
        for r in batch.rejected {
            progress.message(&format!("rejected: {r}"));
            summary.rejected.push(r);
        }
        for record in batch.records {
            summary.records += 1;
            let (doc, extraction) = record.to_document();
            let original = record.source.as_ref().and_then(|s| s.original_hash.clone());
            let known = store.document_key_by_hash(&doc.content_hash)?.is_some()
                || match &original {
                    Some(h) => store.document_key_by_hash(h)?.is_some(),
                    None => false,
                };
            if known {
                summary.skipped += 1;
                continue;
            }
            // A batch holds one dataset's records (its resolver depends on the dataset); a
            // JSONL restore is one batch stream whatever its sources' datasets.
            let key = if format == ImportFormat::Jsonl {
                "jsonl"
            } else {
                record.dataset.as_str()
            };
            if pending.len() >= BATCH || key != dataset {
                store_batch(store, &dataset, &mut pending, &mut summary)?;
                dataset = key.to_string();
            }
            pending.push((doc, extraction));
        }
        progress.advance(&label);
    }
    store_batch(store, &dataset, &mut pending, &mut summary)?;
    store.index_pending()?;
    progress.finish();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Datasets whose records are distinct incidents by the curators' own account: a record never
/// merges into an incident that already has a source from the same dataset (two VCDB
/// incidents of one victim with only a year stay two), while it still merges with press
/// releases and other datasets. PRC (two overlapping exports) and ransomwatch (a victim posted
/// twice) resolve normally.
pub const DISTINCT_RECORD_DATASETS: &[&str] = &["vcdb", "hibp"];

/// The normal resolver, with known incidents from the same distinct-record dataset left out.
struct DatasetResolver<'a> {
    dataset: &'a str,
}

impl DatasetResolver<'_> {
    /// For a distinct-record dataset, the key that marks an incident holding a record of this
    /// dataset (`U+0000 dataset: victim`). It starts with U+0000, which no name key holds, and
    /// names the victim, so looking it up finds only that victim's incidents of the dataset.
    fn marker(&self, candidate: &CandidateIncident) -> Option<String> {
        DISTINCT_RECORD_DATASETS.contains(&self.dataset).then(|| {
            let name = leakwatch_resolve::Resolver.name_key(&candidate.organization.value);
            format!("\u{0}{}:{name}", self.dataset)
        })
    }
}

impl Resolution for DatasetResolver<'_> {
    fn name_key(&self, name: &str) -> String {
        leakwatch_resolve::Resolver.name_key(name)
    }
    fn candidate_keys(&self, candidate: &CandidateIncident) -> Vec<String> {
        let mut keys = leakwatch_resolve::Resolver.candidate_keys(candidate);
        keys.extend(self.marker(candidate));
        keys
    }
    fn headline_keys(&self, headline: &IncidentRecord) -> Vec<String> {
        leakwatch_resolve::Resolver.headline_keys(headline)
    }
    fn plan(
        &self,
        doc: &Document,
        document_key: i64,
        extraction: &Extraction,
        known: &[IncidentState],
        pins: &[(String, IncidentId)],
    ) -> Result<Vec<IncidentPlan>, String> {
        // An incident whose keys hold a marker of this dataset already has one of its
        // records: it is no candidate for another one.
        if !DISTINCT_RECORD_DATASETS.contains(&self.dataset) {
            return leakwatch_resolve::Resolver.plan(doc, document_key, extraction, known, pins);
        }
        let prefix = format!("\u{0}{}:", self.dataset);
        let others: Vec<IncidentState> = known
            .iter()
            .filter(|k| !k.keys.iter().any(|key| key.starts_with(&prefix)))
            .cloned()
            .collect();
        leakwatch_resolve::Resolver.plan(doc, document_key, extraction, &others, pins)
    }
    fn summarize(&self, sources: &[KnownSource]) -> MergeSummary {
        leakwatch_resolve::Resolver.summarize(sources)
    }
    fn combine(&self, a: &MergeSummary, b: &MergeSummary) -> MergeSummary {
        leakwatch_resolve::Resolver.combine(a, b)
    }
    fn headline(
        &self,
        summary: &MergeSummary,
        corrections: &[Correction],
    ) -> Result<(IncidentRecord, Option<chrono::NaiveDate>), String> {
        leakwatch_resolve::Resolver.headline(summary, corrections)
    }
}

/// Records stored per transaction: one commit (and one full-text index flush) per batch.
const BATCH: usize = 500;

fn store_batch(
    store: &mut dyn Store,
    dataset: &str,
    pending: &mut Vec<(leakwatch_model::Document, Extraction)>,
    summary: &mut ImportSummary,
) -> Result<(), AppError> {
    if pending.is_empty() {
        return Ok(());
    }
    let outcomes = if dataset == "jsonl" {
        store.ingest_resolved_many(pending, &RestoreResolver)?
    } else {
        store.ingest_resolved_many(pending, &DatasetResolver { dataset })?
    };
    for outcome in outcomes {
        if outcome.new_document {
            summary.imported += 1;
        } else {
            summary.skipped += 1;
        }
        summary.incidents_created += outcome.created.len();
        summary.incidents_merged += outcome.merged.len();
    }
    pending.clear();
    Ok(())
}

/// Resolution for a JSONL restore: the records of one exported incident (one restore group)
/// go back into one incident; the first of a group resolves normally against incidents that
/// were not themselves restored from JSONL (restored incidents were already resolved by the
/// database that exported them), so export → import → export is exact. A restored incident
/// carries a marker key of its group (`U+0000 jsonl: group`), which is how later lines of the
/// group find it.
struct RestoreResolver;

/// The marker-key prefix of incidents restored from JSONL.
const RESTORE_MARKER: &str = "\u{0}jsonl:";

impl Resolution for RestoreResolver {
    fn name_key(&self, name: &str) -> String {
        leakwatch_resolve::Resolver.name_key(name)
    }
    fn candidate_keys(&self, candidate: &CandidateIncident) -> Vec<String> {
        let mut keys = leakwatch_resolve::Resolver.candidate_keys(candidate);
        if let Some(g) = leakwatch_interop::restore_group(candidate) {
            keys.push(format!("{RESTORE_MARKER}{g}"));
        }
        keys
    }
    fn headline_keys(&self, headline: &IncidentRecord) -> Vec<String> {
        leakwatch_resolve::Resolver.headline_keys(headline)
    }
    fn plan(
        &self,
        doc: &Document,
        document_key: i64,
        extraction: &Extraction,
        known: &[IncidentState],
        pins: &[(String, IncidentId)],
    ) -> Result<Vec<IncidentPlan>, String> {
        let group = extraction
            .incidents
            .first()
            .and_then(leakwatch_interop::restore_group);
        if let Some(g) = group {
            let marker = format!("{RESTORE_MARKER}{g}");
            if let Some(k) = known.iter().find(|k| k.keys.contains(&marker)) {
                let mut plans = leakwatch_resolve::Resolver.plan(
                    doc,
                    document_key,
                    extraction,
                    std::slice::from_ref(k),
                    pins,
                )?;
                for p in &mut plans {
                    if p.action == PlanAction::Create {
                        // Identical candidates always match; never split a group.
                        return Err(format!(
                            "restore group {g}: source did not rejoin incident #{}",
                            k.id
                        ));
                    }
                    p.reason = format!("restored with its JSONL line ({g})");
                }
                return Ok(plans);
            }
        }
        let others: Vec<IncidentState> = known
            .iter()
            .filter(|k| !k.keys.iter().any(|key| key.starts_with(RESTORE_MARKER)))
            .cloned()
            .collect();
        leakwatch_resolve::Resolver.plan(doc, document_key, extraction, &others, pins)
    }
    fn summarize(&self, sources: &[KnownSource]) -> MergeSummary {
        leakwatch_resolve::Resolver.summarize(sources)
    }
    fn combine(&self, a: &MergeSummary, b: &MergeSummary) -> MergeSummary {
        leakwatch_resolve::Resolver.combine(a, b)
    }
    fn headline(
        &self,
        summary: &MergeSummary,
        corrections: &[Correction],
    ) -> Result<(IncidentRecord, Option<chrono::NaiveDate>), String> {
        leakwatch_resolve::Resolver.headline(summary, corrections)
    }
}

fn reject_file(
    summary: &mut ImportSummary,
    progress: &dyn Progress,
    path: &std::path::Path,
    reason: String,
) {
    progress.message(&reason);
    summary.rejected.push(Rejected {
        file: path.display().to_string(),
        line: None,
        record: None,
        reason,
    });
}

/// The incidents `filter` selects, with their sources' provenance, in export order.
pub fn export_incidents(
    store: &dyn Store,
    filter: &IncidentFilter,
) -> Result<Vec<ExportIncident>, AppError> {
    let mut out = Vec::new();
    for summary in store.list_incidents(filter)? {
        let incident = store.incident(summary.id)?;
        let mut sources = Vec::with_capacity(incident.sources.len());
        for s in &incident.sources {
            let doc = store.stored_document(s.document_key)?;
            sources.push(ExportSource::from_document(s, &doc));
        }
        out.push(ExportIncident::new(incident, sources));
    }
    sort(&mut out);
    Ok(out)
}

/// One object of the STIX collection the server hands out over TAXII, with when it last
/// changed (TAXII's `date_added`) and its version (its `modified`).
#[derive(Debug, Clone, PartialEq)]
pub struct DatedObject {
    pub id: String,
    pub object_type: String,
    pub date_added: chrono::DateTime<chrono::Utc>,
    /// The object's `modified` (or `created`), as written.
    pub version: String,
    pub object: serde_json::Value,
}

/// Every incident's STIX objects (the `export --format stix` bundle's, split by incident), each
/// dated by the last write of the incidents it comes from, ordered by date then id. An
/// incident's `modified` is moved up to that write so a consumer polling the collection takes a
/// merged or corrected incident as a new version. `updates` is `Store::incident_updates`, read
/// by the caller (which keys a cache on it).
pub fn stix_collection(
    store: &dyn Store,
    updates: &[leakwatch_store::IncidentUpdate],
) -> Result<Vec<DatedObject>, AppError> {
    use std::collections::BTreeMap;
    let written: std::collections::HashMap<IncidentId, chrono::DateTime<chrono::Utc>> =
        updates.iter().map(|u| (u.id, u.updated_at)).collect();
    let mut objects: BTreeMap<String, DatedObject> = BTreeMap::new();
    for e in export_incidents(store, &IncidentFilter::default())? {
        // An incident written after `updates` was read is dated now: it is newer than any
        // cursor handed out before.
        // Microseconds: what TAXII timestamps carry, so a cursor read back compares equal.
        let date_added = chrono::SubsecRound::trunc_subsecs(
            written
                .get(&e.incident.id)
                .copied()
                .unwrap_or_else(chrono::Utc::now),
            6,
        );
        let stamp = stix_timestamp(date_added);
        let bundle = leakwatch_interop::export::stix::bundle(std::slice::from_ref(&e));
        let Some(list) = bundle.get("objects").and_then(|o| o.as_array()) else {
            continue;
        };
        for object in list {
            let mut object = object.clone();
            let Some(id) = object
                .get("id")
                .and_then(|v| v.as_str())
                .map(str::to_string)
            else {
                continue;
            };
            let object_type = object
                .get("type")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            if object_type == "incident" {
                let created = object.get("created").and_then(|v| v.as_str()).unwrap_or("");
                // Both are `YYYY-MM-DDTHH:MM:SS.sssZ`: they compare as text.
                if stamp.as_str() > created {
                    object["modified"] = serde_json::Value::String(stamp.clone());
                }
            }
            let version = object
                .get("modified")
                .or_else(|| object.get("created"))
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| stamp.clone());
            // An object several incidents share (their organisation, an attacker) is as new
            // as the newest of them.
            match objects.get_mut(&id) {
                Some(seen) if seen.date_added >= date_added => {}
                _ => {
                    objects.insert(
                        id.clone(),
                        DatedObject {
                            id,
                            object_type,
                            date_added,
                            version,
                            object,
                        },
                    );
                }
            }
        }
    }
    let mut out: Vec<DatedObject> = objects.into_values().collect();
    out.sort_by(|a, b| {
        a.date_added
            .cmp(&b.date_added)
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(out)
}

/// A STIX / TAXII timestamp: UTC, milliseconds, `Z`.
pub fn stix_timestamp(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn examples() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/documents")
    }

    #[test]
    fn the_collection_is_the_export_split_by_incident_and_dated_by_writes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = leakwatch_store::SqlStore::open(&dir.path().join("lw.db")).unwrap();
        let extractor = leakwatch_extract::Extractor::new();
        crate::ingest_paths(
            &mut store,
            &extractor,
            &[examples()],
            &leakwatch_ingest::Limits::default(),
            &crate::NoProgress,
        )
        .unwrap();
        let updates = store.incident_updates().unwrap();
        assert!(updates.len() >= 10, "{updates:?}");
        let objects = stix_collection(&store, &updates).unwrap();
        // The same objects as the whole bundle, none twice.
        let whole = leakwatch_interop::export::stix::bundle(
            &export_incidents(&store, &IncidentFilter::default()).unwrap(),
        );
        let whole_ids: BTreeSet<&str> = whole["objects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap())
            .collect();
        let ids: BTreeSet<&str> = objects.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids.len(), objects.len());
        assert_eq!(ids, whole_ids);
        // Ordered by date added, then id; every date is one of the incidents' writes.
        assert!(objects
            .windows(2)
            .all(|w| (w[0].date_added, &w[0].id) < (w[1].date_added, &w[1].id)));
        let writes: BTreeSet<_> = updates
            .iter()
            .map(|u| chrono::SubsecRound::trunc_subsecs(u.updated_at, 6))
            .collect();
        assert!(objects.iter().all(|o| writes.contains(&o.date_added)));
        // An incident's version is its last write (or its own date, if later).
        for o in objects.iter().filter(|o| o.object_type == "incident") {
            let modified = o.object["modified"].as_str().unwrap();
            assert_eq!(modified, o.version);
            assert!(modified >= o.object["created"].as_str().unwrap());
            assert!(modified >= stix_timestamp(o.date_added).as_str());
        }
    }
}
