//! Ingest use case: paths → documents → extractions → resolution plans → store, one document
//! per transaction, bad files collected while the run goes on.

use crate::progress::Progress;
use crate::AppError;
use leakwatch_extract::Extractor;
use leakwatch_ingest::{discover_with, load_file_checked, DiscoverOptions, Limits};
use leakwatch_store::Store;
use serde::Serialize;
use std::path::PathBuf;

/// A file that could not be ingested, and why.
#[derive(Debug, Clone, Serialize)]
pub struct FileFailure {
    pub path: String,
    pub reason: String,
}

/// What an ingest run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    /// Files read and decoded (new or not).
    pub read: usize,
    /// Documents stored for the first time.
    pub new: usize,
    /// Documents whose content was already stored (re-runs are no-ops).
    pub skipped: usize,
    pub failed: Vec<FileFailure>,
    /// Documents kept with repairs (invalid bytes replaced), with what was repaired.
    pub warnings: Vec<FileFailure>,
    pub incidents_created: usize,
    pub incidents_merged: usize,
}

/// Ingests every file under `paths` (symbolic links inside directories not followed).
pub fn ingest_paths(
    store: &mut dyn Store,
    extractor: &Extractor,
    paths: &[PathBuf],
    limits: &Limits,
    progress: &dyn Progress,
) -> Result<IngestSummary, AppError> {
    ingest_paths_with(
        store,
        extractor,
        paths,
        limits,
        &DiscoverOptions::default(),
        progress,
    )
}

/// Ingests every file under `paths`. Per-file problems are collected in the summary (and told
/// to `progress`); a store error stops the run, leaving every document stored before it intact.
pub fn ingest_paths_with(
    store: &mut dyn Store,
    extractor: &Extractor,
    paths: &[PathBuf],
    limits: &Limits,
    options: &DiscoverOptions,
    progress: &dyn Progress,
) -> Result<IngestSummary, AppError> {
    let mut summary = IngestSummary::default();
    let found = discover_with(paths, options);
    progress.start(found.len() as u64);
    // Chunks: files are read and decoded, then extracted, on every core; this thread checks
    // for known content and stores each document in discovery order, one transaction each —
    // so the result never depends on scheduling and a kill loses no document reported done.
    let mut found = found.into_iter().peekable();
    while found.peek().is_some() {
        let chunk: Vec<_> = found.by_ref().take(crate::parallel::CHUNK).collect();
        let loaded = crate::parallel::map_ordered(&chunk, |entry| match entry {
            Ok(path) => Some(load_file_checked(path, limits).map_err(|e| e.to_string())),
            Err(_) => None,
        });
        let mut to_extract = Vec::new();
        for (entry, load) in chunk.iter().zip(loaded) {
            let path = match entry {
                Ok(path) => path,
                Err(err) => {
                    record_failure(&mut summary, progress, "", err.to_string());
                    continue;
                }
            };
            let label = path.display().to_string();
            let document = match load {
                Some(Ok(loaded)) => {
                    for warning in loaded.warnings {
                        let reason = warning.to_string();
                        progress.message(&format!("warning: {reason}"));
                        summary.warnings.push(FileFailure {
                            path: label.clone(),
                            reason,
                        });
                    }
                    loaded.document
                }
                Some(Err(reason)) => {
                    record_failure(&mut summary, progress, &label, reason);
                    progress.advance(&label);
                    continue;
                }
                None => continue,
            };
            summary.read += 1;
            // Skip extraction entirely for content already stored: re-runs stay cheap.
            if store
                .document_key_by_hash(&document.content_hash)?
                .is_some()
            {
                summary.skipped += 1;
                progress.advance(&label);
                continue;
            }
            to_extract.push((label, document));
        }
        let extractions =
            crate::parallel::map_ordered(&to_extract, |(_, document)| extractor.extract(document));
        for ((label, document), extraction) in to_extract.iter().zip(extractions) {
            let outcome =
                store.ingest_resolved(document, &extraction, &leakwatch_resolve::Resolver)?;
            if outcome.new_document {
                summary.new += 1;
            } else {
                summary.skipped += 1;
            }
            summary.incidents_created += outcome.created.len();
            summary.incidents_merged += outcome.merged.len();
            progress.advance(label);
        }
    }
    progress.finish();
    Ok(summary)
}

fn record_failure(
    summary: &mut IngestSummary,
    progress: &dyn Progress,
    path: &str,
    reason: String,
) {
    progress.message(&reason);
    summary.failed.push(FileFailure {
        path: path.to_string(),
        reason,
    });
}
